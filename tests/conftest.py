"""Shared fixtures: one real factex pipeline per test session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def nlp() -> Any:
    from factex.pipeline import get_nlp

    return get_nlp()


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def golden_params(name: str) -> list[Any]:
    """Golden cases as pytest params with readable ids; a case with "xfail" is a known miss (strict)."""
    params = []
    for case in read_jsonl(GOLDEN / name):
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params
