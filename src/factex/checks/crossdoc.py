"""Across articles: claims with the same subject, metric and period, compared after unit conversion.

Agreeing values are corroborations, disagreeing ones conflicts. Measures convert through pint (77.88
billion kg is 77.9 million t); currencies convert only where an article states the conversion ("3.55
trillion yuan, or about US$487 billion"): factex never invents an exchange rate.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from factex.checks.context import ArticleView
from factex.checks.keys import claim_subjects, metric_tokens, period
from factex.checks.model import Status, make_check
from factex.checks.numbers import CheckConfig, Interval, fmt, tolerance
from factex.checks.rules import CheckRules
from factex.checks.units import base


@dataclass
class Figure:
    """One claim of one article, with its value in every unit the article gives it in."""

    article: str
    claim: dict[str, Any]
    key: tuple[str, frozenset[str], str, str]
    values: dict[str, tuple[Interval, str, float]] = field(default_factory=dict)  # dim -> (interval, unit, factor)
    converted: bool = False
    restated: str | None = None


def dimension(claim: dict[str, Any]) -> tuple[str, float]:
    """The dimension a claim's value is compared in, and the factor into it (t -> ("kg", 1000))."""
    unit = str(claim["value"].get("unit") or "")
    kind = claim["kind"]
    if kind == "percent":
        return unit or "percent", 1.0
    if kind == "money":
        return "money:" + unit, 1.0
    if kind == "quantity" and unit:
        dim, factor = base(unit)
        return "measure:" + dim, factor
    return f"{kind}:{unit}", 1.0


def _signed(claim: dict[str, Any], interval: Interval) -> Interval:
    if claim["value"].get("change") == "down":
        return Interval(-interval.hi, -interval.lo, -interval.point)
    return interval


def figures(documents: list[dict[str, Any]], rules: CheckRules, config: CheckConfig) -> list[Figure]:
    """The comparable figures of many output documents (those with a subject, a metric and a period)."""
    out: list[Figure] = []
    for number, document in enumerate(documents):
        out.extend(document_figures(document, rules, config, fallback_id=f"#{number}")[0])
    return out


def document_figures(
    document: dict[str, Any], rules: CheckRules, config: CheckConfig, *, fallback_id: str = ""
) -> tuple[list[Figure], set[str]]:
    """The comparable figures of one document, and the ids of claims left out as ambiguous.

    A figure is left out when the article gives its subject, metric and period two different values:
    "Liaoning's 5.3 percent ... surpassed the national average of 5.2 percent" may leave both figures with
    the subject Liaoning, and then neither says anything reliable about Liaoning.
    """
    article = str((document.get("article") or {}).get("id") or fallback_id)
    view = ArticleView.of(document, rules, config)
    restated = _restatements(view)
    merged = {b["id"] for b in restated.values()}
    found: list[Figure] = []
    for claim in view.claims:
        if claim["id"] in merged or claim["kind"] in ("ratio", "duration"):
            continue
        subjects, when = claim_subjects(claim, rules), period(claim.get("time"))
        metric = metric_tokens(claim.get("metric"), rules)
        if not subjects or not metric or when is None:
            continue
        figure = Figure(article, claim, (sorted(subjects)[0], metric, when[0].isoformat(), when[1].isoformat()))
        for other in (claim, restated.get(claim["id"])):
            if other is None:
                continue
            dim, factor = dimension(other)
            interval = _signed(claim, view.interval(other)).scale(factor)
            figure.values.setdefault(dim, (interval, str(other["value"].get("unit") or ""), factor))
        if claim["id"] in restated:
            figure.converted, figure.restated = True, restated[claim["id"]]["mention"]["text"]
        found.append(figure)
    by_key: dict[tuple[str, frozenset[str], str, str], list[Figure]] = {}
    for figure in found:
        by_key.setdefault(figure.key, []).append(figure)
    keep: list[Figure] = []
    ambiguous: set[str] = set()
    for same in by_key.values():
        clash = any(
            not a.values[d][0].overlaps(b.values[d][0])
            for a, b in itertools.combinations(same, 2)
            for d in a.values.keys() & b.values.keys()
        )
        if clash:
            ambiguous.update(f.claim["id"] for f in same)
        else:
            keep.extend(same)
    return keep, ambiguous


