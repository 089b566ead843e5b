"""Each check family on small hand-built documents (claims as the extractor writes them; no spaCy)."""

from __future__ import annotations

import hashlib
import json
import math
import re
from typing import Any

import pytest

from factex.checks import CheckConfig, CheckRules, run_checks
from factex.checks.numbers import Interval, claim_interval, fmt, step_of
from factex.checks.rules import read_entries
from factex.validate import errors

_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?!\s|$))+(?:[.!?]+|$)")


def claim(
    text: str,
    mention: str,
    kind: str,
    amount: float,
    unit: str = "",
    *,
    occurrence: int = 1,
    approx: str = "=",
    change: str | None = None,
    high: float | None = None,
    subject: str | None = None,
    metric: str | None = None,
    time: tuple[str, str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A claim dict for the ``occurrence``-th ``mention`` of ``text``, with its sentence offsets."""
    start = -1
    for _ in range(occurrence):
        start = text.index(mention, start + 1)
    end = start + len(mention)
    sentence = next(m for m in _SENTENCE.finditer(text) if m.start() <= start < m.end())
    cid = "c_" + hashlib.sha256(f"{start}:{end}:{mention}".encode()).hexdigest()[:16]
    return {
        "id": cid,
        "kind": kind,
        "mention": {"text": mention, "start": start, "end": end},
        "sentence": {"start": sentence.start(), "end": sentence.end()},
        "value": {
            "amount": amount,
            "amount_high": high,
            "unit": unit,
            "unit_text": "",
            "approx": approx,
            "change": change,
        },
        "subject": {"text": subject, "start": None, "end": None} if subject else None,
        "metric": metric,
        "time": {"text": "", "start": time[0], "end": time[1], "granularity": "year"} if time else None,
        "source": None,
        "comparison": extra.pop("comparison", None),
        "change_from": extra.pop("change_from", None),
        "rule": "test",
        "trace": extra.pop("trace", []),
    }


def document(text: str | None, *claims: dict[str, Any]) -> dict[str, Any]:
    article: dict[str, Any] = {"id": "t", "path": None, "date": "2024-09-01", "sha256": "0" * 64}
    if text is not None:
        article["text"] = text
    return {
        "factex_version": "0",
        "schema": "factex/schema/claim.schema.json",
        "article": article,
        "claims": list(claims),
    }


def kinds(checks: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(c["kind"], c["status"]) for c in checks]


Y2023 = ("2023-01-01", "2023-12-31")


# -- numbers -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("mention", "amount", "approx", "step"),
    [
        ("77.9 million tons", 77_900_000, "=", 100_000),
        ("5,000 trains", 5000, "=", 1),
        ("six times", 6, ">", 0),
        ("about 50,000", 50_000, "~", 10_000),
        ("0.29 trillion yuan", 290e9, "=", 1e10),
        ("19 cents", 0.19, "=", 0.01),
    ],
)
def test_step_is_the_last_stated_digit(mention: str, amount: float, approx: str, step: float) -> None:
    assert step_of(mention, amount, approx) == pytest.approx(step)


def test_intervals_follow_rounding_and_qualifiers() -> None:
    text = "It made 77.9 million tons, more than six times the rest, about 44 billion dollars."
    tons = claim_interval(claim(text, "77.9 million tons", "quantity", 77.9e6, "t"), CheckConfig())
    assert (tons.lo, tons.hi) == pytest.approx((77.85e6, 77.95e6))
    more = claim_interval(claim(text, "six times", "ratio", 6, "times", approx=">"), CheckConfig())
    assert more.lo == 6 and math.isinf(more.hi)
    about = claim_interval(claim(text, "44 billion dollars", "money", 44e9, "USD", approx="~"), CheckConfig())
    assert about.lo == pytest.approx(44e9 * 0.95)
    exact = claim_interval(claim(text, "77.9 million tons", "quantity", 77.9e6, "t"), CheckConfig(rounding=0))
    assert exact.lo == exact.hi == 77.9e6


def test_rounding_intervals_that_only_touch_do_not_overlap() -> None:
    assert not Interval(5.15, 5.25, 5.2).overlaps(Interval(5.25, 5.35, 5.3))
    assert Interval(5, 5, 5).overlaps(Interval(4.5, 5, 4.75))
    assert Interval(1, 2, 1.5).overlaps(Interval(1.9, 3, 2.5))


def test_fmt() -> None:
    assert fmt(77_900_000, "t") == "77.9 million t"
    assert fmt(695_535_714.3, "t") == "695.54 million t"
    assert fmt(5.3, "percent") == "5.3%"
    assert fmt(4955, "train") == "4,955 train"
    assert fmt(-0.6, "percentage_point") == "-0.6 percentage points"


# -- comparisons ---------------------------------------------------------------------------------
def _growth(word: str, a: str = "5.3", b: str = "5.2") -> list[dict[str, Any]]:
    text = f"Liaoning's {a} percent GDP growth rate {word} the national average of {b} percent in 2023."
    return run_checks(
        document(
            text,
            claim(text, f"{a} percent", "percent", float(a), "percent"),
            claim(text, f"{b} percent", "percent", float(b), "percent", occurrence=2 if a == b else 1),
        )
    )


@pytest.mark.parametrize(
    ("word", "a", "b", "status"),
    [
        ("surpassed", "5.3", "5.2", "holds"),
        ("surpassed", "5.1", "5.2", "fails"),
        ("trailed", "5.3", "5.2", "fails"),
        ("lagged", "5.1", "5.2", "holds"),
        ("surpassed", "5.2", "5.2", "unclear"),
        ("was below", "5.1", "5.2", "holds"),
        ("was higher than", "5.1", "5.2", "fails"),
        ("matched", "5.2", "5.2", "holds"),
        ("was surpassed by", "5.3", "5.2", "fails"),
    ],
)
def test_stated_comparison(word: str, a: str, b: str, status: str) -> None:
    checks = _growth(word, a, b)
    assert kinds(checks) == [("comparison", status)]
    assert checks[0]["rule"].startswith("check.compare.")


def test_a_clause_break_stops_a_comparison() -> None:
    text = "Exports rose 4.2 percent, while imports, which were higher than expected, rose 3.5 percent."
    checks = run_checks(
        document(
            text,
            claim(text, "4.2 percent", "percent", 4.2, "percent", change="up"),
            claim(text, "3.5 percent", "percent", 3.5, "percent", change="up"),
        )
    )
    assert checks == []


def test_comparison_link_of_the_extractor_is_checked_without_text() -> None:
    text = "Liaoning's 5.1 percent growth rate surpassed the national average of 5.2 percent."
    b = claim(text, "5.2 percent", "percent", 5.2, "percent")
    a = claim(
        text,
        "5.1 percent",
        "percent",
        5.1,
        "percent",
        comparison={"relation": ">", "other": b["id"], "word": "surpassed", "rule": "compare.verb"},
    )
    assert kinds(run_checks(document(None, a, b))) == [("comparison", "fails")]


def test_margin_of_a_comparison() -> None:
    text = "Employers added 452,000 jobs in 2024, beating the annual target of 430,000 by 32,000."
    a = claim(text, "452,000 jobs", "count", 452000, "job", change="up")
    b = claim(text, "430,000", "quantity", 430000)
    m = claim(text, "32,000", "quantity", 32000)
    checks = run_checks(document(text, a, b, m))
    assert ("comparison.margin", "fails") in kinds(checks)
    assert ("comparison", "holds") in kinds(checks)
    margin = next(c for c in checks if c["kind"] == "comparison.margin")
    assert (margin["expected"], margin["observed"]) == (22000, 32000)


# -- parts and wholes ----------------------------------------------------------------------------
HARVEST = (
    "Wheat production reached 12.4 million tonnes, canola output 9.8 million tonnes and barley 4.1 million "
    "tonnes, bringing the three main crops to {total} million tonnes combined."
)


@pytest.mark.parametrize(("total", "status"), [("26.3", "holds"), ("26.4", "holds"), ("26.8", "fails")])
def test_sum_against_stated_total(total: str, status: str) -> None:
    text = HARVEST.format(total=total)
    claims = [
        claim(text, m, "quantity", float(m.split()[0]) * 1e6, "t")
        for m in ("12.4 million tonnes", "9.8 million tonnes", "4.1 million tonnes", f"{total} million tonnes")
    ]
    claims.insert(3, claim(text, "three main crops", "count", 3, "crop"))
    checks = run_checks(document(text, *claims))
    assert kinds(checks) == [("sum", status)]
    assert checks[0]["tolerance"] == pytest.approx(0.2e6)
    assert len(checks[0]["claims"]) == 4


def test_stated_count_reaches_into_the_previous_sentence() -> None:
    text = (
        "Tertiary industry generated 1.74 trillion yuan, secondary industry 1.52 trillion yuan and agriculture "
        "0.29 trillion yuan. Together the three sectors made up the full 3.75 trillion yuan."
    )
    claims = [
        claim(text, m, "money", float(m.split()[0]) * 1e12, "CNY")
        for m in ("1.74 trillion yuan", "1.52 trillion yuan", "0.29 trillion yuan", "3.75 trillion yuan")
    ]
    claims.insert(3, claim(text, "three sectors", "count", 3, "sector"))
    check = run_checks(document(text, *claims))[0]
    assert (check["kind"], check["status"], check["expected"]) == ("sum", "fails", 3.55e12)


def test_a_total_without_its_parts_is_not_checked() -> None:
    text = "Eleven storage projects with a combined capacity of 480 MW are now connected."
    claims = [
        claim(text, "Eleven storage projects", "count", 11, "project"),
        claim(text, "480 MW", "quantity", 480, "MW"),
    ]
    assert run_checks(document(text, *claims)) == []


@pytest.mark.parametrize(
    ("opener", "parts", "status"),
    [
        (":", ("530", "310", "280", "120"), "holds"),
        (":", ("530", "310", "290", "120"), "fails"),
        (":", ("530", "310", "280"), "unclear"),
        (", including", ("530", "310"), "holds"),
    ],
)
def test_list_against_its_total(opener: str, parts: tuple[str, ...], status: str) -> None:
    roles = ("drivers", "passengers", "walkers", "riders")
    listing = ", ".join(f"{p} were {w}" for p, w in zip(parts, roles, strict=False))
    text = f"Police recorded 1,240 road deaths in 2024{opener} {listing}."
    claims = [claim(text, "1,240 road deaths", "count", 1240, "death")]
    claims += [claim(text, p, "quantity", int(p)) for p in parts]
    assert kinds(run_checks(document(text, *claims))) == [("sum.list", status)]


TRADE = (
    "Exports rose 13.8% to $405.5 billion, while imports climbed 16.2% to $380.8 billion, leaving a trade "
    "surplus of ${surplus} billion. Total two-way trade reached ${total} billion."
)


@pytest.mark.parametrize(
    ("surplus", "total", "expected"),
    [
        ("24.7", "786.3", [("balance", "holds"), ("balance", "holds")]),
        ("26.7", "786.3", [("balance", "fails"), ("balance", "holds")]),
        ("24.7", "768.3", [("balance", "fails"), ("balance", "holds")]),
    ],
)
def test_trade_balance(surplus: str, total: str, expected: list[tuple[str, str]]) -> None:
    text = TRADE.format(surplus=surplus, total=total)
    claims = [
        claim(text, "13.8%", "percent", 13.8, "percent", change="up"),
        claim(text, "$405.5 billion", "money", 405.5e9, "USD"),
        claim(text, "16.2%", "percent", 16.2, "percent", change="up"),
        claim(text, "$380.8 billion", "money", 380.8e9, "USD"),
        claim(text, f"${surplus} billion", "money", float(surplus) * 1e9, "USD"),
        claim(text, f"${total} billion", "money", float(total) * 1e9, "USD"),
    ]
    checks = run_checks(document(text, *claims))
    assert sorted(kinds(checks)) == sorted(expected)
    assert {c["rule"] for c in checks} == {"check.balance.surplus", "check.balance.total-trade"}


def test_natural_decrease_and_an_earlier_figure_is_no_term() -> None:
    text = (
        "There were 238,300 births and 358,400 deaths, a natural decrease of 120,100. "
        "The surplus was smaller than the $28.6 billion recorded a year earlier."
    )
    claims = [
        claim(text, "238,300 births", "count", 238300, "birth"),
        claim(text, "358,400 deaths", "count", 358400, "death"),
        claim(text, "120,100", "quantity", 120100),
        claim(text, "$28.6 billion", "money", 28.6e9, "USD"),
    ]
    assert kinds(run_checks(document(text, *claims))) == [("balance", "holds")]


def test_balance_terms_must_share_the_period() -> None:
    text = "Exports reached $405.5 billion and imports $380.8 billion. The surplus was $28.6 billion."
    claims = [
        claim(text, "$405.5 billion", "money", 405.5e9, "USD", time=Y2023),
        claim(text, "$380.8 billion", "money", 380.8e9, "USD", time=Y2023),
        claim(text, "$28.6 billion", "money", 28.6e9, "USD", time=("2022-01-01", "2022-12-31")),
    ]
    assert run_checks(document(text, *claims)) == []


# -- shares --------------------------------------------------------------------------------------
def test_share_reports_the_implied_total() -> None:
    text = (
        "In 2023, Heilongjiang produced 77.9 million tons of grain, accounting for 11.2 percent of China's "
        "total output."
    )
    claims = [
        claim(
            text,
            "77.9 million tons",
            "quantity",
            77.9e6,
            "t",
            subject="Heilongjiang",
            metric="grain production",
            time=Y2023,
        ),
        claim(text, "11.2 percent", "percent", 11.2, "percent"),
    ]
    check = run_checks(document(text, *claims))[0]
    assert (check["kind"], check["status"]) == ("share", "unclear")
    assert check["expected"] == pytest.approx(695.5357e6, rel=1e-6)
    assert check["implied"]["subject"] == "China"
    assert check["implied"]["low"] < 695.5e6 < check["implied"]["high"]


@pytest.mark.parametrize(("share", "status"), [("22", "holds"), ("32", "fails")])
def test_share_against_the_whole_named_with_it(share: str, status: str) -> None:
    text = (
        f"The city spent 12.4 billion yuan on education in 2024, {share} percent of its total spending of "
        "56.4 billion yuan."
    )
    claims = [
        claim(text, "12.4 billion yuan", "money", 12.4e9, "CNY"),
        claim(text, f"{share} percent", "percent", float(share), "percent"),
        claim(text, "56.4 billion yuan", "money", 56.4e9, "CNY"),
    ]
    check = run_checks(document(text, *claims))[0]
    assert (check["kind"], check["status"]) == ("share", status)
    assert check["expected"] == pytest.approx(21.9858, rel=1e-4)


def test_share_against_the_whole_stated_elsewhere() -> None:
    text = (
        "China produced 695 million tons of grain in 2023. Heilongjiang produced 77.9 million tons, accounting "
        "for 12.2 percent of the national total."
    )
    claims = [
        claim(text, "695 million tons", "quantity", 695e6, "t", subject="China", metric="grain production", time=Y2023),
        claim(
            text,
            "77.9 million tons",
            "quantity",
            77.9e6,
            "t",
            subject="Heilongjiang",
            metric="grain production",
            time=Y2023,
        ),
        claim(text, "12.2 percent", "percent", 12.2, "percent"),
    ]
    assert kinds(run_checks(document(text, *claims))) == [("share", "fails")]


def test_two_shares_of_one_whole_must_agree() -> None:
    text = (
        "Henan harvested 66.2 million tons, or 9.5 percent of the national total. Shandong harvested 56.6 million "
        "tons, or 9.5 percent of the national total."
    )
    claims = [
        claim(text, "66.2 million tons", "quantity", 66.2e6, "t"),
        claim(text, "9.5 percent", "percent", 9.5, "percent"),
        claim(text, "56.6 million tons", "quantity", 56.6e6, "t"),
        claim(text, "9.5 percent", "percent", 9.5, "percent", occurrence=2),
    ]
    assert ("share.same-whole", "fails") in kinds(run_checks(document(text, *claims)))


# -- ratios --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("words", "amount", "status"), [("six", 6, "holds"), ("seven", 7, "fails")])
def test_percent_restated_as_multiple(words: str, amount: int, status: str) -> None:
    text = f"The self-sufficiency rate was 617.6 percent in 2022, meaning it produced more than {words} times its use."
    claims = [
        claim(text, "617.6 percent", "percent", 617.6, "percent"),
        claim(text, f"{words} times", "ratio", amount, "times", approx=">"),
    ]
    assert kinds(run_checks(document(text, *claims))) == [("ratio", status)]


def test_percent_increase_restated_as_multiple() -> None:
    text = "Sales jumped 200 percent, meaning they tripled to three times the level."
    claims = [
        claim(text, "200 percent", "percent", 200, "percent", change="up"),
        claim(text, "three times", "ratio", 3, "times"),
    ]
    assert kinds(run_checks(document(text, *claims))) == [("ratio", "holds")]


@pytest.mark.parametrize(
    ("words", "status"), [("more than double", "holds"), ("more than triple", "fails"), ("nearly half", "fails")]
)
def test_multiple_between_two_levels(words: str, status: str) -> None:
    text = f"Plants built 1.26 million vehicles in 2024, {words} the 520,000 made in 2022."
    claims = [
        claim(text, "1.26 million vehicles", "count", 1.26e6, "vehicle"),
        claim(text, "520,000", "quantity", 520000),
    ]
    assert kinds(run_checks(document(text, *claims))) == [("ratio", status)]


# -- changes -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "unit", "kind", "status"),
    [
        ("0.6 percentage points", "percentage_point", "change.points", "holds"),
        ("0.8 percentage points", "percentage_point", "change.points", "fails"),
        ("0.6 percent", "percent", "change.points", "fails"),
        ("15.8 percent", "percent", "change.percent", "holds"),
        ("60 basis points", "bp", "change.points", "holds"),
    ],
)
def test_change_of_a_rate(change: str, unit: str, kind: str, status: str) -> None:
    text = f"The unemployment rate rose {change} from 3.8% in January to 4.4% in December."
    amount = float(change.split()[0])
    claims = [
        claim(text, change, "percent", amount, unit, change="up"),
        claim(text, "3.8%", "percent", 3.8, "percent"),
        claim(text, "4.4%", "percent", 4.4, "percent"),
    ]
    assert kinds(run_checks(document(text, *claims))) == [(kind, status)]


@pytest.mark.parametrize(
    ("pct", "change", "status"), [("13.8", "up", "holds"), ("18.3", "up", "fails"), ("13.8", "down", "fails")]
)
def test_percent_change_against_two_levels(pct: str, change: str, status: str) -> None:
    verb = "rose" if change == "up" else "fell"
    text = f"Palm oil exports {verb} {pct} percent to 17.1 million tonnes in 2024 from 15.0 million tonnes in 2023."
    claims = [
        claim(text, f"{pct} percent", "percent", float(pct), "percent", change=change),
        claim(text, "17.1 million tonnes", "quantity", 17.1e6, "t"),
        claim(text, "15.0 million tonnes", "quantity", 15e6, "t"),
    ]
    assert kinds(run_checks(document(text, *claims))) == [("change.percent", status)]


@pytest.mark.parametrize(("diff", "status"), [("47", "holds"), ("57", "fails")])
def test_difference_against_two_levels(diff: str, status: str) -> None:
    text = f"Cruise calls rose from 84 to 131 between 2022 and 2024, an increase of {diff}."
    claims = [
        claim(text, "84", "quantity", 84),
        claim(text, "131", "quantity", 131),
        claim(text, diff, "quantity", int(diff), change="up", occurrence=1),
    ]
    assert kinds(run_checks(document(text, *claims))) == [("change.difference", status)]


@pytest.mark.parametrize(("word", "status"), [("increase", "holds"), ("decrease", "fails")])
def test_direction_word_against_the_extractors_change_link(word: str, status: str) -> None:
    text = f"In 2023, 5,000 cargo trains passed through these ports, a significant {word} from 45 in 2013."
    earlier = claim(text, "45", "count", 45, "train")
    later = claim(
        text,
        "5,000 cargo trains",
        "count",
        5000,
        "train",
        change_from={"from": 45, "from_claim": earlier["id"], "to": 5000, "rule": "change.increase-from"},
    )
    check = run_checks(document(text, later, earlier))[0]
    assert (check["kind"], check["status"], check["difference"]) == ("change", status, 4955)
    assert "x111.1" in check["explanation"]


@pytest.mark.parametrize(("annual", "status"), [("2.0", "holds"), ("2.1", "holds"), ("3.0", "fails")])
def test_quarterly_against_annualized_rate(annual: str, status: str) -> None:
    text = f"The economy grew 0.5 percent in the third quarter, an annualized rate of {annual} percent."
    claims = [
        claim(text, "0.5 percent", "percent", 0.5, "percent", change="up"),
        claim(text, f"{annual} percent", "percent", float(annual), "percent"),
    ]
    assert kinds(run_checks(document(text, *claims))) == [("change.annualized", status)]


# -- ranks ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("rank", "status"), [(7, "holds"), (31, "holds"), (37, "fails")])
def test_rank_of_a_total(rank: int, status: str) -> None:
    text = f"Jilin's GDP grew 6.3 percent, ranking number {rank} among the country's 31 provincial regions."
    total = claim(text, "31 provincial regions", "count", 31, "region")
    ranked = claim(
        text,
        f"number {rank}",
        "rank",
        rank,
        "rank",
        comparison={"rank": rank, "of": 31, "other": total["id"], "rule": "compare.rank-of"},
    )
    assert kinds(run_checks(document(text, ranked, total))) == [("rank.of", status)]


@pytest.mark.parametrize(
    ("third", "tie", "status"), [("third", "", "holds"), ("second", "", "fails"), ("second", " jointly", "holds")]
)
def test_two_entities_with_one_rank(third: str, tie: str, status: str) -> None:
    text = f"Jiangsu ranked second with 13.7 trillion yuan. Shandong{tie} ranked {third} with 9.9 trillion yuan."
    claims = [
        claim(text, "second", "rank", 2, "rank", subject="Jiangsu", metric="ranking"),
        claim(
            text,
            third,
            "rank",
            2 if third == "second" else 3,
            "rank",
            subject="Shandong",
            metric="ranking",
            occurrence=2 if third == "second" else 1,
        ),
    ]
    assert kinds(run_checks(document(text, *claims))) == [("rank.duplicate", status)]


# -- the whole ----------------------------------------------------------------------------------
def test_checks_are_sorted_failed_first_have_stable_ids_and_valid_rules() -> None:
    text = HARVEST.format(total="26.8") + " " + "Liaoning's 5.3 percent growth rate surpassed the national 5.2 percent."
    claims = [
        claim(text, m, "quantity", float(m.split()[0]) * 1e6, "t")
        for m in ("12.4 million tonnes", "9.8 million tonnes", "4.1 million tonnes", "26.8 million tonnes")
    ]
    claims += [
        claim(text, "5.3 percent", "percent", 5.3, "percent"),
        claim(text, "5.2 percent", "percent", 5.2, "percent"),
    ]
    doc = document(text, *claims)
    first, second = run_checks(doc), run_checks(json.loads(json.dumps(doc)))
    assert [c["status"] for c in first] == ["fails", "holds"]
    assert [c["id"] for c in first] == [c["id"] for c in second]
    ids = {e["id"] for e in read_entries()}
    assert all(c["rule"] in ids for c in first)
    assert errors({**doc, "checks": first}) == []


def test_every_check_rule_has_a_unique_id_and_loads() -> None:
    entries = read_entries()
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)) and all(i.startswith("check.") for i in ids)
    rules = CheckRules.from_entries(entries)
    assert rules.compare and rules.roles and rules.balances


def test_a_new_comparison_word_is_one_more_entry() -> None:
    text = "Guangdong's 4.2 percent growth eclipsed the 3.5 percent of Fujian."
    claims = [
        claim(text, "4.2 percent", "percent", 4.2, "percent"),
        claim(text, "3.5 percent", "percent", 3.5, "percent"),
    ]
    assert run_checks(document(text, *claims)) == []
    extra = {"id": "check.compare.mine", "type": "compare", "relations": {"eclipsed": ">"}}
    rules = CheckRules.from_entries([*read_entries(), extra])
    check = run_checks(document(text, *claims), rules=rules)[0]
    assert (check["status"], check["rule"]) == ("holds", "check.compare.mine")


def test_configured_rounding_changes_the_verdict() -> None:
    text = "Wheat reached 2.14 million tonnes and barley 2.54 million tonnes, 4.7 million tonnes combined."
    claims = [
        claim(text, m, "quantity", float(m.split()[0]) * 1e6, "t")
        for m in ("2.14 million tonnes", "2.54 million tonnes", "4.7 million tonnes")
    ]
    assert kinds(run_checks(document(text, *claims))) == [("sum", "holds")]
    assert kinds(run_checks(document(text, *claims), config=CheckConfig(rounding=0))) == [("sum", "fails")]
