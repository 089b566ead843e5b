"""The review web app (Starlette + Jinja2): articles list, article view, orphaned verdicts, the save API.

Pages are rendered on the server with autoescaping on (article text is untrusted); the browser script
(``static/review.js``) handles the keyboard and saves each verdict at once through ``POST /api/verdict``.
Saves that arrive together are stored in one SQLite transaction (:class:`Writer`), so many reviewers
cost one disk sync, not one each.
"""

from __future__ import annotations

import asyncio
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from factex.review import FLAGGED, VERDICT_LABELS, VERDICTS
from factex.review.documents import ArticleEntry, Corpus, sorted_checks
from factex.review.render import claim_view, number, segments
from factex.review.security import Guard
from factex.review.store import Conflict, SaveRequest, StoreError, Verdict, VerdictStore

HERE = Path(__file__).resolve().parent
#: The only files ``/static/NAME`` serves (read once; no request path reaches the filesystem).
STATIC_FILES = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
#: Largest accepted request body.
MAX_BODY = 64 * 1024
#: Most saves stored in one transaction.
MAX_BATCH = 500
SORTS = ("key", "title", "date", "claims", "reviewed", "left", "flagged", "checks")
STATUSES = ("all", "todo", "done", "flagged", "checks")


class Writer:
    """Group commit: saves that arrive while a transaction is being written go together into the next one."""

    def __init__(self, store: VerdictStore) -> None:
        self.store = store
        self._pending: list[tuple[SaveRequest, asyncio.Future[Verdict | Conflict]]] = []
        self._task: asyncio.Task[None] | None = None

    async def submit(self, request: SaveRequest) -> Verdict | Conflict:
        """Queue one save and wait until it is stored (or refused)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Verdict | Conflict] = loop.create_future()
        self._pending.append((request, future))
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            try:
                results = await run_in_threadpool(self.store.save_many, [req for req, _ in batch])
            except Exception as exc:  # the transaction failed: every save of it fails, none is half-stored
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)


@dataclass
class ReviewState:
    """What the handlers share."""

    corpus: Corpus
    store: VerdictStore
    writer: Writer
    csrf: str
    reviewer: str
    env: Environment
    static: dict[str, bytes]

    def page(self, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        """Render a template (autoescaped) with the CSRF token and the default reviewer name."""
        html = self.env.get_template(name).render(csrf=self.csrf, reviewer=self.reviewer, **context)
        return HTMLResponse(html, status_code=status_code, headers={"cache-control": "no-store"})


def create_app(
    outdir: str | Path,
    *,
    db: str | Path | None = None,
    token: str | None = None,
    loopback_only: bool = True,
    reviewer: str = "",
) -> Starlette:
    """Build the review app for an output folder.

    Args:
        outdir: The folder ``factex extract ... -o OUTDIR`` wrote.
        db: The verdict database (default ``OUTDIR/review.sqlite``).
        token: The access token every request must carry (None: none needed).
        loopback_only: Answer only requests addressed to a loopback name (against DNS rebinding).
        reviewer: The reviewer name the pages suggest.

    Returns:
        The ASGI app; ``app.state.review`` holds the corpus and the store.
    """
    corpus = Corpus(outdir)
    store = VerdictStore(db or Path(outdir) / "review.sqlite")
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(VERDICT_LABELS=VERDICT_LABELS, VERDICTS=VERDICTS)
    env.filters["num"] = number
    state = ReviewState(
        corpus=corpus,
        store=store,
        writer=Writer(store),
        csrf=store.secret("csrf"),
        reviewer=reviewer,
        env=env,
        static={name: (HERE / "static" / name).read_bytes() for name in STATIC_FILES},
    )
    routes = [
        Route("/", articles_page),
        Route("/article/{key:path}", article_page),
        Route("/orphans", orphans_page),
        Route("/api/verdict", save_verdict, methods=["POST"]),
        Route("/static/{name}", static_file),
    ]
    middleware = [Middleware(Guard, token=token, csrf=state.csrf, loopback_only=loopback_only)]  # type: ignore[arg-type]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={404: not_found})
    app.state.review = state
    return app


def _state(request: Request) -> ReviewState:
    return request.app.state.review  # type: ignore[no-any-return]


async def not_found(request: Request, exc: Exception) -> Response:
    """Answer unknown paths with a small page (JSON for the API)."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": "not found"}, status_code=404)
    return _state(request).page("message.html", 404, title="Not found", message="There is no such page.")


