"""Tests for the time-expression tagger (factex.time): golden sentences plus unit tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from factex.time import PatternError, TimeExpr, TimeTagger
from factex.time.patterns import default_records

GOLDEN = Path(__file__).parent / "golden" / "times.jsonl"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_b6a3ab0eac62f55c.txt"
CHECKED_FIELDS = ("interval_start", "interval_end", "granularity", "unresolved", "rule")


def _cases() -> list[Any]:
    params = []
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@pytest.fixture(scope="module")
def tagger() -> TimeTagger:
    return TimeTagger()


@pytest.mark.parametrize("case", _cases())
def test_golden(tagger: TimeTagger, case: dict[str, Any]) -> None:
    found = tagger.find(case["text"], dt.date.fromisoformat(case["dct"]))
    got = [(e.start, e.end, e.text, e.type, e.value) for e in found]
    want = [(x["start"], x["end"], x["text"], x["type"], x["value"]) for x in case["expect"]]
    assert sorted(got) == sorted(want)
    by_span = {(e.start, e.end): e for e in found}
    for exp in case["expect"]:
        expr = by_span[(exp["start"], exp["end"])]
        for key in CHECKED_FIELDS:
            if key in exp:
                assert getattr(expr, key) == exp[key], (exp["text"], key)


def test_golden_ids_are_unique() -> None:
    ids = [json.loads(line)["id"] for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(ids) == len(set(ids))


def test_offsets_are_valid(tagger: TimeTagger) -> None:
    text = "Caf\u00e9 sales \U0001f600 rose in 2023, and by 20 August 2024 they had doubled since March."
    for expr in tagger.find(text, dt.date(2024, 9, 1)):
        assert text[expr.start : expr.end] == expr.text
        assert 0 <= expr.start < expr.end <= len(text)


def test_no_dct_leaves_relative_expressions_unresolved(tagger: TimeTagger) -> None:
    text = "Sales rose last year and fell on Tuesday, but not in 2023."
    found = {e.text: e for e in tagger.find(text, None)}
    assert found["last year"].value == "XXXX"
    assert found["last year"].unresolved == "no article date"
    assert found["last year"].interval_start is None and found["last year"].interval_end is None
    assert found["Tuesday"].value == "XXXX-WXX-2"
    assert found["Tuesday"].unresolved == "no article date"
    assert found["2023"].value == "2023" and found["2023"].unresolved is None
    assert found["2023"].interval_start == "2023-01-01"


def test_no_dct_keeps_partial_dates(tagger: TimeTagger) -> None:
    (expr,) = tagger.find("The port reopened on August 20.", None)
    assert expr.value == "XXXX-08-20"
    assert expr.unresolved == "no article date"
    assert expr.interval_start is None


def test_no_dct_since_is_open(tagger: TimeTagger) -> None:
    (expr,) = tagger.find("Exports have doubled since 2013.", None)
    assert (expr.interval_start, expr.interval_end) == ("2013-01-01", None)


def test_past_duration_interval_ends_at_article_date(tagger: TimeTagger) -> None:
    (expr,) = tagger.find("Prices have risen over the past five years.", dt.date(2024, 9, 1))
    assert (expr.value, expr.interval_start, expr.interval_end) == ("P5Y", "2019-09-01", "2024-09-01")


def test_intervals_by_granularity(tagger: TimeTagger) -> None:
    text = "In 2024, in the first half of 2024, in the 1990s, in 2024-W11 and in summer 2024."
    found = tagger.find(text, dt.date(2024, 9, 1))
    got = {e.text: (e.interval_start, e.interval_end, e.granularity) for e in found}
    assert got["2024"] == ("2024-01-01", "2024-12-31", "year")
    assert got["the first half of 2024"] == ("2024-01-01", "2024-06-30", "half")
    assert got["the 1990s"] == ("1990-01-01", "1999-12-31", "decade")
    assert got["2024-W11"] == ("2024-03-11", "2024-03-17", "week")
    assert got["summer 2024"] == ("2024-06-01", "2024-08-31", "season")


def test_range_endpoints_can_be_left_out() -> None:
    tagger = TimeTagger(endpoints=False)
    (expr,) = tagger.find("Output grew in 2013-2023.", dt.date(2024, 9, 1))
    assert (expr.text, expr.type, expr.interval_start, expr.interval_end) == (
        "2013-2023",
        "DURATION",
        "2013-01-01",
        "2023-12-31",
    )


def test_rule_ids_are_reported_and_unique(tagger: TimeTagger) -> None:
    ids = [r.id for r in tagger.rules]
    assert len(ids) == len(set(ids))
    (expr,) = tagger.find("In 2023, output rose.", dt.date(2024, 9, 1))
    assert expr.rule in ids


def test_datetime_dct_is_accepted(tagger: TimeTagger) -> None:
    (expr,) = tagger.find("Sales fell yesterday.", dt.datetime(2024, 9, 1, 13, 5))
    assert expr.value == "2024-08-31"


def test_to_dict_has_every_field(tagger: TimeTagger) -> None:
    (expr,) = tagger.find("Profit fell in the fourth quarter of 2023.", dt.date(2024, 9, 1))
    d = expr.to_dict()
    assert d == {
        "text": "the fourth quarter of 2023",
        "start": 15,
        "end": 41,
        "type": "DATE",
        "value": "2023-Q4",
        "interval_start": "2023-10-01",
        "interval_end": "2023-12-31",
        "granularity": "quarter",
        "rule": "quarter.ordinal",
        "unresolved": None,
    }
    assert isinstance(expr, TimeExpr)


def test_custom_patterns() -> None:
    records = [r for r in default_records() if "define" in r or r["id"] == "date.year"]
    tagger = TimeTagger(patterns=records)
    found = tagger.find("Last year, in 2023, sales rose.", dt.date(2024, 9, 1))
    assert [e.rule for e in found] == ["date.year"]


def test_bad_patterns_are_rejected() -> None:
    records = default_records()
    with pytest.raises(PatternError, match="duplicate"):
        TimeTagger(patterns=[*records, records[-1]])
    with pytest.raises(PatternError, match="bad regex"):
        TimeTagger(patterns=[*records, {"id": "x.bad", "regex": "(", "type": "DATE", "resolver": "date"}])
    with pytest.raises(PatternError, match="unknown resolvers"):
        TimeTagger(patterns=[*records, {"id": "x.res", "regex": "foo", "type": "DATE", "resolver": "nope"}])


def test_seed_article_times(tagger: TimeTagger) -> None:
    if not SEED.is_file():
        pytest.skip("seed article not available")
    found = tagger.find(SEED.read_text(encoding="utf-8"), dt.date(2024, 9, 1))
    by_text: dict[str, list[TimeExpr]] = {}
    for e in found:
        by_text.setdefault(e.text, []).append(e)
    assert (by_text["August 20, 2024"][0].interval_start, by_text["August 20, 2024"][0].interval_end) == (
        None,
        "2024-08-20",
    )
    assert by_text["last year"][0].value == "2023"
    assert by_text["January 2024"][0].value == "2024-01"
    assert by_text["over a decade"][0].value == "P10Y"
    assert by_text["14 consecutive years"][0].value == "P14Y"
    half = by_text["the first half of 2024"][0]
    assert (half.value, half.interval_start, half.interval_end) == ("2024-H1", "2024-01-01", "2024-06-30")
    assert all(e.value == "2023" for e in by_text["2023"])
