"""Read articles: text files with optional ``NAME.meta.json`` sidecars, and standard input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from factex.claim import Article

#: Articles larger than this are refused (bytes).
MAX_BYTES = 5_000_000
TEXT_SUFFIXES = (".txt",)


class InputError(ValueError):
    """An input cannot be read as an article; the message names the input and the reason."""

    def __init__(self, source: str, kind: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.kind = kind


def check_date(value: str | dt.date | None, source: str = "date") -> str | None:
    """Return an ISO date string (YYYY-MM-DD) or None; raise InputError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
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


def read_meta(path: Path) -> dict[str, Any]:
    """Read the ``NAME.meta.json`` sidecar of an article, if there is one."""
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(meta_path), "bad-metadata", f"unreadable metadata ({exc})") from None
    if not isinstance(meta, dict):
        raise InputError(str(meta_path), "bad-metadata", "metadata must be a JSON object")
    return meta


def read_article(path: str | Path, *, date: str | dt.date | None = None, base: Path | None = None) -> Article:
    """Read one article file (and its sidecar); ``date`` overrides the sidecar's date."""
    path = Path(path)
    source = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "missing", "no such file") from None
    except IsADirectoryError:
        raise InputError(source, "directory", "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(source, "unreadable", f"cannot read ({exc.strerror or exc})") from None
    text = decode(data, source)
    meta = read_meta(path)
    meta_date = check_date(meta.get("date"), str(path.with_name(path.stem + ".meta.json")))
    rel = path.relative_to(base) if base is not None and path.is_relative_to(base) else Path(path.name)
    return Article(
        id=str(meta.get("id") or rel.with_suffix("").as_posix()),
        text=text,
        date=check_date(date) if date is not None else meta_date,
        path=str(path),
        url=_str_or_none(meta.get("url")),
        title=_str_or_none(meta.get("title")),
        source=_str_or_none(meta.get("source")),
    )


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
