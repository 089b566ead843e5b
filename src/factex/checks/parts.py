"""Parts and wholes: sums against their stated totals, and identities between roles.

"A and B, totalling C"; a list of components against its stated total; the identities surplus =
exports - imports, total trade = exports + imports, natural decrease = deaths - births.
"""

from __future__ import annotations

import re
from typing import Any

from factex.checks.context import ArticleView, conversion, same_or_unknown, sentence, unit
from factex.checks.model import Status, make_check
from factex.checks.numbers import Interval, fmt, tolerance
from factex.checks.rules import Balance, words_regex

_EARLIER = re.compile(
    r"(?i)\b(?:from|than|compared\s+(?:with|to)|against|versus)(?:\s+(?:the|a|an|its|their|last\s+year's))?\s*$"
)
_OF_OPENER = re.compile(r"(?i)^\s*of\s+(?:the\s+)?$")
_WORD_BREAK = re.compile(r"[,.;:()]")


def _countlike(claim: dict[str, Any]) -> bool:
    return claim["kind"] == "count" or (claim["kind"] == "quantity" and unit(claim) == "")


def _addable(total: dict[str, Any], part: dict[str, Any]) -> float | None:
    """The factor that turns the part's unit into the total's, when the two can be added up."""
    if part["kind"] not in ("quantity", "money", "count"):
        return None
    if _countlike(total) and _countlike(part):
        return 1.0
    return conversion(total, part)


def _sum(view: ArticleView, total: dict[str, Any], parts: list[dict[str, Any]]) -> Interval:
    acc = Interval.exact(0.0)
    for part in parts:
        acc = acc + view.interval(part).scale(_addable(total, part) or 1.0)
    return acc


def check_parts(view: ArticleView) -> list[dict[str, Any]]:
    """Sums against their stated totals, lists against their totals, and the balance identities."""
    if view.text is None:
        return []
    checks = []
    for claim in view.claims:
        found = _sum_check(view, claim)
        if found is not None:
            checks.append(found)
        listed = _list_check(view, claim)
        if listed is not None:
            checks.append(listed)
    checks.extend(_balance_checks(view))
    return checks


# -- "A and B, totalling C" ----------------------------------------------------------------------
def _candidates(view: ArticleView, total: dict[str, Any]) -> list[dict[str, Any]]:
    """Figures before the total that could be its parts, nearest last."""
    out = []
    for claim in view.claims:
        if claim["mention"]["start"] >= total["mention"]["start"]:
            break
        if claim is total or _addable(total, claim) is None:
            continue
        if claim["value"].get("change") != total["value"].get("change"):
            continue
        if _EARLIER.search(view.before(claim, 25)):
            continue
        if view.paragraph(total) - view.paragraph(claim) > 2:
            continue
        out.append(claim)
    return out


def _sum_check(view: ArticleView, total: dict[str, Any]) -> dict[str, Any] | None:
    cue = view.rules.sum_total
    if cue.regex is None or total["kind"] not in ("quantity", "money", "count"):
        return None
    candidates = _candidates(view, total)
    same = [c for c in candidates if sentence(c) == sentence(total)]
    start = same[-1]["mention"]["end"] if same else total["sentence"]["start"]
    window = view.text[start : total["mention"]["start"]] if view.text else ""
    after = _WORD_BREAK.split(view.after(total, 40), maxsplit=1)[0]
    m = cue.regex.search(window) or cue.regex.search(after)
    if m is None:
        return None
    k = _stated_count(view, total, window, start)
    if k is not None:
        parts = candidates[-k:] if len(candidates) >= k else []
        options = [parts] if parts else []
    else:
        if len(same) < 2:
            return None
        options = [same[i:] for i in range(len(same) - 1)]
    if not options:
        return None  # "eleven projects with a combined capacity of 480 MW": a total whose parts are not given
    stated = view.interval(total)
    best = options[0]
    for parts in options:
        if _sum(view, total, parts).overlaps(stated):
            best = parts
            break
    computed = _sum(view, total, best)
    status: Status = "holds" if computed.overlaps(stated) else "fails"
    u = unit(total)
    terms = " + ".join(fmt(view.interval(p).point * (_addable(total, p) or 1.0), u) for p in best)
    relation = "=" if status == "holds" else "≠"
    explanation = (
        f"{terms} = {fmt(computed.point, u)} {relation} '{total['mention']['text']}' "
        f"({fmt(stated.point, u)}), stated with '{m.group()}'"
    )
    return make_check(
        "sum",
        status,
        [*(p["id"] for p in best), total["id"]],
        rule=cue.id,
        expected=computed.point,
        observed=stated.point,
        tolerance=tolerance(computed, stated),
        unit=u,
        explanation=explanation,
    )


