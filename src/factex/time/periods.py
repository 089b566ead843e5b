"""Calendar periods: a resolved point in time at some granularity, with TIMEX3 values and intervals.

A :class:`Period` is what a date expression denotes once it is resolved ("2024-Q4", "the 1990s",
"Tuesday" = 2024-08-27). It knows its TIMEX3 value, its first and last day, and how to move by whole
units ("a year earlier" is ``period.shift("year", -1)``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

# Season order inside a year and the month each one starts in (winter starts in December).
SEASON_ORDER: tuple[str, ...] = ("SP", "SU", "FA", "WI")
_SEASON_START: tuple[tuple[str, int], ...] = (("SP", 3), ("SU", 6), ("FA", 9), ("WI", 12))

GRANULARITIES: tuple[str, ...] = (
    "time",
    "day",
    "weekend",
    "week",
    "month",
    "quarter",
    "half",
    "season",
    "year",
    "decade",
    "century",
)


@dataclass(frozen=True)
class Period:
    """A calendar period.

    Attributes:
        gran: One of ``GRANULARITIES``.
        year: The (ISO week-numbering year for weeks) year; for decades the first year (1990), for
            centuries the first year (1900).
        index: Month (1-12), quarter (1-4), half (1-2), ISO week (1-53) or season index into
            ``SEASON_ORDER``; 0 where unused.
        day: Day of month for ``day``/``time``; 0 otherwise.
        hour: Hour for ``time``; -1 when only a part of day is known.
        minute: Minute for ``time``.
        part: Part of day code (``MO``, ``AF``, ``EV``, ``NI``, ``MI``) for a time without a clock time.
        zone: ``"Z"`` for UTC/GMT clock times, else ``""``.
    """

    gran: str
    year: int
    index: int = 0
    day: int = 0
    hour: int = -1
    minute: int = 0
    part: str = ""
    zone: str = ""

    @staticmethod
    def of_date(d: dt.date, gran: str = "day") -> Period:
        """Return the period of the given granularity that contains a date.

        Args:
            d: The date.
            gran: The wanted granularity.

        Returns:
            The enclosing period.
        """
        if gran in ("day", "time"):
            return Period("day", d.year, d.month, d.day)
        if gran in ("week", "weekend"):
            iso = d.isocalendar()
            return Period(gran, iso[0], iso[1])
        if gran == "month":
            return Period("month", d.year, d.month)
        if gran == "quarter":
            return Period("quarter", d.year, (d.month - 1) // 3 + 1)
        if gran == "half":
            return Period("half", d.year, 1 if d.month <= 6 else 2)
        if gran == "season":
            year = d.year
            if d.month == 12:
                return Period("season", year, 3)
            if d.month <= 2:
                return Period("season", year - 1, 3)
            return Period("season", year, (d.month - 3) // 3)
        if gran == "decade":
            return Period("decade", d.year - d.year % 10)
        if gran == "century":
            return Period("century", d.year - d.year % 100)
        return Period("year", d.year)

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        return self.interval()[0]

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        return self.interval()[1]

    def interval(self) -> tuple[dt.date, dt.date]:
        """Return the first and last day of the period.

        Returns:
            ``(first_day, last_day)``.
        """
        g, y, i = self.gran, self.year, self.index
        if g in ("day", "time"):
            d = dt.date(y, i, self.day)
            return d, d
        if g == "week":
            first = dt.date.fromisocalendar(y, i, 1)
            return first, first + dt.timedelta(days=6)
        if g == "weekend":
            sat = dt.date.fromisocalendar(y, i, 6)
            return sat, sat + dt.timedelta(days=1)
        if g == "month":
            return dt.date(y, i, 1), dt.date(y, i, calendar.monthrange(y, i)[1])
        if g == "quarter":
            m = 3 * (i - 1) + 1
            return dt.date(y, m, 1), dt.date(y, m + 2, calendar.monthrange(y, m + 2)[1])
        if g == "half":
            return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if i == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        if g == "season":
            code = SEASON_ORDER[i]
            if code == "WI":
                last = dt.date(y + 1, 2, calendar.monthrange(y + 1, 2)[1])
                return dt.date(y, 12, 1), last
            m = dict(_SEASON_START)[code]
            return dt.date(y, m, 1), dt.date(y, m + 2, calendar.monthrange(y, m + 2)[1])
        if g == "decade":
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
        if g == "century":
            return dt.date(y, 1, 1), dt.date(y + 99, 12, 31)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)

    def value(self) -> str:
        """Return the TIMEX3 value, e.g. ``2024-08-20``, ``2024-W11``, ``2024-SU``, ``199``.

        Returns:
            The TIMEX3 value string.
        """
        g, y, i = self.gran, self.year, self.index
        if g == "day":
            return f"{y:04d}-{i:02d}-{self.day:02d}"
        if g == "time":
            base = f"{y:04d}-{i:02d}-{self.day:02d}T"
            if self.hour < 0:
                return base + (self.part or "XX")
            return base + f"{self.hour:02d}:{self.minute:02d}{self.zone}"
        if g == "week":
            return f"{y:04d}-W{i:02d}"
        if g == "weekend":
            return f"{y:04d}-W{i:02d}-WE"
        if g == "month":
            return f"{y:04d}-{i:02d}"
        if g == "quarter":
            return f"{y:04d}-Q{i}"
        if g == "half":
            return f"{y:04d}-H{i}"
        if g == "season":
            return f"{y:04d}-{SEASON_ORDER[i]}"
        if g == "decade":
            return f"{y // 10:03d}"
        if g == "century":
            return f"{y // 100:02d}"
        return f"{y:04d}"

    def shift(self, unit: str, n: int) -> Period:
        """Move the period by ``n`` calendar units, keeping its own granularity.

        Moving a quarter by one year gives the same quarter a year before; moving a day by one month
        clips the day to the month's length.

        Args:
            unit: ``day``, ``week``, ``month``, ``quarter``, ``half``, ``season``, ``year``, ``decade``,
                ``century``.
            n: How many units (negative goes back).

        Returns:
            The shifted period.
        """
        if n == 0:
            return self
        g = self.gran
        if unit in ("day", "week", "weekend"):
            days = n * (7 if unit != "day" else 1)
            if g in ("day", "time", "week", "weekend"):
                start = self.start + dt.timedelta(days=days)
                moved = Period.of_date(start, g)
                return replace(self, year=moved.year, index=moved.index, day=moved.day)
            return Period.of_date(self.start + dt.timedelta(days=days), g)
        months = {
            "month": 1,
            "quarter": 3,
            "half": 6,
            "season": 3,
            "year": 12,
            "decade": 120,
            "century": 1200,
        }.get(unit, 12) * n
        if g == "season" and unit == "season":
            k = self.year * 4 + self.index + n
            return Period("season", k // 4, k % 4)
        if g == "season":
            return Period("season", self.year + months // 12, self.index)
        if g in ("day", "time"):
            y, m = divmod(self.year * 12 + (self.index - 1) + months, 12)
            d = min(self.day, calendar.monthrange(y, m + 1)[1])
            return replace(self, year=y, index=m + 1, day=d)
        if g in ("week", "weekend"):
            start = self.start
            y, m = divmod(start.year * 12 + (start.month - 1) + months, 12)
            d = min(start.day, calendar.monthrange(y, m + 1)[1])
            return Period.of_date(dt.date(y, m + 1, d), g)
        per = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[g]
        k = self.year * 12 + (max(self.index, 1) - 1) * per + months
        if g in ("year", "decade", "century"):
            return Period(g, k // 12 - (k // 12) % (per // 12))
        y, rem = divmod(k, 12)
        return Period(g, y, rem // per + 1)

    def coarsen(self, gran: str) -> Period:
        """Return the period of a coarser (or equal) granularity that contains this one's first day.

        Args:
            gran: The target granularity.

        Returns:
            The enclosing period.
        """
        if gran == self.gran:
            return self
        return Period.of_date(self.start, gran)
