"""Resolvers for calendar dates: full and partial dates, weekdays, years, decades, centuries, fiscal years."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

import regex

from .context import Context
from .lexicon import (
    PARTS_OF_DAY,
    is_anaphoric,
    month_number,
    ordinal_number,
    parse_number,
    rel_offset,
    weekday_number,
)
from .patterns import Rule
from .periods import GRANULARITIES, Period
from .resolution import (
    NO_DCT,
    Resolution,
    date_resolution,
    group,
    place_in_year,
    two_digit_year,
    unknown,
)

_DECADE_WORDS: MappingProxyType[str, int] = MappingProxyType(
    {
        "twenties": 20,
        "thirties": 30,
        "forties": 40,
        "fifties": 50,
        "sixties": 60,
        "seventies": 70,
        "eighties": 80,
        "nineties": 90,
        "noughties": 0,
    }
)
DAY_WORDS: MappingProxyType[str, int] = MappingProxyType(
    {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
)


def gran_rank(gran: str) -> int:
    """Return a granularity's rank, finest first (``time`` is 0).

    Args:
        gran: A granularity name.

    Returns:
        Its index in ``GRANULARITIES``.
    """
    return GRANULARITIES.index(gran) if gran in GRANULARITIES else len(GRANULARITIES)


def _digits(text: str) -> int:
    return int(regex.sub(r"\D", "", text))


def match_year(m: regex.Match[str], ctx: Context, suffix: str = "") -> int | None:
    """Read a year from the ``year``/``yy`` groups (with a suffix for range ends).

    Args:
        m: The match.
        ctx: The context (two-digit years are expanded around the article date).
        suffix: ``""`` or ``"2"`` (the second endpoint of a range).

    Returns:
        The year, or None.
    """
    y = group(m, "year" + suffix)
    if y:
        return int(y)
    yy = group(m, "yy" + suffix)
    if yy:
        return two_digit_year(_digits(yy), ctx.dct)
    return None


def check_date(m: regex.Match[str], rule: Rule) -> bool:
    """Static check: is the matched month/day combination a possible calendar date?

    Args:
        m: The match.
        rule: Its rule.

    Returns:
        False for impossible dates ("February 30", "13/45/2020").
    """
    for suffix in ("", "2"):
        mo, d = group(m, "month" + suffix), group(m, "day" + suffix)
        if d is None or (mo is None and suffix == "2"):
            continue
        if mo is None:
            continue
        month, day = month_number(mo), _digits(d)
        if rule.param("slash") and month is not None and month > 12 and day <= 12:
            month, day = day, month
        if month is None or not 1 <= month <= 12:
            return False
        y = group(m, "year" + suffix)
        try:
            dt.date(int(y) if y else 2000, month, day)
        except ValueError:
            return False
    return True


def resolve_date(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Calendar dates from any of the groups ``year``/``yy``, ``month``, ``day`` (and clock time).

    A date without a year is placed in the article year (tense decides near the year's ends).

    Args:
        m: The match.
        rule: Its rule.
        ctx: The document context.

    Returns:
        The resolution, or None when the groups do not make a date.
    """
    period = day_period(m, ctx, m.start(), m.end(), rule)
    if isinstance(period, Resolution):
        return period
    if period is None:
        return None
    if rule.param("gran"):
        period = period.coarsen(rule.param("gran"))
    hour = group(m, "hour")
    if hour is not None:
        zone = "Z" if (group(m, "zone") or "").upper() in ("Z", "UTC", "GMT") else ""
        period = Period(
            "time", period.year, period.index, period.day, int(hour), int(group(m, "minute") or 0), zone=zone
        )
    return date_resolution(rule.type if hour is None else "TIME", period)


