"""Claims golden set: factex's claims on the ``corpus/`` articles, scored field by field.

    python benchmarks/claims.py [--golden tests/golden/claims*.jsonl ...] [--corpus corpus] [--errors]

The golden sets were written by reading the articles, in four rounds: ``claims.jsonl`` (8 articles) first,
then ``claims_heldout.jsonl``, ``claims_final.jsonl`` and ``claims_blind.jsonl`` (3 articles each), each
written blind, scored once before any tuning on it, and only then used to improve the rules (the README
gives the first scores). One line per claim:
``mention`` (the exact figure, qualifiers such as "about" left out) and ``occurrence`` (which occurrence of
that substring in the article, 1-based) place it; ``amount``/``amount_high``/``unit`` give its value,
``subject`` the entity it is about (names joined with " and " for a list), ``metric_head`` the head noun of
the measured property and ``time`` the period it refers to (ISO ``start``/``end``, or null). Two optional
fields record what a careful reader also accepts: ``subject_alt`` (other names of the same entity) and
``time_alt`` (other readings of the period, e.g. null or the article date for a present-tense fact).

Each golden claim is matched to the predicted claim whose mention starts at the same offset, else to the
one that overlaps it most (one predicted claim per golden claim). Fields scored:

- value: ``amount`` and ``amount_high`` equal within a relative 1e-6;
- unit: equal strings;
- subject: equal after lower-casing and dropping a leading "the " (a list compares as a set of names);
- metric: the golden ``metric_head`` is a word of the predicted ``metric`` (singular or plural);
- time: ``start`` and ``end`` equal (null equals null);
- claim: value, unit, subject and time all right.

Recall is over golden claims. Precision is over the predicted claims in the sentences that hold at least
one golden claim: a predicted claim there that matches no golden claim is a false positive.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "claims.jsonl"
CORPUS = ROOT / "corpus"

Claim = dict[str, Any]
Golden = dict[str, Any]


def load_golden(path: Path = GOLDEN) -> list[Golden]:
    """Read the golden claims, one JSON object a line (blank lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def golden_span(text: str, mention: str, occurrence: int) -> tuple[int, int]:
    """Return the offsets of the ``occurrence``-th (1-based) occurrence of ``mention`` in ``text``.

    Raises:
        ValueError: The article holds fewer occurrences of the mention.
    """
    at = -1
    for _ in range(occurrence):
        at = text.find(mention, at + 1)
        if at < 0:
            raise ValueError(f"{mention!r} does not occur {occurrence} time(s) in the article")
    return at, at + len(mention)


def predict(articles: Iterable[str], corpus: Path = CORPUS, nlp: Any = None) -> dict[str, tuple[str, list[Claim]]]:
    """Run factex on corpus articles.

    Args:
        articles: Article names (``NAME`` for ``corpus/NAME.txt``).
        corpus: The folder holding the articles and their ``NAME.meta.json`` sidecars.
        nlp: A factex pipeline; default: the process-wide one.

    Returns:
        For each article name, its text and its claims as output dictionaries.
    """
    import factex
    from factex.io import read_article

    names = list(dict.fromkeys(articles))
    read = [read_article(corpus / f"{name}.txt", base=corpus) for name in names]
    results = factex.extract_articles(read, nlp=nlp)
    return {
        name: (art.text, list(result.to_dict()["claims"]))
        for name, art, result in zip(names, read, results, strict=True)
    }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_article(spans: dict[str, tuple[int, int]], claims: list[Claim]) -> dict[str, Claim | None]:
    """Pair golden claims with predicted claims, one to one.

    A predicted claim whose mention starts where the golden mention starts is preferred, then the one that
    overlaps it most; ties go to the golden claim that comes first.

    Args:
        spans: Golden claim id -> offsets of its mention.
        claims: The article's predicted claims.

    Returns:
        Golden claim id -> its predicted claim, or None when no claim is left that overlaps it.
    """
    pairs = []
    for order, (gid, span) in enumerate(spans.items()):
        for index, claim in enumerate(claims):
            cspan = (claim["mention"]["start"], claim["mention"]["end"])
            overlap = _overlap(span, cspan)
            if cspan[0] == span[0] or overlap:
                pairs.append(((cspan[0] != span[0], -overlap, order), gid, index))
    result: dict[str, Claim | None] = dict.fromkeys(spans)
    used: set[int] = set()
    for _, gid, index in sorted(pairs):
        if result[gid] is None and index not in used:
            result[gid] = claims[index]
            used.add(index)
    return result


# ---------------------------------------------------------------- field checks


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-12)


def value_ok(gold: Golden, claim: Claim) -> bool:
    """Amount and upper amount equal within a relative 1e-6."""
    value = claim["value"]
    return _same_number(gold["amount"], value["amount"]) and _same_number(gold["amount_high"], value["amount_high"])


def unit_ok(gold: Golden, claim: Claim) -> bool:
    """The normalized unit is the golden one."""
    return claim["value"]["unit"] == gold["unit"]


