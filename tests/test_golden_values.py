"""The golden value cases (tests/golden/values.jsonl): every expected figure, and no figure where none is."""

from __future__ import annotations

import math
from typing import Any

import pytest

import factex
from conftest import golden_params

FIELDS = ("kind", "unit", "approx", "change")


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _differences(expected: dict[str, Any], claim: dict[str, Any]) -> list[str]:
    value = claim["value"]
    got = {"kind": claim["kind"], **value}
    diffs = [
        f"{f}: expected {expected[f]!r}, got {got[f]!r}" for f in FIELDS if f in expected and expected[f] != got[f]
    ]
    for f in ("amount", "amount_high"):
        if f in expected and not _same_number(expected[f], value[f]):
            diffs.append(f"{f}: expected {expected[f]!r}, got {value[f]!r}")
    return diffs


@pytest.mark.parametrize("case", golden_params("values.jsonl"))
def test_golden_value(case: dict[str, Any], nlp: Any) -> None:
    result = factex.extract(case["text"], date=case.get("date"), nlp=nlp).to_dict()
    claims = result["claims"]
    by_mention = {c["mention"]["text"]: c for c in claims}
    problems = []
    for expected in case["expect"]:
        claim = by_mention.get(expected["text"])
        if claim is None:
            problems.append(f"missing {expected['text']!r} (got mentions {sorted(by_mention)})")
            continue
        problems.extend(f"{expected['text']!r}: {d}" for d in _differences(expected, claim))
    for text in case.get("absent", []):
        if text in by_mention:
            problems.append(f"{text!r} must not be a claim")
    for claim in claims:
        start, end = claim["mention"]["start"], claim["mention"]["end"]
        assert case["text"][start:end] == claim["mention"]["text"]
    assert not problems, "\n".join(problems)
