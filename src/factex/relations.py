"""Relations between claims and their context: sources, stated comparisons, changes between figures.

- ``source``: who the figure is attributed to ("according to China Railway Harbin Group", "X said").
- ``comparison``: "A surpassed the national average of B" links A to B with ``>``; "seventh among the
  country's 31 provincial regions" gives ``{"rank": 7, "of": 31}``.
- ``change_from``: "a significant increase from 45 in 2013" on the 5,000 claim, "rose from 3.8% to 4.4%"
  on the 4.4% claim: the earlier figure, its claim id and time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.symbols import VERB
from spacy.tokens import Doc, Span, Token

from factex.claim import Claim
from factex.extensions import doc_text

_SUBJ = {"nsubj", "nsubjpass"}


@dataclass
class RelationRules:
    """Source phrases, speech verbs and comparison words from ``describe.jsonl``."""

    source_phrases: list[str] = field(default_factory=list)
    source_verbs: set[str] = field(default_factory=set)
    compare_verbs: dict[str, str] = field(default_factory=dict)
    compare_adjectives: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_entries(cls, entries: Iterable[dict[str, Any]]) -> RelationRules:
        """Read the relation entries of ``describe.jsonl``."""
        rules = cls()
        for e in entries:
            if e.get("type") == "source_phrase":
                rules.source_phrases.extend(w.lower() for w in e["words"])
            elif e.get("type") == "source_verbs":
                rules.source_verbs.update(w.lower() for w in e["words"])
            elif e.get("type") == "comparison":
                rules.compare_verbs.update(e.get("map", {}))
                rules.compare_adjectives.update(e.get("adjectives", {}))
        return rules


class Relations:
    """Find sources, comparisons and changes for the claims of a parsed Doc."""

    def __init__(self, rules: RelationRules) -> None:
        self.rules = rules
        words = sorted(rules.source_phrases, key=len, reverse=True)
        self._according = re.compile(r"(?i:\b(?:" + "|".join(re.escape(w) for w in words) + r")\s+)") if words else None

    def find(self, doc: Doc, claims: Sequence[Claim]) -> list[dict[str, Any]]:
        """Return, for each claim, a dict with ``source``, ``comparison`` and ``change_from`` (each may be None)."""
        out: list[dict[str, Any]] = []
        text = doc_text(doc)
        sources: dict[tuple[int, int], dict[str, Any] | None] = {}
        for index, claim in enumerate(claims):
            span = doc.char_span(claim.mention.start, claim.mention.end, alignment_mode="expand")
            if claim.sentence not in sources:
                sources[claim.sentence] = self._source(doc, claim.sentence)
            out.append({
                "source": sources[claim.sentence],
                "comparison": self._comparison(text, span, claim, claims, index) if span is not None else None,
                "change_from": self._change_from(text, claim, claims),
            })
        return out

    # -- source --------------------------------------------------------------------------------
    def _source(self, doc: Doc, sentence: tuple[int, int]) -> dict[str, Any] | None:
        sent = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
        if sent is None:
            return None
        return self._source_in(doc, sent)

    def _source_in(self, doc: Doc, sent: Span) -> dict[str, Any] | None:
        if self._according is not None:
            m = self._according.search(sent.text)
            if m:
                end = sent.start_char + len(sent.text[: m.end()].rstrip())
                last = doc.char_span(end - 1, end, alignment_mode="expand")
                obj = next((c for c in last.root.children if c.dep_ in ("pobj", "dobj")), None) if last else None
                if obj is not None:
                    np = _np(obj)
                    return {"text": np.text, "start": np.start_char, "end": np.end_char, "rule": "source.according-to"}
        for tok in sent:
            if tok.pos == VERB and tok.lemma_.lower() in self.rules.source_verbs:
                subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
                reports = tok.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "parataxis") for c in tok.children)
                reports = reports and not any(c.dep_ == "dobj" for c in tok.children)  # "added 84,000 jobs"
                if subj is not None and subj.pos_ in ("PROPN", "NOUN") and reports:
                    np = _np(subj)
                    return {"text": np.text, "start": np.start_char, "end": np.end_char, "rule": "source.speech-verb"}
        return None

    # -- comparison ----------------------------------------------------------------------------
    def _comparison(
        self, text: str, span: Span, claim: Claim, claims: Sequence[Claim], index: int
    ) -> dict[str, Any] | None:
        if claim.kind == "rank":
            m = re.match(r"\s*,?\s*(?:among|out of|of)\s+(?:the\s+|all\s+)?(?:[\w’'-]+\s+){0,2}?(\d[\d,]*|\w+)\b",
                         text[claim.mention.end : claim.mention.end + 60])
            later = [c for c in claims[index + 1 :] if c.sentence == claim.sentence and c.kind == "count"]
            if m and later:
                return {"rank": claim.value.amount, "of": later[0].value.amount, "other": later[0].id,
                        "rule": "compare.rank-of"}
            return None
        verb = span.root
        for _ in range(6):
            if verb.pos_ == "VERB" or verb.head is verb:
                break
            verb = verb.head
        relation = self.rules.compare_verbs.get(verb.lemma_.lower())
        if relation is None:
            return None
        same = [c for c in claims if c.sentence == claim.sentence and c is not claim and c.kind == claim.kind]
        subj_side = any(t.dep_ in _SUBJ for t in span.root.ancestors if t.i < verb.i) or span.root.dep_ in _SUBJ or \
            span.end <= verb.i
        others = [c for c in same if (c.mention.start > claim.mention.end) == subj_side]
        if not others:
            return None
        other = others[0] if subj_side else others[-1]
        rel = relation if subj_side else {">": "<", "<": ">"}.get(relation, relation)
        return {"relation": rel, "other": other.id, "word": verb.text, "rule": "compare.verb"}

    # -- change between figures ---------------------------------------------------------------
    @staticmethod
    def _change_from(text: str, claim: Claim, claims: Sequence[Claim]) -> dict[str, Any] | None:
        same = [c for c in claims if c.sentence == claim.sentence and c.value.unit == claim.value.unit]
        # "a significant increase from 45 in 2013" after "5,000 ... trains"
        for other in same:
            if other is claim or other.mention.start < claim.mention.end:
                continue
            gap = text[claim.mention.end : other.mention.start]
            if re.search(r"(?i:\b(?:increase|rise|jump|growth|decline|drop|fall|decrease|up|down)\s+from\s*$)", gap):
                return {"from": other.value.amount, "from_claim": other.id, "from_time": other.time,
                        "to": claim.value.amount, "rule": "change.increase-from"}
        # "rose from 3.8% to 4.4%": on the later figure
        for other in same:
            if other is claim or other.mention.end > claim.mention.start:
                continue
            gap = text[other.mention.end : claim.mention.start]
            before = text[max(0, other.mention.start - 8) : other.mention.start]
            if re.fullmatch(r"\s+to\s+", gap) and re.search(r"(?i:\bfrom\s+$)", before):
                return {"from": other.value.amount, "from_claim": other.id, "from_time": other.time,
                        "to": claim.value.amount, "rule": "change.from-to"}
        return None


def _np(tok: Token) -> Span:
    """The noun phrase of a head token, without a trailing relative clause or apposition."""
    tokens = [t for t in tok.subtree if t.dep_ not in ("relcl", "appos", "punct") or t.i < tok.i]
    keep = [t for t in tokens if t.i <= tok.i or t.dep_ in ("compound", "prep", "pobj", "amod")]
    start = min(t.i for t in keep)
    end = max(t.i for t in keep if t.i <= tok.i + 4) + 1
    return tok.doc[start:end]
