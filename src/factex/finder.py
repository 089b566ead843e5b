"""Find the figures of a text: character-level matching of the value rules of a rule set.

The finder works on the text alone (no tokens), so offsets are exact whatever tokenizer a pipeline
uses. It returns every candidate value with the id of the rule that matched it; what needs the parse
(counted nouns, years tagged as dates) is decided later by the spaCy component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import regex

from factex.lexicon import Lexicon, alternation
from factex.normalize.numbers import clean, parse_core, scale_of
from factex.ruleset import PatternError, RuleSet

_LEAD, _TRAIL = 24, 120
#: How far before a rule's ``anchor`` word a match of that rule may start ("more than double").
_ANCHOR_BEFORE = 60
#: Fragments a rule template may start with, and the shared start positions a rule that opens with one uses.
#: ``QSCALED`` opens with the same number core as ``Q``, so it can start only where ``Q`` can.
_LEADS = {"Q": "Q", "QSCALED": "Q", "ORD": "ORD", "FRAC": "FRAC"}
#: Every alternative of ``{Q}``, ``{ORD}`` and ``{FRAC}`` opens after a non-word character (a look-behind or ``\b``):
#: their starts are looked for only there (``tests/test_finder_scan.py`` holds this against a full scan).
_AFTER_NON_WORD = r"(?<!\w)"
_DIGITS = re.compile(r"\d+")
_WORD_START = re.compile(r"(?<!\w)[^\W\d]")
_BETWEEN = re.compile(r"(?i:\bbetween\s*$)")


@dataclass(frozen=True)
class Candidate:
    """A figure found in the text, before the parse-dependent decisions.

    Attributes:
        start: Offset of the mention's first character.
        end: Offset after the mention's last character.
        num_start: Offset of the (first) number inside the mention.
        num_end: Offset after that number and its scale word.
        rule: Id of the rule that matched.
        kind: Claim kind the rule implies (``quantity`` for a bare number).
        amount: The value (for ranges, the low end).
        amount_high: The high end of a range, else None.
        unit: Canonical unit ("" for none yet).
        unit_text: The unit words as written.
        bare: True when nothing but a number (and scale word) was matched.
        signed: "+" or "-" when the number carried a sign, else "".
        word_number: True when the number is written in words.
        unit_rule: Id of the unit or currency entry that gave the unit.
    """

    start: int
    end: int
    num_start: int
    num_end: int
    rule: str
    kind: str
    amount: float | int
    amount_high: float | int | None
    unit: str
    unit_text: str
    bare: bool
    signed: str = ""
    word_number: bool = False
    unit_rule: str | None = None
    priority: int = 100
    change: str | None = None


@dataclass(frozen=True)
class _Rule:
    id: str
    kind: str
    priority: int
    pattern: re.Pattern[str]
    entry: dict[str, Any]
    needs: re.Pattern[str] | None = None
    lead: str | None = None
    anchor: re.Pattern[str] | None = None
    per: bool = False  # the template ends with {PER}: the rate words are read after the match


class _Rated:
    """A rule's match and the rate words read after it, seen as one match (groups ``per`` and ``per2``)."""

    __slots__ = ("_match", "_rate")
    _RATE_GROUPS = ("per", "per2")

    def __init__(self, match: re.Match[str], rate: re.Match[str]) -> None:
        self._match, self._rate = match, rate

    def groupdict(self) -> dict[str, str | Any]:
        groups = self._match.groupdict()
        groups.update({name: self._rate.group(name) for name in self._RATE_GROUPS})
        return groups

    def group(self, name: int | str = 0) -> str | Any:
        if name == 0:
            return self._match.string[self._match.start() : self._rate.end()]
        return (self._rate if name in self._RATE_GROUPS else self._match).group(name)

    def start(self, name: int | str = 0) -> int:
        return (self._rate if name in self._RATE_GROUPS else self._match).start(name)

    def end(self, name: int | str = 0) -> int:
        if name == 0:
            return self._rate.end()
        return (self._rate if name in self._RATE_GROUPS else self._match).end(name)

    def span(self, name: int | str = 0) -> tuple[int, int]:
        return self.start(name), self.end(name)


