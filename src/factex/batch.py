"""Run factex over files and folders: one ``NAME.claims.json`` per article, errors logged, never partial."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factex import __version__
from factex.claim import Article
from factex.io import TEXT_SUFFIXES, InputError, read_article
from factex.output import dumps, write_atomic

OUTPUT_SUFFIX = ".claims.json"


@dataclass
class Summary:
    """What a batch run did."""

    done: int = 0
    skipped: int = 0
    failed: int = 0
    claims_by_kind: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    errors: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as written to ``_summary.json``."""
        return {
            "factex_version": __version__,
            "articles": {"done": self.done, "skipped": self.skipped, "failed": self.failed},
            "claims": sum(self.claims_by_kind.values()),
            "claims_by_kind": dict(sorted(self.claims_by_kind.items())),
            "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.done / self.seconds, 2) if self.seconds else None,
        }


def find_inputs(paths: list[Path]) -> Iterator[tuple[Path, Path]]:
    """Yield (file, base folder) for every article under the given files and folders, sorted."""
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.suffix in TEXT_SUFFIXES and file.is_file() and not file.name.startswith("."):
                    yield file, path
        else:
            yield path, path.parent


def output_path(outdir: Path, article_file: Path, base: Path) -> Path:
    """Mirror the input tree: ``base/a/b.txt`` goes to ``outdir/a/b.claims.json``."""
    rel = article_file.relative_to(base) if article_file.is_relative_to(base) else Path(article_file.name)
    return outdir / rel.with_suffix(OUTPUT_SUFFIX)


def run(
    paths: list[Path],
    outdir: Path,
    *,
    date: str | None = None,
    force: bool = False,
    patterns_dir: str | None = None,
    on_progress: Callable[[Summary], None] | None = None,
) -> Summary:
    """Extract every article under ``paths`` into ``outdir``; bad inputs go to ``_errors.jsonl``."""
    from factex.api import extract_articles
    from factex.pipeline import get_nlp

    started = time.perf_counter()
    summary = Summary()
    nlp = get_nlp(patterns_dir=patterns_dir)
    patterns_hash = nlp.get_pipe("factex").patterns_hash  # type: ignore[attr-defined]
    todo: list[tuple[Article, Path]] = []
    for file, base in find_inputs(paths):
        try:
            article = read_article(file, date=date, base=base)
        except InputError as exc:
            summary.failed += 1
            summary.errors.append({"path": exc.source, "error": exc.kind, "message": str(exc)})
            continue
        target = output_path(outdir, file, base)
        if not force and _up_to_date(target, article, patterns_hash):
            summary.skipped += 1
            continue
        todo.append((article, target))
    for (_, target), result in zip(todo, extract_articles([a for a, _ in todo], nlp=nlp), strict=True):
        document = result.to_dict(include_text=True)
        write_atomic(target, dumps(document) + "\n")
        summary.done += 1
        summary.claims_by_kind.update(c["kind"] for c in document["claims"])
        if on_progress:
            on_progress(summary)
    summary.seconds = time.perf_counter() - started
    outdir.mkdir(parents=True, exist_ok=True)
    if summary.errors:
        lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in summary.errors)
        write_atomic(outdir / "_errors.jsonl", lines)
    write_atomic(outdir / "_summary.json", dumps(summary.to_dict()) + "\n")
    return summary


def _up_to_date(target: Path, article: Article, patterns_hash: str) -> bool:
    try:
        old = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        old.get("factex_version") == __version__
        and old.get("patterns") == patterns_hash
        and old.get("article", {}).get("sha256") == article.sha256
        and old.get("article", {}).get("date") == article.date
    )
