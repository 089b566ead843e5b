"""The ``doc._.factex_*`` attributes: plain data only, so Docs serialize across processes."""

from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRIBUTES = {
    "factex_claims": None,  # list[dict]: the claims, as in the output contract
    "factex_times": None,  # list[dict]: the time expressions (TimeExpr.to_dict())
    "factex_article_id": None,  # str: set before the pipeline runs, used in claim ids
    "factex_date": None,  # str (ISO date): the article date, set before the pipeline runs
}


def register() -> None:
    """Register the Doc extensions once (idempotent)."""
    for name, default in DOC_ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