@dataclass
class ArticleRow:
    """One line of the articles list."""

    entry: ArticleEntry
    claims: int
    reviewed: int
    flagged: int
    fails: int
    unclear: int

    @property
    def left(self) -> int:
        """Claims still without a verdict."""
        return self.claims - self.reviewed


def article_rows(corpus: Corpus, brief: dict[str, dict[str, str | None]]) -> list[ArticleRow]:
    """Count, for every article, its claims, how many have a verdict, how many are flagged, its checks."""
    rows = []
    for key, entry in corpus.articles.items():
        verdicts = brief.get(key, {})
        given = [verdicts.get(cid) for cid in entry.claim_ids]
        rows.append(
            ArticleRow(
                entry=entry,
                claims=len(entry.claim_ids),
                reviewed=sum(v is not None for v in given),
                flagged=sum(v in FLAGGED for v in given),
                fails=entry.checks.get("fails", 0),
                unclear=entry.checks.get("unclear", 0),
            )
        )
    return rows


def orphans(corpus: Corpus, store: VerdictStore) -> list[Verdict]:
    """Return the verdicts whose claim is in no current document (its article is gone, or the claim is)."""
    current = {key: set(entry.claim_ids) for key, entry in corpus.articles.items()}
    return [v for v in store.all() if v.claim not in current.get(v.article, ())]


def _sort_key(name: str) -> Any:
    keys = {
        "key": lambda r: r.entry.key,
        "title": lambda r: r.entry.title.lower(),
        "date": lambda r: r.entry.date or "",
        "claims": lambda r: r.claims,
        "reviewed": lambda r: r.reviewed,
        "left": lambda r: r.left,
        "flagged": lambda r: r.flagged,
        "checks": lambda r: (r.fails, r.unclear),
    }
    return keys[name]


async def articles_page(request: Request) -> Response:
    """The articles list: filter (text, status), sort, and the reviewed/flagged counts."""
    state = _state(request)
    await run_in_threadpool(state.corpus.refresh)
    params = request.query_params
    query = params.get("q", "").strip()
    status = params.get("status", "all") if params.get("status") in STATUSES else "all"
    sort = params.get("sort", "key") if params.get("sort") in SORTS else "key"
    order = "desc" if params.get("order") == "desc" else "asc"
    brief = await run_in_threadpool(state.store.brief)
    rows = article_rows(state.corpus, brief)
    total = {
        "articles": len(rows),
        "claims": sum(r.claims for r in rows),
        "reviewed": sum(r.reviewed for r in rows),
        "flagged": sum(r.flagged for r in rows),
    }
    if query:
        needle = query.lower()
        rows = [
            r
            for r in rows
            if any(needle in (s or "").lower() for s in (r.entry.key, r.entry.id, r.entry.title, r.entry.source))
        ]
    keep = {
        "todo": lambda r: r.left > 0,
        "done": lambda r: r.claims > 0 and r.left == 0,
        "flagged": lambda r: r.flagged > 0,
        "checks": lambda r: r.fails + r.unclear > 0,
    }.get(status)
    if keep is not None:
        rows = [r for r in rows if keep(r)]
    rows.sort(key=_sort_key(sort), reverse=order == "desc")
    return state.page(
        "articles.html",
        rows=rows,
        total=total,
        query=query,
        status=status,
        sort=sort,
        order=order,
        sorts=SORTS,
        statuses=STATUSES,
        orphan_count=len(await run_in_threadpool(orphans, state.corpus, state.store)),
        errors=state.corpus.errors,
    )


def _start(claim: dict[str, Any]) -> float:
    mention = claim.get("mention") if isinstance(claim.get("mention"), dict) else {}
    start = mention.get("start")
    return float(start) if isinstance(start, int) and not isinstance(start, bool) else math.inf


