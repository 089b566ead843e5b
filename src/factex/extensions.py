"""The ``doc._.factex_*`` attributes: plain data only, so Docs serialize across processes."""

from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRIBUTES = {
    "factex_claims": None,  # list[dict]: the claims, as in the output contract
    "factex_times": None,  # list[dict]: the time expressions (TimeExpr.to_dict())
    "factex_article_id": None,  # str: set before the pipeline runs, used in claim ids
    "factex_date": None,  # str (ISO date): the article date, set before the pipeline runs
    "factex_text": None,  # str: Doc.text, kept by the factex component while it runs (then None)
}


def register() -> None:
    """Register the Doc extensions once (idempotent)."""
    for name, default in DOC_ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def doc_text(doc: Doc) -> str:
    """``doc.text``, without joining every token again while the factex component runs."""
    text = doc._.factex_text if Doc.has_extension("factex_text") else None
    return text if isinstance(text, str) else doc.text
