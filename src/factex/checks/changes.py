"""Changes against levels: a stated change against the two figures it is the change between.

"rose from 3.8% to 4.4%" is +0.6 percentage points (+15.8 percent), not +0.6 percent; "from 84 to 131,
an increase of 47"; "rose 13.8 percent to 17.1 million tonnes from 15.0 million tonnes"; "a significant
increase from 45 in 2013" (5,000 in 2023 is up); a quarterly rate against its annualized rate.
"""

from __future__ import annotations

import re
from typing import Any

from factex.checks.context import ArticleView, conversion, unit
from factex.checks.model import Status, make_check
from factex.checks.numbers import Interval, fmt, tolerance
from factex.checks.rules import ends_with

_TO = re.compile(r"(?i)\bto\s*$")
_UP_DOWN_FROM = re.compile(r"(?i)\b(?:up|down)\s+from\s*$")


def check_changes(view: ArticleView) -> list[dict[str, Any]]:
    """Every pair of levels of one change against the change stated with them, or its direction word."""
    checks = []
    for claims in view.sentences():
        for earlier, later in _level_pairs(view, claims):
            change = _stated_change(view, claims, earlier, later)
            if change is not None:
                checks.append(_change_check(view, earlier, later, change))
            else:
                direction = _direction_check(view, earlier, later)
                if direction is not None:
                    checks.append(direction)
        checks.extend(_annualized(view, claims))
    return checks


def _is_level(claim: dict[str, Any]) -> bool:
    if claim["value"].get("change"):
        return False
    return claim["kind"] in ("quantity", "money", "count") or (claim["kind"] == "percent" and unit(claim) == "percent")


def _pairable(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if not (_is_level(a) and _is_level(b)) or conversion(a, b) is None:
        return False
    return a["kind"] == b["kind"] or {a["kind"], b["kind"]} <= {"count", "quantity"}


def _level_pairs(view: ArticleView, claims: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(earlier, later) figures of a change: the extractor's ``change_from``, "from A ... to B", "B, up from A"."""
    pairs: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]] = {}
    ids = {c["id"]: c for c in claims}
    for claim in claims:
        link = claim.get("change_from") or {}
        earlier = ids.get(link.get("from_claim", ""))
        if earlier is not None and _pairable(earlier, claim) and not _between_pairable(claims, earlier, claim):
            pairs[(earlier["id"], claim["id"])] = (earlier, claim)
    if view.text is None or view.rules.from_words is None:
        return list(pairs.values())
    for earlier in claims:
        before = view.before(earlier, 30)
        if ends_with(view.rules.from_words, before) is None:
            continue
        options = [c for c in claims if c is not earlier and _pairable(earlier, c)]
        at = earlier["mention"]["start"]
        to_claims = [
            (abs(c["mention"]["start"] - at), i, c) for i, c in enumerate(options) if _TO.search(view.before(c, 12))
        ]
        later = min(to_claims)[2] if to_claims else None
        if later is None and _UP_DOWN_FROM.search(before):
            prior = [c for c in options if c["mention"]["end"] <= earlier["mention"]["start"]]
            later = prior[-1] if prior else None
        if later is not None:
            pairs.setdefault((earlier["id"], later["id"]), (earlier, later))
    return list(pairs.values())


