"""The example article of shared/spec/seed-claims.md: every row right, no "not claim" emitted."""

from __future__ import annotations

import sys
from typing import Any

import pytest

import factex
from conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "benchmarks"))
import seed

pytestmark = pytest.mark.skipif(
    not (SHARED / seed.SPEC).exists(), reason="shared/spec/seed-claims.md is not beside this checkout"
)


@pytest.fixture(scope="module")
def article(nlp: Any) -> tuple[str, list[dict[str, Any]]]:
    text = (SHARED / seed.ARTICLE).read_text(encoding="utf-8")
    return text, factex.extract(text, date=seed.DATE, nlp=nlp).to_dict()["claims"]


def _rows() -> list[Any]:
    if not (SHARED / seed.SPEC).exists():
        return []
    rows = seed.parse_spec((SHARED / seed.SPEC).read_text(encoding="utf-8"))
    return [pytest.param(i, id=f"{i:02d}-{r.key.replace(' ', '-')}") for i, r in enumerate(rows)]


def test_spec_has_thirty_rows() -> None:
    assert len(seed.parse_spec((SHARED / seed.SPEC).read_text(encoding="utf-8"))) == 30


@pytest.mark.parametrize("index", _rows())
def test_seed_row(index: int, article: tuple[str, list[dict[str, Any]]]) -> None:
    _, claims = article
    rows = seed.parse_spec((SHARED / seed.SPEC).read_text(encoding="utf-8"))
    row, claim, problems = seed.match_rows(rows, claims)[index]
    assert claim is not None, f"{row.key}: no claim"
    assert not problems, f"{row.key}: {problems}"


def test_no_not_claims(article: tuple[str, list[dict[str, Any]]]) -> None:
    text, claims = article
    assert seed.emitted_not_claims(text, claims) == []


def test_offsets_hold(article: tuple[str, list[dict[str, Any]]]) -> None:
    text, claims = article
    for claim in claims:
        assert text[claim["mention"]["start"] : claim["mention"]["end"]] == claim["mention"]["text"]
        assert claim["sentence"]["start"] <= claim["mention"]["start"] < claim["sentence"]["end"]


def test_subjects_and_metrics(article: tuple[str, list[dict[str, Any]]]) -> None:
    """Issue 4's bar: subject (same entity) and metric (same head noun) right for at least 27 of 30 rows."""
    _, claims = article
    rows = seed.parse_spec((SHARED / seed.SPEC).read_text(encoding="utf-8"))
    results = seed.match_rows(rows, claims)
    problems = [(row.key, seed.describe_problems(row, claim)) for row, claim, _ in results]
    wrong = [(key, p) for key, p in problems if p]
    assert len(rows) - len(wrong) >= 27, wrong
