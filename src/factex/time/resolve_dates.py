"""Resolvers for calendar expressions: dates, weekdays, relative and anaphoric dates, parts of years."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

import regex

from .context import Context
from .lexicon import (
    PARTS_OF_DAY,
    SEASONS,
    is_anaphoric,
    month_number,
    ordinal_number,
    parse_number,
    rel_offset,
    unit_name,
    weekday_number,
)
from .patterns import Rule
from .periods import GRANULARITIES, SEASON_ORDER, Period
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


def _year(m: regex.Match[str], ctx: Context, suffix: str = "") -> int | None:
    """Read a year from the ``year``/``yy`` groups (with a suffix for range ends)."""
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
    year = _year(m, ctx)
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


def resolve_part_of_year(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Quarters, halves and seasons: "the fourth quarter of 2024", "Q3", "H1 2024", "last summer".

    Groups: ``ord``/``q``/``h``/``season``/``month`` give the index; ``year``/``yy`` the year, or ``yrel``
    ("this", "last", "next" year) relative to the article date, or ``rel`` ("last summer").
    Without a year the tense places it. Parameter ``gran``: quarter, half or season.

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
    else:
        raw = group(m, "q") or group(m, "h") or group(m, "ord") or ""
        n = ordinal_number(raw) if not raw.isdigit() else int(raw)
        if n is None or n == 0 or n > count:
            return None
        index = count if n == -1 else n
    year = _year(m, ctx)
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
    year = _year(m, ctx)
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
    year = _year(m, ctx)
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
    year, week = _year(m, ctx), int(group(m, "week") or 0)
    if year is None:
        return None
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return date_resolution(rule.type, Period("week", year, week))


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
    year = _year(m, ctx)
    if year is None:
        return None
    ref = ctx.ref_period
    if ref is not None and ref.gran in ("month", "quarter", "half"):
        return date_resolution(rule.type, Period(ref.gran, year, ref.index), anchor=False)
    return date_resolution(rule.type, Period("year", year))


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

    year = _year(m, ctx)
    if year is not None:
        return date_resolution(rule.type, make(year))
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
