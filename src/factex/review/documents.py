"""The output documents of a folder: what the review app shows, found once and refreshed when files change.

An article's key is its output name: ``sub/b`` for ``OUTDIR/sub/b.claims.json`` (the name a rerun of
``factex extract`` writes to again), or ``claims/ID`` for a line of ``OUTDIR/claims.jsonl``. Requests
name articles by key only; a key is looked up in the index built from the folder scan, so no request
ever builds a file path.
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OUTPUT_SUFFIX = ".claims.json"
JSONL_NAME = "claims.jsonl"
#: Documents larger than this are listed as errors, not read.
MAX_DOCUMENT_BYTES = 200 * 1024 * 1024
#: How many whole documents stay in memory.
CACHE_SIZE = 64
#: How the checks of the ``checks`` list sort: failed first, then unclear, then the rest.
CHECK_ORDER = {"fails": 0, "unclear": 1, "holds": 2}


@dataclass
class ArticleEntry:
    """One article of the folder, as the articles list shows it.

    Attributes:
        key: The article key.
        file: The document file (a ``.claims.json``, or ``claims.jsonl``).
        line: The line in ``claims.jsonl`` (1-based), else None.
        id: The article id of the document.
        title: The article's title (else its id).
        date: The article date (ISO), or None.
        url: The article's URL, or None.
        source: The publication, or None.
        claim_ids: The ids of the document's claims, in document order.
        checks: How many checks failed, were unclear, held.
    """

    key: str
    file: Path
    line: int | None
    id: str
    title: str
    date: str | None
    url: str | None
    source: str | None
    claim_ids: list[str]
    checks: dict[str, int] = field(default_factory=dict)

    def snapshot(self) -> dict[str, Any]:
        """Return what a verdict keeps of its article (id, url, title, date)."""
        return {"id": self.id, "url": self.url, "title": self.title, "date": self.date, "source": self.source}


class DocumentError(ValueError):
    """A document that cannot be shown (not JSON, not a factex document)."""


def check_document(document: Any) -> dict[str, Any]:
    """Check the shape the review app relies on: an ``article`` with an ``id`` and a list of claims with ids.

    Raises:
        DocumentError: When the document is not usable.
    """
    if not isinstance(document, dict):
        raise DocumentError("not a JSON object")
    article = document.get("article")
    if not isinstance(article, dict) or not isinstance(article.get("id"), str) or not article["id"]:
        raise DocumentError("no article id")
    claims = document.get("claims")
    if not isinstance(claims, list) or not all(isinstance(c, dict) and isinstance(c.get("id"), str) for c in claims):
        raise DocumentError("claims must be a list of objects with an id")
    return document


def sorted_checks(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the document's ``checks`` (if any), failed first, then unclear, then the others."""
    checks = document.get("checks")
    if not isinstance(checks, list):
        return []
    usable = [c for c in checks if isinstance(c, dict)]
    return sorted(usable, key=lambda c: CHECK_ORDER.get(str(c.get("status")), 3))


