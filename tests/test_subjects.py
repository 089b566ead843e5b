"""Subjects of claims: what the figure's words name, and what descriptions and pronouns refer to.

Every case runs an article of our own through the real pipeline and reads the ``subject`` of the claims.
"""

from __future__ import annotations

from typing import Any

import pytest

import factex

DATE = "2025-06-01"


def subjects(nlp: Any, text: str) -> dict[str, tuple[str | None, str | None]]:
    """Mention text -> (subject text, the words it was resolved from) for every claim of ``text``."""
    result = factex.extract(text, date=DATE, nlp=nlp).to_dict()
    out: dict[str, tuple[str | None, str | None]] = {}
    for claim in result["claims"]:
        subject = claim["subject"]
        out[claim["mention"]["text"]] = (subject["text"], subject["resolved_from"]) if subject else (None, None)
    return out


def names(nlp: Any, text: str) -> dict[str, str | None]:
    """Mention text -> subject text."""
    return {mention: subject for mention, (subject, _) in subjects(nlp, text).items()}


def test_group_of_people_after_for_and_among(nlp: Any) -> None:
    text = (
        "Jobless rates differed widely. The jobless rate for older women was 3.1 percent, and among recent "
        "graduates it reached 6.4 percent."
    )
    got = names(nlp, text)
    assert got["3.1 percent"] == "older women"
    assert got["6.4 percent"] == "recent graduates"


def test_traded_instrument_is_the_subject(nlp: Any) -> None:
    text = (
        "Markets were calm. The yen fell 1.2% against the dollar, and the yield on the ten-year bond rose "
        "8 basis points."
    )
    got = names(nlp, text)
    assert got["1.2%"] == "yen"
    assert got["8 basis points"] == "ten-year bond"


def test_industries_in_a_payroll_count(nlp: Any) -> None:
    got = names(nlp, "Retail added 12,000 jobs and construction 8,000, while mining shed 3,000 jobs.")
    assert got["12,000 jobs"] == "Retail"
    assert got["8,000"] == "construction"
    assert got["3,000 jobs"] == "mining"


def test_the_capital_is_the_dateline_city_not_the_country(nlp: Any) -> None:
    text = (
        "OSLO — Home prices in Oslo rose 6 percent, while prices in Norway as a whole rose 4 percent.\n\n"
        "Rents in the capital have climbed 3 percent."
    )
    got = subjects(nlp, text)
    assert got["6 percent"][0] == "Oslo"
    assert got["4 percent"][0] == "Norway"
    assert got["3 percent"] == ("Oslo", "the capital")


def test_the_port_is_the_port_city_named_before(nlp: Any) -> None:
    text = (
        "Vietnam's trade grew strongly.\n\n"
        "At the southern port city of Quy Nhon, cargo volumes rose 12% to 3.4 million tonnes. "
        "Fees at the port climbed 5 percent."
    )
    got = subjects(nlp, text)
    assert got["12%"][0] == "Quy Nhon"
    assert got["3.4 million tonnes"][0] == "Quy Nhon"
    assert got["5 percent"] == ("Quy Nhon", "the port")


def test_the_government_is_its_country(nlp: Any) -> None:
    text = (
        "Portugal's economy grew 1.9 percent, data for Portugal showed. The government expects growth of "
        "2.1 percent."
    )
    got = subjects(nlp, text)
    assert got["1.9 percent"][0] == "Portugal"
    assert got["2.1 percent"] == ("Portugal", "The government")


def test_an_unnamed_institution_is_not_another_organisation(nlp: Any) -> None:
    text = (
        "Chile mines more copper than any other country. Chile's copper output rose 3 percent, and shipments by "
        "Codelco fell 4 percent. The regulator expects output to grow 2 percent."
    )
    got = names(nlp, text)
    assert got["3 percent"] == "Chile"
    assert got["2 percent"] == "Chile"


def test_relative_pronoun_is_its_antecedent(nlp: Any) -> None:
    got = names(nlp, "Japan, which ranked fourth among export markets, bought goods worth $9.5bn.")
    assert got["fourth"] == "Japan"
    assert got["$9.5bn"] == "Japan"


def test_possessive_pronoun_is_the_speaker_of_its_sentence(nlp: Any) -> None:
    got = subjects(nlp, "Ryanair says at least one in four of its passengers now pays less than £25.")
    assert got["one in four"] == ("Ryanair", "its")
    assert got["£25"] == ("Ryanair", "its")


