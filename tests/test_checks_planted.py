"""The planted-error set (tests/golden/checks): every planted error found, no check fails on a correct version.

The cases and the scoring are those of ``benchmarks/checks.py``; a planted error the checks miss is marked
in the manifest with ``"xfail": "reason"`` and runs as ``xfail(strict=True)``.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import checks as bench  # benchmarks/checks.py


def _params(planted: bool) -> list[Any]:
    correct, errors = bench.load_versions()
    params = []
    for version in errors if planted else correct:
        marks = [pytest.mark.xfail(strict=True, reason=version.xfail)] if version.xfail else []
        params.append(pytest.param(version, id=f"{version.id}-{version.kind}" if planted else version.id, marks=marks))
    return params


def test_the_set_is_big_enough() -> None:
    correct, planted = bench.load_versions()
    assert len({v.case for v in correct}) >= 15
    assert {v.kind for v in planted} >= {"sum", "share", "change", "comparison", "rank", "cross", "ratio", "balance"}


@pytest.mark.parametrize("version", _params(planted=True))
def test_planted_error_is_found(version: Any, nlp: Any) -> None:
    checks, mentions = bench.checks_of(version, nlp)
    failed = [(c["kind"], [mentions.get(i) for i in c["claims"]]) for c in checks if c["status"] == "fails"]
    assert bench.found(version, checks, mentions), f"{version.error}; failed checks: {failed}"


@pytest.mark.parametrize("version", _params(planted=False))
def test_correct_version_has_no_failed_check(version: Any, nlp: Any) -> None:
    checks, _ = bench.checks_of(version, nlp)
    assert [c["explanation"] for c in bench.false_alarms(checks)] == []
