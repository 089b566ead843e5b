"""Say what each claim is about: its ``subject`` (an entity, resolved) and its ``metric`` (a short phrase).

Both come from the dependency parse around the figure, with an article-level memory of the entities
mentioned so far, so that "the province", "it" and "both provinces" resolve to names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from spacy.tokens import Doc, Span, Token

from factex.claim import Claim
from factex.extensions import doc_text

_NOUNS = {"NOUN", "PROPN"}
_SUBJ = {"nsubj", "nsubjpass", "csubj", "expl"}
_SKIP_WORDS = {"percent", "%", "per", "cent", "share", "rate"}
_PLACES = ("GPE", "LOC", "FAC")
_ACTORS = ("ORG", "FAC", "PRODUCT")  # what an article's main actor may be (``_main_actor``)
_SETTINGS = ("city", "region", "country")  # place classes; the others are facilities ("airport", "mine")
_JOINERS = ("–", "-", "—", "/")
_WITHIN = ("of", "in", "for", "at", "between", "near", "through", "on", "by")
_RANK_WITHIN = ("of", "for", "at", "between")  # "the fifth-highest ratio in the G7": not what a rank is about
_LOCATIVE = ("in", "at", "on", "across", "among", "near", "throughout", "within")
_GROUP_PREPS = ("for", "among", "on", "in")
_COMMON_VIA = {
    "group": ("subject", "prep"),
    "sector": ("subject", "conj"),
    "market": ("subject", "prep", "compound"),
    "body": ("subject",),
    "industry": ("subject",),
    "area": ("subject", "prep"),
}
_MARKET_HEADS = {"price", "prices", "yield", "yields", "rate", "rates", "market", "markets", "futures", "value",
                 "index", "trading", "exchange", "contracts"}  # "gilt yields", "gold prices": a market's own measures
_NOT_PRICED = {"it", "price", "prices", "cost", "costs", "gap", "spread", "discount", "premium", "difference",
               "differential", "margin", "margins"}  # subjects of a price clause that are no priced good
_BEARER_VERBS = ("cost", "save")  # "X cost Y Z": the figure is Y's (a loss or a saving it bears)
_COMPARED = ("than", "behind", "against", "after", "before", "like", "unlike", "including", "except", "over")
_MODIFIERS = ("compound", "amod", "nmod", "nummod")
_FIGURES = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL", "DATE")
_FIRST_PERSON = {"i", "me", "my", "mine", "myself"}
_RELATIVE = {"which", "who", "that"}
_NOBODY: dict[str, Any] = {"text": None, "_nobody": True}
_DATELINE = re.compile(r"^([^\W\d_a-z](?:[^\W\d_a-z]|['’. -])+[^\W\d_a-z]) ?[—–-] ", re.MULTILINE)  # "BOGOTÁ — "
_HOLIDAY = re.compile(r"(?:['’]s)? (?:Day|Eve)\b")  # "Valentine's Day", "Christmas Eve", "Labor Day"
_ROUTE_WORDS = re.compile(r"\s+(?:route|routes|line|lines|link|corridor|service|services|flights?|connection|"
                          r"highway|motorway|railway|rail|road|pipeline|ferry|shuttle)\b")
_DASHED = re.compile(r"[–—-][A-Z][\w'’]*(?![\w–—-])")


@dataclass(frozen=True)
class Mention:
    """An entity mention remembered from the article (``first``/``last``: its token range, end excluded)."""

    text: str
    start: int
    end: int
    label: str
    first: int = -1
    last: int = -1


class Memory(list[Mention]):
    """The article's entity mentions in text order, indexed by the tokens they cover.

    ``kinds`` holds what the article says a name is ("the port city of Hai Phong", "Xi'an, the provincial
    capital", "Shaanxi province", a dateline): name (lower case) -> place class (``city``, ``region``, ...).
    """

    def __init__(self, mentions: Iterable[Mention] = (), kinds: dict[str, str] | None = None) -> None:
        super().__init__(mentions)
        self.kinds: dict[str, str] = kinds or {}
        self.starts: list[int] = [m.start for m in self]  # in text order: for bisecting
        self.by_token: dict[int, Mention] = {i: m for m in self for i in range(m.first, m.last)}

    def at(self, tok: Token) -> Mention | None:
        """The mention that covers a token, if any."""
        return self.by_token.get(tok.i)


class _Parse:
    """What ``describe`` reads from one Doc's parse again and again, read once.

    The sentences (first tokens, start and end offsets, for bisecting: ``Span.sent`` walks the tokens each
    time it is asked), and the dependents of the tokens asked about with their relations (many figures of a
    sentence ask about the same verb and the same nouns; spaCy makes a new Token for each child each time).
    """

    def __init__(self, doc: Doc) -> None:
        sents = list(doc.sents)
        self.starts: list[int] = [s.start for s in sents]
        self.chars: list[int] = [s.start_char for s in sents]
        self.ends: list[int] = [s.end_char for s in sents]
        self._kids: dict[int, list[tuple[Token, str]]] = {}

    def kids(self, tok: Token) -> list[tuple[Token, str]]:
        """A token's children with their dependency labels, in text order."""
        found = self._kids.get(tok.i)
        if found is None:
            found = self._kids[tok.i] = [(c, c.dep_) for c in tok.children]
        return found

    def subject(self, verb: Token) -> Token | None:
        """A verb's first subject, if any."""
        return next((c for c, dep in self.kids(verb) if dep in _SUBJ), None)

    def index(self, i: int) -> int:
        """The number of the sentence that holds token ``i``."""
        return max(bisect.bisect_right(self.starts, i) - 1, 0)

    def start_char(self, i: int) -> int:
        """The start offset of the sentence that holds token ``i``."""
        return self.chars[self.index(i)]


@dataclass
class DescribeRules:
    """What ``describe.jsonl`` says: entity labels, descriptions, pronouns, verb nominalizations, lexicons."""

    labels: set[str] = field(default_factory=set)
    descriptions: dict[str, str] = field(default_factory=dict)
    named: set[str] = field(default_factory=set)
    classes: dict[str, str] = field(default_factory=dict)
    pronouns: dict[str, tuple[set[str], bool]] = field(default_factory=dict)
    nominal: dict[str, str] = field(default_factory=dict)
    by_unit: dict[str, str] = field(default_factory=dict)
    rate_metric: str | None = None
    not_metric: set[str] = field(default_factory=set)
    common: dict[str, str] = field(default_factory=dict)
    common_heads: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    demonyms: dict[str, str] = field(default_factory=dict)

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
                if e.get("named"):
                    rules.named.update(w.lower() for w in e["words"])
            elif kind == "place_class":
                rules.classes.update({w.lower(): e["class"] for w in e["words"]})
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
            elif kind == "common_subject":
                rules.common.update({w.lower(): e["kind"] for w in e["words"]})
                rules.common_heads.update(w.lower().rsplit(" ", 1)[-1] for w in e["words"])
            elif kind == "country_names":
                rules.countries.update(w.lower() for w in e["words"])
            elif kind == "source_verbs":
                rules.sources.update(w.lower() for w in e["words"])
            elif kind == "demonyms":
                rules.demonyms.update({w.lower(): country for w, country in e["map"].items()})
        return rules


def _entity_mentions(doc: Doc, rules: DescribeRules, claims: Sequence[Claim] = ()) -> Memory:
    """The named entities a figure can be about, in text order, with the place classes the article gives them.

    Left out: an entity inside a figure's own words (the "CAD" of "CAD 295", the "MW" of "480 MW"), a
    dateline ("LONDON — ...", remembered as a city), and a capitalized common noun the model took for a name
    because it opens a sentence ("Lentils, at 2.1 million tonnes", "Harvest was 98 percent complete") when the
    article also writes it in lower case.
    A place name the model cut at a dash is made whole ("Dún Laoghaire–Rathdown").
    """
    text = doc_text(doc)
    spans = sorted((c.mention.start, c.mention.end) for c in claims)
    ents = doc.ents
    starts = {ent.start_char for ent in ents}
    kept: list[tuple[Span, str, int]] = []
    # a dateline names the city the story is filed from, whether or not the model tags it
    dateline = _DATELINE.search(text, 0, 1000)
    kinds: dict[str, str] = {dateline.group(1).lower(): "city"} if dateline is not None else {}
    k = 0
    for ent in ents:
        label = ent.label_
        if label not in rules.labels:
            continue
        start = ent.start_char
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k < len(spans) and spans[k][0] < ent.end_char:
            continue  # part of a figure: a currency code or a unit symbol
        if _dateline(text, ent):
            kinds.setdefault(ent.text.lower(), "city")  # a dateline names the city the story is filed from
            continue
        if _common_noun(text, ent) or _HOLIDAY.match(text, ent.end_char) is not None:
            continue  # "Harvest was ...", "before Valentine's Day": no entity a figure is about
        end = ent.end_char
        if label in _PLACES and (joined := _DASHED.match(text, end)) is not None and end + 1 not in starts:
            end = joined.end()  # "Dún Laoghaire–Rathdown": one name, not a route
        kept.append((ent, label, end))
    mentions = []
    for ent, label, end in kept:
        ent_text = text[ent.start_char : end]
        if ent_text.endswith(("’s", "'s")):
            ent_text = ent_text[:-2]
        if label == "PERSON" and ent.root.tag_ == "NNP" and any(t.dep_ == "poss" for t in ent):
            label = "GPE"  # "Jilin's GDP": the small model often calls a possessive place a person
        mentions.append(Mention(ent_text, ent.start_char, ent.start_char + len(ent_text), label, ent.start, ent.end))
    mentions = _short_names(_repeated_names(doc, text, mentions, spans), rules.countries)
    for m in mentions:
        key = _name_key(m.text)
        if key in rules.countries:
            continue  # "the United States" is no state
        if m.first >= 0 and (place := _place_class(doc[m.first : m.last], rules.classes)) is not None:
            kinds.setdefault(key, place)
            if key.rsplit(" ", 1)[-1] in rules.classes:
                kinds.setdefault(key.rsplit(" ", 1)[0], place)  # "Liaoning Province": Liaoning is a province
    if kinds:
        # "the port city of Hai Phong": a name the article calls a place is a place, whatever the model said
        # (a facility, as "the José Martí airport", is a facility); a city the model took for a natural
        # feature ("CAPE TOWN — ... Cape Town") is a city
        mentions = [
            replace(m, label="GPE" if kinds[key] in _SETTINGS else "FAC")
            if (key := _name_key(m.text)) in kinds
            and (m.label not in _PLACES or (m.label == "LOC" and kinds[key] in _SETTINGS)) else m
            for m in mentions
        ]
    return Memory(mentions, kinds)


def _name_key(name: str) -> str:
    """A name compared across mentions: lower case, without a leading "the"."""
    name = name.lower()
    return name[4:] if name.startswith("the ") else name


def _place_class(ent: Span, classes: dict[str, str]) -> str | None:
    """The place class the text gives a name around it, if any.

    "Shaanxi province", "Liaoning Province", "the port city of Hai Phong", "Xi'an, the provincial capital",
    "the capital, Dublin".
    """
    last = ent[-1]
    if last.lower_ in classes and len(ent) > 1:
        return classes[last.lower_]
    head = last.head
    if last.dep_ == "compound" and head.lower_ in classes and head.i == last.i + 1:
        return classes[head.lower_]
    if last.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in classes and head.head.i == head.i - 1:
        return classes[head.head.lower_]
    if last.dep_ == "appos" and head.lower_ in classes:
        return classes[head.lower_]
    for child in last.children:
        if child.dep_ == "appos" and child.lower_ in classes and child.i > last.i:
            return classes[child.lower_]
    return None


def _repeated_names(doc: Doc, text: str, mentions: list[Mention], spans: list[tuple[int, int]]) -> list[Mention]:
    """Add the places where the text repeats a name the model tagged elsewhere ("Renfe plans to ...")."""
    names: dict[str, str] = {}
    for m in mentions:
        if m.text[:1].isupper() and len(m.text) > 2:
            names.setdefault(m.text, m.label)
    if not names:
        return mentions
    # every whole-word occurrence of a name; where several start at one place, the longest, and none inside
    # another (as a regular expression of the names, longest first, would find them, only faster)
    size = len(text)
    occurrences = []
    for name in names:
        a = text.find(name)
        while a >= 0:
            b = a + len(name)
            if not (a and _is_word(text[a - 1])) and not (b < size and _is_word(text[b])):
                occurrences.append((a, -len(name), name))
            a = text.find(name, a + 1)
    occurrences.sort()
    taken = sorted([(m.start, m.end) for m in mentions] + spans)
    extra = []
    end = 0
    for a, minus, name in occurrences:
        if a < end:
            continue
        b = end = a - minus
        k = bisect.bisect_right(taken, (a, size))
        if (k and taken[k - 1][1] > a) or (k < len(taken) and taken[k][0] < b):
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        first, last = (span.start, span.end) if span is not None else (-1, -1)
        extra.append(Mention(name, a, b, names[name], first, last))
    return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions


def _is_word(char: str) -> bool:
    r"""True for a word character, as a regular expression's \w matches one."""
    return char.isalnum() or char == "_"


def _short_names(mentions: list[Mention], countries: set[str]) -> list[Mention]:
    """Give a company's short name its label wherever the model took it for something else.

    "Seorin Motor ... Seorin's share ... Shares in Seorin fell": a name the model tags as an organisation at
    least once, that opens the name of an organisation the article gives in full, is that organisation
    everywhere (not a country: "China" of "China Railway").
    """
    orgs = {m.text for m in mentions if m.label == "ORG"}
    short = {
        name for name in orgs
        if " " not in name and name.lower() not in countries and any(o.startswith(name + " ") for o in orgs)
    }
    if not short:
        return mentions
    return [replace(m, label="ORG") if m.text in short and m.label != "ORG" else m for m in mentions]


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
    word = ent.text.lower()
    return word in text and re.search(r"\b" + re.escape(word) + r"\b", text) is not None


class Describer:
    """Find subjects and metrics of claims in a parsed Doc."""

    def __init__(self, rules: DescribeRules) -> None:
        self.rules = rules
        self._kind, self._priced = "", False
        self._span: Span | None = None  # the figure being described

    def describe(self, doc: Doc, claims: Sequence[Claim]) -> list[tuple[dict[str, Any] | None, str | None]]:
        """Return (subject, metric) for every claim."""
        if not doc.has_annotation("DEP"):
            return [(None, None) for _ in claims]
        text = doc_text(doc)
        self._parse = _Parse(doc)
        memory = _entity_mentions(doc, self.rules, claims)
        pairs = _route_pairs(text, memory)
        topic = _topic(doc, memory, pairs, self.rules, self._parse)
        routes = {m.start: pair for pair in pairs for m in pair}
        self._subjects: list[Mention] = []
        out: list[tuple[dict[str, Any] | None, str | None]] = []
        previous: dict[str, Any] | None = None
        # the claims described so far in each sentence, with what they got
        by_sentence: dict[tuple[int, int], list[tuple[Claim, tuple[dict[str, Any] | None, str | None]]]] = {}
        for claim in claims:
            earlier = by_sentence.setdefault(claim.sentence, [])
            span = doc.char_span(claim.mention.start, claim.mention.end, alignment_mode="expand")
            if span is None:
                out.append((None, None))
                earlier.append((claim, out[-1]))
                continue
            root = span.root
            verb = _governing_verb(root)
            priced = claim.kind == "money" and "/" in claim.value.unit
            subject = self._subject(doc, span, memory, claim.kind, priced, root, verb)
            if priced:
                subject = _priced(span, verb, memory, self.rules.common) or subject
            nobody = subject is not None and subject.get("_nobody") is True
            if nobody:
                subject = None
            metric = self._checked(self._metric(span, claim, root, verb), claim)
            twin = self._twin(root, claim, earlier)
            same = [d for c, d in earlier if (c.kind, c.value.unit) == (claim.kind, claim.value.unit)]
            if twin is not None:
                # "43,400 in Jilin" after "86,000 new residents in Liaoning", "1.5 percent" after "2.6 percent",
                # "from 45 in 2013": the figure continues the one before it
                # "followed by Spain with 2.3 million": an item of a list that names its own entity keeps it
                own_name = subject is not None and subject.get("label") is not None and twin[0] is not None and (
                    subject.get("text") != twin[0].get("text")
                ) and claim.sentence[0] <= (subject.get("start") or -1) < claim.sentence[1]
                restated = root.dep_ == "appos" and claim.kind == "money"  # "1.9 trillion won ($1.3 billion)"
                if restated or (not nobody and not own_name and (
                    ("count.ellipsis" in claim.trace and not (subject or {}).get("_common")) or subject is None
                )):
                    subject = dict(twin[0]) if twin[0] else subject
                metric = metric or twin[1]
            compared = same[-1][1] if same else None
            if metric is not None and metric.split()[-1] in ("average", "level", "norm", "benchmark") and compared:
                # "surpassed the national average of 5.2 percent": the average of the property compared
                if "national" in metric.split():
                    subject = self._country(memory, metric) or subject
                metric = compared
            if metric is None:
                metric = compared
            clause = _clause_subject(verb, self._parse)
            if (
                subject is None
                and not nobody
                and previous is not None
                and previous.get("_sentence") == claim.sentence
                and (clause is None or clause.i == previous.get("_clause", clause.i))
            ):
                # "1.5 percent in the first half" after "2.6 percent in 2023": the figure before continues, unless
                # this clause has a subject of its own ("..., a change the regulator says is worth C$4 billion")
                subject = dict(previous)
            if subject is None and not nobody:
                subject = _continued(span, verb, previous, self.rules.descriptions, self._parse, text)
            if subject is not None and (route := routes.get(subject.get("start", -1))) is not None:
                subject = _route_dict(route, text)  # "Madrid–Barcelona": the route, not one end
            if subject is None and topic and not nobody:
                # an unnamed figure in an article about one place belongs to that place
                whole = _route_dict((topic[0], topic[1]), text) if len(topic) == 2 else None
                subject = (whole or _subject_dict(topic, None)) | {"inferred": True}
            if subject is not None:
                subject["_sentence"] = claim.sentence
                subject["_clause"] = clause.i if clause is not None else -1
                previous = subject
                # what a figure names, or what "its" in its own sentence stands for ("X said ... its sales"),
                # is what the next description ("the company") most likely means
                said = subject.get("resolved_from")
                for ent in subject.get("entities") or [subject]:
                    if ent.get("start") is not None and (said is None or said.lower() in self.rules.pronouns):
                        self._subjects.append(Mention(ent["text"], ent["start"], ent["end"], ent["label"]))
            out.append(({k: v for k, v in subject.items() if not k.startswith("_")} if subject else None, metric))
            earlier.append((claim, out[-1]))
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
        root: Token, claim: Claim, earlier: list[tuple[Claim, tuple[dict[str, Any] | None, str | None]]]
    ) -> tuple[dict[str, Any] | None, str | None] | None:
        """The (subject, metric) of the earlier claim in the sentence (``earlier``) this one continues, if any.

        ``root``: the root token of the claim's figure.
        """
        if not earlier:
            return None
        if "count.ellipsis" in claim.trace or "count.conjunct" in claim.trace:
            same = [d for c, d in earlier if c.kind == claim.kind and c.value.unit == claim.value.unit]
            return same[-1] if same else None
        if root.dep_ in ("conj", "appos"):
            head = root.head
            for c, d in earlier:
                if c.mention.start <= head.idx < c.mention.end:
                    return d
        return None

    # -- subject -------------------------------------------------------------------------------
    def _subject(
        self, doc: Doc, span: Span, memory: Memory, kind: str, priced: bool, root: Token, verb: Token | None
    ) -> dict[str, Any] | None:
        """The subject a figure's own words and its clause name; ``_NOBODY`` for a speaker's own figure.

        ``root``: the figure's root token; ``verb``: the verb that governs it (``_governing_verb``).
        """
        self._kind, self._priced, self._span = kind, priced, span
        within = _RANK_WITHIN if kind == "rank" else _WITHIN
        at = span.start_char
        candidates = _candidate_nps(span, root, verb, self._parse)
        if kind == "ratio" and len(candidates) > 1 and candidates[1].i == root.head.i != root.i:
            del candidates[1]  # "nearly double the rate of 3.8% for white workers": the base compared with
        among = root.dep_ == "pobj" and root.head.lower_ == "among"  # "ranked last among the 50 states"
        own = [i == 0 and span.start <= np.i < span.end for i, np in enumerate(candidates)]
        # first what the words name: an entity, a possessor, a place, a group ("the rate for teenagers")
        for np, is_own in zip(candidates, own, strict=True):
            found = self._resolve(np, memory, at, refer=not is_own, counted=is_own and kind == "count",
                                  within=within)
            if found is not None:
                return found
        if among:
            return None
        # then the clause's own place or group: "Among college graduates it was ...", "in Dublin they averaged"
        for pobj in _locatives(verb, self._parse):
            ent = memory.at(pobj)
            if ent is not None and ent.label in _PLACES and pobj.conjuncts:
                return _subject_dict(_listed(pobj, ent, memory), None)  # "fell 1.1 percent in X and Y"
            found = self._common(pobj, "prep") or self._resolve(pobj, memory, at, within=within)
            if found is not None and (found.get("label") in _PLACES or found.get("_common")):
                return found
        # then what descriptions and pronouns refer to: "The province's rate", "it", "both provinces"
        for np, is_own in zip(candidates, own, strict=True):
            if not is_own and np.dep_ != "attr":  # "remained the country's third-largest coal producer"
                found = self._resolve(np, memory, at, within=within, weak=True)
                if found is not None:
                    return found
        if kind != "rank":
            m = _place_before(span, memory, self._parse.start_char(span.start))
            if m is not None:
                return _subject_dict([m], None)
        return None

    def _resolve(
        self, tok: Token, memory: Memory, at: int, *, refer: bool = True, counted: bool = False,
        within: tuple[str, ...] = ("of", "in", "for", "at", "between"), weak: bool = False,
    ) -> dict[str, Any] | None:
        """The entity a noun phrase (given by its head token) stands for, or None.

        Without ``weak``, only what the words name; with it, also what a description or a pronoun refers to.
        """
        if weak:
            return self._refer(tok, memory, at)
        ent = memory.at(tok)
        if ent is not None:
            return _subject_dict([ent], None)
        tok_dep = tok.dep_
        if tok_dep == "appos" and (ent := memory.at(tok.head)) is not None:
            return _subject_dict([ent], None)  # "Jilin, the country's fifth-largest grain producer"
        rank = self._kind == "rank"
        parse = self._parse
        kids = parse.kids(tok)
        for child, dep in kids:
            if dep == "poss" and not (rank and child.i < tok.i and tok_dep in ("attr", "pobj", "appos")):
                # "the country's second-busiest gateway": the group a rank is within is not what it is about
                found = self._resolve(child, memory, at) or self._refer(child, memory, at)
                if found is not None:
                    return found
        for child, dep in kids:
            if dep in ("amod", "nsubj") and child.i < tok.i and (ent := memory.at(child)) is not None and (
                (ent.label in (*_PLACES, "ORG") and child.pos_ != "ADJ") or ent.label in ("LOC", "FAC")
            ):
                # "the Asan plant 298,000": a name before the noun that the parser did not take for a compound
                return _subject_dict([ent], None)
            if dep in ("compound", "nmod") and child.i < tok.i:
                ent = memory.at(child) or next(
                    (e for c, d in parse.kids(child) if d == "compound" and (e := memory.at(c)) is not None), None
                )
                if ent is not None:
                    return _subject_dict([ent], None)  # "Dublin house prices", "Iryo 3.2 million"
                if (common := self._common(child, "compound")) is not None:
                    return common  # "gilt yields"
        for child, dep in kids:
            if dep != "prep":
                continue
            prep = child.lower_
            if prep not in within:
                continue
            pobj = next((c for c, d in parse.kids(child) if d == "pobj"), None)
            if pobj is None:
                continue
            if (ent := memory.at(pobj)) is not None and ent.label != "NORP":  # "the share of Americans"
                conj = [e for c in pobj.conjuncts if (e := memory.at(c)) is not None]
                return _subject_dict([ent, *conj], None)
            if prep in _GROUP_PREPS and (common := self._common(pobj, "prep")) is not None:
                return common  # "the unemployment rate for Black workers", "the yield on the benchmark gilt"
            if (found := self._pronoun_in(pobj, memory)) is not None:
                return found  # "one in five of its passengers" after "Ouigo says"
            place = next((e for c, d in parse.kids(pobj) if d == "prep" and c.lower_ in ("in", "at", "near")
                          for g, r in parse.kids(c) if r == "pobj" and (e := memory.at(g)) is not None), None)
            if place is None and pobj.pos_ == "NOUN":
                # "growers in the Berg River valley": a common noun named by the place before it
                place = next((e for c, d in parse.kids(pobj) if c.i < pobj.i and d == "compound"
                              and (e := memory.at(c))), None)
            if place is not None and place.label in _PLACES:
                # "half of first-time buyers in Dublin", "output at the plant near Bratislava": a place
                # named with a description says which one before any earlier mention does
                return _subject_dict([place], None)
            if refer and prep != "of" and pobj.lower_ in self.rules.descriptions and pobj.tag_ == "NN":
                found = self._refer(pobj, memory, at)  # "buyers in the capital", "cargo through the port"
                if found is not None:
                    return found
            if prep != "of" and (poss := next((c for c, d in parse.kids(pobj) if d == "poss"), None)):
                found = self._resolve(poss, memory, at) or self._refer(poss, memory, at)
                if found is not None:
                    return found  # "passengers on the country's high-speed lines"
        for child, dep in kids:
            if dep == "appos" and (ent := memory.at(child)) is not None:
                # "the three smaller dams, Wemmershoek, Steenbras Upper and Steenbras Lower": all the names listed
                return _subject_dict(_listed(child, ent, memory), None)
        word = tok.lower_
        if tok_dep in _SUBJ and (common := self._common(tok, "subject")) is not None:
            return common  # "Traders now see a 70% chance", "sterling slipped 0.4%"
        if self._kind == "count" and tok_dep == "conj" and (common := self._common(tok, "conj")) is not None:
            return common  # "and construction 12,000"
        if word in _FIRST_PERSON and tok.pos_ == "PRON":  # not "the copper mine"
            return dict(_NOBODY)  # "Now I pay €30": a speaker's own figure is about no one named
        if word in _RELATIVE and tok.head.dep_ == "relcl":
            return self._resolve(tok.head.head, memory, at)  # "the European Union, which ranked third"
        if word in self.rules.pronouns:
            return self._antecedent(tok, memory)  # "Ouigo says ... its passengers"
        if not refer and counted and tok.pos_ == "NOUN":
            # "the three hubs of the China-Europe freight train service": the whole they belong to
            for child, dep in kids:
                if dep == "prep" and child.lower_ in ("of", "in"):
                    pobj = next((c for c, d in parse.kids(child) if d == "pobj" and c.pos_ == "NOUN"), None)
                    # a whole with a determiner ("of the service"), not contents ("containers of goods")
                    whole = pobj is not None and any(d in ("det", "poss") for _, d in parse.kids(pobj))
                    if whole and pobj is not None and pobj.lower_ not in self.rules.descriptions:
                        np = _np_text(pobj, with_right=True)
                        start = _np_start(pobj)
                        return {"text": np, "start": start, "end": start + len(np), "label": None,
                                "resolved_from": None}
        return None

    def _refer(self, tok: Token, memory: Memory, at: int) -> dict[str, Any] | None:
        """What a pronoun or a description refers to: "it", "both provinces", "the capital", "the country"."""
        word = tok.lower_
        if word not in self.rules.pronouns and word not in self.rules.descriptions:
            for child in tok.children:
                if child.dep_ == "poss":
                    return self._refer(child, memory, at)  # "The province's grain self-sufficiency rate"
            return None
        words = " ".join(t.text for t in tok.subtree if t.i <= tok.i)
        if word in self.rules.pronouns:
            labels, plural = self.rules.pronouns[word]
            if not plural and (found := self._prior_subject(tok, memory, labels)) is not None:
                return found
            return self._recall(memory, at, labels, 2 if "both" in words.lower() else 1, words)
        if tok.pos_ not in _NOUNS:
            return None
        place = self.rules.classes.get(word)
        plural = tok.tag_ == "NNS"
        if place == "country" and not plural:
            return self._country(memory, words)
        determiners = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod")}
        if plural and (
            determiners & {"these", "those"} or any(c.like_num and c.lower_ not in ("two", "2") for c in tok.children)
        ):
            # "these three ports": a group the text does not name in one place; keep the words
            return {"text": _np_text(tok), "start": _np_start(tok), "end": tok.idx + len(tok.text), "label": None,
                    "resolved_from": None}
        labels = set(self.rules.descriptions[word].split("|"))
        if "GPE" in labels:
            labels.add("LOC")
        named = word.rstrip("s") if word in self.rules.named else None
        return self._recall(memory, at, labels, 2 if plural else 1, words, place=place, named=named)

    def _common(self, tok: Token, via: str) -> dict[str, Any] | None:
        """A group, an industry, a traded instrument or a body the lexicon knows, where it may be a subject.

        ``via``: how the words attach (``subject``, ``prep``, ``compound``, ``conj``).
        """
        if tok.lower_ not in self.rules.common_heads or tok.pos_ not in _NOUNS or tok.ent_type_ in _FIGURES:
            return None  # not "yuan" in "at 468.2 billion yuan"
        if self._span is not None and self._span.start <= tok.i < self._span.end:
            return None  # a figure's own words ("a 9.5 trillion peso expansion") are not what it is about
        first = tok.i
        doc = tok.doc
        while first > 0:
            left = doc[first - 1]
            if not (first <= left.head.i <= tok.i and (left.dep_ in _MODIFIERS or left.text == "-")):
                break
            first -= 1  # "the benchmark gilt", "the ten-year bond"
        words = [t.lower_ for t in doc[first : tok.i + 1]]
        kind = next((k for n in range(min(3, len(words)), 0, -1) if (k := self.rules.common.get(" ".join(words[-n:])))),
                    None)
        if kind is None or via not in _COMMON_VIA.get(kind, ("subject",)):
            return None
        if kind == "market" and (
            (via == "compound" and tok.head.lower_ not in _MARKET_HEADS)
            or any(c.dep_ == "det" and c.lower_ in ("each", "a", "an", "every", "per") for c in tok.children)
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
        ):
            return None  # "gold output", "each pound of copper": a commodity or a weight, not a traded market
        if kind == "group" and self._priced:
            return None  # "Households were paying 12 cents per kilowatt-hour": who pays is not what is priced
        if kind == "sector" and self._kind != "count":
            return None
        if kind == "area" and not any(c.dep_ == "compound" and c.pos_ in _NOUNS for c in tok.children):
            return None  # "the euro area", not "the area"
        span = doc[first : tok.i + 1]
        return {"text": span.text, "start": span.start_char, "end": span.end_char, "label": None,
                "resolved_from": None, "_common": kind}

    def _pronoun_in(self, tok: Token, memory: Memory, depth: int = 3) -> dict[str, Any] | None:
        """The antecedent of a possessive pronoun in a noun phrase, when its sentence names it.

        "Ouigo says at least one in five of its passengers ...": its is Ouigo's.
        """
        for child in tok.children:
            if child.dep_ == "poss" and child.lower_ in self.rules.pronouns:
                return self._antecedent(child, memory)
            if child.dep_ == "prep" and child.lower_ in ("of", "in") and depth > 1:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (found := self._pronoun_in(pobj, memory, depth - 1)) is not None:
                        return found
        return None

    def _antecedent(self, pronoun: Token, memory: Memory) -> dict[str, Any] | None:
        """The subject of a clause around a pronoun, in its own sentence ("Ouigo says ... its passengers").

        A subject that is a description stands for what it refers to ("The company kept its guidance").
        """
        person = pronoun.lower_ in ("he", "his", "him", "she", "her", "hers")
        plural = self.rules.pronouns.get(pronoun.lower_, (set(), False))[1]
        for verb in pronoun.ancestors:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i), None)
            if subj is None or subj.i <= pronoun.i <= subj.right_edge.i:
                continue
            if subj.tag_ in ("NN", "NNS") and (subj.tag_ == "NNS") != plural:
                continue  # "the department estimates the cuts could cost them": "them" is no department
            ent = memory.at(subj)
            # "its" never means a person: a name the model tagged PERSON is then an organisation
            if ent is not None and (ent.label == "PERSON" or not person):
                return _subject_dict([ent], pronoun.text)
            if ent is None and not person and subj.lower_ in self.rules.descriptions and subj.tag_ == "NN":
                found = self._refer(subj, memory, subj.idx)
                if found is not None:
                    return found | {"resolved_from": pronoun.text}
            if ent is None and subj.pos_ == "PRON" and subj.lower_ == pronoun.lower_:
                # "It estimated that the levy cost it ...": the same pronoun twice is the same thing
                found = self._refer(subj, memory, subj.idx)
                return found | {"resolved_from": pronoun.text} if found is not None else None
        return None

    def _prior_subject(self, pronoun: Token, memory: Memory, labels: set[str]) -> dict[str, Any] | None:
        """The named subject of the sentence before a pronoun's, in its paragraph, when it has one of ``labels``.

        "El Dorado is also the region's cargo hub. It moved 812,000 tonnes": a text that goes on with "it"
        goes on about what its last sentence was about, not about the last name it happened to mention. A
        pronoun subject there passes the question on to the sentence before it.
        """
        doc = pronoun.doc
        text = doc_text(doc)
        sent = pronoun.sent
        for _ in range(3):
            if sent.start == 0:
                return None
            before = doc[sent.start - 1].sent
            if "\n" in text[before.start_char : sent.start_char].rstrip():
                return None  # another paragraph
            subj = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                return None
            ent = memory.at(subj) or next(
                (e for c in subj.children if c.dep_ == "compound" and (e := memory.at(c)) is not None), None
            )
            if ent is not None:
                return _subject_dict([ent], pronoun.text) if ent.label in labels else None
            if subj.lower_ not in self.rules.pronouns:
                return None
            sent = before
        return None

    def _country(self, memory: Memory, words: str) -> dict[str, Any] | None:
        """"The country", "the Government", "the national average": the country the article names most often.

        Without a country's name, the place named most often that the article does not call a city or a region.
        """
        countries = [m for m in memory if m.label in _PLACES and _name_key(m.text) in self.rules.countries]
        places = countries or [m for m in memory if m.label == "GPE" and _name_key(m.text) not in memory.kinds]
        if not places:
            return None
        counts: dict[str, int] = {}
        for m in places:
            counts[_name_key(m.text)] = counts.get(_name_key(m.text), 0) + 1
        top = max(places, key=lambda m: counts[_name_key(m.text)])
        return _subject_dict([top], words)

    def _recall(
        self, memory: Memory, at: int, labels: set[str], n: int, words: str, place: str | None = None,
        named: str | None = None,
    ) -> dict[str, Any] | None:
        """The latest ``n`` distinct entities of the given labels before offset ``at``.

        Subjects of earlier claims count before other mentions: they are what the article is about. A place
        description skips names the article gives another class ("the capital" is no country, "the province"
        no city); an institution's ("the bank") only takes a name that holds its word.
        """

        def fits(m: Mention) -> bool:
            if m.end > at or m.label not in labels:
                return False
            key = _name_key(m.text)
            if named is not None:
                return named in key
            if place in ("city", "region") and key in self.rules.countries:
                return False
            if place == "city" and m.label == "LOC":
                return False  # "Europe", "the Algarve": no city
            return place is None or memory.kinds.get(key, place) == place

        if place is not None and place not in _SETTINGS:
            # "the terminal", "the plant": when the article calls some names airports or plants, only those
            called = [m for m in memory if fits(m) and memory.kinds.get(_name_key(m.text)) == place]
            if called:
                keys = {_name_key(m.text) for m in called}
                loose = fits

                def fits(m: Mention) -> bool:
                    return loose(m) and _name_key(m.text) in keys

        seen: list[Mention] = []
        earlier = [m for m in self._subjects if fits(m)]
        if len({m.text for m in earlier}) < n:
            earlier = [m for m in memory if fits(m)]
        elif n == 1 and (place is not None or named is not None):
            # a description means the entity the last figures were most about, a pronoun the latest one
            recent = earlier[-10:]
            counts: dict[str, int] = {}
            for m in recent:
                counts[m.text] = counts.get(m.text, 0) + 1
            best = max(counts.values())
            earlier = [m for m in recent if counts[m.text] == best]
        for m in reversed(earlier):
            if all(m.text != s.text for s in seen):
                seen.append(m)
            if len(seen) == n:
                break
        if len(seen) < n or not seen:
            return None
        return _subject_dict(list(reversed(seen)), words)

    # -- metric --------------------------------------------------------------------------------
    def _metric(self, span: Span, claim: Claim, root: Token, verb: Token | None) -> str | None:
        """The property a figure measures (``root``: its root token; ``verb``: the verb that governs it)."""
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
        dep, head = root.dep_, root.head
        if dep == "pobj" and head.lower_ == "of" and (noun_of := head.head).pos_ in _NOUNS:
            return _phrase(noun_of)
        # "5.3 percent GDP growth rate"
        if dep in ("compound", "nmod", "amod", "nummod") and head.pos_ in _NOUNS and head.i > root.i:
            return _phrase(head)
        if verb is None:
            return None
        subj = self._parse.subject(verb)
        lemma = verb.lemma_.lower()
        if lemma in ("be", "stand", "remain", "reach", "hit", "total", "average") and subj is not None:
            return _phrase(subj)
        noun = self.rules.nominal.get(lemma)
        obj = whole
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


