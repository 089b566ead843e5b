"""Read the numbers that the value finder matched: digits, number words, scales, fractions."""

from __future__ import annotations

import re

from factex.lexicon import Lexicon

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_THOUSANDS = re.compile(r"(?<=\d)[,\u00a0\u202f\u2009](?=\d{3})")
_MINUS = str.maketrans({"−": "-", "–": "-"})


def parse_core(text: str, lex: Lexicon) -> float | None:
    """Return the value of a number core ("30,000", "-1.4", "twenty-five", "a dozen"), or None."""
    raw = text.strip().translate(_MINUS)
    if not raw:
        return None
    if raw[0].isdigit() or raw[0] in "+-.":
        digits = _THOUSANDS.sub("", raw)
        try:
            return float(digits)
        except ValueError:
            return None
    words = _SPACES.sub(" ", raw.lower())
    if words in lex.number_words:
        return float(lex.number_words[words])
    if words in lex.fractions:
        return float(lex.fractions[words])
    total, current = 0.0, 0.0
    for part in re.split(r"[-\s]+", words):
        if part == "and":
            continue
        if part in lex.tens_words:
            current += lex.tens_words[part]
        elif part in lex.number_words:
            current += lex.number_words[part]
        elif part in lex.scale_words:
            scale = lex.scale_words[part]
            if scale < 1000:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0.0
        else:
            return None
    return total + current


def scale_of(text: str | None, lex: Lexicon) -> float:
    """Return the multiplier of a scale suffix ("million", "bn", "thousand million"), 1 when empty."""
    if not text:
        return 1.0
    factor = 1.0
    for part in _SPACES.split(text.strip()):
        if not part:
            continue
        if part.lower() in lex.scale_words:
            factor *= lex.scale_words[part.lower()]
        elif part in lex.scale_abbrevs:
            factor *= lex.scale_abbrevs[part]
        elif part in lex.free_scale_abbrevs:
            factor *= lex.free_scale_abbrevs[part]
        else:
            return 1.0
    return factor


def clean(value: float) -> float | int:
    """Return ints for whole values (30000 rather than 30000.0) and round float noise away."""
    rounded = round(value, 9)
    if rounded == int(rounded) and abs(rounded) < 1e18:
        return int(rounded)
    return float(f"{value:.12g}")
