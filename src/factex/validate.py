"""Validate output documents against the published JSON Schema."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from factex.claim import SCHEMA_ID

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

__all__ = ["SCHEMA_ID", "errors", "schema", "validate"]


@functools.cache
def schema() -> dict[str, Any]:
    """Return the JSON Schema of the output document."""
    text = (resources.files("factex") / "schema" / "claim.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@functools.cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # imported here: its format checkers are slow to import

    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(document: dict[str, Any], text: str | None = None) -> list[str]:
    """Return every problem of a document: schema errors, and offsets that do not match ``text``."""
    problems = [
        f"{'/'.join(str(p) for p in err.absolute_path) or '(root)'}: {err.message}"
        for err in _validator().iter_errors(document)
    ]
    text = text if text is not None else document.get("article", {}).get("text")
    if text is not None:
        for i, claim in enumerate(document.get("claims", [])):
            mention = claim.get("mention", {})
            if text[mention.get("start", 0) : mention.get("end", 0)] != mention.get("text"):
                problems.append(f"claims/{i}/mention: offsets {mention.get('start')}..{mention.get('end')} "
                                f"do not hold {mention.get('text')!r}")
    return problems


def validate(document: dict[str, Any], text: str | None = None) -> None:
    """Raise ValueError listing the problems of a document, if any."""
    problems = errors(document, text)
    if problems:
        raise ValueError("invalid factex document:\n  " + "\n  ".join(problems[:20]))
