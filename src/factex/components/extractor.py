"""The ``factex`` spaCy component: finds every figure of a Doc and stores claims as plain dicts."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from spacy import symbols
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from factex import extensions
from factex.anchor import anchor_claims
from factex.checks.rules import CheckRules, rules_for
from factex.claim import Claim, Span, Value, claim_id
from factex.context import ContextReader
from factex.counts import CountNouns, counted_noun
from factex.describe import Describer, DescribeRules
from factex.finder import ValueFinder
from factex.normalize.numbers import clean
from factex.relations import RelationRules, Relations
from factex.ruleset import RuleSet, load_default, load_folder, parse_lines
from factex.time import TimeTagger

_DATE_LABELS = {"DATE", "TIME"}
#: Parts of speech factex reads lemmas of (counted nouns, governing and reporting verbs).
_LEMMATIZED = frozenset({symbols.NOUN, symbols.PROPN, symbols.VERB, symbols.AUX, symbols.ADJ})


class FactexExtractor:
    """Extract numeric claims from a Doc into ``doc._.factex_claims``.

    The rules come from the pattern files shipped with factex; ``initialize(patterns=...)`` or a
    ``patterns_dir`` adds or replaces entries by id. ``to_disk``/``from_disk`` save and restore the
    rules beside the pipeline, like spaCy's SpanRuler.
    """

    def __init__(self, nlp: Language | None, name: str = "factex", *, patterns_dir: str | None = None) -> None:
        self.name = name
        extensions.register()
        self._nlp = nlp
        self._patterns_dir = patterns_dir
        self._ruleset: RuleSet | None = None

    @property
    def ruleset(self) -> RuleSet:
        """The rules in use; loaded on first use (so that ``from_disk`` never needs ``patterns_dir``)."""
        if self._ruleset is None:
            ruleset = load_default()
            if self._patterns_dir:
                ruleset = ruleset.merged(load_folder(self._patterns_dir))
            self._set_rules(ruleset)
        assert self._ruleset is not None
        return self._ruleset

    @property
    def patterns_hash(self) -> str:
        """SHA-256 of the rules in use (recorded in every output document)."""
        _ = self.ruleset
        return self._patterns_hash

    @property
    def check_rules(self) -> CheckRules:
        """The check rules of the rule set, read once and used for every article's checks."""
        _ = self.ruleset
        return self._check_rules

    def _set_rules(self, ruleset: RuleSet) -> None:
        self._ruleset = ruleset
        self._patterns_hash = ruleset.digest()
        self.finder = ValueFinder(ruleset)
        words = "|".join(sorted((re.escape(w) for w in self.finder.lex.units), key=len, reverse=True))
        # "50,000 homes a year", "71 bushels per acre": a rate after a counted noun
        self._per_unit = re.compile(
            rf"(?i:\s+(?:a|an|per|each|every)\s+(?P<per>{words})\b(?!\s+(?:earlier|ago|before|later)\b))"
        )
        self.context = ContextReader(self.finder.lex)
        self.nouns = CountNouns.from_entries(ruleset.entries("counts"))
        self.tagger = TimeTagger(list(ruleset.entries("time")) or None)
        self.describer = Describer(DescribeRules.from_entries(ruleset.entries("describe")))
        self.relations = Relations(RelationRules.from_entries(ruleset.entries("describe")))
        self._check_rules = rules_for(ruleset.entries("checks"))

    # -- spaCy protocol ------------------------------------------------------------------------
    def initialize(
        self,
        get_examples: Any = None,
        *,
        nlp: Language | None = None,
        patterns: Iterable[dict[str, Any]] | None = None,
    ) -> None:
        """Add user patterns (entries with an ``id`` and a ``file`` naming the rule file they extend)."""
        if not patterns:
            return
        grouped: dict[str, list[dict[str, Any]]] = {}
        for entry in patterns:
            entry = dict(entry)
            file = entry.pop("file", "rules")
            grouped.setdefault(file, []).append(entry)
        extra = RuleSet({name: tuple(entries) for name, entries in grouped.items()})
        self._set_rules(self.ruleset.merged(extra))

    def __call__(self, doc: Doc) -> Doc:
        """Extract claims and time expressions into ``doc._.factex_claims`` and ``doc._.factex_times``."""
        _ = self.ruleset  # load the rules on first use
        dct = _date(doc._.factex_date)
        text = doc.text  # Doc.text joins every token: read it once, and lend it to the steps below
        doc._.factex_text = text
        try:
            self._lemmatize_figure_sentences(doc, text)
            times = self.tagger.find(text, dct)
            claims = self.extract(doc, text)
            anchored = anchor_claims(doc, claims, times, dct)
            described = self.describer.describe(doc, claims)
            claims = [
                replace(c, time=t, subject=subject, metric=metric)
                for c, t, (subject, metric) in zip(claims, anchored, described, strict=True)
            ]
            related = self.relations.find(doc, claims)
        finally:
            doc._.factex_text = None  # plain data only stays on the Doc
        doc._.factex_times = [t.to_dict() for t in times]
        doc._.factex_claims = [replace(c, **r).to_dict() for c, r in zip(claims, related, strict=True)]
        return doc

    def _lemmatize_figure_sentences(self, doc: Doc, text: str) -> None:
        """Lemmatize the sentences that hold a digit, when the pipeline skipped its lemmatizer.

        factex's own pipeline disables the model's lemmatizer (a tenth of the model's time) and lemmatizes
        only where figures are, and only the parts of speech it reads lemmas of (nouns, verbs, adjectives).
        """
        nlp = self._nlp
        if nlp is None or "lemmatizer" not in nlp.component_names or "lemmatizer" in nlp.pipe_names:
            return  # no lemmatizer, or it ran over the whole Doc already
        lemmatizer = nlp.get_pipe("lemmatizer")
        rule = getattr(lemmatizer, "rule_lemmatize", None)
        if rule is None or not (doc.has_annotation("DEP") or doc.has_annotation("SENT_START")):
            return
        for sent in doc.sents:
            if self.finder.anchor.search(text, sent.start_char, sent.end_char) is None:
                continue  # no number of any kind in this sentence
            for tok in sent:
                if tok.pos in _LEMMATIZED and not tok.lemma_:
                    forms = rule(tok)
                    tok.lemma_ = forms[0] if forms else tok.lower_

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the rule set as JSONL files in ``path``."""
        self.ruleset.to_disk(ensure_path(path))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> FactexExtractor:
        """Load the rule set saved by :meth:`to_disk`."""
        self._set_rules(load_folder(ensure_path(path)))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """Serialize the rule set (JSONL files joined with their names)."""
        import json

        return json.dumps({name: list(entries) for name, entries in self.ruleset.files.items()}).encode()

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> FactexExtractor:
        """Restore the rule set from :meth:`to_bytes`."""
        import json

        files = json.loads(data.decode())
        self._set_rules(
            RuleSet({name: parse_lines((json.dumps(e) for e in entries), name) for name, entries in files.items()})
        )
        return self

    # -- extraction ----------------------------------------------------------------------------
    def extract(self, doc: Doc, text: str | None = None) -> list[Claim]:
        """Return the claims of a Doc, in text order (``text`` is ``doc.text``, if the caller has it)."""
        text = doc.text if text is None else text
        article_id = doc._.factex_article_id or hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        has_sents = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
        claims: list[Claim] = []
        count_units: dict[int, list[str]] = {}
        count_sizes: dict[int, list[tuple[str, float]]] = {}
        for cand in self.finder.find(text):
            span = doc.char_span(cand.num_start, cand.num_end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            sent = span.sent if has_sents else doc[:]
            trace = [cand.rule]
            counted_phrase = None
            kind, unit, unit_text, start, end = cand.kind, cand.unit, cand.unit_text, cand.start, cand.end
            if cand.bare:
                number = text[cand.num_start : cand.num_end]
                if self.finder.is_year(cand, text) or (
                    _day_in_date_entity(span, number) and not _is_age_apposition(span, number)
                ):
                    continue  # a year or a day of a date; an age after a name stays ("Maddon, 66, ...")
                counted = counted_noun(doc, span, count_units.get(sent.start, []), self.nouns)
                if counted is not None:
                    kind, unit, counted_phrase = "count", counted.unit, counted.phrase(self.nouns)
                    unit_text = counted.noun.text if counted.noun is not None else ""
                    trace.append(counted.how)
                    if counted.extend_to is not None:
                        end = max(end, counted.extend_to)
                    unit, end = self._count_rate(text, unit, end, trace)
                    count_units.setdefault(sent.start, []).append(unit)
                    count_sizes.setdefault(sent.start, []).append((unit, float(cand.amount)))
                elif (parallel := _parallel_count(span, cand.amount, count_sizes.get(sent.start, []))) is not None:
                    # "Health care added 46,000 positions and construction 12,000": the noun is not repeated
                    kind, unit = "count", parallel
                    trace.append("count.parallel")
                    unit, end = self._count_rate(text, unit, end, trace)  # "a capacity of 300,000 a year"
                elif _is_age_apposition(span, text[cand.num_start:cand.num_end]):
                    unit = "year"
                    trace.append("age.apposition")
                elif cand.word_number:
                    continue  # "one that was", "the two": a number word that counts nothing
            elif cand.unit_rule and cand.unit_rule != cand.rule:
                trace.append(cand.unit_rule)
            quals = self.context.read(text, start, end, sent.start_char, sent.end_char)
            approx, change = quals.approx, cand.change or quals.change
            trace.extend(r for r in (quals.approx_rule, quals.change_rule) if r)
            restated = _restates(claims, text, start)
            if restated is not None:
                # "1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)": the same figure in other units.
                approx, change = restated.value.approx, restated.value.change
                trace.append("context.restated")
            amount, high = cand.amount, cand.amount_high
            if cand.signed == "+" and change is None:
                change = "up"
                trace.append("change.sign")
            elif cand.signed == "-" and kind == "percent":
                # "-1.4%" growth is a fall of 1.4 (the sign wins over "growth"); "-5 °C" keeps its sign.
                amount, change = clean(abs(amount)), "down"
                trace.append("change.sign")
            value = Value(amount, high, unit, unit_text, approx, change, counted_phrase)  # type: ignore[arg-type]
            claims.append(
                Claim(
                    id=claim_id(article_id, start, end, amount, unit),
                    kind=kind,  # type: ignore[arg-type]
                    mention=Span(text[start:end], start, end),
                    sentence=(sent.start_char, sent.end_char),
                    value=value,
                    rule=cand.rule,
                    trace=tuple(trace),
                )
            )
        return _parallel_rates(_cents_currency(claims), text)

    def _count_rate(self, text: str, unit: str, end: int, trace: list[str]) -> tuple[str, int]:
        """A count's unit and end with the rate written after it ("50,000 homes a year", "965 a day")."""
        if "/" in unit:
            return unit, end  # "averaged 65,000 a month, down from 168,000": the rate is known already
        per = self._per_unit.match(text, end)
        if per is None:
            return unit, end
        trace.append("count.per-unit")
        return f"{unit}/{self.finder.lex.units[per.group('per').lower()].unit}", per.end()

