"""Resolvers for periods inside a year (quarters, halves, seasons, named months) and holidays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import regex

from .context import Context
from .lexicon import (
    SEASONS,
    is_anaphoric,
    month_number,
    ordinal_number,
    rel_offset,
)
from .patterns import Rule
from .periods import SEASON_ORDER, Period
from .resolution import (
    Resolution,
    date_resolution,
    group,
    place_in_year,
    unknown,
)
from .resolve_dates import match_year


def resolve_part_of_year(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Quarters, halves and seasons: "the fourth quarter of 2024", "Q3", "H1 2024", "last summer".

    Groups: ``ord``/``q``/``h``/``season``/``month`` give the index (a ``month`` with ``gran`` quarter names
    the quarter that ends in it: "the June quarter"); ``year``/``yy`` the year, or ``yrel``
    ("this", "last", "next" year) relative to the article date, or ``rel`` ("last summer").
    Without a year the tense places it. Parameters: ``gran`` (quarter, half, season or month) and
    ``shift_years`` (move the placed period: "the year-ago third quarter" is -1).

    Args:
        m: The match.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    gran = rule.param("gran", "quarter")
    count = {"quarter": 4, "half": 2, "season": 4, "month": 12}[gran]
    if gran == "month":
        month = month_number(group(m, "month") or "")
        if month is None:
            return None
        index = month
    elif gran == "season":
        code = SEASONS.get((group(m, "season") or "").lower())
        if code is None:
            return None
        index = SEASON_ORDER.index(code)
    elif gran == "quarter" and group(m, "month"):
        # "the June quarter": the calendar quarter that ends in that month
        month = month_number(group(m, "month") or "")
        if month is None or month % 3:
            return None
        index = month // 3
    else:
        raw = group(m, "q") or group(m, "h") or group(m, "ord") or ""
        n = ordinal_number(raw) if not raw.isdigit() else int(raw)
        if n is None or n == 0 or n > count:
            return None
        index = count if n == -1 else n
    year = match_year(m, ctx)
    yrel = group(m, "yrel")
    if year is None and yrel is not None:
        off = rel_offset(yrel)
        if is_anaphoric(yrel) or yrel.lower().strip() == "the":
            base = ctx.ref.year if ctx.ref is not None else (ctx.dct.year if ctx.dct else None)
            year = None if base is None else base + (off or 0)
        elif ctx.dct is not None and off is not None:
            year = ctx.dct.year + off

    def make(y: int) -> Period:
        return Period(gran, y, index)

    if year is not None:
        return date_resolution(rule.type, make(year))
    if rule.param("shift_years"):
        return _shifted(m, rule, ctx, make, gran)
    if ctx.dct is None:
        if gran == "month":
            return unknown(rule.type, gran, f"XXXX-{index:02d}")
        letter = {"quarter": "Q", "half": "H"}.get(gran)
        return unknown(rule.type, gran, f"XXXX-{letter}{index}" if letter else f"XXXX-{SEASON_ORDER[index]}")
    rel = group(m, "rel")
    off = rel_offset(rel) if rel and rel.lower() != "the" else None
    if off is not None:
        cands = [make(y) for y in (ctx.dct.year - 2, ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
        if off < 0:
            period = [p for p in cands if p.end < ctx.dct][-1]
        elif off > 0:
            period = next(p for p in cands if p.start > ctx.dct)
        else:
            inside = [p for p in cands if p.start <= ctx.dct <= p.end]
            period = inside[0] if inside else make(ctx.dct.year)
        return date_resolution(rule.type, period)
    period = place_in_year(make, ctx, m.start(), m.end())
    return None if period is None else date_resolution(rule.type, period)


def _shifted(
    m: regex.Match[str], rule: Rule, ctx: Context, make: Callable[[int], Period], gran: str
) -> Resolution | None:
    """The period placed in its year by the tense, then moved ``shift_years`` ("the year-ago third quarter").

    Args:
        m: The match.
        rule: Its rule (with the ``shift_years`` parameter).
        ctx: The context.
        make: The period of the match in a given year.
        gran: Its granularity (for an unresolved value).

    Returns:
        The resolution, not used as a reference for later expressions.
    """
    if ctx.dct is None:
        return unknown(rule.type, gran)
    placed = place_in_year(make, ctx, m.start(), m.end())
    if placed is None:
        return None
    return date_resolution(rule.type, placed.shift("year", int(rule.param("shift_years"))), anchor=False)


def resolve_set_month(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """A month every year: "each July" (``XXXX-07``).

    Args:
        m: The match with group ``month``.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    month = month_number(group(m, "month") or "")
    return None if month is None else Resolution(rule.type, f"XXXX-{month:02d}", anchor=False)


def holiday_date(year: int, rule: Rule) -> dt.date:
    """The date of a holiday in a year, from the rule's parameters.

    ``month`` + ``day`` (fixed date), ``nth`` = ``[month, n, iso_weekday]`` (n-th weekday of the month,
    -1 for the last), or ``easter`` = days from Easter Sunday; ``offset`` adds days.

    Args:
        year: The year.
        rule: The holiday rule.

    Returns:
        The date.

    Raises:
        ValueError: When the rule's parameters do not make a date.
    """
    if rule.param("easter") is not None:
        a, b, c = year % 19, year // 100, year % 100
        d, e = b // 4, b % 4
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = c // 4, c % 4
        el = (32 + 2 * e + 2 * i - h - k) % 7
        mm = (a + 11 * h + 19 * el) // 433
        month = (h + el - 7 * mm + 90) // 25
        day = (h + el - 7 * mm + 33 * month + 19) % 32
        base = dt.date(year, month, day) + dt.timedelta(days=int(rule.param("easter")))
    elif rule.param("nth") is not None:
        month, n, wd = (int(x) for x in rule.param("nth"))
        if n > 0:
            first = dt.date(year, month, 1)
            base = first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
        else:
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            base = last - dt.timedelta(days=(last.isoweekday() - wd) % 7)
    else:
        base = dt.date(year, int(rule.param("month")), int(rule.param("day")))
    return base + dt.timedelta(days=int(rule.param("offset", 0)))


def resolve_holiday(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Holidays: "Christmas", "Thanksgiving Day", "last Thanksgiving", "Easter week", "Election Day 2024".

    The year comes from group ``year``, a ``rel`` word (last/this/next, counted from the article
    date), or the nearest occurrence. A ``week`` group makes it the week of the holiday.

    Args:
        m: The match.
        rule: Its holiday rule (see :func:`holiday_date`).
        ctx: The context.

    Returns:
        The resolution.
    """
    gran = "week" if group(m, "week") else "day"

    def make(y: int) -> Period:
        return Period.of_date(holiday_date(y, rule), gran)

    year = match_year(m, ctx)
    if year is not None:
        return date_resolution(rule.type, make(year))
    if rule.param("shift_years"):
        return _shifted(m, rule, ctx, make, gran)
    if ctx.dct is None:
        return unknown(rule.type, gran)
    off = rel_offset(group(m, "rel"))
    if off is not None:
        cands = [make(y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
        if off < 0:
            return date_resolution(rule.type, [p for p in cands if p.end < ctx.dct][-1])
        if off > 0:
            return date_resolution(rule.type, next(p for p in cands if p.start > ctx.dct))
        return date_resolution(rule.type, cands[1])
    period = place_in_year(make, ctx, m.start(), m.end())
    return None if period is None else date_resolution(rule.type, period)
