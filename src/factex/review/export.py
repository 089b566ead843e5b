"""Export the reviewed claims: JSONL, CSV, or schema.org ClaimReview JSON-LD.

Only the standard library: exporting needs no web extra. Each reviewed claim comes with its article,
the claim as extracted now (or as saved, for an orphaned verdict whose claim is gone), and its review.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from factex.review import VERDICT_LABELS
from factex.review.documents import Corpus
from factex.review.render import claim_reviewed, number, source_label, subject_label
from factex.review.store import VerdictStore

#: ClaimReview ratings: 1 (worst) .. 5 (best); "unverifiable" has a name and no number; "not a claim" is not exported.
RATINGS: dict[str, int | None] = {"accurate": 5, "misleading": 2, "inaccurate": 1, "unverifiable": None}
#: Placeholders ``--url-template`` may use.
URL_FIELDS = ("article_key", "article_id", "claim_id", "article_url")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
CSV_COLUMNS = (
    "article_key", "article_id", "article_title", "article_url", "article_date", "claim_id", "kind", "mention",
    "start", "end", "amount", "amount_high", "unit", "approx", "change", "subject", "metric", "time_text",
    "time_start", "time_end", "source", "rule", "verdict", "corrected_value", "corrected_unit", "corrected_subject",
    "corrected_time", "note", "reviewer", "updated_at", "version", "orphaned",
)  # fmt: skip
#: CSV text cells starting with these are prefixed with ``'`` so spreadsheets do not run them as formulas.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    """An export that cannot be made as asked (a bad URL template)."""


def reviewed(outdir: str | Path, db: str | Path | None = None) -> Iterator[dict[str, Any]]:
    """Yield every reviewed claim (a verdict, a correction or a note) with its article and review.

    Args:
        outdir: The output folder.
        db: The verdict database (default ``OUTDIR/review.sqlite``).

    Yields:
        ``{"article": {...}, "claim": CLAIM, "review": {...}, "orphaned": bool}`` in article-key order,
        the claims of an article in text order.
    """
    corpus = Corpus(outdir)
    path = Path(db) if db else Path(outdir) / "review.sqlite"
    if not path.exists():
        return
    with VerdictStore(path) as store:
        verdicts = list(store.all())
    by_article: dict[str, list[Any]] = {}
    for verdict in verdicts:
        if verdict.verdict is None and not verdict.note and not verdict.corrected:
            continue
        by_article.setdefault(verdict.article, []).append(verdict)
    for key in sorted(by_article):
        entry = corpus.articles.get(key)
        document = corpus.document(key) if entry else None
        claims = {c["id"]: c for c in (document or {}).get("claims", [])}
        rows = []
        for verdict in by_article[key]:
            claim = claims.get(verdict.claim)
            article = entry.snapshot() if entry else dict(verdict.article_snapshot)
            rows.append(
                {
                    "article": {"key": key, **article},
                    "claim": claim if claim is not None else verdict.claim_snapshot,
                    "review": {
                        "verdict": verdict.verdict,
                        "label": VERDICT_LABELS.get(verdict.verdict or "", None),
                        "corrected": verdict.corrected,
                        "note": verdict.note,
                        "reviewer": verdict.reviewer,
                        "updated_at": verdict.updated_at,
                        "version": verdict.version,
                    },
                    "orphaned": claim is None,
                }
            )
        rows.sort(key=lambda r: ((r["claim"].get("mention") or {}).get("start") or 0, r["claim"].get("id", "")))
        yield from rows


def write_jsonl(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """Write one JSON object per reviewed claim; return how many."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """Flatten one reviewed claim into the :data:`CSV_COLUMNS`."""
    claim, review, article = row["claim"], row["review"], row["article"]
    mention = claim.get("mention") or {}
    value = claim.get("value") or {}
    time = claim.get("time") or {}
    corrected = review.get("corrected") or {}
    flat = {
        "article_key": article.get("key"),
        "article_id": article.get("id"),
        "article_title": article.get("title"),
        "article_url": article.get("url"),
        "article_date": article.get("date"),
        "claim_id": claim.get("id"),
        "kind": claim.get("kind"),
        "mention": mention.get("text"),
        "start": mention.get("start"),
        "end": mention.get("end"),
        "amount": value.get("amount"),
        "amount_high": value.get("amount_high"),
        "unit": value.get("unit"),
        "approx": value.get("approx"),
        "change": value.get("change"),
        "subject": subject_label(claim),
        "metric": claim.get("metric"),
        "time_text": time.get("text"),
        "time_start": time.get("start"),
        "time_end": time.get("end"),
        "source": source_label(claim),
        "rule": claim.get("rule"),
        "verdict": review.get("verdict"),
        "corrected_value": corrected.get("value"),
        "corrected_unit": corrected.get("unit"),
        "corrected_subject": corrected.get("subject"),
        "corrected_time": corrected.get("time"),
        "note": review.get("note"),
        "reviewer": review.get("reviewer"),
        "updated_at": review.get("updated_at"),
        "version": review.get("version"),
        "orphaned": "true" if row.get("orphaned") else "false",
    }
    return {k: (v if isinstance(v, (int, float)) and not isinstance(v, bool) else _cell(v)) for k, v in flat.items()}


def write_csv(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """Write the reviewed claims as CSV (a header, then one line each); return how many."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(csv_row(row))
        count += 1
    return count


