"""The finder's and the time tagger's shortcuts find what a full scan of the text finds.

The value finder looks for a rule's leading number only where a number or number word starts, and builds
its windows from digit runs and anchor words; the time tagger skips a trigger made of plain words when
none of them occurs. Each shortcut is checked here against the plain regex scan it replaces.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from factex.finder import ValueFinder
from factex.ruleset import load_default
from factex.time.tagger import _ASCII_LOWER, TimeTagger

ODD = [
    "Prices rose -3.5% to .75 cents; +12 points, −4 degrees, 1,234,567 units and 5\u00a0000 tonnes.",
    "Twenty-eight thousand six hundred forty-two people; half a million; a dozen; one in five; 3rd; "
    "seventh-largest; the 21st of May; No.1; COVID-19; G20; 1990s; 2013–2023; FY2023/24.",
    "Output doubled, then tripled; it quadrupled before halving. Tenants often said oneself, seconds.",
    "ÉTÉ 5two x_ten, _5, 4.5.6, $5bn, US$3.2 billion, €20, £9.9bn, 12pc, 38mm, 2.18 t/ha.",
    "",
]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))] + ODD


@pytest.fixture(scope="module")
def finder() -> ValueFinder:
    return ValueFinder(load_default())


@pytest.mark.parametrize("index", range(len(_texts())))
def test_lead_starts_are_those_of_a_full_scan(finder: ValueFinder, index: int) -> None:
    text = _texts()[index]
    digit_runs = [m.span() for m in re.finditer(r"\d+", text)]
    word_starts = [(m.start(), m.group()) for m in re.finditer(r"(?<!\w)[^\W\d]", text)]
    assert set(finder._lead_starts) == {"Q", "ORD", "FRAC"}
    for lead in finder._lead_starts:
        full = [m.start() for m in re.finditer("(?=" + finder.lex.expand("{" + lead + "}") + ")", text)]
        assert finder._starts(lead, text, digit_runs, word_starts) == full, lead


@pytest.mark.parametrize("index", range(len(_texts())))
def test_windows_are_those_of_a_full_anchor_scan(finder: ValueFinder, index: int) -> None:
    text = _texts()[index]
    hits = [m.span() for m in finder.anchor.finditer(text)]
    assert finder._windows(text) == finder._around(text, hits, 24, 120)


@pytest.mark.parametrize("index", range(len(_texts())))
def test_time_triggers_find_what_a_full_scan_finds(index: int) -> None:
    text = _texts()[index]
    tagger = TimeTagger()
    lowered = text.translate(_ASCII_LOWER)
    for rule in tagger.rules:
        if rule.trigger is None:
            continue
        source = text if rule.trigger_case else lowered
        words, fast = tagger._triggers[(rule.trigger_case, rule.trigger.pattern)]
        full = [m.span() for m in rule.trigger.finditer(source)]
        assert [m.span() for m in fast.finditer(source)] == full, rule.id
        if words is not None and not any(w in source for w in words):
            assert full == [], rule.id  # skipping the scan loses nothing
