"""The ``factex check`` command (registered at the end of :mod:`factex.cli`)."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class ReportFormat(str, Enum):
    """How the report is printed."""

    table = "table"
    json = "json"


def check(
    outdir: Annotated[
        Path, typer.Argument(help="A folder of output documents (NAME.claims.json, claims.jsonl), or one file.")
    ],
    reference: Annotated[
        Path | None,
        typer.Option(
            "--reference", help="CSV of reference figures: subject, metric, period, value, unit, source[, tolerance]."
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", help="table (failed and unclear first) or json.")
    ] = ReportFormat.table,
) -> None:
    """Check the figures of extracted articles: inside each article, across articles, against reference data.

    Inside an article: stated comparisons, sums and totals, balances (exports - imports = surplus), shares,
    ratios, changes against levels, ranks. Across articles: the same subject, metric and period with
    values that disagree after unit conversion (conflicts) or agree (corroborations).

    Examples:
      factex extract corpus/ -o outputs/ && factex check outputs/

      factex check outputs/ --reference stats.csv --format json
    """
    from factex.checks.reference import ReferenceError, read_reference
    from factex.checks.report import build_report, iter_documents, render_table
    from factex.checks.rules import rules_for

    if not outdir.exists():
        typer.echo(f"factex: error: no such file or folder: {outdir}", err=True)
        raise typer.Exit(2)
    rules = rules_for()
    rows = None
    if reference is not None:
        try:
            rows = read_reference(reference, rules)
        except ReferenceError as exc:
            typer.echo(f"factex: error: {exc}", err=True)
            raise typer.Exit(2) from None
    documents = []
    for where, document, problem in iter_documents(outdir):
        if problem is not None:
            typer.echo(f"factex: skipped {where}: {problem}", err=True)
        elif document is not None:
            documents.append(document)
    if not documents:
        typer.echo(f"factex: error: no factex output documents in {outdir}", err=True)
        raise typer.Exit(1)
    report = build_report(documents, reference=rows, rules=rules)
    if output_format == ReportFormat.json:
        report.pop("mentions", None)
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        render_table(report)
