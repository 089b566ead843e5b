"""The ``factex`` command line."""

from __future__ import annotations

import importlib.util
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from factex import __version__

app = typer.Typer(
    name="factex",
    help="Extract checkable numeric claims (quantities, percentages, money, counts, ranks, ratios, "
    "durations) from news articles as schema-valid JSON.\n\n"
    "Examples:\n\n"
    "  factex extract article.txt --date 2024-09-01    (print one article's claims)\n\n"
    "  factex extract corpus/ -o outputs/              (a folder: one NAME.claims.json per article)\n\n"
    "  factex explain outputs/article.claims.json      (the claims as a table to read)\n\n"
    "  factex schema                                   (the JSON Schema of the output)",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(str, Enum):
    """How a batch is written."""

    json = "json"
    jsonl = "jsonl"


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"factex: error: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factex {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """factex: numeric claims from news, with offsets, units and qualifiers."""


class EngineName(str, Enum):
    """Where a batch runs."""

    local = "local"
    dask = "dask"


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files or folders (recursive); '-' reads stdin.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output folder: one NAME.claims.json per article (needed for folders)."),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Article date YYYY-MM-DD (overrides the articles' metadata).")
    ] = None,
    patterns: Annotated[
        Path | None, typer.Option("--patterns", help="Folder of extra *.jsonl patterns (same id replaces).")
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", help="json: one NAME.claims.json per article; jsonl: one OUTDIR/claims.jsonl."),
    ] = OutputFormat.json,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: all cores; 1: no workers).")
    ] = None,
    engine: Annotated[
        EngineName | None,
        typer.Option("--engine", help="local (this machine) or dask (a local Dask cluster, or --scheduler)."),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Address of a running Dask scheduler (tcp://HOST:8786).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Redo articles whose output is up to date.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
    compact: Annotated[bool, typer.Option("--compact", help="Print JSON on one line.")] = False,
) -> None:
    """Extract claims. One FILE (or '-') prints its JSON document; with -o, writes one file per article.

    Reads .txt, .md (YAML front matter), .html/.htm (main text) and .jsonl (one article per line).
    With -o, a rerun skips articles whose output is up to date; bad inputs are listed in
    OUTDIR/_errors.jsonl and the batch goes on. Exit code 1 when some inputs failed.

    Examples:
      factex extract article.txt --date 2024-09-01

      cat article.txt | factex extract - --date 2024-09-01

      factex extract corpus/ -o outputs/

      factex extract corpus/ feeds/news.jsonl -o outputs/ -j 4 --format jsonl

      factex extract corpus/ -o outputs/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from factex.io import InputError, check_date, decode, read_article

    try:
        date = check_date(date, "--date")
    except InputError as exc:
        raise _fail(str(exc)) from None
    patterns_dir = str(patterns) if patterns else None
    if patterns is not None and not patterns.is_dir():
        raise _fail(f"--patterns {patterns}: not a folder")
    if jobs is not None and jobs < 1:
        raise _fail(f"--jobs must be 1 or more, not {jobs}")
    if scheduler and engine == EngineName.local:
        raise _fail("--scheduler needs --engine dask")
    if output is None:
        if len(paths) != 1 or (paths[0] != "-" and Path(paths[0]).is_dir()):
            raise _fail("several inputs or a folder need an output folder: add -o OUTDIR")
        if paths[0].lower().endswith(".jsonl"):
            raise _fail("a JSONL file holds many articles: add -o OUTDIR")
        try:
            if paths[0] == "-":
                text = decode(sys.stdin.buffer.read(), "<stdin>")
                article_kwargs = {"date": date, "article_id": None, "path": None}
            else:
                art = read_article(Path(paths[0]), date=date)
                text = art.text
                article_kwargs = {"date": art.date, "article_id": art.id, "path": art.path, "url": art.url,
                                  "title": art.title, "source": art.source}
        except InputError as exc:
            raise _fail(str(exc), 1) from None
        from factex.api import extract as run_extract
        from factex.pipeline import ModelNotFound, get_nlp

        try:
            nlp = get_nlp(patterns_dir=patterns_dir)
        except ModelNotFound as exc:
            raise _fail(str(exc), 1) from None
        result = run_extract(text, nlp=nlp, **article_kwargs)  # type: ignore[arg-type]
        one_line = compact or output_format == OutputFormat.jsonl
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=None if one_line else 2))
        return
    _run_batch(
        paths,
        output,
        date=date,
        force=force,
        patterns_dir=patterns_dir,
        quiet=quiet,
        jobs=jobs,
        engine="dask" if scheduler or engine == EngineName.dask else "local",
        scheduler=scheduler,
        output_format=output_format.value,
    )


