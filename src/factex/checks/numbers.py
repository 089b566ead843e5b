"""Figures as intervals: what a rounded, qualified number in an article can mean.

"77.9 million tons" stands for anything from 77.85 to 77.95 million tons (half a unit of its last
digit); "more than six times" for anything above 6; "about 44 billion dollars" for a few percent
either side. Checks do their arithmetic on these intervals, so a figure is never faulted for rounding.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_EPS = 1e-9


@dataclass(frozen=True)
class CheckConfig:
    """How much slack a check allows.

    Attributes:
        rounding: Half-width of a stated figure, in units of its last digit (0.5: "77.9" is 77.85..77.95).
        approx_relative: Relative half-width of a figure qualified as approximate ("about", "nearly").
        min_relative: A relative slack added to every comparison (0: none beyond rounding).
    """

    rounding: float = 0.5
    approx_relative: float = 0.05
    min_relative: float = 0.0


@dataclass(frozen=True)
class Interval:
    """A closed range of values with the point the article states (``point``)."""

    lo: float
    hi: float
    point: float

    @classmethod
    def exact(cls, x: float) -> Interval:
        """An interval holding one value."""
        return cls(x, x, x)

    @property
    def half_width(self) -> float | None:
        """Half the width, or None when the interval is unbounded."""
        if math.isinf(self.lo) or math.isinf(self.hi):
            return None
        return (self.hi - self.lo) / 2

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi, self.point + other.point)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo, self.point - other.point)

    def scale(self, factor: float) -> Interval:
        """Multiply by a constant (a unit conversion)."""
        lo, hi = sorted((self.lo * factor, self.hi * factor))
        return Interval(lo, hi, self.point * factor)

    def divide(self, other: Interval) -> Interval | None:
        """``self / other`` for positive intervals; None when ``other`` may be zero or negative."""
        if other.lo <= 0 or self.lo < 0:
            return None
        hi = math.inf if math.isinf(self.hi) else self.hi / other.lo
        return Interval(self.lo / other.hi if not math.isinf(other.hi) else 0.0, hi, self.point / other.point)

    def widen(self, relative: float) -> Interval:
        """Add a relative slack either side."""
        if relative <= 0:
            return self
        slack = abs(self.point) * relative
        return Interval(self.lo - slack, self.hi + slack, self.point)

    def overlaps(self, other: Interval) -> bool:
        """Whether some value lies in both intervals.

        Rounding intervals are half-open (5.2 stands for 5.15 up to, not including, 5.25), so two
        intervals that only touch do not overlap, unless one of them is an exact figure.
        """
        eps = _EPS * max(1.0, abs(self.point), abs(other.point))
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        if hi - lo > eps:
            return True
        if abs(hi - lo) <= eps:
            return self.hi - self.lo <= eps or other.hi - other.lo <= eps
        return False


def step_of(mention: str, amount: float, approx: str) -> float:
    """The size of the last stated digit of a figure, in the figure's own unit.

    "77.9 million tons" (77,900,000) has a step of 100,000; "5,000" of 1; a figure in words
    ("six times", "seventh") is exact (0). With "about", trailing zeros count as rounding: "about
    50,000" has a step of 10,000.
    """
    m = _NUMBER.search(mention)
    if m is None:
        return 0.0
    literal = m.group().replace(",", "")
    try:
        value = float(literal)
    except ValueError:
        return 0.0
    if value == 0:
        return 0.0
    decimals = len(literal.split(".")[1]) if "." in literal else 0
    digit = 10.0 ** (-decimals)
    if approx == "~" and decimals == 0:
        stripped = literal.rstrip("0")
        digit = 10.0 ** (len(literal) - len(stripped)) if stripped else 1.0
    scale = abs(amount) / value if value else 1.0
    return digit * scale


def claim_interval(claim: dict[str, Any], config: CheckConfig) -> Interval:
    """The values a claim's figure can stand for, given its rounding and qualifier."""
    value = claim["value"]
    amount = float(value["amount"])
    high = float(value["amount_high"]) if value.get("amount_high") is not None else amount
    approx = value.get("approx") or "="
    half = step_of(claim["mention"]["text"], amount, approx) * config.rounding
    lo, hi = amount - half, high + half
    if approx == "~":
        slack = abs(amount) * config.approx_relative
        lo, hi = min(lo, amount - slack), max(hi, high + slack)
    elif approx in (">", ">="):
        lo, hi = amount, math.inf
    elif approx in ("<", "<="):
        lo, hi = (0.0 if amount >= 0 else -math.inf), high
    return Interval(lo, hi, (amount + high) / 2)


def tolerance(*intervals: Interval) -> float | None:
    """The rounding slack a check allowed: the sum of the half-widths (None when one is unbounded)."""
    total = 0.0
    for interval in intervals:
        width = interval.half_width
        if width is None:
            return None
        total += width
    return clean(total)


def clean(x: float | None, digits: int = 6) -> float | None:
    """Round a computed value for output (no float noise such as 24.700000000000045)."""
    if x is None or math.isinf(x) or math.isnan(x):
        return None
    if x == 0:
        return 0
    rounded = round(x, -math.floor(math.log10(abs(x))) + digits - 1)
    return int(rounded) if float(rounded).is_integer() and abs(rounded) < 1e15 else rounded


_SCALES = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))
_UNIT_TEXT = {"percent": "%", "percentage_point": " percentage points", "times": " times", "": ""}


def fmt(x: float | None, unit: str = "") -> str:
    """A figure for an explanation: 77900000 t -> "77.9 million t", 5.3 percent -> "5.3%"."""
    if x is None:
        return "?"
    if math.isinf(x):
        return "∞"
    sign = "-" if x < 0 else ""
    x = abs(x)
    suffix = ""
    for size, word in _SCALES:
        if x >= size:
            x, suffix = x / size, word
            break
    if x < 1000 or suffix:
        decimals = max(0, 4 - math.floor(math.log10(x))) if x > 0 else 0
        text = f"{x:,.{decimals}f}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
    else:
        text = f"{x:,.0f}"
    unit_text = _UNIT_TEXT.get(unit, f" {unit}")
    return f"{sign}{text}{suffix}{unit_text}"