def check_template(template: str | None) -> None:
    """Check that a ``--url-template`` uses only :data:`URL_FIELDS` placeholders.

    Raises:
        ExportError: For an unknown placeholder.
    """
    for name in _PLACEHOLDER.findall(template or ""):
        if name not in URL_FIELDS:
            raise ExportError(f"--url-template: unknown placeholder {{{name}}}; use {', '.join(URL_FIELDS)}")


def fill(template: str, fields: dict[str, str]) -> str:
    """Fill a URL template's ``{placeholders}`` (plain substitution, no format-string evaluation)."""
    return _PLACEHOLDER.sub(lambda m: fields.get(m.group(1), m.group(0)), template)


def appearance_url(article_url: str | None, start: Any, end: Any) -> str | None:
    """Return the article URL pointing at the mention (RFC 5147 fragment ``#char=start,end``)."""
    if not article_url:
        return None
    base = article_url.split("#", 1)[0]
    if isinstance(start, int) and isinstance(end, int):
        return f"{base}#char={start},{end}"
    return base


def claim_review(
    row: dict[str, Any], *, author: str, author_url: str | None = None, url_template: str | None = None
) -> dict[str, Any] | None:
    """Return one reviewed claim as a schema.org ClaimReview (None for "not a claim" or no verdict).

    Args:
        row: A reviewed claim from :func:`reviewed`.
        author: The publishing organisation.
        author_url: Its web address, if any.
        url_template: The URL of the published review, with :data:`URL_FIELDS` placeholders.
    """
    review, claim, article = row["review"], row["claim"], row["article"]
    verdict = review.get("verdict")
    if verdict not in RATINGS:
        return None
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": VERDICT_LABELS[verdict]}
    if RATINGS[verdict] is not None:
        rating.update(ratingValue=RATINGS[verdict], bestRating=5, worstRating=1)
    organisation: dict[str, Any] = {"@type": "Organization", "name": author}
    if author_url:
        organisation["url"] = author_url
    mention = claim.get("mention") or {}
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    link = appearance_url(article.get("url"), mention.get("start"), mention.get("end"))
    if link:
        appearance["url"] = link
    if article.get("title"):
        appearance["headline"] = article["title"]
    if article.get("date"):
        appearance["datePublished"] = article["date"]
    if article.get("source"):
        appearance["publisher"] = {"@type": "Organization", "name": article["source"]}
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if article.get("date"):
        item["datePublished"] = article["date"]
    if mention.get("text"):
        item["text"] = mention["text"]
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.get("id"),
        "datePublished": str(review.get("updated_at") or "")[:10],
        "author": organisation,
        "claimReviewed": claim_reviewed(claim),
        "reviewRating": rating,
        "itemReviewed": item,
    }
    body = _review_body(review)
    if body:
        out["reviewBody"] = body
    if url_template:
        fields = {
            "article_key": str(article.get("key") or ""),
            "article_id": str(article.get("id") or ""),
            "claim_id": str(claim.get("id") or ""),
            "article_url": str(article.get("url") or ""),
        }
        out["url"] = fill(url_template, fields)
    return out


def _review_body(review: dict[str, Any]) -> str:
    parts = []
    corrected = review.get("corrected") or {}
    if corrected:
        fixed = [
            f"{name} {number(corrected[name]) if name == 'value' else corrected[name]}"
            for name in ("value", "unit", "subject", "time")
            if name in corrected
        ]
        parts.append("Corrected: " + ", ".join(fixed) + ".")
    if review.get("note"):
        parts.append(str(review["note"]))
    return " ".join(parts)


def write_claimreview(
    rows: Iterator[dict[str, Any]],
    out: TextIO,
    *,
    author: str,
    author_url: str | None = None,
    url_template: str | None = None,
    include_orphans: bool = False,
) -> int:
    """Write a JSON array of ClaimReview objects (JSON-LD); return how many.

    Orphaned verdicts are left out unless ``include_orphans`` (their claim is no longer extracted).
    """
    check_template(url_template)
    reviews = []
    for row in rows:
        if row.get("orphaned") and not include_orphans:
            continue
        item = claim_review(row, author=author, author_url=author_url, url_template=url_template)
        if item is not None:
            reviews.append(item)
    out.write(json.dumps(reviews, ensure_ascii=False, indent=2) + "\n")
    return len(reviews)


def export_text(outdir: str | Path, fmt: str, **options: Any) -> str:
    """Return an export as text (``fmt``: ``jsonl``, ``csv`` or ``claimreview``; options as for the writers)."""
    buffer = io.StringIO()
    rows = reviewed(outdir, options.pop("db", None))
    if fmt == "jsonl":
        write_jsonl(rows, buffer)
    elif fmt == "csv":
        write_csv(rows, buffer)
    else:
        write_claimreview(rows, buffer, **options)
    return buffer.getvalue()
