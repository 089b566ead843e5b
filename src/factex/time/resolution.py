"""What a resolver returns, and the helpers all resolvers share (group access, year placement)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

import regex

from .context import Context
from .patterns import Rule
from .periods import Period

NO_DCT = "no article date"

# News looks back more readily than ahead: a day ahead of the article date counts as this many days
# behind it when choosing the year of "August 20" or "the first quarter".
FUTURE_DISTANCE_WEIGHT = 2.0
# A date this close to the article date keeps its nearest year whatever the tense ("was extended to
# Nov. 16" in a November 2 article is this Nov. 16).
TENSE_SLACK = dt.timedelta(days=31)

# TIMEX3 shapes of an unknown point at each granularity (used when there is no article date).
UNKNOWN_VALUE: MappingProxyType[str, str] = MappingProxyType(
    {
        "time": "XXXX-XX-XXTXX:XX",
        "day": "XXXX-XX-XX",
        "week": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
        "half": "XXXX-HX",
        "season": "XXXX-XX",
        "year": "XXXX",
        "decade": "XXX",
        "century": "XX",
    }
)


@dataclass(frozen=True)
class Resolution:
    """A resolved match.

    Attributes:
        type: TIMEX3 type.
        value: TIMEX3 value.
        period: The calendar period denoted (dates and times), or None.
        interval: An explicit ``(first, last)`` day pair overriding the period's own interval
            (anchored durations, ranges); either end may be None (open).
        granularity: Overrides the granularity derived from ``period``.
        unresolved: Why the value is not fully resolved, or None.
        anchor: Whether the period may serve as reference time for later anaphoric expressions.
        parts: Nested expressions to report as well, as ``(start, end, resolution)`` (range endpoints).
    """

    type: str
    value: str
    period: Period | None = None
    interval: tuple[dt.date | None, dt.date | None] | None = None
    granularity: str | None = None
    unresolved: str | None = None
    anchor: bool = True
    parts: tuple[tuple[int, int, Resolution], ...] = ()


Resolver = Callable[[regex.Match[str], Rule, Context], "Resolution | None"]


def group(m: regex.Match[str], name: str) -> str | None:
    """Return a named group's text, or None when the rule has no such group or it did not take part.

    Args:
        m: The match.
        name: The group name.

    Returns:
        The group text or None.
    """
    if name not in m.re.groupindex:
        return None
    return m.group(name)


def group_span(m: regex.Match[str], name: str) -> tuple[int, int] | None:
    """Return a named group's span, or None.

    Args:
        m: The match.
        name: The group name.

    Returns:
        ``(start, end)`` or None.
    """
    if group(m, name) is None:
        return None
    return m.span(name)


def date_resolution(rtype: str, period: Period, **kw: object) -> Resolution:
    """Build a resolution for a calendar period (value from the period).

    Args:
        rtype: TIMEX3 type.
        period: The period.
        **kw: Further ``Resolution`` fields.

    Returns:
        The resolution.
    """
    return Resolution(type=rtype, value=period.value(), period=period, **kw)  # type: ignore[arg-type]


def unknown(rtype: str, gran: str, value: str | None = None) -> Resolution:
    """Build the resolution of a relative expression when there is no article date.

    Args:
        rtype: TIMEX3 type.
        gran: The granularity the expression would have had.
        value: A partial value to keep (``XXXX-08-20``); defaults to the all-X shape of ``gran``.

    Returns:
        A resolution flagged ``unresolved``.
    """
    return Resolution(
        type=rtype,
        value=value or UNKNOWN_VALUE.get(gran, "XXXX-XX-XX"),
        granularity="week" if gran == "weekend" else gran,
        unresolved=NO_DCT,
    )


def place_in_year(make: Callable[[int], Period], ctx: Context, start: int, end: int) -> Period | None:
    """Choose the year of a period written without one ("August 20", "the third quarter", "in May").

    The candidate (article year, or the one before or after) nearest to the article date (days ahead
    weigh ``FUTURE_DISTANCE_WEIGHT`` times as much as days behind), unless the words just before the
    span say otherwise: a future marker ("will", "expected to") moves it to the next occurrence after
    the article date, a past marker ("was", "last") to the last one before it; neither moves a date
    within ``TENSE_SLACK`` of the article date.

    Args:
        make: Builds the period for a given year (may raise ValueError, e.g. for February 29).
        ctx: The context (must have a dct).
        start: Span start (for the tense).
        end: Span end.

    Returns:
        The period, or None when no year makes it valid.
    """
    dct = ctx.dct
    assert dct is not None
    cands: list[Period] = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            cands.append(make(year))
        except ValueError:
            continue
    if not cands:
        return None

    def distance(p: Period) -> float:
        if p.start <= dct <= p.end:
            return 0
        if p.start > dct:
            return (p.start - dct).days * FUTURE_DISTANCE_WEIGHT
        return (dct - p.end).days

    best = min(cands, key=lambda p: (distance(p), p.year != dct.year))
    tense = ctx.tense(start, end)
    if tense == "future" and best.end + TENSE_SLACK < dct:
        return next((p for p in cands if p.start > dct), best)
    if tense == "past" and best.start > dct + TENSE_SLACK:
        return next((p for p in reversed(cands) if p.end < dct), best)
    return best


def two_digit_year(yy: int, dct: dt.date | None) -> int:
    """Expand a two-digit year: the century that puts it at most ten years after the article date.

    Args:
        yy: 0..99.
        dct: The article date (None: years up to 30 are 20xx).

    Returns:
        The four-digit year.
    """
    pivot = (dct.year if dct else 2020) + 10
    year = (pivot // 100) * 100 + yy
    return year - 100 if year > pivot else year
