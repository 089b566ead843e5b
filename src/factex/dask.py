"""factex on Dask: a local cluster or an existing scheduler (``pip install 'factex[dask]'``).

Workers run :func:`factex.worker.process_chunk`, the same function as the local engine, so the
outputs are the same. Each worker process loads the pipeline once. Workers read the input files
themselves: on a cluster, every worker needs factex installed and the inputs (and any ``--patterns``
folder) readable at the same absolute paths. Outputs are written by the client process only.

Library use::

    from factex.dask import extract_bag

    bag = extract_bag(["corpus/"], date="2024-09-01")       # a dask.bag of output documents
    documents = bag.filter(lambda d: "error" not in d).compute()
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path
from typing import Any

from factex.claim import Article
from factex.inputs import Task, common_base, find_files, plan
from factex.io import InputError
from factex.worker import Settings, process_chunk

_MISSING = "the Dask engine needs dask.distributed: pip install 'factex[dask]'"


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ImportError(_MISSING) from exc
    return distributed


@contextlib.contextmanager
def client_executor(jobs: int, scheduler: str | None = None) -> Iterator[tuple[Executor, int]]:
    """A ``concurrent.futures`` executor on Dask, and how many workers it has.

    Args:
        jobs: Worker processes of the local cluster (one thread each); ignored with ``scheduler``.
        scheduler: The address of a running scheduler (``tcp://host:8786``); default: a new local cluster.
    """
    distributed = _distributed()
    import dask

    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(distributed.Client(scheduler))
        else:
            with dask.config.set(_quiet_workers()):  # the workers take the config as it is when they start
                cluster = stack.enter_context(
                    distributed.LocalCluster(
                        n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit=0
                    )
                )
            client = stack.enter_context(distributed.Client(cluster))
        workers = len(client.scheduler_info().get("workers", {})) or max(jobs, 1)
        yield client.get_executor(pure=False), workers


def _quiet_workers() -> dict[str, Any]:
    """Dask settings for a local cluster: no statistical profiler, rarer health checks.

    On a small machine the pipeline needs every cycle; Dask's defaults sample each worker's stack every
    10 ms, check its event loop every 20 ms and trim freed memory eagerly. The local cluster has no
    memory limit either (a factex worker stays near 250 MB), so nothing polls memory ten times a second.
    """
    return {
        # Dask's default also sets MALLOC_TRIM_THRESHOLD_=65536, which makes spaCy's many short-lived
        # arrays cost page faults and system calls (about 5% more CPU); keep glibc's own threshold.
        "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": "500ms",
        "distributed.admin.system-monitor.interval": "2s",
        "distributed.admin.system-monitor.gil.enabled": False,
    }


def tasks_for(inputs: Iterable[str | Path | Article], *, date: str | None = None) -> list[Task | InputError]:
    """The tasks for files, folders and Article objects, with the errors found while planning them."""
    items = list(inputs)
    articles = [item for item in items if isinstance(item, Article)]
    paths = [Path(item) for item in items if not isinstance(item, Article)]
    planned: list[Task | InputError] = []
    if paths:
        files, errors = find_files(paths)
        planned.extend(errors)
        planned.extend(plan(files, common_base(paths), date=date))
    for article in articles:
        if date is not None:
            article = replace(article, date=date)
        planned.append(Task(article.id, article.path or article.id, article.path or "", article.id, article))
    return planned


def extract_bag(
    inputs: Iterable[str | Path | Article],
    *,
    date: str | None = None,
    patterns_dir: str | None = None,
    model: str | None = None,
    partition_size: int = 16,
) -> Any:
    """A ``dask.bag.Bag`` of output documents, one per article of the inputs.

    Args:
        inputs: Article files, folders (recursive) and :class:`factex.claim.Article` objects.
        date: Overrides every article's date.
        patterns_dir: A folder of extra patterns, at the same path on every worker.
        model: The spaCy model package (default: the first installed).
        partition_size: Articles per partition (one ``nlp.pipe`` batch each).

    Returns:
        A bag whose items are output documents (dicts with the article text embedded, as written by
        ``factex extract``), in input order; an input that could not be read gives instead
        ``{"error": KIND, "path": ..., "message": ...}``. Compute it with any Dask scheduler; with
        ``dask.distributed`` each worker process loads the pipeline once.
    """
    import dask.bag

    settings = Settings(date=date, patterns_dir=patterns_dir, model=model, batch_size=partition_size)
    return dask.bag.from_sequence(tasks_for(inputs, date=date), partition_size=partition_size).map_partitions(
        _documents, settings
    )


def _documents(items: list[Task | InputError], settings: Settings) -> list[dict[str, Any]]:
    """Extract one partition: documents for tasks, error records for planning errors, in order."""
    tasks = [item for item in items if isinstance(item, Task)]
    outcomes = iter(process_chunk(tasks, settings).outcomes if tasks else [])
    documents: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, InputError):
            documents.append(item.to_dict())
            continue
        outcome = next(outcomes)
        if outcome.content is not None:
            documents.append(json.loads(outcome.content))
        else:
            documents.append(dict(outcome.error or {}))
    return documents
