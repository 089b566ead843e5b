"""Decide what a bare number counts, from the dependency parse ("30,000 cargo trains" counts trains)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

_NOUN = {"NOUN", "PROPN"}
#: Prepositions that put a figure on the verb's subject: "stood at", "rose by", "fell to", "hovered under".
_MEASURE_PREPS = frozenset({"at", "by", "to", "from", "under", "over", "around", "near", "above", "below", "about"})
#: Pronouns after "of" that stand for something counted before: "1.28 million of them".
_PARTITIVE_PRONOUNS = frozenset({"them", "these", "those"})
_ELLIPSIS_HEADS = {"from", "to", "than", "with", "versus", "vs", "vs.", "against", "and", "or", "compared"}


@dataclass(frozen=True)
class CountNouns:
    """What the pattern data says about counted nouns (``counts.jsonl``).

    Attributes:
        lemmas: Noun -> the singular it stands for, where the model's lemma is not it.
        not_counted: Nouns a number never counts.
        collective: Singular nouns that stand for a count of something else ("population" counts persons).
        number_nouns: Nouns whose "of" phrase names what is counted ("the number of people").
        change_nouns: Nouns of a change whose modifier names what is counted ("job growth").
        level_verbs: Lemmas of verbs that state the size of their subject ("totalled", "stood at", "rose by").
        not_subject: Plural subjects that are measured, not counted ("prices rose to 350").
    """

    lemmas: dict[str, str]
    not_counted: frozenset[str]
    collective: dict[str, str] = field(default_factory=dict)
    number_nouns: frozenset[str] = frozenset()
    change_nouns: frozenset[str] = frozenset()
    level_verbs: frozenset[str] = frozenset()
    not_subject: frozenset[str] = frozenset()

    @classmethod
    def from_entries(cls, entries: Iterable[dict[str, Any]]) -> CountNouns:
        """Read the ``lemma``, ``collective`` and word-list entries of a rule set."""
        lemmas: dict[str, str] = {}
        collective: dict[str, str] = {}
        words: dict[str, set[str]] = {
            "not_counted": set(), "number_noun": set(), "change_noun": set(), "level_verb": set(), "not_subject": set(),
        }
        for entry in entries:
            kind = entry.get("type", "")
            if kind == "lemma":
                lemmas.update({k.lower(): v for k, v in entry.get("map", {}).items()})
            elif kind == "collective":
                collective.update({k.lower(): v for k, v in entry.get("map", {}).items()})
            elif kind in words:
                words[kind].update(w.lower() for w in entry.get("words", []))
        return cls(
            lemmas, frozenset(words["not_counted"]), collective, frozenset(words["number_noun"]),
            frozenset(words["change_noun"]), frozenset(words["level_verb"]), frozenset(words["not_subject"]),
        )

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
        adjectives = []
        for c in self.noun.lefts:
            if c.dep_ == "amod" and c.pos_ == "ADJ" and not c.like_num:
                adjectives.append(c.lower_)
            elif c.dep_ in ("compound", "amod") and any(t.tag_ == "HYPH" for t in c.lefts):
                # "first-team players": a hyphenated modifier is an adjective too
                doc = c.doc
                words = doc[c.left_edge.i : c.i + 1]
                if not any(t.pos_ == "NUM" for t in words):
                    adjectives.append(words.text.lower())
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
            outer = _coordinated_modifier_head(last, head)
            if outer is not None and nouns.countable(outer):
                # "a dozen vehicle and battery assembly lines": the number counts the lines
                return Counted(outer, nouns.unit(outer), "count.modified-noun", extend_to=outer.idx + len(outer.text))
            return Counted(head, nouns.unit(head), "count.nummod", extend_to=head.idx + len(head.text))
        if last.dep_ == "nummod" and head.i < last.i and head.dep_ == "conj" and earlier_units:
            # "Health care added 46,000 positions and construction 12,000": the noun is not repeated
            return Counted(None, earlier_units[-1], "count.parallel-noun")
        attr = _attribute_noun(doc, last)
        if attr is not None and nouns.countable(attr) and not (earlier_units and _counted_whole_before(doc, last)):
            # "21,030 were houses": the number is the subject, the plural after the verb what it counts;
            # not in "1,240 road deaths: 530 were drivers", where the parts count what the whole counts
            return Counted(attr, nouns.unit(attr), "count.attribute")
        for child in last.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and nouns.countable(pobj) and pobj.tag_ in ("NNS", "NNPS"):
                    return Counted(pobj, nouns.unit(pobj), "count.partitive")
                if pobj is not None and pobj.lower_ in _PARTITIVE_PRONOUNS:
                    # "produced 1.28 million of them": what the sentence, or the one before, counted
                    unit = earlier_units[-1] if earlier_units else _previous_count(doc, last, nouns)
                    if unit is not None:
                        return Counted(None, unit, "count.partitive-pronoun")
        whole = _partitive_whole(doc, last)
        if whole is not None:
            # "six of nine subsectors": the part counts what the whole counts
            inner = counted_noun(doc, doc[whole.i : whole.i + 1], earlier_units, nouns)
            if inner is not None and inner.noun is not None:
                return Counted(inner.noun, inner.unit, "count.partitive")
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
            # "and hybrids rose by nearly a third to 385,900": a clause with its own counted subject
            own = _subject_counted(span, last, earlier_units, nouns)
            return own if own is not None else Counted(None, earlier_units[-1], "count.ellipsis")
    if parsed:
        return _subject_counted(span, last, earlier_units, nouns)
    return None


def _subject_counted(span: Span, number: Token, earlier_units: list[str], nouns: CountNouns) -> Counted | None:
    """What a number counts when it gives the size of its clause's subject.

    "Mortgage approvals numbered 4,412", "the permanent population stood at 39.53 million", "the number
    of unemployed people rose by 190,000", "job growth has averaged about 65,000 a month": the verb is one
    that states a size or its change, and the subject names what is counted.
    """
    verb = _governing_verb(number)
    if verb is None or verb.lemma_.lower() not in nouns.level_verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN":
        return None
    found = _subject_count(subject, nouns)
    if found is None:
        return None
    noun, unit = found
    rated = next((u for u in reversed(earlier_units) if u.startswith(unit + "/")), None)
    if rated is not None:
        # "averaged 65,000 a month, down from 168,000": the same rate as before in the sentence
        return Counted(noun, rated, "count.subject")
    return Counted(noun, unit, "count.subject", extend_to=span.end_char)


def _governing_verb(number: Token) -> Token | None:
    """The verb a number is the object or measure of: "totalled 14,250", "rose by 98,700", "down about 50,000"."""
    node = number
    for _ in range(4):
        dep, head = node.dep_, node.head
        if head.i == node.i:
            return None
        if dep == "pobj" and head.lower_ not in _MEASURE_PREPS:
            return None
        if dep == "quantmod" and head.like_num:
            node = head  # "fell by 6,000 to 221,000", parsed as one number: the second one's place
            continue
        if dep not in ("dobj", "attr", "pobj", "prep", "agent", "npadvmod", "advmod", "prt"):
            return None
        if head.pos_ in ("VERB", "AUX") and dep != "pobj":
            return head
        node = head
    return None


def _subject_count(subject: Token, nouns: CountNouns) -> tuple[Token | None, str] | None:
    """The counted noun (None for a collective) and unit a subject names, or None when it names no count."""
    lemma = (subject.lemma_ or subject.lower_).lower()
    if lemma in nouns.collective:
        return None, nouns.collective[lemma]  # "the population stood at 39.53 million": persons
    if lemma in nouns.number_nouns:  # "the number of people"
        prep = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        return _named_count(pobj, nouns, plural=True) if pobj is not None else None
    if lemma in nouns.change_nouns:  # "job growth", "payroll gains", "the increase in jobs"
        for child in subject.children:
            if child.dep_ == "compound" and child.i < subject.i:
                return _named_count(child, nouns, plural=False)
            if child.dep_ == "prep" and child.lower_ == "in":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return _named_count(pobj, nouns, plural=True)
        return None
    if lemma in nouns.not_subject:
        return None
    return _named_count(subject, nouns, plural=True)


def _named_count(noun: Token, nouns: CountNouns, *, plural: bool) -> tuple[Token | None, str] | None:
    """The count a noun names: itself when countable (and plural, if asked), or what a collective counts."""
    lemma = (noun.lemma_ or noun.lower_).lower()
    if lemma in nouns.collective:
        return None, nouns.collective[lemma]
    if lemma in nouns.not_subject or lemma in nouns.change_nouns or lemma in nouns.number_nouns:
        return None
    if not nouns.countable(noun) or (plural and noun.tag_ not in ("NNS", "NNPS")):
        return None
    return noun, nouns.unit(noun)


def _partitive_whole(doc: Doc, number: Token) -> Token | None:
    """The number of the whole in "six of nine subsectors", "two of the three plants": the token after "of"."""
    at = number.i + 1
    if at + 1 >= len(doc) or doc[at].lower_ != "of":
        return None
    at += 1
    if doc[at].lower_ in ("the", "its", "their", "his", "her", "our") and at + 1 < len(doc):
        at += 1
    whole = doc[at]
    return whole if whole.like_num and whole.pos_ == "NUM" else None


def _previous_count(doc: Doc, number: Token, nouns: CountNouns) -> str | None:
    """The last noun a number counts in the sentence before the number's ("3.46 million vehicles")."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return None
    start = number.sent.start
    if start == 0:
        return None
    for tok in reversed(doc[start - 1].sent):
        if tok.dep_ == "nummod" and tok.head.i > tok.i and tok.head.tag_ in ("NNS", "NNPS") \
                and nouns.countable(tok.head):
            return nouns.unit(tok.head)
    return None


