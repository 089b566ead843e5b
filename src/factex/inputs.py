"""Plan a batch: find the articles under files and folders, name their outputs, spot clashes.

Every article becomes a :class:`Task`: where to read it, the path to record, and its output key. Keys
mirror the input tree below the inputs' common folder: ``corpus/sub/b.txt`` is ``sub/b`` (written as
``OUTDIR/sub/b.claims.json``), and the article with id ``X`` in ``corpus/feeds/wire.jsonl`` is
``feeds/wire/X``. Two articles with one key (``a.txt`` and ``a.md``) are an error for the second.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factex.claim import Article
from factex.io import ARTICLE_SUFFIXES, JSONL_SUFFIXES, MARKDOWN_SUFFIXES, InputError, iter_jsonl
from factex.readers import has_front_matter

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Task:
    """One article to extract.

    Attributes:
        key: The output name, unique in a run (``sub/b``: ``OUTDIR/sub/b.claims.json``).
        source: The path as the user gave it, recorded in the output and in errors.
        location: The absolute path workers read (the article may be read on another machine).
        article_id: The article's id unless its metadata names one.
        article: The article, when it is already read (JSONL lines); workers read files themselves.
        previous: What the existing output says about its input (see :func:`factex.worker.fingerprint`).
    """

    key: str
    source: str
    location: str
    article_id: str
    article: Article | None = None
    previous: dict[str, Any] | None = None

    @property
    def ident(self) -> str:
        """The article's identity in a JSONL output: its path, and for a JSONL input also its id."""
        return self.source if self.article is None else f"{self.source}#{self.article.id}"


def document_ident(document: dict[str, Any]) -> str:
    """The identity (:attr:`Task.ident`) of the article an output document was made from."""
    article = document.get("article") or {}
    path = str(article.get("path"))
    if Path(path).suffix.lower() in JSONL_SUFFIXES:
        return f"{path}#{article.get('id')}"
    return path


def common_base(paths: Iterable[Path]) -> Path:
    """The folder the output tree mirrors: the common folder of the inputs (a file counts as its folder)."""
    roots = [os.path.abspath(p if p.is_dir() else p.parent) for p in paths]
    return Path(os.path.commonpath(roots)) if roots else Path.cwd()


def find_files(paths: Iterable[Path], *, exclude: Path | None = None) -> tuple[list[Path], list[InputError]]:
    """List the article files under ``paths`` (folders recursively, sorted), once each.

    A file named explicitly is taken whatever its suffix. In folders: files with an article suffix
    (:data:`factex.io.ARTICLE_SUFFIXES`), not hidden, not under ``exclude`` (the output folder), and
    Markdown only when it opens with front matter (a README or notes file is not an article).
    Links to nowhere with an article suffix are errors; links to folders are not followed.
    """
    files: list[Path] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    skip = os.path.realpath(exclude) if exclude is not None else None

    def add(file: Path) -> None:
        real = os.path.realpath(file)
        if real not in seen:
            seen.add(real)
            files.append(file)

    for path in paths:
        if not path.is_dir():
            if path.exists() or not path.is_symlink():
                add(path)
            else:
                errors.append(_broken_link(path))
            continue
        for folder, dirs, names in os.walk(path):
            if skip is not None and os.path.realpath(folder) == skip:
                dirs[:] = []
                continue
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                file = Path(folder, name)
                if name.startswith(".") or file.suffix.lower() not in ARTICLE_SUFFIXES:
                    continue
                if not file.exists():
                    if file.is_symlink():
                        errors.append(_broken_link(file))
                    continue
                if file.is_file() and _is_article(file):
                    add(file)
    return files, errors


def _broken_link(path: Path) -> InputError:
    return InputError(str(path), "broken-link", f"symbolic link to a missing file ({os.readlink(path)})")


def _is_article(file: Path) -> bool:
    if file.suffix.lower() not in MARKDOWN_SUFFIXES:
        return True
    try:
        with file.open("rb") as handle:
            return has_front_matter(handle.read(8))
    except OSError:
        return True  # reading it will report the problem


def count_articles(files: Iterable[Path]) -> int:
    """How many articles the files hold (a JSONL file: its non-blank lines)."""
    total = 0
    for file in files:
        if file.suffix.lower() not in JSONL_SUFFIXES:
            total += 1
            continue
        try:
            with file.open("rb") as handle:
                total += max(1, sum(1 for line in handle if line.strip()))
        except OSError:
            total += 1
    return total


def safe_name(article_id: str) -> str:
    """A file name for an article id: kept as is when it is plain, else cleaned and made unique with a hash."""
    cleaned = _UNSAFE.sub("_", article_id).strip("._")[:100]
    if cleaned == article_id:
        return cleaned
    digest = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:8]
    return f"{cleaned}-{digest}" if cleaned else digest


def file_key(file: Path, base: Path) -> str:
    """The output key of an article file: its path below ``base`` without the suffix."""
    absolute = Path(os.path.abspath(file))
    rel = absolute.relative_to(base) if absolute.is_relative_to(base) else Path(absolute.name)
    return rel.with_suffix("").as_posix()


def plan(files: Iterable[Path], base: Path, *, date: str | None = None) -> Iterator[Task | InputError]:
    """Yield a Task for every article of ``files``, or an InputError for a bad JSONL line or an output clash."""
    owners: dict[str, str] = {}
    for file in files:
        source, location, key = str(file), os.path.abspath(file), file_key(file, base)
        if file.suffix.lower() not in JSONL_SUFFIXES:
            yield _claim_key(owners, Task(key, source, location, key))
            continue
        for item in iter_jsonl(location, source=source, date=date):
            if isinstance(item, InputError):
                yield item
            else:
                yield _claim_key(owners, Task(f"{key}/{safe_name(item.id)}", source, location, item.id, item))


def _claim_key(owners: dict[str, str], task: Task) -> Task | InputError:
    """The task itself when its key is free, else a ``duplicate`` error naming the article that has it."""
    where = task.ident
    owner = owners.setdefault(task.key, where)
    if owner == where:
        return task
    return InputError(task.source, "duplicate", f"its output {task.key} would overwrite that of {owner}")