def test_a_description_in_the_next_sentence_continues_its_subject(nlp: Any) -> None:
    text = "The port of Rotterdam opened two new terminals. The project cost $40 million more than planned."
    got = subjects(nlp, text)
    assert got["two new terminals"][0] == "Rotterdam"
    assert got["$40 million"] == ("Rotterdam", "The project")


def test_descriptions_and_pronouns_of_a_region(nlp: Any) -> None:
    text = (
        "Ontario's wheat harvest rose 5 percent, and its corn harvest reached 9 million tonnes. "
        "Farm incomes in the province climbed 4 percent. Sales by the province reached $3 billion."
    )
    got = subjects(nlp, text)
    assert got["5 percent"][0] == "Ontario"
    assert got["9 million tonnes"] == ("Ontario", "its")
    assert got["4 percent"] == ("Ontario", "the province")
    assert got["$3 billion"] == ("Ontario", "the province")


def test_the_country_is_the_country_named(nlp: Any) -> None:
    text = (
        "Spain's airports are busy. Madrid handled 60% of the 90 million passengers on the country's domestic "
        "routes."
    )
    got = subjects(nlp, text)
    assert got["60%"][0] == "Madrid"
    assert got["90 million passengers"] == ("Spain", "the country")


def test_a_place_name_joined_by_a_dash_stays_whole(nlp: Any) -> None:
    assert names(nlp, "In Kingston–Surbiton, the median price reached £520,000.")["£520,000"] == "Kingston–Surbiton"


def test_a_speakers_own_figure_has_no_subject(nlp: Any) -> None:
    text = 'Rail fares in Spain have fallen. "Now I pay €40 for the trip," said one commuter.'
    assert names(nlp, text)["€40"] is None


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # a rank's possessor is the group it ranks within; the copula's subject is what is ranked
        ("Spain has three big ports. Valencia is now the country's second-busiest port.", "second-busiest",
         "Valencia"),
        # the base of a comparison is not what a ratio is about
        ("The rate for older workers was 6 percent, nearly double the rate of 3% for younger workers.", "double",
         "older workers"),
    ],
)
def test_comparisons_and_ranks(nlp: Any, text: str, mention: str, expected: str) -> None:
    assert names(nlp, text)[mention] == expected


def test_the_company_of_the_lead_is_the_default_subject(nlp: Any) -> None:
    text = (
        "Harbor Foods lifts juice sales as exports grow\n\n"
        "TORONTO — Harbor Foods sold 2.1 million cases of juice in the quarter, the company said on Monday.\n\n"
        "Demand in Ottawa was strong. Revenue climbed 9 percent to C$410 million, and net debt fell to "
        "C$95 million. The group's margin on each pound of fruit was 40 cents."
    )
    got = subjects(nlp, text)
    assert got["2.1 million cases"][0] == "Harbor Foods"
    assert got["9 percent"][0] == "Harbor Foods"  # not the city of the sentence before
    assert got["C$95 million"][0] == "Harbor Foods"
    assert got["40 cents"] == ("Harbor Foods", "The group")  # not "pound", a weight here


def test_the_airport_and_the_terminal_are_the_airport_named(nlp: Any) -> None:
    text = (
        "Lakeside Airport handles record traffic\n\n"
        "DENVER — Lakeside Airport handled 8.2 million passengers in 2024, officials in Colorado said.\n\n"
        "The airport recorded 61,000 flights, and the terminal served 22,000 travellers a day."
    )
    got = subjects(nlp, text)
    assert got["8.2 million passengers"][0] == "Lakeside Airport"
    assert got["61,000 flights"] == ("Lakeside Airport", "The airport")
    assert got["22,000 travellers a day"] == ("Lakeside Airport", "the terminal")


def test_the_mine_is_the_mine_named_not_a_first_person_word(nlp: Any) -> None:
    got = subjects(nlp, "Brazil's largest iron mine is Carajas. The mine produced 150 million tonnes last year.")
    assert got["150 million tonnes"] == ("Carajas", "The mine")


def test_it_is_what_the_sentence_before_was_about(nlp: Any) -> None:
    text = "Chicago is also the region's busiest rail hub. It moved 3 million tonnes of freight last year."
    got = subjects(nlp, text)
    assert got["3 million tonnes"] == ("Chicago", "It")


def test_its_after_a_description_is_what_the_description_means(nlp: Any) -> None:
    text = (
        "Northwind Mining produced 41,000 tonnes of nickel in the quarter. Sales to buyers in China rose 8 percent. "
        "The company kept its guidance of 160,000 tonnes for the year."
    )
    got = names(nlp, text)
    assert got["8 percent"] == "China"
    assert got["160,000 tonnes"] == "Northwind Mining"


