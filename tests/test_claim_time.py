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
        "2024-12-20", "900 dollars a resident", NONE, id="that-points-back-not-at-today",
    ),
    pytest.param(
        "From July to September the ferries carried 3.2 million riders, 4 percent more than in the same period "
        "of 2024, and August alone brought 1.3 million.",
        "2025-11-02", "4 percent", ("2025-07-01", "2025-09-30"), id="a-range-of-months-reaches-other-clauses",
    ),
    pytest.param(
        "Ice closed the harbour for a combined 40 hours in the first half of 2024, the port said.",
        "2024-09-02", "40 hours", ("2024-01-01", "2024-06-30"), id="hours-added-up-over-a-named-half",
    ),
    pytest.param(
        "Gales grounded flights for 60 hours in the first half of 2024, and only 81% of trains ran on time, "
        "down from 85% in 2023.",
        "2024-09-02", "81%", YEAR_2024, id="a-comparison-with-a-year-gives-the-year-after",
    ),
    pytest.param(
        "Wind farms now supply about a quarter of the grid's power, five times their share in 2015.",
        "2024-09-02", "a quarter", ("2024-09-02", "2024-09-02"), id="now-keeps-other-clauses-periods-out",
    ),
    pytest.param(
        "The smelter, which the group acquired for $2 billion in 2019, is now the country's third-largest.",
        "2024-09-02", "third-largest", ("2024-09-02", "2024-09-02"), id="a-relative-clause-keeps-its-period",
    ),
    pytest.param(
        "He paid off a $20 million loan that fell due in March, the filing showed.",
        "2024-09-02", "$20 million", ("2024-03-01", "2024-03-31"), id="a-clause-about-the-figures-own-noun",
    ),
    pytest.param(
        "Building is due to begin in the first half of 2027, last three years and add 400 beds.",
        "2025-09-02", "400 beds", NONE, id="a-beginning-does-not-date-what-follows",
    ),
    pytest.param(
        "Container volumes rose 6 percent higher than in the March quarter, to 1.1 million boxes.",
        "2025-09-02", "6 percent", NONE, id="the-march-quarter-compared-with-is-a-baseline",
    ),
    pytest.param(
        "July was the wettest month, with 180 millimetres of rain, about three times as much as in April.",
        "2025-09-02", "three times", ("2025-07-01", "2025-07-31"), id="as-much-as-in-a-month-is-a-baseline",
    ),
    pytest.param(
        "The museum bought 1,200 tickets in 2024 and is limited to 300 visitors an hour.",
        "2025-02-02", "300 visitors an hour", ("2025-02-02", "2025-02-02"), id="a-present-passive-is-of-today",
    ),
    pytest.param(
        "The city has set aside $30 million over four years to plant trees.",
        "2025-02-02", "$30 million", ("2025-02-02", "2029-02-02"), id="money-spread-over-years-ahead",
    ),
    pytest.param(
        "In the two weeks before Valentine's Day, florists sold 2 million roses.",
        "2026-01-05", "2 million roses", ("2025-01-31", "2025-02-13"), id="weeks-before-a-holiday-told-in-the-past",
    ),
    pytest.param(
        "Lumber prices fell 7%, down from 12% a year ago, in the three months to June 30.",
        "2025-07-20", "12%", ("2024-04-01", "2024-06-30"), id="a-year-ago-from-the-quarter-of-the-sentence",
    ),
    pytest.param(
        "Sales reached 3 million units in August, up from 2 million units in January.",
        "2026-02-13", "2 million units", ("2025-01-01", "2025-01-31"), id="a-month-compared-with-comes-before",
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


FISCAL = [
    pytest.param(
        "SYDNEY \u2014 The airline said on Thursday that it flew 50 million passengers in fiscal 2025.",
        "2025-08-28", "50 million passengers", ("2024-07-01", "2025-06-30"), id="australia-from-july",
    ),
    pytest.param(
        "MUMBAI \u2014 The carmaker sold 900,000 vehicles in FY25, the company said.",
        "2025-05-20", "900,000 vehicles", ("2024-04-01", "2025-03-31"), id="india-from-april",
    ),
    pytest.param(
        "TOKYO \u2014 The carmaker expects to sell 10 million vehicles in fiscal 2025.",
        "2025-05-20", "10 million vehicles", ("2025-04-01", "2026-03-31"), id="japan-named-by-its-first-year",
    ),
    pytest.param(
        "WASHINGTON \u2014 The federal deficit reached $1.8 trillion in fiscal 2025, the Treasury said.",
        "2025-10-20", "$1.8 trillion", ("2024-10-01", "2025-09-30"), id="us-government-from-october",
    ),
    pytest.param(
        "NEW YORK \u2014 The phone maker sold 230 million handsets in fiscal 2025, it said.",
        "2025-10-20", "230 million handsets", ("2025-01-01", "2025-12-31"), id="us-company-unknown-calendar-year",
    ),
    pytest.param(
        "MELBOURNE \u2014 The state collected A$3 billion in stamp duty in the 2024-25 financial year.",
        "2025-08-20", "A$3 billion", ("2024-07-01", "2025-06-30"), id="australian-split-year",
    ),
    pytest.param(
        "Grain exports from Australia rose. Australian growers expect to ship 30 million tonnes this financial "
        "year, Australia's farm bureau said.",
        "2025-08-20", "30 million tonnes", ("2025-07-01", "2026-06-30"), id="no-dateline-most-named-country",
    ),
    pytest.param(
        "PERTH \u2014 The miner kept its fiscal 2026 guidance of 200,000 tonnes and said spending for the year "
        "would be A$1bn.",
        "2025-10-23", "A$1bn", ("2025-07-01", "2026-06-30"), id="the-year-of-a-sentence-naming-a-fiscal-year",
    ),
]


@pytest.mark.parametrize(("text", "date", "mention", "want"), FISCAL)
def test_fiscal_year_of_the_articles_country(
    text: str, date: str, mention: str, want: tuple[str | None, str | None]
) -> None:
    """A fiscal year follows the dateline's (else the most named) country; unknown ones are calendar years."""
    assert _time(text, date, mention) == want


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


DEC_2025 = ("2025-12-01", "2025-12-31")
YEAR_2025 = ("2025-01-01", "2025-12-31")

CARRIED = [
    pytest.param(
        "Furniture sales rise in November\n\nLONDON \u2014 Furniture sales rose 1.4% in November, the trade "
        "body said on Thursday.\n\nSofa sales climbed 3.1%, and bed sales slipped 0.8%.",
        "2025-12-11", "3.1%", ("2025-11-01", "2025-11-30"), id="a-paragraph-without-a-period-is-the-leads",
    ),
    pytest.param(
        "Brewers sold 40 million hectolitres last year, the association said. Lager made up 70% of the "
        "volume.\n\nExports reached 6 million hectolitres.",
        "2026-02-03", "6 million hectolitres", YEAR_2025, id="the-article-period-goes-on-in-later-paragraphs",
    ),
    pytest.param(
        "Bakeries sold 2 million loaves in December, the guild said.\n\nIn July, bakeries sold 1.5 million "
        "loaves. Rye loaves made up 300,000 of them.",
        "2026-01-10", "300,000", ("2025-07-01", "2025-07-31"), id="a-paragraph-period-goes-on-in-its-paragraph",
    ),
    pytest.param(
        "Bakeries sold 2 million loaves in December, the guild said.\n\nBakers expect sales to grow 4% and "
        "could hire 500 apprentices.",
        "2026-01-10", "500 apprentices", NONE, id="what-may-be-continues-no-period",
    ),
    pytest.param(
        "Bakeries sold 2 million loaves in December, the guild said.\n\nThe guild, which was set up in 1950, "
        "has 4,000 members.",
        "2026-01-10", "4,000 members", ("2026-01-10", "2026-01-10"), id="a-present-fact-stays-of-the-article-date",
    ),
    pytest.param(
        "Bakeries sold 2 million loaves in December, the guild said.\n\nRye prices rose to 3 euros from "
        "2.60 euros.",
        "2026-01-10", "2.60 euros", NONE, id="a-compared-figure-continues-no-period",
    ),
    pytest.param(
        "Bakeries sold 2 million loaves in December, the guild said.\n\nShares in Crumb Holdings fell 2% to "
        "41 euros.",
        "2026-01-10", "2%", ("2026-01-10", "2026-01-10"), id="a-market-move-is-of-the-article-date",
    ),
    pytest.param(
        "Bakeries sold 2 million loaves in December, the guild said.\n\nAccording to the millers' union, "
        "flour deliveries fell 5%.",
        "2026-01-10", "5%", NONE, id="another-source-does-not-continue-the-article-period",
    ),
    pytest.param(
        "Bakeries sold 2 million loaves in December, the guild said.\n\nOne of the three big chains closed "
        "40 shops.",
        "2026-01-10", "three big chains", NONE, id="the-size-of-a-set-has-no-period",
    ),
    pytest.param(
        "Snowfall in the Alps reached 180 cm last winter, short of the long-term average of 240 cm.",
        "2025-06-10", "240 cm", NONE, id="a-long-term-average-has-no-period",
    ),
    pytest.param(
        "Turnover in the first nine months of the year rose 6% to 3 billion crowns, the brewer said.",
        "2025-11-05", "6%", ("2025-01-01", "2025-09-30"), id="the-first-months-of-the-year",
    ),
    pytest.param(
        "Rainfall in October, November and December totalled 310 mm, the weather office said.",
        "2026-02-02", "310 mm", ("2025-10-01", "2025-12-31"), id="a-list-of-months-is-one-period",
    ),
    pytest.param(
        "Ticket prices rose 6% in September, the rail operator said.",
        "2026-03-02", "6%", ("2025-09-01", "2025-09-30"), id="a-month-told-in-the-past-is-last-years",
    ),
    pytest.param(
        "Floods destroyed crops worth 2 billion dollars between May and August, the regulator estimated.",
        "2026-01-12", "2 billion dollars", ("2025-05-01", "2025-08-31"), id="a-range-told-in-the-past",
    ),
    pytest.param(
        "The reservoir could fall to 30% of its capacity by the end of August, engineers warned.",
        "2026-02-20", "30%", ("2026-08-01", "2026-08-31"), id="what-may-be-by-a-past-month-is-this-years",
    ),
    pytest.param(
        "Stores took in 9 billion dollars in December, a better end to the year than the 1% gain analysts had "
        "expected.",
        "2026-02-10", "1%", DEC_2025, id="a-forecast-compared-with-takes-the-figures-period",
    ),
    pytest.param(
        "Stores took in 9 billion dollars in December, the bureau said.\n\nShoppers spent 240 dollars each during "
        "the month, 12 dollars more than a year before.",
        "2026-02-10", "240 dollars", DEC_2025, id="the-month-is-the-articles-month",
    ),
    pytest.param(
        "Dairy prices rose 4% in October, the agency said.\n\nMilk rose 3.2% and cream 5.1%.",
        "2025-11-20", "5.1%", ("2025-10-01", "2025-10-31"), id="a-figure-whose-verb-is-left-out",
    ),
    pytest.param(
        "Ferry fares rose 3% in May, the council said. Diesel was 8% dearer than a year earlier, mainly because "
        "a fuel duty cut ended in the first quarter.",
        "2025-06-20", "8%", ("2025-05-01", "2025-05-31"), id="a-period-of-a-cause-stays-in-its-clause",
    ),
    pytest.param(
        "Ferry fares rose 3% in May, the council said. Diesel was 8% dearer than a year earlier. The council "
        "estimates that fuel alone added 1.1 percentage points to fares.",
        "2025-06-20", "1.1 percentage points", ("2025-05-01", "2025-05-31"), id="an-estimate-of-what-was",
    ),
    pytest.param(
        "Mills ground 40,000 tonnes in the half, the firm said on Monday.",
        "2025-08-14", "40,000 tonnes", ("2025-01-01", "2025-06-30"), id="the-half-is-the-last-completed",
    ),
    pytest.param(
        "The agency counted 3,000 hostel beds in September, it said.\n\nHostels had 900 beds free, compared with "
        "1,200 two months earlier and 400 in May 2018.",
        "2025-10-02", "900 beds", ("2025-09-01", "2025-09-30"), id="a-period-after-a-comparison-is-the-compareds",
    ),
    pytest.param(
        "The clinic treated 5,000 patients in the three months to the end of June, the board said on Tuesday."
        "\n\nSome 800 of them had waited for more than a year, compared with 950 three months earlier.",
        "2025-11-04", "950", ("2025-01-01", "2025-03-31"), id="a-leads-period-told-in-the-past-is-last-years",
    ),
    pytest.param(
        "Dealers expect prices to fall below 2 euros as early as April, traders said.",
        "2026-02-10", "2 euros", ("2026-04-01", "2026-04-30"), id="as-early-as-is-no-comparison",
    ),
    pytest.param(
        "Docks handled 90,000 crates in the year to March, the port said. The wharf handled 30,000 more; the "
        "old pier, which closed in 2019, had handled 10,000 a year.",
        "2025-05-02", "30,000", ("2024-04-01", "2025-03-31"), id="a-period-past-a-semicolon-is-another-clauses",
    ),
]


@pytest.mark.parametrize(("text", "date", "mention", "want"), CARRIED)
def test_period_carried_and_placed(text: str, date: str, mention: str, want: tuple[str | None, str | None]) -> None:
    """The lead's period goes on where nothing else is named; tense places periods written without a year."""
    assert _time(text, date, mention) == want


def test_carried_period_is_marked_inferred() -> None:
    text = ("Furniture sales rise in November\n\nLONDON \u2014 Furniture sales rose 1.4% in November, the trade "
            "body said on Thursday.\n\nSofa sales climbed 3.1%, and bed sales slipped 0.8%.")
    claims = factex.extract(text, date="2025-12-11").to_dict()["claims"]
    time = next(c for c in claims if c["mention"]["text"] == "0.8%")["time"]
    assert time["inferred"] is True
    assert time["rule"] == "time.article"
