"""The check record of the output contract and how its id and status are made."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any, Literal

from factex.checks.numbers import Interval, clean

Status = Literal["holds", "fails", "unclear"]
#: Failed checks first, then the unclear ones: what a fact-checker reads first.
STATUS_ORDER = {"fails": 0, "unclear": 1, "holds": 2}


def make_check(
    kind: str,
    status: Status,
    claims: Iterable[str],
    *,
    rule: str,
    expected: float | str | None,
    observed: float | str | None,
    tolerance: float | None,
    explanation: str,
    unit: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One check: what was compared, what the figures imply (``expected``) and what the text states (``observed``).

    Args:
        kind: The check family and variant (``comparison``, ``sum``, ``share``, ``change.points``, ...).
        status: ``holds``, ``fails`` or ``unclear``.
        claims: The ids of the claims involved.
        rule: The id of the entry of ``patterns/checks.jsonl`` that made the check.
        expected: What the other figures imply (a number in ``unit``, or a relation such as ``">"``).
        observed: What the article states.
        tolerance: The rounding slack allowed, in ``unit`` (None when unbounded or not numeric).
        explanation: The arithmetic, in words.
        unit: The unit of ``expected``, ``observed`` and ``tolerance``.
        **extra: Further fields (``implied``, ``articles``, ``reference``, ``deviation``).
    """
    ids = list(dict.fromkeys(claims))
    key = json.dumps([kind, rule, sorted(ids)], ensure_ascii=False)
    check: dict[str, Any] = {
        "id": "k_" + hashlib.sha256(key.encode()).hexdigest()[:16],
        "kind": kind,
        "status": status,
        "claims": ids,
        "expected": clean(expected) if isinstance(expected, (int, float)) else expected,
        "observed": clean(observed) if isinstance(observed, (int, float)) else observed,
        "tolerance": tolerance,
        "unit": unit,
        "explanation": explanation,
        "rule": rule,
    }
    check.update({k: v for k, v in extra.items() if v is not None})
    return check


def agreement(expected: Interval, observed: Interval) -> Status:
    """``holds`` when the two ranges share a value, else ``fails``."""
    return "holds" if expected.overlaps(observed) else "fails"


def sort_checks(checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Failed checks first, then unclear, then those that hold (stable within each)."""
    return sorted(checks, key=lambda c: STATUS_ORDER.get(c["status"], 3))