def day_period(
    m: regex.Match[str], ctx: Context, start: int, end: int, rule: Rule | None = None
) -> Period | Resolution | None:
    """Read the date part of a match: full or partial date, weekday, or day word.

    Args:
        m: The match.
        ctx: The context.
        start: Span start (for tense).
        end: Span end.
        rule: The rule (for its ``slash`` parameter).

    Returns:
        A period; an unresolved ``Resolution`` when there is no article date; None when the match
        holds no date part.
    """
    year = match_year(m, ctx)
    mo, d = group(m, "month"), group(m, "day")
    month = month_number(mo) if mo else None
    day = _digits(d) if d else None
    if mo and month is None and ctx.fallback is not None:
        got = ctx.fallback(m.group(0), ctx.dct)
        if got is None:
            return None
        return Period.of_date(got[0], got[1])
    if rule is not None and rule.param("slash") and month and day and month > 12 and day <= 12:
        month, day = day, month
    if month and day:
        if year:
            return Period("day", year, month, day)
        if ctx.dct is None:
            return unknown("DATE", "day", f"XXXX-{month:02d}-{day:02d}")
        return place_in_year(lambda y: _checked_day(y, month, day), ctx, start, end)
    if month:
        if year:
            return Period("month", year, month)
        if ctx.dct is None:
            return unknown("DATE", "month", f"XXXX-{month:02d}")
        return place_in_year(lambda y: Period("month", y, month), ctx, start, end)
    if year:
        return Period("year", year)
    wd = group(m, "weekday")
    if wd:
        return _weekday_period(weekday_number(wd) or 1, group(m, "rel"), ctx, start, end)
    word = (group(m, "dayword") or "").lower()
    if word in DAY_WORDS:
        if ctx.dct is None:
            return unknown("DATE", "day")
        return Period.of_date(ctx.dct + dt.timedelta(days=DAY_WORDS[word]))
    return None


def _checked_day(year: int, month: int, day: int) -> Period:
    dt.date(year, month, day)
    return Period("day", year, month, day)


def _weekday_period(wd: int, rel: str | None, ctx: Context, start: int, end: int) -> Period | Resolution:
    """The date of a weekday.

    The nearest one on or before the article date unless the sentence speaks of the future ("the
    previous Friday" counts from the day last mentioned).
    """
    if ctx.dct is None:
        return unknown("DATE", "day", f"XXXX-WXX-{wd}")
    dct = ctx.dct
    offset = rel_offset(rel)
    if is_anaphoric(rel) and ctx.ref is not None and ctx.ref.gran in ("day", "time"):
        dct = ctx.ref.start
    delta = wd - dct.isoweekday()
    if offset == -1:
        days = delta - 7 if delta >= 0 else delta
    elif offset == 1:
        days = delta + 7 if delta <= 0 else delta
    elif ctx.tense(start, end) == "future" or (offset == 0 and delta > 0):
        days = delta % 7
    else:
        days = -((-delta) % 7)
    return Period.of_date(dct + dt.timedelta(days=days))