def test_a_route_is_one_subject_and_a_named_route_is_its_own(nlp: Any) -> None:
    text = "The Paris–Lyon line carried 2.4 million passengers. The Kigali–Huye route carried 300,000 passengers."
    got = names(nlp, text)
    assert got["2.4 million passengers"] == "Paris–Lyon"
    assert got["300,000 passengers"] != "Paris–Lyon"


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # a list with the verb left out: each item is its own subject
        ("Texas accounted for 40% of sales and California for 22%.", "22%", "California"),
        ("Exports to Japan rose strongly, followed by Korea with 3.1 million tonnes.", "3.1 million tonnes", "Korea"),
        # a place and the where-clause about it
        ("Sales were strongest in Alberta, where prices rose 7 percent.", "7 percent", "Alberta"),
        # a holiday is no subject; a figure's own currency word is not what it is about
        ("In the two weeks before Mother's Day, florists sold 12 million roses.", "12 million roses", None),
        ("The council approved a 2 billion rand upgrade of the harbour.", "2 billion rand", None),
        # a commodity's output is no traded market; its price is
        ("Gold output rose 4 percent to 90,000 ounces.", "4 percent", None),
    ],
)
def test_lists_clauses_and_words_that_are_no_subject(nlp: Any, text: str, mention: str, expected: str | None) -> None:
    assert names(nlp, text)[mention] == expected


def test_a_reporting_agency_is_not_the_topic_of_the_figures_it_reports(nlp: Any) -> None:
    text = (
        "Swedish retail sales climb in May\n\n"
        "STOCKHOLM — Swedish retailers sold goods worth 31 billion crowns in May, up 1.5% from April, "
        "Statistics Sweden said on Monday.\n\nSales rose in four of six categories."
    )
    got = names(nlp, text)
    assert got["four"] == "Sweden"  # the country whose retailers the lead names, not the agency
    assert got["six categories"] == "Sweden"


def test_a_dateline_city_the_model_calls_a_location_is_the_topic(nlp: Any) -> None:
    text = (
        "Perth's dams fall to 38%\n\n"
        "PERTH — The four dams that supply Perth held 38% of their capacity on Friday, the water agency said.\n\n"
        "The city's households used 310 litres a day in March."
    )
    got = names(nlp, text)
    assert got["four dams"] == "Perth"
    assert got["310 litres a day"] == "Perth"


def test_places_joined_by_and_are_one_subject(nlp: Any) -> None:
    got = names(nlp, "Prices rose 2.4 percent in Trinidad and Tobago and 1.8% in Jamaica.")
    assert got["2.4 percent"] == "Trinidad and Tobago"
    assert got["1.8%"] == "Jamaica"


def test_a_listed_appositive_keeps_every_name(nlp: Any) -> None:
    text = (
        "Home prices were mixed. The two coastal towns, Brixham, Dartmouth and Salcombe, saw prices between "
        "3% and 5% higher."
    )
    got = names(nlp, text)
    assert got["3% and 5%"] == "Brixham and Dartmouth and Salcombe"


def test_each_plant_of_a_gapped_list_and_a_plant_near_a_city(nlp: Any) -> None:
    got = names(nlp, "Output rose across the group. The Lyon plant made 120,000 engines and the Nantes plant 95,000.")
    assert got["120,000 engines"] == "Lyon"
    assert got["95,000"] == "Nantes"
    text = (
        "Output rose at Kestrel Foods. The company's Leeds site made 80,000 tonnes, while output at the plant "
        "near Derby, England, fell 4% to 61,000 tonnes."
    )
    assert names(nlp, text)["4%"] == "Derby"


def test_the_company_bears_what_a_levy_cost_it_and_its_expected_margin(nlp: Any) -> None:
    text = (
        "Harlow Steel's profit falls\n\n"
        "Harlow Steel said its profit fell 12% in 2025. It estimated that the new tariff cost it about "
        "52 billion yen ($340 million)."
    )
    got = names(nlp, text)
    assert got["52 billion yen"] == "Harlow Steel"
    assert got["$340 million"] == "Harlow Steel"  # a figure restated in another currency keeps its subject
    text = (
        "Harlow Steel's profit falls\n\n"
        "Harlow Steel said its profit fell 12% in 2025. An analyst in Leeds expects the company's margin to stay "
        "below 9% this year."
    )
    assert names(nlp, text)["9%"] == "Harlow Steel"
