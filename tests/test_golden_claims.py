"""The claims golden set (tests/golden/claims.jsonl): every claim is found with the right value and unit.

Matching and the field checks are those of ``benchmarks/claims.py``, which also scores subject, metric and
time; this test holds value and unit for now (subject and time join it as they land). A known miss carries
``"xfail": "reason"`` in its data line and runs as a strict xfail.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any

import pytest

from conftest import GOLDEN, ROOT, golden_params


def _load_scorer() -> ModuleType:
    path = ROOT / "benchmarks" / "claims.py"
    spec = importlib.util.spec_from_file_location("factex_claims_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


scorer = _load_scorer()
CASES = golden_params("claims.jsonl")


@pytest.fixture(scope="module")
def matches(nlp: Any) -> dict[str, Any]:
    """Golden claim id -> the predicted claim matched to it (or None), over the whole golden set."""
    golden = scorer.load_golden(GOLDEN / "claims.jsonl")
    predictions = scorer.predict((g["article"] for g in golden), corpus=ROOT / "corpus", nlp=nlp)
    return scorer.score(golden, predictions).matches


@pytest.mark.parametrize("case", CASES)
def test_golden_claim(case: dict[str, Any], matches: dict[str, Any]) -> None:
    claim = matches[case["id"]]
    assert claim is not None, f"no claim found at {case['mention']!r}"
    problems = [
        f"{name}: expected {scorer.shown(name, case, True)}, got {scorer.shown(name, claim, False)}"
        for name in ("value", "unit")
        if not scorer.FIELDS[name](case, claim)
    ]
    assert not problems, f"{case['mention']!r} ({claim['mention']['text']!r}): " + "; ".join(problems)
