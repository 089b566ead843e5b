"""Stated comparisons against the two values: "surpassed", "exceeded", "higher than", "below", "outpaced".

Two sources: the ``comparison`` links the extractor makes from the parse, and comparison words of
``check.compare.*`` between two figures of one sentence ("rose 4.2 percent, higher than the 3.5 percent
recorded in Fujian"). "beating the target of 430,000 by 22,000" also checks the margin.
"""

from __future__ import annotations

import re
from typing import Any

from factex.checks.context import ArticleView, conversion, unit
from factex.checks.model import Status, make_check
from factex.checks.numbers import Interval, fmt, tolerance
from factex.checks.rules import ends_with

_FLIP = {">": "<", "<": ">", "=": "=", ">=": "<=", "<=": ">="}
#: What may stand between a comparison word and the second figure: "the national average of", "the 3.5".
_LEAD_IN = re.compile(r"^[\s,]*(?:(?:the|a|an|its|their|that|those|of|at|with|[\w’'.-]+)\s+){0,7}$")


def check_comparisons(view: ArticleView) -> list[dict[str, Any]]:
    """Every stated comparison between two figures, checked against their values (and a stated margin)."""
    pairs: dict[frozenset[str], tuple[dict[str, Any], str, dict[str, Any], str, str]] = {}
    margins = _margin_ids(view)
    for a, relation, b, word, rule in _text_comparisons(view):
        pairs.setdefault(frozenset((a["id"], b["id"])), (a, relation, b, word, rule))
    for claim in view.claims:
        comp = claim.get("comparison") or {}
        other = view.by_id(comp.get("other", "")) if comp.get("relation") else None
        if other is None or claim["id"] in margins or other["id"] in margins or _earlier(view, claim, other):
            continue
        key = frozenset((claim["id"], other["id"]))
        if key not in pairs and conversion(claim, other) is not None:
            a, relation, b = claim, comp["relation"], other
            if _word_relation(view, comp.get("word", "")) == _FLIP.get(relation):
                a, relation, b = other, _FLIP[relation], claim  # told from the side of the second figure
            pairs[key] = (a, relation, b, comp.get("word", ""), "check.compare.verb")
    checks = []
    for a, relation, b, word, rule in pairs.values():
        checks.append(_relation_check(view, a, relation, b, word, rule))
        margin = _margin_after(view, b)
        if margin is not None:
            checks.append(_margin_check(view, a, relation, b, margin))
    return checks


def _word_relation(view: ArticleView, word: str) -> str | None:
    """The relation a comparison word states from the side of its subject ("surpassed": ">")."""
    for cue in view.rules.compare:
        if cue.regex is not None and cue.regex.fullmatch(word):
            return str(cue.meaning(word))
    return None


def _earlier(view: ArticleView, *claims: dict[str, Any]) -> bool:
    """One of the figures is the earlier level of a change ("down from 4.7 per cent"), not a compared figure."""
    return any(ends_with(view.rules.from_words, view.before(c, 30)) for c in claims)


def _text_comparisons(view: ArticleView) -> list[tuple[dict[str, Any], str, dict[str, Any], str, str]]:
    """(a, relation, b, word, rule) for "A ... <comparison word> ... B" within one sentence."""
    found = []
    if view.text is None:
        return found
    for claims in view.sentences():
        for i, a in enumerate(claims):
            b = next((c for c in claims[i + 1 :] if _comparable(a, c)), None)
            if b is None or (b["value"].get("change") and b["value"].get("change") != a["value"].get("change")):
                continue
            gap = view.between(a, b) or ""
            if len(gap) > 90 or ";" in gap:
                continue
            hit = _cue_in(view, gap)
            if hit is None:
                continue
            word, relation, rule, rest = hit
            if rest.lstrip().lower().startswith(view.rules.passive + " "):
                relation = _FLIP[relation]  # "was surpassed by B"
            found.append((a, relation, b, word, rule))
    return found