class Corpus:
    """The documents under an output folder, rescanned cheaply (by size and mtime) on :meth:`refresh`.

    Args:
        outdir: The folder ``factex extract ... -o OUTDIR`` wrote.
    """

    def __init__(self, outdir: str | Path) -> None:
        self.outdir = Path(outdir)
        self._lock = threading.Lock()
        self._stamps: dict[Path, tuple[int, int]] = {}
        self._by_file: dict[Path, list[ArticleEntry]] = {}
        self.articles: dict[str, ArticleEntry] = {}
        self._cache: OrderedDict[str, tuple[tuple[Path, tuple[int, int]], dict[str, Any], dict[str, Any]]] = (
            OrderedDict()
        )
        self.errors: list[str] = []
        self.refresh()

    def refresh(self) -> None:
        """Rescan the folder; read again only the files whose size or mtime changed."""
        with self._lock:
            files = self._files()
            stamps: dict[Path, tuple[int, int]] = {}
            errors: list[str] = []
            for path in files:
                try:
                    stat = path.stat()
                except OSError as exc:
                    errors.append(f"{self._rel(path)}: {exc.strerror or exc}")
                    continue
                stamps[path] = (stat.st_size, stat.st_mtime_ns)
                if self._stamps.get(path) == stamps[path] and path in self._by_file:
                    continue
                try:
                    if stat.st_size > MAX_DOCUMENT_BYTES:
                        raise DocumentError(f"larger than {MAX_DOCUMENT_BYTES // 2**20} MB")
                    self._by_file[path] = self._read_entries(path)
                except (OSError, ValueError) as exc:
                    self._by_file.pop(path, None)
                    stamps.pop(path)
                    errors.append(f"{self._rel(path)}: {exc}")
            for gone in set(self._by_file) - set(stamps):
                del self._by_file[gone]
            self._stamps = stamps
            articles: dict[str, ArticleEntry] = {}
            for path in sorted(self._by_file):
                for entry in self._by_file[path]:
                    if entry.key in articles:
                        errors.append(f"{self._rel(path)}: article key {entry.key!r} appears twice; first kept")
                        continue
                    articles[entry.key] = entry
            self.articles = articles
            self.errors = errors

    def document(self, key: str) -> dict[str, Any] | None:
        """Return the whole document of an article, or None for an unknown key or an unreadable file.

        A file that changed since the last scan is rescanned first, so the index and the document agree.
        """
        found = self._load(key)
        return found[0] if found else None

    def claim(self, key: str, claim_id: str) -> dict[str, Any] | None:
        """Return one claim of an article as the document holds it now, or None."""
        found = self._load(key)
        return found[1].get(claim_id) if found else None

    def _load(self, key: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
        entry = self.articles.get(key)
        if entry is None:
            return None
        try:
            stat = entry.file.stat()
        except OSError:
            return None
        stamp = (stat.st_size, stat.st_mtime_ns)
        if self._stamps.get(entry.file) != stamp:
            self.refresh()
            entry = self.articles.get(key)
            if entry is None:
                return None
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None and cached[0] == (entry.file, stamp):
                self._cache.move_to_end(key)
                return cached[1], cached[2]
        try:
            if entry.line is None:
                document = check_document(json.loads(entry.file.read_text(encoding="utf-8")))
            else:
                document = None
                with entry.file.open(encoding="utf-8") as handle:
                    for number, line in enumerate(handle, 1):
                        if number == entry.line:
                            document = check_document(json.loads(line))
                            break
        except (OSError, ValueError):
            return None
        if document is None:
            return None
        claims = {c["id"]: c for c in document["claims"]}
        with self._lock:
            self._cache[key] = ((entry.file, stamp), document, claims)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return document, claims

    def _files(self) -> list[Path]:
        found: list[Path] = []
        for root, dirs, names in os.walk(self.outdir):  # links to folders are not followed
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                if name.endswith(OUTPUT_SUFFIX) or (name == JSONL_NAME and Path(root) == self.outdir):
                    found.append(Path(root) / name)
        return found

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.outdir).as_posix()

    def _read_entries(self, path: Path) -> list[ArticleEntry]:
        if path.name == JSONL_NAME and path.parent == self.outdir:
            entries = []
            with path.open(encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    try:
                        document = check_document(json.loads(line))
                    except ValueError as exc:
                        raise DocumentError(f"line {number}: {exc}") from None
                    entries.append(_entry(f"claims/{document['article']['id']}", path, number, document))
            return entries
        document = check_document(json.loads(path.read_text(encoding="utf-8")))
        key = self._rel(path)[: -len(OUTPUT_SUFFIX)]
        return [_entry(key, path, None, document)]


def _entry(key: str, path: Path, line: int | None, document: dict[str, Any]) -> ArticleEntry:
    article = document["article"]
    checks: dict[str, int] = {}
    for check in sorted_checks(document):
        status = str(check.get("status"))
        checks[status] = checks.get(status, 0) + 1

    def text(name: str) -> str | None:
        value = article.get(name)
        return value if isinstance(value, str) and value else None

    return ArticleEntry(
        key=key,
        file=path,
        line=line,
        id=article["id"],
        title=text("title") or article["id"],
        date=text("date"),
        url=text("url"),
        source=text("source"),
        claim_ids=[c["id"] for c in document["claims"]],
        checks=checks,
    )
