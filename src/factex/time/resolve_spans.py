"""Resolvers for durations, sets, vague references, clock times, parts of day and ranges."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

import regex

from .context import Context
from .lexicon import PARTS_OF_DAY, UNITS, month_number, parse_number, rel_offset, unit_name, weekday_number
from .patterns import Rule
from .periods import Period
from .resolution import (
    NO_DCT,
    Resolution,
    date_resolution,
    group,
    group_span,
    place_in_year,
    two_digit_year,
)
from .resolve_dates import DAY_WORDS, day_period

# Finer unit used to write a fractional amount: letter -> (finer letter, factor, finer is a time unit).
_FINER: MappingProxyType[tuple[str, bool], tuple[str, int, bool]] = MappingProxyType(
    {
        ("Y", False): ("M", 12, False),
        ("M", False): ("D", 30, False),
        ("W", False): ("D", 7, False),
        ("D", False): ("H", 24, True),
        ("H", True): ("M", 60, True),
        ("M", True): ("S", 60, True),
    }
)
_ENDPOINT_GROUPS: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("weekday", "month", "day", "year", "yy"),
    ("month2", "day2", "year2", "yy2"),
)


def duration_value(amount: float | None, unit: str) -> str | None:
    """Write a TIMEX3 duration: ``P14Y``, ``PT48H``, ``P2Y6M``, ``P10Y`` for a decade, ``PXY`` when vague.

    Args:
        amount: How many units, or None when vague ("several years").
        unit: A key of ``UNITS``.

    Returns:
        The value, or None for a unit that has no duration letter.
    """
    if unit not in UNITS or unit == "weekend":
        return None
    letter, is_time = UNITS[unit]
    factor = {"decade": 10, "century": 100, "millennium": 1000, "fortnight": 2}.get(unit, 1)
    if amount is None:
        return f"P{'T' if is_time else ''}X{letter}"
    if factor != 1:
        amount *= factor
        letter = "W" if unit == "fortnight" else "Y"
    t = "T" if is_time else ""
    if float(amount).is_integer():
        return f"P{t}{int(amount)}{letter}"
    whole = int(amount)
    finer = _FINER.get((letter, is_time))
    if finer is not None:
        sub = round((amount - whole) * finer[1], 6)
        if float(sub).is_integer():
            head = f"{whole}{letter}" if whole else ""
            sub_t = "T" if finer[2] and not is_time else ""
            return f"P{t}{head}{sub_t}{int(sub)}{finer[0]}"
    return f"P{t}{amount:g}{letter}"


def _add(d: dt.date, unit: str, n: float) -> dt.date:
    """Move a date by a number of units (fractions of calendar units approximated in days)."""
    if unit in ("hour", "minute", "second"):
        return d
    step = {
        "decade": ("year", 10),
        "century": ("year", 100),
        "fortnight": ("week", 2),
        "millennium": ("year", 1000),
    }.get(unit, (unit, 1))
    amount = n * step[1]
    if float(amount).is_integer() and step[0] in ("day", "week", "month", "quarter", "year"):
        return Period.of_date(d).shift(step[0], int(amount)).start
    days = {"day": 1, "week": 7, "month": 30.44, "quarter": 91.3, "year": 365.25}.get(step[0], 1)
    return d + dt.timedelta(days=round(amount * days))


def resolve_duration(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Durations: "14 consecutive years", "over a decade", "48 hours", "five-year".

    Anchored ones get an interval: "the past five years" runs from the article date minus five years
    to the article date, "the first nine months of 2024" from 2024-01-01 to 2024-09-30, "the last three
    months of 2024" from 2024-10-01 to 2024-12-31.

    Groups: ``num`` (absent or vague: ``X``), ``unit``, optional ``rel`` (past/last/next/coming/first)
    and ``year``. Parameters: ``unit``, ``count``.

    Args:
        m: The match.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    unit = unit_name(rule.param("unit") or group(m, "unit") or "")
    if unit not in UNITS:
        return None
    count = rule.param("count")
    num = group(m, "num")
    amount = count if count is not None else (parse_number(num) if num else None)
    if num and amount is None and not rule.param("vague"):
        return None
    if amount is not None and group(m, "half"):
        amount += 0.5
    value = duration_value(amount, unit)
    if value is None or amount == 0:
        return None
    rel = (group(m, "rel") or "").lower()
    if not rel:
        return Resolution(rule.type, value, anchor=False)
    if rel == "first":
        year = group(m, "year")
        if year:
            start = dt.date(int(year), 1, 1)
        elif ctx.ref is not None:
            start = dt.date(ctx.ref.year, 1, 1)
        elif ctx.dct is not None:
            start = dt.date(ctx.dct.year, 1, 1)
        else:
            return Resolution(rule.type, value, unresolved=NO_DCT, anchor=False)
        end = _add(start, unit, amount or 0) - dt.timedelta(days=1) if amount else None
        return Resolution(rule.type, value, interval=(start, end), anchor=False)
    if rel in ("last", "final") and group(m, "year") and amount:
        # "the last three months of 2024": the months that end that year
        after = dt.date(int(group(m, "year") or 0) + 1, 1, 1)
        return Resolution(rule.type, value, interval=(_add(after, unit, -amount), after - dt.timedelta(days=1)),
                          anchor=False)
    offset = rel_offset(rel)
    if ctx.dct is None or offset is None or offset == 0:
        return Resolution(rule.type, value, anchor=False, unresolved=NO_DCT if offset else None)
    if amount is None:
        interval: tuple[dt.date | None, dt.date | None] = (None, ctx.dct) if offset < 0 else (ctx.dct, None)
    elif offset < 0:
        interval = (_add(ctx.dct, unit, -amount), ctx.dct)
    else:
        interval = (ctx.dct, _add(ctx.dct, unit, amount))
    return Resolution(rule.type, value, interval=interval, anchor=False)


def resolve_set(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Sets: "every year", "annually" (``P1Y``), "every two weeks" (``P2W``), "every Monday".

    "every Monday" is ``XXXX-WXX-1``, "Tuesday nights" ``XXXX-WXX-2TNI``.

    Parameter ``value`` fixes the value, ``values`` maps the word in group ``w`` to one ("annual":
    ``P1Y``); else groups ``weekday`` (+ ``part``) or ``num`` + ``unit`` make it.

    Args:
        m: The match.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    value = rule.param("value")
    word = group(m, "w")
    if value is None and word is not None:
        value = (rule.param("values") or {}).get(word.lower())
    if value is None:
        wd = group(m, "weekday")
        if wd:
            part = PARTS_OF_DAY.get((group(m, "part") or "").lower())
            value = f"XXXX-WXX-{weekday_number(wd) or 1}" + (f"T{part}" if part else "")
        else:
            num = group(m, "num")
            unit = unit_name(rule.param("unit") or group(m, "unit") or "")
            amount = parse_number(num) if num else 1.0
            value = duration_value(amount, unit)
    if value is None:
        return None
    return Resolution(rule.type, value, anchor=False)


def resolve_ref(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Vague references with a fixed value (parameter ``value``).

    "now" is ``PRESENT_REF``, "recently" ``PAST_REF``, "the future" ``FUTURE_REF``.

    Args:
        m: The match.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    return Resolution(rule.type, str(rule.param("value", "PRESENT_REF")), anchor=False)


def resolve_time(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Clock times: "3 p.m.", "10:30 a.m. EST", "18:00 UTC Monday", "noon Thursday".

    Groups: ``hour``, ``minute``, ``ampm``, ``zone``, ``clock`` (noon/midnight/midday), and an optional
    day part (``weekday``, ``dayword``, ``month``/``day``/``year``). Without a day part the time is
    on the day last mentioned, else on the article date. UTC/GMT times get a ``Z``.

    Args:
        m: The match.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    clock = (group(m, "clock") or "").lower()
    if clock:
        hour, minute = (24, 0) if clock == "midnight" else (12, 0)
    else:
        raw = group(m, "hour") or ""
        hour_f = parse_number(raw)
        if hour_f is None or not float(hour_f).is_integer():
            return None
        hour = int(hour_f)
        minute = int(group(m, "minute") or 0)
        ampm = (group(m, "ampm") or "").lower().replace(".", "").replace(" ", "")
        part = (group(m, "part") or "").lower()
        if ampm.startswith("p") or (part in ("afternoon", "evening", "night") and hour < 12):
            hour = hour % 12 + 12
        elif ampm.startswith("a"):
            hour = hour % 12
        if not (0 <= hour <= 24 and 0 <= minute <= 59):
            return None
    zone_text = (group(m, "zone") or "").upper()
    zone = (
        "Z"
        if zone_text.strip("() ").startswith(("UTC", "GMT", "Z"))
        and not regex.search(r"[+-]\s*\d", zone_text)
        else ""
    )
    start, end = m.span()
    day = day_period(m, ctx, start, end)
    if isinstance(day, Resolution):
        return Resolution(
            rule.type, f"{day.value}T{hour:02d}:{minute:02d}", granularity="time", unresolved=NO_DCT
        )
    if day is None:
        if ctx.ref is not None and ctx.ref.gran in ("day", "time"):
            day = Period.of_date(ctx.ref.start)
        elif ctx.dct is not None:
            day = Period.of_date(ctx.dct)
        else:
            return Resolution(
                rule.type, f"XXXX-XX-XXT{hour:02d}:{minute:02d}", granularity="time", unresolved=NO_DCT
            )
    if day.gran != "day":
        return None
    period = Period("time", day.year, day.index, day.day, hour, minute, zone=zone)
    return date_resolution(rule.type, period)


def resolve_part_of_day(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Parts of days: "this morning", "last night", "Friday night", "yesterday afternoon", "tonight".

    Groups: ``part`` and one of ``weekday``, ``dayword`` (today/yesterday/tomorrow/tonight), ``rel``
    (this/last/that); parameter ``part`` for words like "tonight".

    Args:
        m: The match.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution.
    """
    part = PARTS_OF_DAY.get((group(m, "part") or rule.param("part") or "").lower())
    if part is None:
        return None
    rel = " ".join((group(m, "rel") or "").lower().split())
    word = (group(m, "dayword") or "").lower()
    if group(m, "weekday") or word in DAY_WORDS or group(m, "month"):
        day = day_period(m, ctx, m.start(), m.end())
    elif (
        rel in ("that", "the", "the next", "the following")
        and ctx.ref is not None
        and ctx.ref.gran in ("day", "time")
    ):
        shift = 1 if "next" in rel or "following" in rel else 0
        day = Period.of_date(ctx.ref.start + dt.timedelta(days=shift))
    elif ctx.dct is not None:
        day = Period.of_date(ctx.dct - dt.timedelta(days=1 if rel == "last" else 0))
    else:
        day = Resolution(rule.type, "XXXX-XX-XX", unresolved=NO_DCT)
    if isinstance(day, Resolution):
        return Resolution(rule.type, f"{day.value}T{part}", granularity="time", unresolved=NO_DCT)
    if day is None or day.gran != "day":
        return None
    return date_resolution(rule.type, Period("time", day.year, day.index, day.day, part=part))


