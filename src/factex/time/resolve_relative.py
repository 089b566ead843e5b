"""Resolvers for dates counted from the article date or from the last date mentioned."""

from __future__ import annotations

import regex

from .context import Context
from .lexicon import (
    PARTS_OF_DAY,
    is_anaphoric,
    parse_number,
    rel_offset,
    unit_name,
)
from .patterns import Rule
from .periods import GRANULARITIES, Period
from .resolution import (
    Resolution,
    date_resolution,
    group,
    unknown,
)
from .resolve_dates import gran_rank, match_year


def resolve_relative(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Dates relative to the article date or to the last date mentioned.

    "last year", "this month", "next week", "the previous quarter" (from the last date).

    Parameters: ``unit`` (else group ``unit``), ``offset`` (else from group ``rel``), ``anchor``
    (``"ref"`` for anaphoric rules). A ``part`` group gives a part of day ("last night").

    Args:
        m: The match.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    unit = unit_name(rule.param("unit") or group(m, "unit") or "year")
    rel = group(m, "rel")
    offset = rule.param("offset")
    if offset is None:
        offset = rel_offset(rel)
    if offset is None:
        return None
    gran = unit if unit in GRANULARITIES else "year"
    step = "week" if gran == "weekend" else gran
    base = _anchor(gran, ctx, rule.param("anchor") == "ref" or is_anaphoric(rel))
    if base is None:
        return unknown(rule.type, gran)
    period = base.shift(step, int(offset))
    part = PARTS_OF_DAY.get((group(m, "part") or rule.param("part") or "").lower())
    if part and gran == "day":
        period = Period("time", period.year, period.index, period.day, part=part)
    return date_resolution(rule.type, period)


def _anchor(gran: str, ctx: Context, anaphoric: bool) -> Period | None:
    """The period of granularity ``gran`` to count from.

    The last date for anaphoric words (when it is at least that fine), else the one holding the
    article date.
    """
    if anaphoric and ctx.ref is not None and gran_rank(ctx.ref.gran) <= gran_rank(gran):
        return ctx.ref.coarsen(gran) if ctx.ref.gran != "time" else Period.of_date(ctx.ref.start, gran)
    if ctx.dct is None:
        return None
    return Period.of_date(ctx.dct, gran)


def resolve_shift(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Counted shifts: "two years ago", "a year earlier", "three days later", "the year-ago quarter".

    ``anchor: "dct"`` counts from the article date and reports the unit's granularity ("two years
    ago" = 2022); ``anchor: "ref"`` shifts the last date mentioned and keeps its granularity ("a year
    earlier" after "the third quarter" = the third quarter a year before), falling back to the
    article date at granularity ``fallback`` (default ``day``). A date reached from the last date does
    not become the new reference (so "a year earlier" twice does not go back two years).

    Parameters: ``unit`` (else group ``unit``), ``direction`` (-1/1, else from group ``dir``),
    ``count`` (else group ``num``), ``gran`` (granularity of a ``dct`` result, default the unit's),
    ``gran_unit`` (coarsen a shifted last date to the unit: "two years later" is a year).

    Args:
        m: The match.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    unit = unit_name(rule.param("unit") or group(m, "unit") or "year")
    direction = rule.param("direction")
    if direction is None:
        word = (group(m, "dir") or "").lower()
        direction = 1 if word in ("later", "after", "hence", "from now", "afterward", "afterwards") else -1
    count = rule.param("count")
    if count is None:
        num = group(m, "num")
        count = parse_number(num) if num else 1
    if count is None:
        return Resolution(rule.type, "PAST_REF" if direction < 0 else "FUTURE_REF", anchor=False)
    n = round(count * {"decade": 10, "century": 100}.get(unit, 1))
    step = {"decade": "year", "century": "year", "fortnight": "week"}.get(unit, unit)
    if unit == "fortnight":
        n *= 2
    if step in ("hour", "minute", "second"):
        step, n = "day", 0
    if step not in GRANULARITIES:
        return None
    use_ref = rule.param("anchor") == "ref" and ctx.ref is not None
    if use_ref:
        assert ctx.ref is not None
        base = ctx.ref if ctx.ref.gran != "time" else Period.of_date(ctx.ref.start)
        if (
            step == "year"
            and n == 1
            and ctx.ref_period is not None
            and m.start() - ctx.ref_period_pos <= int(rule.param("focus_distance", 1000))
        ):
            base = ctx.ref_period
        period = base.shift(step, int(direction * n))
    else:
        if ctx.dct is None:
            return unknown(rule.type, step if unit not in ("decade", "century") else "year")
        if rule.param("anchor") == "ref":
            fallback = rule.param("fallback", "day")
            period = Period.of_date(ctx.dct, fallback).shift(step, int(direction * n))
        else:
            period = Period.of_date(ctx.dct).shift(step, int(direction * n))
            period = period.coarsen(rule.param("gran") or step)
    if rule.param("gran_unit") and gran_rank(period.gran) < gran_rank(step):
        period = period.coarsen(step)
    return date_resolution(rule.type, period, anchor=not use_ref)


def resolve_deictic(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Definite periods that mean the one in focus: "the quarter", "the year", "the latest period".

    The last date mentioned when it has granularity ``unit`` (or, for a year, is a month, quarter or
    half in it); else the period of the article date, or with ``completed: true`` (or the unit listed
    in ``completed_units``) the last finished one ("the latest quarter" in an October article is the
    third quarter). Without ``unit`` the last date of granularity ``min`` or coarser is used as is.
    "The weekend" on a weekday is the one just past, unless the sentence speaks of the future.

    Args:
        m: The match.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    unit = rule.param("unit") or group(m, "unit")
    gran = unit_name(unit) if unit else None
    ref = ctx.ref
    if ref is not None and ref.gran == "time":
        ref = Period.of_date(ref.start)
    if gran is None:
        if ref is not None and gran_rank(ref.gran) >= gran_rank(rule.param("min", "month")):
            return date_resolution(rule.type, ref)
        gran = rule.param("default", "quarter")
    elif ref is not None and (
        ref.gran == gran or (gran == "year" and ref.gran in ("month", "quarter", "half"))
    ):
        return date_resolution(rule.type, ref.coarsen(gran))
    if ctx.dct is None:
        return unknown(rule.type, gran)
    period = Period.of_date(ctx.dct, gran)
    if rule.param("completed") or gran in rule.param("completed_units", ()):
        period = period.shift(gran, -1)
    elif gran == "weekend" and period.start > ctx.dct and ctx.tense(m.start(), m.end()) != "future":
        period = period.shift("week", -1)
    return date_resolution(rule.type, period)


def resolve_ref_in_year(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """The period in focus, moved to a given year: "the 1988 quarter".

    After "the third quarter" it is 1988-Q3; without a quarter, month or half in focus, the year.

    Args:
        m: The match with group ``year``.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    year = match_year(m, ctx)
    if year is None:
        return None
    ref = ctx.ref_period
    if ref is not None and ref.gran in ("month", "quarter", "half"):
        return date_resolution(rule.type, Period(ref.gran, year, ref.index), anchor=False)
    return date_resolution(rule.type, Period("year", year))
