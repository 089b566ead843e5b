"""The library API: ``factex.extract(text, date=...)``."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from factex import __version__
from factex.claim import Article, Extraction
from factex.io import check_date
from factex.pipeline import get_nlp
from factex.validate import SCHEMA_ID


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
        extra={"times": list(doc._.factex_times or ())},
    )


def extract(
    text: str,
    date: str | dt.date | None = None,
    *,
    article_id: str | None = None,
    path: str | None = None,
    url: str | None = None,
    title: str | None = None,
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
    )
    return next(extract_articles([article], nlp=nlp))


def extract_articles(
    articles: Iterable[Article], *, nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Extraction]:
    """Extract many articles with ``nlp.pipe`` inside a memory zone; yields results in input order."""
    nlp = nlp or get_nlp()
    pending = list(articles) if not isinstance(articles, list) else articles
    for start in range(0, len(pending), batch_size):
        batch = pending[start : start + batch_size]
        with nlp.memory_zone():
            docs = nlp.pipe((make_doc(nlp, a) for a in batch), batch_size=batch_size)
            results = [to_extraction(doc, article, nlp) for doc, article in zip(docs, batch, strict=True)]
        yield from results
