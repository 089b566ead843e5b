"""Say what each claim is about: its ``subject`` (an entity, resolved) and its ``metric`` (a short phrase).

Both come from the dependency parse around the figure, with an article-level memory of the entities
mentioned so far, so that "the province", "it" and "both provinces" resolve to names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from spacy.tokens import Doc, Span, Token

from factex.claim import Claim
from factex.extensions import doc_text

_NOUNS = {"NOUN", "PROPN"}
_SUBJ = {"nsubj", "nsubjpass", "csubj", "expl"}
_PHRASE_DEPS = {"compound", "amod", "nmod", "npadvmod"}
_SKIP_WORDS = {"percent", "%", "per", "cent", "share", "rate"}
_PLACES = ("GPE", "LOC", "FAC")
_JOINERS = ("–", "-", "—", "/")


@dataclass(frozen=True)
class Mention:
    """An entity mention remembered from the article."""

    text: str
    start: int
    end: int
    label: str


@dataclass
class DescribeRules:
    """What ``describe.jsonl`` says: entity labels, descriptions, pronouns, verb nominalizations."""

    labels: set[str] = field(default_factory=set)
    descriptions: dict[str, str] = field(default_factory=dict)
    pronouns: dict[str, tuple[set[str], bool]] = field(default_factory=dict)
    nominal: dict[str, str] = field(default_factory=dict)
    by_unit: dict[str, str] = field(default_factory=dict)
    rate_metric: str | None = None
    not_metric: set[str] = field(default_factory=set)

    @classmethod
    def from_entries(cls, entries: Iterable[dict[str, Any]]) -> DescribeRules:
        """Read the entries of ``describe.jsonl``."""
        rules = cls()
        for e in entries:
            kind = e.get("type")
            if kind == "entity_labels":
                rules.labels.update(e["labels"])
            elif kind == "description":
                rules.descriptions.update({w.lower(): e["label"] for w in e["words"]})
            elif kind == "pronoun":
                for w in e["words"]:
                    rules.pronouns[w.lower()] = (set(e["label"].split("|")), bool(e.get("plural")))
            elif kind == "nominalization":
                rules.nominal.update(e["map"])
            elif kind == "metric_by_unit":
                rules.by_unit.update(e["map"])
            elif kind == "metric_money_rate":
                rules.rate_metric = e["metric"]
            elif kind == "metric_stopwords":
                rules.not_metric.update(w.lower() for w in e["words"])
        return rules


def _entity_mentions(doc: Doc, labels: set[str], claims: Sequence[Claim] = ()) -> list[Mention]:
    """The named entities a figure can be about, in text order.

    Left out: an entity inside a figure's own words (the "CAD" of "CAD 295", the "MW" of "480 MW"), a
    dateline ("LONDON — ..."), and a capitalized common noun the model took for a name because it opens a
    sentence ("Lentils, at 2.1 million tonnes", "Harvest was 98 percent complete") when the article also
    writes it in lower case.
    """
    text = doc_text(doc)
    spans = sorted((c.mention.start, c.mention.end) for c in claims)
    mentions = []
    k = 0
    for ent in doc.ents:
        label = ent.label_
        if label not in labels:
            continue
        start = ent.start_char
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k < len(spans) and spans[k][0] < ent.end_char:
            continue  # part of a figure: a currency code or a unit symbol
        if _dateline(text, ent) or _common_noun(text, ent):
            continue
        ent_text = ent.text
        if ent_text.endswith(("’s", "'s")):
            ent_text = ent_text[:-2]
        if label == "PERSON" and ent.root.tag_ == "NNP" and any(t.dep_ == "poss" for t in ent):
            label = "GPE"  # "Jilin's GDP": the small model often calls a possessive place a person
        mentions.append(Mention(ent_text, start, start + len(ent_text), label))
    return _repeated_names(text, mentions, spans)


def _repeated_names(text: str, mentions: list[Mention], spans: list[tuple[int, int]]) -> list[Mention]:
    """Add the places where the text repeats a name the model tagged elsewhere ("Renfe plans to ...")."""
    names: dict[str, str] = {}
    for m in mentions:
        if m.text[:1].isupper() and len(m.text) > 2:
            names.setdefault(m.text, m.label)
    if not names:
        return mentions
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")
    taken = sorted([(m.start, m.end) for m in mentions] + spans)
    extra = []
    for found in pattern.finditer(text):
        a, b = found.span()
        k = bisect.bisect_right(taken, (a, len(text)))
        if (k and taken[k - 1][1] > a) or (k < len(taken) and taken[k][0] < b):
            continue
        extra.append(Mention(found.group(), a, b, names[found.group()]))
    return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions


def _dateline(text: str, ent: Span) -> bool:
    """True for the place name of a dateline: "LONDON — Government borrowing ..." at a paragraph start."""
    if not ent.text.isupper() or len(ent.text) < 3:
        return False
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    after = text[ent.end_char : ent.end_char + 3].lstrip(" \u00a0")
    return not text[line_start : ent.start_char].strip() and after[:1] in ("—", "–", "-")


def _common_noun(text: str, ent: Span) -> bool:
    """True for one capitalized word opening a sentence that the article also writes in lower case."""
    if len(ent) != 1 or not ent[0].is_sent_start or not ent.text[:1].isupper() or not ent.text[1:].islower():
        return False
    return re.search(r"\b" + re.escape(ent.text.lower()) + r"\b", text) is not None


class Describer:
    """Find subjects and metrics of claims in a parsed Doc."""

    def __init__(self, rules: DescribeRules) -> None:
        self.rules = rules

    def describe(self, doc: Doc, claims: Sequence[Claim]) -> list[tuple[dict[str, Any] | None, str | None]]:
        """Return (subject, metric) for every claim."""
        if not doc.has_annotation("DEP"):
            return [(None, None) for _ in claims]
        memory = _entity_mentions(doc, self.rules.labels, claims)
        pairs = _route_pairs(doc_text(doc), memory)
        topic = _topic(doc, memory, pairs, self.rules.descriptions)
        routes = {m.start: pair for pair in pairs for m in pair}
        self._subjects: list[Mention] = []
        out: list[tuple[dict[str, Any] | None, str | None]] = []
        previous: dict[str, Any] | None = None
        for claim in claims:
            span = doc.char_span(claim.mention.start, claim.mention.end, alignment_mode="expand")
            if span is None:
                out.append((None, None))
                continue
            subject = self._subject(doc, span, memory, claim.kind)
            if claim.kind == "money" and "/" in claim.value.unit:
                subject = _priced(span, memory) or subject
            metric = self._checked(self._metric(span, claim), claim)
            twin = self._twin(span, claim, claims, out)
            if twin is not None:
                # "43,400 in Jilin" after "86,000 new residents in Liaoning", "1.5 percent" after "2.6 percent",
                # "from 45 in 2013": the figure continues the one before it
                if "count.ellipsis" in claim.trace or subject is None:
                    subject = dict(twin[0]) if twin[0] else subject
                metric = metric or twin[1]
            if metric is not None and metric.split()[-1] in ("average", "level", "norm", "benchmark"):
                # "surpassed the national average of 5.2 percent": the average of the property compared
                same = [d for c, d in zip(claims, out, strict=False)
                        if c.sentence == claim.sentence and (c.kind, c.value.unit) == (claim.kind, claim.value.unit)]
                if same and same[-1][1]:
                    if "national" in metric.split():
                        subject = self._country(memory, metric) or subject
                    metric = same[-1][1]
            if metric is None:
                same = [d for c, d in zip(claims, out, strict=False)
                        if c.sentence == claim.sentence and (c.kind, c.value.unit) == (claim.kind, claim.value.unit)]
                metric = same[-1][1] if same else None
            if subject is None and previous is not None and previous.get("_sentence") == claim.sentence:
                subject = dict(previous)
            if subject is not None and (route := routes.get(subject.get("start", -1))) is not None:
                subject = _subject_dict(list(route), None)  # "Madrid–Barcelona": the route, not one end
            if subject is None and topic:
                # an unnamed figure in an article about one place belongs to that place
                subject = _subject_dict(topic, None) | {"inferred": True}
            if subject is not None:
                subject["_sentence"] = claim.sentence
                previous = subject
                for ent in subject.get("entities") or [subject]:
                    if ent.get("start") is not None and subject.get("resolved_from") is None:
                        self._subjects.append(Mention(ent["text"], ent["start"], ent["end"], ent["label"]))
            out.append(({k: v for k, v in subject.items() if not k.startswith("_")} if subject else None, metric))
        return out

    def _checked(self, metric: str | None, claim: Claim) -> str | None:
        """Keep a parsed metric that names a property; else fall back on what the unit measures."""
        if metric is not None:
            metric = " ".join(metric.split())
            words = metric.split()
            value = claim.value
            unit_words = set() if claim.kind in ("count", "duration") else {value.unit.lower(), value.unit_text.lower()}
            if "\n" in metric or not words or metric in self.rules.not_metric or metric in unit_words:
                metric = None
        if metric is None:
            unit = claim.value.unit
            if claim.kind == "money" and "/" in unit and self.rules.rate_metric:
                return self.rules.rate_metric
            return self.rules.by_unit.get(unit)
        return metric

    @staticmethod
    def _twin(
        span: Span, claim: Claim, claims: Sequence[Claim], done: list[tuple[dict[str, Any] | None, str | None]]
    ) -> tuple[dict[str, Any] | None, str | None] | None:
        """The (subject, metric) of the earlier claim this one continues, if any."""
        root = span.root
        index = len(done)
        earlier = [(c, d) for c, d in zip(claims[:index], done, strict=False) if c.sentence == claim.sentence]
        if not earlier:
            return None
        if "count.ellipsis" in claim.trace or "count.conjunct" in claim.trace:
            same = [d for c, d in earlier if c.kind == claim.kind and c.value.unit == claim.value.unit]
            return same[-1] if same else None
        if root.dep_ == "conj":
            head = root.head
            for c, d in earlier:
                if c.mention.start <= head.idx < c.mention.end:
                    return d
        return None

    # -- subject -------------------------------------------------------------------------------
    def _subject(self, doc: Doc, span: Span, memory: list[Mention], kind: str = "") -> dict[str, Any] | None:
        counted = kind == "count"
        # "the fifth-highest ratio in the G7": the group a rank is within is not what it is about
        within = ("of", "for", "at", "between") if kind == "rank" else ("of", "in", "for", "at", "between")
        for i, np in enumerate(_candidate_nps(span)):
            # the figure's own noun ("60 Chinese cities") names what is counted, not who it is about
            own = i == 0 and np.i in range(span.start, span.end)
            found = self._resolve(doc, np, memory, span.start_char, refer=not own, counted=own and counted,
                                  within=within)
            if found is not None:
                return found
        sent = span.sent
        before = [m for m in memory if sent.start_char <= m.start < span.start_char and m.label == "GPE"]
        if before and kind != "rank":
            m = before[-1]
            return {"text": m.text, "start": m.start, "end": m.end, "label": m.label, "resolved_from": None}
        return None

    def _resolve(
        self, doc: Doc, tok: Token, memory: list[Mention], at: int, refer: bool = True, counted: bool = False,
        within: tuple[str, ...] = ("of", "in", "for", "at", "between"),
    ) -> dict[str, Any] | None:
        """The entity a noun phrase (given by its head token) stands for, or None."""
        ent = _entity_at(memory, tok)
        if ent is not None:
            return _subject_dict([ent], None)
        if tok.dep_ == "appos" and (ent := _entity_at(memory, tok.head)) is not None:
            return _subject_dict([ent], None)  # "Jilin, the country's fifth-largest grain producer"
        for child in tok.children:
            if child.dep_ == "poss":
                found = self._resolve(doc, child, memory, at)
                if found is not None:
                    return found
        for child in tok.children:
            if child.dep_ in ("compound", "nmod") and child.i < tok.i and (ent := _entity_at(memory, child)):
                return _subject_dict([ent], None)  # "Dublin house prices", "Iryo 3.2 million"
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in within:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and (ent := _entity_at(memory, pobj)) is not None:
                    conj = [e for c in pobj.conjuncts if (e := _entity_at(memory, c)) is not None]
                    return _subject_dict([ent, *conj], None)
        for child in tok.children:
            if child.dep_ == "appos" and (ent := _entity_at(memory, child)) is not None:
                return _subject_dict([ent], None)
        word = tok.lower_
        words = " ".join(t.text for t in tok.subtree if t.i <= tok.i)
        if not refer:
            if counted and tok.pos_ == "NOUN":
                # "the three hubs of the China-Europe freight train service": the whole they belong to
                for child in tok.children:
                    if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                        pobj = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
                        # a whole with a determiner ("of the service"), not contents ("containers of goods")
                        whole = pobj is not None and any(c.dep_ in ("det", "poss") for c in pobj.children)
                        if whole and pobj.lower_ not in self.rules.descriptions:
                            np = _np_text(pobj, with_right=True)
                            start = _np_start(pobj)
                            return {"text": np, "start": start, "end": start + len(np), "label": None,
                                    "resolved_from": None}
            return None
        if word in ("country", "nation") and tok.tag_ == "NN":
            return self._country(memory, words)
        if word in self.rules.pronouns:
            labels, plural = self.rules.pronouns[word]
            return self._recall(memory, at, labels, 2 if plural or "both" in words.lower() else 1, words)
        determiners = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod")}
        if word in self.rules.descriptions and tok.tag_ == "NNS" and (
            determiners & {"these", "those"} or any(c.like_num and c.lower_ not in ("two", "2") for c in tok.children)
        ):
            # "these three ports": a group the text does not name in one place; keep the words
            return {"text": _np_text(tok), "start": _np_start(tok), "end": tok.idx + len(tok.text), "label": None,
                    "resolved_from": None}
        if word in self.rules.descriptions and tok.pos_ in _NOUNS:
            plural = tok.tag_ == "NNS"
            label = self.rules.descriptions[word]
            return self._recall(memory, at, {label, "LOC"} if label == "GPE" else {label}, 2 if plural else 1, words)
        return None

    @staticmethod
    def _country(memory: list[Mention], words: str) -> dict[str, Any] | None:
        """"The country", "the national average": the place the article names most often."""
        places = [m for m in memory if m.label == "GPE"]
        if not places:
            return None
        top = max(places, key=lambda m: sum(p.text == m.text for p in places))
        return _subject_dict([top], words)

    def _recall(self, memory: list[Mention], at: int, labels: set[str], n: int, words: str) -> dict[str, Any] | None:
        """The latest ``n`` distinct entities of the given labels before offset ``at``.

        Subjects of earlier claims count before other mentions: they are what the article is about.
        """
        seen: list[Mention] = []
        earlier = [m for m in self._subjects if m.end <= at and m.label in labels]
        if len({m.text for m in earlier}) < n:
            earlier = [m for m in memory if m.end <= at and m.label in labels]
        pool = earlier
        for m in reversed(pool):
            if all(m.text != s.text for s in seen):
                seen.append(m)
            if len(seen) == n:
                break
        if len(seen) < n or not seen:
            return None
        return _subject_dict(list(reversed(seen)), words)

    # -- metric --------------------------------------------------------------------------------
    def _metric(self, span: Span, claim: Claim) -> str | None:
        root = span.root
        if claim.kind == "duration":
            return claim.value.unit + "s" if claim.value.unit else None
        if claim.kind == "count":
            noun = next((t for t in reversed(span) if t.pos_ in _NOUNS), None)
            if noun is None and (whole := _of_object(root)) is not None:
                return _phrase(whole)  # "Two of the three rail ports"
            with_verb = noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "with"
            if with_verb and noun is not None and noun.head.head.pos_ == "VERB":
                # "recorded a net population influx ..., with 86,000 new residents": what the count measures
                obj = next((c for c in noun.head.head.children if c.dep_ == "dobj"), None)
                if obj is not None and not any(c.dep_ == "nummod" for c in obj.children):
                    return _phrase(obj)
            return _phrase(noun) if noun is not None else None
        if claim.kind == "ratio":
            verb = _governing_verb(root)
            noun = self.rules.nominal.get(verb.lemma_.lower()) if verb is not None else None
            if noun is not None and verb is not None:
                compared = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > root.i), None)
                return f"{noun} relative to {_phrase(compared)}" if compared is not None else noun
        if claim.kind == "rank":
            return self._rank_metric(root)
        # "11.2 percent of China's total output": a share; "83.4 percent of its grain available for export"
        whole = _of_object(root)
        if claim.kind == "percent" and whole is not None:
            if any(c.dep_ in ("amod", "acl") and c.i > whole.i for c in whole.children):
                return _np_text(whole, with_right=True, drop_poss=True).lower()
            return f"share of {_phrase(whole)}"
        # "a growth rate of 2.6 percent", "the national average of 5.2 percent"
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in _NOUNS:
            return _phrase(root.head.head)
        # "5.3 percent GDP growth rate"
        if root.dep_ in ("compound", "nmod", "amod", "nummod") and root.head.pos_ in _NOUNS and root.head.i > root.i:
            return _phrase(root.head)
        verb = _governing_verb(root)
        if verb is None:
            return None
        subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
        lemma = verb.lemma_.lower()
        if lemma in ("be", "stand", "remain", "reach", "hit", "total", "average") and subj is not None:
            return _phrase(subj)
        noun = self.rules.nominal.get(lemma)
        obj = _of_object(root)
        if claim.kind == "ratio" and noun is not None:
            # "produced more than six times its own consumption"
            compared = next((c for c in root.head.children if c.dep_ in ("dobj", "pobj", "npadvmod")
                             and c.i > root.i), None)
            return f"{noun} relative to {_phrase(compared)}" if compared is not None else noun
        if noun is not None:
            if noun in ("growth", "decline", "contraction") and subj is not None:
                return f"{_phrase(subj)} {noun}"
            return f"{_phrase(obj)} {noun}" if obj is not None else noun
        if subj is not None and subj.pos_ in _NOUNS and subj.ent_type_ == "":
            return _phrase(subj)
        return _phrase(obj) if obj is not None else None

    def _rank_metric(self, root: Token) -> str | None:
        # "the fifth-largest grain producer"
        noun = root.head if root.head.pos_ in _NOUNS else None
        if noun is None and root.head.head.pos_ in _NOUNS:
            noun = root.head.head
        if noun is not None and noun.i > root.i:
            return f"{_phrase(noun)} ranking"
        # "ranked first in national grain production"
        head = root.head
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "for", "by"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ not in ("GPE", "DATE"):
                    return f"{_phrase(pobj)} ranking"
        # "GDP increased by 6.3 percent, ranking seventh": the ranked property is the clause's
        verb = head if head.pos_ == "VERB" else _governing_verb(head)
        while verb is not None and verb.dep_ in ("advcl", "xcomp", "conj"):
            verb = verb.head
        if verb is not None:
            subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
            if subj is not None and subj.ent_type_ not in ("GPE", "ORG", "PERSON"):
                nominal = self.rules.nominal.get(verb.lemma_.lower(), "")
                return f"{_phrase(subj)} {nominal} ranking".replace("  ", " ")
        return "ranking"


def _priced(span: Span, memory: list[Mention]) -> dict[str, Any] | None:
    """What a price is of: the common noun its clause is about ("Spring wheat fetched about CAD 295 per tonne")."""
    verb = _governing_verb(span.root)
    subj = next((c for c in verb.children if c.dep_ in _SUBJ), None) if verb is not None else None
    if subj is None or subj.pos_ not in _NOUNS or _entity_at(memory, subj) is not None:
        return None
    if subj.lower_ in ("it", "price", "prices", "cost", "costs") or subj.i in range(span.start, span.end):
        return None
    start = _np_start(subj)
    text = doc_text(span.doc)[start : subj.idx + len(subj.text)]
    if text.lower().startswith("the "):
        start, text = start + 4, text[4:]
    return {"text": text, "start": start, "end": start + len(text), "label": None, "resolved_from": None}


def _route_pairs(text: str, memory: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Places joined by a dash ("Madrid–Barcelona line"), in text order."""
    return [
        (a, b)
        for a, b in pairwise(memory)
        if a.label in _PLACES and b.label in _PLACES and text[a.end : b.start] in _JOINERS
    ]


