"""What the resolvers may read about a match: the article date, the sentence, its tense, the last date.

One :class:`Context` is made per ``TimeTagger.find`` call and thrown away afterwards; it is the only
mutable state (the reference time moves forward as dates are resolved in document order).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from .periods import Period


@dataclass(frozen=True)
class ContextRegexes:
    """Compiled context readers, built once per tagger from the pattern macros.

    Attributes:
        sentence_end: Matches the gap between two sentences.
        future: Words that mark a sentence as speaking of the future ("will", "plans to").
        past: Words that mark the past ("said", "was", "-ed" verbs).
        signal_before: Matches (anchored at the end) a signal word right before an expression
            (``since``, ``by``, ``until``, ...), in group ``signal``.
        signal_after: Matches (anchored at the start) a signal right after one (``so far``).
    """

    sentence_end: regex.Pattern[str]
    future: regex.Pattern[str]
    past: regex.Pattern[str]
    signal_before: regex.Pattern[str]
    signal_after: regex.Pattern[str]


@dataclass
class Context:
    """Per-document resolution state.

    Attributes:
        text: The document text.
        dct: The document creation time (article date), or None.
        readers: The compiled context regexes.
        ref: The reference time: the last date resolved so far in document order, used by anaphoric
            expressions ("a year earlier", "the quarter", "the day").
        ref_pos: Where the reference time was mentioned (character offset).
        ref_period: The last explicitly named date of month granularity or coarser (the period a
            report is about: "the third quarter"), which "a year earlier" shifts in preference to a
            day mentioned since.
        ref_period_pos: Where ``ref_period`` was mentioned.
        fallback: Optional normalizer for spans the rules match but cannot read (dateparser):
            called with the span text and the article date, returns ``(date, granularity)`` or None.
    """

    text: str
    dct: dt.date | None
    readers: ContextRegexes
    ref: Period | None = None
    ref_pos: int = -1
    ref_period: Period | None = None
    ref_period_pos: int = -1
    fallback: Callable[[str, dt.date | None], tuple[dt.date, str] | None] | None = None
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Index sentence starts."""
        self._starts = [0] + [m.end() for m in self.readers.sentence_end.finditer(self.text)]

    def set_ref(self, period: Period, pos: int, focus: bool = True) -> None:
        """Make a resolved date the reference time for later anaphoric expressions.

        Args:
            period: The date.
            pos: Where it was mentioned.
            focus: Whether a month, quarter, half or year may also become ``ref_period`` (not for
                dates counted from the article date, such as "last year").
        """
        self.ref, self.ref_pos = period, pos
        if focus and period.gran in ("month", "quarter", "half", "year"):
            self.ref_period, self.ref_period_pos = period, pos

    def sentence(self, pos: int) -> tuple[int, int]:
        """Return the bounds of the sentence around a character offset.

        Args:
            pos: A character offset.

        Returns:
            ``(start, end)`` of the sentence.
        """
        i = bisect.bisect_right(self._starts, pos) - 1
        start = self._starts[max(i, 0)]
        end = self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text)
        return start, end

    def tense(self, start: int, end: int, window: int = 80) -> str | None:
        """Guess whether the words before a span put it in the past or the future.

        Only the same sentence, up to ``window`` characters before the span, is read, and the marker
        nearest to the span decides: a future one ("will", "expected to", "until") or a past one
        ("was", "had", "last"). This shortcut beats reading every verb of the sentence on news text,
        where "said" and past participles are everywhere.

        Args:
            start: Span start.
            end: Span end.
            window: How many characters before the span to read.

        Returns:
            ``"future"``, ``"past"`` or None when there is no marker.
        """
        s, _ = self.sentence(start)
        lo = max(s, start - window)
        last_future = max((m.end() for m in self.readers.future.finditer(self.text, lo, start)), default=-1)
        last_past = max((m.end() for m in self.readers.past.finditer(self.text, lo, start)), default=-1)
        if last_future < 0 and last_past < 0:
            return None
        return "future" if last_future >= last_past else "past"

    def signal_before(self, start: int) -> str | None:
        """Return the signal word right before a span ("since", "by", "until", ...), lower-cased.

        Args:
            start: Span start.

        Returns:
            The signal, or None.
        """
        m = self.readers.signal_before.search(self.text, max(0, start - 30), start)
        return " ".join(m.group("signal").lower().split()) if m else None

    def signal_after(self, end: int) -> str | None:
        """Return the signal right after a span ("so far", "to date"), lower-cased.

        Args:
            end: Span end.

        Returns:
            The signal, or None.
        """
        m = self.readers.signal_after.match(self.text, end, min(len(self.text), end + 30))
        return " ".join(m.group("signal").lower().split()) if m else None