def resolve_range(m: regex.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Ranges: "2013-2023", "2013–23", "from 2009 to 2011", "January-September", "Aug. 1-15".

    First endpoint from groups ``year``/``month``/``day``, second from ``year2``/``yy2``/``month2``/
    ``day2``; missing parts are shared. The value is the length as a duration (TimeML: "from 2009 to
    2011" is ``P2Y``), the interval runs from the first day of the first endpoint to the last day of
    the second. Both endpoints are reported as nested expressions too.

    Args:
        m: The match.
        rule: Its rule.
        ctx: The context.

    Returns:
        The resolution, or None when the endpoints are not in order.
    """
    y1, y2 = _year_of(m, ctx, ""), _year_of(m, ctx, "2")
    mo1 = _month_of(group(m, "month"))
    mo2 = _month_of(group(m, "month2")) or mo1
    d1 = _int(group(m, "day"))
    d2 = _int(group(m, "day2"))
    if y2 is not None and y1 is not None and y2 < y1 and group(m, "yy2"):
        y2 += 100 * ((y1 - y2) // 100 + 1)
    gran = "day" if d1 and d2 else "month" if mo1 and mo2 else "year"
    if gran == "year" and (y1 is None or y2 is None):
        return None
    if y1 is None and y2 is not None:
        y1 = y2 if (mo1 or 0, d1 or 0) <= (mo2 or 0, d2 or 0) else y2 - 1
    if y1 is None:
        if ctx.dct is None:
            return Resolution(
                rule.type,
                "PXX" if gran == "year" else f"PX{'M' if gran == 'month' else 'D'}",
                unresolved=NO_DCT,
                anchor=False,
            )
        placed = place_in_year(lambda y: _endpoint(gran, y, mo1, d1), ctx, m.start(), m.end())
        if placed is None:
            return None
        y1 = placed.year
    if y2 is None:
        y2 = y1 if (mo1 or 0, d1 or 0) <= (mo2 or 0, d2 or 0) else y1 + 1
    try:
        p1, p2 = _endpoint(gran, y1, mo1, d1), _endpoint(gran, y2, mo2, d2)
    except ValueError:
        return None
    if p2.start <= p1.start:
        return None
    if gran == "year":
        value = f"P{p2.year - p1.year}Y"
    elif gran == "month":
        value = f"P{(p2.year - p1.year) * 12 + p2.index - p1.index}M"
    else:
        value = f"P{(p2.start - p1.start).days}D"
    parts = []
    for names, period in zip(_ENDPOINT_GROUPS, (p1, p2), strict=True):
        spans = [s for s in (group_span(m, n) for n in names) if s is not None]
        if spans:
            lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
            parts.append((lo, hi, date_resolution("DATE", period)))
    return Resolution(
        rule.type, value, interval=(p1.start, p2.end), granularity=gran, anchor=False, parts=tuple(parts)
    )


def _year_of(m: regex.Match[str], ctx: Context, suffix: str) -> int | None:
    y = group(m, "year" + suffix)
    if y:
        return int(y)
    yy = group(m, "yy" + suffix)
    if yy:
        digits = int(regex.sub(r"\D", "", yy))
        if suffix:
            first = group(m, "year")
            if first:
                return (int(first) // 100) * 100 + digits
        return two_digit_year(digits, ctx.dct)
    return None


def _month_of(word: str | None) -> int | None:
    return month_number(word) if word else None


def _int(text: str | None) -> int | None:
    return int(regex.sub(r"\D", "", text)) if text else None


def _endpoint(gran: str, year: int, month: int | None, day: int | None) -> Period:
    if gran == "day":
        assert month is not None and day is not None
        dt.date(year, month, day)
        return Period("day", year, month, day)
    if gran == "month":
        assert month is not None
        return Period("month", year, month)
    return Period("year", year)
