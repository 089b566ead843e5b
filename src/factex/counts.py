"""Decide what a bare number counts, from the dependency parse ("30,000 cargo trains" counts trains)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

_NOUN = {"NOUN", "PROPN"}
_ELLIPSIS_HEADS = {"from", "to", "than", "with", "versus", "vs", "vs.", "against", "and", "or", "compared"}


@dataclass(frozen=True)
class CountNouns:
    """What the pattern data says about counted nouns (``counts.jsonl``)."""

    lemmas: dict[str, str]
    not_counted: frozenset[str]

    @classmethod
    def from_entries(cls, entries: Iterable[dict[str, Any]]) -> CountNouns:
        """Read the ``lemma`` and ``not_counted`` entries of a rule set."""
        lemmas: dict[str, str] = {}
        not_counted: set[str] = set()
        for entry in entries:
            if entry.get("type") == "lemma":
                lemmas.update({k.lower(): v for k, v in entry.get("map", {}).items()})
            elif entry.get("type") == "not_counted":
                not_counted.update(w.lower() for w in entry.get("words", []))
        return cls(lemmas, frozenset(not_counted))

    def countable(self, tok: Token) -> bool:
        """True when a token is a noun a number can count."""
        return (
            tok.pos_ in _NOUN and tok.lemma_.lower() not in self.not_counted and tok.is_alpha and len(tok.text) > 1
        )

    def unit(self, tok: Token) -> str:
        """The singular lowercase noun a token stands for."""
        lemma = (tok.lemma_ or tok.text).lower()
        if tok.tag_ == "NNPS" and lemma == tok.lower_:
            lemma = _singular(lemma)  # the model keeps proper plurals as they are ("Americans")
        return self.lemmas.get(tok.lower_, self.lemmas.get(lemma, lemma))


def _singular(word: str) -> str:
    """A plural proper noun made singular by its ending ("Americans", "Democrats", "Filipinos")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Counted:
    """The noun a number counts, and how it was found (a rule id)."""

    noun: Token | None
    unit: str
    how: str
    extend_to: int | None = None

    def phrase(self, nouns: CountNouns) -> str:
        """The counted noun with its adjectives, singular and lower case ("european country")."""
        if self.noun is None:
            return self.unit
        adjectives = [
            c.lower_ for c in self.noun.lefts if c.dep_ == "amod" and c.pos_ == "ADJ" and not c.like_num
        ]
        return " ".join([*adjectives, self.unit])


def counted_noun(doc: Doc, span: Span, earlier_units: list[str], nouns: CountNouns) -> Counted | None:
    """Return what the number in ``span`` counts, or None when it counts nothing named.

    Args:
        doc: The parsed document.
        span: The tokens of the number (with its scale word).
        earlier_units: Units of counts found earlier in the same sentence, latest last.
        nouns: The counted-noun data of the rule set.
    """
    last = span[-1]
    parsed = doc.has_annotation("DEP")
    if parsed:
        head = last.head
        if last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod") and nouns.countable(head) \
                and head.i > last.i and head.i - last.i <= 6:
            if _hyphen_modifier(doc, last, head):
                return None  # "a six-speed gearbox", "a 10-year bond": a name for a kind of thing, not a count
            inner = _compound_counted(doc, last, head)
            if inner is not None:
                # "a 12 page document", "a 3 cylinder engine": the number counts the noun it touches
                if not nouns.countable(inner):
                    return None  # "a 30 day period": no count
                return Counted(inner, nouns.unit(inner), "count.compound", extend_to=inner.idx + len(inner.text))
            return Counted(head, nouns.unit(head), "count.nummod", extend_to=head.idx + len(head.text))
        for child in last.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and nouns.countable(pobj) and pobj.tag_ in ("NNS", "NNPS"):
                    return Counted(pobj, nouns.unit(pobj), "count.partitive")
        if last.dep_ in ("conj", "appos"):
            if last.head.like_num:
                inner = counted_noun(doc, doc[last.head.i : last.head.i + 1], [], nouns)
                if inner is not None:
                    after = inner.noun is not None and inner.noun.i > last.i
                    return Counted(inner.noun, inner.unit, "count.conjunct",
                                   extend_to=inner.extend_to if after else None)
            elif nouns.countable(last.head) and any(c.dep_ == "nummod" for c in last.head.children):
                return Counted(last.head, nouns.unit(last.head), "count.conjunct")
    # No parse, or the parse attached the number elsewhere: look at the next words.
    nxt = last.i + 1
    while nxt < len(doc) and nxt - last.i <= 4 and (doc[nxt].pos_ in ("ADJ", "NOUN", "PROPN") or doc[nxt].text == "-"):
        tok = doc[nxt]
        last_noun = nxt + 1 >= len(doc) or doc[nxt + 1].pos_ != "NOUN"
        if tok.tag_ in ("NNS", "NNPS") and nouns.countable(tok) and last_noun:
            return Counted(tok, nouns.unit(tok), "count.next-noun", extend_to=tok.idx + len(tok.text))
        nxt += 1
    hyphenated = last.i + 2 < len(doc) and doc[last.i + 1].text == "-"
    if parsed and hyphenated and doc[last.i + 2].dep_ in ("amod", "compound"):
        return None
    if earlier_units and parsed:
        governor = last.head
        if governor.lower_ in _ELLIPSIS_HEADS or (last.dep_ in ("conj", "pobj") and governor.lower_ in _ELLIPSIS_HEADS):
            return Counted(None, earlier_units[-1], "count.ellipsis")
    return None


def _compound_counted(doc: Doc, number: Token, noun: Token) -> Token | None:
    """The singular noun right after a number that modifies a singular head: "page" in "12 page document"."""
    if number.i + 1 >= len(doc) or noun.tag_ != "NN":
        return None
    nxt = doc[number.i + 1]
    if nxt.i < noun.i and nxt.tag_ == "NN" and nxt.dep_ == "compound" and nxt.head.i == noun.i:
        return nxt
    return None


def _hyphen_modifier(doc: Doc, number: Token, noun: Token) -> bool:
    """True for "six-speed automatic transmission": number-hyphen-noun modifying another noun."""
    joined = noun.i == number.i + 2 and doc[number.i + 1].text == "-"
    return joined and noun.dep_ in ("amod", "compound", "nmod") and noun.head.pos_ in _NOUN and noun.head.i > noun.i