_DOLLARS = {"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD"}


def _parallel_count(span: Any, amount: float, earlier: list[tuple[str, float]]) -> str | None:
    """The counted noun a bare number shares with an earlier count of its sentence, if it plainly does."""
    if not earlier or span.root.dep_ not in ("dobj", "pobj", "conj", "appos", "npadvmod", "attr", "nsubj", "ROOT"):
        return None
    unit, size = earlier[-1]
    if size <= 0 or amount <= 0 or not (1 / 100 <= amount / size <= 100):
        return None
    return unit


def _cents_currency(claims: list[Claim]) -> list[Claim]:
    """Cents belong to the article's dollar: "31 cents" in an article priced in C$ are Canadian cents.

    Where the article also quotes US dollars, cents take the dollar of their own sentence, and else the
    one other dollar the article names ("US$11.50 ... C$4 billion ... 12 cents per kilowatt-hour").
    """
    dollar_claims = [c for c in claims if c.kind == "money" and not c.rule.startswith("money.minor")
                     and c.value.unit.split("/")[0] in _DOLLARS]
    dollars = {c.value.unit.split("/")[0] for c in dollar_claims}
    local = dollars - {"USD"}
    if len(local) != 1:
        return claims
    (code,) = local
    out = []
    for c in claims:
        base, _, per = c.value.unit.partition("/")
        if c.rule.startswith("money.minor") and base == "USD":
            own = {d.value.unit.split("/")[0] for d in dollar_claims if d.sentence == c.sentence}
            if own == {"USD"}:
                out.append(c)  # "up 47 cents at $71.86 a barrel": the sentence's own dollar
                continue
            unit = code + ("/" + per if per else "")
            c = replace(c, value=replace(c.value, unit=unit), trace=(*c.trace, "unit.article-dollar"))
        out.append(c)
    return out


