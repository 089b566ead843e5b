"""Time-expression tagging for factex.

Finds dates, times, durations and sets in English news text and normalizes them the TIMEX3 way, with
calendar intervals resolved against the article date.

Example:
    >>> import datetime as dt
    >>> from factex.time import TimeTagger
    >>> [(e.text, e.value) for e in TimeTagger().find("Sales fell last year.", dt.date(2024, 9, 1))]
    [('last year', '2023')]
"""

from .expr import TimeExpr
from .patterns import PatternError
from .tagger import TimeTagger

__all__ = ("PatternError", "TimeExpr", "TimeTagger")
