"""Read articles: text, Markdown, HTML and JSONL files, ``NAME.meta.json`` sidecars, standard input.

Formats by suffix (see :mod:`factex.readers`): ``.txt`` (and any unknown suffix) is the article text as
is; ``.md`` may open with YAML front matter (metadata) and the article is the body after it; ``.html`` and
``.htm`` give their main text (trafilatura); ``.jsonl`` holds one article per line (:func:`iter_jsonl`).
Every problem is an :class:`InputError` naming the input and a short error kind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from factex.claim import Article
from factex.readers import FormatError, Parsed, parse_html, parse_jsonl_record, parse_markdown

#: Articles larger than this are refused (bytes; for JSONL files, per line).
MAX_BYTES = 5_000_000
TEXT_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
#: The suffixes a folder scan takes as articles.
ARTICLE_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES


class InputError(ValueError):
    """An input cannot be read as an article; the message names the input and the reason.

    Attributes:
        source: The file (or ``<stdin>``, ``--date``) at fault.
        kind: A short error kind: ``missing``, ``unreadable``, ``binary``, ``encoding``, ``empty``,
            ``too-large``, ``bad-metadata``, ``bad-date``, ``bad-jsonl``, ``duplicate-id``, ...
        line: The line of a JSONL file at fault, else None.
    """

    def __init__(self, source: str, kind: str, message: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.kind = kind
        self.line = line
        self.reason = message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.source, self.kind, self.reason, self.line))

    def to_dict(self) -> dict[str, Any]:
        """Return the error as one line of ``_errors.jsonl``: path, line (JSONL inputs), error kind, message."""
        entry: dict[str, Any] = {"path": self.source}
        if self.line is not None:
            entry["line"] = self.line
        entry.update(error=self.kind, message=str(self))
        return entry


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def check_date(value: str | dt.date | None, source: str = "date") -> str | None:
    """Return an ISO date string (YYYY-MM-DD) or None; raise InputError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    # A date, optionally with a time of day ("2024-09-01T08:00:00Z"): nothing else after it.
    if not _ISO_DATE.fullmatch(text):
        raise InputError(source, "bad-date", f"date must be YYYY-MM-DD, got {text!r}")
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InputError(source, "bad-date", f"date must be YYYY-MM-DD, got {text!r}") from None


def decode(data: bytes, source: str) -> str:
    """Decode article bytes as UTF-8 text, refusing binary data, bad encodings and empty files."""
    if len(data) > MAX_BYTES:
        raise InputError(source, "too-large", f"{len(data):,} bytes is over the {MAX_BYTES:,}-byte limit")
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary", "looks like a binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, "encoding", f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    if not text.strip():
        raise InputError(source, "empty", "the article is empty")
    return text


def sidecar_path(path: Path) -> Path:
    """The ``NAME.meta.json`` sidecar that belongs to an article file."""
    return path.with_name(path.stem + ".meta.json")


def read_meta(path: Path, source: str | None = None) -> dict[str, Any]:
    """Read the ``NAME.meta.json`` sidecar of an article, if there is one.

    Args:
        path: The article file.
        source: The article's path as the user gave it (error messages name its sidecar); default ``path``.
    """
    meta_path = sidecar_path(path)
    if not meta_path.exists():
        return {}
    meta_source = str(sidecar_path(Path(source))) if source is not None else str(meta_path)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8-sig"))  # editors on Windows add a BOM
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(meta_source, "bad-metadata", f"unreadable metadata ({exc})") from None
    if not isinstance(meta, dict):
        raise InputError(meta_source, "bad-metadata", "metadata must be a JSON object")
    return meta


