"""dateparser as a fallback normalizer for spans the rules found but do not read themselves.

dateparser fills missing fields from its base date and reads ranges ("2013-2023") as nothing, so it is
only given single, fully written dates (day, month and year present), in English only, and what it
returns is checked against the span.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

_SETTINGS: tuple[tuple[str, Any], ...] = (
    ("PREFER_DATES_FROM", "past"),
    ("RETURN_AS_TIMEZONE_AWARE", False),
    ("REQUIRE_PARTS", ("day", "month", "year")),
    ("PARSERS", ("absolute-time", "custom-formats")),
)
_MAX_CACHED = 64


class DateparserNormalizer:
    """Parse one date span with dateparser, with one cached parser per article date.

    The cache lives on the instance (one per tagger), never in module globals.
    """

    def __init__(self) -> None:
        """Create an empty parser cache; dateparser is imported on first use."""
        self._parsers: dict[dt.date | None, Any] = {}

    def __call__(self, text: str, dct: dt.date | None) -> tuple[dt.date, str] | None:
        """Parse a span.

        Args:
            text: The span, e.g. ``"20-Aug-2024"``.
            dct: The article date (dateparser's relative base), or None.

        Returns:
            ``(date, granularity)`` or None when dateparser cannot read it.
        """
        parser = self._parser(dct)
        try:
            data = parser.get_date_data(text)
        except (ValueError, OverflowError, TypeError):
            return None
        if data is None or data.date_obj is None:
            return None
        period = data.period if data.period in ("day", "month", "year") else "day"
        return data.date_obj.date(), period

    def _parser(self, dct: dt.date | None) -> Any:
        """Return (and cache) the parser for an article date."""
        parser = self._parsers.get(dct)
        if parser is None:
            from dateparser.date import DateDataParser

            settings: dict[str, Any] = {k: list(v) if isinstance(v, tuple) else v for k, v in _SETTINGS}
            if dct is not None:
                settings["RELATIVE_BASE"] = dt.datetime(dct.year, dct.month, dct.day)
            parser = DateDataParser(languages=["en"], settings=settings)
            if len(self._parsers) >= _MAX_CACHED:
                self._parsers.clear()
            self._parsers[dct] = parser
        return parser