def _attribute_noun(doc: Doc, number: Token) -> Token | None:
    """The plural noun after "were" when a number is the subject of "be": "21,030 were houses"."""
    if number.i + 1 >= len(doc):
        return None
    verb = doc[number.i + 1]  # the number may be parsed as the subject or, in "... and 800 were vans", a conjunct
    if verb.lemma_ != "be" or verb.pos_ != "AUX":
        return None
    attr = next((c for c in verb.children if c.dep_ == "attr"), None)
    return attr if attr is not None and attr.tag_ in ("NNS", "NNPS") else None


def _counted_whole_before(doc: Doc, number: Token) -> bool:
    """True when a number earlier in the sentence counts a plural noun ("1,240 road deaths: 530 were ...")."""
    start = number.sent.start if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else 0
    return any(
        t.dep_ == "nummod" and t.head.tag_ in ("NNS", "NNPS") and t.head.i < number.i for t in doc[start : number.i]
    )


def _coordinated_modifier_head(number: Token, noun: Token) -> Token | None:
    """The plural noun that a coordinated singular modifier after a number belongs to.

    In "a dozen vehicle and battery assembly lines" the number's head is "vehicle", one of two modifiers
    of "lines": the number counts the lines.
    """
    if noun.tag_ != "NN" or noun.dep_ not in ("compound", "nmod"):
        return None
    outer = noun.head
    coordinated = any(c.dep_ == "cc" for c in noun.children)
    if coordinated and outer.tag_ in ("NNS", "NNPS") and noun.i < outer.i and outer.i - number.i <= 6:
        return outer
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
