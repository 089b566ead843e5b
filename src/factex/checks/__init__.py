"""Checks: find the figures of an article that do not add up, across articles, and against reference data.

A check never decides truth on its own: it points a fact-checker at figures that deserve a look and shows
the arithmetic. :func:`run_checks` works on the plain output document (claims as dicts, plus
``article.text`` when present) and needs no spaCy objects.

One module per family: :mod:`~factex.checks.comparisons`, :mod:`~factex.checks.parts` (sums, lists,
balances), :mod:`~factex.checks.shares`, :mod:`~factex.checks.ratios`, :mod:`~factex.checks.changes`,
:mod:`~factex.checks.ranks`; across articles :mod:`~factex.checks.crossdoc`; against a reference table
:mod:`~factex.checks.reference`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from factex.checks.changes import check_changes
from factex.checks.comparisons import check_comparisons
from factex.checks.context import ArticleView
from factex.checks.model import STATUS_ORDER, make_check
from factex.checks.numbers import CheckConfig
from factex.checks.parts import check_parts
from factex.checks.ranks import check_ranks
from factex.checks.ratios import check_ratios
from factex.checks.rules import CheckRules, rules_for
from factex.checks.shares import check_shares

__all__ = ["FAMILIES", "CheckConfig", "CheckRules", "article_checks", "make_check", "run_checks"]

#: The in-article check families, in the order they run.
FAMILIES: tuple[Callable[[ArticleView], list[dict[str, Any]]], ...] = (
    check_comparisons,
    check_parts,
    check_shares,
    check_ratios,
    check_changes,
    check_ranks,
)


def run_checks(
    document: Mapping[str, Any],
    *,
    rules: CheckRules | None = None,
    config: CheckConfig | None = None,
) -> list[dict[str, Any]]:
    """Check the figures of one output document against each other.

    Args:
        document: An output document: ``claims`` (dicts of the output contract) and, when present,
            ``article.text`` (checks that read cue words need it; without it only the extractor's
            comparison, change and rank links are checked).
        rules: The check rules (default: the shipped ``patterns/checks.jsonl``).
        config: Rounding and approximation slack (default: half a unit of the last digit).

    Returns:
        The checks, failed first, then unclear, then those that hold; each in text order.
    """
    view = ArticleView.of(dict(document), rules or rules_for(), config or CheckConfig())
    position = {c["id"]: c["mention"]["start"] for c in view.claims}
    found: dict[str, dict[str, Any]] = {}
    for family in FAMILIES:
        for check in family(view):
            found.setdefault(check["id"], check)
    return sorted(
        found.values(),
        key=lambda c: (STATUS_ORDER.get(c["status"], 3), min((position.get(i, 0) for i in c["claims"]), default=0)),
    )


def article_checks(
    text: str | None,
    claims: Iterable[Mapping[str, Any]] | None,
    entries: Iterable[Mapping[str, Any]] | None = None,
    *,
    rules: CheckRules | None = None,
) -> list[dict[str, Any]]:
    """The checks of one article from its text and claims (the hook of the output path).

    Args:
        text: The article text the claims' offsets index into.
        claims: The claims (dicts of the output contract).
        entries: The ``checks`` entries of the pipeline's rule set (default: the shipped ones).
        rules: The rules already read from those entries (the pipeline keeps them); wins over ``entries``.
    """
    document = {"article": {"text": text}, "claims": [dict(c) for c in claims or ()]}
    return run_checks(document, rules=rules or rules_for(entries))