def read_bytes(path: Path, source: str | None = None) -> bytes:
    """Read a whole input file, refusing links to nowhere, folders, unreadable and oversized files."""
    source = source if source is not None else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES and path.suffix.lower() not in JSONL_SUFFIXES:
            raise InputError(source, "too-large", f"{size:,} bytes is over the {MAX_BYTES:,}-byte limit")
        return path.read_bytes()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(source, "broken-link", f"symbolic link to a missing file ({os.readlink(path)})") from None
        raise InputError(source, "missing", "no such file") from None
    except IsADirectoryError:
        raise InputError(source, "directory", "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(source, "unreadable", f"cannot read ({exc.strerror or exc})") from None


def load_article(
    path: str | Path,
    *,
    source: str | None = None,
    article_id: str | None = None,
    date: str | dt.date | None = None,
) -> Article:
    """Read one article file in its format (by suffix), with its sidecar metadata.

    Args:
        path: The file to read.
        source: The path to record in the article and in errors (default: ``path`` as given).
        article_id: The id when the metadata has none (default: the file name without suffix).
        date: Overrides any date of the metadata.

    Raises:
        InputError: The file cannot be read as an article.
    """
    path = Path(path)
    source = source if source is not None else str(path)
    data = read_bytes(path, source)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        raise InputError(source, "bad-jsonl", "a JSONL file holds many articles: read it with iter_jsonl()")
    try:
        if suffix in HTML_SUFFIXES:
            if len(data) > MAX_BYTES:
                raise InputError(source, "too-large", f"{len(data):,} bytes is over the {MAX_BYTES:,}-byte limit")
            if b"\x00" in data[:8192]:
                raise InputError(source, "binary", "looks like a binary file (NUL bytes), not HTML")
            parsed = parse_html(data)
        elif suffix in MARKDOWN_SUFFIXES:
            parsed = parse_markdown(decode(data, source))
            if not parsed.text.strip():
                raise FormatError("empty", "the article body (after the front matter) is empty")
        else:
            parsed = Parsed(decode(data, source), {})
    except FormatError as exc:
        raise InputError(source, exc.kind, str(exc)) from None
    own_date = check_date(parsed.meta.get("date"), source)
    sidecar = read_meta(path, source)
    sidecar_date = check_date(sidecar.get("date"), str(sidecar_path(Path(source))))
    meta = {**parsed.meta, **sidecar}
    meta_date = sidecar_date if sidecar.get("date") else own_date
    return Article(
        id=str(meta.get("id") or article_id or path.stem),
        text=parsed.text,
        date=check_date(date) if date is not None else meta_date,
        path=source,
        url=_str_or_none(meta.get("url")),
        title=_str_or_none(meta.get("title")),
        source=_str_or_none(meta.get("source")),
    )


def read_article(path: str | Path, *, date: str | dt.date | None = None, base: Path | None = None) -> Article:
    """Read one article file (and its sidecar); ``date`` overrides the metadata's date.

    The id is the sidecar's (or front matter's) ``id``, else the path relative to ``base`` without suffix.
    """
    path = Path(path)
    rel = path.relative_to(base) if base is not None and path.is_relative_to(base) else Path(path.name)
    return load_article(path, article_id=rel.with_suffix("").as_posix(), date=date)


def iter_jsonl(
    path: str | Path, *, source: str | None = None, date: str | dt.date | None = None
) -> Iterator[Article | InputError]:
    """Yield each article of a JSONL file in order, or an InputError for a line (or a file) that is bad.

    Blank lines are skipped; a repeated ``id`` in the same file is an error (``duplicate-id``). Each
    line may be up to :data:`MAX_BYTES` long; ``date`` overrides the lines' dates.
    """
    path = Path(path)
    source = source if source is not None else str(path)
    override = check_date(date) if date is not None else None
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        if path.is_symlink():
            yield InputError(source, "broken-link", f"symbolic link to a missing file ({os.readlink(path)})")
        else:
            yield InputError(source, "missing", "no such file")
        return
    except IsADirectoryError:
        yield InputError(source, "directory", "is a folder, not a file")
        return
    except OSError as exc:
        yield InputError(source, "unreadable", f"cannot read ({exc.strerror or exc})")
        return
    seen: dict[str, int] = {}
    articles = 0
    with handle:
        if b"\x00" in handle.read(8192):
            yield InputError(source, "binary", "looks like a binary file (NUL bytes), not JSONL")
            return
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            articles += 1
            try:
                yield _jsonl_article(raw, source, number, seen, override)
            except InputError as exc:
                yield exc
    if not articles:
        yield InputError(source, "empty", "the JSONL file holds no articles")


def _jsonl_article(raw: bytes, source: str, number: int, seen: dict[str, int], date: str | None) -> Article:
    if len(raw) > MAX_BYTES:
        raise InputError(source, "too-large", f"{len(raw):,} bytes is over the {MAX_BYTES:,}-byte limit", line=number)
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        raise InputError(source, "encoding", message, line=number) from None
    try:
        parsed = parse_jsonl_record(line)
    except FormatError as exc:
        raise InputError(source, exc.kind, str(exc), line=number) from None
    article_id = parsed.meta["id"]
    if article_id in seen:
        raise InputError(source, "duplicate-id", f"id {article_id!r} already used on line {seen[article_id]}",
                         line=number)
    seen[article_id] = number
    if date is None:
        try:
            date = check_date(parsed.meta.get("date"), source)
        except InputError as exc:
            raise InputError(source, "bad-date", str(exc).removeprefix(f"{source}: "), line=number) from None
    return Article(
        id=article_id,
        text=parsed.text,
        date=date,
        path=source,
        url=_str_or_none(parsed.meta.get("url")),
        title=_str_or_none(parsed.meta.get("title")),
        source=_str_or_none(parsed.meta.get("source")),
    )


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