def _restatements(view: ArticleView) -> dict[str, dict[str, Any]]:
    """Map a money claim's id to the claim restating it in another currency ("3.55 trillion yuan, or US$487bn")."""
    out: dict[str, dict[str, Any]] = {}
    cue = view.rules.conversion
    for a, b in itertools.pairwise(view.claims):
        if a["kind"] != "money" or b["kind"] != "money" or a["value"]["unit"] == b["value"]["unit"]:
            continue
        if a["sentence"] != b["sentence"]:
            continue
        if "context.restated" in (b.get("trace") or ()):
            out[a["id"]] = b
            continue
        gap = view.between(a, b)
        if gap is None or len(gap) > 60 or ";" in gap:
            continue
        tail = re.split(r"[,(]", gap)[-1].strip()
        bracketed = not tail and "(" in gap
        if bracketed or (tail and cue.regex is not None and cue.regex.fullmatch(tail)):
            out[a["id"]] = b
    return out


def cross_checks(documents: list[dict[str, Any]], rules: CheckRules, config: CheckConfig) -> list[dict[str, Any]]:
    """Conflicts and corroborations among the claims of many articles."""
    groups: dict[tuple[str, frozenset[str], str, str], list[Figure]] = {}
    for figure in figures(documents, rules, config):
        groups.setdefault(figure.key, []).append(figure)
    checks = []
    for key, members in groups.items():
        if len({f.article for f in members}) < 2:
            continue
        dims = {dim for f in members for dim in f.values}
        compared = False
        for dim in sorted(dims):
            having = [f for f in members if dim in f.values]
            if len({f.article for f in having}) < 2:
                continue
            compared = True
            checks.append(_compare(key, dim, having))
        if not compared:
            checks.append(_incomparable(key, members))
    return checks


def _label(key: tuple[str, frozenset[str], str, str], figure: Figure) -> str:
    subject = (figure.claim.get("subject") or {}).get("text") or key[0]
    period_text = (
        key[2][:4]
        if key[2][5:] == "01-01" and key[3][5:] == "12-31" and key[2][:4] == key[3][:4]
        else f"{key[2]}..{key[3]}"
    )
    return f"{subject} / {figure.claim.get('metric')} / {period_text}"


def _compare(key: tuple[str, frozenset[str], str, str], dim: str, having: list[Figure]) -> dict[str, Any]:
    first = having[0]
    _, first_unit, first_factor = first.values[dim]
    status: Status = "holds"
    worst = (first, first)
    for a, b in itertools.combinations(having, 2):
        if a.article != b.article and not a.values[dim][0].overlaps(b.values[dim][0]):
            status, worst = "fails", (a, b)
            break
    a, b = worst if status == "fails" else (first, next(f for f in having if f.article != first.article))
    ia, ib = a.values[dim][0].scale(1 / first_factor), b.values[dim][0].scale(1 / first_factor)
    listing = "; ".join(
        f"{f.article}: '{f.claim['mention']['text']}'{_as(f, dim, first_unit, first_factor)}" for f in having
    )
    verdict = "agree within rounding" if status == "holds" else "disagree"
    converted = any(f.converted and f.values[dim][1] != str(f.claim["value"].get("unit")) for f in having)
    return make_check(
        "cross.corroboration" if status == "holds" else "cross.conflict",
        status,
        [f.claim["id"] for f in having],
        rule="check.cross.conversion" if converted else "check.cross.same-figure",
        expected=ia.point,
        observed=ib.point,
        tolerance=tolerance(ia, ib),
        unit=first_unit,
        explanation=f"{_label(key, first)}: {listing}: {verdict}",
        articles=list(dict.fromkeys(f.article for f in having)),
    )


def _as(figure: Figure, dim: str, unit: str, factor: float) -> str:
    """How a figure reads in the compared unit: "(stated there as 'US$487 billion')", "(= 77.88 million t)"."""
    own = str(figure.claim["value"].get("unit") or "")
    if figure.values[dim][1] != own and figure.restated:
        return f" (stated there as '{figure.restated}')"
    if own != unit:
        return f" (= {fmt(figure.values[dim][0].point / factor, unit)})"
    return ""


def _incomparable(key: tuple[str, frozenset[str], str, str], members: list[Figure]) -> dict[str, Any]:
    units = sorted({u for f in members for _, u, _ in f.values.values()})
    return make_check(
        "cross.incomparable",
        "unclear",
        [f.claim["id"] for f in members],
        rule="check.cross.conversion",
        expected=None,
        observed=None,
        tolerance=None,
        unit=None,
        explanation=f"{_label(key, members[0])}: stated in {', '.join(units)} and no article states a conversion "
        "between them; factex does not convert currencies itself",
        articles=list(dict.fromkeys(f.article for f in members)),
    )
