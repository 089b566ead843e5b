"""The period of each claim (``time``): comparisons, joined and trailing periods, the article's period."""

from __future__ import annotations

from typing import Any

import pytest

import factex


def _time(text: str, date: str, mention: str, occurrence: int = 1) -> tuple[str | None, str | None]:
    """The ``(start, end)`` of the claim whose mention is the ``occurrence``-th one reading ``mention``."""
    claims = factex.extract(text, date=date).to_dict()["claims"]
    found = [c for c in claims if c["mention"]["text"] == mention]
    assert len(found) >= occurrence, (mention, [c["mention"]["text"] for c in claims])
    time: dict[str, Any] | None = found[occurrence - 1]["time"]
    return (time["start"], time["end"]) if time else (None, None)


YEAR_2024 = ("2024-01-01", "2024-12-31")
NONE = (None, None)

CASES = [
    pytest.param(
        "Canneries packed 4.2 million cases, up 6 percent from 2023, the industry group said on Monday.",
        "2024-10-09", "6 percent", YEAR_2024, id="change-from-a-year-is-for-the-year-after",
    ),
    pytest.param(
        "Orchards yielded 50 bushels an acre, up from 44 bushels an acre in 2023, while pears held steady.",
        "2024-10-09", "44 bushels an acre", ("2023-01-01", "2023-12-31"), id="the-compared-figure-keeps-its-year",
    ),
    pytest.param(
        "Orchards yielded 50 bushels an acre, up from 44 bushels an acre in 2023, while pears held steady.",
        "2024-10-09", "50 bushels an acre", YEAR_2024, id="the-current-figure-is-not-the-baseline-year",
    ),
    pytest.param(
        "Rainfall in July and August was 40 percent below normal in the hill districts.",
        "2024-10-09", "40 percent", ("2024-07-01", "2024-08-31"), id="two-months-joined",
    ),
    pytest.param(
        "Over 2010\u20132020, ferry traffic across the bay fell by 35 percent.",
        "2024-10-09", "35 percent", ("2010-01-01", "2020-12-31"), id="a-range-of-years",
    ),
    pytest.param(
        "Wind farms supplied 18 percent of the power used in the first half of 2024, compared with 12 percent "
        "a year earlier.",
        "2024-08-09", "12 percent", ("2023-01-01", "2023-06-30"), id="a-year-earlier-than-the-sentence-period",
    ),
    pytest.param(
        "Over the past three months, dealers sold an average of 20,000 vans a month.",
        "2024-05-07", "20,000 vans a month", ("2024-02-01", "2024-04-30"), id="the-past-three-whole-months",
    ),
    pytest.param(
        "Output reached 5 million tonnes, according to figures released at a briefing that began at 9 a.m. on "
        "March 3, 2024.",
        "2024-03-05", "5 million tonnes", NONE, id="the-time-a-briefing-began-is-no-period",
    ),
    pytest.param(
        "Investors now see a 60% chance of a rate cut at the June 11-12 meeting.",
        "2024-05-30", "60%", ("2024-05-30", "2024-05-30"), id="a-meeting-date-is-the-meetings",
    ),
    pytest.param(
        "On a typical Monday, some 300 buses run on the route.",
        "2024-05-30", "300 buses", ("2024-05-30", "2024-05-30"), id="a-typical-monday-is-no-day",
    ),
    pytest.param(
        "The barley harvest was 80 percent complete by September 15, local officials said.",
        "2024-09-20", "80 percent", ("2024-09-15", "2024-09-15"), id="a-state-reached-by-a-day",
    ),
    pytest.param(
        "The town grew 4 percent, and its budget has exceeded 2 billion pesos since 2018.",
        "2024-09-20", "4 percent", NONE, id="since-stays-in-its-clause",
    ),
    pytest.param(
        "Lenders approved 3,000 mortgages in March. Buyers under 35 took 40 per cent of those mortgages.",
        "2024-05-20", "40 per cent", ("2024-03-01", "2024-03-31"), id="those-points-back-at-the-last-sentence",
    ),
    pytest.param(
        "A power cut on 3 June halted the tram line for four hours.",
        "2024-05-20", "four hours", ("2023-06-03", "2023-06-03"), id="a-past-event-on-a-day-ahead-is-last-year",
    ),
    pytest.param(
        "Bus fares averaged $1,500 a season in November, less than half the March peak of $3,200.",
        "2024-12-20", "half", ("2024-11-01", "2024-11-30"), id="half-of-a-dated-peak-is-the-sentence-period",
    ),
    pytest.param(
        "The mill is now 30 percent larger than it was a decade ago.",
        "2024-12-20", "30 percent", ("2024-12-20", "2024-12-20"), id="a-decade-ago-in-a-comparison-is-a-baseline",
    ),
    pytest.param(
        "Ferries carried 2.1 million riders in the fourth quarter, 5.5 percent more than in the same period of 2024.",
        "2026-01-20", "5.5 percent", ("2025-10-01", "2025-12-31"), id="the-same-period-of-a-year-is-a-baseline",
    ),
    pytest.param(
        "That puts the county's debt at roughly 900 dollars a resident.",
        "2024-12-20", "900 dollars", NONE, id="that-points-back-not-at-today",
    ),
]


@pytest.mark.parametrize(("text", "date", "mention", "want"), CASES)
def test_claim_time(text: str, date: str, mention: str, want: tuple[str | None, str | None]) -> None:
    assert _time(text, date, mention) == want


ARTICLE = (
    "Council borrowing tops \u00a33bn\n\n"
    "LONDON \u2014 Council borrowing in the 2023-24 financial year came to \u00a33bn, official figures showed "
    "on Tuesday.\n\n"
    "Borrowing equalled 3.1 per cent of revenue, down from 3.4 per cent in the previous year. Interest cost "
    "\u00a3400m over the year.\n\n"
    "The surplus was smaller than the \u00a3200m recorded a year earlier."
)


def test_financial_year_article() -> None:
    """The lead's financial year is the article's period: "the previous year", "over the year" follow it."""
    fy = ("2023-04-01", "2024-03-31")
    assert _time(ARTICLE, "2024-05-10", "\u00a33bn", 2) == fy
    assert _time(ARTICLE, "2024-05-10", "3.4 per cent") == ("2022-04-01", "2023-03-31")
    assert _time(ARTICLE, "2024-05-10", "\u00a3400m") == fy
    assert _time(ARTICLE, "2024-05-10", "\u00a3200m") == ("2022-04-01", "2023-03-31")


def test_headline_figure_takes_the_body_period() -> None:
    text = (
        "Port handles record 9 million containers\n\n"
        "The port handled 9 million containers in 2023, up 4 percent from 2022, the authority said on Monday."
    )
    claims = factex.extract(text, date="2024-01-15").to_dict()["claims"]
    headline = claims[0]
    assert headline["mention"]["start"] < text.index("\n\n")
    assert (headline["time"]["start"], headline["time"]["end"]) == ("2023-01-01", "2023-12-31")
    assert headline["time"]["inferred"] is True
    assert headline["time"]["rule"] == "time.headline"
