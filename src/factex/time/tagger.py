"""The time-expression tagger: run the rules, keep the best non-overlapping matches, resolve them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

import regex

from .context import Context, ContextRegexes
from .expr import TimeExpr
from .fallback import DateparserNormalizer
from .patterns import PatternError, Rule, compile_rules, default_records
from .resolution import Resolution
from .resolve import RESOLVERS, check

_CONTEXT_MACROS = (
    "SENTENCE_END",
    "TENSE_FUTURE",
    "TENSE_PAST",
    "SIGNAL_BEFORE",
    "SIGNAL_AFTER",
    "NO_ANCHOR_BEFORE",
)
_UNTIL = frozenset({"by", "until", "till", "til", "through", "up to", "up until", "no later than"})
_ONE_DAY = dt.timedelta(days=1)
# Resolvers whose dates count from the article date or the last date: they never become the period in
# focus that "a year earlier" shifts.
_NO_FOCUS = frozenset({"shift", "ref_in_year"})
# By default a match may start this many characters before its trigger's hit and end (with the
# context its lookaheads read) this many after it; rules narrow it with ``window``.
_DEFAULT_WINDOW = (60, 110)
# Lower-cases ASCII letters only, so offsets in the copy are offsets in the text.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

Candidate = tuple[int, int, int, "regex.Match[str]"]
# A trigger that is nothing but words joined by "|": it can only match where one of them occurs.
_PLAIN_WORDS = re.compile(r"[\w' ]+(?:\|[\w' ]+)*")


class TimeTagger:
    """Find and normalize time expressions (TIMEX3 values plus calendar intervals) in English text.

    Example:
        >>> tagger = TimeTagger()
        >>> [e.value for e in tagger.find("In 2023, output rose.", dt.date(2024, 9, 1))]
        ['2023']
    """

    def __init__(
        self, patterns: Sequence[Mapping[str, Any]] | None = None, *, endpoints: bool = True
    ) -> None:
        """Compile the rules.

        Args:
            patterns: Rule and macro records (the lines of ``time.jsonl`` as dicts); by default the
                file shipped in ``factex/patterns``.
            endpoints: Also report the endpoints of ranges as nested expressions ("2013–2023" gives the
                range and "2013" and "2023"), as TimeML annotates them.

        Raises:
            factex.time.patterns.PatternError: When the records are malformed, or lack the context
                macros (``SENTENCE_END``, ``TENSE_FUTURE``, ``TENSE_PAST``, ``SIGNAL_BEFORE``,
                ``SIGNAL_AFTER``, ``NO_ANCHOR_BEFORE``).
        """
        compiled = compile_rules(default_records() if patterns is None else patterns)
        missing = [name for name in _CONTEXT_MACROS if name not in compiled.macros]
        if missing:
            raise PatternError(f"pattern data lacks the context macros {missing}")
        unknown = sorted({r.resolver for r in compiled.rules} - set(RESOLVERS))
        if unknown:
            raise PatternError(f"unknown resolvers {unknown}")
        mac = compiled.macros
        flags = regex.IGNORECASE
        self._rules: tuple[Rule, ...] = compiled.rules
        self._readers = ContextRegexes(
            sentence_end=regex.compile(mac["SENTENCE_END"]),
            future=regex.compile(rf"(?<!\w)(?:{mac['TENSE_FUTURE']})(?!\w)", flags),
            past=regex.compile(rf"(?<!\w)(?:{mac['TENSE_PAST']})(?!\w)", flags),
            signal_before=regex.compile(rf"(?<!\w)(?<signal>{mac['SIGNAL_BEFORE']})\s+$", flags),
            signal_after=regex.compile(rf"\s*,?\s*(?<signal>{mac['SIGNAL_AFTER']})(?!\w)", flags),
        )
        self._no_anchor = regex.compile(rf"(?<!\w)(?:{mac['NO_ANCHOR_BEFORE']})\s+$", flags)
        self._fallback = DateparserNormalizer()
        self._endpoints = endpoints
        # Each distinct trigger once: the words it is made of (a text without any of them is skipped
        # without a scan), and the pattern compiled with ``re``, which scans these simple patterns faster.
        self._triggers: dict[tuple[bool, str], tuple[tuple[str, ...] | None, re.Pattern[str] | regex.Pattern[str]]] = {}
        for rule in self._rules:
            if rule.trigger is not None:
                source = rule.trigger.pattern
                words = tuple(source.split("|")) if _PLAIN_WORDS.fullmatch(source) else None
                self._triggers[(rule.trigger_case, source)] = (words, _fast(rule.trigger))

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The compiled rules, in pattern-file order."""
        return self._rules

    def find(self, text: str, dct: dt.date | None = None) -> list[TimeExpr]:
        """Find the time expressions of a text.

        Args:
            text: The text (offsets are Python ``str`` indices into it).
            dct: The document creation time (article date) that relative expressions resolve
                against; with None they keep a partial value and are marked ``unresolved``.

        Returns:
            The expressions sorted by start offset (a range's endpoints follow the range).
        """
        if isinstance(dct, dt.datetime):
            dct = dct.date()
        ctx = Context(text=text, dct=dct, readers=self._readers, fallback=self._fallback)
        found: list[TimeExpr] = []
        for start, end, index, m in sorted(self._select(self._candidates(text))):
            rule = self._rules[index]
            res = RESOLVERS[rule.resolver](m, rule, ctx)
            if res is None:
                continue
            found.append(self._expr(text, start, end, rule, res, ctx))
            if self._endpoints:
                found.extend(self._expr(text, s, e, rule, part, ctx) for s, e, part in res.parts)
            if (
                res.anchor
                and res.period is not None
                and res.type in ("DATE", "TIME")
                and not self._no_anchor.search(text, max(0, start - 30), start)
            ):
                ctx.set_ref(res.period, start, focus=rule.resolver not in _NO_FOCUS)
        return found

    def _candidates(self, text: str) -> list[Candidate]:
        """Run every rule over the text (rules with a trigger only in windows around its hits)."""
        out: list[Candidate] = []
        lowered = text.translate(_ASCII_LOWER)
        hits: dict[tuple[bool, str], list[tuple[int, int]]] = {}
        around: dict[tuple[bool, str, tuple[int, int]], list[tuple[int, int]]] = {}
        for index, rule in enumerate(self._rules):
            if rule.trigger is None:
                spans = [(0, len(text))]
            else:
                key = (rule.trigger_case, rule.trigger.pattern)
                found = hits.get(key)
                if found is None:
                    source = text if rule.trigger_case else lowered
                    words, trigger = self._triggers[key]
                    if words is not None and not any(word in source for word in words):
                        found = hits[key] = []
                    else:
                        found = hits[key] = [m.span() for m in trigger.finditer(source)]
                if not found:
                    continue
                window = rule.window or _DEFAULT_WINDOW
                spans = around.get((*key, window))  # type: ignore[assignment]
                if spans is None:  # rules that share a trigger and a window share the windows
                    spans = around[(*key, window)] = _windows(found, len(text), window)
            for lo, hi in spans:
                for m in rule.pattern.finditer(text, lo, hi):
                    if m.end() > m.start() and check(m, rule):
                        out.append((m.start(), m.end(), index, m))
        return out

    def _select(self, cands: list[Candidate]) -> list[Candidate]:
        """Keep the longest matches (then the higher priority, then the earlier rule), without overlaps."""
        rules = self._rules
        order = sorted(cands, key=lambda c: (c[0] - c[1], -rules[c[2]].priority, c[2], c[0]))
        taken: list[Candidate] = []
        for cand in order:
            if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
                taken.append(cand)
        return taken

    def _expr(self, text: str, start: int, end: int, rule: Rule, res: Resolution, ctx: Context) -> TimeExpr:
        """Turn a resolution into a ``TimeExpr``, applying signal words to the interval."""
        first: dt.date | None
        last: dt.date | None
        if res.interval is not None:
            first, last = res.interval
        elif res.period is not None:
            first, last = res.period.interval()
        else:
            first = last = None
        if res.period is not None and res.interval is None and res.type in ("DATE", "TIME"):
            first, last = self._apply_signals(first, last, start, end, rule, ctx)
        gran = res.granularity
        if gran is None and res.period is not None:
            gran = "week" if res.period.gran == "weekend" else res.period.gran
        return TimeExpr(
            text=text[start:end],
            start=start,
            end=end,
            type=res.type,
            value=res.value,
            interval_start=first.isoformat() if first else None,
            interval_end=last.isoformat() if last else None,
            granularity=gran,
            rule=rule.id,
            unresolved=res.unresolved,
        )

    @staticmethod
    def _apply_signals(
        first: dt.date | None, last: dt.date | None, start: int, end: int, rule: Rule, ctx: Context
    ) -> tuple[dt.date | None, dt.date | None]:
        """Open or close the interval by the words around the span.

        "since 2013" runs to the article date, "by August 20" has no start, "before 2020" ends on
        2019-12-31, "so far this year" ends on the article date.
        """
        signal = ctx.signal_before(start)
        if (
            rule.param("interval") == "to_dct"
            or ctx.signal_after(end) is not None
            or (signal is not None and signal.startswith(("so far", "thus far")))
        ):
            return first, ctx.dct if ctx.dct and (last is None or ctx.dct < last) else last
        if signal is None:
            return first, last
        if signal == "since":
            return first, ctx.dct if ctx.dct is not None and first is not None and ctx.dct >= first else None
        if signal in _UNTIL:
            return None, last
        if signal == "before" and first is not None:
            return None, first - _ONE_DAY
        if signal == "after" and last is not None:
            return last + _ONE_DAY, None
        if signal in ("from", "starting", "beginning", "starting in", "beginning in", "as from"):
            return first, None
        return first, last


def _fast(trigger: regex.Pattern[str]) -> re.Pattern[str] | regex.Pattern[str]:
    """The trigger compiled with ``re`` when its syntax allows (the same matches, found faster), else as is."""
    try:
        return re.compile(trigger.pattern)
    except re.error:
        return trigger


def _windows(hits: list[tuple[int, int]], n: int, window: tuple[int, int]) -> list[tuple[int, int]]:
    """Merge the neighbourhoods of a trigger's hits into disjoint ``(start, end)`` windows.

    Args:
        hits: The trigger's match spans, in text order.
        n: The text length.
        window: Characters to add before and after each hit.

    Returns:
        Sorted, disjoint windows (empty when the trigger does not occur).
    """
    before, after = window
    spans: list[tuple[int, int]] = []
    for start, end in hits:
        lo, hi = max(0, start - before), min(n, end + after)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    return spans