def _priced(span: Span, verb: Token | None, memory: Memory, common: dict[str, str]) -> dict[str, Any] | None:
    """What a price is of: the common noun its clause is about ("Spring wheat fetched about CAD 295 per tonne").

    Not who pays it ("Households were paying 12 cents per kilowatt-hour"). ``verb``: the verb that governs
    the figure.
    """
    subj = next((c for c in verb.children if c.dep_ in _SUBJ), None) if verb is not None else None
    if subj is None or subj.pos_ not in _NOUNS or memory.at(subj) is not None:
        return None
    if common.get(subj.lower_) == "group":
        return None
    if subj.lower_ in _NOT_PRICED or subj.i in range(span.start, span.end):
        return None  # "The gap has narrowed to US$11.50 a barrel": a difference between prices, not a good
    start = _np_start(subj)
    text = doc_text(span.doc)[start : subj.idx + len(subj.text)]
    if text.lower().startswith("the "):
        start, text = start + 4, text[4:]
    return {"text": text, "start": start, "end": start + len(text), "label": None, "resolved_from": None}


def _listed(tok: Token, ent: Mention, memory: Memory) -> list[Mention]:
    """A named entity with the names joined to it by "and" ("Newfoundland and Labrador", "X, Y and Z").

    The parser may hang the later names of an appositive list on the noun it explains ("the three dams,
    X, Y and Z": Y and Z conjuncts of "dams").
    """
    out = [ent]
    joined = list(tok.conjuncts)
    if tok.dep_ == "appos":
        joined += [c for c in tok.head.conjuncts if c.i > tok.i]
    kinds = {*_PLACES, *_ACTORS, "PERSON"}
    for conj in joined:
        other = memory.at(conj)
        if other is None or not (other.label == ent.label or {other.label, ent.label} <= kinds):
            continue
        if all(other.start != m.start for m in out):
            out.append(other)
    return sorted(out, key=lambda m: m.start)