def _topic(
    doc: Doc, memory: list[Mention], routes: list[tuple[Mention, Mention]], descriptions: dict[str, str]
) -> list[Mention]:
    """The place (or pair of places) an article is about; empty when none stands out.

    In order: a route its headline or lead sentence names ("Madrid–Barcelona high-speed line"); the first
    place the lead sentence names and the text repeats (the lead says whose figures these are: "prices in
    Ireland rose ..., with prices in Dublin up ..."); a place the headline names and the text repeats; else
    the place the article names most often (at least three times); else the actor the lead's subject names
    ("Government borrowing ... came in at £118.6bn").
    """
    text = doc_text(doc)
    first_line = text.split("\n", 1)[0]
    sents = iter(doc.sents)
    lead_start = None
    if 0 < len(first_line.strip()) <= 200:
        # the headline; the lead is the body's first sentence (the parser may run the two together)
        head_end = len(first_line)
        lead_start = len(text) - len(text[head_end:].lstrip())
        lead_end = next((s.end_char for s in sents if s.end_char > lead_start), len(text))
    else:
        head_end = lead_end = next(sents).end_char
    for a, b in routes:
        if b.start < lead_end:
            return [a, b]  # "Madrid–Barcelona": a route between two places
    places = [m for m in memory if m.label in _PLACES]
    gpe = [m for m in places if m.label == "GPE"]
    if lead_start is not None:
        first = next((m for m in gpe if lead_start <= m.start < lead_end), None)
        if first is not None and text.count(first.text) >= 2:
            return [first]
    headline = [m for m in gpe if m.start < head_end and text.count(m.text) >= 2]
    if headline:
        return headline[:1]
    counts: dict[str, int] = {}
    for m in gpe:
        counts[m.text] = counts.get(m.text, 0) + 1
    best = max(counts.values(), default=0)
    if best >= 3:
        return [next(m for m in gpe if counts[m.text] == best)]
    return _lead_actor(doc, memory, descriptions, lead_start, lead_end) if lead_start is not None else []