def _between_pairable(claims: list[dict[str, Any]], a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether a figure of the same sort stands between two figures (then they are no pair of one change)."""
    lo, hi = sorted((a["mention"]["start"], b["mention"]["start"]))
    return any(lo < c["mention"]["start"] < hi and _pairable(a, c) for c in claims if c is not a and c is not b)


def _stated_change(
    view: ArticleView, claims: list[dict[str, Any]], earlier: dict[str, Any], later: dict[str, Any]
) -> dict[str, Any] | None:
    """The change stated with the two levels: a percentage, points, or the difference in their unit."""
    lo = min(earlier["mention"]["start"], later["mention"]["start"])
    hi = max(earlier["mention"]["end"], later["mention"]["end"])
    options = []
    for claim in claims:
        if claim is earlier or claim is later:
            continue
        if not claim["value"].get("change") and not _difference_cue(view, claim):
            continue
        if (
            unit(claim) in ("percent", "percentage_point", "bp")
            or conversion(later, claim) is not None
            or (claim["kind"] == "quantity" and unit(claim) == "" and later["kind"] == "count")
        ):
            distance = max(lo - claim["mention"]["end"], claim["mention"]["start"] - hi, 0)
            options.append((distance, claim))
    options = [o for o in options if o[0] <= 60]
    return min(options, key=lambda o: o[0])[1] if options else None


def _difference_cue(view: ArticleView, claim: dict[str, Any]) -> bool:
    return view.rules.difference.ends(view.before(claim, 25)) is not None


def _signed(view: ArticleView, claim: dict[str, Any], direction: str | None) -> Interval:
    interval = view.interval(claim)
    if (claim["value"].get("change") or direction) == "down":
        return Interval(-interval.hi, -interval.lo, -interval.point)
    return interval


def _change_check(
    view: ArticleView, earlier: dict[str, Any], later: dict[str, Any], change: dict[str, Any]
) -> dict[str, Any]:
    ie, il = view.interval(earlier), view.interval(later).scale(conversion(earlier, later) or 1.0)
    u, cu = unit(earlier), unit(change)
    word = _direction_word(view, earlier, later)
    stated = _signed(view, change, word[1] if word else None)
    ids = [earlier["id"], later["id"], change["id"]]
    absolute = il - ie
    ratio = il.divide(ie)
    relative = Interval((ratio.lo - 1) * 100, (ratio.hi - 1) * 100, (ratio.point - 1) * 100) if ratio else None
    levels = f"{fmt(ie.point, u)} to {fmt(il.point, u)}"
    if cu in ("percentage_point", "bp"):
        expected = absolute.scale(100 if cu == "bp" else 1)
        kind, rule = "change.points", "check.change.points"
        explanation = f"{levels} is {fmt(expected.point, cu)}; the article states '{change['mention']['text']}'"
    elif cu == "percent" and relative is not None:
        expected, kind, rule = relative, "change.percent", "check.change.percent"
        explanation = (
            f"{levels} is a change of {fmt(relative.point, 'percent')}; the article states "
            f"'{change['mention']['text']}'"
        )
        if u == "percent" and not relative.overlaps(stated) and absolute.overlaps(stated):
            kind, rule, expected = "change.points", "check.change.points", relative
            explanation = (
                f"{levels} is {fmt(absolute.point, 'percentage_point')} ({fmt(relative.point, 'percent')}); "
                f"the article states '{change['mention']['text']}': percentage points given as percent"
            )
            return make_check(
                kind,
                "fails",
                ids,
                rule=rule,
                expected=expected.point,
                observed=stated.point,
                tolerance=tolerance(expected, stated),
                unit="percent",
                explanation=explanation,
            )
    else:
        expected = absolute.scale(conversion(change, earlier) or 1.0)
        kind, rule = "change.difference", "check.change.difference"
        cu = cu or u
        explanation = (
            f"{levels} is a change of {fmt(absolute.point, u)}; the article states '{change['mention']['text']}'"
        )
    status: Status = "holds" if expected.overlaps(stated) else "fails"
    return make_check(
        kind,
        status,
        ids,
        rule=rule,
        expected=expected.point,
        observed=stated.point,
        tolerance=tolerance(expected, stated),
        unit=cu,
        explanation=explanation,
    )


def _direction_word(view: ArticleView, earlier: dict[str, Any], later: dict[str, Any]) -> tuple[str, str] | None:
    """The last direction word before the second of the two figures ("increase", "rose", "fell")."""
    if view.text is None:
        return None
    start = earlier["sentence"]["start"]
    end = max(earlier["mention"]["start"], later["mention"]["start"])
    region = view.text[start:end]
    best: tuple[int, str, str] | None = None
    for direction, regex in (("up", view.rules.up), ("down", view.rules.down)):
        for m in regex.finditer(region) if regex else ():
            if best is None or m.start() > best[0]:
                best = (m.start(), m.group(), direction)
    return (best[1], best[2]) if best else None


def _direction_check(view: ArticleView, earlier: dict[str, Any], later: dict[str, Any]) -> dict[str, Any] | None:
    word = _direction_word(view, earlier, later)
    if word is None:
        return None
    ie, il = view.interval(earlier), view.interval(later).scale(conversion(earlier, later) or 1.0)
    u = unit(earlier)
    implied = "up" if il.point > ie.point else "down" if il.point < ie.point else "flat"
    if implied == word[1]:
        status: Status = "holds"
    elif (word[1] == "up" and il.hi > ie.lo) or (word[1] == "down" and il.lo < ie.hi):
        status = "unclear"
    else:
        status = "fails"
    diff = il.point - ie.point
    times = f", x{fmt(il.point / ie.point)}" if ie.point > 0 else ""
    explanation = (
        f"{fmt(ie.point, u)} ('{earlier['mention']['text']}') to {fmt(il.point, u)} "
        f"('{later['mention']['text']}'): {'+' if diff >= 0 else ''}{fmt(diff, u)}{times}; "
        f"stated as '{word[0]}' ({word[1]})"
    )
    return make_check(
        "change",
        status,
        [earlier["id"], later["id"]],
        rule="check.change.direction",
        expected=implied,
        observed=word[1],
        tolerance=tolerance(ie, il),
        unit=u,
        explanation=explanation,
        difference=diff,
    )


def _annualized(view: ArticleView, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A quarterly (monthly) rate against the annualized rate stated with it."""
    cue = view.rules.annualized
    if cue.regex is None or view.text is None:
        return []
    out = []
    for i, rate in enumerate(claims):
        m = cue.ends(view.before(rate, 40))
        if unit(rate) != "percent" or m is None or i == 0:
            continue
        period = [c for c in claims[:i] if unit(c) == "percent" and c["value"].get("change")]
        if not period:
            continue
        q = period[-1]
        sentence_text = view.sentence_text(q).lower()
        granularity = str((q.get("time") or {}).get("granularity") or "")
        n = next((int(v) for k, v in cue.meanings.items() if k in granularity or k in sentence_text), None)
        if n is None:
            continue
        iq = view.interval(q).scale(0.01)
        simple = iq.scale(n * 100)
        compound = Interval(((1 + iq.lo) ** n - 1) * 100, ((1 + iq.hi) ** n - 1) * 100, ((1 + iq.point) ** n - 1) * 100)
        expected = Interval(min(simple.lo, compound.lo), max(simple.hi, compound.hi), compound.point)
        stated = view.interval(rate)
        status: Status = "holds" if expected.overlaps(stated) else "fails"
        explanation = (
            f"'{q['mention']['text']}' a period, {n} periods a year: {fmt(simple.point, 'percent')} simple, "
            f"{fmt(compound.point, 'percent')} compounded; the article states '{rate['mention']['text']}' "
            f"('{m.group().strip(' ,')}')"
        )
        out.append(
            make_check(
                "change.annualized",
                status,
                [q["id"], rate["id"]],
                rule=cue.id,
                expected=expected.point,
                observed=stated.point,
                tolerance=tolerance(expected, stated),
                unit="percent",
                explanation=explanation,
            )
        )
    return out