def _stated_count(view: ArticleView, total: dict[str, Any], window: str, start: int) -> int | None:
    """How many parts the text says there are: "the three main crops", "both"."""
    for claim in view.sentence_claims(total):
        at = claim["mention"]["start"]
        if claim["kind"] == "count" and start <= at < total["mention"]["start"] and float(claim["value"]["amount"]) > 1:
            return int(claim["value"]["amount"])
    counts = view.rules.sum_total.meanings
    for word, number in sorted(counts.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?i)(?<![\w-]){re.escape(word)}(?![\w-])", window):
            return int(number)
    return None


# -- "1,240 road deaths: 530 were drivers, 310 ..." ---------------------------------------------------
def _list_check(view: ArticleView, total: dict[str, Any]) -> dict[str, Any] | None:
    cue = view.rules.list_open
    if cue.regex is None or total["kind"] not in ("quantity", "money", "count") or total["value"].get("change"):
        return None
    later = [c for c in view.sentence_claims(total) if c["mention"]["start"] >= total["mention"]["end"]]
    if not later:
        return None
    gap = view.between(total, later[0]) or ""
    if "\n" in gap or "\n" in total["mention"]["text"]:
        return None  # a table ("Total dead: 192\nAmericans: 12"), not a sentence with a list
    opener = None
    m = cue.regex.search(gap)
    if m and len(gap[: m.start()].split()) <= 4:
        opener = m.group().lower()
    elif _OF_OPENER.match(view.text[total["sentence"]["start"] : total["mention"]["start"]] if view.text else ""):
        opener = "of which"
    if opener is None:
        return None
    parts = _listed(view, total, later)
    if len(parts) < 2:
        return None
    computed, stated = _sum(view, total, parts), view.interval(total)
    exhaustive = opener in view.rules.list_exhaustive
    u = unit(total)
    terms = " + ".join(fmt(view.interval(p).point, u) for p in parts)
    if computed.overlaps(stated):
        status: Status = "holds"
        verdict = "equals"
    elif computed.lo > stated.hi:
        status, verdict = "fails", "exceeds"
    else:
        status = "unclear" if exhaustive else "holds"
        verdict = "falls short of" if exhaustive else "fits within"
    explanation = (
        f"the parts listed after '{opener}': {terms} = {fmt(computed.point, u)}, which {verdict} "
        f"the stated total '{total['mention']['text']}'" + (" (the list may be partial)" if status == "unclear" else "")
    )
    return make_check(
        "sum.list",
        status,
        [total["id"], *(p["id"] for p in parts)],
        rule=cue.id,
        expected=computed.point,
        observed=stated.point,
        tolerance=tolerance(computed, stated),
        unit=u,
        explanation=explanation,
    )


