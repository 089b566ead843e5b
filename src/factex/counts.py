"""Decide what a bare number counts, from the dependency parse ("30,000 cargo trains" counts trains)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

_NOUN = {"NOUN", "PROPN"}
_ELLIPSIS_HEADS = {"from", "to", "than", "with", "versus", "vs", "vs.", "against", "and", "or", "compared"}
_NOT_COUNTED = {"%", "percent", "per", "cent", "time", "times", "year", "month", "week", "day", "hour", "o'clock"}


@dataclass(frozen=True)
class Counted:
    """The noun a number counts, and how it was found (a rule id)."""

    noun: Token | None
    unit: str
    how: str
    extend_to: int | None = None


def counted_noun(doc: Doc, span: Span, earlier_units: list[str]) -> Counted | None:
    """Return what the number in ``span`` counts, or None when it counts nothing named.

    Args:
        doc: The parsed document.
        span: The tokens of the number (with its scale word).
        earlier_units: Units of counts found earlier in the same sentence, latest last.
    """
    last = span[-1]
    parsed = doc.has_annotation("DEP")
    if parsed:
        head = last.head
        if last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod") and _is_countable(head) \
                and head.i > last.i and head.i - last.i <= 6:
            return Counted(head, _unit(head), "count.nummod", extend_to=head.idx + len(head.text))
        for child in last.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and _is_countable(pobj) and pobj.tag_ in ("NNS", "NNPS"):
                    return Counted(pobj, _unit(pobj), "count.partitive")
        if last.dep_ in ("conj", "appos"):
            if last.head.like_num:
                inner = counted_noun(doc, doc[last.head.i : last.head.i + 1], [])
                if inner is not None:
                    return Counted(inner.noun, inner.unit, "count.conjunct")
            elif _is_countable(last.head) and any(c.dep_ == "nummod" for c in last.head.children):
                return Counted(last.head, _unit(last.head), "count.conjunct")
    # No parse, or the parse attached the number elsewhere: look at the next words.
    nxt = last.i + 1
    while nxt < len(doc) and nxt - last.i <= 4 and (doc[nxt].pos_ in ("ADJ", "NOUN", "PROPN") or doc[nxt].text == "-"):
        tok = doc[nxt]
        if tok.tag_ in ("NNS", "NNPS") and _is_countable(tok) and (nxt + 1 >= len(doc) or doc[nxt + 1].pos_ != "NOUN"):
            return Counted(tok, _unit(tok), "count.next-noun", extend_to=tok.idx + len(tok.text))
        nxt += 1
    if earlier_units and parsed:
        governor = last.head
        if governor.lower_ in _ELLIPSIS_HEADS or (last.dep_ in ("conj", "pobj") and governor.lower_ in _ELLIPSIS_HEADS):
            return Counted(None, earlier_units[-1], "count.ellipsis")
    return None


def _is_countable(tok: Token) -> bool:
    return tok.pos_ in _NOUN and tok.lemma_.lower() not in _NOT_COUNTED and tok.is_alpha


def _unit(tok: Token) -> str:
    lemma = tok.lemma_.lower() if tok.lemma_ else tok.lower_
    return lemma or tok.lower_