def _comparable(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two figures of the same sort (kind and unit; a bare number goes with a count)."""
    if a["kind"] in ("rank", "duration") or conversion(a, b) is None:
        return False
    return a["kind"] == b["kind"] or {a["kind"], b["kind"]} <= {"count", "quantity"}


def _cue_in(view: ArticleView, gap: str) -> tuple[str, str, str, str] | None:
    """The last comparison word of the gap, when nothing but a lead-in follows it and no clause break precedes it."""
    best: tuple[int, str, str, str, str] | None = None
    for cue in view.rules.compare:
        if cue.regex is None:
            continue
        for m in cue.regex.finditer(gap):
            relation = cue.meaning(m.group())
            if relation and (best is None or m.start() > best[0]):
                best = (m.start(), m.group(), relation, cue.id, gap[m.end() :])
    if best is None:
        return None
    start, word, relation, rule, rest = best
    head = gap[:start]
    if view.rules.stop is not None and view.rules.stop.search(head):
        return None
    rest_words = rest.strip()
    if rest_words.lower().startswith(view.rules.passive + " "):
        rest_words = rest_words[len(view.rules.passive) + 1 :]
    if not _LEAD_IN.match(rest_words + " " if rest_words else ""):
        return None
    return word, relation, rule, rest


def _holds(relation: str, a: Interval, b: Interval) -> Status:
    """Holds when the stated points satisfy the relation; fails when no values within rounding do."""
    point = {
        ">": a.point > b.point,
        "<": a.point < b.point,
        "=": a.overlaps(b),
        ">=": a.point >= b.point,
        "<=": a.point <= b.point,
    }[relation]
    possible = {">": a.hi > b.lo, "<": a.lo < b.hi, "=": a.overlaps(b), ">=": a.hi >= b.lo, "<=": a.lo <= b.hi}[
        relation
    ]
    if point:
        return "holds"
    return "unclear" if possible else "fails"


def _relation_check(
    view: ArticleView, a: dict[str, Any], relation: str, b: dict[str, Any], word: str, rule: str
) -> dict[str, Any]:
    factor = conversion(a, b) or 1.0
    ia, ib = view.interval(a), view.interval(b).scale(factor)
    status = _holds(relation, ia, ib)
    implied = ">" if ia.point > ib.point else "<" if ia.point < ib.point else "="
    u = unit(a)
    verdict = {"holds": "holds", "fails": "does not hold", "unclear": "holds only within rounding"}[status]
    explanation = (
        f"'{a['mention']['text']}' {word or relation} '{b['mention']['text']}': "
        f"{fmt(ia.point, u)} {relation} {fmt(ib.point, u)} {verdict}"
    )
    return make_check(
        "comparison",
        status,
        [a["id"], b["id"]],
        rule=rule,
        expected=implied,
        observed=relation,
        tolerance=tolerance(ia, ib),
        unit=u,
        explanation=explanation,
    )


def _margin_ids(view: ArticleView) -> set[str]:
    """Claims that are the margin of a comparison ("by 22,000")."""
    if view.text is None or view.rules.margin.regex is None:
        return set()
    return {c["id"] for c in view.claims if view.rules.margin.ends(view.before(c, 20))}


def _margin_after(view: ArticleView, b: dict[str, Any]) -> dict[str, Any] | None:
    """The figure right after B introduced by "by" ("430,000 by 22,000")."""
    if view.text is None or view.rules.margin.regex is None:
        return None
    later = [c for c in view.sentence_claims(b) if c["mention"]["start"] >= b["mention"]["end"]]
    if not later:
        return None
    gap = view.between(b, later[0]) or ""
    m = view.rules.margin.regex.fullmatch(gap.strip())
    return later[0] if m else None


def _margin_check(
    view: ArticleView, a: dict[str, Any], relation: str, b: dict[str, Any], margin: dict[str, Any]
) -> dict[str, Any]:
    u = unit(a)
    ia, ib = view.interval(a), view.interval(b).scale(conversion(a, b) or 1.0)
    im = view.interval(margin)
    if unit(margin) == "percent" and u != "percent":
        diff = (ia - ib).divide(ib)
        expected = diff.scale(100) if diff is not None else None
        mu = "percent"
    else:
        difference = ia - ib if ia.point >= ib.point else ib - ia
        expected = difference.scale(conversion(margin, a) or 1.0)
        mu = unit(margin) or u
    if expected is None:
        return make_check(
            "comparison.margin",
            "unclear",
            [a["id"], b["id"], margin["id"]],
            rule="check.compare.margin",
            expected=None,
            observed=im.point,
            tolerance=None,
            unit=mu,
            explanation="the margin cannot be computed from these figures",
        )
    if expected.point < 0:
        expected = Interval(-expected.hi, -expected.lo, -expected.point)
    status: Status = "holds" if expected.overlaps(im) else "fails"
    explanation = (
        f"{fmt(ia.point, u)} - {fmt(ib.point, u)} = {fmt(expected.point, mu)}; the article states a margin of "
        f"{fmt(im.point, mu)}"
    )
    return make_check(
        "comparison.margin",
        status,
        [a["id"], b["id"], margin["id"]],
        rule="check.compare.margin",
        expected=expected.point,
        observed=im.point,
        tolerance=tolerance(expected, im),
        unit=mu,
        explanation=explanation,
    )