def _lead_actor(
    doc: Doc, memory: list[Mention], descriptions: dict[str, str], start: int, end: int
) -> list[Mention]:
    """The named entity or the institution ("Government") that the lead sentence's subject names, if any."""
    lead = doc.char_span(start, end, alignment_mode="expand")
    if lead is None:
        return []
    for tok in lead:
        if not (tok.dep_ in _SUBJ or (tok.dep_ == "compound" and tok.head.dep_ in _SUBJ)):
            continue
        if (ent := _entity_at(memory, tok)) is not None:
            return [ent] if ent.label in ("GPE", "ORG") else []
        if tok.lower_ in descriptions and tok.pos_ in _NOUNS:
            return [Mention(tok.text, tok.idx, tok.idx + len(tok.text), descriptions[tok.lower_])]
    return []


def _candidate_nps(span: Span) -> list[Token]:
    """Noun phrases (heads) that may name what the figure is about, nearest first."""
    root = span.root
    out: list[Token] = []
    # the noun the figure counts or measures, and the noun it modifies
    out.append(root)
    if root.head.pos_ in _NOUNS and root.head is not root:
        out.append(root.head)
        if root.head.dep_ == "appos" or root.dep_ == "appos":
            out.append(root.head.head)
        if root.head.dep_ in ("pobj",) and root.head.head.head.pos_ in _NOUNS:
            out.append(root.head.head.head)
    if root.dep_ == "pobj" and root.head.head.pos_ in _NOUNS:
        out.append(root.head.head)
    verb = _governing_verb(root)
    hops = 0
    while verb is not None and hops < 3:
        subjects = [c for c in verb.children if c.dep_ in _SUBJ]
        if subjects:
            subj = subjects[0]
            out.extend(subjects)  # "the low-cost brand Ouigo carried ...": the parser may give two
            if subj.i in range(span.start, span.end) or subj.i == root.i:
                # the figure is the subject: "5,000 trains passed through these ports", "Two ... are in X"
                for prep in verb.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("through", "in", "at", "via", "across", "into"):
                        out.extend(c for c in prep.children if c.dep_ == "pobj")
            break
        verb = _governing_verb(verb.head) if verb.head is not verb else None
        hops += 1
    return out


