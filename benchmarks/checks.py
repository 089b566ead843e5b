"""Checks on the planted-error set: recall on planted errors, false alarms on the correct versions.

    python benchmarks/checks.py [--corpus]

``tests/golden/checks/manifest.jsonl`` lists, per case, the correct version(s) and the versions with a
planted inconsistency, each with the check kind that must fail and the figure it must name. A planted
error counts as found when a check of that kind (or a sub-kind: ``sum`` covers ``sum.list``) fails and
lists the planted figure among its claims. Cross-article cases compare two articles with ``factex check``'s
cross-article checks. A false alarm is any failed check on a correct version.

Prints one line per version and two closing figures: recall (target >= 0.9) and false alarms per
10 correct articles (target <= 1). ``--corpus`` also counts failed checks on corpus/*.txt (articles
written for this project, no planted error); ``--news`` on the news articles of ../shared/eval's TimeBank
and MEANTIME files (real wire and newspaper stories, no known error). Neither is part of the targets.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "golden" / "checks"
MANIFEST = CASES / "manifest.jsonl"


@dataclass(frozen=True)
class Version:
    """One version of a case: its files and, for a planted error, what must fail."""

    case: str
    date: str
    files: tuple[str, ...]
    cross: bool
    kind: str | None = None
    mention: str | None = None
    error: str | None = None
    xfail: str | None = None

    @property
    def id(self) -> str:
        """A readable id: case/file(s)."""
        return f"{self.case}/{'+'.join(Path(f).stem for f in self.files)}"


def load_versions() -> tuple[list[Version], list[Version]]:
    """(correct versions, planted versions) of the manifest. A cross case's correct version is its file set."""
    correct, planted = [], []
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        cross = bool(case.get("cross"))
        if cross:
            correct.append(Version(case["id"], case["date"], tuple(case["correct"]), True))
        else:
            correct.extend(Version(case["id"], case["date"], (f,), False) for f in case["correct"])
        for p in case["planted"]:
            files = tuple(p["files"]) if cross else (p["file"],)
            planted.append(
                Version(case["id"], case["date"], files, cross, p["kind"], p["mention"], p["error"], p.get("xfail"))
            )
    return correct, planted


def documents(version: Version, nlp: Any = None) -> list[dict[str, Any]]:
    """The output documents of a version's files (article id: case/file)."""
    import factex

    return [
        factex.extract(
            (CASES / version.case / f).read_text(encoding="utf-8"),
            date=version.date,
            nlp=nlp,
            article_id=f"{version.case}/{f}",
        ).to_dict(include_text=True)
        for f in version.files
    ]


def checks_of(version: Version, nlp: Any = None) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Every check of a version (in-article, and cross-article for a cross case) and claim id -> mention."""
    from factex.checks.crossdoc import cross_checks
    from factex.checks.numbers import CheckConfig
    from factex.checks.rules import rules_for

    docs = documents(version, nlp)
    checks = [c for d in docs for c in d["checks"]]
    if version.cross:
        checks += cross_checks(docs, rules_for(), CheckConfig())
    mentions = {c["id"]: c["mention"]["text"] for d in docs for c in d["claims"]}
    return checks, mentions


def found(version: Version, checks: list[dict[str, Any]], mentions: dict[str, str]) -> list[dict[str, Any]]:
    """The failed checks that find a planted error: the right kind, naming the planted figure."""
    assert version.kind is not None
    return [
        c
        for c in checks
        if c["status"] == "fails"
        and (c["kind"] == version.kind or c["kind"].startswith(version.kind + "."))
        and any(mentions.get(i) == version.mention for i in c["claims"])
    ]


def false_alarms(checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The failed checks of a correct version."""
    return [c for c in checks if c["status"] == "fails"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", action="store_true", help="also count failed checks on corpus/*.txt")
    parser.add_argument("--news", action="store_true", help="also count failed checks on ../shared/eval's news")
    parser.add_argument("--data-dir", help="the shared evaluation data (default ../shared/eval)")
    args = parser.parse_args()
    from factex.pipeline import get_nlp

    nlp = get_nlp()
    started = time.perf_counter()
    correct, planted = load_versions()
    hits = 0
    for version in planted:
        checks, mentions = checks_of(version, nlp)
        hit = found(version, checks, mentions)
        hits += bool(hit)
        detail = hit[0]["explanation"] if hit else "MISSED: " + version.error if version.error else "MISSED"
        print(f"{'found ' if hit else 'missed'}  {version.id:52} {version.kind:12} {detail[:110]}")
    articles = alarms = 0
    for version in correct:
        checks, _ = checks_of(version, nlp)
        bad = false_alarms(checks)
        articles += len(version.files)
        alarms += len(bad)
        held = sum(c["status"] == "holds" for c in checks)
        print(
            f"{'ALARM ' if bad else 'clean '}  {version.id:52} {held} hold, {len(bad)} fail"
            + "".join(f"\n          false alarm: {c['kind']}: {c['explanation'][:100]}" for c in bad)
        )
    if args.corpus:
        import factex
        from factex.io import read_article

        corpus_fails = corpus_articles = 0
        for path in sorted((ROOT / "corpus").glob("*.txt")):
            article = read_article(path)
            doc = next(factex.extract_articles([article], nlp=nlp)).to_dict()
            bad = false_alarms(doc["checks"])
            corpus_articles += 1
            corpus_fails += len(bad)
            for c in bad:
                print(f"corpus   {path.name}: {c['kind']}: {c['explanation'][:110]}")
        print(f"corpus: {corpus_fails} failed check(s) on {corpus_articles} articles without planted errors")
    if args.news:
        _news(nlp, args.data_dir)
    print(f"planted errors found: {hits}/{len(planted)} = recall {hits / len(planted):.3f} (target >= 0.9)")
    print(
        f"false alarms on correct versions: {alarms} in {articles} articles = "
        f"{10 * alarms / articles:.2f} per 10 articles (target <= 1)"
    )
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


def _news(nlp: Any, data_dir: str | None) -> None:
    """Failed checks on real news stories (TimeBank and MEANTIME texts of the shared evaluation data)."""
    import factex
    from factex.claim import Article

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _common import eval_dir

    folder = eval_dir(data_dir)
    articles = []
    for name in ("timex-tbaq.jsonl", "timex-meantime.jsonl"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                articles.append(Article(id=record["id"], text=record["text"], date=record.get("dct")))
    held = fails = 0
    for result in factex.extract_articles(articles, nlp=nlp):
        checks = result.to_dict()["checks"]
        held += sum(c["status"] == "holds" for c in checks)
        for c in false_alarms(checks):
            fails += 1
            print(f"news     {result.article.id}: {c['kind']}: {c['explanation'][:110]}")
    print(f"news: {fails} failed check(s), {held} holding, on {len(articles)} stories without known errors")


if __name__ == "__main__":
    sys.exit(main())
