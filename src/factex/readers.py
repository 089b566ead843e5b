"""Article formats: Markdown front matter, the main text of HTML pages, and JSONL records.

Each parser takes decoded text (or raw bytes, for HTML) and returns plain data; reading files and
turning problems into :class:`factex.io.InputError` is :mod:`factex.io`'s job. Offsets in the output
index into the text these parsers return (the Markdown body, the extracted HTML text, the JSONL ``text``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

#: Metadata fields an article may carry (sidecar, front matter, HTML meta tags, JSONL keys).
META_FIELDS = ("id", "date", "url", "title", "source")

_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)


class FormatError(ValueError):
    """The content is not valid for its format; ``kind`` is the error kind of the batch log."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Parsed:
    """An article's text and the metadata found with it."""

    text: str
    meta: dict[str, Any]


def has_front_matter(head: bytes) -> bool:
    """Tell whether a file starting with ``head`` opens with a YAML front matter block (``---``)."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    return head.startswith(b"---\n") or head.startswith(b"---\r\n")


def parse_markdown(text: str) -> Parsed:
    """Split a Markdown article into its YAML front matter (metadata) and body (the article text).

    Without front matter the whole file is the body. The body keeps every character after the
    closing ``---`` line, so offsets index into it exactly.
    """
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening is None:
        return Parsed(text, {})
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
    if closing is None:
        raise FormatError("bad-metadata", "front matter opened with '---' is never closed")
    import yaml

    try:
        meta = yaml.safe_load(text[opening.end() : closing.start()])
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        raise FormatError("bad-metadata", f"front matter is not valid YAML ({problem})") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FormatError("bad-metadata", "front matter must be a YAML mapping (key: value lines)")
    return Parsed(text[closing.end() :], meta)


def parse_html(data: bytes) -> Parsed:
    """Extract the main text and metadata (title, url, date, site name) of an HTML page with trafilatura.

    Navigation, footers, comments and boilerplate are left out; paragraphs are separated by newlines.
    """
    import trafilatura

    result = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise FormatError("empty", "no article text found in the HTML page")
    meta = {
        "title": result.title,
        "url": result.url,
        "date": result.date,
        "source": result.sitename,
    }
    return Parsed(text, {key: value for key, value in meta.items() if value})


def parse_jsonl_record(line: str) -> Parsed:
    """Read one JSONL article: an object with ``id`` and ``text``, optional ``date``, ``url``, ``title``, ``source``."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise FormatError("bad-jsonl", f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise FormatError("bad-jsonl", f"a line must be a JSON object, not {type(record).__name__}")
    article_id = record.get("id")
    if isinstance(article_id, bool) or not isinstance(article_id, (str, int)) or str(article_id).strip() == "":
        raise FormatError("bad-jsonl", "every line needs an 'id' (a non-empty string or an integer)")
    text = record.get("text")
    if not isinstance(text, str):
        raise FormatError("bad-jsonl", "every line needs a 'text' string")
    if not text.strip():
        raise FormatError("empty", "the article text is empty")
    meta = {key: record[key] for key in META_FIELDS if record.get(key) is not None}
    meta["id"] = str(article_id)
    return Parsed(text, meta)