def _lead_of(entry: dict[str, Any]) -> str | None:
    """The shared leading fragment a rule's template opens with, if any."""
    template = entry.get("template", "")
    return next((lead for name, lead in _LEADS.items() if template.startswith("{" + name + "}")), None)


@dataclass(frozen=True)
class _Exclusion:
    id: str
    pattern: regex.Pattern[str] | None
    entry: dict[str, Any]


class ValueFinder:
    """Compile the value and exclusion rules of a rule set and find candidates in text."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.lex = Lexicon.from_ruleset(ruleset)
        # A template that ends with {PER} ("US$5 a barrel") is compiled without it and the rate words are read
        # after each match: the same matches, and the long unit alternation is compiled once, not in every rule.
        self._per = re.compile(self.lex.expand("{PER}"))
        self.rules = [
            _Rule(
                e["id"], e["kind"], int(e.get("priority", 100)), self._compile(e, "template"), e,
                # a rule tried only where a number starts needs no window-wide search for its words
                self._needs(e) if _lead_of(e) is None else None,
                _lead_of(e), self._compile_anchor(e), str(e.get("template", "")).endswith("{PER}"),
            )
            for e in ruleset.entries("rules")
        ]
        # Where each shared leading fragment can start: a rule that opens with it can match nowhere else.
        self._lead_starts = {
            name: re.compile(_AFTER_NON_WORD + "(?=" + self.lex.expand("{" + name + "}") + ")")
            for name in set(_LEADS.values())
            if any(r.lead == name for r in self.rules)
        }
        # The letters a word-number start of each leading fragment can begin with (either case).
        lead_words = {
            "Q": [*self.lex.number_words, *self.lex.tens_words],
            "ORD": list(self.lex.ordinals),
            "FRAC": list(self.lex.fractions),
        }
        self._lead_initials = {
            name: frozenset(c for w in words for c in (w[:1].lower(), w[:1].upper()))
            for name, words in lead_words.items()
        }
        self.exclusions = [
            _Exclusion(e["id"], self._compile_exclusion(e) if "regex" in e else None, e)
            for e in ruleset.entries("exclusions")
        ]
        lex = self.lex
        anchor_words = [*lex.number_words, *lex.tens_words, *lex.ordinals, *lex.fractions, "decade", "century", "twice"]
        extra = "|".join(r.entry["anchor"] for r in self.rules if r.entry.get("anchor"))
        words = alternation((w.split()[-1] for w in anchor_words), word_edges=False)
        self.anchor = re.compile(rf"\d|(?i:\b(?:{words}{'|' + extra if extra else ''}))")
        # The same words, matched at a word start only: the windows come from digit runs and these.
        self._anchor_word = re.compile(rf"(?i:(?:{words}{'|' + extra if extra else ''}))")
        first_letters = {w.split()[-1][:1].lower() for w in anchor_words}
        first_letters |= {w[:1].lower() for w in extra.split("|") if w}
        self._anchor_initials = frozenset(first_letters | {c.upper() for c in first_letters})
        change_verbs = [w for w, _, _, _ in lex.change_before if " " not in w]
        # "rose from 3.8% to 4.4%" gives two levels; "cost from $2 million to $3 million" is a range.
        self._change_from = re.compile(
            rf"(?i:(?<!\w){alternation(change_verbs)}(?:\s+[\w'’-]+){{0,3}}?\s+from\s*$)"
        )
        # "rose 18 sen to RM23.50": a change, then the level it reached; never a range.
        self._changed = re.compile(rf"(?i:(?<!\w){alternation(change_verbs)}(?:\s+by)?(?:\s+[\w'’-]+){{0,2}}?\s*$)")
        # "fell by 6,000 to 221,000": the size of a change, then the level reached
        self._changed_by = re.compile(rf"(?i:(?<!\w){alternation(change_verbs)}(?:\s+[\w'’-]+){{0,2}}?\s+by\s*$)")
        year = next((e.entry for e in self.exclusions if e.entry.get("type") == "year"), None)
        self.year_rule: tuple[str, int, int] | None = (
            (year["id"], int(year["min"]), int(year["max"])) if year else None
        )

    def _needs(self, entry: dict[str, Any]) -> re.Pattern[str] | None:
        """A cheap pre-test for a rule: the words one of its required fragments must find in a window."""
        lex = self.lex
        required = {
            "CUR_PRE": list(lex.currency_prefix),
            "CUR_NAME": [*lex.currency_names, *lex.currency_prefix],
            "CUR_MINOR": list(lex.currency_minor),
            "PCT": lex.unit_forms({"percent"})[0] + lex.unit_forms({"percent"})[1],
            "DUR": lex.unit_forms({"duration"})[0] + lex.unit_forms({"duration"})[1],
        }
        names = [name for name in required if "{" + name + "}" in entry.get("template", "")]
        if len(names) != 1:
            return None
        words = sorted({w.lower() for w in required[names[0]]}, key=len, reverse=True)
        return re.compile("(?i:" + "|".join(re.escape(w) for w in words) + ")")

    def _compile_anchor(self, entry: dict[str, Any]) -> re.Pattern[str] | None:
        """The rule's ``anchor``: words every match of it holds; the rule runs only around them."""
        if not entry.get("anchor"):
            return None
        try:
            return re.compile(f"(?i:{entry['anchor']})")
        except re.error as exc:
            raise PatternError(f"pattern {entry.get('id')!r}: bad anchor: {exc}") from None

    def _compile_exclusion(self, entry: dict[str, Any]) -> regex.Pattern[str]:
        """Compile an exclusion's regex with ``regex``, which scans a whole text for these about twice as fast.

        The matches are those of ``re``; the value rules stay with ``re``, which compiles them faster.
        """
        try:
            return regex.compile(self.lex.expand(entry["regex"]), regex.VERSION0)
        except (regex.error, TypeError) as exc:
            raise PatternError(f"pattern {entry.get('id')!r}: bad regex: {exc}") from None

    def _compile(self, entry: dict[str, Any], key: str) -> re.Pattern[str]:
        try:
            source = entry[key]
            if key == "template" and source.endswith("{PER}"):
                source = source[: -len("{PER}")]
            return re.compile(self.lex.expand(source))
        except (re.error, KeyError, TypeError) as exc:
            raise PatternError(f"pattern {entry.get('id')!r}: bad {key}: {exc}") from None

    # -- public --------------------------------------------------------------------------------
    def find(self, text: str) -> list[Candidate]:
        """Return the non-overlapping candidates of ``text``, in text order, exclusions applied."""
        found: list[Candidate] = []
        digit_runs = [m.span() for m in _DIGITS.finditer(text)]
        word_starts = [(m.start(), m.group()) for m in _WORD_START.finditer(text)]
        windows = self._windows(text, digit_runs, word_starts)
        lead_starts: dict[str, list[int]] = {}
        starts: dict[tuple[str, int], list[int]] = {}
        near: dict[str, list[tuple[int, int]]] = {}  # windows around each rule anchor's hits
        for rule in self.rules:
            rule_windows = windows
            if rule.anchor is not None:
                rule_windows = near.get(rule.anchor.pattern)  # type: ignore[assignment]
                if rule_windows is None:
                    hits = [m.span() for m in rule.anchor.finditer(text)]
                    rule_windows = near[rule.anchor.pattern] = self._around(text, hits, _ANCHOR_BEFORE, _TRAIL)
            for win_start, win_end in rule_windows:
                if rule.needs is not None and rule.needs.search(text, win_start, win_end) is None:
                    continue  # the window holds none of the words this rule needs (no currency, no unit)
                matches: list[re.Match[str] | _Rated]
                if rule.lead is None:
                    matches = self._scan(rule, text, win_start, win_end)
                else:
                    key = (rule.lead, win_start)
                    if key not in starts:
                        if rule.lead not in lead_starts:
                            lead_starts[rule.lead] = self._starts(rule.lead, text, digit_runs, word_starts)
                        starts[key] = [p for p in lead_starts[rule.lead] if win_start <= p < win_end]
                    matches = self._matches_at(rule, text, starts[key], win_end)
                for match in matches:
                    found.extend(self._interpret(rule, match, text))
        chosen = self._merge_ranges(self._resolve_overlaps(found), text)
        spans = self.excluded_spans(text)
        return [c for c in chosen if not self._is_excluded(c, spans)]

    def _matches_at(self, rule: _Rule, text: str, starts: list[int], end: int) -> list[re.Match[str] | _Rated]:
        """What ``rule.pattern.finditer(text, ..., end)`` finds, trying only the positions in ``starts``.

        Exact when no match can begin elsewhere (the pattern opens with the fragment ``starts`` came
        from): the first position that matches is the leftmost match, and the search goes on after it.
        """
        matches: list[re.Match[str] | _Rated] = []
        resume = -1
        for position in starts:
            if position < resume:
                continue
            match = rule.pattern.match(text, position, end)
            if match is not None:
                rated = self._rated(rule, text, match, end)
                matches.append(rated)
                resume = max(rated.end(), position + 1)
        return matches

    def _scan(self, rule: _Rule, text: str, start: int, end: int) -> list[re.Match[str] | _Rated]:
        """What ``rule.pattern.finditer(text, start, end)`` finds, each match with the rate words after it."""
        if not rule.per:
            return list(rule.pattern.finditer(text, start, end))
        matches: list[re.Match[str] | _Rated] = []
        position = start
        while (match := rule.pattern.search(text, position, end)) is not None:
            rated = self._rated(rule, text, match, end)
            matches.append(rated)
            position = max(rated.end(), match.start() + 1)
        return matches

    def _rated(self, rule: _Rule, text: str, match: re.Match[str], end: int) -> re.Match[str] | _Rated:
        """The match with the rate words after it ("a barrel", "per person per day"), when its rule reads them."""
        if not rule.per:
            return match
        rate = self._per.match(text, match.end(), end)
        return match if rate is None or rate.end() == match.end() else _Rated(match, rate)

    def _merge_ranges(self, cands: list[Candidate], text: str) -> list[Candidate]:
        """Join "X unit to Y unit" and "between X unit and Y unit" into one range candidate."""
        merged: list[Candidate] = []
        for cand in cands:
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and not prev.bare
                and prev.amount_high is None
                and cand.amount_high is None
                and (prev.kind, prev.unit) == (cand.kind, cand.unit)
                and cand.amount > prev.amount
            ):
                gap = text[prev.end : cand.start]
                before = text[max(0, prev.start - 40) : prev.start]
                changed = self._changed.search(before) is not None
                if changed and self._changed_by.search(before) and cand.amount < 5 * prev.amount:
                    changed = False  # "to grow by 2% to 3%": after "by", two close figures are a range
                to_range = not self._change_from.search(before) and not changed
                if (re.fullmatch(r"\s*(?:[-–—]|to)\s*", gap) and to_range) or (
                    re.fullmatch(r"\s+and\s+", gap) and _BETWEEN.search(before)
                ):
                    merged[-1] = replace(prev, end=cand.end, num_end=cand.num_end, amount_high=cand.amount)
                    continue
            merged.append(cand)
        return merged

    def _starts(
        self, lead: str, text: str, digit_runs: list[tuple[int, int]], word_starts: list[tuple[int, str]]
    ) -> list[int]:
        """Where the leading fragment ``lead`` matches: tried only where a number or a number word starts.

        Same as scanning the whole text with the fragment: it opens with digits (maybe after a sign or a
        decimal point) or with a number word, always after a non-word character.
        """
        pattern, initials = self._lead_starts[lead], self._lead_initials.get(lead, frozenset())
        tried: set[int] = set()
        for start, _ in digit_runs:
            tried.add(start)
            if start and text[start - 1] in "-−+.":
                tried.add(start - 1)
        tried.update(p for p, first in word_starts if first in initials)
        return [p for p in sorted(tried) if pattern.match(text, p) is not None]

    def _windows(
        self, text: str, digit_runs: list[tuple[int, int]] | None = None,
        word_starts: list[tuple[int, str]] | None = None,
    ) -> list[tuple[int, int]]:
        """Return merged stretches of text around every number-like word: the only places a rule can match.

        Running the rules on these windows rather than on the whole text keeps extraction cheap on long
        articles; a window ends at a space so that no number or word is cut.
        """
        if digit_runs is None or word_starts is None:
            digit_runs = [m.span() for m in _DIGITS.finditer(text)]
            word_starts = [(m.start(), m.group()) for m in _WORD_START.finditer(text)]
        hits = list(digit_runs)
        initials, word = self._anchor_initials, self._anchor_word
        for position, first in word_starts:
            if first in initials:
                found = word.match(text, position)
                if found is not None:
                    hits.append(found.span())
        hits.sort()
        return self._around(text, hits, _LEAD, _TRAIL)

    @staticmethod
    def _around(text: str, hits: list[tuple[int, int]], before: int, after: int) -> list[tuple[int, int]]:
        """Merge the stretches from ``before`` characters ahead of each hit to the first space ``after`` past it.

        ``hits`` are (start, end) spans in text order.
        """
        windows: list[tuple[int, int]] = []
        for hit_start, hit_end in hits:
            start = max(0, hit_start - before)
            end = hit_end + after
            space = text.find(" ", end)
            end = len(text) if space < 0 else space
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((start, end))
        return windows

    def excluded_spans(self, text: str) -> list[tuple[int, int, str]]:
        """Return (start, end, rule id) of every span that holds no claim (dates, names, times)."""
        spans = []
        for exc in self.exclusions:
            if exc.pattern is None:
                continue
            spans.extend((m.start(), m.end(), exc.id) for m in exc.pattern.finditer(text))
        return spans

    def is_year(self, cand: Candidate, text: str) -> bool:
        """True when a bare candidate is a four-digit integer in the year range (or a range of two)."""
        if self.year_rule is None or not cand.bare:
            return False
        raw = text[cand.num_start : cand.num_end]
        if not re.fullmatch(r"\d{4}(?:\s*(?:[-–—]|to|and)\s*\d{2,4})?", raw):
            return False
        _, low, high = self.year_rule
        return all(low <= v <= high for v in (cand.amount, cand.amount_high) if v is not None and v >= 100)

    # -- internals -----------------------------------------------------------------------------
    @staticmethod
    def _is_excluded(cand: Candidate, spans: list[tuple[int, int, str]]) -> bool:
        for start, end, _ in spans:
            if start < cand.num_end and cand.num_start < end:
                # A unit-bearing figure that starts the excluded span itself ("RM5") stays.
                if not cand.bare and cand.start <= start:
                    continue
                return True
        return False

    @staticmethod
    def _resolve_overlaps(found: list[Candidate]) -> list[Candidate]:
        found.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
        taken: list[Candidate] = []
        for cand in found:
            if all(cand.end <= t.start or cand.start >= t.end for t in taken):
                taken.append(cand)
        taken.sort(key=lambda c: c.start)
        return taken

    def _unit_of(self, words: str | None) -> tuple[str, str | None, str, float]:
        """Return (unit, unit rule, kind, factor) for unit words."""
        if not words:
            return "", None, "", 1.0
        info = self.lex.units_exact.get(words) or self.lex.units.get(re.sub(r"\s+", " ", words.lower()))
        if info is None:
            return "", None, "", 1.0
        return info.unit, info.rule, info.kind, info.factor

    def _currency(self, match: re.Match[str] | _Rated) -> tuple[str, str | None, float]:
        """Return (ISO code, currency rule, factor) for the currency groups of a money match."""
        lex = self.lex
        groups = match.groupdict()
        code, factor = "", 1.0
        if groups.get("cur"):
            code = lex.currency_prefix.get(re.sub(r"\s+", " ", groups["cur"]), "")
            if code == "USD" or (groups.get("cur_post") and groups["cur"] == "$"):
                code = "USD"
        elif groups.get("curname"):
            name = re.sub(r"\s+", " ", groups["curname"])
            code = lex.currency_names.get(name.lower()) or lex.currency_prefix.get(name, "")
        elif groups.get("curminor"):
            code, factor = lex.currency_minor[re.sub(r"\s+", " ", groups["curminor"].lower())]
        elif groups.get("curminor_att"):
            code, factor = lex.currency_minor_attached[groups["curminor_att"]]
        elif groups.get("cur_scaled"):
            code = lex.currency_scaled_names.get(groups["cur_scaled"].lower(), "")
        return code, lex.currency_rule.get(code), factor

    def _interpret(self, rule: _Rule, match: re.Match[str] | _Rated, text: str) -> list[Candidate]:
        groups = match.groupdict()
        entry = rule.entry
        lex = self.lex
        if groups.get("ord"):
            raw = groups["ord"].lower()
            value = lex.ordinals.get(raw)
            if value is None:
                value = int(re.sub(r"\D", "", raw))
            span = match.span("ord")
            end = match.end("sup") if groups.get("sup") else span[1]
            return [
                Candidate(span[0], end, span[0], span[1], rule.id, "rank", value, None, "rank",
                          text[span[0]:end], False, priority=rule.priority)
            ]
        if groups.get("frac"):
            span = match.span("frac")
            value = lex.fractions[re.sub(r"\s+", " ", groups["frac"].lower())]
            if groups.get("unit"):  # "half a mile", "a quarter of an inch": a quantity in that unit
                f_unit, f_rule, f_kind, f_factor = self._unit_of(groups["unit"])
                if not f_unit:
                    return []
                return [Candidate(span[0], match.end(), span[0], span[1], rule.id, f_kind, clean(value * f_factor),
                                  None, f_unit, groups["unit"], False, word_number=True, unit_rule=f_rule,
                                  priority=rule.priority)]
            return [Candidate(span[0], span[1], span[0], span[1], rule.id, "ratio", clean(value), None,
                              "", "", False, word_number=True, priority=rule.priority)]
        n1 = groups.get("n1")
        if n1 is None:
            return []
        if "value" in entry:
            amount: float | None = float(entry["value"])
        elif groups.get("den"):
            num, den = parse_core(n1, lex), parse_core(groups["den"], lex)
            amount = num / den if num is not None and den else None
        elif n1.strip().lower() in ("a", "one", "half a"):
            amount = 0.5 if n1.strip().lower().startswith("half") else 1.0
        else:
            amount = parse_core(n1, lex)
        if amount is None:
            return []
        word_number = not (n1.lstrip("+-−")[:1].isdigit() or n1.lstrip("+-−")[:1] == ".")
        scale1 = scale_of(groups.get("s1"), lex)
        amount *= scale1

        # unit and kind
        kind, unit, unit_text, unit_rule, factor = rule.kind, str(entry.get("unit", "")), "", None, 1.0
        if rule.kind == "money":
            unit, unit_rule, factor = self._currency(match)
            if not unit:
                return []
            for g in ("cur", "curname", "curminor", "curminor_att", "cur_scaled"):
                if groups.get(g):
                    unit_text = groups[g]
        elif groups.get("unit"):
            unit_text = groups["unit"]
            if "unit" in entry:
                unit_rule = rule.id
            else:
                unit, unit_rule, kind_of_unit, factor = self._unit_of(unit_text)
                if not unit:
                    return []
                if rule.kind in ("quantity", "duration", "percent") and not groups.get("age"):
                    kind = kind_of_unit
        if groups.get("age"):
            unit_text = text[match.start("unit"):match.end("age")]
        for per in (groups.get("per"), groups.get("per2")):  # "185 litres per person per day"
            if not per:
                break
            per_unit, _, _, per_factor = self._unit_of(per)
            if per_unit and per_factor != 1.0:
                # "11 feet per century": the rate keeps its period (a century is no year)
                per_unit = re.sub(r"ies$", "y", per.lower()).removesuffix("s")
            if not per_unit:
                break
            unit = f"{unit}/{per_unit}"
        amount *= factor

        bare = rule.id == "number.bare" or (rule.kind == "quantity" and not unit and not groups.get("unit"))
        signed = n1.strip()[:1] if n1.strip()[:1] in "+-−" else ""
        signed = "-" if signed == "−" else signed
        num_start = match.start("n1")
        num_end = match.end("s1") if groups.get("s1") else match.end("n1")

        # ranges
        high: float | None = None
        n2 = groups.get("n2")
        if n2 is not None:
            high = parse_core(n2, lex)
            sep = (groups.get("sep") or "").strip().lower()
            before = text[max(0, match.start() - 40):match.start()]
            is_range = high is not None and (
                sep in ("-", "–", "—", "to-", "-to-")
                or (sep == "to" and not self._change_from.search(before))
                or (sep == "and" and _BETWEEN.search(before))
            )
            if is_range and sep == "to" and self._changed_by.search(before) and high is not None \
                    and high * scale_of(groups.get("s2"), lex) >= 5 * (parse_core(n1, lex) or 0) * scale1:
                is_range = False  # "fell by 6,000 to 221,000"; "dropped by 1 to 1.5 degrees" stays a range
            if sep in ("-", "–", "—") and re.fullmatch(r"\d{4}", n1.strip()) and not unit:
                is_range = False
            year_first = re.fullmatch(r"(?:1[5-9]|20|21)\d\d", n1.strip()) is not None
            if year_first and (groups.get("s2") or not re.fullmatch(r"\d{4}", n2.strip())):
                is_range = False  # "in 2024 to 17.1 million tonnes", "in 2022 to 131": a year, then a figure
            if high is not None and high * scale_of(groups.get("s2"), lex) < (parse_core(n1, lex) or 0) * scale1:
                if sep in ("-", "–", "—"):
                    return []  # "a 3-1 win": a score, no figure
                is_range = False  # "from 84 in 2022 to 131": two figures
            if not is_range:
                first_end = num_end
                second_start = match.start("cur2") if groups.get("cur2") else match.start("n2")
                first = Candidate(
                    match.start(), first_end, num_start, num_end, rule.id, kind, clean(amount), None, unit,
                    unit_text, bare, signed, word_number, unit_rule, rule.priority,
                )
                second_amount = high * scale_of(groups.get("s2"), lex) * factor
                second = Candidate(
                    second_start, match.end(), match.start("n2"),
                    match.end("s2") if groups.get("s2") else match.end("n2"), rule.id, kind,
                    clean(second_amount), None, unit, unit_text, bare, "", word_number, unit_rule, rule.priority,
                )
                if rule.kind == "money" and not groups.get("cur2"):
                    second = replace(second, start=match.start("n2"))
                if sep == "and" and groups.get("cur"):
                    if not groups.get("cur2"):  # "$20 and 30 people": the prefix belongs to the first number only
                        second = replace(second, kind="quantity", unit="", unit_text="", bare=True, unit_rule=None,
                                         rule="number.bare")
                elif sep == "and" or year_first:
                    # "2.6 percent in 2023 and 1.5 percent", "in 2024 to 17.1 million tonnes":
                    # the unit belongs to the second number only.
                    first = replace(first, kind="quantity", unit="", unit_text="", bare=True, unit_rule=None,
                                    rule="number.bare", end=num_end if not groups.get("cur") else first_end)
                return [first, second]
            scale2 = scale_of(groups.get("s2"), lex)
            assert high is not None
            if not groups.get("s1") and scale2 != 1.0 and parse_core(n1, lex) is not None:
                raw1 = parse_core(n1, lex) or 0.0
                if raw1 <= high:
                    amount *= scale2
            high = high * scale2 * factor
            num_end = match.end("s2") if groups.get("s2") else match.end("n2")
            if high < amount:
                return []
        return [
            Candidate(
                match.start(), match.end(), num_start, num_end, rule.id, kind, clean(amount),
                clean(high) if high is not None else None, unit, unit_text, bare, signed, word_number,
                unit_rule, rule.priority, entry.get("change"),
            )
        ]
