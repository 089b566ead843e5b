"""Word lists that turn matched words into numbers, and the fiscal-year conventions of countries.

Months, weekdays, seasons, number words; which month each country's fiscal year starts in, with the
country names and dateline cities that tell an article's country.

Everything here is read-only (``MappingProxyType``); the regular expressions that find these words live
in the pattern data (``factex/patterns/time.jsonl``), this module only interprets what they matched.
"""

from __future__ import annotations

from fractions import Fraction
from types import MappingProxyType
from typing import NamedTuple

import regex

MONTHS: MappingProxyType[str, int] = MappingProxyType(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "may": 5,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)

WEEKDAYS: MappingProxyType[str, int] = MappingProxyType(
    {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
)

SEASONS: MappingProxyType[str, str] = MappingProxyType(
    {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
)

PARTS_OF_DAY: MappingProxyType[str, str] = MappingProxyType(
    {
        "morning": "MO",
        "afternoon": "AF",
        "evening": "EV",
        "night": "NI",
        "tonight": "NI",
        "overnight": "NI",
        "midday": "MI",
        "noon": "MI",
        "mid-afternoon": "AF",
        "mid-morning": "MO",
    }
)

# Units as TIMEX3 duration letters; the boolean says whether the letter goes after a "T".
UNITS: MappingProxyType[str, tuple[str, bool]] = MappingProxyType(
    {
        "second": ("S", True),
        "minute": ("M", True),
        "hour": ("H", True),
        "day": ("D", False),
        "night": ("D", False),
        "week": ("W", False),
        "weekend": ("WE", False),
        "fortnight": ("W", False),
        "month": ("M", False),
        "quarter": ("Q", False),
        "year": ("Y", False),
        "decade": ("DE", False),
        "century": ("CE", False),
        "millennium": ("ML", False),
    }
)

ORDINALS: MappingProxyType[str, int] = MappingProxyType(
    {
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "sixth": 6,
        "seventh": 7,
        "eighth": 8,
        "ninth": 9,
        "tenth": 10,
        "eleventh": 11,
        "twelfth": 12,
        "thirteenth": 13,
        "fourteenth": 14,
        "fifteenth": 15,
        "sixteenth": 16,
        "seventeenth": 17,
        "eighteenth": 18,
        "nineteenth": 19,
        "twentieth": 20,
        "twenty-first": 21,
        "twenty first": 21,
    }
)

# Relative words and how many units they move from the anchor; ANAPHORIC ones anchor on the last
# date mentioned rather than on the article date ("the previous year").
REL_OFFSETS: MappingProxyType[str, int] = MappingProxyType(
    {
        "last": -1,
        "past": -1,
        "previous": -1,
        "preceding": -1,
        "prior": -1,
        "this past": -1,
        "latest": -1,
        "recent": -1,
        "most recent": -1,
        "this": 0,
        "current": 0,
        "present": 0,
        "same": 0,
        "that": 0,
        "the": 0,
        "next": 1,
        "coming": 1,
        "following": 1,
        "upcoming": 1,
        "this coming": 1,
        "ensuing": 1,
        "subsequent": 1,
    }
)
ANAPHORIC_REL: frozenset[str] = frozenset(
    {"previous", "preceding", "prior", "following", "same", "that", "ensuing", "subsequent"}
)

_SMALL: MappingProxyType[str, int] = MappingProxyType(
    {
        "zero": 0,
        "a": 1,
        "an": 1,
        "one": 1,
        "single": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "couple": 2,
        "other": 2,
    }
)

_SCALES: MappingProxyType[str, int] = MappingProxyType({"dozen": 12, "hundred": 100, "thousand": 1000})

_TOKEN = regex.compile(r"\d+/\d+|\d+(?:\.\d+)?|[a-z]+", regex.IGNORECASE)
_ARTICLE = regex.compile(r"^an?\s+(?=couple|dozen|hundred|thousand|half)")


def month_number(word: str) -> int | None:
    """Return the month number (1-12) of a month name or abbreviation.

    Args:
        word: A month word such as ``"August"``, ``"Aug."`` or ``"sept"``, or a number ``"8"``.

    Returns:
        The month number, or None when the word is no month.
    """
    w = word.strip().rstrip(".").lower()
    if w.isdigit():
        n = int(w)
        return n if 1 <= n <= 12 else None
    return MONTHS.get(w[:3]) if len(w) >= 3 else None


def weekday_number(word: str) -> int | None:
    """Return the ISO weekday (Monday=1 .. Sunday=7) of a weekday name or abbreviation.

    Args:
        word: A weekday word such as ``"Tuesday"`` or ``"Tues."``.

    Returns:
        The ISO weekday number, or None.
    """
    w = word.strip().rstrip(".").lower()
    return WEEKDAYS.get(w[:3]) if len(w) >= 3 else None


def ordinal_number(word: str) -> int | None:
    """Return the value of an ordinal such as ``"third"`` or ``"3rd"``.

    ``"final"`` and ``"last"`` are returned as -1 (the last one of the enclosing period).

    Args:
        word: The ordinal word.

    Returns:
        The number, -1 for the last one, or None.
    """
    w = word.strip().lower().replace("-", " ")
    if w in ("last", "final", "latter"):
        return -1
    m = regex.match(r"(\d+)(?:st|nd|rd|th)?$", w)
    if m:
        return int(m.group(1))
    return ORDINALS.get(w) or ORDINALS.get(w.replace(" ", "-"))


def unit_name(word: str) -> str:
    """Return the singular lower-case unit of a unit word: ``"Years"`` -> ``"year"``.

    Args:
        word: A unit word as matched (``"centuries"``, ``"hrs"``, ``"fiscal year"``).

    Returns:
        A key of ``UNITS`` when the word is a known unit, else the normalized word.
    """
    w = " ".join(word.lower().replace("-", " ").split())
    w = {
        "centuries": "century",
        "millennia": "millennium",
        "hrs": "hour",
        "hr": "hour",
        "mins": "minute",
        "min": "minute",
        "secs": "second",
        "sec": "second",
        "fiscal year": "year",
        "financial year": "year",
        "fiscal": "year",
        "yr": "year",
        "yrs": "year",
    }.get(w, w)
    if w not in UNITS and w.endswith("s") and w[:-1] in UNITS:
        w = w[:-1]
    return w


def rel_offset(word: str | None) -> int | None:
    """Return the offset of a relative word (``"last"`` -> -1, ``"this"`` -> 0, ``"next"`` -> 1).

    Args:
        word: The relative word(s) as matched, possibly with a leading "the".

    Returns:
        The offset, or None for an unknown word.
    """
    if word is None:
        return None
    w = " ".join(word.lower().split())
    if w.startswith("the ") and w != "the":
        w = w[4:]
    return REL_OFFSETS.get(w)


def is_anaphoric(word: str | None) -> bool:
    """Say whether a relative word anchors on the last mentioned date ("the previous year").

    Args:
        word: The relative word(s) as matched.

    Returns:
        True for anaphoric words.
    """
    if word is None:
        return False
    w = " ".join(word.lower().split())
    return (w[4:] if w.startswith("the ") else w) in ANAPHORIC_REL


def parse_number(text: str) -> float | None:
    """Parse a written number: ``"14"``, ``"fourteen"``, ``"twenty-four"``, ``"2 1/2"``, ``"two and a half"``.

    Vague quantities (``"several"``, ``"a few"``, ``"many"``) give None: their TIMEX3 value uses ``X``.

    Args:
        text: The number words as matched.

    Returns:
        The number, or None when the words are vague or not a number.
    """
    t = text.lower().replace(",", "").replace("-", " ").strip()
    if t.isascii() and t.isdigit():
        return float(int(t))  # "14": the common case, without parsing words
    t = _ARTICLE.sub("", t)
    total = Fraction(0)
    current = Fraction(0)
    seen = False
    for tok in _TOKEN.findall(t):
        if seen and tok in ("and", "of", "a", "an"):
            continue
        if "/" in tok:
            num, den = tok.split("/")
            if int(den) == 0:
                return None
            current += Fraction(int(num), int(den))
        elif tok[0].isdigit():
            current += Fraction(tok)
        elif tok == "half":
            current += Fraction(1, 2)
        elif tok in _SMALL:
            current += _SMALL[tok]
        elif tok in _SCALES:
            current = max(current, Fraction(1)) * _SCALES[tok]
            total += current
            current = Fraction(0)
        else:
            return None
        seen = True
    if not seen:
        return None
    return float(total + current)


class FiscalYear(NamedTuple):
    """When a country's fiscal years start (month 1 is the calendar year).

    Attributes:
        companies: First month of a company's fiscal year where the law or habit fixes one ("fiscal 2026
            guidance" of an Australian miner runs July 2025 to June 2026); 1 where companies vary.
        government: First month of the government's budget year (the US federal year starts in October).
        by_start: True where a single-year name counts from the year it starts in (Japan's "fiscal 2025"
            is April 2025 to March 2026); elsewhere it names the year it ends in.
    """

    companies: int
    government: int
    by_start: bool = False


# The conventions of the countries whose fiscal years are not the calendar year, and of some large
# calendar-year economies (so that one mention of "Japan" in an American story does not decide).
FISCAL_YEARS: MappingProxyType[str, FiscalYear] = MappingProxyType(
    {
        "australia": FiscalYear(7, 7),
        "new zealand": FiscalYear(4, 7),
        "pakistan": FiscalYear(7, 7),
        "bangladesh": FiscalYear(7, 7),
        "egypt": FiscalYear(7, 7),
        "kenya": FiscalYear(7, 7),
        "uganda": FiscalYear(7, 7),
        "tanzania": FiscalYear(7, 7),
        "united kingdom": FiscalYear(4, 4),
        "india": FiscalYear(4, 4),
        "hong kong": FiscalYear(4, 4),
        "japan": FiscalYear(4, 4, by_start=True),
        "canada": FiscalYear(1, 4),
        "singapore": FiscalYear(1, 4),
        "south africa": FiscalYear(1, 4),
        "united states": FiscalYear(1, 10),
        "thailand": FiscalYear(1, 10),
        "china": FiscalYear(1, 1),
        "germany": FiscalYear(1, 1),
        "france": FiscalYear(1, 1),
        "italy": FiscalYear(1, 1),
        "spain": FiscalYear(1, 1),
        "portugal": FiscalYear(1, 1),
        "netherlands": FiscalYear(1, 1),
        "switzerland": FiscalYear(1, 1),
        "russia": FiscalYear(1, 1),
        "brazil": FiscalYear(1, 1),
        "mexico": FiscalYear(1, 1),
        "colombia": FiscalYear(1, 1),
        "chile": FiscalYear(1, 1),
        "argentina": FiscalYear(1, 1),
        "south korea": FiscalYear(1, 1),
        "indonesia": FiscalYear(1, 1),
        "vietnam": FiscalYear(1, 1),
        "nigeria": FiscalYear(1, 1),
        "turkey": FiscalYear(1, 1),
        "saudi arabia": FiscalYear(1, 1),
    }
)

# Other names of those countries, and their adjectives, as written in running text.
COUNTRY_NAMES: MappingProxyType[str, str] = MappingProxyType(
    {
        "Australia": "australia", "Australian": "australia", "Australians": "australia",
        "New Zealand": "new zealand",
        "Pakistan": "pakistan", "Pakistani": "pakistan",
        "Bangladesh": "bangladesh", "Bangladeshi": "bangladesh",
        "Egypt": "egypt", "Egyptian": "egypt",
        "Kenya": "kenya", "Kenyan": "kenya",
        "Uganda": "uganda", "Ugandan": "uganda",
        "Tanzania": "tanzania", "Tanzanian": "tanzania",
        "Britain": "united kingdom", "British": "united kingdom", "United Kingdom": "united kingdom",
        "U.K.": "united kingdom", "UK": "united kingdom", "England": "united kingdom", "Scotland": "united kingdom",
        "Wales": "united kingdom",
        "India": "india", "Indian": "india",
        "Hong Kong": "hong kong",
        "Japan": "japan", "Japanese": "japan",
        "Canada": "canada", "Canadian": "canada",
        "Singapore": "singapore",
        "South Africa": "south africa", "South African": "south africa",
        "United States": "united states", "U.S.": "united states", "America": "united states",
        "Thailand": "thailand", "Thai": "thailand",
        "China": "china", "Chinese": "china",
        "Germany": "germany", "German": "germany",
        "France": "france", "French": "france",
        "Italy": "italy", "Italian": "italy",
        "Spain": "spain", "Spanish": "spain",
        "Portugal": "portugal", "Portuguese": "portugal",
        "Netherlands": "netherlands", "Dutch": "netherlands",
        "Switzerland": "switzerland", "Swiss": "switzerland",
        "Russia": "russia", "Russian": "russia",
        "Brazil": "brazil", "Brazilian": "brazil",
        "Mexico": "mexico", "Mexican": "mexico",
        "Colombia": "colombia", "Colombian": "colombia",
        "Chile": "chile", "Chilean": "chile",
        "Argentina": "argentina", "Argentine": "argentina",
        "South Korea": "south korea", "Korea": "south korea", "Korean": "south korea",
        "Indonesia": "indonesia", "Indonesian": "indonesia",
        "Vietnam": "vietnam", "Vietnamese": "vietnam",
        "Nigeria": "nigeria", "Nigerian": "nigeria",
        "Turkey": "turkey", "Turkish": "turkey",
        "Saudi Arabia": "saudi arabia", "Saudi": "saudi arabia",
    }
)

# Cities that open a dateline ("PERTH \u2014 ..."), by country.
DATELINE_CITIES: MappingProxyType[str, str] = MappingProxyType(
    {
        **dict.fromkeys(("sydney", "melbourne", "perth", "brisbane", "adelaide", "canberra", "darwin", "hobart"),
                        "australia"),
        **dict.fromkeys(("wellington", "auckland", "christchurch"), "new zealand"),
        **dict.fromkeys(("islamabad", "karachi", "lahore"), "pakistan"),
        "dhaka": "bangladesh", "cairo": "egypt", "nairobi": "kenya", "kampala": "uganda",
        "dar es salaam": "tanzania",
        **dict.fromkeys(("london", "edinburgh", "manchester", "birmingham", "glasgow", "cardiff", "belfast"),
                        "united kingdom"),
        **dict.fromkeys(("new delhi", "delhi", "mumbai", "bengaluru", "bangalore", "chennai", "kolkata",
                         "hyderabad"), "india"),
        "hong kong": "hong kong", "singapore": "singapore",
        **dict.fromkeys(("tokyo", "osaka", "yokohama", "nagoya"), "japan"),
        **dict.fromkeys(("ottawa", "toronto", "montreal", "vancouver", "calgary"), "canada"),
        **dict.fromkeys(("johannesburg", "cape town", "pretoria"), "south africa"),
        **dict.fromkeys(("washington", "new york", "chicago", "san francisco", "los angeles", "houston", "boston"),
                        "united states"),
        "bangkok": "thailand",
        **dict.fromkeys(("beijing", "shanghai", "shenzhen"), "china"),
        **dict.fromkeys(("berlin", "frankfurt", "munich"), "germany"),
        "paris": "france", "rome": "italy", "milan": "italy", "madrid": "spain", "lisbon": "portugal",
        "amsterdam": "netherlands", "zurich": "switzerland", "geneva": "switzerland", "moscow": "russia",
        **dict.fromkeys(("brasilia", "bras\u00edlia", "sao paulo", "s\u00e3o paulo", "rio de janeiro"), "brazil"),
        "mexico city": "mexico", "bogota": "colombia", "bogot\u00e1": "colombia", "santiago": "chile",
        "buenos aires": "argentina", "seoul": "south korea", "jakarta": "indonesia", "hanoi": "vietnam",
        "lagos": "nigeria", "abuja": "nigeria", "istanbul": "turkey", "ankara": "turkey", "riyadh": "saudi arabia",
    }
)

# Traded instruments: a move in one, told without a period, is the day's ("Shares in X rose 3.2 per cent",
# "sterling slipped 0.4% against the dollar"), not the period of the report the article is about.
MARKET_WORDS: frozenset[str] = frozenset(
    {
        "shares", "stocks", "equities", "gilt", "gilts", "bond", "bonds", "treasuries", "bund", "bunds", "sterling",
        "pound", "dollar", "euro", "yen", "yuan", "renminbi", "franc", "rupee", "rouble", "ruble", "peso", "rand",
        "lira", "krona", "won", "ringgit", "rupiah", "loonie", "bitcoin", "futures",
    }
)
# "The yield on the benchmark gilt": a measure that is a market's when it is "on" an instrument
MARKET_MEASURES: frozenset[str] = frozenset({"yield", "yields", "price", "prices", "spread", "spreads"})