def _route_pairs(text: str, memory: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Places joined by a dash ("Madrid–Barcelona line"), in text order.

    Names the model took for people count when a route word follows them ("the Bogotá–Medellín route"): the
    small model tags many foreign place names PERSON.
    """
    return [
        (a, b)
        for a, b in pairwise(memory)
        if text[a.end : b.start] in _JOINERS
        and (
            (a.label in _PLACES and b.label in _PLACES)
            or (
                {a.label, b.label} <= {*_PLACES, "PERSON"}
                and _ROUTE_WORDS.match(text, b.end) is not None
            )
        )
    ]


def _topic(
    doc: Doc, memory: Memory, routes: list[tuple[Mention, Mention]], rules: DescribeRules, parse: _Parse
) -> list[Mention]:
    """The place, route or main actor an article is about; empty when none stands out.

    In order: a route its headline or lead sentence names ("Madrid–Barcelona high-speed line"); the company
    or facility the lead sentence is about (``_main_actor``: "Acme Mining produced ..."); the first place the
    lead sentence names and the text repeats (the lead says whose figures these are: "prices in Ireland
    rose ..., with prices in Dublin up ..."); the country whose people or firms the lead's subject names
    ("Canadian retailers took in ..."); a place the headline names and the text repeats; else
    the place the article names most often (at least three times); else the actor the lead's subject names
    ("Government borrowing ... came in at £118.6bn").
    A reporting source is never the topic: "..., Statistics Canada said" tells who gives the figures, not
    whose they are.
    """
    text = doc_text(doc)
    newline = text.find("\n")
    first_line = text if newline < 0 else text[:newline]
    lead_start = None
    if 0 < len(first_line.strip()) <= 200:
        # the headline; the lead is the body's first sentence (the parser may run the two together)
        head_end = len(first_line)
        lead_start = len(text) - len(text[head_end:].lstrip())
        lead_end = next((end for end in parse.ends if end > lead_start), len(text))
    else:
        head_end = lead_end = parse.ends[0] if parse.ends else len(text)
    for a, b in routes:
        if b.start < lead_end:
            return [a, b]  # "Madrid–Barcelona": a route between two places
    lead = doc.char_span(lead_start, lead_end, alignment_mode="expand") if lead_start is not None else None
    subjects = _lead_subjects(lead, rules.sources) if lead is not None else []
    main = next((t for t in subjects if t.dep_ in ("nsubj", "nsubjpass")), None)
    if main is not None and (actor := _main_actor(main, memory, rules.descriptions)) is not None:
        return [actor]
    places = [m for m in memory if m.label in _PLACES]
    gpe = [m for m in places if m.label == "GPE"]
    if lead_start is not None:
        first = next((m for m in gpe if lead_start <= m.start < lead_end), None)
        if first is not None and text.count(first.text) >= 2:
            return [first]
    country = next((c for subj in subjects if (c := _demonym_country(subj, memory, rules)) is not None), None)
    if country is not None:
        return [country]
    headline = [m for m in gpe if m.start < head_end and text.count(m.text) >= 2]
    if headline:
        return headline[:1]
    counts: dict[str, int] = {}
    for m in gpe:
        counts[m.text] = counts.get(m.text, 0) + 1
    best = max(counts.values(), default=0)
    if best >= 3:
        return [next(m for m in gpe if counts[m.text] == best)]
    return _lead_actor(subjects, memory, rules.descriptions)


def _lead_subjects(lead: Span, sources: set[str]) -> list[Token]:
    """The subjects of the lead sentence in text order, less those of a reporting source.

    "Canadian retailers took in C$70.4 billion ..., Statistics Canada said": the agency that reports the
    figures is not what they are about, when the words it reports name their own subject. "Acme said its
    profit rose" keeps Acme: what it reports is its own.
    """
    out = []
    for tok in lead:
        if tok.dep_ not in _SUBJ:
            continue
        verb = tok.head
        if verb.lemma_.lower() in sources and verb.pos_ == "VERB":
            reported = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            said = next((c for c in reported.children if c.dep_ in _SUBJ), None) if reported is not None else None
            if said is not None and said.pos_ != "PRON" and not any(
                c.dep_ == "poss" and c.pos_ == "PRON" for c in said.children
            ):
                continue
        out.append(tok)
    return out


def _main_actor(subj: Token, memory: Memory, descriptions: dict[str, str]) -> Mention | None:
    """The company, facility or product the lead sentence's subject names, when the article names it again.

    News puts its main actor first: "Acme Mining produced 78,400 tonnes ...", "Heathrow Airport handled ...".
    Its figures, and those of clauses that name no one else, are that actor's, whatever places the text names.
    Only the first subject of the lead counts ("..., the company said" is no new actor); a place is left to
    the place rules of ``_topic``. A name the model took for a person is an organisation when the article
    tags it so elsewhere, or when an apposition says what it is ("Kattegat Line, the Danish container
    carrier, said ...").
    """
    ent = memory.at(subj) or next((e for c in subj.children if c.dep_ == "compound" and (e := memory.at(c))), None)
    if ent is None:
        return None
    if ent.label == "PERSON":
        other = next((m for m in memory if m.label in _ACTORS and _same_name(m.text, ent.text)), None)
        appositive = next((c for c in subj.children if c.dep_ == "appos"), None)
        described = descriptions.get(appositive.lower_, "") if appositive is not None else ""
        label = other.label if other is not None else next((x for x in described.split("|") if x in _ACTORS), None)
        if label is not None:
            ent = replace(ent, label=label)
    if ent.label not in _ACTORS:
        return None
    if not any(m.start != ent.start and _same_name(m.text, ent.text) for m in memory):
        return None  # named once: no actor the article follows
    return ent


def _same_name(a: str, b: str) -> bool:
    """True when two names are one: equal, or one the first words of the other ("Acme" of "Acme Mining")."""
    a, b = _name_key(a), _name_key(b)
    short, long = sorted((a, b), key=len)
    return long == short or long.startswith(short + " ")


def _lead_actor(subjects: list[Token], memory: Memory, descriptions: dict[str, str]) -> list[Mention]:
    """The named entity or the institution ("Government") that a lead sentence's subject names, if any."""
    for subj in subjects:
        for tok in (*(c for c in subj.lefts if c.dep_ == "compound"), subj):
            if (ent := memory.at(tok)) is not None:
                return [ent] if ent.label in ("GPE", "ORG") else []
            if tok.lower_ in descriptions and tok.pos_ in _NOUNS:
                label = descriptions[tok.lower_].split("|", 1)[0]
                return [Mention(tok.text, tok.idx, tok.idx + len(tok.text), label)]
    return []


def _demonym_country(subj: Token, memory: Memory, rules: DescribeRules) -> Mention | None:
    """The country whose people or firms a subject names: "Canadian retailers", "British households".

    The country's own mention when the article names it (even inside another name, "Statistics Canada"),
    else a mention without offsets.
    """
    word = next((c for c in subj.lefts if c.dep_ in ("amod", "compound") and c.lower_ in rules.demonyms), None)
    if word is None:
        return None
    country = rules.demonyms[word.lower_]
    key = country.lower()
    named = next((m for m in memory if m.label in _PLACES and _name_key(m.text) == key), None)
    if named is not None:
        return named
    found = re.search(r"(?<!\w)" + re.escape(country) + r"(?!\w)", doc_text(subj.doc))
    if found is not None:
        return Mention(country, found.start(), found.end(), "GPE")
    return Mention(country, -1, -1, "GPE")


def _candidate_nps(span: Span, root: Token, verb: Token | None, parse: _Parse) -> list[Token]:
    """Noun phrases (heads) that may name what the figure is about, nearest first.

    ``root``: the figure's root token; ``verb``: the verb that governs it.
    """
    out: list[Token] = [root]  # the noun the figure counts or measures, and the noun it modifies
    head = root.head
    head_pos = head.pos_
    dep = root.dep_
    if head_pos in _NOUNS:  # (the root of a sentence is its own head, and counts again)
        out.append(head)
        head_dep = head.dep_
        if head_dep == "appos" or dep == "appos":
            out.append(head.head)
        if head_dep == "pobj" and (above := head.head.head).pos_ in _NOUNS:
            out.append(above)
    if dep == "pobj":
        if (of := head.head).pos_ in _NOUNS:
            out.append(of)
        if head.lower_ == "among":
            return out  # "ranked last among the 50 states": the set a thing is ranked in, not the thing
        if head.i > 0 and (gapped := root.doc[head.i - 1]).dep_ == "conj" and any(
            c.dep_ == "prep" and c.lower_ == head.lower_ and c.i < gapped.i for c in head.head.children
        ):
            # "The Lisbon region accounted for 31.5% and the Algarve for 28.9%": the verb left out, its subject
            # is the name right before the repeated preposition
            out.insert(1, gapped)
    # the nouns on the way up to the verb: "with prices in Dublin up 9 per cent"
    tok, pos = head, head_pos
    for _ in range(4):
        if pos in ("VERB", "AUX"):
            break
        above = tok.head
        if above.i == tok.i:
            break
        if pos in _NOUNS and tok not in out:
            out.append(tok)
        tok, pos = above, above.pos_
    bearer = verb
    if bearer is not None and span.start <= bearer.i < span.end and dep in ("dobj", "dative"):
        bearer = head  # "cost it around 1.9 trillion won": "won" tagged as a verb
    if bearer is not None and bearer.lemma_.lower() in _BEARER_VERBS:
        # "the levy cost it 1.9 trillion won", "the strike cost the company 27,000 units": who bears it
        out.extend(c for c in bearer.children if c.dep_ in ("dative", "dobj") and c.i < root.i
                   and not span.start <= c.i < span.end)
    hops = 0
    while verb is not None and hops < 3:
        kids = parse.kids(verb)
        subjects = [c for c, d in kids if d in _SUBJ]
        verb_dep = verb.dep_
        if not subjects and verb_dep in ("ccomp", "xcomp") and verb.i > (above := verb.head).i:
            # "expects the company's margin to stay below 7%": the object of the verb above is the subject
            subjects = [c for c, d in parse.kids(above) if d == "dobj" and c.i < verb.i][:1]
        elif not subjects and verb_dep == "acl" and (above := verb.head).pos_ == "NOUN" and (
            above.dep_ == "dobj" and any(d == "aux" and c.lower_ == "to" for c, d in kids)
        ):
            subjects = [above]  # the same, parsed as an infinitive clause on the object
        if not subjects and verb_dep == "acl":
            # "followed by Spain with 2.3 million": a participle's agent is who it is about
            out.extend(g for c, d in kids if d == "agent" for g, e in parse.kids(c) if e == "pobj")
        if subjects:
            subj = subjects[0]
            out.extend(subjects)  # "the low-cost brand Ouigo carried ...": the parser may give two
            if verb_dep == "relcl" and any(d == "advmod" and c.lower_ == "where" for c, d in kids):
                out.append(verb.head)  # "Madeira, where hotel occupancy averaged 78 percent"
            if span.start <= subj.i < span.end or subj.i == root.i:
                # the figure is the subject: "5,000 trains passed through these ports", "Two ... are in X"
                for prep, d in kids:
                    if d == "prep" and prep.lower_ in ("through", "in", "at", "via", "across", "into"):
                        out.extend(c for c, e in parse.kids(prep) if e == "pobj")
            break
        above = verb.head
        if above.i == verb.i:
            break  # the sentence's own verb: going up finds it again
        verb = _governing_verb(above)
        hops += 1
    return out


def _clause_subject(verb: Token | None, parse: _Parse) -> Token | None:
    """The subject of the nearest clause around a figure that has one (``verb``: the verb that governs it)."""
    for _ in range(3):
        if verb is None:
            return None
        subj = parse.subject(verb)
        if subj is not None:
            return subj
        verb = _governing_verb(verb.head) if verb.head.i != verb.i else None
    return None


def _locatives(verb: Token | None, parse: _Parse) -> list[Token]:
    """The places and groups the figure's clause is set in: "Among college graduates it was 2.7 percent".

    ``verb``: the verb that governs the figure.
    """
    if verb is None:
        return []
    return [
        pobj
        for prep, dep in parse.kids(verb)
        if dep == "prep" and prep.lower_ in _LOCATIVE
        for pobj, role in parse.kids(prep)
        if role == "pobj"
    ]


def _continued(
    span: Span, verb: Token | None, previous: dict[str, Any] | None, descriptions: dict[str, str],
    parse: _Parse, text: str,
) -> dict[str, Any] | None:
    """The subject of the sentence just before, when the figure's clause is about "the gap", "the project".

    Only when that sentence runs on in the same paragraph and its words named the subject (not the topic).
    ``verb``: the verb that governs the figure.
    """
    if previous is None or previous.get("inferred") or previous.get("_common") or previous.get("text") is None:
        return None
    subj = parse.subject(verb) if verb is not None else None
    if subj is None or subj.pos_ != "NOUN" or subj.lower_ in descriptions or subj.ent_type_:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        return None
    if any(t.pos_ == "PROPN" or t.dep_ in ("amod", "compound") for t in subj.lefts):
        return None  # "The Kigali–Huye route", "The retail sector": a phrase that names its own thing
    before_start, before_end = previous["_sentence"]
    k = parse.index(span.start)
    sent_start = parse.chars[k]
    between = text[before_start:sent_start]
    if before_end > sent_start or "\n" in between[len(between.rstrip()):]:
        return None  # a new paragraph
    if k == 0 or parse.chars[k - 1] > before_start:
        return None
    out = {k: v for k, v in previous.items() if not k.startswith("_")}
    return out | {"resolved_from": _np_text(subj)}


def _place_before(span: Span, memory: Memory, sent_start: int) -> Mention | None:
    """The last place the figure's sentence names before it as a subject, a possessor or a setting.

    ``sent_start``: the offset the sentence starts at.
    """
    doc = span.doc
    found = None
    for k in range(bisect.bisect_left(memory.starts, sent_start), bisect.bisect_left(memory.starts, span.start_char)):
        m = memory[k]
        if m.label != "GPE" or m.last <= 0:
            continue
        tok = doc[m.last - 1]
        if (
            tok.dep_ in ("nsubj", "nsubjpass", "poss", "dobj")
            or (tok.dep_ == "compound" and tok.head.pos_ == "NOUN")  # "Dublin house prices", not "No. 1 Canada Red"
            or (tok.dep_ == "pobj" and tok.head.lower_ not in _COMPARED)
        ):
            found = m
    return found


def _governing_verb(tok: Token) -> Token | None:
    """The nearest verb or auxiliary at or above a token (eight steps up at most), if any."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        head = tok.head
        if head.i == tok.i:
            return None
        tok = head
    return None


def _of_object(root: Token) -> Token | None:
    """The X of "77.9 million tons of grain"."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _subject_dict(mentions: list[Mention], resolved_from: str | None) -> dict[str, Any]:
    first, last = mentions[0], mentions[-1]
    text = " and ".join(m.text for m in mentions)
    placed = len(mentions) == 1 and first.start >= 0  # a country known from a demonym may have no offsets
    out: dict[str, Any] = {
        "text": text,
        "start": first.start if resolved_from is None and placed else None,
        "end": last.end if resolved_from is None and placed else None,
        "label": first.label,
        "resolved_from": resolved_from,
    }
    if len(mentions) > 1:
        out["entities"] = [{"text": m.text, "start": m.start, "end": m.end, "label": m.label} for m in mentions]
    elif resolved_from is not None and placed:
        out["start"], out["end"] = first.start, first.end
    return out


def _route_dict(route: tuple[Mention, Mention], text: str) -> dict[str, Any]:
    """A route as its subject: the words that join its two ends ("Madrid–Barcelona"), with both ends listed."""
    a, b = route
    return _subject_dict([a, b], None) | {"text": text[a.start : b.end], "start": a.start, "end": b.end}


def _phrase(tok: Token) -> str:
    """A noun with the modifiers right before it, lower case ("grain self-sufficiency rate")."""
    doc = tok.doc
    low, high = tok.left_edge.i, tok.right_edge.i
    first = tok
    i = tok.i - 1
    while i >= low and _within(t := doc[i], tok, low, high):
        if t.dep_ in ("det", "poss", "case", "nummod", "predet", "quantmod", "advmod") or t.like_num or t.pos_ == "DET":
            break
        if t.tag_ in ("JJS", "RBS") or (t.text == "-" and doc[i - 1].tag_ in ("JJS", "RBS", "JJ", "CD")):
            break
        if t.lower_ in _SKIP_WORDS or t.text in ("’s", "'s", ",", "(", ")"):
            break
        first = t
        i -= 1
    return doc_text(doc)[first.idx : tok.idx + len(tok)].lower().replace(" - ", "-")


def _within(t: Token, tok: Token, low: int, high: int) -> bool:
    """True when ``t`` is ``tok`` or one of its dependents, direct or not (``low``..``high``: its edges)."""
    while t.i != tok.i:
        head = t.head
        if head.i == t.i or not low <= head.i <= high:
            return False  # a token outside the phrase's edges is none of its dependents
        t = head
    return True


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
