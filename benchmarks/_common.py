"""Helpers shared by the benchmark scripts: where the shared evaluation data lives."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"


def eval_dir(path: str | None) -> Path:
    """Return the evaluation data folder, or exit with a clear message when it is missing."""
    folder = Path(path) if path else DEFAULT_EVAL
    if not folder.is_dir():
        sys.exit(f"evaluation data not found at {folder}: pass --data-dir (it is not part of this repository)")
    return folder