async def article_page(request: Request) -> Response:
    """One article: its text with every claim highlighted, the claims panel, the checks, the page data."""
    state = _state(request)
    key = request.path_params["key"]
    if key not in state.corpus.articles:
        await run_in_threadpool(state.corpus.refresh)
    entry = state.corpus.articles.get(key)
    document = await run_in_threadpool(state.corpus.document, key) if entry else None
    if entry is None or document is None:
        return state.page("message.html", 404, title="Not found", message="There is no such article in this folder.")
    article = document["article"]
    text = article.get("text") if isinstance(article.get("text"), str) else ""
    claims = sorted(document["claims"], key=_start)
    checks = sorted_checks(document)
    views = [claim_view(c, text, checks) for c in claims]
    verdicts = await run_in_threadpool(state.store.for_article, key)
    history = await run_in_threadpool(state.store.history, key)
    present = {c["id"] for c in claims}
    data = {
        "article": key,
        "claims": [v["id"] for v in views],
        "originals": {v["id"]: v["original"] for v in views},
        "state": {
            cid: {**verdict.public(), "history": history.get(cid, [])}
            for cid, verdict in verdicts.items()
            if cid in present
        },
        "verdicts": [[name, VERDICT_LABELS[name]] for name in VERDICTS],
    }
    return state.page(
        "article.html",
        entry=entry,
        article=article,
        has_text=bool(text),
        segments=segments(text, claims),
        claims=views,
        checks=checks,
        orphans=[v for cid, v in verdicts.items() if cid not in present],
        mentions={v["id"]: v["mention"] for v in views},
        data=data,
    )


async def orphans_page(request: Request) -> Response:
    """Verdicts whose claim no longer exists (after a re-extraction): listed, never dropped."""
    state = _state(request)
    await run_in_threadpool(state.corpus.refresh)
    return state.page("orphans.html", orphans=await run_in_threadpool(orphans, state.corpus, state.store))


async def static_file(request: Request) -> Response:
    """Serve one of :data:`STATIC_FILES` (anything else is 404)."""
    state = _state(request)
    name = request.path_params["name"]
    if name not in STATIC_FILES:
        return Response("not found", status_code=404, media_type="text/plain")
    return Response(state.static[name], media_type=STATIC_FILES[name], headers={"cache-control": "no-cache"})


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status, headers={"cache-control": "no-store"})


async def save_verdict(request: Request) -> Response:
    """Store one claim's review state if nobody changed it since the client loaded it.

    Body (JSON): ``article`` (key), ``claim`` (id), ``base_version`` (the version the client saw, 0 for
    none), ``verdict`` (one of the verdicts or null), ``corrected`` ({value, unit, subject, time} or
    null), ``note``, ``reviewer``, ``action``. Answers 200 with the new state, 409 with the current
    state when the claim changed meanwhile, 400 for a bad body, 404 for an unknown article or claim.
    """
    state = _state(request)
    if "application/json" not in request.headers.get("content-type", ""):
        return _error(415, "send JSON")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return _error(413, "request too large")
    try:
        payload = json.loads(body)
    except ValueError:
        return _error(400, "body is not JSON")
    if not isinstance(payload, dict):
        return _error(400, "body must be a JSON object")
    key, claim_id = payload.get("article"), payload.get("claim")
    if not isinstance(key, str) or not isinstance(claim_id, str):
        return _error(400, "article and claim are needed")
    if key not in state.corpus.articles:
        await run_in_threadpool(state.corpus.refresh)
    entry = state.corpus.articles.get(key)
    if entry is None:
        return _error(404, "no such article")
    if claim_id not in entry.claim_ids:
        return _error(404, "this claim is no longer in the article (extracted again?): reload the page")
    claim = state.corpus.claim(key, claim_id)
    if claim is None:
        return _error(404, "this claim is no longer in the article: reload the page")
    try:
        save = SaveRequest.make(
            key,
            claim_id,
            base_version=payload.get("base_version"),  # type: ignore[arg-type]
            verdict=payload.get("verdict"),
            corrected=payload.get("corrected"),
            note=payload.get("note", ""),
            reviewer=payload.get("reviewer"),
            claim_snapshot=claim,
            article_snapshot=entry.snapshot(),
            action=payload.get("action") or "save",
        )
    except StoreError as exc:
        return _error(400, str(exc))
    result = await state.writer.submit(save)
    if isinstance(result, Conflict):
        current = result.current
        history = (await run_in_threadpool(state.store.history, key, claim_id)).get(claim_id, [])
        return _error(
            409,
            "changed by someone else since you loaded it",
            current={**current.public(), "history": history} if current else None,
        )
    # The new history entry only: the client holds the earlier ones (the version check proves nobody else saved).
    entry = {
        "version": result.version,
        "verdict": result.verdict,
        "corrected": result.corrected,
        "note": result.note,
        "reviewer": result.reviewer,
        "at": result.updated_at,
        "action": save.action,
    }
    return JSONResponse({"state": {**result.public(), "history": [entry]}}, headers={"cache-control": "no-store"})
