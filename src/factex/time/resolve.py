"""The resolver registry: rule ``resolver`` names mapped to functions, plus static match checks."""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

import regex

from .patterns import Rule
from .resolution import Resolver
from .resolve_dates import (
    check_date,
    resolve_century,
    resolve_date,
    resolve_decade,
    resolve_fiscal,
    resolve_iso_week,
    resolve_nth_week,
    resolve_parsed,
    resolve_spelled_year,
    resolve_weekday,
)
from .resolve_periods import resolve_holiday, resolve_part_of_year, resolve_set_month
from .resolve_relative import resolve_deictic, resolve_ref_in_year, resolve_relative, resolve_shift
from .resolve_spans import (
    resolve_duration,
    resolve_part_of_day,
    resolve_range,
    resolve_ref,
    resolve_set,
    resolve_time,
)

RESOLVERS: MappingProxyType[str, Resolver] = MappingProxyType(
    {
        "date": resolve_date,
        "weekday": resolve_weekday,
        "relative": resolve_relative,
        "shift": resolve_shift,
        "deictic": resolve_deictic,
        "part_of_year": resolve_part_of_year,
        "decade": resolve_decade,
        "century": resolve_century,
        "fiscal": resolve_fiscal,
        "duration": resolve_duration,
        "set": resolve_set,
        "ref": resolve_ref,
        "time": resolve_time,
        "part_of_day": resolve_part_of_day,
        "range": resolve_range,
        "parse": resolve_parsed,
        "spelled_year": resolve_spelled_year,
        "nth_week": resolve_nth_week,
        "iso_week": resolve_iso_week,
        "ref_in_year": resolve_ref_in_year,
        "set_month": resolve_set_month,
        "holiday": resolve_holiday,
    }
)

CHECKS: MappingProxyType[str, Callable[[regex.Match[str], Rule], bool]] = MappingProxyType(
    {"date": check_date, "range": check_date, "time": check_date}
)


def check(m: regex.Match[str], rule: Rule) -> bool:
    """Run the static check of a rule's resolver on a match (no context needed).

    Args:
        m: The match.
        rule: Its rule.

    Returns:
        False when the match cannot be a time expression (e.g. "February 30").
    """
    fn = CHECKS.get(rule.resolver)
    return True if fn is None else fn(m, rule)