def predicted_subject(claim: Claim) -> str | None:
    """The subject's name as factex gives it (a list of subjects is joined with " and ")."""
    subject = claim.get("subject")
    if isinstance(subject, list):
        names = [predicted_subject({"subject": s}) for s in subject]
        return " and ".join(n for n in names if n) or None
    if isinstance(subject, dict):
        return subject.get("text") or None
    return subject or None


def _names(subject: str) -> frozenset[str]:
    text = re.sub(r"\s+", " ", subject.replace("\u2019", "'")).strip().lower()
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text)
    return frozenset(re.sub(r"^the\s+", "", p) for p in parts if p)


def subject_ok(gold: Golden, claim: Claim) -> bool:
    """The subject names the golden entity (or one of its accepted names), as a set of names for a list."""
    got = predicted_subject(claim)
    options = [gold["subject"], *gold.get("subject_alt", [])]
    if got is None:
        return gold["subject"] is None
    return any(o is not None and _names(o) == _names(got) for o in options)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def metric_ok(gold: Golden, claim: Claim) -> bool:
    """The golden metric head is a word (singular or plural) of the predicted metric."""
    metric = claim.get("metric")
    if not metric:
        return False
    words = {_singular(w) for w in re.split(r"[^\w&]+", metric.lower()) if w}
    return _singular(gold["metric_head"].lower()) in words


def _period(time: Any) -> tuple[str, str] | None:
    if not time or not time.get("start"):
        return None
    return time["start"], time.get("end")


def time_ok(gold: Golden, claim: Claim) -> bool:
    """The period's start and end are the golden ones (or those of an accepted reading); null equals null."""
    got = _period(claim.get("time"))
    return any(_period(t) == got for t in [gold["time"], *gold.get("time_alt", [])])


def claim_ok(gold: Golden, claim: Claim) -> bool:
    """Value, unit, subject and time all right."""
    return value_ok(gold, claim) and unit_ok(gold, claim) and subject_ok(gold, claim) and time_ok(gold, claim)


FIELDS: dict[str, Callable[[Golden, Claim], bool]] = {
    "value": value_ok,
    "unit": unit_ok,
    "subject": subject_ok,
    "metric": metric_ok,
    "time": time_ok,
    "claim": claim_ok,
}


def shown(field_name: str, record: dict[str, Any], golden: bool) -> str:
    """A field of a golden or predicted claim, written for the error listing."""
    if field_name == "value":
        amount, high = (
            (record["amount"], record["amount_high"])
            if golden
            else (record["value"]["amount"], record["value"]["amount_high"])
        )
        return f"{amount:g}" + (f"..{high:g}" if high is not None else "")
    if field_name == "unit":
        return repr(record["unit"] if golden else record["value"]["unit"])
    if field_name == "subject":
        if golden:
            return " | ".join(repr(s) for s in [record["subject"], *record.get("subject_alt", [])])
        return repr(predicted_subject(record))
    if field_name == "metric":
        return f"{record['metric_head']!r} ({record['metric']})" if golden else repr(record.get("metric"))
    if field_name == "time":
        times = [record["time"], *record.get("time_alt", [])] if golden else [record.get("time")]
        return " | ".join(f"{p[0]}..{p[1]}" if p else "null" for p in map(_period, times))
    return ""


# ---------------------------------------------------------------- scoring


@dataclass
class Score:
    """Matches and counts over the golden set."""

    golden: list[Golden]
    matches: dict[str, Claim | None]
    in_scope: dict[str, list[Claim]]
    right: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Check every field of every matched golden claim."""
        for name, check in FIELDS.items():
            self.right[name] = {
                g["id"] for g in self.golden if (c := self.matches[g["id"]]) is not None and check(g, c)
            }
        self.right["found"] = {g["id"] for g in self.golden if self.matches[g["id"]] is not None}

    def counts(self, name: str, article: str | None = None) -> tuple[int, int, int]:
        """Right, predicted in scope and golden counts for a field, over one article or all."""
        ids = {g["id"] for g in self.golden if article in (None, g["article"])}
        predicted = sum(len(v) for a, v in self.in_scope.items() if article in (None, a))
        return len(self.right[name] & ids), predicted, len(ids)

    def prf(self, name: str, article: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 of a field."""
        right, predicted, golden = self.counts(name, article)
        p = right / predicted if predicted else 0.0
        r = right / golden if golden else 0.0
        f1 = 2 * right / (predicted + golden) if predicted + golden else 0.0  # the harmonic mean of p and r
        return p, r, f1

    def false_positives(self) -> list[tuple[str, Claim]]:
        """Predicted claims in golden sentences that match no golden claim."""
        matched = {id(c) for c in self.matches.values() if c is not None}
        return [(a, c) for a, claims in self.in_scope.items() for c in claims if id(c) not in matched]


