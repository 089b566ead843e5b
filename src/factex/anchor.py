"""Anchor each claim in time: the period its value refers to, from the time expressions around it.

In order: a time expression in the claim's own clause (the comma- or semicolon-delimited stretch of
the sentence), the one that opens the sentence ("In 2023, ..."), the nearest one in the sentence;
else the period that opens the paragraph, carried to a claim that continues it (``inferred``); else,
for a statement in the present tense, the article date (``inferred``). "since 2013 ... by August 20,
2024" gives the whole period, and "first ... for 14 consecutive years" in 2023 gives 2010..2023.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from spacy.tokens import Doc, Span

from factex.claim import Claim
from factex.extensions import doc_text
from factex.time import TimeExpr
from factex.time.lexicon import parse_number

_SEGMENT_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
_SINCE = re.compile(r"(?i:\bsince\b)")
_CONSECUTIVE = re.compile(r"(?i:consecutive|straight|successive|running|in a row)")
_PRESENT_TAGS = {"VBZ", "VBP"}
# "up 7.8 percent from 2024", "higher than in 2023", "compared with a year earlier": a baseline, not the period
_BASELINE_BEFORE = re.compile(
    r"(?i:\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?|against|over)\s+(?:(?:the|a|in|its)\s+)?$)"
)
_BASELINE_TEXT = re.compile(r"(?i:\b(?:earlier|ago|before|previous|prior)\b)")
# "the lowest since 2021", "the first time since 1975": how far back a record reaches
_RECORD_SINCE = re.compile(
    r"(?i:\b(?:lowest|highest|most|least|biggest|largest|smallest|fastest|slowest|first|best|worst|weakest|"
    r"strongest|level|time)\b[^.;]{0,20}\bsince\s+(?:(?:the|late|early|mid)\s+)?$)"
)
# "the twelve months to April", "the week ending February 28": a period running back from a date
_TRAILING = re.compile(
    r"(?i:\b(?:the\s+|a\s+)?(?:(?P<n>\d+|[a-z]+)[\s-]+)?(?P<unit>year|month|week)s?\s+(?:to|ending|ended|through)\s+$)"
)
# "2025-26", "2029/30": the second year of a split year
_SPLIT_YEAR = re.compile(r"[-\u2013/](\d{2})(?!\d)")
_TRAILING_LINK = re.compile(r"(?i:\s+(?:to|ending|ended|through)\s+)")
# "the report released on Thursday", "the bureau said on Tuesday": when it was said, not what it is about
_REPORTING_VERBS = {"say", "report", "release", "publish", "announce", "tell", "show", "issue", "state", "add",
                    "note", "estimate", "disclose", "confirm", "present", "unveil", "post"}


def _anchorable(expr: TimeExpr) -> bool:
    resolved = expr.interval_start is not None or expr.interval_end is not None
    return expr.type in ("DATE", "TIME") and (resolved or expr.unresolved is not None)


def _baseline(text: str, expr: TimeExpr) -> bool:
    """True for the period a figure is compared with ("from 2024", "a year earlier")."""
    before = text[max(0, expr.start - 40) : expr.start]
    return bool(_BASELINE_BEFORE.search(before) or _BASELINE_TEXT.search(expr.text) or _RECORD_SINCE.search(before))


def _reporting_time(doc: Doc, expr: TimeExpr) -> bool:
    """True for the day a statement was made ("said on Thursday") rather than the period it describes."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or expr.granularity not in ("day", "time"):
        return False
    head = span.root.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    return head.pos_ == "VERB" and head.lemma_.lower() in _REPORTING_VERBS


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
    return next((s for s in segments if s[0] <= pos < s[1]), segments[-1])


