"""The library API: ``factex.extract(text, date=...)``."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from factex import __version__
from factex.checks import article_checks
from factex.chunking import rename, shift_offsets, split_text
from factex.claim import SCHEMA_ID, Article, Extraction, claim_id
from factex.io import check_date
from factex.pipeline import get_nlp


def make_doc(nlp: Language, article: Article) -> Doc:
    """Tokenize an article and attach its id and date, ready for the rest of the pipeline."""
    doc = nlp.make_doc(article.text)
    doc._.factex_article_id = article.id
    doc._.factex_date = article.date
    return doc


def to_extraction(doc: Doc, article: Article, nlp: Language) -> Extraction:
    """Collect the result of a processed Doc (read while the Doc is alive)."""
    component = nlp.get_pipe("factex")
    return Extraction(
        article=article,
        claims=tuple(doc._.factex_claims or ()),
        version=__version__,
        schema=SCHEMA_ID,
        patterns=component.patterns_hash,  # type: ignore[attr-defined]
        extra={"times": list(doc._.factex_times or ()),
               "checks": article_checks(article.text, doc._.factex_claims, rules=component.check_rules)},
    )


def extract(
    text: str,
    date: str | dt.date | None = None,
    *,
    article_id: str | None = None,
    path: str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    nlp: Language | None = None,
) -> Extraction:
    """Extract the numeric claims of one article.

    Args:
        text: The article text; offsets in the result index into it.
        date: The article's publication date (``YYYY-MM-DD`` or a date), used to resolve relative times.
        article_id: An id for the article (default: a hash of the text).
        path: Where the article came from, recorded in the output.
        url: The article's URL, recorded in the output.
        title: The article's title, recorded in the output.
        source: The publisher, recorded in the output.
        nlp: A pipeline from :func:`factex.pipeline.build`; default: the process-wide cached one.

    Returns:
        The extraction; ``to_dict()`` gives the output document.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    article = Article(
        id=article_id or hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        text=text,
        date=check_date(date),
        path=path,
        url=url,
        title=title,
        source=source,
    )
    return next(extract_articles([article], nlp=nlp))


def extract_articles(
    articles: Iterable[Article], *, nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Extraction]:
    """Extract many articles with ``nlp.pipe`` inside a memory zone; yields results in input order.

    An article longer than ``nlp.max_length`` is processed in pieces cut at paragraph breaks
    (:mod:`factex.chunking`); its claims' offsets and ids are those of the whole text.
    """
    nlp = nlp or get_nlp()
    pending = list(articles) if not isinstance(articles, list) else articles
    for start in range(0, len(pending), batch_size):
        batch = pending[start : start + batch_size]
        with nlp.memory_zone():
            results = _extract_batch(nlp, batch, batch_size)
        yield from results


def _extract_batch(nlp: Language, batch: list[Article], batch_size: int) -> list[Extraction]:
    """Run one batch through the pipeline, long articles as several pieces, and put the pieces together."""
    pieces: list[tuple[int, int, Article]] = []
    for index, article in enumerate(batch):
        if len(article.text) <= nlp.max_length:
            pieces.append((index, 0, article))
        else:
            parts = split_text(article.text, nlp.max_length)
            pieces.extend((index, offset, replace(article, text=part)) for offset, part in parts)
    docs = nlp.pipe((make_doc(nlp, piece) for _, _, piece in pieces), batch_size=batch_size)
    parts: list[list[tuple[int, Extraction]]] = [[] for _ in batch]
    for (index, offset, piece), doc in zip(pieces, docs, strict=True):
        parts[index].append((offset, to_extraction(doc, piece, nlp)))
    return [
        found[0][1] if len(found) == 1 else _join_pieces(article, found)
        for article, found in zip(batch, parts, strict=True)
    ]


def _join_pieces(article: Article, parts: list[tuple[int, Extraction]]) -> Extraction:
    """One extraction for a whole article from those of its pieces: offsets shifted, claim ids recomputed."""
    claims: list[dict[str, Any]] = []
    extra: dict[str, Any] = {}
    for offset, part in parts:
        ids = _moved_ids(part.claims, article.id, offset)
        claims.extend(rename(shift_offsets(claim, offset), ids) for claim in part.claims)
        for key, value in part.extra.items():
            moved = rename(shift_offsets(value, offset), ids)
            if isinstance(moved, list):
                extra.setdefault(key, []).extend(moved)
            else:
                extra.setdefault(key, moved)
    return replace(parts[0][1], article=article, claims=tuple(claims), extra=extra)


def _moved_ids(claims: Iterable[dict[str, Any]], article_id: str, offset: int) -> dict[str, str]:
    """New ids for the claims of a piece that starts at ``offset`` in the article.

    A claim gets the id it has in the whole text (article id, offsets and value); one whose value
    changed after its id was made (its id does not come out of its own fields) gets a stable id made
    from its piece id and the offset.
    """
    ids: dict[str, str] = {}
    for claim in claims:
        mention, value = claim["mention"], claim["value"]
        old = claim["id"]
        if old == claim_id(article_id, mention["start"], mention["end"], value["amount"], value["unit"]):
            start, end = mention["start"] + offset, mention["end"] + offset
            ids[old] = claim_id(article_id, start, end, value["amount"], value["unit"])
        else:
            ids[old] = "c_" + hashlib.sha256(f"{old}+{offset}".encode()).hexdigest()[:16]
    return ids


def times(text: str, date: str | dt.date | None = None) -> list[dict[str, Any]]:
    """Find and normalize the time expressions of a text (no spaCy needed).

    Args:
        text: The text; offsets in the result index into it.
        date: The article date (``YYYY-MM-DD`` or a date) that relative expressions resolve against;
            without it they keep a null interval and say ``"unresolved": "no article date"``.

    Returns:
        One dict per expression: text, start, end, type, value, interval_start, interval_end,
        granularity, rule, unresolved.
    """
    from factex.pipeline import get_nlp

    component = get_nlp().get_pipe("factex")
    iso = check_date(date)
    day = dt.date.fromisoformat(iso) if iso else None
    return [t.to_dict() for t in component.tagger.find(text, day)]  # type: ignore[attr-defined]
