"""Typed records of the output contract: claims and the article document that holds them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

#: The ``$id`` of the output document's JSON Schema (``factex schema`` prints it).
SCHEMA_ID = "factex/schema/claim.schema.json"

Kind = Literal["quantity", "percent", "money", "count", "rank", "ratio", "duration"]
Approx = Literal["=", "~", ">", "<", ">=", "<="]
Change = Literal["up", "down"]


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: ``article_text[start:end] == text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Value:
    """The normalized value of a claim."""

    amount: float | int
    amount_high: float | int | None
    unit: str
    unit_text: str
    approx: Approx = "="
    change: Change | None = None
    counted: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the value as a plain dict (``counted`` only when there is one)."""
        value: dict[str, Any] = {
            "amount": self.amount,
            "amount_high": self.amount_high,
            "unit": self.unit,
            "unit_text": self.unit_text,
            "approx": self.approx,
            "change": self.change,
        }
        if self.counted is not None:
            value["counted"] = self.counted
        return value


@dataclass(frozen=True)
class Claim:
    """One figure an article states, normalized, with where it stands in the text."""

    id: str
    kind: Kind
    mention: Span
    sentence: tuple[int, int]
    value: Value
    rule: str
    trace: tuple[str, ...] = ()
    subject: dict[str, Any] | None = None
    metric: str | None = None
    time: dict[str, Any] | None = None
    source: dict[str, Any] | None = None
    comparison: dict[str, Any] | None = None
    change_from: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the claim as the plain JSON-ready dict of the output contract."""
        return {
            "id": self.id,
            "kind": self.kind,
            "mention": {"text": self.mention.text, "start": self.mention.start, "end": self.mention.end},
            "sentence": {"start": self.sentence[0], "end": self.sentence[1]},
            "value": self.value.to_dict(),
            "subject": self.subject,
            "metric": self.metric,
            "time": self.time,
            "source": self.source,
            "comparison": self.comparison,
            "change_from": self.change_from,
            "rule": self.rule,
            "trace": list(self.trace),
        }


def claim_id(article_id: str, start: int, end: int, amount: float | int, unit: str) -> str:
    """A stable id: the same article, offsets and value always give the same id."""
    key = json.dumps([article_id, start, end, amount, unit], ensure_ascii=False)
    return "c_" + hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """Where an article came from and what it said."""

    id: str
    text: str
    date: str | None = None
    path: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None

    @property
    def sha256(self) -> str:
        """SHA-256 of the article text (UTF-8)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Extraction:
    """The result of extracting one article: its metadata and claims."""

    article: Article
    claims: tuple[dict[str, Any], ...]
    version: str
    schema: str
    patterns: str
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """Return the output document (DESIGN.md's contract)."""
        article: dict[str, Any] = {
            "id": self.article.id,
            "path": self.article.path,
            "date": self.article.date,
            "sha256": self.article.sha256,
        }
        for key in ("url", "title", "source"):
            value = getattr(self.article, key)
            if value is not None:
                article[key] = value
        if include_text:
            article["text"] = self.article.text
        doc: dict[str, Any] = {
            "factex_version": self.version,
            "schema": self.schema,
            "patterns": self.patterns,
            "article": article,
            "claims": [dict(c) for c in self.claims],
        }
        doc.update(self.extra)
        return doc
