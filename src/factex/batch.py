"""Run factex over files and folders: parallel, resumable, bad inputs logged, outputs never partial.

The driver (this module) plans the articles (:mod:`factex.inputs`), sends them in chunks to an engine
(in process, a local process pool, or Dask), and writes what comes back through one sink
(:mod:`factex.sinks`), in input order. Workers read and extract (:mod:`factex.worker`); only the
driver writes. An article whose output already holds the same input, factex version and rules is
skipped, so a run that was stopped (even with ``kill -9``) finishes the rest when started again.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from factex import __version__
from factex.inputs import Task, common_base, count_articles, find_files, plan
from factex.io import InputError
from factex.output import dumps, write_atomic
from factex.sinks import OUTPUT_SUFFIX, DirSink, JsonlSink, Sink, locked
from factex.worker import ChunkResult, Outcome, PipelineUnavailable, Settings, process_chunk, warm_up

__all__ = ["OUTPUT_SUFFIX", "BatchAborted", "Summary", "default_jobs", "output_location", "run"]

ERRORS_NAME = "_errors.jsonl"
SUMMARY_NAME = "_summary.json"
#: Articles per window of the memory figures in the summary.
MEMORY_WINDOW = 1000

Engine = Literal["local", "dask"]
Format = Literal["json", "jsonl"]


class BatchAborted(RuntimeError):
    """The run cannot go on (a worker process died); what was written stays, a rerun continues."""


@dataclass
class Summary:
    """What a batch run did (``to_dict()`` is written to ``_summary.json``)."""

    total: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    claims_by_kind: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)
    engine: str = "local"
    jobs: int = 1
    output: str = ""
    #: Peak resident memory (bytes) of each worker in each window of MEMORY_WINDOW finished articles.
    memory: list[dict[str, int]] = field(default_factory=list)

    @property
    def finished(self) -> int:
        """Articles done, skipped or failed so far."""
        return self.done + self.skipped + self.failed

    @property
    def claims(self) -> int:
        """Claims extracted so far."""
        return sum(self.claims_by_kind.values())

    def record_memory(self, worker: str, rss: int) -> None:
        """Note a worker's memory after a chunk, in the window of the articles finished so far."""
        window = max(self.finished - 1, 0) // MEMORY_WINDOW
        while len(self.memory) <= window:
            self.memory.append({})
        self.memory[window][worker] = max(self.memory[window].get(worker, 0), rss)

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as written to ``_summary.json``."""
        mb = 1024 * 1024
        return {
            "factex_version": __version__,
            "articles": {"done": self.done, "skipped": self.skipped, "failed": self.failed},
            "claims": self.claims,
            "claims_by_kind": dict(sorted(self.claims_by_kind.items())),
            "errors_by_kind": dict(sorted(Counter(e["error"] for e in self.errors).items())),
            "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.done / self.seconds, 2) if self.seconds else None,
            "engine": self.engine,
            "jobs": self.jobs,
            "output": self.output,
            "worker_peak_rss_mb": {
                f"articles {i * MEMORY_WINDOW + 1}-{(i + 1) * MEMORY_WINDOW}": {
                    worker: round(rss / mb, 1) for worker, rss in sorted(window.items())
                }
                for i, window in enumerate(self.memory)
            },
        }


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover  (not Linux)
        return os.cpu_count() or 1


def run(
    paths: list[Path],
    outdir: Path,
    *,
    date: str | None = None,
    force: bool = False,
    patterns_dir: str | None = None,
    on_progress: Callable[[Summary], None] | None = None,
    jobs: int = 1,
    engine: Engine = "local",
    scheduler: str | None = None,
    output_format: Format = "json",
    batch_size: int = 16,
    model: str | None = None,
) -> Summary:
    """Extract every article under ``paths`` into ``outdir``.

    Args:
        paths: Article files and folders (searched recursively).
        outdir: The output folder: ``KEY.claims.json`` per article (or ``claims.jsonl``), plus
            ``_summary.json`` and, when some inputs failed, ``_errors.jsonl``.
        date: Overrides every article's date.
        force: Extract articles whose output is up to date too.
        patterns_dir: A folder of extra patterns.
        on_progress: Called with the summary so far after every chunk (``summary.total`` is known first).
        jobs: Worker processes (1: in this process; never more than there are chunks of articles); with
            Dask, the local cluster's workers.
        engine: ``local`` (this machine) or ``dask``.
        scheduler: A Dask scheduler address (``tcp://host:8786``); default: a local cluster of ``jobs``.
        output_format: ``json`` (one file per article) or ``jsonl`` (one ``claims.jsonl``).
        batch_size: Articles per chunk sent to a worker (and per ``nlp.pipe`` batch).
        model: The spaCy model package (default: the first installed).

    Returns:
        The summary of the run (also written to ``outdir/_summary.json``).

    Raises:
        factex.sinks.OutputBusy: Another run is writing to ``outdir``.
        BatchAborted: A worker process died; the outputs written so far are kept.
    """
    started = time.perf_counter()
    summary = Summary(engine=engine, jobs=jobs, output=output_location(output_format, outdir))
    settings = Settings(date=date, patterns_dir=patterns_dir, model=model, force=force,
                        indent=None if output_format == "jsonl" else 2, batch_size=batch_size)
    with locked(outdir):
        files, scan_errors = find_files(paths, exclude=outdir)
        summary.total = count_articles(files) + len(scan_errors)
        for error in scan_errors:
            _fail(summary, error.to_dict())
        sink: Sink = JsonlSink(outdir) if output_format == "jsonl" else DirSink(outdir)
        try:
            tasks = _with_previous(plan(files, common_base(paths), date=date), sink, summary)
            if engine == "local":  # no more worker processes than chunks: a handful of articles needs none
                summary.jobs = jobs = min(jobs, -(-summary.total // batch_size)) or 1
            if on_progress is not None:
                on_progress(summary)
            with _executor(engine, jobs, scheduler, settings) as (executor, window):
                for chunk, result in _results(executor, window, _chunks(tasks, batch_size), settings):
                    _record(summary, sink, chunk, result)
                    if on_progress is not None:
                        on_progress(summary)
        finally:
            sink.close()
        summary.seconds = time.perf_counter() - started
        _write_logs(outdir, summary)
    return summary


def output_location(output_format: Format, outdir: Path) -> str:
    """Where the documents of a run go, as the summary says it."""
    return str(outdir / "claims.jsonl") if output_format == "jsonl" else f"{outdir}/*{OUTPUT_SUFFIX}"


def _fail(summary: Summary, error: dict[str, Any]) -> None:
    summary.failed += 1
    summary.errors.append(error)


def _with_previous(items: Iterable[Task | InputError], sink: Sink, summary: Summary) -> Iterator[Task]:
    """Tasks with the fingerprint of their existing output; planning errors go straight to the summary."""
    for item in items:
        if isinstance(item, InputError):
            _fail(summary, item.to_dict())
            continue
        previous = sink.previous(item)
        yield item if previous is None else replace(item, previous=previous)


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    iterator = iter(tasks)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _results(
    executor: Executor, window: int, chunks: Iterator[list[Task]], settings: Settings
) -> Iterator[tuple[list[Task], ChunkResult]]:
    """Run chunks on the executor, at most ``window`` at a time, and yield their results in input order."""
    pending: deque[tuple[list[Task], Future[ChunkResult]]] = deque()

    def fill() -> None:
        while len(pending) < window and (chunk := next(chunks, None)) is not None:
            pending.append((chunk, executor.submit(process_chunk, chunk, settings)))

    fill()
    while pending:
        chunk, future = pending.popleft()
        try:
            result = future.result()
        except BrokenProcessPool as exc:
            raise BatchAborted(f"a worker process died ({exc}); the outputs written so far are kept") from None
        except PipelineUnavailable as exc:
            raise BatchAborted(str(exc)) from None
        except Exception as exc:  # a worker lost on a cluster, a bug: the chunk fails, the run goes on
            message = f"worker failed: {type(exc).__name__}: {exc}"
            failed = Outcome("failed", error={"path": "", "error": "worker-error", "message": message})
            result = ChunkResult([_named(failed, task) for task in chunk], "", 0)
        yield chunk, result
        fill()


def _named(outcome: Outcome, task: Task) -> Outcome:
    error = dict(outcome.error or {})
    error["path"] = task.source
    error["message"] = f"{task.source}: {error.get('message', '')}"
    return Outcome(outcome.status, error=error)


def _record(summary: Summary, sink: Sink, chunk: list[Task], result: ChunkResult) -> None:
    """Write a chunk's documents and count its outcomes."""
    for task, outcome in zip(chunk, result.outcomes, strict=True):
        if outcome.status == "done" and outcome.content is not None:
            sink.write(task, outcome.content)
            summary.done += 1
            summary.claims_by_kind.update(outcome.kinds)
        elif outcome.status == "skipped":
            summary.skipped += 1
        else:
            _fail(summary, outcome.error or {"path": task.source, "error": "unknown", "message": task.source})
    sink.flush()
    if result.worker:
        summary.record_memory(result.worker, result.rss_bytes)


def _write_logs(outdir: Path, summary: Summary) -> None:
    """``_errors.jsonl`` (this run's bad inputs; removed when there are none) and ``_summary.json``."""
    errors_path = outdir / ERRORS_NAME
    if summary.errors:
        lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in summary.errors)
        write_atomic(errors_path, lines)
    else:
        errors_path.unlink(missing_ok=True)
    write_atomic(outdir / SUMMARY_NAME, dumps(summary.to_dict()) + "\n")


class InlineExecutor(Executor):
    """Runs each task in this process when it is submitted (``-j 1``: no worker processes)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run ``fn`` now and return its finished future."""
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


@contextlib.contextmanager
def _executor(
    engine: Engine, jobs: int, scheduler: str | None, settings: Settings
) -> Iterator[tuple[Executor, int]]:
    """The executor of an engine and how many chunks to keep in flight on it."""
    if engine == "dask":
        from factex.dask import client_executor

        with client_executor(jobs, scheduler) as (executor, workers):
            yield executor, 2 * workers + 1
        return
    if jobs <= 1:
        yield InlineExecutor(), 1
        return
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=warm_up,
        initargs=(settings.model, settings.patterns_dir),
    )
    try:
        yield pool, 2 * jobs + 1
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
