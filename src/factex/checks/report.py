"""``factex check OUTDIR``: the checks of a folder of output documents, across them, and against a reference table."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from factex.checks.crossdoc import cross_checks
from factex.checks.model import STATUS_ORDER
from factex.checks.numbers import CheckConfig, fmt
from factex.checks.reference import Row, reference_checks
from factex.checks.rules import CheckRules, rules_for

_SKIP = {"_errors.jsonl", "_summary.json"}


def iter_documents(path: Path) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """(where, document, problem) for every output document under a folder (or in one file)."""
    files = (
        [path]
        if path.is_file()
        else sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and p.name not in _SKIP and (p.name.endswith(".claims.json") or p.suffix == ".jsonl")
        )
    )
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield str(file), None, f"cannot read ({exc})"
            continue
        lines = text.splitlines() if file.suffix == ".jsonl" else [text]
        for number, line in enumerate(lines, start=1):
            where = f"{file}:{number}" if file.suffix == ".jsonl" else str(file)
            if not line.strip():
                continue
            try:
                document = json.loads(line)
            except ValueError as exc:
                yield where, None, f"not JSON ({exc})"
                continue
            if not isinstance(document, dict) or not isinstance(document.get("claims"), list):
                yield where, None, "not a factex document (no claims)"
                continue
            yield where, document, None


def build_report(
    documents: list[dict[str, Any]],
    *,
    reference: list[Row] | None = None,
    rules: CheckRules | None = None,
    config: CheckConfig | None = None,
) -> dict[str, Any]:
    """Every check of the documents (in-article, across articles, against the reference rows), failed first."""
    from factex.checks import run_checks

    rules, config = rules or rules_for(), config or CheckConfig()
    checks: list[dict[str, Any]] = []
    for document in documents:
        article = str((document.get("article") or {}).get("id") or "")
        claim_ids = {c.get("id") for c in document.get("claims") or ()}
        stale = any(i not in claim_ids for c in document.get("checks") or () for i in c.get("claims") or ())
        if "checks" not in document or stale:  # an older output, or one joined from pieces of a long article
            document = {**document, "checks": run_checks(document, rules=rules, config=config)}
        checks.extend({**c, "scope": "article", "article": article} for c in document["checks"])
    checks.extend({**c, "scope": "cross"} for c in cross_checks(documents, rules, config))
    if reference is not None:
        checks.extend({**c, "scope": "reference"} for c in reference_checks(documents, reference, rules, config))
    checks.sort(key=lambda c: STATUS_ORDER.get(c["status"], 3))
    mentions = {c["id"]: c["mention"]["text"] for d in documents for c in d.get("claims") or () if "mention" in c}
    summary = Counter(c["status"] for c in checks)
    return {
        "articles": len(documents),
        "summary": {s: summary.get(s, 0) for s in ("fails", "unclear", "holds")},
        "by_kind": dict(sorted(Counter(f"{c['kind']} {c['status']}" for c in checks).items())),
        "checks": checks,
        "mentions": mentions,
    }


def render_table(report: dict[str, Any], console: Console | None = None) -> None:
    """Print the report as a table: failed and unclear checks first, with the arithmetic."""
    console = console or Console()
    table = Table(title=f"factex check: {report['articles']} article(s)", show_lines=False)
    for name in ("status", "kind", "article", "figures", "expected", "observed", "explanation"):
        table.add_column(name, overflow="fold")
    mentions = report.get("mentions", {})
    for check in report["checks"]:
        where = check.get("article") or ", ".join(check.get("articles") or ())
        figures = " | ".join(mentions.get(i, i) for i in check["claims"])
        table.add_row(
            check["status"],
            check["kind"],
            where,
            figures,
            _value(check, "expected"),
            _value(check, "observed"),
            check["explanation"],
        )
    console.print(table)
    s = report["summary"]
    console.print(f"{s['fails']} fail, {s['unclear']} unclear, {s['holds']} hold")


def _value(check: dict[str, Any], key: str) -> str:
    value = check.get(key)
    if isinstance(value, (int, float)):
        return fmt(float(value), check.get("unit") or "")
    return "" if value is None else str(value)
