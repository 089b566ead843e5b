"""Anchor each claim in time: the period its value refers to, from the time expressions around it.

In order: a time expression in the claim's own clause (the comma- or semicolon-delimited stretch of
the sentence), the one that opens the sentence ("In 2023, ..."), the nearest one in the sentence;
else the period that opens the paragraph, carried to a claim that continues it (``inferred``); else,
for a statement in the present tense, the article date (``inferred``). "since 2013 ... by August 20,
2024" gives the whole period, and "first ... for 14 consecutive years" in 2023 gives 2010..2023.

Comparisons are read apart from the period they compare with: in "up 7.8 percent from 2024" the
figure is for the period after 2024, in "down from 62 bushels per acre in 2024" the 62 is for 2024.
"A year earlier" and "the previous year" count back from the period the sentence (else the article)
is about, which may be a financial year. The article's period is the one its lead sentence names; a
figure in the headline takes the period of the same figure in the body. "May and June" and "2013-2023"
are one period, "the past three months" the three whole months before the article's; a sentence that
points back at the one before ("61 per cent of those approvals") takes that sentence's period.

A period in a relative clause the figure is outside of, or the period of a beginning ("due to start in
2026"), stays with its own clause; "now" keeps other clauses' periods out. A fiscal year follows the
convention of the article's country (its dateline city, else the country it names most): "fiscal 2026"
of an Australian company is July 2025 to June 2026; where the country is unknown it is the calendar year.

A figure told in the past tense with no period of its own continues one (``inferred``): the period of the
last sentence of its paragraph whose figures have one, else, in a paragraph that names none, the article's
period (that of the lead's figures). Forecasts and what may be, present-tense facts, rates, compared
figures, the size of a set ("one of the two lines"), norms ("the long-term average of 640 mm") and the
figures of another source ("according to ...") continue none; a move of shares or a currency is the day's.
Tense places a period written without a year: "rose 9.8% in July" in a March article is last July, "could
fall to 30% by the end of September" this one. "The first nine months of the year", "June, July and
August" are one period; "the month" and "the year" are the ones the text is about.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from spacy.tokens import Doc, Span

from factex.claim import Claim
from factex.extensions import doc_text
from factex.time import TimeExpr
from factex.time.lexicon import (
    COUNTRY_NAMES,
    DATELINE_CITIES,
    FISCAL_YEARS,
    MARKET_MEASURES,
    MARKET_WORDS,
    FiscalYear,
    parse_number,
)

# "the largest ... in the past decade", "the third time in the past decade": how far back a record reaches
_RECORD_IN = re.compile(
    r"(?i:\b(?:\w+est|most|least|first|second|third|fourth|fifth|time|times)\b[^.;,]{0,40}\b(?:in|over|of)\s+$)"
)
# a clause that describes the period just named: "from 2008, when the company lost $15 billion"
_WHEN = re.compile(r"(?i:\s*when\b)")
# a duration of something that happened then: "halted traffic for nearly six hours"
_FOR = re.compile(
    r"(?i:\bfor\s+(?:about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|some\s+|a\s+combined\s+|"
    r"a\s+total\s+of\s+|another\s+|a\s+further\s+|an\s+additional\s+)?$)"
)
# "closed the runways for 31 hours in the first half of 2025": the stretch the duration adds up over
_DURING = re.compile(r"(?i:\s+(?:in|during|over|across|throughout)\s+)")
# a comma inside "32,501" and a dash inside "5\u20137 %" or "2013\u20132023" do not break a clause
_SEGMENT_BREAK = re.compile(r"[;:()\u2014]|,(?!\d{3}(?!\d))|\s[-\u2013]\s")
_SINCE = re.compile(r"(?i:\bsince\b)")
_CONSECUTIVE = re.compile(r"(?i:consecutive|straight|successive|running|in a row)")
_PRESENT_TAGS = {"VBZ", "VBP"}
# "up 7.8 percent from 2024", "higher than in 2023", "compared with a year earlier": a baseline, not the period
_BASELINE_BEFORE = re.compile(
    r"(?i:\b(?P<word>from|than|compared\s+(?:with|to)|versus|vs\.?|against|over|as\s+\w+\s+as|as|on)\s+"
    r"(?:(?:the|a|in|at|its)\s+){0,2}"
    r"(?:(?:in\s+)?the\s+same\s+(?:period|month|quarter|week|season|time)\s+(?:of|in)\s+)?$)"
)
# markers that make a baseline only of a relative period ("as a year earlier", "up 5% on a year earlier")
# "more than a year before" read as one expression after a figure ("C$95 more than a year before")
_THAN_INSIDE = re.compile(r"(?i:(?:more|less|fewer|higher|lower|bigger|smaller|larger)\s+than\s)")
_FIGURE_BEFORE = re.compile(r"\d[^\d,;.]{0,20}$")
_RELATIVE_ONLY_MARKERS = frozenset({"as", "on"})
_AS_EARLY_AS = re.compile(r"as\s+(?:early|soon|late|recently)\s+as")
# "up from 62 bushels per acre in 2024", "than the 3.4 percent drop recorded in 2023": the compared figure
_COMPARED_WORDS = r"than|compared\s+(?:with|to)|versus|vs\.|against"
_COMPARISON = re.compile(rf"(?i:\b(?:from|{_COMPARED_WORDS})\s)")
# what a figure's period after it in another clause may not lie beyond
_CROSSED = re.compile(rf"[:;]|(?i:\b(?:{_COMPARED_WORDS})\s)")
# "more than 100 countries": an approximation, not a comparison
_APPROX_THAN = re.compile(r"(?i:\b(?:more|less|fewer|greater|higher|lower|rather|other)\s+than\s+$)")
# "than the Office for Budget Responsibility forecast in the spring": when a forecast was made
_FORECAST_BASE = re.compile(
    r"(?i:\bthan\s+(?:the|a|an|its|their|his|her)\s+[^\d,;.]{0,50}?\b(?:forecast|forecasted|expected|predicted|"
    r"projected|estimated|budgeted|planned|assumed)\s+(?:\w+\s+)?$)"
)
# "the lowest since 2021", "the first time since 1975": how far back a record reaches
_RECORD_SINCE = re.compile(
    r"(?i:\b(?:lowest|highest|most|least|biggest|largest|smallest|fastest|slowest|first|best|worst|weakest|"
    r"strongest|level|time|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b"
    r"[^.;]{0,20}\bsince\s+(?:(?:the|late|early|mid)\s+)?$)"
)
# "a year earlier", "two months ago", "the previous year": a period counted back from another
_RELATIVE = re.compile(
    r"(?i:\b(?:(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?P<unit>day|week|month|quarter|year)s?"
    r"\s+(?P<dir>earlier|ago|before|previously)|(?:the\s+)?(?:previous|prior|preceding)\s+(?P<unit2>month|quarter|year))\b)"
)
# "a decade ago", "the previous year": a period before another; with a comparison word before it in its
# clause ("more than three times the size of an average farm half a century ago") it is a baseline
_BEFORE_TEXT = re.compile(r"(?i:\b(?:earlier|ago|before|previous|prior|preceding)\b)")
_ANY_COMPARISON = re.compile(r"(?i:\b(?:than|compared|against|versus|vs\.)\b)")
# what may stand between a comparison word and the compared figure: "from about", "than the", "double the"
_COMPARED_GAP = re.compile(
    r"(?i:\s*(?:(?:the|a|an|its|their|his|her|about|around|roughly|some|nearly|almost|just|only|estimated|double|"
    r"twice|triple|half|times|of)\s+)*)"
)
_CLAUSE_OPEN = re.compile(r"[;:()\u2014]|,(?!\d{3}(?!\d))|\s[-\u2013]\s|[.!?]\s")
# "less than half the July peak", "double the 520,000 made in 2022": a figure measured against another
_RATIO_OF = re.compile(r"(?i:\s+(?:of\s+)?(?:the|its|their|that|a|an)\b)")
_RATIO_WORDS = re.compile(
    r"(?i:^(?:a\s+|one\s+|two\s+)?(?:half|third|thirds|quarter|quarters|fifth|fifths|double|triple|twice|thrice)$"
    r"|\btimes$)"
)
_RANGE_TO = re.compile(r"(?i:\s(?:to|and)\s)")
_BY = re.compile(r"(?i:\bby\s+$)")
_DEMONSTRATIVE = frozenset({"those", "these", "that", "this"})
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12}
# "the past three months", "the previous five years": whole units before the current one
_PAST_SPAN = re.compile(r"(?i:\b(?:past|last|previous|preceding)\b)")
_PAST_SPAN_VALUE = re.compile(r"P(\d+)([MY])")
# "On a typical Friday": no particular day
_GENERIC_BEFORE = re.compile(
    r"(?i:\b(?:an?\s+(?:typical|normal|usual|average|given|regular|single)|any|every|each)\s+$)"
)
# "May and June", "between 2013 and 2023", "December through February": one period
_JOIN = re.compile(r"(?i:\s*(?:and|to|through|until|-|\u2013|\u2014)\s*)")
_RANGE_LINK = re.compile(r"(?i:(?:\s+(?:to|through|until)\s+|\s*[-\u2013]\s*)(?=\w))")
# "the first nine months" of "the first nine months of the year"
_FIRST_MONTHS = re.compile(r"(?i:(?:the\s+)?(?P<which>first|last|final)\s+(?P<n>\w+)\s+months)")
_OF = re.compile(r"\s+of\s+")
# a period named by the calendar without a year, whose year the tense of its clause may move
_CALENDAR_GRANS = frozenset({"day", "time", "month", "quarter", "half", "season", "period"})
_CALENDAR_RULES = frozenset({"date.month", "date.month-day", "date.day-month", "date.and-day", "quarter.ordinal",
                             "quarter.q", "quarter.month-named", "half.ordinal", "half.h", "range.months",
                             "range.days", "season.prep"})
_NONFINITE_DEPS = frozenset({"advcl", "xcomp", "acl"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_FUTURE_MODALS = frozenset({"will", "would", "could", "may", "might", "shall", "'ll", "\u2019ll"})
# periods a later figure does not continue: a compared figure's, the article date of a present-tense fact
_NOT_CONTINUED = frozenset({"time.compared-figure", "time.present-tense", "time.market-day"})
# "40 million passengers a year", "120 megalitres a day": a rate, often a capacity
_RATE_UNIT = re.compile(r"/(?:year|month|week|day|hour)$")
# "Across the euro area, by comparison, ...": figures given to compare with, of their own period
_BY_COMPARISON = re.compile(r"(?i:\b(?:by|in)\s+(?:comparison|contrast)\b)")
# figures of another report than the lead's: "according to the board", "State figures released earlier showed"
_OTHER_SOURCE = re.compile(
    r"(?i:\baccording\s+to\b|\b(?:figures|data|statistics|numbers|survey|surveys|study|poll|estimates)\b"
    r"[^.;]{0,40}?\b(?:show|shows|showed|suggest|suggests|suggested|indicate|indicates|indicated)\b)"
)
# "one of the two processing lines", "six of nine subsectors": the size of the set a part is taken from
_PART_OF = re.compile(
    r"(?i:\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|some|most|all|each|"
    r"many|several|none|both|half|any|\w+est|most|least)\s+of\s+(?:the\s+|its\s+|their\s+|all\s+|"
    r"[A-Z][\w.-]*(?:'s|\u2019s)\s+)?$)"
)
# "the long-term average of 640 mm": a norm over many years, of no period
_NORM_OF = re.compile(
    r"(?i:\b(?:long-term|long-run|longer-term|historical|historic|multi-year|\d+-year|normal|usual)\s+"
    r"(?:average|mean|median|norm)\s+(?:of\s+)?(?:about\s+|around\s+|roughly\s+|some\s+)?$)"
)
_NORM_WORDS = ("average", "mean", "median", "norm")
# "than the 0.5 percent gain economists had forecast": a forecast of the figure it is compared with
_THAN = re.compile(r"(?i:\bthan\s)")
_FORECAST_AFTER = re.compile(
    r"(?i:[^,;.\d]{0,40}?\b(?:forecast|forecasted|expected|predicted|projected|anticipated|estimated|"
    r"pencilled\s+in|penciled\s+in)\b)"
)
_ENDED_WELL_BEFORE = dt.timedelta(days=45)
_LIST_SEP = re.compile(r"(?i:\s*,\s*(?:and\s+)?|\s+and\s+)")
_JOINABLE = frozenset({"month", "quarter", "year", "day"})
# "the trailing "-26" of "2025-26"
_TWO_DIGITS = re.compile(r"\d{2}")
_FOUR_DIGITS = re.compile(r"\d{4}")
# "the year", "the end of the year": the year in focus; "the first quarter": a part of it
_THE_YEAR = re.compile(r"(?i:\bthe\s+(?:(?:financial|fiscal)\s+)?year$)")
_THE_MONTH = re.compile(r"(?i:\bthe\s+month$)")
_ORDINAL_PART = frozenset({"quarter.ordinal", "half.ordinal"})
_INTERVAL_DURATIONS = frozenset({"dur.rel-num", "dur.past-decade"})
_RANGE_SPLIT_YEAR = re.compile(r"\d{4}[-\u2013/]\d{2}")
# "its low of 3.4%", "a record of 12 million": an extreme reached at some earlier time
_EXTREME_OF = re.compile(
    r"(?i:\b(?:low|high|peak|trough|record|lows|highs)\s+of\s+(?:about\s+|around\s+|roughly\s+)?$)"
)
# "That puts ...", "This is ...": a sentence that continues the one before, not a statement about today
_BACK_REFERENCE = frozenset({"that", "this"})
# "are forecast at", "is expected to": a forecast, not a fact of the article date
_FORECAST_VERBS = frozenset({"forecast", "expect", "project", "predict", "estimate", "anticipate", "plan", "budget",
                             "target"})
# the end of a sentence inside a paragraph
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z])")
# "the twelve months to April", "the week ending February 28": a period running back from a date
_TRAILING = re.compile(
    r"(?i:\b(?:the\s+|a\s+)?(?:(?P<n>\d+|[a-z]+)[\s-]+)?(?P<unit>year|month|week)s?\s+"
    r"(?:to|ending|ended|through|before|preceding|leading\s+up\s+to)\s+$)"
)
# "2025-26", "2029/30": the second year of a split year
_SPLIT_YEAR = re.compile(r"[-\u2013/](\d{2})(?!\d)")
_WHOLE_PARTS = {3: "quarter", 6: "half", 12: "year"}  # months -> the calendar part they make up
_TRAILING_UNITS = ("year", "month", "week")  # one of them is in every match of _TRAILING
_TRAILING_LINK = re.compile(r"(?i:\s+(?:to|ending|ended|through)\s+)")
# "the report released on Thursday", "the bureau said on Tuesday": when it was said, not what it is about
_REPORTING_VERBS = {"say", "report", "release", "publish", "announce", "tell", "show", "issue", "state", "add",
                    "note", "estimate", "disclose", "confirm", "present", "unveil", "post"}
_NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl"})
# "the March 17-18 meeting": a date that names an event, not the period of the sentence's figures
_EVENT_DEPS = frozenset({"compound", "nmod", "amod", "npadvmod"})
_EVENT_GRANS = frozenset({"day", "time"})

# "PERTH \u2014 ...", "BOGOT\u00c1, Colombia \u2014 ...": the city (and country) a story is filed from
_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Za-z\u00c0-\u00ff.' ]{1,30}?)(?:,\s*(?P<country>[A-Z][A-Za-z.' ]{1,30}?))?"
    r"(?:\s*\([^)\n]{1,30}\))?\s*(?:\u2014|\u2013|--|-)\s"
)
_COUNTRY_NAME = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in sorted(COUNTRY_NAMES, key=len, reverse=True)) + r")(?![\w$])"
)
# what marks a government's budget year rather than a company's ("Government borrowing in ...")
_GOVERNMENT = re.compile(
    r"(?i:\b(?:government|federal|congress|treasury|parliament|ministry|ministries|public\s+sector|state\s+budget|"
    r"chancellor|finance\s+minister)\b)"
)
_FISCAL_WORD = re.compile(r"(?i:\b(?:fiscal|financial)\s+year\b)")
_CALENDAR_YEAR = FiscalYear(1, 1)
# "has set aside 45 million over three years": the stretch ahead of the article date it is spread over
_SPREAD_OVER = re.compile(r"(?i:\s+(?P<span>(?:over|across|within)\s+(?P<n>\w+)\s+(?P<unit>year|month)s?)\b)")
# "6.9 percent more than in the same period of 2024": the year of a period named elsewhere
_SAME_PERIOD = re.compile(r"(?i:\bsame\s+\w+\s+(?:of|in|last)\s+$)")
# the start of a clause that compares the figure before it: ", down from 78.9% in 2024"
_COMPARING_CLAUSE = re.compile(
    r"(?i:\s*(?:and\s+)?(?:up|down|rising|falling|climbing|dropping|higher|lower|compared|against|versus|from|"
    r"an?\s+(?:increase|rise|decrease|decline|drop|fall|gain|jump)\s+(?:of|from))\b)"
)
# "now", "currently": a clause about the article date
_NOW_WORDS = frozenset({"now", "currently", "presently", "at present", "nowadays"})
# verbs whose period dates a beginning, not the figures of the clauses after it ("due to start in 2026,
# take five years and raise capacity by half")
_START_VERBS = frozenset({"start", "begin", "commence", "open", "launch"})
# the marks of a clause that gives a cause or a concession ("because a freeze ended in the final quarter")
# "9.5% and chocolate 14.2%": from a figure to the next one of a list whose verb is left out
_ELLIPSIS_GAP = re.compile(r"(?:,\s*|\s+)(?:and|while|but)\s+[^\d,;:.]{1,30}")
_REASON_MARKS = frozenset({"because", "although", "though", "whereas"})

Interval = tuple[str, str, str | None]  # first day, last day (ISO), granularity
# where a period hangs in the parse: root index, first verb above, relative clauses, clauses of a cause
_Links = tuple[int, Any, list[tuple[int, int, int]], list[tuple[int, int]]]


def _anchorable(expr: TimeExpr) -> bool:
    resolved = expr.interval_start is not None or expr.interval_end is not None
    if expr.type == "DURATION":
        # "the past three months", "2013-2023": a duration that names a stretch of the calendar
        closed = expr.interval_start is not None and expr.interval_end is not None
        named = expr.rule in _INTERVAL_DURATIONS or expr.rule.startswith("range.")
        return closed and named and not _RANGE_SPLIT_YEAR.fullmatch(expr.text)
    return expr.type in ("DATE", "TIME") and (resolved or expr.unresolved is not None)


def _month_of(expr: TimeExpr) -> int | None:
    """The month (1-12) of a month written without a year ("July"), else None."""
    if (expr.rule != "date.month" or expr.granularity != "month" or _FOUR_DIGITS.search(expr.text)
            or not expr.interval_start or not expr.interval_end or expr.interval_start[:7] != expr.interval_end[:7]):
        return None
    return int(expr.interval_start[5:7])


def _norm_before(text: str, pos: int) -> bool:
    """True for a figure after "the long-term average of" (the words looked for before the pattern)."""
    before = text[max(0, pos - 40) : pos].lower()
    return any(w in before for w in _NORM_WORDS) and _NORM_OF.search(text, max(0, pos - 40), pos) is not None


def _direct_baseline(text: str, expr: TimeExpr) -> str:
    """"compare" for the period a figure is compared with ("from 2024"), "record" for "since" of a record."""
    before = text[max(0, expr.start - 40) : expr.start]
    if "since" in before.lower() and _RECORD_SINCE.search(before):
        return "record"
    if _THAN_INSIDE.match(expr.text) and _FIGURE_BEFORE.search(before):
        return "compare"  # "some C$95 more than a year before": the comparison is inside the expression
    m = _BASELINE_BEFORE.search(before)
    if m is not None:
        word = m.group("word").lower()
        relative = bool(_RELATIVE.search(expr.text))
        if _AS_EARLY_AS.fullmatch(word):
            return ""  # "as early as March": by then, no comparison
        if word in _RELATIVE_ONLY_MARKERS and not relative:
            return ""
        if word == "over" and (expr.type != "DATE" or (expr.text.lower().startswith("the ") and not relative)):
            return ""  # "over the year", "over the past three months": the period itself
        if word == "from" and not relative and (_RANGE_LINK.match(text, expr.end) or _RANGE_LINK.search(expr.text)):
            return ""  # "from January to March": a range
        return "compare"
    if "than" in text[max(0, expr.start - 90) : expr.start].lower() and _FORECAST_BASE.search(
        text, max(0, expr.start - 90), expr.start
    ):
        return "compare"
    if expr.type == "DURATION" and _RECORD_IN.search(text, max(0, expr.start - 60), expr.start):
        return "record"
    if _BEFORE_TEXT.search(expr.text):
        opened = 0
        for opened_at in _CLAUSE_OPEN.finditer(text, max(0, expr.start - 120), expr.start):
            opened = opened_at.end()
        if _ANY_COMPARISON.search(text, max(opened, expr.start - 120), expr.start):
            return "compare"
    return ""


def _reporting_time(syntax: _Syntax, expr: TimeExpr) -> bool:
    """True for the day a statement was made ("said on Thursday") rather than the period it describes.

    The first verb above the expression decides; a verb of a clause that describes a noun ("figures
    released at a press conference that began at 10 a.m.") hands on to the verb above that noun.
    """
    if expr.granularity not in ("day", "time"):
        return False
    span = syntax.span(expr.start, expr.end)
    if span is None:
        return False
    tok, described = span.root, False
    for _ in range(8):
        if tok.head is tok:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            if tok.lemma_.lower() in _REPORTING_VERBS:
                # past a clause that describes a noun, only a source of the same kind counts
                return not described or tok.dep_ in _NOUN_CLAUSE_DEPS
            if tok.dep_ not in _NOUN_CLAUSE_DEPS:
                return False
            described = True
    return False


def _event_date(syntax: _Syntax, expr: TimeExpr) -> bool:
    """True for a day that names an event inside a noun phrase ("the March 17-18 meeting")."""
    if expr.granularity not in _EVENT_GRANS:
        return False
    span = syntax.span(expr.start, expr.end)
    if span is None:
        return False
    root = span.root
    head = root.head
    return (
        root.dep_ in _EVENT_DEPS
        and head.i > span.end - 1
        and head.pos_ == "NOUN"
        and head.ent_type_ not in ("DATE", "TIME")
        and head.idx >= expr.end
        and head.dep_ == "pobj"  # "at the March 17-18 meeting"; not "The Friday explosions killed 110 people"
    )


def _segments(text: str, start: int, end: int, keep: Sequence[TimeExpr] = ()) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` (a sentence) into clause-like stretches at commas, semicolons, dashes.

    A break inside a time expression ("August 20, 2024") does not count.
    """
    bounds = [start]
    for m in _SEGMENT_BREAK.finditer(text, start, end):
        if not any(t.start <= m.start() < t.end for t in keep):
            bounds.append(m.end())
    bounds.append(end)
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _segment_of(segments: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s in segments:
        if s[0] <= pos < s[1]:
            return s
    return segments[-1]


def _clause_verb(span: Span | None) -> Any:
    """The verb (or auxiliary) that governs a span, or None."""
    if span is None:
        return None
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            break
        head = tok.head
        if head is tok:
            break
        tok = head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _same_token(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a.i == b.i


def _will(verb: Any) -> bool:
    """True for a verb of what will or may be ("would add", "could hold"); not "would have risen"."""
    if verb is None:
        return False
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a in _FUTURE_MODALS for a in aux) and "have" not in aux


class _Syntax:
    """The parse of one article as anchoring reads it: each span, clause verb and verb's tags found once.

    Many claims share a sentence and its time expressions, so the same spans and verbs are asked for
    again and again; the answers are kept by character offsets and token index.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._spans: dict[tuple[int, int], Span | None] = {}
        self._verbs: dict[tuple[int, int], Any] = {}
        self._tags: dict[int, frozenset[str]] = {}
        self._back: dict[int, bool] = {}
        self._figures: dict[tuple[int, int], tuple[int, int, list[tuple[int, int]]]] = {}
        self._traded: dict[int, bool] = {}
        self._links: dict[tuple[int, int], _Links | None] = {}

    def span(self, start: int, end: int) -> Span | None:
        """The tokens that cover ``start``..``end`` (None where they cannot be found)."""
        key = (start, end)
        if key in self._spans:
            return self._spans[key]
        span = self._spans[key] = self.doc.char_span(start, end, alignment_mode="expand")
        return span

    def verb(self, start: int, end: int) -> Any:
        """The verb (or auxiliary) that governs the span ``start``..``end``, or None."""
        key = (start, end)
        if key in self._verbs:
            return self._verbs[key]
        verb = self._verbs[key] = _clause_verb(self.span(start, end))
        return verb

    def tags(self, verb: Any) -> frozenset[str]:
        """The tags of a verb and its auxiliaries ("VBN" and "VBZ" for "has risen")."""
        tags = self._tags.get(verb.i)
        if tags is None:
            tags = self._tags[verb.i] = frozenset(
                {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
            )
        return tags

    def links(self, start: int, end: int) -> _Links | None:
        """Where a period hangs in the parse (None where it cannot be found).

        Its root's index, the first verb above it, the relative clauses above it (the noun each
        describes, the clause's first and last token), and the clauses of a cause or concession above it
        ("because ...", "although ...": first and last token).
        """
        key = (start, end)
        if key in self._links:
            return self._links[key]
        span = self.span(start, end)
        found = None
        if span is not None:
            root = span.root
            verb, clauses, reasons = None, [], []
            for tok in root.ancestors:
                if verb is None and tok.pos_ in ("VERB", "AUX"):
                    verb = tok
                if tok.dep_ == "relcl":
                    clauses.append((tok.head.i, tok.left_edge.i, tok.right_edge.i))
                elif tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _REASON_MARKS for c in tok.children):
                    reasons.append((tok.left_edge.i, tok.right_edge.i))
            found = (root.i, verb, clauses, reasons)
        self._links[key] = found
        return found

    def figure(self, span: Span) -> tuple[int, int, list[tuple[int, int]]]:
        """Where a figure hangs in the parse.

        Its root's index, the index of the noun it counts, and the first and last token of each relative
        clause of what may be ("which would raise ...") above it.
        """
        key = (span.start, span.end)
        found = self._figures.get(key)
        if found is None:
            mine = span.root
            noun = mine.head if mine.dep_ in ("nummod", "quantmod", "predet", "compound") else mine
            may_be = [(tok.left_edge.i, tok.right_edge.i) for tok in mine.ancestors
                      if tok.dep_ == "relcl" and "MD" in self.tags(tok)]
            found = self._figures[key] = (mine.i, noun.i, may_be)
        return found

    def points_back(self, verb: Any) -> bool:
        """True for a verb whose subject points back at the sentence before ("That puts ...", "This is ...")."""
        back = self._back.get(verb.i)
        if back is None:
            back = self._back[verb.i] = any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _BACK_REFERENCE for c in verb.children
            )
        return back

    def traded(self, verb: Any) -> bool:
        """True for a verb whose subject is a traded instrument ("shares", "sterling") or its measure."""
        traded = self._traded.get(verb.i)
        if traded is None:
            traded = self._traded[verb.i] = any(c.dep_ == "nsubj" and _traded(c) for c in verb.children)
        return traded

    def present(self, verb: Any) -> bool:
        """True when the clause of the verb is in the present tense ("link", "are", "has become")."""
        if verb is None:
            return False
        tags = self.tags(verb)
        return bool(tags & _PRESENT_TAGS) and "MD" not in tags and "VBD" not in tags

    def states_today(self, verb: Any) -> bool:
        """True for a present-tense statement about the article date.

        Not a forecast ("are forecast at"), not a sentence that points back at the one before ("That puts
        ...", "This is ...").
        """
        if not self.present(verb):
            return False
        if verb.lemma_.lower() in _FORECAST_VERBS:
            return False
        return not self.points_back(verb)

    def plain_present(self, verb: Any) -> bool:
        """True for a verb in the simple present, active or passive ("accounts", "is limited"); not "has risen"."""
        tags = self.tags(verb)
        if not tags & _PRESENT_TAGS or tags & {"VBD", "MD"}:
            return False
        return "VBN" not in tags or not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)

    def past(self, verb: Any) -> bool:
        """True when the verb is in the simple past ("halted", "was")."""
        if verb is None:
            return False
        tags = self.tags(verb)
        return "VBD" in tags and "MD" not in tags

    def governing(self, verb: Any) -> Any:
        """The finite verb a clause (given by its verb) hangs on.

        Past a participle clause to the verb it hangs on: "made" for "running at about 73% of its capacity"
        in "made 219,000 vehicles ..., running at about 73% of its capacity".
        """
        for _ in range(3):
            if (verb is None or verb.dep_ not in _NONFINITE_DEPS or self.tags(verb) & _FINITE_TAGS
                    or verb.head is verb or verb.head.pos_ not in ("VERB", "AUX")):
                break
            verb = verb.head
        return verb

    def hedged(self, verb: Any) -> bool:
        """True for a verb of what may be or is only expected.

        A modal on it or on the verb it is joined to ("could cost ... and put 4,000 jobs at risk"), or a
        forecast verb above a verb not in the past tense ("expects inflation to average 2.8%").
        """
        tok = verb
        for _ in range(6):
            if "MD" in self.tags(tok) or (tok is not verb and tok.lemma_.lower() in _FORECAST_VERBS
                                          and not self.past(verb)):
                return True  # "estimates that energy added 0.9 point" tells of what was, not what may be
            if tok.dep_ not in ("conj", "ccomp", "xcomp", "advcl") or tok.head is tok:
                return False
            tok = tok.head
        return False


def _calendar_name(expr: TimeExpr) -> bool:
    """True for a period named by the calendar without a year ("July", "the third quarter", "March 26")."""
    return not _FOUR_DIGITS.search(expr.text) and (expr.granularity in ("day", "time") or expr.rule in _CALENDAR_RULES)


def _time_dict(expr: TimeExpr, rule: str, *, start: str | None = None, end: str | None = None,
               inferred: bool = False, granularity: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": expr.text,
        "start": start if start is not None else expr.interval_start,
        "end": end if end is not None else expr.interval_end,
        "granularity": granularity if granularity is not None else expr.granularity,
        "offsets": [expr.start, expr.end],
        "rule": rule,
    }
    if inferred:
        out["inferred"] = True
    if expr.unresolved:
        out["unresolved"] = expr.unresolved
    return out


# ---------------------------------------------------------------- calendar arithmetic


def _add_months(day: dt.date, months: int, *, month_end: bool = False) -> dt.date:
    """Move a date by whole months (to the month's last day with ``month_end``, else clipped)."""
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(y, m + 1)[1]
    return dt.date(y, m + 1, last if month_end else min(day.day, last))


def _is_month_end(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _shift(period: Interval, unit: str, n: int) -> Interval:
    """Move a period by ``n`` days, weeks, months, quarters or years (negative goes back)."""
    start, end = dt.date.fromisoformat(period[0]), dt.date.fromisoformat(period[1])
    if unit in ("day", "week"):
        days = dt.timedelta(days=n * (7 if unit == "week" else 1))
        return (start + days).isoformat(), (end + days).isoformat(), period[2]
    months = _UNIT_MONTHS[unit] * n
    return (
        _add_months(start, months).isoformat(),
        _add_months(end, months, month_end=_is_month_end(end)).isoformat(),
        period[2],
    )


def _whole_units_before(dct: dt.date, value: str) -> Interval | None:
    """"The past three months" in a March 6 article: December..February (whole months before this one)."""
    m = _PAST_SPAN_VALUE.fullmatch(value)
    if m is None:
        return None
    n = int(m.group(1))
    if m.group(2) == "Y":
        return f"{dct.year - n}-01-01", f"{dct.year - 1}-12-31", "period"
    first = _add_months(dct.replace(day=1), -n)
    last = dct.replace(day=1) - dt.timedelta(days=1)
    return first.isoformat(), last.isoformat(), "period"


def _with_interval(expr: TimeExpr, period: Interval) -> TimeExpr:
    return replace(expr, interval_start=period[0], interval_end=period[1], granularity=period[2])


# ---------------------------------------------------------------- the article's time expressions


@dataclass(slots=True)
class _Place:
    """Where a claim stands: its sentence (clipped at blank lines), clause stretches and own clause."""

    start: int
    end: int
    segments: list[tuple[int, int]]
    seg: tuple[int, int]
    openers: list[tuple[int, int]]  # the stretches that open the sentence or its part after a semicolon


class _Times:
    """The time expressions of one article, sorted out for anchoring claims."""

    def __init__(self, doc: Doc, text: str, claims: Sequence[Claim], times: Sequence[TimeExpr],
                 dct: dt.date | None) -> None:
        self.doc, self.text, self.dct, self.claims = doc, text, dct, claims
        self.syntax = _Syntax(doc)
        self.body = _headline_end(text)  # where the article's body starts, after its headline
        self._lead_ends_at: int | None = None
        cands = [t for t in times if _anchorable(t)]
        ranges = [t for t in cands if t.type == "DURATION" and t.rule.startswith("range.")]
        cands = [t for t in cands if t in ranges or not any(r.start <= t.start < r.end for r in ranges)]
        self.presents = [t for t in times if t.value == "PRESENT_REF"]
        kept = [
            t for t in cands
            if not _reporting_time(self.syntax, t) and not _event_date(self.syntax, t)
            and not _GENERIC_BEFORE.search(text, max(0, t.start - 20), t.start)
            and not _dateline(text, t)
        ]
        self.anchors = self._joined(sorted(kept, key=lambda t: (t.start, -t.end)))
        self.durations = [t for t in times if t.type == "DURATION"]
        self.baseline: dict[tuple[int, int], str] = {}
        for t in self.anchors:
            kind = _direct_baseline(text, t)
            if kind:
                self.baseline[(t.start, t.end)] = kind
        self._segments: dict[tuple[int, int], tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
        self.places = [self._place(c) for c in claims]
        self.compared: dict[int, TimeExpr] = {}
        for index, (claim, place) in enumerate(zip(claims, self.places, strict=True)):
            base = self._compared_with(claim, place)
            if base is not None:
                self.compared[index] = base
                self.baseline.setdefault((base.start, base.end), "compare")
        self.focus: TimeExpr | None = None
        self._fiscal_year: FiscalYear | None = None
        self.done: list[tuple[int, dict[str, Any] | None]] = []  # (mention start, time) of claims anchored so far
        self._resolve()

    # -- building --------------------------------------------------------------------------------
    def _month_runs(self, anchors: list[TimeExpr]) -> list[TimeExpr]:
        """Join a list of months that follow each other ("June, July and August") into one period.

        Months written without a year are placed by the last one: "December, January and February" runs
        from the December before that February.
        """
        out: list[TimeExpr] = []
        run: list[TimeExpr] = []

        def flush() -> None:
            if len(run) < 2:
                out.extend(run)
            else:
                first, last = run[0], run[-1]
                end = dt.date.fromisoformat(last.interval_end or "")
                month = _month_of(first) or 1
                start = dt.date(end.year - (1 if month > end.month else 0), month, 1)
                out.append(replace(first, text=self.text[first.start : last.end], end=last.end,
                                   interval_start=start.isoformat(), interval_end=last.interval_end,
                                   granularity="period"))
            run.clear()

        for t in anchors:
            month = _month_of(t)
            prev = run[-1] if run else None
            if (month is not None and prev is not None and _LIST_SEP.fullmatch(self.text, prev.end, t.start)
                    and (_month_of(prev) or 0) % 12 + 1 == month):
                run.append(t)
                continue
            flush()
            if month is not None:
                run.append(t)
            else:
                out.append(t)
        flush()
        return out

    def _joined(self, anchors: list[TimeExpr]) -> list[TimeExpr]:
        """Join "May and June", "June, July and August", "between 2013 and 2023" into one period."""
        out: list[TimeExpr] = []
        for t in self._month_runs(anchors):
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.granularity == t.granularity
                and t.granularity in _JOINABLE
                and _JOIN.fullmatch(self.text, prev.end, t.start)
                and not _TWO_DIGITS.fullmatch(t.text)
                and prev.interval_start and t.interval_end and prev.interval_start < t.interval_end
            ):
                out[-1] = replace(prev, text=self.text[prev.start : t.end], end=t.end,
                                  interval_end=t.interval_end, granularity="period")
                continue
            out.append(t)
        return out

    def _place(self, claim: Claim) -> _Place:
        text = self.text
        s_start, s_end = claim.sentence
        # a sentence never runs over a blank line (the parser may join a headline to the lead)
        if (brk := text.rfind("\n\n", s_start, claim.mention.start)) >= 0:
            s_start = max(s_start, brk + 2)
        if (brk := text.find("\n\n", claim.mention.end, s_end)) >= 0:
            s_end = brk
        found = self._segments.get((s_start, s_end))
        if found is None:  # claims mostly share their sentence with others
            in_sentence = [t for t in self.anchors if s_start <= t.start < s_end]
            segments = _segments(text, s_start, s_end, in_sentence)
            openers = [s for s, prev in zip(segments, [None, *segments], strict=False)
                       if prev is None or text[prev[1] - 1] == ";"]
            found = self._segments[(s_start, s_end)] = (segments, openers)
        segments, openers = found
        return _Place(s_start, s_end, segments, _segment_of(segments, claim.mention.start), openers)

    def _in_sentence(self, place: _Place) -> list[TimeExpr]:
        """The periods (as settled) of the sentence a claim stands in, found once for all its claims."""
        key = (place.start, place.end)
        found = self._sentences.get(key)
        if found is None:
            found = self._sentences[key] = [t for t in self.anchors if place.start <= t.start < place.end]
        return found

    def _compared_with(self, claim: Claim, place: _Place) -> TimeExpr | None:
        """The period of a compared figure: "up from 62 bushels per acre in 2024" gives the 62 its 2024."""
        text, seg = self.text, place.seg
        start, end = claim.mention.start, claim.mention.end
        marker = None
        for m in _COMPARISON.finditer(text, seg[0], start):
            marker = m
        if marker is None or not _COMPARED_GAP.fullmatch(text, marker.end(), start) or _APPROX_THAN.search(
            text, seg[0], start
        ):
            return None
        after = next((t for t in self.anchors if end <= t.start < seg[1]), None)
        between = text[end : after.start] if after is not None else ""
        if (after is None or len(between) > 60 or _COMPARISON.search(between)
                or any(ch.isdigit() for ch in between) or _RANGE_TO.search(between)):
            return None
        if _SINCE.search(text, max(0, after.start - 12), after.start):
            return None  # "larger than 1 trillion yuan since 2019": a threshold held since then
        return after

    def _resolve(self) -> None:
        """Settle each period once per article.

        In order: whole units for "the past three months", the article's period, the year in focus for
        "the year" and "the first quarter", then the periods counted back from another ("a year earlier").
        """
        dct = self.dct
        fixed: list[TimeExpr] = []
        for t in self.anchors:
            if (t.type == "DURATION" and t.rule == "dur.rel-num" and dct and _PAST_SPAN.search(t.text)
                    and not _FOUR_DIGITS.search(t.text)):
                period = _whole_units_before(dct, t.value)
                if period is not None:
                    t = _with_interval(t, period)
            fixed.append(t)
        self.anchors = [self._before_compared(self._fiscal(t), fixed) for t in fixed]
        self.focus = self._lead_period()
        self.anchors = self._part_of_year([self._in_focus_year(t) for t in self.anchors])
        self.anchors = [self._counted_back(t) for t in self.anchors]
        if self.focus is not None and _RELATIVE.search(self.focus.text):
            self.focus = next((t for t in self.anchors if t.start == self.focus.start), self.focus)
        self._by_span = {(t.start, t.end): t for t in self.anchors}
        self._sentences: dict[tuple[int, int], list[TimeExpr]] = {}
        self._openings: dict[tuple[int, int], TimeExpr | None] = {}
        self._starts = [t.start for t in self.anchors]
        self._in_order = all(a <= b for a, b in pairwise(self._starts))
        self._sources: dict[tuple[int, int], bool] = {}
        self._refines: dict[tuple[int, str, tuple[int, int], int], dict[str, Any]] = {}
        self._pointing: dict[tuple[int, int], bool] = {}
        self._tenses: dict[tuple[int, int], bool] = {}
        self.compared = {i: self._by_span.get((t.start, t.end), t) for i, t in self.compared.items()}

    def _before_compared(self, t: TimeExpr, anchors: list[TimeExpr]) -> TimeExpr:
        """A month compared with, written without a year, comes before the month of the sentence's figures.

        "August was the busiest month, 2.5 times as many as in January" in a February article: last January.
        """
        if (t.rule != "date.month" or not t.interval_start or not t.interval_end or _FOUR_DIGITS.search(t.text)
                or self.baseline.get((t.start, t.end)) != "compare"):
            return t
        s_start, s_end = self._sentence_of(t.start)
        months = [a for a in anchors if s_start <= a.start < s_end and a.granularity == "month" and a.interval_end
                  and (a.start, a.end) not in self.baseline]
        if months and all(a.interval_end < (t.interval_start or "") for a in months):
            return _with_interval(t, _shift((t.interval_start, t.interval_end, t.granularity), "year", -1))
        return t

    def _convention(self) -> FiscalYear:
        """The fiscal-year convention of the article's country (the calendar year where unknown)."""
        if self._fiscal_year is None:
            self._fiscal_year = FISCAL_YEARS.get(_article_country(self.text) or "", _CALENDAR_YEAR)
        return self._fiscal_year

    def _split_month(self) -> int:
        """The first month of a year written "2025-26": the government's, else April (UK, India, Canada)."""
        government = self._convention().government
        return government if government != 1 else 4

    def _fiscal(self, t: TimeExpr) -> TimeExpr:
        """A fiscal year in the convention of the article's country.

        "Fiscal 2026" of an Australian company runs from July 2025 to June 2026, of an Indian one from
        April 2025; "this fiscal year" is the one the article date falls in; "2025-26" starts in the
        government's month (April where the country's is January). Elsewhere a single fiscal year is the
        calendar year: American and European companies pick their own.
        """
        if t.rule.startswith("fiscal."):
            if t.value.startswith("FY") and t.value[2:].isdigit():
                first, month = int(t.value[2:]), self._split_month()
            elif t.value[:4].isdigit():
                convention = self._convention()
                month = self._fiscal_month(t, convention)
                if month == 1:
                    return t
                year = int(t.value[:4])
                first = year if convention.by_start else year - 1
            else:
                return t
        elif (t.rule == "rel.unit" and t.granularity == "year" and self.dct is not None and t.interval_start
              and _FISCAL_WORD.search(t.text)):
            month = self._fiscal_month(t, self._convention())
            if month == 1:
                return t
            offset = int(t.interval_start[:4]) - self.dct.year
            first = (self.dct.year if self.dct.month >= month else self.dct.year - 1) + offset
        else:
            return t
        start = dt.date(first, month, 1)
        end = (_add_months(start, 12) - dt.timedelta(days=1)).isoformat()
        if t.interval_end and not t.interval_end.endswith("-12-31"):
            end = t.interval_end  # "so far this fiscal year": up to the article date
        return replace(t, interval_start=start.isoformat() if t.interval_start else None,
                       interval_end=end if t.interval_end else None, granularity="year")

    def _fiscal_month(self, t: TimeExpr, convention: FiscalYear) -> int:
        """The first month of the fiscal year ``t`` names: the government's in a sentence about it."""
        s_start, s_end = self._sentence_of(t.start)
        return convention.government if _GOVERNMENT.search(self.text, s_start, s_end) else convention.companies

    def _lead_period(self) -> TimeExpr | None:
        """The period of the article's lead sentence (the first after the headline): what it is about."""
        body, lead_end = self.body, self._lead_end()
        lead = [t for t in self.anchors if body <= t.start < lead_end and t.interval_start and t.interval_end]
        for t in lead:
            if (t.start, t.end) not in self.baseline and not _RELATIVE.search(t.text):
                # a day only as the end of a period ("the three months to September 30")
                refined = self._refined_expr(t, lead)
                if refined.granularity not in ("day", "time", "week"):
                    return self._told_as_past(t, refined)
        lead = [t for t in lead if t.granularity not in ("day", "time", "week")]
        for t in lead:
            if self.baseline.get((t.start, t.end)) == "compare" and not _RELATIVE.search(t.text):
                forward = self._forward(t)
                if forward is not None:
                    return forward
        return None

    def _told_as_past(self, t: TimeExpr, period: TimeExpr) -> TimeExpr:
        """A lead's period ahead of the article date, written without a year, told in the past tense: last year's.

        "fell by 2.0% in the three months to the end of September" in a December article.
        """
        dct = self.dct
        if (dct is None or not period.interval_start or not period.interval_end
                or period.interval_start <= dct.isoformat() or not _calendar_name(t)):
            return period
        verb = self.syntax.governing(self._verb_of(t))
        if not self.syntax.past(verb):
            return period
        return _with_interval(period, _shift((period.interval_start, period.interval_end, period.granularity),
                                             "year", -1))

    def _refined_expr(self, t: TimeExpr, in_sentence: list[TimeExpr]) -> TimeExpr:
        """The expression with the interval :func:`_refine` gives it (trailing periods, split years)."""
        out = _refine(self.text, None, t, "", in_sentence, (0, len(self.text)), [], self.dct, self._split_month)
        if out.get("start") and out.get("end"):
            return replace(t, interval_start=out["start"], interval_end=out["end"],
                           granularity=out.get("granularity"), rule=out.get("rule") or t.rule)
        return t

    def _forward(self, base: TimeExpr) -> TimeExpr | None:
        """The period a comparison with ``base`` is about: 2025 for "from 2024", if that is not ahead."""
        if not base.interval_start or not base.interval_end:
            return None
        if base.granularity != "year" or _SINCE.search(self.text, max(0, base.start - 12), base.start):
            return None
        period = _shift((base.interval_start, base.interval_end, base.granularity), "year", 1)
        if self.dct is not None and (period[0] > self.dct.isoformat() or period[1] < f"{self.dct.year - 1}-01-01"):
            return None
        return _with_interval(base, period)

    def _year_in_focus(self, pos: int) -> Interval | None:
        """The year the text is about at ``pos``.

        A calendar year the sentence names, else a fiscal year it names, else the article's year (which
        may be a financial year).
        """
        s_start, s_end = self._sentence_of(pos)
        named = [t for t in self.anchors if s_start <= t.start < s_end and t.granularity == "year"
                 and _FOUR_DIGITS.fullmatch(t.text) and (t.start, t.end) not in self.baseline]
        if named and named[-1].interval_start:
            year = named[-1].interval_start[:4]
            return f"{year}-01-01", f"{year}-12-31", "year"
        fiscal = [t for t in self.anchors if s_start <= t.start < s_end and _is_fiscal(t)
                  and (t.start, t.end) not in self.baseline and t.interval_start and t.interval_end]
        if fiscal:
            return fiscal[-1].interval_start or "", fiscal[-1].interval_end or "", fiscal[-1].granularity
        focus = self.focus
        if focus is None or not focus.interval_start or not focus.interval_end:
            return None
        if focus.rule == "time.split-year" or _is_fiscal(focus):
            return focus.interval_start, focus.interval_end, focus.granularity
        if focus.granularity in ("year", "half", "quarter", "month"):
            year = focus.interval_start[:4]
            return f"{year}-01-01", f"{year}-12-31", "year"
        return None

    def _month_in_focus(self, pos: int) -> Interval | None:
        """The month the text is about at ``pos``: the last one its paragraph names before, else the article's.

        A month compared with ("their level of December 2019") is not one the text is about.
        """
        para = self.text.rfind("\n", 0, pos) + 1
        named = [t for t in self.anchors if para <= t.start < pos and t.granularity == "month"
                 and t.type == "DATE" and (t.start, t.end) not in self.baseline and not _THE_MONTH.search(t.text)
                 and t.interval_start and t.interval_end and t.interval_end[:7] == t.interval_start[:7]]
        if named:
            return named[-1].interval_start or "", named[-1].interval_end or "", "month"
        focus = self.focus
        if focus is not None and focus.granularity == "month" and focus.interval_start and focus.interval_end:
            return focus.interval_start, focus.interval_end, "month"
        return None

    def _in_focus_year(self, t: TimeExpr) -> TimeExpr:
        """"The year", "the first quarter" without a year: of the year in focus (a financial year too)."""
        if _FOUR_DIGITS.search(t.text) or not t.interval_end:
            return t
        if t.granularity == "year" and _THE_YEAR.search(t.text) and t.rule == "deictic.unit":
            year = self._year_in_focus(t.start)
            if year is not None:
                return _with_interval(t, year)
        if t.granularity == "month" and _THE_MONTH.search(t.text) and t.rule == "deictic.unit":
            # "spent C$1,710 per person during the month": the month of the paragraph, else the article's
            month = self._month_in_focus(t.start)
            if month is not None:
                return _with_interval(t, month)
        if (t.rule in _ORDINAL_PART and t.interval_start and self.dct is not None
                and t.interval_end > self.dct.isoformat() and self.syntax.past(self._verb_of(t))):
            # "growth picked up from 4.9 percent in the first quarter" on January 24: a quarter that had
            # not ended yet cannot be told of in the past tense; it is last year's
            return _with_interval(t, _shift((t.interval_start, t.interval_end, t.granularity), "year", -1))
        return t

    def _part_of_year(self, anchors: list[TimeExpr]) -> list[TimeExpr]:
        """"The first nine months of the year": one period, the months of the year in focus.

        The tagger reads "the first nine months" and "the year" apart; the year (settled above) places them.
        """
        out: list[TimeExpr] = []
        for t in anchors:
            prev = out[-1] if out else None
            part = _FIRST_MONTHS.fullmatch(prev.text) if prev is not None else None
            if (prev is not None and part is not None and prev.type == "DURATION" and t.granularity == "year"
                    and t.interval_start and t.interval_end and _OF.fullmatch(self.text, prev.end, t.start)):
                n = parse_number(part.group("n"))
                if n and n == int(n) and 0 < n < 12:
                    first = dt.date.fromisoformat(t.interval_start)
                    if part.group("which").lower() == "first":
                        start, end = first, _add_months(first, int(n)) - dt.timedelta(days=1)
                    else:
                        end = dt.date.fromisoformat(t.interval_end)
                        start = _add_months(end.replace(day=1), 1 - int(n))
                    whole = _WHOLE_PARTS.get(int(n)) if n in (3, 6) else None
                    out[-1] = replace(prev, text=self.text[prev.start : t.end], end=t.end, type="DATE",
                                      interval_start=start.isoformat(), interval_end=end.isoformat(),
                                      granularity=whole or "period")
                    continue
            out.append(t)
        return out

    def _current(self, t: TimeExpr) -> Interval | None:
        """The period that "a year earlier" (``t``) counts back from.

        The sentence's own period, else "now" for days and weeks, else the article's period.
        """
        m = _RELATIVE.search(t.text)
        assert m is not None
        unit = m.group("unit") or m.group("unit2")
        s_start, s_end = self._sentence_of(t.start)
        own = [a for a in self.anchors if s_start <= a.start < s_end and a is not t
               and (a.start, a.end) not in self.baseline and not _RELATIVE.search(a.text)
               and a.interval_start and a.interval_end]
        before = [a for a in own if a.end <= t.start]
        if before:
            a = self._refined_expr(before[-1], own)
            return a.interval_start or "", a.interval_end or "", a.granularity
        now = any(s_start <= p.start < s_end for p in self.presents)
        if self.dct is not None and (unit in ("day", "week") or now):
            day = self.dct.isoformat()
            return day, day, "day"
        focus = self.focus
        if (focus is not None and focus.interval_start and focus.interval_end and unit in _UNIT_MONTHS
                and (focus.granularity in ("year", "half", "quarter", "month")
                     or focus.rule == "time.split-year")):
            return focus.interval_start, focus.interval_end, focus.granularity
        return None

    def _counted_back(self, t: TimeExpr) -> TimeExpr:
        m = _RELATIVE.search(t.text)
        if m is None or t.type == "DURATION":
            return t
        current = self._current(t)
        if current is None or not current[0] or not current[1]:
            return t
        unit = m.group("unit") or m.group("unit2")
        word = (m.group("n") or "a").lower()
        n = 1 if m.group("unit2") or word in ("a", "an", "one") else int(parse_number(word) or 1)
        return _with_interval(t, _shift(current, unit, -n))

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        text = self.text
        para = text.rfind("\n", 0, pos) + 1
        start = para
        for m in _SENTENCE_END.finditer(text, para, pos):
            start = m.end()
        m = _SENTENCE_END.search(text, pos)
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if m is not None and m.start() < end:
            end = m.start() + 1
        return start, end

    # -- anchoring -------------------------------------------------------------------------------
    def anchor(self, index: int, claim: Claim) -> dict[str, Any] | None:
        """The time of one claim (not in the headline)."""
        text, dct, syntax = self.text, self.dct, self.syntax
        place = self.places[index]
        seg = place.seg
        span = syntax.span(claim.mention.start, claim.mention.end)
        verb = syntax.verb(claim.mention.start, claim.mention.end)  # the verb of the figure's clause
        in_sentence = self._in_sentence(place)
        if claim.kind == "duration":
            # a duration is its own period; "for two hours that evening" happened on that day
            if not _FOR.search(text, max(0, claim.mention.start - 20), claim.mention.start):
                return None
            days = [t for t in in_sentence if seg[0] <= t.start < seg[1] and t.granularity in ("day", "time")
                    and (t.start, t.end) not in self.baseline
                    and max(t.start - claim.mention.end, claim.mention.start - t.end) <= 40]
            if days:
                return self._dated(days[0], verb, "time.same-clause")
            # "closed the runways for a combined 31 hours in the first half of 2025": the hours of that half
            during = _DURING.match(text, claim.mention.end)
            over = next((t for t in in_sentence if during is not None and t.start == during.end()
                         and (t.start, t.end) not in self.baseline), None)
            return self._refined(claim, over, "time.same-clause", in_sentence, seg, verb) if over else None
        if span is not None and claim.kind == "count" and (
                any(t.lower_ == "among" for t in span.root.ancestors)
                or _PART_OF.search(text, max(0, claim.mention.start - 30), claim.mention.start)):
            return None  # "seventh among the country's 31 provincial regions", "one of the two lines": a set's size
        if _norm_before(text, claim.mention.start):
            return None  # "38 percent below the long-term average of 640 mm": a norm of no period
        base = self.compared.get(index)
        if base is not None:
            return _time_dict(base, "time.compared-figure")
        forecast = self._forecast_compared(index, claim, place)
        if forecast is not None:
            return forecast
        if _WHEN.match(text, seg[0]) and seg[0] >= 2:
            # "an improvement from 2008, when the company posted a loss of $15 billion": 2008
            named = next((t for t in in_sentence if t.end >= seg[0] - 2 and t.end <= seg[0]), None)
            if named is not None and self.baseline.get((named.start, named.end)) != "record":
                return self._refined(claim, named, "time.when-clause", in_sentence, seg, verb)
        current = [t for t in in_sentence if (t.start, t.end) not in self.baseline and self._same_tense(verb, t)
                   and not self._detached(span, verb, t)]
        if span is not None and _RATIO_WORDS.search(claim.mention.text) and _RATIO_OF.match(text, claim.mention.end):
            # "less than half the July peak": the July is the peak's, the half is the sentence's
            current = [t for t in current if not self._inside_compared(span, t)]
        own = [t for t in current if seg[0] <= t.start < seg[1]]
        # the sentence, or its part after a semicolon, opens with this stretch
        openers = [s for s in place.openers if s[0] <= claim.mention.start]
        first_seg = openers[-1] if openers else place.segments[0]
        # "since 2019" and "a year ago" belong to their own clause (unless they open the sentence)
        current = [
            t for t in current
            if t in own or _fronted(text, first_seg, t)
            or not (_SINCE.search(text, max(0, t.start - 12), t.start) or _BEFORE_TEXT.search(t.text)
                    or (t.type == "DURATION" and not t.rule.startswith("range.")))
        ]
        if not own and dct is not None and claim.value.change is None and not syntax.past(verb):
            # "has set aside 45 million over three years": the years ahead of the article date
            spread = _SPREAD_OVER.match(text, claim.mention.end, seg[1])
            count = parse_number(spread.group("n")) if spread is not None else None
            if spread is not None and count and count == int(count) and count < 100:
                months = int(count) * (12 if spread.group("unit").lower() == "year" else 1)
                return {"text": spread.group("span"), "start": dct.isoformat(),
                        "end": _add_months(dct, months).isoformat(), "granularity": "period",
                        "offsets": [spread.start("span"), spread.end("span")],
                        "rule": "time.spread-over", "inferred": True}
        if not own and self._now_in(seg) and syntax.present(verb):
            current = []  # "is now Australia's second-largest copper mine": a fact of the article date
        chosen, rule = None, ""
        if own:
            after = [t for t in own if t.start >= claim.mention.end]
            chosen, rule = (after[0] if after else own[-1]), "time.same-clause"
        elif current:
            fronted = [t for t in current if first_seg[0] <= t.start < first_seg[1] < claim.mention.start
                       and _fronted(text, first_seg, t)]
            if fronted:
                chosen, rule = fronted[0], "time.sentence-opening"
            elif (moved := self._compared_next(claim, place)) is not None:
                # "only 74.2% left on time, down from 78.9% in 2024": 2025, whatever the other clauses say
                return _time_dict(moved, "time.compared-with", inferred=True)
            else:
                before = [t for t in current if t.end <= claim.mention.start]
                # not past a colon, a semicolon or a comparison: "rose 9%: the April-June average was ...",
                # "28,900 were waiting, compared with ... 1,500 in September 2019"
                chosen = before[-1] if before else next(
                    (t for t in current if not _CROSSED.search(text, claim.mention.end, t.start)), None)
                rule = "time.same-sentence"
        if chosen is not None:
            return self._refined(claim, chosen, rule, in_sentence, seg, verb)
        compared = [t for t in in_sentence if self.baseline.get((t.start, t.end)) == "compare"]
        for t in compared:
            # "up 7.8 percent from 2024": 2025; "up 5 percent from a year earlier": the period it counts from
            if _RELATIVE.search(t.text):
                now = self._current(t)
                if now is not None and now[0] and now[1]:
                    return _time_dict(t, "time.compared-with", start=now[0], end=now[1], granularity=now[2],
                                      inferred=True)
            elif (moved := self._forward(t)) is not None:
                return _time_dict(moved, "time.compared-with", inferred=True)
        paragraph_start = text.rfind("\n", 0, place.start) + 1
        opening = self._opening(paragraph_start, place.start)
        present = syntax.present(verb)
        if opening is not None and not present and _opens_sentence(text, opening):
            return _time_dict(opening, "time.paragraph-opening", inferred=True)
        carried = self._carried(claim, place, span, verb, paragraph_start)
        if carried is not None:
            return carried
        if present and dct is not None and syntax.states_today(verb) and not _EXTREME_OF.search(
            text, max(0, claim.mention.start - 30), claim.mention.start
        ):
            day = dct.isoformat()
            return {"text": "", "start": day, "end": day, "granularity": "day", "offsets": None,
                    "rule": "time.present-tense", "inferred": True}
        verb = syntax.governing(verb)
        if verb is None or _bare_conj(verb):
            return self._elliptical(index, claim, place)
        market = self._market_day(verb)
        if market is not None:
            return market
        return self._continued(index, claim, place, verb, paragraph_start)

    def _continued(self, index: int, claim: Claim, place: _Place, verb: Any,
                   paragraph_start: int) -> dict[str, Any] | None:
        """The period a figure without one of its own continues, marked ``inferred``.

        A figure told in the past tense, or in a sentence that points back ("That works out at 185 litres
        a day"), takes the period of the last sentence before it in its paragraph whose figures have
        one (that sentence's first such figure); in a paragraph that names no period before it, the
        article's period, the one the lead's figures have: "Retail sales rose 0.9% in December. ...
        Sales at clothing stores rose 2.7%" is December. Forecasts, what may be ("would", "could") and
        present-tense facts continue no period.
        """
        back = self.syntax.points_back(verb)
        if not (back or self.syntax.past(verb)) or verb.dep_ == "relcl":
            return None  # "The pipeline, which nearly tripled its capacity to 890,000 b/d, ...": its history
        if verb.lemma_.lower() in _FORECAST_VERBS or self.syntax.hedged(verb):
            return None
        text = self.text
        if not back and _RATE_UNIT.search(claim.value.unit):
            return None  # "was designed for 40 million passengers a year": a capacity, not the report's figure
        if self._compared_figure(claim, place) or _BY_COMPARISON.search(text, place.start, place.end):
            return None  # "climbed to 8.1 percent from 7.9 percent": the 7.9 is of an earlier period
        found: dict[str, Any] | None = None
        sentence = -1
        for j in range(index - 1, -1, -1):
            other = self.places[j]
            if other.start < paragraph_start or (found is not None and other.start != sentence):
                break
            time = self.done[j][1] if j < len(self.done) else None
            if other.start >= place.start or not _continuable(time):
                continue
            found, sentence = time, other.start
        rule = "time.paragraph"
        if found is not None and found.get("rule") != "time.article" and (
                found.get("granularity") in ("day", "time") or self._begins(found)):
            return None  # "Harvest was 98 percent complete by October 27": a day dates its own sentence
        if found is None:
            if self._opening(paragraph_start, place.start) is not None:
                return None  # the paragraph names a period no figure took: which one goes on is unclear
            if self._other_source(paragraph_start, place.end):
                return None  # "according to the Residential Tenancies Board": another report's figures
            if place.start < self._lead_end():
                return None
            found, rule = self._article_period(), "time.article"
            if found is None:
                return None
        if self.dct is not None and not back and (found.get("end") or "") > self.dct.isoformat():
            return None  # a past-tense figure continues no period that has not ended
        out = dict(found)
        out["rule"], out["inferred"] = rule, True
        return out

    def _elliptical(self, index: int, claim: Claim, place: _Place) -> dict[str, Any] | None:
        """The period of the figure before, for a figure whose verb is left out.

        "Butter rose 9.5% and chocolate 14.2%": the 14.2% is of the 9.5%'s period.
        """
        if index == 0 or index > len(self.done) or self.places[index - 1].start != place.start:
            return None
        time = self.done[index - 1][1]
        before = self.text[self.claims[index - 1].mention.end : claim.mention.start]
        if time is None or not _continuable(time) or not _ELLIPSIS_GAP.fullmatch(before):
            return None
        out = dict(time)
        out["rule"], out["inferred"] = "time.elliptical", True
        return out

    def _forecast_compared(self, index: int, claim: Claim, place: _Place) -> dict[str, Any] | None:
        """The period of the figure a forecast is compared with, for the forecast figure.

        "took in C$70.4 billion in December, ..., a stronger finish to the year than the 0.5 percent gain
        economists had forecast": the forecast was for December, like the figure it is set against.
        """
        text, seg = self.text, place.seg
        marker = None
        for m in _THAN.finditer(text, seg[0], claim.mention.start):
            marker = m
        if (marker is None or not _COMPARED_GAP.fullmatch(text, marker.end(), claim.mention.start)
                or _APPROX_THAN.search(text, seg[0], claim.mention.start)
                or not _FORECAST_AFTER.match(text, claim.mention.end, seg[1])):
            return None
        for j in range(index):
            time = self.done[j][1] if j < len(self.done) else None
            if self.places[j].start == place.start and _continuable(time) and time is not None:
                out = dict(time)
                out["rule"], out["inferred"] = "time.forecast-compared", True
                return out
        return None

    def _begins(self, time: dict[str, Any]) -> bool:
        """True for the period of a beginning ("two new berths opened in June"): it dates that event only."""
        offsets = time.get("offsets")
        if not offsets:
            return False
        verb = self.syntax.verb(offsets[0], offsets[1])
        return verb is not None and verb.lemma_.lower() in _START_VERBS

    def _compared_figure(self, claim: Claim, place: _Place) -> bool:
        """True for the figure a comparison is made with ("from 7.9 percent", "than the 5% forecast")."""
        marker = None
        for m in _COMPARISON.finditer(self.text, place.seg[0], claim.mention.start):
            marker = m
        return (marker is not None and _COMPARED_GAP.fullmatch(self.text, marker.end(), claim.mention.start) is not None
                and not _APPROX_THAN.search(self.text, place.seg[0], claim.mention.start))

    def _market_day(self, verb: Any) -> dict[str, Any] | None:
        """The article date for a move of a traded instrument told without a period.

        "Shares in Southern Cross rose 3.2 per cent to A$18.45", "sterling slipped 0.4% against the
        dollar": markets react on the day of the news, not over the period the article reports on.
        """
        if self.dct is None or not self.syntax.past(verb):
            return None
        if not self.syntax.traded(verb):
            return None
        day = self.dct.isoformat()
        return {"text": "", "start": day, "end": day, "granularity": "day", "offsets": None,
                "rule": "time.market-day", "inferred": True}

    def _lead_end(self) -> int:
        """Where the lead sentence (the first after the headline) ends."""
        if self._lead_ends_at is None:
            text, body = self.text, self.body
            para_end = text.find("\n", body)
            para_end = len(text) if para_end < 0 else para_end
            m = _SENTENCE_END.search(text, body, para_end)
            self._lead_ends_at = m.start() + 1 if m else para_end
        return self._lead_ends_at

    def _opening(self, paragraph_start: int, before: int) -> TimeExpr | None:
        """The first period of the paragraph before ``before`` that is no baseline, or None."""
        key = (paragraph_start, before)
        if key in self._openings:
            return self._openings[key]
        anchors = self.anchors
        first = bisect_left(self._starts, paragraph_start) if self._in_order else 0
        found = None
        for t in anchors[first:]:
            if self._in_order and t.start >= before:
                break
            if paragraph_start <= t.start < before and (t.start, t.end) not in self.baseline:
                found = t
                break
        self._openings[key] = found
        return found

    def _other_source(self, start: int, end: int) -> bool:
        """True when ``start``..``end`` gives the figures of another report ("according to the board")."""
        key = (start, end)
        found = self._sources.get(key)
        if found is None:
            found = self._sources[key] = _OTHER_SOURCE.search(self.text, start, end) is not None
        return found

    def _article_period(self) -> dict[str, Any] | None:
        """The period the article reports on: that of the first figure of its lead sentence that has one."""
        body, end = self.body, self._lead_end()
        for place, (_, time) in zip(self.places, self.done, strict=False):
            if body <= place.start < end and _continuable(time) and not (time or {}).get("inferred"):
                return time
        return None

    def _now_in(self, seg: tuple[int, int]) -> bool:
        """True when the clause says "now" or "currently" (not "the current level": that is a baseline)."""
        return any(seg[0] <= p.start < seg[1] and p.text.lower() in _NOW_WORDS for p in self.presents)

    def _detached(self, span: Span | None, verb: Any, t: TimeExpr) -> bool:
        """True when the period dates something else than the figure's clause.

        A period inside a relative clause the figure is outside of ("Karinya, which the company bought in
        2022, is now the second-largest mine"), a period outside the relative clause of what may be that
        the figure is in ("will vote on March 26 on a move which would raise tariffs by 20%"), a period in a
        clause of a cause or concession the figure is outside of ("rose 9%, although rates weakened in the
        second quarter"), the period of a beginning, for a figure of another verb ("due to start in the
        second half of 2026, take five years and raise capacity by half").
        """
        if span is None:
            return False
        links = self.syntax.links(t.start, t.end)
        if links is None:
            return False
        other_root, other_verb, clauses, reasons = links
        mine, noun, may_be = self.syntax.figure(span)
        # "a US$500 million bond that matured in August": a clause about the figure's own noun counts
        if any(head not in (mine, noun) and not left <= mine <= right for head, left, right in clauses):
            return True
        # "rose 9 per cent, although rates weakened in the second quarter": the quarter is the weakening's
        if any(not left <= mine <= right for left, right in reasons):
            return True
        # "will vote on March 26 on a move, which would raise tariffs by 20%": what may be, not that day's
        if any(not left <= other_root <= right for left, right in may_be):
            return True
        if other_verb is None or other_verb.lemma_.lower() not in _START_VERBS:
            return False
        return not _same_token(other_verb, verb)

    def _compared_next(self, claim: Claim, place: _Place) -> TimeExpr | None:
        """The year after the one the figure is compared with in its clause or a comparing clause after it.

        "only 74.2% of departures left on time, down from 78.9% in 2024": 2025. Not for "the same period of
        2024" (the figure's period is named elsewhere) nor for counted-back periods ("a year earlier").
        """
        text, seg = self.text, place.seg
        i = place.segments.index(seg)
        end = seg[1]
        if i + 1 < len(place.segments) and _COMPARING_CLAUSE.match(text, place.segments[i + 1][0]):
            end = place.segments[i + 1][1]
        for t in self.anchors:
            if (claim.mention.end <= t.start < end and self.baseline.get((t.start, t.end)) == "compare"
                    and not _RELATIVE.search(t.text) and not _SAME_PERIOD.search(text, max(0, t.start - 30), t.start)):
                return self._forward(t)
        return None

    def _verb_of(self, t: TimeExpr) -> Any:
        return self.syntax.verb(t.start, t.end)

    def _same_tense(self, mine: Any, t: TimeExpr) -> bool:
        """False when the figure's verb and the period's are different verbs, one present, one past.

        In "accounts for 41 percent of Canada's cropland and produced a third of its wheat this year"
        the year is the wheat's.
        """
        if mine is None:
            return True
        key = (mine.i, id(t))  # the claims of one clause share its verb
        same = self._tenses.get(key)
        if same is None:
            same = self._tenses[key] = self._tense_agrees(mine, t)
        return same

    def _tense_agrees(self, mine: Any, t: TimeExpr) -> bool:
        theirs = self.syntax.verb(t.start, t.end)
        a = self.syntax.tags(mine)
        if ("MD" in a and any(c.lower_ in ("will", "'ll", "shall") for c in mine.children)
                and self.dct is not None and t.interval_end and t.interval_end < self.dct.isoformat()):
            return False  # "will cut 30,000 jobs ... after a loss last year": last year is the loss's
        if theirs is None or mine.i == theirs.i or not (
            (theirs.dep_ == "conj" and theirs.head.i == mine.i) or (mine.dep_ == "conj" and mine.head.i == theirs.i)
        ):
            return True
        b = self.syntax.tags(theirs)
        plain_present = self.syntax.plain_present
        return not ((plain_present(mine) and b & {"VBD"}) or (plain_present(theirs) and a & {"VBD"}))

    def _inside_compared(self, span: Span, t: TimeExpr) -> bool:
        """True when the period belongs to what a fraction or multiple measures against.

        "less than half the £22bn cushion she had in March": March is the cushion's.
        """
        root = span.root
        head = root.head if root.dep_ in ("nummod", "quantmod", "predet") else root
        other = self.syntax.span(t.start, t.end)
        return other is not None and t.start >= span.end_char and head.is_ancestor(other.root)

    def _carried(self, claim: Claim, place: _Place, span: Span | None, verb: Any,
                 paragraph_start: int) -> dict[str, Any] | None:
        """The period of the previous sentence's last figure, for a sentence that points back at it.

        "Mortgage approvals numbered 4,412 in May. First-time buyers accounted for 61 per cent of those
        approvals": May.
        """
        if span is None or place.start <= paragraph_start:
            return None
        if verb is not None and "MD" in self.syntax.tags(verb):
            return None  # "that share could reach 40 %": a possibility, not a fact of that period
        root = span.root
        head = root.head if root.dep_ in ("nummod", "quantmod", "predet") else root
        if not self._points_back(claim.sentence) or not any(
                t.lower_ in _DEMONSTRATIVE and t.dep_ == "det" for t in head.subtree):
            return None  # the pointing word must be in the figure's own phrase ("61 per cent of those approvals")
        prev_start = max(paragraph_start, self._sentence_of(place.start - 2)[0])
        prev = [time for start, time in self.done if prev_start <= start < place.start and time is not None]
        if not prev:
            return None
        out = dict(prev[-1])
        out["rule"], out["inferred"] = "time.previous-sentence", True
        return out

    def _points_back(self, sentence: tuple[int, int]) -> bool:
        """True when the sentence (as parsed) holds a word that may point back ("those", "this"), as text."""
        found = self._pointing.get(sentence)
        if found is None:
            words = self.text[sentence[0] : sentence[1]].lower()
            found = self._pointing[sentence] = any(w in words for w in _DEMONSTRATIVE)
        return found

    def _last_years(self, t: TimeExpr, verb: Any, period: Interval | None = None) -> bool:
        """True for a period ahead of the article date, written without a year, told in the past tense.

        "Tariffs rose 9.8% in July" in a March article, "cost 1.9 trillion won between April and
        September" in a January one: last year's. ``period`` is the one the claim was given (``t``'s own
        by default).
        """
        dct = self.dct
        start, end = period[:2] if period is not None else (t.interval_start, t.interval_end)
        return (dct is not None and end is not None and end > dct.isoformat()
                and (not start or start > dct.isoformat())
                and t.granularity in _CALENDAR_GRANS and _calendar_name(t)
                and self.syntax.past(self.syntax.governing(verb))
                and _same_token(self._verb_of(t), self.syntax.governing(verb)))

    def _next_years(self, t: TimeExpr, verb: Any, period: Interval) -> bool:
        """True for a period before the article date, written without a year, in a clause about what will be.

        "would add a night shift by the third quarter" in a January article, "the dams could hold a quarter
        of their capacity by the end of September" in a March one: this year's, not last year's. A period
        that ended just before the article date stays ("profits would fall in the first quarter" on April 2).
        """
        dct = self.dct
        if (dct is None or not period[1] or period[1] >= (dct - _ENDED_WELL_BEFORE).isoformat()
                or t.granularity not in _CALENDAR_GRANS or not _calendar_name(t)):
            return False
        verb = self.syntax.governing(verb)
        return _will(verb) and _same_token(self._verb_of(t), verb)

    def _dated(self, t: TimeExpr, verb: Any, rule: str) -> dict[str, Any]:
        """A day ahead of the article date, written without a year, in a past-tense clause: last year's."""
        if t.interval_start and t.interval_end and self._last_years(t, verb):
            period = _shift((t.interval_start, t.interval_end, t.granularity), "year", -1)
            return _time_dict(t, rule, start=period[0], end=period[1])
        return _time_dict(t, rule)

    def _refined(self, claim: Claim, chosen: TimeExpr, rule: str, in_sentence: list[TimeExpr],
                 seg: tuple[int, int], verb: Any) -> dict[str, Any]:
        key = (id(chosen), rule, seg, id(in_sentence))  # claims of one clause mostly share their period
        refined = self._refines.get(key)
        if refined is None:
            refined = self._refines[key] = _refine(self.text, claim, chosen, rule, in_sentence, seg, self.durations,
                                                   self.dct, self._split_month)
        out = dict(refined)
        if out.get("offsets") is not None:
            out["offsets"] = list(out["offsets"])
        if out.get("rule") not in (rule, "time.trailing-period", "time.by-date") or not out.get("end"):
            return out
        period = (out.get("start") or "", out["end"], "period")
        if self._last_years(chosen, verb, period):
            # "in the three weeks before Valentine's Day, growers shipped ...": last year's weeks
            out["start"], out["end"], _ = _shift(period, "year", -1) if period[0] else ("", *_shift(
                (out["end"], out["end"], "day"), "year", -1)[1:])
        elif self._next_years(chosen, verb, period):
            out["start"], out["end"], _ = _shift(period, "year", 1) if period[0] else ("", *_shift(
                (out["end"], out["end"], "day"), "year", 1)[1:])
        if out["start"] == "":
            out["start"] = None
        return out


def _traded(noun: Any) -> bool:
    """True for a traded instrument ("shares", "sterling") or its measure ("the yield on the benchmark gilt")."""
    if noun.lower_ in MARKET_WORDS:
        return True
    return noun.lower_ in MARKET_MEASURES and any(
        c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ in MARKET_WORDS for g in c.subtree)
        for c in noun.children
    )


def _bare_conj(verb: Any) -> bool:
    """True for a base-form "verb" joined to another with no subject or auxiliary of its own.

    "butter rose 9.5% and chocolate 14.2%": "chocolate" is a noun the parser took for a verb.
    """
    return verb.tag_ == "VB" and verb.dep_ == "conj" and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children
    )


def _continuable(time: dict[str, Any] | None) -> bool:
    """True for a claim's period that a following figure may continue (not a compared figure's, not today's)."""
    return time is not None and bool(time.get("start")) and time.get("rule") not in _NOT_CONTINUED


def _is_fiscal(expr: TimeExpr) -> bool:
    """True for a fiscal year ("fiscal 2026", "FY26", "the 2025-26 financial year", "last fiscal year")."""
    return expr.rule.startswith("fiscal.") or (expr.granularity == "year" and bool(_FISCAL_WORD.search(expr.text)))


def _article_country(text: str) -> str | None:
    """The country an article is filed from (its dateline's city), else the one it names most often.

    Only the countries of :data:`factex.time.lexicon.FISCAL_YEARS` are known; a tie gives None.
    """
    m = _DATELINE.match(text, _headline_end(text))
    if m is not None:
        country = DATELINE_CITIES.get(" ".join(m.group("city").lower().split()))
        if country is None and m.group("country"):
            country = COUNTRY_NAMES.get(m.group("country").strip())
        if country is not None:
            return country
    counts = Counter(COUNTRY_NAMES[n.group(0)] for n in _COUNTRY_NAME.finditer(text)).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


def _fronted(text: str, segment: tuple[int, int], expr: TimeExpr) -> bool:
    """True for "In 2023, ..." or "Over 2013-2023, ...": a clause that holds nothing but the period."""
    if not segment[0] <= expr.start < segment[1]:
        return False
    before = text[segment[0] : expr.start].strip()
    after = text[expr.end : segment[1]].strip(" ,;:\u2013\u2014")
    return len(before.split()) <= 3 and not any(ch.isdigit() for ch in before) and not after.strip()


def _dateline(text: str, expr: TimeExpr) -> bool:
    """True for a date on a line of its own ("March 01, 2008" under a headline): when the article was dated."""
    line_start = text.rfind("\n", 0, expr.start) + 1
    line_end = text.find("\n", expr.end)
    line_end = len(text) if line_end < 0 else line_end
    return line_end > expr.end - 1 and not text[line_start : expr.start].strip() and not text[
        expr.end : line_end
    ].strip(" .,")


def _headline_end(text: str) -> int:
    """Where the body starts after a headline: a first line with no full stop, then a blank line (else 0)."""
    brk = text.find("\n\n")
    if brk <= 0 or brk > 300 or "\n" in text[:brk] or text[:brk].rstrip().endswith((".", "!", "?", '"', "\u201d")):
        return 0
    return brk + 2


def anchor_claims(
    doc: Doc, claims: Sequence[Claim], times: Sequence[TimeExpr], dct: dt.date | None
) -> list[dict[str, Any] | None]:
    """Return the ``time`` of each claim (None where the text gives no period)."""
    text = doc_text(doc)
    found = _Times(doc, text, claims, times, dct)
    headline = _headline_end(text)
    out: list[dict[str, Any] | None] = []
    for i, claim in enumerate(claims):
        time = None if claim.mention.start < headline else found.anchor(i, claim)
        found.done.append((claim.mention.start, time))
        out.append(time)
    for i, claim in enumerate(claims):
        if claim.mention.start < headline:
            out[i] = _from_body(claim, claims, out, headline)
    return out


def _from_body(claim: Claim, claims: Sequence[Claim], times: list[dict[str, Any] | None],
               body: int) -> dict[str, Any] | None:
    """A headline's figure takes the period of the same figure in the body ("5.6%" ... "5.6 percent in 2024")."""
    for other, time in zip(claims, times, strict=True):
        if (other.mention.start >= body and other.value.amount == claim.value.amount
                and other.value.unit == claim.value.unit):
            if time is None:
                return None
            out = dict(time)
            out["inferred"] = True
            out["rule"] = "time.headline"
            return out
    return None


def _opens_sentence(text: str, expr: TimeExpr) -> bool:
    """True for "In 2023, ..." at the start of a sentence (a period the following sentences share)."""
    before = text[max(0, expr.start - 12) : expr.start]
    return bool(re.search(r"(?:^|[.!?\n]\s*)(?:In|During|Over|Throughout|For)?\s*$", before))


def _trailing(text: str, chosen: TimeExpr, in_sentence: list[TimeExpr]) -> dict[str, Any] | None:
    """A period that ends with the named one and runs back the stated length.

    "The twelve months to April", "the year to April 2025", "the week ending February 28".
    """
    end_expr, window = chosen, max(0, chosen.start - 40)
    before = text[window : chosen.start].lower()
    lead = _TRAILING.search(text, window, chosen.start) if any(u in before for u in _TRAILING_UNITS) else None
    if lead is None:
        # "in the year to April 2025": the length was found as its own expression; the end follows it
        after = _TRAILING_LINK.match(text, chosen.end)
        nxt = next((t for t in in_sentence if after is not None and t.start == after.end()), None)
        lead = _TRAILING.fullmatch(text, chosen.start, after.end()) if nxt is not None else None
        if nxt is None or lead is None:
            return None
        end_expr = nxt
    if not end_expr.interval_end:
        return None
    count = lead.group("n")
    value = 1.0 if count is None or count.lower() == "the" else parse_number(count)
    if not value or value != int(value):
        return None
    n = int(value)
    end = dt.date.fromisoformat(end_expr.interval_end)
    unit = lead.group("unit").lower()
    if unit == "week":
        start = end - dt.timedelta(days=7 * n - 1)
    else:
        months = n * 12 if unit == "year" else n
        index = end.year * 12 + end.month - months  # the first month of the period, counted from 0
        start = dt.date(index // 12, index % 12 + 1, 1)
    # "the three months to September 30" is a quarter, "the six months to June" a half
    span = (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1
    whole = _WHOLE_PARTS.get(span) if start.day == 1 and _is_month_end(end) and start.month % span == 1 % span else None
    out = _time_dict(end_expr, "time.trailing-period", start=start.isoformat(), granularity=whole or "period")
    out["text"] = text[lead.start() : end_expr.end]
    out["offsets"] = [lead.start(), end_expr.end]
    return out


def _own_start(expr: TimeExpr) -> str | None:
    """The first day of the period an open-ended "by 2027" or "by October 27" names."""
    if not expr.interval_end or expr.granularity not in ("day", "time", "month", "quarter", "half", "year"):
        return None
    end = dt.date.fromisoformat(expr.interval_end)
    if expr.granularity in ("day", "time"):
        return end.isoformat()
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12}[expr.granularity]
    return _add_months(end.replace(day=1), 1 - months).isoformat()


def _refine(
    text: str, claim: Claim | None, chosen: TimeExpr, rule: str, in_sentence: list[TimeExpr],
    seg: tuple[int, int], durations: list[TimeExpr], dct: dt.date | None,
    split_month: Callable[[], int] = lambda: 4,
) -> dict[str, Any]:
    """The period ``chosen`` gives a claim, with the words around it read.

    ``split_month`` gives the first month of a year written "2025-26" (asked only when one is written).
    """
    trailing = _trailing(text, chosen, in_sentence)
    if trailing is not None:
        return trailing
    split = _SPLIT_YEAR.match(text, chosen.end)
    end_year = chosen.interval_end[:4] if chosen.interval_end else ""
    if split is not None and end_year.isdigit() and text[chosen.start : chosen.end].endswith(end_year):
        year = int(end_year)
        if int(split.group(1)) == (year + 1) % 100:
            # "by 2029-30": a year that straddles two, from the month the country's financial year
            # starts in (April in the UK, Canada, India, Japan and others; July in Australia)
            first = dt.date(year, split_month(), 1)
            last = _add_months(first, 12) - dt.timedelta(days=1)
            out = _time_dict(chosen, "time.split-year", start=first.isoformat(), end=last.isoformat(),
                             granularity="period")
            out["text"] = text[chosen.start : split.end()]
            out["offsets"] = [chosen.start, split.end()]
            return out
    # "since the service began in 2013": from then until the sentence's "by ..." or the article date.
    window = text[max(seg[0], chosen.start - 40) : chosen.start]
    if _SINCE.search(window) and chosen.interval_start:
        by = next((t for t in in_sentence if t.interval_start is None and t.interval_end), None)
        end = by.interval_end if by else (dct.isoformat() if dct else None)
        return _time_dict(chosen, "time.since", end=end, granularity="period")
    # "has ranked first ... for 14 consecutive years" in 2023: the 14 years ending in 2023.
    run = next(
        (d for d in durations if seg[0] <= d.start < seg[1] and _CONSECUTIVE.search(d.text)
         and re.fullmatch(r"P\d+Y", d.value)),
        None,
    )
    if run is not None and chosen.granularity == "year" and chosen.interval_end:
        years = int(run.value[1:-1])
        last = int(chosen.interval_end[:4])
        return _time_dict(chosen, "time.consecutive-years", start=f"{last - years + 1}-01-01",
                          granularity="period")
    # "By August 20, 2024": an open start; with a "since" elsewhere in the sentence it closes.
    if chosen.interval_start is None:
        since = next((t for t in in_sentence if t is not chosen and t.interval_start
                      and _SINCE.search(text[max(0, t.start - 40) : t.start])), None)
        if since is not None:
            return _time_dict(chosen, "time.since", start=since.interval_start, granularity="period")
        # "98 percent complete by October 27", "to reach 4.1 million barrels a day by 2027": the state then
        own = _own_start(chosen)
        if own is not None and claim is not None and _BY.search(text, max(0, chosen.start - 6), chosen.start):
            return _time_dict(chosen, "time.by-date", start=own)
    return _time_dict(chosen, rule)
