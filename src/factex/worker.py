"""The work of one worker process: read a chunk of articles, skip those up to date, extract the rest.

:func:`process_chunk` is what every engine runs (in process, in a process pool, on Dask workers): it
loads the pipeline once per process (:func:`factex.pipeline.get_nlp` is cached), runs ``nlp.pipe`` in
batches inside a memory zone, and returns each output document already serialized, so the driver
only writes. Workers never write outputs.
"""

from __future__ import annotations

import contextlib
import functools
import os
import resource
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from factex import __version__
from factex.claim import Article, Extraction
from factex.inputs import Task
from factex.io import InputError, load_article
from factex.output import dumps

#: The article fields whose change makes an output stale (``path`` is left out: a run from another folder).
FINGERPRINT_FIELDS = ("id", "date", "sha256", "url", "title", "source")


class PipelineUnavailable(RuntimeError):
    """The worker cannot load the pipeline (no model, broken patterns): no article can be extracted."""


@dataclass(frozen=True)
class Settings:
    """What every worker needs to know, the same for the whole run.

    Attributes:
        date: Overrides the articles' dates.
        patterns_dir: A folder of extra patterns (it must exist at the same path on every worker).
        model: The spaCy model package (default: the first installed, see :func:`factex.pipeline.model_name`).
        force: Extract even articles whose output is up to date.
        indent: JSON indent of the serialized documents (None: one line, for JSONL output).
        batch_size: Articles per ``nlp.pipe`` batch (and per memory zone).
    """

    date: str | None = None
    patterns_dir: str | None = None
    model: str | None = None
    force: bool = False
    indent: int | None = 2
    batch_size: int = 16


@dataclass(frozen=True)
class Outcome:
    """What became of one task: ``done`` (with its serialized document), ``skipped`` or ``failed``."""

    status: Literal["done", "skipped", "failed"]
    content: str | None = None
    kinds: dict[str, int] = field(default_factory=dict)
    error: dict[str, Any] | None = None


@dataclass(frozen=True)
class ChunkResult:
    """The outcomes of a chunk, in task order, and the worker's memory after it."""

    outcomes: list[Outcome]
    worker: str
    rss_bytes: int


def fingerprint(document: dict[str, Any]) -> dict[str, Any]:
    """What an output document says about the input and rules it was made from (to tell if it is stale)."""
    article = document.get("article") or {}
    return {
        "factex_version": document.get("factex_version"),
        "patterns": document.get("patterns"),
        "article": {key: article.get(key) for key in FINGERPRINT_FIELDS},
    }


def article_fingerprint(article: Article, patterns_hash: str) -> dict[str, Any]:
    """The fingerprint an output of ``article`` made now would have."""
    values = {"id": article.id, "date": article.date, "sha256": article.sha256, "url": article.url,
              "title": article.title, "source": article.source}
    return {"factex_version": __version__, "patterns": patterns_hash, "article": values}


def rss_bytes() -> int:
    """This process's resident memory now (Linux ``VmRSS``), else its peak so far."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # pragma: no cover


def worker_name() -> str:
    """This worker's name in the summary: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


@functools.cache
def _pipeline_lock() -> threading.Lock:
    """One lock per process: a spaCy pipeline and its memory zones serve one thread at a time."""
    return threading.Lock()


def warm_up(model: str | None = None, patterns_dir: str | None = None) -> None:
    """Start a pool worker: exit with the driver, and load the pipeline (so workers load in parallel)."""
    from factex.pipeline import get_nlp

    watch_parent()
    with contextlib.suppress(Exception):  # a failure shows, with its reason, when the first chunk runs
        get_nlp(model, patterns_dir)


def watch_parent(interval: float = 0.5) -> threading.Thread:
    """Exit this process as soon as its parent is gone (a driver killed with ``kill -9`` leaves no orphans).

    A pool worker waits on a queue whose pipe it also holds open, so it would never notice on its own.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    thread = threading.Thread(target=watch, name="factex-watch-parent", daemon=True)
    thread.start()
    return thread


def process_chunk(tasks: list[Task], settings: Settings) -> ChunkResult:
    """Read, check and extract a chunk of articles; return one outcome per task, in order.

    A bad input fails alone; an error inside the pipeline fails only the article that raised it.
    """
    from factex.pipeline import get_nlp

    with _pipeline_lock():
        try:
            nlp = get_nlp(settings.model, settings.patterns_dir)
        except Exception as exc:
            raise PipelineUnavailable(f"cannot load the pipeline ({type(exc).__name__}: {exc})") from exc
        patterns_hash: str = nlp.get_pipe("factex").patterns_hash  # type: ignore[attr-defined]
        outcomes: list[Outcome | None] = [None] * len(tasks)
        todo: list[tuple[int, Article]] = []
        for index, task in enumerate(tasks):
            try:
                article = task.article or load_article(
                    task.location, source=task.source, article_id=task.article_id, date=settings.date
                )
            except InputError as exc:
                outcomes[index] = Outcome("failed", error=exc.to_dict())
                continue
            if not settings.force and task.previous == article_fingerprint(article, patterns_hash):
                outcomes[index] = Outcome("skipped")
            else:
                todo.append((index, article))
        for (index, _), outcome in zip(todo, _extract(nlp, [a for _, a in todo], settings), strict=True):
            outcomes[index] = outcome
    return ChunkResult([o for o in outcomes if o is not None], worker_name(), rss_bytes())


def _extract(nlp: Any, articles: list[Article], settings: Settings) -> list[Outcome]:
    """Extract articles together; if the pipeline raises, again one by one so only the culprit fails."""
    from factex.api import extract_articles

    try:
        return [_done(r, settings) for r in extract_articles(articles, nlp=nlp, batch_size=settings.batch_size)]
    except Exception as exc:
        if len(articles) == 1:
            error = InputError(articles[0].path or articles[0].id, "extract-error", f"{type(exc).__name__}: {exc}")
            return [Outcome("failed", error=error.to_dict())]
    return [outcome for article in articles for outcome in _extract(nlp, [article], settings)]


def _done(result: Extraction, settings: Settings) -> Outcome:
    document = result.to_dict(include_text=True)
    kinds = Counter(claim["kind"] for claim in document["claims"])
    return Outcome("done", dumps(document, indent=settings.indent) + "\n", dict(kinds))