def _parallel_rates(claims: list[Claim], text: str) -> list[Claim]:
    """A price without a rate takes the rate of a price in the same currency beside it.

    "US$18 a barrel below WTI. The gap has since narrowed to roughly US$11.50": the level in the next
    sentence keeps "a barrel".
    """
    out: list[Claim] = []
    for index, c in enumerate(claims):
        if c.kind == "money" and "/" not in c.value.unit:
            rate = _rate_beside(claims, index, text)
            if rate is not None:
                value = replace(c.value, unit=rate.value.unit)
                c = replace(c, value=value, trace=(*c.trace, "unit.parallel-rate"))
        out.append(c)
    return out


def _rate_beside(claims: list[Claim], index: int, text: str) -> Claim | None:
    """The rate-priced money claim whose rate the claim at ``index`` shares, if any."""
    c = claims[index]
    money = [o for o in claims if o.kind == "money" and "/" in o.value.unit and o is not c
             and o.value.unit.split("/")[0] == c.value.unit]
    earlier = [o for o in money if o.mention.end <= c.mention.start]
    same = [o for o in earlier if o.sentence == c.sentence]
    if same and _similar(c, same[-1]):
        return same[-1]
    previous = [o for o in claims[:index] if o.kind == "money"]
    if previous and previous[-1] in earlier and previous[-1].sentence[1] <= c.sentence[0]:
        between = text[previous[-1].sentence[1] : c.sentence[0]]
        if not between.strip() and "\n" not in between and 1 / 10 <= c.value.amount / previous[-1].value.amount <= 10:
            return previous[-1]  # the money figure just before, in the sentence just before
    return None