def _listed(view: ArticleView, total: dict[str, Any], later: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The run of figures that makes up a list: addable to the total, in one unit, on one line."""
    parts: list[dict[str, Any]] = []
    for claim in later:
        if _addable(total, claim) is None or claim["value"].get("change"):
            break
        if parts and (unit(claim) != unit(parts[0]) or "\n" in (view.between(parts[-1], claim) or "")):
            break
        parts.append(claim)
    return parts


# -- surplus = exports - imports ---------------------------------------------------------------------
def role_of(view: ArticleView, claim: dict[str, Any]) -> str | None:
    """The role of a figure in a balance ("exports", "surplus", "births"), from its words or the text before it."""
    if claim["kind"] not in ("quantity", "money", "count") or claim["value"].get("change"):
        return None
    mention = claim["mention"]["text"]
    best: tuple[int, str] | None = None
    before = view.text[claim["sentence"]["start"] : claim["mention"]["start"]] if view.text else ""
    for cue in view.rules.roles:
        if cue.regex is None:
            continue
        if cue.regex.search(mention):
            return str(cue.meanings["role"])
        for m in cue.regex.finditer(before):
            if best is None or m.end() > best[0]:
                best = (m.end(), str(cue.meanings["role"]))
    if best is not None:
        offset = claim["sentence"]["start"] + best[0]
        between = [
            c
            for c in view.sentence_claims(claim)
            if offset <= c["mention"]["start"] < claim["mention"]["start"] and unit(c) == unit(claim)
        ]
        if not between and not _EARLIER.search(before) and not _earlier_after(view, claim):
            return best[1]
        return None
    metric = claim.get("metric") or ""
    for cue in view.rules.roles:
        if cue.regex is not None and cue.regex.search(metric):
            return str(cue.meanings["role"])
    return None


def _earlier_after(view: ArticleView, claim: dict[str, Any]) -> bool:
    """A figure said to belong to an earlier period right after it ("the $28.6bn recorded a year earlier")."""
    words = view.rules.rule("check.change.from-to").get("earlier_after", ())
    regex = words_regex(words)
    return bool(regex and regex.search(_WORD_BREAK.split(view.after(claim, 40), maxsplit=1)[0]))


def _balance_checks(view: ArticleView) -> list[dict[str, Any]]:
    roles: dict[str, list[dict[str, Any]]] = {}
    for claim in view.claims:
        role = role_of(view, claim)
        if role:
            roles.setdefault(role, []).append(claim)
    checks = []
    for balance in view.rules.balances:
        for result in roles.get(balance.result, []):
            found = _balance_check(view, balance, result, roles)
            if found is not None:
                checks.append(found)
    return checks


def _balance_check(
    view: ArticleView, balance: Balance, result: dict[str, Any], roles: dict[str, list[dict[str, Any]]]
) -> dict[str, Any] | None:
    terms: list[tuple[int, dict[str, Any]]] = []
    for role, sign in balance.terms.items():
        options = [
            c
            for c in roles.get(role, [])
            if _addable(result, c) is not None
            and same_or_unknown(c, result, "time")
            and same_or_unknown(c, result, "subject")
        ]
        if not options:
            return None
        nearest = min(options, key=lambda c: abs(c["mention"]["start"] - result["mention"]["start"]))
        terms.append((int(sign), nearest))
    computed = Interval.exact(0.0)
    for sign, claim in terms:
        part = view.interval(claim).scale(_addable(result, claim) or 1.0)
        computed = computed + part if sign > 0 else computed - part
    stated = view.interval(result)
    status: Status = "holds" if computed.overlaps(stated) else "fails"
    u = unit(result)
    formula = " ".join(f"{'+' if sign > 0 else '-'} {fmt(view.interval(c).point, u)}" for sign, c in terms)
    formula = formula.removeprefix("+ ")
    names = " ".join(f"{'+' if sign > 0 else '-'} {role}" for (sign, _), role in zip(terms, balance.terms, strict=True))
    explanation = (
        f"{balance.result.replace('_', ' ')} = {names.removeprefix('+ ')}: {formula} = "
        f"{fmt(computed.point, u)}; the article states '{result['mention']['text']}'"
    )
    return make_check(
        "balance",
        status,
        [*(c["id"] for _, c in terms), result["id"]],
        rule=balance.id,
        expected=computed.point,
        observed=stated.point,
        tolerance=tolerance(computed, stated),
        unit=u,
        explanation=explanation,
    )
