"""``factex review OUTDIR`` (the web app) and ``factex review export OUTDIR`` (the verdicts as files).

Only typer and the standard library are imported here; the web parts load when ``serve`` runs, so
``factex --help`` stays fast and works without the ``review`` extra.
"""

from __future__ import annotations

import getpass
import io
import secrets
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup


class ServeByDefault(TyperGroup):
    """A group where ``factex review OUTDIR ...`` means ``factex review serve OUTDIR ...``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Insert ``serve`` when the first word is not a subcommand (nor a request for help)."""
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["serve", *args]
        return super().parse_args(ctx, args)  # type: ignore[no-any-return]


review_app = typer.Typer(
    cls=ServeByDefault,
    help="Review the extracted claims in a local web page and export the verdicts.\n\n"
    "Examples:\n\n"
    "  factex review outputs/                                (serve on http://127.0.0.1:8765/)\n\n"
    "  factex review export outputs/ --format csv -o verdicts.csv\n\n"
    "  factex review export outputs/ --format claimreview --author 'Fact Desk' "
    "--url-template 'https://factdesk.example/checks/{claim_id}'",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"factex: error: {message}", err=True)
    return typer.Exit(code)


def _outdir(outdir: Path) -> Path:
    if not outdir.is_dir():
        raise _fail(f"{outdir}: not a folder (give the folder 'factex extract ... -o OUTDIR' wrote)")
    return outdir


@review_app.command("serve")
def serve(
    outdir: Annotated[Path, typer.Argument(help="The folder 'factex extract DIR -o OUTDIR' wrote.")],
    db: Annotated[Path | None, typer.Option("--db", help="Verdict database (default OUTDIR/review.sqlite).")] = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; anything but loopback needs a token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port (0: any free port).")] = 8765,
    token: Annotated[
        str | None,
        typer.Option("--token", help="Access token (off loopback, one is generated and printed when not given)."),
    ] = None,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", help="Reviewer name the pages suggest (default: your login).")
    ] = None,
) -> None:
    """Serve the review app: articles, claims highlighted in the text, keyboard verdicts saved at once.

    Prints the URL to open. 'factex review OUTDIR' is short for 'factex review serve OUTDIR'.

    Keys: j/k next/previous claim; 1 accurate; 2 inaccurate; 3 misleading; 4 unverifiable; 5 not a claim;
    e edit the corrected value, unit, subject, time; n note; u undo.
    """
    _outdir(outdir)
    if not 0 <= port <= 65535:
        raise _fail(f"--port must be 0..65535, not {port}")
    try:
        from factex.review.app import create_app
        from factex.review.security import is_loopback
        from factex.review.server import bind, url_of
        from factex.review.server import serve as run_server
    except ImportError as exc:
        missing = exc.name or "a package"
        raise _fail(
            f"the review app needs the review extra ({missing} is missing): pip install 'factex[review]'", 1
        ) from None
    loopback = is_loopback(host)
    if token is not None and len(token) < 16:
        raise _fail("--token must be at least 16 characters")
    if not loopback and token is None:
        token = secrets.token_urlsafe(24)
    if reviewer is None:
        try:
            reviewer = getpass.getuser()
        except Exception:
            reviewer = ""
    try:
        sock = bind(host, port)
    except OSError as exc:
        hint = " (try --port 0 for any free port)" if port else ""
        raise _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}{hint}", 1) from None
    app = create_app(outdir, db=db, token=token, loopback_only=loopback, reviewer=reviewer)
    state = app.state.review
    typer.echo(f"factex review: {url_of(sock, host, token)}")
    typer.echo(
        f"  {len(state.corpus.articles)} articles, verdicts in {state.store.path}"
        + (f"; token {token} (needed by every client)" if token else "")
        + "; Ctrl+C stops"
    )
    sys.stdout.flush()
    try:
        run_server(app, sock)
    except KeyboardInterrupt:  # pragma: no cover - uvicorn handles the signal itself
        pass
    finally:
        state.store.close()


class ExportFormat(str, Enum):
    """What ``factex review export`` writes."""

    jsonl = "jsonl"
    csv = "csv"
    claimreview = "claimreview"


@review_app.command("export")
def export(
    outdir: Annotated[Path, typer.Argument(help="The folder 'factex extract DIR -o OUTDIR' wrote.")],
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", help="jsonl (one reviewed claim a line), csv, or claimreview (JSON-LD)."),
    ] = ExportFormat.jsonl,
    db: Annotated[Path | None, typer.Option("--db", help="Verdict database (default OUTDIR/review.sqlite).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    author: Annotated[
        str, typer.Option("--author", help="ClaimReview: the publishing organisation.")
    ] = "factex reviewers",
    author_url: Annotated[str | None, typer.Option("--author-url", help="ClaimReview: its web address.")] = None,
    url_template: Annotated[
        str | None,
        typer.Option(
            "--url-template",
            help="ClaimReview: the review's URL, with {claim_id}, {article_id}, {article_key} or {article_url}.",
        ),
    ] = None,
    include_orphans: Annotated[
        bool, typer.Option("--include-orphans", help="ClaimReview: also verdicts whose claim is gone.")
    ] = False,
) -> None:
    """Export the reviewed claims with their verdicts (JSONL and CSV include orphaned verdicts, marked)."""
    from factex.review import export as exporter

    _outdir(outdir)
    database = db or outdir / "review.sqlite"
    if not database.exists():
        raise _fail(f"{database}: no verdict database (review some claims first, or pass --db)", 1)
    try:
        exporter.check_template(url_template)
    except exporter.ExportError as exc:
        raise _fail(str(exc)) from None
    rows = exporter.reviewed(outdir, database)
    handle = io.StringIO() if output else sys.stdout
    if output_format == ExportFormat.jsonl:
        count = exporter.write_jsonl(rows, handle)
    elif output_format == ExportFormat.csv:
        count = exporter.write_csv(rows, handle)
    else:
        if url_template is None:
            typer.echo("factex: note: no --url-template, so the ClaimReviews have no url", err=True)
        count = exporter.write_claimreview(
            rows,
            handle,
            author=author,
            author_url=author_url,
            url_template=url_template,
            include_orphans=include_orphans,
        )
    if output:
        from factex.output import write_atomic

        assert isinstance(handle, io.StringIO)
        write_atomic(output, handle.getvalue())
    typer.echo(f"{count} reviewed claim(s) exported" + (f" to {output}" if output else ""), err=True)
