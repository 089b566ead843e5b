"""How claims read: value, subject, time labels; the article text cut into highlighted segments.

Nothing here makes HTML: templates escape every string they print (article text is untrusted).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

_APPROX_WORDS = {"=": "", "~": "about ", ">": "more than ", "<": "less than ", ">=": "at least ", "<=": "up to "}
_CHANGE_WORDS = {"up": "up ", "down": "down "}


@dataclass(frozen=True)
class Segment:
    """A run of article text and the claims whose mentions cover it (empty: plain text)."""

    text: str
    claims: tuple[str, ...]


def offsets_ok(text: str, claim: dict[str, Any]) -> bool:
    """Say whether a claim's mention offsets point at its mention text inside ``text``."""
    mention = claim.get("mention")
    if not isinstance(mention, dict):
        return False
    start, end = mention.get("start"), mention.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        return False
    return 0 <= start < end <= len(text) and text[start:end] == mention.get("text")


def segments(text: str, claims: list[dict[str, Any]]) -> list[Segment]:
    """Cut ``text`` at every mention boundary; each piece lists the claims covering it, shortest first.

    Claims whose offsets do not match the text are left out (see :func:`offsets_ok`). Overlapping
    mentions are fine: the overlap is one segment that names both claims.
    """
    spans = [(c["mention"]["start"], c["mention"]["end"], c["id"]) for c in claims if offsets_ok(text, c)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for left, right in itertools.pairwise(cuts):
        covering = sorted((e - s, s, cid) for s, e, cid in spans if s <= left and right <= e)
        out.append(Segment(text[left:right], tuple(cid for _, _, cid in covering)))
    return out


def number(amount: Any) -> str:
    """Format an amount for people: ``4020000`` is ``4,020,000``, ``0.19`` stays ``0.19``."""
    if isinstance(amount, bool) or not isinstance(amount, (int, float)) or not math.isfinite(amount):
        return str(amount)
    if float(amount).is_integer() and abs(amount) < 1e18:
        return f"{int(amount):,}"
    text = f"{amount:,.6f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else f"{amount:g}"


def _unit_words(unit: str, amount_text: str, *, prefer_text: str | None = None) -> str:
    if prefer_text:
        return f"{amount_text} {prefer_text}"
    if len(unit) == 3 and unit.isalpha() and unit.isupper():  # ISO 4217 money
        return f"{unit} {amount_text}"
    if unit in ("percent", "percentage_point"):
        return f"{amount_text} {'percent' if unit == 'percent' else 'percentage points'}"
    return f"{amount_text} {unit}".strip()


def value_label(claim: dict[str, Any], *, words: bool = False) -> str:
    """Return a claim's value: qualifier, change, amount (or range) and unit (``about up 5 percent``).

    Args:
        claim: The claim.
        words: Use the unit as written in the article (``barrels per day``) rather than the normalized
            unit (``barrel/day``) when the claim gives both.
    """
    value = claim.get("value") if isinstance(claim.get("value"), dict) else {}
    amount = number(value.get("amount"))
    if value.get("amount_high") is not None:
        amount = f"{amount}–{number(value.get('amount_high'))}"
    unit = str(value.get("unit") or "")
    unit_text = str(value.get("unit_text") or "") if words else ""
    if words and unit and len(unit) == 3 and unit.isalpha() and unit.isupper():
        unit_text = ""  # money reads better as "USD 5,000"
    body = _unit_words(unit, amount, prefer_text=unit_text or None)
    return f"{_CHANGE_WORDS.get(value.get('change') or '', '')}{_APPROX_WORDS.get(value.get('approx'), '')}{body}"


def subject_label(claim: dict[str, Any]) -> str:
    """Return the claim's subject text (empty when unknown)."""
    subject = claim.get("subject")
    return str(subject.get("text") or "") if isinstance(subject, dict) else ""


def subject_note(claim: dict[str, Any]) -> str:
    """Return the words the subject was resolved from (``the province``), if any."""
    subject = claim.get("subject")
    return str(subject.get("resolved_from") or "") if isinstance(subject, dict) else ""


def time_interval(claim: dict[str, Any]) -> str:
    """Return the claim's period as ISO dates (``2025-01-01 – 2025-06-30``), or empty when unknown."""
    time = claim.get("time")
    if not isinstance(time, dict) or not time.get("start"):
        return ""
    start, end = str(time["start"]), str(time.get("end") or time["start"])
    return start if start == end else f"{start} – {end}"


def time_label(claim: dict[str, Any]) -> str:
    """Return the claim's time expression and period (``the first half of 2025 (2025-01-01 – 2025-06-30)``)."""
    time = claim.get("time")
    if not isinstance(time, dict):
        return ""
    words = str(time.get("text") or "")
    interval = time_interval(claim)
    label = f"{words} ({interval})" if words and interval else words or interval
    return f"{label}, inferred" if time.get("inferred") else label


def source_label(claim: dict[str, Any]) -> str:
    """Return who the figure is attributed to (empty when nobody is named)."""
    source = claim.get("source")
    return str(source.get("text") or "") if isinstance(source, dict) else ""


def claim_reviewed(claim: dict[str, Any]) -> str:
    """Render a claim as one sentence from its subject, metric, value and time (for ClaimReview).

    Example: ``Alberta, oil production: 4,020,000 barrels per day, the first half of 2025 (2025-01-01 –
    2025-06-30)``.
    """
    subject = subject_label(claim)
    metric = str(claim.get("metric") or "")
    head = ", ".join(p for p in (subject, metric) if p)
    text = f"{head}: {value_label(claim, words=True)}" if head else value_label(claim, words=True)
    when = time_label(claim)
    return f"{text}, {when}" if when else text


def claim_view(claim: dict[str, Any], text: str, checks: list[dict[str, Any]]) -> dict[str, Any]:
    """Return what the side panel shows of a claim (plain strings; the template escapes them)."""
    mention = claim.get("mention") if isinstance(claim.get("mention"), dict) else {}
    own_checks = [c for c in checks if claim["id"] in (c.get("claims") or [])]
    return {
        "id": claim["id"],
        "kind": str(claim.get("kind") or ""),
        "mention": str(mention.get("text") or ""),
        "start": mention.get("start"),
        "end": mention.get("end"),
        "offsets_ok": offsets_ok(text, claim),
        "value": value_label(claim),
        "subject": subject_label(claim),
        "subject_note": subject_note(claim),
        "metric": str(claim.get("metric") or ""),
        "time": time_label(claim),
        "source": source_label(claim),
        "rule": str(claim.get("rule") or ""),
        "trace": [str(t) for t in claim.get("trace") or []],
        "checks": own_checks,
        "original": {
            "value": number((claim.get("value") or {}).get("amount")).replace(",", ""),
            "unit": str((claim.get("value") or {}).get("unit") or ""),
            "subject": subject_label(claim),
            "time": time_interval(claim) or str((claim.get("time") or {}).get("text") or ""),
        },
    }