def _run_batch(
    paths: list[str],
    output: Path,
    *,
    date: str | None,
    force: bool,
    patterns_dir: str | None,
    quiet: bool,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    output_format: str,
) -> None:
    from factex import batch
    from factex.pipeline import ModelNotFound
    from factex.progress import BatchProgress
    from factex.sinks import OutputBusy

    inputs = [Path(p) for p in paths]
    missing = [str(p) for p in inputs if not p.exists()]
    if "-" in paths:
        raise _fail("'-' (standard input) cannot be part of a batch: give files or folders with -o")
    if missing:
        raise _fail(f"no such file or folder: {', '.join(missing)}")
    if engine == "dask" and importlib.util.find_spec("distributed") is None:
        raise _fail("--engine dask needs dask.distributed: pip install 'factex[dask]'")
    jobs = jobs or batch.default_jobs()
    with BatchProgress(enabled=not quiet) as progress:
        try:
            summary = batch.run(
                inputs,
                output,
                date=date,
                force=force,
                patterns_dir=patterns_dir,
                on_progress=progress.update,
                jobs=jobs,
                engine=engine,  # type: ignore[arg-type]
                scheduler=scheduler,
                output_format=output_format,  # type: ignore[arg-type]
            )
        except (ModelNotFound, OutputBusy, batch.BatchAborted) as exc:
            raise _fail(str(exc), 1) from None
        except KeyboardInterrupt:
            raise _fail("interrupted; the outputs written so far are kept: run again to finish", 130) from None
    if not quiet:
        _print_summary(summary, output)
    if summary.failed:
        raise typer.Exit(1)


def _print_summary(summary: Any, output: Path) -> None:
    """The errors (the first 20) and one closing line on stderr."""
    shown = 20
    for err in summary.errors[:shown]:
        typer.echo(f"factex: skipped {err['message']}", err=True)
    if len(summary.errors) > shown:
        typer.echo(f"factex: ... and {len(summary.errors) - shown} more in {output / '_errors.jsonl'}", err=True)
    data = summary.to_dict()
    kinds = ", ".join(f"{k} {n}" for k, n in data["claims_by_kind"].items()) or "none"
    rate = f", {data['articles_per_second']} articles/s" if data["articles"]["done"] else ""
    typer.echo(
        f"{data['articles']['done']} articles extracted, {data['articles']['skipped']} up to date, "
        f"{data['articles']['failed']} failed; {data['claims']} claims ({kinds}) in {data['seconds']} s{rate} "
        f"-> {output}/",
        err=True,
    )


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output document."""
    from factex.validate import schema as load_schema

    typer.echo(json.dumps(load_schema(), indent=2))


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Output documents (NAME.claims.json) to check.")],
) -> None:
    """Check output documents against the JSON Schema (and their offsets against the embedded text)."""
    from factex.validate import errors

    bad = 0
    for file in files:
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            typer.echo(f"{file}: cannot read JSON ({exc})", err=True)
            bad += 1
            continue
        problems = errors(document)
        for problem in problems:
            typer.echo(f"{file}: {problem}", err=True)
        bad += bool(problems)
    if bad:
        raise typer.Exit(1)
    typer.echo(f"{len(files)} document(s) valid")


if __name__ == "__main__":  # pragma: no cover
    app()


@app.command()
def explain(
    file: Annotated[Path, typer.Argument(help="An article (.txt) or an output document (NAME.claims.json).")],
    date: Annotated[str | None, typer.Option("--date", help="Article date YYYY-MM-DD (for an article).")] = None,
) -> None:
    """Print an article's claims as a table: mention | subject | metric | value | time | source.

    Example: factex explain corpus/energy_oil_power.txt
    """
    from factex.explain import render
    from factex.io import InputError, check_date, read_article

    try:
        if file.name.endswith(".claims.json"):
            try:
                document = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise _fail(f"{file}: cannot read the document ({exc})", 1) from None
        else:
            article = read_article(file, date=check_date(date, "--date"))
            from factex.api import extract_articles

            document = next(extract_articles([article])).to_dict()
    except InputError as exc:
        raise _fail(str(exc), 1) from None
    render(document)


# `factex review OUTDIR` and `factex review export OUTDIR` (the web parts load only when they run).
from factex.review.cli import review_app as _review_app  # noqa: E402

app.add_typer(_review_app, name="review")

# `factex check OUTDIR [--reference CSV] [--format table|json]` (figures that do not add up).
from factex.checks.cli import check as _check_command  # noqa: E402

app.command(name="check")(_check_command)
