"""The record the tagger returns for each time expression."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TimeExpr:
    """A time expression found in a text, normalized the TIMEX3 way.

    Attributes:
        text: The expression as written; always ``source[start:end]``.
        start: Start character offset (Python ``str`` index) into the text given to the tagger.
        end: End character offset (exclusive).
        type: ``"DATE"``, ``"TIME"``, ``"DURATION"`` or ``"SET"``.
        value: The TIMEX3 value: ``2024-08-20``, ``2024-Q4``, ``199``, ``P14Y``, ``PAST_REF``, ...;
            ``X`` marks what could not be resolved (``XXXX-08-20``).
        interval_start: First day (ISO date) of the period the expression refers to, or None when
            open or unknown. Signal words are applied: "since 2013" runs from 2013-01-01 to the article
            date, "by August 20, 2024" has no start.
        interval_end: Last day (ISO date) of that period, or None when open or unknown.
        granularity: ``day``, ``week``, ``month``, ``quarter``, ``half``, ``season``, ``year``,
            ``decade``, ``century``, ``time``, or None (durations, sets, vague references).
        rule: The id of the pattern that matched (from ``patterns/time.jsonl``).
        unresolved: None, or why the value could not be resolved (``"no article date"``).
    """

    text: str
    start: int
    end: int
    type: str
    value: str
    interval_start: str | None = None
    interval_end: str | None = None
    granularity: str | None = None
    rule: str = ""
    unresolved: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the expression as a JSON-ready dict (all fields, same names).

        Returns:
            A plain dict.
        """
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "value": self.value,
            "interval_start": self.interval_start,
            "interval_end": self.interval_end,
            "granularity": self.granularity,
            "rule": self.rule,
            "unresolved": self.unresolved,
        }
