"""Turn the word lists of a rule set into regex fragments and lookup tables.

Nothing here knows English: every word comes from the pattern files (numbers, currencies, units,
qualifiers). The fragments are substituted into the ``{PLACEHOLDER}`` templates of ``rules.jsonl`` and
``exclusions.jsonl``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from factex.ruleset import RuleSet

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun"


def alternation(words: Iterable[str], *, word_edges: bool = True, leading_edge: bool = True) -> str:
    """Build a longest-first regex alternation of literal words (spaces match any run of spaces).

    With ``word_edges``, a word that starts (ends) with a letter or digit must start (end) at a word
    boundary. Words are grouped by the edges they need, so the pattern stays short (regex compile time
    grows with pattern length, and these alternations go into every rule).
    """
    groups: dict[tuple[bool, bool], list[str]] = {}
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        lead = word_edges and leading_edge and word[:1].isalnum()
        trail = word_edges and word[-1:].isalnum()
        groups.setdefault((lead, trail), []).append(re.escape(word).replace(r"\ ", r"\s+"))
    if not groups:
        return "(?!)"
    parts = []
    for (lead, trail), escaped in groups.items():
        body = "(?:" + "|".join(escaped) + ")"
        parts.append((r"\b" if lead else "") + body + (r"(?!\w)" if trail else ""))
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class UnitInfo:
    """What a unit word means: the claim kind, canonical unit, and a multiplier (decade = 10 years)."""

    rule: str
    kind: str
    unit: str
    factor: float = 1.0
    pint: str | None = None


@dataclass
class Lexicon:
    """Lookup tables and regex fragments built from one rule set."""

    number_words: dict[str, float] = field(default_factory=dict)
    tens_words: dict[str, float] = field(default_factory=dict)
    scale_words: dict[str, float] = field(default_factory=dict)
    scale_abbrevs: dict[str, float] = field(default_factory=dict)
    free_scale_abbrevs: dict[str, float] = field(default_factory=dict)
    fractions: dict[str, float] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    vague: dict[str, tuple[float, float]] = field(default_factory=dict)
    and_fractions: dict[str, float] = field(default_factory=dict)
    and_fraction_tails: tuple[str, ...] = ()
    currency_prefix: dict[str, str] = field(default_factory=dict)
    currency_names: dict[str, str] = field(default_factory=dict)
    currency_scaled_names: dict[str, str] = field(default_factory=dict)
    currency_minor: dict[str, tuple[str, float]] = field(default_factory=dict)
    currency_minor_attached: dict[str, tuple[str, float]] = field(default_factory=dict)
    currency_guarded_prefix: dict[str, str] = field(default_factory=dict)
    currency_rule: dict[str, str] = field(default_factory=dict)
    units: dict[str, UnitInfo] = field(default_factory=dict)
    units_exact: dict[str, UnitInfo] = field(default_factory=dict)
    approx_before: list[tuple[str, str, str]] = field(default_factory=list)
    approx_after: list[tuple[str, str, str]] = field(default_factory=list)
    approx_not_after: dict[str, tuple[str, ...]] = field(default_factory=dict)
    change_before: list[tuple[str, str, str, tuple[str, ...]]] = field(default_factory=list)
    change_after: list[tuple[str, str, str, tuple[str, ...]]] = field(default_factory=list)
    change_with_by: list[tuple[str, str, str]] = field(default_factory=list)
    fragments: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_ruleset(cls, ruleset: RuleSet) -> Lexicon:
        """Build the tables and fragments of a rule set."""
        lex = cls()
        lex._read_numbers(ruleset.entries("numbers"))
        lex._read_currencies(ruleset.entries("currencies"))
        lex._read_units(ruleset.entries("units"))
        lex._read_qualifiers(ruleset.entries("qualifiers"))
        lex._build_fragments()
        return lex

    # -- readers -------------------------------------------------------------------------------
    def _read_numbers(self, entries: Iterable[dict[str, Any]]) -> None:
        tables: dict[str, dict[str, Any]] = {
            "word": self.number_words,
            "tens": self.tens_words,
            "scale": self.scale_words,
            "scale_abbrev": self.scale_abbrevs,
            "scale_abbrev_free": self.free_scale_abbrevs,
            "fraction": self.fractions,
            "ordinal": self.ordinals,
            "vague": self.vague,
        }
        and_fractions: dict[str, float] = {}
        for entry in entries:
            if entry.get("type") == "and_fraction":
                and_fractions.update({w.lower(): float(v) for w, v in entry.get("words", {}).items()})
                continue
            table = tables.get(entry.get("type", ""))
            if table is None:
                continue
            for word, value in entry.get("words", {}).items():
                key = word if entry["type"].startswith("scale_abbrev") else word.lower()
                table[key] = tuple(value) if isinstance(value, list) else value
        # "two and a half": every one-word number with each fraction (read whole, like "a dozen")
        for word, value in [*self.number_words.items(), *self.tens_words.items()]:
            if " " not in word and value:
                for tail, fraction in and_fractions.items():
                    self.and_fractions[f"{word} {tail}"] = value + fraction
        for words, value in self.and_fractions.items():
            self.number_words.setdefault(words, value)
        self.and_fraction_tails = tuple(and_fractions)

    def _read_currencies(self, entries: Iterable[dict[str, Any]]) -> None:
        for entry in entries:
            code = entry["code"]
            self.currency_rule[code] = entry["id"]
            for form in entry.get("prefix", []):
                self.currency_prefix.setdefault(form, code)
            for form in entry.get("names", []):
                self.currency_names.setdefault(form.lower(), code)
            for form in entry.get("scaled_names", []):
                self.currency_scaled_names.setdefault(form.lower(), code)
            for form in entry.get("guarded_prefix", []):
                # "R3.9 billion", "R22.40": a prefix too short to read alone ("R2" is a name as often as
                # rand), a currency only before a scale word or cents. Like a scaled name, it is read
                # through the ``cur_scaled`` group of the rule that guards it.
                self.currency_guarded_prefix.setdefault(form, code)
                self.currency_scaled_names.setdefault(form.lower(), code)
            factor = float(entry.get("minor_factor", 0.01))
            for form in entry.get("minor", []):
                self.currency_minor.setdefault(form.lower(), (code, factor))
            for form in entry.get("minor_attached", []):
                self.currency_minor_attached.setdefault(form, (code, factor))

    def _read_units(self, entries: Iterable[dict[str, Any]]) -> None:
        for entry in entries:
            info = UnitInfo(
                rule=entry["id"],
                kind=entry["kind"],
                unit=entry["unit"],
                factor=float(entry.get("factor", 1)),
                pint=entry.get("pint"),
            )
            for form in entry.get("forms", []):
                self.units.setdefault(form.lower(), info)
            for form in entry.get("abbrev", []):
                self.units_exact.setdefault(form, info)

    def _read_qualifiers(self, entries: Iterable[dict[str, Any]]) -> None:
        for entry in entries:
            kind, where = entry.get("type"), entry.get("where")
            for word in entry.get("words", []):
                if kind == "approx" and where == "before":
                    self.approx_before.append((word.lower(), entry["approx"], entry["id"]))
                    if entry.get("not_after"):
                        self.approx_not_after[word.lower()] = tuple(w.lower() for w in entry["not_after"])
                elif kind == "approx" and where == "after":
                    self.approx_after.append((word.lower(), entry["approx"], entry["id"]))
                elif kind == "change" and where == "before" and entry.get("with_by"):
                    self.change_with_by.append((word.lower(), entry["change"], entry["id"]))
                elif kind == "change" and where == "before":
                    not_after = tuple(w.lower() for w in entry.get("not_after", []))
                    self.change_before.append((word.lower(), entry["change"], entry["id"], not_after))
                elif kind == "change" and where == "after":
                    stop = tuple(w.lower() for w in entry.get("not_followed_by", []))
                    self.change_after.append((word.lower(), entry["change"], entry["id"], stop))

    # -- fragments -----------------------------------------------------------------------------
    def unit_forms(self, kinds: set[str]) -> tuple[list[str], list[str]]:
        """Return (case-insensitive forms, case-sensitive abbreviations) of units of the given kinds."""
        forms = [f for f, info in self.units.items() if info.kind in kinds]
        abbrevs = [f for f, info in self.units_exact.items() if info.kind in kinds]
        return forms, abbrevs

    def _units_fragment(self, kinds: set[str], group: str) -> str:
        forms, abbrevs = self.unit_forms(kinds)
        # No leading word edge: "35bps" and "278kg" attach units to the number.
        inner = alternation(forms, leading_edge=False)
        inner = f"(?:(?i:{inner})|{alternation(abbrevs, leading_edge=False)})" if abbrevs else f"(?i:{inner})"
        return f"(?P<{group}>{inner})"

    def _build_fragments(self) -> None:
        plain_words = [k for k in self.number_words if k not in self.and_fractions]
        units_words = alternation(k for k in plain_words if " " in k)
        if self.and_fraction_tails:
            # "two and a half": written as one pattern rather than one alternative per number word
            heads = alternation({k.split()[0] for k in self.and_fractions})
            units_words = rf"(?:{heads}\s+{alternation(self.and_fraction_tails)}|{units_words})"
        scale_words = alternation(self.scale_words)
        # Number words: "twenty-five", "three hundred", "a dozen"; scale words follow separately.
        simple = [k for k in self.number_words if " " not in k]
        first = alternation([*simple, *self.tens_words], word_edges=False)
        following = alternation([*simple, *self.tens_words, *self.scale_words], word_edges=False)
        # "twenty-eight thousand six hundred forty-two": a run of number words, read by parse_core;
        # a scale word ends the run only when it is followed by no number word ("three million").
        compound = rf"\b{first}(?:(?:[-\s]+and)?[-\s]+{following})*(?!\w)"
        word_number = rf"(?i:{compound}|{units_words})"
        digits = (
            r"(?:(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+|\d+)(?:\.\d+)?"
            r"|(?<![\w.,])\.\d+)"
        )
        sign = r"(?:(?<![\w\-−–.,])[-−+](?=\d))?"
        core = rf"(?:{sign}(?:{digits}(?![\d])|{word_number}))"
        # After a currency prefix the number may touch it ("INR1 trillion", "RM23.50").
        core_money = core.replace(r"(?<![\w.,])", r"(?<![\d.,])")
        free_abbrev = alternation(self.free_scale_abbrevs, word_edges=False)
        unit_or_noun = r"(?:of\b|[A-Za-z-]{2,}s\b)"
        scale = (
            rf"(?:\s?(?i:{scale_words})(?:\s(?i:{scale_words}))?(?!\w)"
            rf"|(?<=\d)\s?{free_abbrev}(?!\w)|(?<=\d)(?:M|K)(?![\w])"
            rf"|(?<=\d)m(?=\s+{unit_or_noun}))"  # "12.3m tonnes", "35m of its devices"
        )
        money_abbrev = alternation(self.scale_abbrevs, word_edges=False)
        money_scale = rf"(?:{scale}|(?<=\d)\s?{money_abbrev}(?!\w))"
        range_sep = (
            r"(?:[-–—]|\s+[-–—]\s+|\s+to\s+|\s*-to-\s*|\s+to-"
            r"|\s+and\s+)"  # "and" makes a range only after "between" (checked by the finder)
        )
        cur_prefix = alternation(self.currency_prefix, word_edges=False)
        cur_prefix = rf"(?<![\w$])(?:{cur_prefix})(?![A-Za-z])"
        per_sep = r"(?:\s*/\s*|\s+(?i:a|an|per|each|every)\s+)"
        per_unit = rf"(?i:{alternation(list(self.units))})|{alternation(self.units_exact)}"
        not_time = r"(?!\s+(?:earlier|ago|before|later|after|previously)\b)"
        self.fragments = {
            "NUMCORE": core,
            "NUMWORD": word_number,
            "MONTH": MONTHS,
            "WEEKDAY": WEEKDAYS,
            "Q": (
                rf"(?P<n1>{core})(?P<s1>{scale})?"
                rf"(?:(?P<sep>{range_sep})(?P<n2>{core})(?P<s2>{scale})?)?"
            ),
            "QSCALED": rf"(?P<n1>{core})(?P<s1>{scale})",
            "QM": (
                rf"(?P<n1>{core_money})(?P<s1>{money_scale})?"
                rf"(?:(?P<sep>{range_sep})(?:(?P<cur2>{cur_prefix})\s?)?(?P<n2>{core_money})(?P<s2>{money_scale})?)?"
            ),
            "CUR_PRE": rf"(?P<cur>{cur_prefix})",
            "CUR_NAME": f"(?P<curname>(?i:{alternation(self.currency_names)})|{alternation(self.currency_prefix)})",
            "CUR_MINOR": f"(?P<curminor>(?i:{alternation(self.currency_minor)}))",
            "CUR_MINOR_ATTACHED": f"(?P<curminor_att>{alternation(self.currency_minor_attached, leading_edge=False)})",
            "NUMWORD_BARE": f"(?i:{alternation([*plain_words, *self.tens_words], word_edges=False)})",
            "PCT": self._units_fragment({"percent"}, "unit"),
            "UNIT": self._units_fragment({"quantity"}, "unit"),
            "DUR": self._units_fragment({"duration"}, "unit"),
            "ORD": (
                rf"(?P<ord>(?i:{alternation(self.ordinals)})|(?<![\w.,])\d+(?:st|nd|rd|th)(?!\w))"
            ),
            "FRAC": f"(?P<frac>(?i:{alternation(self.fractions)}))",
            # "71 bushels per acre", "185 litres per person per day": one or two units a rate is per
            "PER": (
                rf"(?:{per_sep}(?P<per>{per_unit}){not_time}(?:{per_sep}(?P<per2>{per_unit}){not_time})?)?"
            ),
            "CUR_GUARDED": f"(?P<cur_scaled>{alternation(self.currency_guarded_prefix, word_edges=False)})",
        }

    def expand(self, template: str) -> str:
        """Substitute ``{NAME}`` fragments into a template (unknown names are left untouched)."""

        def sub(match: re.Match[str]) -> str:
            return self.fragments.get(match.group(1), match.group(0))

        return re.sub(r"\{([A-Z_]+)\}", sub, template)