def _similar(a: Claim, b: Claim) -> bool:
    """True when two amounts are within a factor of 100 of each other."""
    return bool(b.value.amount) and 1 / 100 <= a.value.amount / b.value.amount <= 100


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _restates(claims: list[Claim], text: str, start: int) -> Claim | None:
    """The claim a parenthesised figure restates: "7.5 million crowns (US $1.1 million)"."""
    if not claims:
        return None
    prev = claims[-1]
    gap = text[prev.mention.end : start]
    return prev if gap.strip() == "(" and prev.kind in ("money", "quantity", "percent") else None


def _is_age_apposition(span: Any, number: str) -> bool:
    """A person's age after the name: "Maddon, 66, has ..." or "Nick Hague 44 has ..."."""
    if not (number.isdigit() and len(number) <= 3) or span.start == 0:
        return False
    doc = span.doc
    prev = doc[span.start - 1]
    if prev.text == "," and span.start >= 2:
        prev = doc[span.start - 2]
    nxt = doc[span.end] if span.end < len(doc) else None
    closes = nxt is None or nxt.is_punct or nxt.pos_ in ("VERB", "AUX")
    return prev.ent_type_ == "PERSON" and closes


def _day_in_date_entity(span: Any, number: str) -> bool:
    """A one- or two-digit number the model tags as part of a date or time ("the 20th", "at 9")."""
    return len(number) <= 2 and number.isdigit() and any(tok.ent_type_ in _DATE_LABELS for tok in span)


def make_factex(nlp: Language, name: str, patterns_dir: str | None) -> FactexExtractor:
    """Create the factex component (the ``factex`` factory)."""
    return FactexExtractor(nlp, name, patterns_dir=patterns_dir)


Language.factory("factex", default_config={"patterns_dir": None})(make_factex)
