"""Articles longer than spaCy's ``max_length``: split at paragraph breaks, then shift offsets back.

A long article is cut into pieces no longer than the limit, preferring blank lines, then line breaks,
then sentence ends, then spaces (a hard cut only for text with none of these). Each piece is processed
as a Doc of its own; :func:`shift_offsets` moves every character offset of a result (any mapping with
integer ``start`` and ``end``) from the piece back into the whole text, and :func:`rename` carries claim
ids over to their new values wherever they are referred to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

#: Where a piece may end, best first: after a blank line, a line break, a sentence end, a space.
_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


def split_text(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, piece)`` pairs that cover ``text`` in order, each piece at most ``limit`` long.

    Text within the limit comes back whole, as one piece at offset 0. Concatenating the pieces gives
    the text back exactly.
    """
    if limit <= 0:
        raise ValueError("limit must be positive")
    start = 0
    while len(text) - start > limit:
        end = _break_before(text, start, start + limit)
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def _break_before(text: str, start: int, hard_end: int) -> int:
    """The best place to end a piece that starts at ``start`` and may not pass ``hard_end``."""
    window = text[start:hard_end]
    fallback = 0
    for pattern in _BREAKS:
        last = max((m.end() for m in pattern.finditer(window)), default=0)
        if last > len(window) // 2:  # the best kind of break that still fills at least half the piece
            return start + last
        fallback = fallback or last
    return start + fallback if fallback else hard_end


def shift_offsets(value: Any, offset: int) -> Any:
    """Return a copy of ``value`` with ``offset`` added to every integer ``start``/``end`` pair inside it.

    A claim's time carries its expression's place as ``offsets: [start, end]``; that pair moves too.
    """
    if isinstance(value, dict):
        shifted = {key: shift_offsets(item, offset) for key, item in value.items()}
        start, end = value.get("start"), value.get("end")
        if _is_int(start) and _is_int(end):
            shifted["start"], shifted["end"] = start + offset, end + offset
        pair = value.get("offsets")
        if isinstance(pair, list) and len(pair) == 2 and all(_is_int(v) for v in pair):
            shifted["offsets"] = [pair[0] + offset, pair[1] + offset]
        return shifted
    if isinstance(value, list):
        return [shift_offsets(item, offset) for item in value]
    return value


def rename(value: Any, names: dict[str, str]) -> Any:
    """Return a copy of ``value`` with every string that is a key of ``names`` replaced by its value."""
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, dict):
        return {key: rename(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [rename(item, names) for item in value]
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
