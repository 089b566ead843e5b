"""Ratios against percentages and levels.

"617.6 percent, meaning more than six times its consumption"; "1.26 million vehicles, more than double
the 520,000 made in 2022"; "less than half the July peak of $6,200".
"""

from __future__ import annotations

import math
import re
from typing import Any

from factex.checks.context import ArticleView, conversion, unit
from factex.checks.model import Status, make_check
from factex.checks.numbers import Interval, fmt, tolerance

_LEAD_OUT = re.compile(r"^\s*(?:(?:the|a|an|its|their|that|those|of|[\w’'.-]+)\s+){0,6}$")


def check_ratios(view: ArticleView) -> list[dict[str, Any]]:
    """Percentages restated as multiples, and multiples stated between two levels."""
    if view.text is None:
        return []
    checks = []
    for claims in view.sentences():
        checks.extend(_restated(view, claims))
        checks.extend(_between_levels(view, claims))
    return checks


def _restated(view: ArticleView, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cue = view.rules.ratio_restated
    out = []
    for i, pct in enumerate(claims):
        if pct["kind"] != "percent" or unit(pct) != "percent":
            continue
        ratio = next((c for c in claims[i + 1 :] if c["kind"] == "ratio" and unit(c) == "times"), None)
        if ratio is None or cue.regex is None:
            continue
        gap = view.between(pct, ratio) or ""
        if (
            len(gap) > 80
            or ";" in gap
            or any(c["kind"] == "percent" for c in claims[i + 1 :] if c["mention"]["start"] < ratio["mention"]["start"])
        ):
            continue
        m = cue.regex.search(gap)
        if m is None:
            continue
        share = view.interval(pct).scale(0.01)
        change = pct["value"].get("change")
        if change == "up":
            share = Interval.exact(1.0) + share
        elif change == "down":
            share = Interval.exact(1.0) - share
        stated = view.interval(ratio)
        status: Status = "holds" if share.overlaps(stated) else "fails"
        how = " (1 + the change)" if change == "up" else " (1 - the change)" if change == "down" else ""
        explanation = (
            f"'{pct['mention']['text']}' is {fmt(share.point)} times{how}; restated with '{m.group()}' as "
            f"'{_qualified(view, ratio)}'"
        )
        out.append(
            make_check(
                "ratio",
                status,
                [pct["id"], ratio["id"]],
                rule=cue.id,
                expected=share.point,
                observed=stated.point,
                tolerance=tolerance(share, stated),
                unit="times",
                explanation=explanation,
            )
        )
    return out


def _qualified(view: ArticleView, claim: dict[str, Any]) -> str:
    before = view.before(claim, 14)
    m = re.search(r"(?i)(more than|less than|nearly|almost|about|over|at least)\s*$", before)
    return f"{m.group(1)} {claim['mention']['text']}" if m else claim["mention"]["text"]


def _between_levels(view: ArticleView, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    words = view.rules.ratio_words
    out = []
    levels = [c for c in claims if c["kind"] in ("quantity", "money", "count")]
    for i, a in enumerate(levels):
        b = next((c for c in levels[i + 1 :] if conversion(a, c) is not None), None)
        if b is None:
            continue
        factor = conversion(a, b) or 1.0
        gap = view.between(a, b) or ""
        if len(gap) > 90 or ";" in gap:
            continue
        stated, word, end = _stated_ratio(view, claims, a, b, gap)
        if stated is None or not _LEAD_OUT.match(gap[end:]):
            continue
        ia, ib = view.interval(a), view.interval(b).scale(factor)
        computed = ia.divide(ib)
        if computed is None:
            continue
        status: Status = "holds" if computed.overlaps(stated) else "fails"
        u = unit(a)
        explanation = (
            f"{fmt(ia.point, u)} / {fmt(ib.point, u)} = {fmt(computed.point)} times; the article says '{word}'"
        )
        ids = [a["id"], *(c["id"] for c in claims if c["kind"] == "ratio" and _inside(c, a, b)), b["id"]]
        out.append(
            make_check(
                "ratio",
                status,
                ids,
                rule=words.id,
                expected=computed.point,
                observed=stated.point,
                tolerance=tolerance(computed, stated),
                unit="times",
                explanation=explanation,
            )
        )
    return out


def _inside(claim: dict[str, Any], a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["mention"]["end"] <= claim["mention"]["start"] and claim["mention"]["end"] <= b["mention"]["start"]


def _stated_ratio(
    view: ArticleView, claims: list[dict[str, Any]], a: dict[str, Any], b: dict[str, Any], gap: str
) -> tuple[Interval | None, str, int]:
    """The multiple stated between two levels, as an interval, with its words and where they end in the gap."""
    config = view.config
    inner = [c for c in claims if c["kind"] == "ratio" and _inside(c, a, b)]
    if inner:
        ratio = inner[-1]
        end = ratio["mention"]["end"] - a["mention"]["end"]
        return view.interval(ratio), _qualified(view, ratio), end
    words, quals = view.rules.ratio_words, view.rules.ratio_qualifiers
    if words.regex is None:
        return None, "", 0
    found = list(words.regex.finditer(gap))
    if not found:
        return None, "", 0
    m = found[-1]
    value = float(words.meaning(m.group()))
    head = gap[: m.start()]
    q = re.search(rf"({quals.regex.pattern.removeprefix('(?i)')})\s*$", head, re.I) if quals.regex else None
    approx = quals.meaning(q.group(1)) if q else "~"
    text = (q.group(1) + " " if q else "") + m.group()
    if approx in (">", ">="):
        return Interval(value, math.inf, value), text, m.end()
    if approx in ("<", "<="):
        return Interval(0.0, value, value), text, m.end()
    return Interval.exact(value).widen(config.approx_relative), text, m.end()
