"""factex: checkable numeric claims from news articles, as schema-valid JSON.

>>> import factex
>>> result = factex.extract("Exports rose 6.3 percent to $5bn.", date="2024-09-01")
>>> [c["mention"]["text"] for c in result.to_dict()["claims"]]
['6.3 percent', '$5bn']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from factex.api import extract, extract_articles, times
    from factex.claim import Article, Extraction

__all__ = ["Article", "Extraction", "__version__", "extract", "extract_articles", "times"]


def __getattr__(name: str) -> Any:
    # Lazy: `import factex` stays cheap (spaCy loads on first use).
    if name in ("extract", "extract_articles", "times"):
        from factex import api

        return getattr(api, name)
    if name in ("Article", "Extraction"):
        from factex import claim

        return getattr(claim, name)
    raise AttributeError(f"module 'factex' has no attribute {name!r}")