def _governing_verb(tok: Token) -> Token | None:
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _of_object(root: Token) -> Token | None:
    """The X of "77.9 million tons of grain"."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _entity_at(memory: list[Mention], tok: Token) -> Mention | None:
    return next((m for m in memory if m.start <= tok.idx < m.end), None)


def _subject_dict(mentions: list[Mention], resolved_from: str | None) -> dict[str, Any]:
    first, last = mentions[0], mentions[-1]
    text = " and ".join(m.text for m in mentions)
    out: dict[str, Any] = {
        "text": text,
        "start": first.start if resolved_from is None and len(mentions) == 1 else None,
        "end": last.end if resolved_from is None and len(mentions) == 1 else None,
        "label": first.label,
        "resolved_from": resolved_from,
    }
    if len(mentions) > 1:
        out["entities"] = [{"text": m.text, "start": m.start, "end": m.end, "label": m.label} for m in mentions]
    elif resolved_from is not None:
        out["start"], out["end"] = first.start, first.end
    return out


def _phrase(tok: Token) -> str:
    """A noun with the modifiers right before it, lower case ("grain self-sufficiency rate")."""
    doc = tok.doc
    subtree = {t.i for t in tok.subtree}
    i = tok.i - 1
    while i >= 0 and i in subtree:
        t = doc[i]
        if t.dep_ in ("det", "poss", "case", "nummod", "predet", "quantmod", "advmod") or t.like_num or t.pos_ == "DET":
            break
        if t.tag_ in ("JJS", "RBS") or (t.text == "-" and doc[i - 1].tag_ in ("JJS", "RBS", "JJ", "CD")):
            break
        if t.lower_ in _SKIP_WORDS or t.text in ("’s", "'s", ",", "(", ")"):
            break
        i -= 1
    return doc[i + 1 : tok.i + 1].text.lower().replace(" - ", "-")


def _np_start(tok: Token) -> int:
    return min(t.idx for t in tok.subtree if t.i <= tok.i)


def _np_text(tok: Token, *, with_right: bool = False, drop_poss: bool = False) -> str:
    """The words of a noun phrase: its left part (determiners included), and its right part if asked."""
    doc = tok.doc
    cut = {d.i for c in tok.children if c.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj") for d in c.subtree}
    tokens = [t for t in tok.subtree if (with_right or t.i <= tok.i) and t.i not in cut]
    if drop_poss:
        poss = {d.i for c in tok.children if c.dep_ in ("poss", "det") for d in c.subtree}
        tokens = [t for t in tokens if t.i not in poss]
    if not tokens:
        return tok.text
    return doc[tokens[0].i : tokens[-1].i + 1].text