def resolve_weekday(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Weekdays ("Tuesday", "last Friday", "Friday night").

    Args:
        m: The match with a ``weekday`` group (optional ``rel``, ``part``).
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    wd = weekday_number(group(m, "weekday") or "") or 1
    period = _weekday_period(wd, group(m, "rel"), ctx, m.start(), m.end())
    part = PARTS_OF_DAY.get((group(m, "part") or "").lower())
    if isinstance(period, Resolution):
        return Resolution(
            rule.type, period.value + (f"T{part}" if part else ""), granularity="day", unresolved=NO_DCT
        )
    if part:
        period = Period("time", period.year, period.index, period.day, part=part)
    return date_resolution(rule.type, period)


def resolve_decade(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Decades: "the 1990s", "the '80s", "the nineties" (value ``199``).

    Args:
        m: The match with group ``decade`` (digits or word).
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    raw = (group(m, "decade") or "").lower().lstrip("'\u2019")
    if raw[:-1].isdigit() and raw.endswith("s"):
        raw = raw[:-1]
    if raw.isdigit() and len(raw) == 4:
        year = int(raw)
    else:
        dd = int(raw) if raw.isdigit() else _DECADE_WORDS.get(raw)
        if dd is None:
            return None
        now = ctx.dct.year if ctx.dct else 2020
        year = (now // 100) * 100 + dd
        if year > now:
            year -= 100
    return date_resolution(rule.type, Period("decade", year - year % 10))


def resolve_century(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Centuries: "the 20th century" (value ``19``).

    Args:
        m: The match with group ``ord``.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    n = ordinal_number(group(m, "ord") or "")
    if n is None or n <= 0:
        return None
    return date_resolution(rule.type, Period("century", (n - 1) * 100))


def resolve_fiscal(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Fiscal years: "fiscal 1989", "FY2023" (the year), "FY2023/24" (value ``FY2023``).

    A split fiscal year's interval covers both calendar years, since its first month is unknown.

    Args:
        m: The match with ``year``/``yy`` and optional ``year2``/``yy2``.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    year = match_year(m, ctx)
    if year is None:
        return None
    second = group(m, "year2") or group(m, "yy2")
    if not second:
        return date_resolution(rule.type, Period("year", year))
    end_year = int(second) if len(second) == 4 else (year // 100) * 100 + int(second)
    if end_year != year + 1:
        return None
    return Resolution(
        rule.type,
        f"FY{year}",
        period=Period("year", year),
        interval=(dt.date(year, 1, 1), dt.date(end_year, 12, 31)),
        granularity="year",
    )


def resolve_parsed(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Fully written dates in rarer layouts ("20-Aug-2024", "2024/08/20"), read by dateparser.

    Args:
        m: The match.
        rule: Its rule.
        ctx: The context (with ``fallback``).

    Returns:
        The resolution, or None when the fallback cannot read the span.
    """
    if ctx.fallback is None:
        return None
    got = ctx.fallback(m.group(0), ctx.dct)
    if got is None:
        return None
    return date_resolution(rule.type, Period.of_date(got[0], got[1]))


def resolve_spelled_year(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Years written in words: "nineteen ninety-six", "two thousand and four".

    With a ``month`` group ("January nineteen ninety-seven") the month.

    Args:
        m: The match with group ``yw``.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    words = (group(m, "yw") or "").lower().replace("-", " ").split()
    if not words:
        return None
    base, rest = (1900, words[1:]) if words[0] == "nineteen" else (2000, words[2:])
    rest = [w for w in rest if w not in ("hundred", "and", "o", "oh")]
    tail = parse_number(" ".join(rest)) if rest else 0.0
    year = base + int(tail or 0)
    month = month_number(group(m, "month") or "")
    return date_resolution(rule.type, Period("month", year, month) if month else Period("year", year))


def resolve_nth_week(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """The n-th or last week of a month: "the last week of March".

    The ISO week holding the month's 4th day, counted from the start (or from the end for "last").

    Args:
        m: The match with ``ord`` and ``month`` (optional ``year``).
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    n = ordinal_number(group(m, "ord") or "")
    month = month_number(group(m, "month") or "")
    if n is None or month is None or n == 0 or n > 5:
        return None
    year = match_year(m, ctx)
    if year is None:
        if ctx.dct is None:
            return unknown(rule.type, "week")
        placed = place_in_year(lambda y: Period("month", y, month), ctx, m.start(), m.end())
        if placed is None:
            return None
        year = placed.year
    first, last = Period("month", year, month).interval()
    day = last - dt.timedelta(days=3) if n == -1 else first + dt.timedelta(days=3 + 7 * (n - 1))
    return date_resolution(rule.type, Period.of_date(day, "week"))


def resolve_iso_week(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ISO weeks: "2024-W11", "week 11 of 2024".

    Args:
        m: The match with ``year`` and ``week``.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution, or None for a week the year does not have.
    """
    year, week = match_year(m, ctx), int(group(m, "week") or 0)
    if year is None:
        return None
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return date_resolution(rule.type, Period("week", year, week))
