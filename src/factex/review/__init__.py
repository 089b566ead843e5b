"""``factex review``: a local web app where fact-checkers record verdicts on extracted claims.

Rooms: :mod:`.documents` (the output documents of a folder), :mod:`.store` (verdicts in SQLite),
:mod:`.render` (text highlighting and claim labels), :mod:`.security` (host, token, CSRF),
:mod:`.app` (the Starlette app), :mod:`.server` (uvicorn on a socket), :mod:`.export` (JSONL, CSV,
ClaimReview) and :mod:`.cli` (the ``factex review`` commands). The web parts need the ``review`` extra.
"""

from __future__ import annotations

#: The verdicts a reviewer can give, in keyboard order (keys ``1``..``5``).
VERDICTS: tuple[str, ...] = ("accurate", "inaccurate", "misleading", "unverifiable", "not_a_claim")
#: How the verdicts read in the interface and in exports.
VERDICT_LABELS: dict[str, str] = {
    "accurate": "Accurate",
    "inaccurate": "Inaccurate",
    "misleading": "Misleading",
    "unverifiable": "Unverifiable",
    "not_a_claim": "Not a claim",
}
#: Verdicts that flag a claim as wrong.
FLAGGED: frozenset[str] = frozenset({"inaccurate", "misleading"})

__all__ = ["FLAGGED", "VERDICTS", "VERDICT_LABELS"]
