"""The claims golden sets (tests/golden/claims*.jsonl): every claim is found with the right value, unit,
subject and time.

Matching and the field checks are those of ``benchmarks/claims.py`` (which also scores the metric). The sets
were written by reading the articles, some before any tuning on them (see the README); a known miss carries
``"xfail": "reason"`` in its data line and runs as a strict xfail, so a fix shows up as an unexpected pass.
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
SETS = sorted(p.name for p in GOLDEN.glob("claims*.jsonl"))
CASES = [param for name in SETS for param in golden_params(name)]
CHECKED = ("value", "unit", "subject", "time")


@pytest.fixture(scope="module")
def matches(nlp: Any) -> dict[str, Any]:
    """Golden claim id -> the predicted claim matched to it (or None), over every golden set."""
    golden = [g for name in SETS for g in scorer.load_golden(GOLDEN / name)]
    predictions = scorer.predict((g["article"] for g in golden), corpus=ROOT / "corpus", nlp=nlp)
    return scorer.score(golden, predictions).matches


def test_golden_sets_are_there() -> None:
    assert "claims.jsonl" in SETS and len(CASES) >= 120


@pytest.mark.parametrize("case", CASES)
def test_golden_claim(case: dict[str, Any], matches: dict[str, Any]) -> None:
    claim = matches[case["id"]]
    assert claim is not None, f"no claim found at {case['mention']!r}"
    problems = [
        f"{name}: expected {scorer.shown(name, case, True)}, got {scorer.shown(name, claim, False)}"
        for name in CHECKED
        if not scorer.FIELDS[name](case, claim)
    ]
    assert not problems, f"{case['mention']!r} ({claim['mention']['text']!r}): " + "; ".join(problems)
