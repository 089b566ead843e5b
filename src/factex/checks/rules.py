"""The check rules of ``patterns/checks.jsonl``: cue words, roles, balances, aliases, read into regexes.

Every entry has an ``id``; every check names the entry that made it (``rule``). Code interprets,
data describes: a new comparison verb or trade term is one more word in the file.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any


def words_regex(words: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive regex for a list of words and phrases, longest first, on word boundaries."""
    items = sorted({w for w in words if w}, key=len, reverse=True)
    if not items:
        return None
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)
    return re.compile(rf"(?i)(?<![\w-])(?:{alts})(?![\w-])")


def ends_with(regex: re.Pattern[str] | None, text: str) -> re.Match[str] | None:
    """A match of ``regex`` that ends ``text`` (only spaces and commas after it)."""
    if regex is None:
        return None
    return _ending(regex).search(text)


@functools.lru_cache(maxsize=256)
def _ending(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` followed by nothing but spaces and commas to the end of the text (compiled once)."""
    return re.compile(f"(?:{regex.pattern.removeprefix('(?i)')})" + r"[\s,]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    """A rule: its id, the words that trigger it, and a mapping of words to meanings."""

    id: str
    regex: re.Pattern[str] | None
    meanings: Mapping[str, Any] = field(default_factory=dict)

    def ends(self, text: str) -> re.Match[str] | None:
        """A match of the cue that ends the text (only spaces and commas after it)."""
        return ends_with(self.regex, text)

    def meaning(self, word: str) -> Any:
        """What a matched word means (a relation, a factor, ...), by its normalized form."""
        return self.meanings.get(" ".join(word.lower().split()))


@dataclass(frozen=True)
class Balance:
    """An identity between roles: ``result = sum(sign * term)`` (surplus = exports - imports)."""

    id: str
    result: str
    terms: Mapping[str, int]


@dataclass(frozen=True)
class CheckRules:
    """Every check rule, ready to use."""

    entries: Mapping[str, Mapping[str, Any]]
    compare: tuple[Cue, ...]
    passive: str
    margin: Cue
    stop: re.Pattern[str] | None
    sum_total: Cue
    list_open: Cue
    list_exhaustive: frozenset[str]
    roles: tuple[Cue, ...]
    balances: tuple[Balance, ...]
    share_strong: Cue
    share_weak: Cue
    share_total_words: re.Pattern[str] | None
    ratio_restated: Cue
    ratio_words: Cue
    ratio_qualifiers: Cue
    up: re.Pattern[str] | None
    down: re.Pattern[str] | None
    from_words: re.Pattern[str] | None
    difference: Cue
    annualized: Cue
    rank_ties: re.Pattern[str] | None
    conversion: Cue
    per_unit: Cue
    aliases: Mapping[str, str]
    synonyms: Mapping[str, str]

    def rule(self, rule_id: str) -> Mapping[str, Any]:
        """The entry with this id (empty when the rule set lacks it)."""
        return self.entries.get(rule_id, MappingProxyType({}))

    @classmethod
    def from_entries(cls, entries: Iterable[Mapping[str, Any]]) -> CheckRules:
        """Build the rules from the entries of ``checks.jsonl`` (later ids replace earlier ones)."""
        by_id: dict[str, Mapping[str, Any]] = {}
        for entry in entries:
            by_id[entry["id"]] = MappingProxyType(dict(entry))

        def of_type(kind: str) -> list[Mapping[str, Any]]:
            return [e for e in by_id.values() if e.get("type") == kind]

        def cue(rule_id: str, key: str = "words") -> Cue:
            entry = by_id.get(rule_id, {})
            data = entry.get(key, ())
            meanings = {" ".join(k.lower().split()): v for k, v in data.items()} if isinstance(data, dict) else {}
            return Cue(rule_id, words_regex(data), MappingProxyType(meanings))

        def plain(rule_id: str, key: str) -> re.Pattern[str] | None:
            return words_regex(by_id.get(rule_id, {}).get(key, ()))

        share = by_id.get("check.share.part-of-whole", {})
        listing = by_id.get("check.sum.list", {})
        aliases: dict[str, str] = {}
        for entry in of_type("aliases"):
            for group in entry.get("groups", ()):
                for name in group:
                    aliases[name.lower()] = group[0].lower()
        synonyms: dict[str, str] = {}
        for entry in of_type("synonyms"):
            synonyms.update({k.lower(): v.lower() for k, v in entry.get("map", {}).items()})
        return cls(
            entries=MappingProxyType(by_id),
            compare=tuple(cue(e["id"], "relations") for e in of_type("compare")),
            passive=str(by_id.get("check.compare.verb", {}).get("passive", "by")),
            margin=cue("check.compare.margin"),
            stop=plain("check.compare.stop", "words"),
            sum_total=Cue(
                "check.sum.total",
                words_regex(by_id.get("check.sum.total", {}).get("words", ())),
                MappingProxyType(dict(by_id.get("check.sum.total", {}).get("counts", {}))),
            ),
            list_open=Cue("check.sum.list", _open_regex(listing.get("open", ()))),
            list_exhaustive=frozenset(w.lower() for w in listing.get("exhaustive", ())),
            roles=tuple(
                Cue(e["id"], words_regex(e.get("words", ())), MappingProxyType({"role": e.get("role", "")}))
                for e in of_type("role")
            ),
            balances=tuple(
                Balance(e["id"], e["result"], MappingProxyType(dict(e.get("terms", {})))) for e in of_type("balance")
            ),
            share_strong=Cue("check.share.part-of-whole", words_regex(share.get("strong", ()))),
            share_weak=Cue("check.share.part-of-whole", words_regex(share.get("weak", ()))),
            share_total_words=words_regex(share.get("total_words", ())),
            ratio_restated=cue("check.ratio.restated"),
            ratio_words=cue("check.ratio.levels"),
            ratio_qualifiers=cue("check.ratio.levels", "qualifiers"),
            up=plain("check.change.direction", "up"),
            down=plain("check.change.direction", "down"),
            from_words=plain("check.change.from-to", "from"),
            difference=cue("check.change.difference"),
            annualized=Cue(
                "check.change.annualized",
                words_regex(by_id.get("check.change.annualized", {}).get("words", ())),
                MappingProxyType(dict(by_id.get("check.change.annualized", {}).get("periods", {}))),
            ),
            rank_ties=plain("check.rank.duplicate", "ties"),
            conversion=cue("check.cross.conversion"),
            per_unit=_per_unit_cue(by_id.get("check.unit.per-unit", {})),
            aliases=MappingProxyType(aliases),
            synonyms=MappingProxyType(synonyms),
        )


def _per_unit_cue(entry: Mapping[str, Any]) -> Cue:
    """The words after a figure that make it a rate per unit ("a share", "per head"), matched right after it."""
    nouns: Mapping[str, str] = entry.get("nouns", {})
    words = words_regex(nouns)
    if words is None:
        return Cue(str(entry.get("id", "check.unit.per-unit")), None)
    regex = re.compile(rf"(?i)\s+(?:a|an|per|each)\s+(?P<per>{words.pattern.removeprefix('(?i)')})")
    meanings = {" ".join(k.lower().split()): v for k, v in nouns.items()}
    return Cue(str(entry["id"]), regex, MappingProxyType(meanings))


def _open_regex(words: Iterable[str]) -> re.Pattern[str] | None:
    """The openers of a list: punctuation (":") is matched as is, words on word boundaries."""
    marks = [re.escape(w) for w in words if not w[:1].isalnum()]
    regex = words_regex(w for w in words if w[:1].isalnum())
    parts = [*marks, regex.pattern.removeprefix("(?i)")] if regex else marks
    return re.compile("(?i)" + "|".join(parts)) if parts else None


def read_entries() -> list[dict[str, Any]]:
    """The entries of the shipped ``factex/patterns/checks.jsonl``."""
    text = (resources.files("factex") / "patterns" / "checks.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@functools.cache
def default_rules() -> CheckRules:
    """The shipped check rules (read once per process; immutable)."""
    return CheckRules.from_entries(read_entries())


def rules_for(entries: Iterable[Mapping[str, Any]] | None = None) -> CheckRules:
    """The rules from these entries, or the shipped ones when there are none."""
    items = list(entries or ())
    return CheckRules.from_entries(items) if items else default_rules()
