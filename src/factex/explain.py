"""Render an output document as a table a fact-checker reads first: subject | metric | value | time | source."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

_APPROX = {"=": "", "~": "about ", ">": "more than ", "<": "less than ", ">=": "at least ", "<=": "up to "}


def format_value(value: dict[str, Any]) -> str:
    """"about 6.3 percent (up)", "252-287 mi", "3 train"."""
    amount = _number(value["amount"])
    if value.get("amount_high") is not None:
        amount = f"{amount}-{_number(value['amount_high'])}"
    unit = value.get("unit") or ""
    change = f" ({value['change']})" if value.get("change") else ""
    return f"{_APPROX.get(value.get('approx', '='), '')}{amount} {unit}".strip() + change


def format_time(time: dict[str, Any] | None) -> str:
    """"2023-01-01..2023-12-31", or "" when the claim has no period."""
    if not time:
        return ""
    start, end = time.get("start"), time.get("end")
    if start and end and start[:4] == end[:4] and start[5:] == "01-01" and end[5:] == "12-31":
        text = start[:4]  # a whole year
    else:
        text = f"{start or '…'}..{end or '…'}" if start != end else str(start)
    return text + (" (inferred)" if time.get("inferred") else "")


def _number(x: float | int) -> str:
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}" if isinstance(x, int) else f"{x:,.6g}"


def table(document: dict[str, Any]) -> Table:
    """The claims of a document as a rich Table, one row per claim."""
    article = document.get("article", {})
    title = f"{article.get('title') or article.get('id')}  ({article.get('date') or 'no date'})"
    out = Table(title=title, show_lines=False, expand=False)
    for name in ("mention", "subject", "metric", "value", "time", "source"):
        out.add_column(name, overflow="fold")
    for claim in document.get("claims", []):
        subject = claim.get("subject") or {}
        source = claim.get("source") or {}
        out.add_row(
            claim["mention"]["text"],
            subject.get("text", ""),
            claim.get("metric") or "",
            format_value(claim["value"]),
            format_time(claim.get("time")),
            source.get("text", ""),
        )
    return out


def render(document: dict[str, Any], console: Console | None = None) -> None:
    """Print the table of a document."""
    (console or Console()).print(table(document))
