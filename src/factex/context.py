"""Read the words around a figure: approximation qualifiers and the direction of a change."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factex.lexicon import Lexicon, alternation

_LEVEL_WORDS = {"of", "in", "to", "at", "for", "from", "and", "or", "the", "a", "an", "on", "by", "with", "than"}
_RUN = re.compile(r"[\w'’]+")
_LAST_RUN = re.compile(r"([\w'’]+)[^\w'’]*$")


@dataclass(frozen=True)
class Qualifiers:
    """What the context says about a figure."""

    approx: str = "="
    approx_rule: str | None = None
    change: str | None = None
    change_rule: str | None = None


class ContextReader:
    """Compiled qualifier and change cues of a lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self._approx_before = {w: (a, r) for w, a, r in lex.approx_before}
        self._approx_after = {w: (a, r) for w, a, r in lex.approx_after}
        self._approx_not_after = lex.approx_not_after
        self._change_before = {w: (c, r) for w, c, r, _ in lex.change_before}
        self._not_after = {w: set(n) for w, _, _, n in lex.change_before if n}
        self._change_after = {w: (c, r, stop) for w, c, r, stop in lex.change_after}
        self._re_approx_before = re.compile(rf"(?i:(?<!\w)(?P<w>{alternation(self._approx_before)})\s*$)")
        self._re_approx_after = re.compile(rf"(?i:^[\s,]*(?P<w>{alternation(self._approx_after)}))")
        self._re_change_before = re.compile(
            rf"(?i:(?<![\w-])(?P<w>{alternation(self._change_before)})"
            rf"(?:(?:\s+[\w'’-]+){{0,4}}?\s+by)?\s*[,:]?\s*$)"
        )
        # "raised rates by a quarter of a point": verbs that give a change only with "by" ("raised $5m" is none)
        self._change_with_by = {w: (c, r) for w, c, r in lex.change_with_by}
        self._re_change_with_by = re.compile(
            rf"(?i:(?<![\w-])(?P<w>{alternation(self._change_with_by)})(?:\s+[\w'’-]+){{0,4}}?\s+by\s*$)"
        )
        self._re_change_after = re.compile(
            rf"(?i:^(?:\s*-\s*|\s+)(?:(?P<mid>[\w-]+)\s+)?(?P<w>{alternation(self._change_after)}))"
        )
        self._re_stop = re.compile(r"^\s+(?P<w>\w+)")
        # Each cue regex must end the text before the figure: its last word is then the text's last word.
        self._approx_finals = _finals(self._approx_before)
        change_finals = _finals(self._change_before)
        self._change_finals = None if change_finals is None else change_finals | {"by"}

    def read(self, text: str, start: int, end: int, floor: int = 0, ceiling: int | None = None) -> Qualifiers:
        """Return the qualifiers of the figure at ``text[start:end]``, looking only inside [floor, ceiling)."""
        ceiling = len(text) if ceiling is None else ceiling
        before = text[max(floor, start - 80) : start]
        after = text[end : min(ceiling, end + 60)]
        approx, approx_rule = "=", None
        last = _LAST_RUN.search(before)
        final = last.group(1).lower() if last else ""
        m = self._re_approx_before.search(before) if _may_end(final, self._approx_finals) else None
        if m and _after_any(before[: m.start("w")], self._approx_not_after.get(_norm(m.group("w")), ())):
            m = None  # "edged up to 0.75": a level reached, not an upper bound
        if m:
            approx, approx_rule = self._approx_before[_norm(m.group("w"))]
            before = before[: m.start()]
        else:
            m = self._re_approx_after.search(after)
            if m:
                approx, approx_rule = self._approx_after[_norm(m.group("w"))]
        change, change_rule = None, None
        if m:  # the approximation words are cut off: read the last word again
            last = _LAST_RUN.search(before)
            final = last.group(1).lower() if last else ""
        m = self._re_change_before.search(before) if _may_end(final, self._change_finals) else None
        if m and self._not_after.get(_norm(m.group("w"))):
            previous = re.search(r"([\w'’]+)\s*$", before[: m.start("w")])
            if previous and previous.group(1).lower() in self._not_after[_norm(m.group("w"))]:
                m = None
        if m:
            change, change_rule = self._change_before[_norm(m.group("w"))]
        elif final == "by" and (m := self._re_change_with_by.search(before)) is not None:
            change, change_rule = self._change_with_by[_norm(m.group("w"))]
        else:
            m = self._re_change_after.search(after)
            if m and (m.group("mid") or "").lower() not in _LEVEL_WORDS:
                word = _norm(m.group("w"))
                direction, rule, stop = self._change_after[word]
                follow = self._re_stop.search(after[m.end() :])
                if not (follow and follow.group("w").lower() in stop):
                    change, change_rule = direction, rule
        return Qualifiers(approx, approx_rule, change, change_rule)


def _finals(cues: dict[str, object]) -> frozenset[str] | None:
    """The last words of the cues (lower case), or None when a cue ends in no word at all."""
    finals = set()
    for cue in cues:
        runs = _RUN.findall(cue.lower())
        if not runs:
            return None
        finals.add(runs[-1])
    return frozenset(finals)


def _may_end(final: str, finals: frozenset[str] | None) -> bool:
    """False when the last word of a text ends no cue, so no cue can match at its end."""
    return finals is None or final in finals


def _after_any(before: str, words: tuple[str, ...]) -> bool:
    """True when the last word of ``before`` is one of ``words``."""
    last = re.search(r"([\w'’]+)\s*$", before)
    return bool(last and last.group(1).lower() in words)


def _norm(words: str) -> str:
    return re.sub(r"\s+", " ", words.lower())
