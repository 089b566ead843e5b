"""The five checks ``shared/spec/seed-claims.md`` lists for the example article come out with the right status."""

from __future__ import annotations

from typing import Any

import pytest

import factex
from conftest import SHARED

ARTICLE = SHARED / "seeds" / "000_b6a3ab0eac62f55c.txt"
SPEC = SHARED / "spec" / "seed-claims.md"

pytestmark = pytest.mark.skipif(
    not (ARTICLE.exists() and SPEC.exists()),
    reason="../shared (the example article and its spec) is not beside this checkout",
)


@pytest.fixture(scope="module")
def seed(nlp: Any) -> tuple[dict[str, Any], dict[str, str]]:
    document = factex.extract(ARTICLE.read_text(encoding="utf-8"), date="2024-09-01", nlp=nlp).to_dict()
    return document, {c["id"]: c["mention"]["text"] for c in document["claims"]}


def _check(seed: tuple[dict[str, Any], dict[str, str]], kind: str, *mentions: str) -> dict[str, Any]:
    document, text = seed
    found = [
        c
        for c in document["checks"]
        if c["kind"] == kind and all(any(text[i] == m for i in c["claims"]) for m in mentions)
    ]
    listed = [(c["kind"], [text[i] for i in c["claims"]]) for c in document["checks"]]
    assert len(found) == 1, f"{kind} {mentions}: {listed}"
    return found[0]


def test_spec_still_lists_the_five_checks() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    for words in ("surpassed", "meaning", "695.5 million tons", "+4,955", "7 <= 31"):
        assert words in spec


def test_surpassed_holds(seed: tuple[dict[str, Any], dict[str, str]]) -> None:
    check = _check(seed, "comparison", "5.3 percent", "5.2 percent")
    assert (check["status"], check["observed"], check["expected"]) == ("holds", ">", ">")


def test_self_sufficiency_meaning_more_than_six_times_holds(seed: tuple[dict[str, Any], dict[str, str]]) -> None:
    check = _check(seed, "ratio", "617.6 percent", "six times")
    assert check["status"] == "holds"
    assert check["expected"] == pytest.approx(6.176)


def test_share_implies_a_national_total_of_695_5_million_tons(seed: tuple[dict[str, Any], dict[str, str]]) -> None:
    check = _check(seed, "share", "77.9 million tons", "11.2 percent")
    assert check["status"] == "unclear"  # the article states no national total: checkable against a reference table
    assert check["expected"] == pytest.approx(695.5e6, rel=1e-3)
    assert check["unit"] == "t" and check["implied"]["subject"] == "China"
    assert check["implied"]["time"]["start"] == "2023-01-01"


def test_increase_from_45_to_5000(seed: tuple[dict[str, Any], dict[str, str]]) -> None:
    check = _check(seed, "change", "45", "5,000 China-Europe cargo trains")
    assert check["status"] == "holds"
    assert check["difference"] == 4955
    assert "+4,955" in check["explanation"] and "x111.1" in check["explanation"]


def test_seventh_of_31_is_possible(seed: tuple[dict[str, Any], dict[str, str]]) -> None:
    check = _check(seed, "rank.of", "seventh", "31 provincial regions")
    assert (check["status"], check["observed"], check["expected"]) == ("holds", 7, 31)


def test_nothing_else_fails_in_the_example_article(seed: tuple[dict[str, Any], dict[str, str]]) -> None:
    document, _ = seed
    assert [c["explanation"] for c in document["checks"] if c["status"] == "fails"] == []