def score(golden: list[Golden], predictions: dict[str, tuple[str, list[Claim]]]) -> Score:
    """Match the golden claims to factex's claims and check every field.

    Args:
        golden: The golden claims.
        predictions: Article name -> (text, predicted claims), as :func:`predict` gives.

    Returns:
        The matches, the predicted claims counted for precision, and the right claims per field.
    """
    matches: dict[str, Claim | None] = {}
    in_scope: dict[str, list[Claim]] = {}
    for article in dict.fromkeys(g["article"] for g in golden):
        text, claims = predictions[article]
        spans = {g["id"]: golden_span(text, g["mention"], g["occurrence"]) for g in golden if g["article"] == article}
        found = match_article(spans, claims)
        matches.update(found)
        starts = [s for s, _ in spans.values()]
        matched = {id(c) for c in found.values() if c is not None}
        in_scope[article] = [
            c
            for c in claims
            if id(c) in matched or any(c["sentence"]["start"] <= s < c["sentence"]["end"] for s in starts)
        ]
    return Score(golden, matches, in_scope)


def report(result: Score, errors: bool = False) -> str:
    """The readable table, the error listing when asked, and the closing line."""
    golden = result.golden
    out = []
    found, predicted, total = result.counts("found")
    out.append(
        f"claims golden set: {total} claims in {len({g['article'] for g in golden})} articles; "
        f"{found} found; {predicted} predicted claims in their sentences"
    )
    out.append(f"{'field':8s} {'right':>6s} {'precision':>9s} {'recall':>7s} {'F1':>6s}")
    for name in ("found", *FIELDS):
        right = result.counts(name)[0]
        p, r, f = result.prf(name)
        out.append(f"{name:8s} {right:6d} {p:9.2f} {r:7.2f} {f:6.2f}")
    out.append("")
    out.append(f"{'article':26s} {'golden':>6s} {'found':>6s} {'claim':>6s} {'claim F1':>8s}")
    for article in sorted({g["article"] for g in golden}):
        right, _, n = result.counts("claim", article)
        out.append(
            f"{article:26s} {n:6d} {result.counts('found', article)[0]:6d} {right:6d} "
            f"{result.prf('claim', article)[2]:8.2f}"
        )
    if errors:
        out.extend(error_listing(result))
    f1 = {name: result.prf(name)[2] for name in FIELDS}
    out.append(
        f"claims golden: claim-level F1 {f1['claim']:.2f} (value {f1['value']:.2f}, unit {f1['unit']:.2f}, "
        f"subject {f1['subject']:.2f}, metric {f1['metric']:.2f}, time {f1['time']:.2f})"
    )
    return "\n".join(out)


def error_listing(result: Score) -> list[str]:
    """The misses per field: golden claims not found, wrong fields, and false positives."""
    out = ["", "== not found"]
    out += [f"  {g['id']:28s} {g['mention']!r}" for g in result.golden if result.matches[g["id"]] is None]
    for name, check in FIELDS.items():
        if name == "claim":
            continue
        out.append(f"== {name} wrong")
        for g in result.golden:
            claim = result.matches[g["id"]]
            if claim is not None and not check(g, claim):
                out.append(
                    f"  {g['id']:28s} {g['mention']!r}: expected {shown(name, g, True)}, "
                    f"got {shown(name, claim, False)}"
                )
    out.append("== false positives (predicted claims in golden sentences that match no golden claim)")
    out += [f"  {a:28s} {c['mention']['text']!r} at {c['mention']['start']}" for a, c in result.false_positives()]
    out.append("")
    return out


def main(argv: list[str] | None = None) -> int:
    """Score factex on one or more claims golden sets and print a table for each (and for all together)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--golden", type=Path, nargs="+", default=sorted(GOLDEN.parent.glob("claims*.jsonl")),
        help="golden claim files, scored apart and together (default: every tests/golden/claims*.jsonl)",
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of the articles (default: corpus/)")
    parser.add_argument("--errors", action="store_true", help="list the misses per field and the false positives")
    args = parser.parse_args(argv)
    missing = [str(path) for path in args.golden if not path.is_file()]
    if missing:
        print(f"claims benchmark: no golden set at {', '.join(missing)}", file=sys.stderr)
        return 2
    sets = [(path, load_golden(path)) for path in args.golden]
    everything = [g for _, golden in sets for g in golden]
    predictions = predict((g["article"] for g in everything), corpus=args.corpus)
    for path, golden in sets:
        if len(sets) > 1:
            print(f"== {path}")
        print(report(score(golden, predictions), errors=args.errors))
    if len(sets) > 1:
        result = score(everything, predictions)
        f1 = {name: result.prf(name)[2] for name in FIELDS}
        print(
            f"all {len(sets)} golden sets ({len(everything)} claims): claim-level F1 {f1['claim']:.2f} "
            f"(value {f1['value']:.2f}, unit {f1['unit']:.2f}, subject {f1['subject']:.2f}, "
            f"metric {f1['metric']:.2f}, time {f1['time']:.2f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
