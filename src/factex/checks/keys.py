"""How claims are matched across articles and against a reference table: subject, metric and period keys."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from factex.checks.rules import CheckRules

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def subject_key(name: str | None, rules: CheckRules) -> str:
    """A subject name reduced for matching: lower case, no article or possessive, aliases joined."""
    if not name:
        return ""
    text = " ".join(name.lower().replace("’", "'").split())
    text = re.sub(r"'s?$", "", text.removeprefix("the "))
    return rules.aliases.get(text, rules.aliases.get("the " + text, text))


def claim_subjects(claim: dict[str, Any], rules: CheckRules) -> set[str]:
    """Every name a claim's subject goes by (the subject and, for a list subject, its entities)."""
    subject = claim.get("subject") or {}
    names = {subject_key(subject.get("text"), rules)}
    names.update(subject_key(e.get("text"), rules) for e in subject.get("entities") or ())
    return {n for n in names if n}


def metric_tokens(metric: str | None, rules: CheckRules) -> frozenset[str]:
    """The words of a metric with synonyms applied ("gross domestic product growth rate" -> {gdp, growth})."""
    if not metric:
        return frozenset()
    text = " ".join(metric.lower().split())
    for phrase in sorted((k for k in rules.synonyms if " " in k), key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(phrase)}\b", rules.synonyms[phrase], text)
    out = set()
    for word in _WORD.findall(text):
        word = rules.synonyms.get(word, word)
        if not word:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add(word)
    return frozenset(out)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice similarity of two metric word sets (1: the same words)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def period(time: dict[str, Any] | None) -> tuple[dt.date, dt.date] | None:
    """A claim's period as dates (None when open)."""
    if not time or not time.get("start") or not time.get("end"):
        return None
    try:
        return dt.date.fromisoformat(time["start"][:10]), dt.date.fromisoformat(time["end"][:10])
    except ValueError:
        return None


def overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> float:
    """Intersection over union of two periods in days (1: the same period, 0: disjoint)."""
    start, end = max(a[0], b[0]), min(a[1], b[1])
    if end < start:
        return 0.0
    inter = (end - start).days + 1
    union = (max(a[1], b[1]) - min(a[0], b[0])).days + 1
    return inter / union


_QUARTERS = {"1": ("01-01", "03-31"), "2": ("04-01", "06-30"), "3": ("07-01", "09-30"), "4": ("10-01", "12-31")}


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """A period as written in a reference table: 2023, 2023-H1, 2023-Q3, 2023-05, 2023-05-17, or A..B.

    Raises:
        ValueError: The text is not a period.
    """
    text = text.strip()
    for sep in ("..", "/"):
        if sep in text:
            first, last = text.split(sep, 1)
            return parse_period(first)[0], parse_period(last)[1]
    m = re.fullmatch(r"(\d{4})(?:-?([HQ])([1-4]))?", text, re.I)
    if m:
        year, part, n = m.groups()
        if part is None:
            return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
        if part.upper() == "H" and n in "12":
            s, e = ("01-01", "06-30") if n == "1" else ("07-01", "12-31")
        elif part.upper() == "Q":
            s, e = _QUARTERS[n]
        else:
            raise ValueError(f"not a period: {text!r}")
        return dt.date.fromisoformat(f"{year}-{s}"), dt.date.fromisoformat(f"{year}-{e}")
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return dt.date(year, month, 1), following - dt.timedelta(days=1)
    day = dt.date.fromisoformat(text)
    return day, day