def _is_present(doc: Doc, span: Span | None) -> bool:
    """True when the clause of the span is in the present tense ("link", "are", "has become")."""
    if span is None:
        return False
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            break
        if tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    tags = {tok.tag_} | {c.tag_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    return bool(tags & _PRESENT_TAGS) and "MD" not in tags and "VBD" not in tags


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


def anchor_claims(
    doc: Doc, claims: Sequence[Claim], times: Sequence[TimeExpr], dct: dt.date | None
) -> list[dict[str, Any] | None]:
    """Return the ``time`` of each claim (None where the text gives no period)."""
    text = doc_text(doc)
    anchors = [t for t in times if _anchorable(t) and not _baseline(text, t) and not _reporting_time(doc, t)]
    durations = [t for t in times if t.type == "DURATION"]
    out: list[dict[str, Any] | None] = []
    for claim in claims:
        out.append(_anchor_one(doc, text, claim, anchors, durations, dct))
    return out


def _anchor_one(
    doc: Doc, text: str, claim: Claim, anchors: list[TimeExpr], durations: list[TimeExpr], dct: dt.date | None
) -> dict[str, Any] | None:
    if claim.kind == "duration":
        return None  # a duration is its own period
    span = doc.char_span(claim.mention.start, claim.mention.end, alignment_mode="expand")
    if span is not None and claim.kind == "count" and any(t.lower_ == "among" for t in span.root.ancestors):
        return None  # "seventh among the country's 31 provincial regions": the size of a set
    s_start, s_end = claim.sentence
    # a sentence never runs over a blank line (the parser may join a headline to the lead)
    s_start = max(s_start, text.rfind("\n\n", s_start, claim.mention.start) + 2)
    if (brk := text.find("\n\n", claim.mention.end, s_end)) >= 0:
        s_end = brk
    in_sentence = [t for t in anchors if s_start <= t.start < s_end]
    segments = _segments(text, s_start, s_end, in_sentence)
    seg = _segment_of(segments, claim.mention.start)
    own = [t for t in in_sentence if seg[0] <= t.start < seg[1]]
    chosen, rule = None, ""
    if own:
        after = [t for t in own if t.start >= claim.mention.end]
        chosen, rule = (after[0] if after else own[-1]), "time.same-clause"
    else:
        first_seg = segments[0]
        fronted = [t for t in in_sentence if first_seg[0] <= t.start < first_seg[1] < claim.mention.start]
        if fronted:
            chosen, rule = fronted[0], "time.sentence-opening"
        elif in_sentence:
            before = [t for t in in_sentence if t.end <= claim.mention.start]
            chosen, rule = (before[-1] if before else in_sentence[0]), "time.same-sentence"
    if chosen is not None:
        return _refine(text, claim, chosen, rule, in_sentence, seg, durations, dct)
    paragraph_start = text.rfind("\n", 0, s_start) + 1
    opening = next((t for t in anchors if paragraph_start <= t.start < s_start), None)
    present = _is_present(doc, span)
    if opening is not None and not present and _opens_sentence(text, opening):
        return _time_dict(opening, "time.paragraph-opening", inferred=True)
    if present and dct is not None:
        day = dct.isoformat()
        return {"text": "", "start": day, "end": day, "granularity": "day", "offsets": None,
                "rule": "time.present-tense", "inferred": True}
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
    lead = _TRAILING.search(text, window, chosen.start)
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
    out = _time_dict(end_expr, "time.trailing-period", start=start.isoformat(), granularity="period")
    out["text"] = text[lead.start() : end_expr.end]
    out["offsets"] = [lead.start(), end_expr.end]
    return out


def _refine(
    text: str, claim: Claim, chosen: TimeExpr, rule: str, in_sentence: list[TimeExpr],
    seg: tuple[int, int], durations: list[TimeExpr], dct: dt.date | None,
) -> dict[str, Any]:
    trailing = _trailing(text, chosen, in_sentence)
    if trailing is not None:
        return trailing
    split = _SPLIT_YEAR.match(text, chosen.end)
    end_year = chosen.interval_end[:4] if chosen.interval_end else ""
    if split is not None and end_year.isdigit() and text[chosen.start : chosen.end].endswith(end_year):
        year = int(end_year)
        if int(split.group(1)) == (year + 1) % 100:
            # "the 2025-26 financial year", "by 2029-30": a year that straddles two, from April (the
            # financial year of the UK, Canada, India, Japan and others)
            out = _time_dict(chosen, "time.split-year", start=f"{year}-04-01", end=f"{year + 1}-03-31",
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
    return _time_dict(chosen, rule)
