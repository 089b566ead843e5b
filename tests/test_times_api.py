"""factex.times and the time side of claims: resolved against the article date, never against today."""

from __future__ import annotations

from typing import Any

import factex


def test_times_resolves_against_the_article_date(nlp: Any) -> None:
    text = "Exports rose 5% last year and 3% in the first half of 2024."
    found = {t["text"]: t for t in factex.times(text, date="2024-09-01")}
    assert (found["last year"]["interval_start"], found["last year"]["interval_end"]) == ("2023-01-01", "2023-12-31")
    half = found["the first half of 2024"]
    assert (half["value"], half["interval_start"], half["interval_end"]) == ("2024-H1", "2024-01-01", "2024-06-30")
    for t in found.values():
        assert text[t["start"] : t["end"]] == t["text"]


def test_without_a_date_relative_times_stay_unresolved(nlp: Any) -> None:
    found = factex.times("Exports rose 5% last year.")
    assert found and found[0]["unresolved"] == "no article date"
    assert found[0]["interval_start"] is None and found[0]["interval_end"] is None
    claims = factex.extract("Exports rose 5% last year.", nlp=nlp).to_dict()["claims"]
    time = claims[0]["time"]
    assert time is not None and time["start"] is None and time.get("unresolved") == "no article date"


def test_document_lists_times_and_claims_carry_their_period(nlp: Any) -> None:
    text = "In 2023, the port handled 4.2 million containers. Its revenue rose 6 percent in the first quarter."
    doc = factex.extract(text, date="2024-05-02", nlp=nlp).to_dict()
    assert {t["value"] for t in doc["times"]} >= {"2023", "2024-Q1"}
    by_mention = {c["mention"]["text"]: c for c in doc["claims"]}
    assert by_mention["4.2 million containers"]["time"]["start"] == "2023-01-01"
    quarter = by_mention["6 percent"]["time"]
    assert (quarter["start"], quarter["end"]) == ("2024-01-01", "2024-03-31")


def test_duration_claims_have_no_period(nlp: Any) -> None:
    doc = factex.extract("The strike lasted 14 days in 2023.", date="2024-01-10", nlp=nlp).to_dict()
    duration = next(c for c in doc["claims"] if c["kind"] == "duration")
    assert duration["time"] is None
