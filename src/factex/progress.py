"""The batch progress bar on stderr: articles, claims, rate and time left (rich)."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class BatchProgress:
    """A progress bar fed with :class:`factex.batch.Summary` updates; drawn only on a terminal.

    Args:
        enabled: False for no output at all (``--quiet``).
        console: Where to draw (default: stderr).
    """

    def __init__(self, *, enabled: bool = True, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self._progress = Progress(
            TextColumn("[bold]extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("articles"),
            TextColumn("{task.fields[claims]:,} claims"),
            TextColumn("{task.fields[rate]} art/s"),
            TextColumn("{task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            disable=not self.enabled,
            transient=False,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> BatchProgress:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._progress.stop()

    def update(self, summary: Any) -> None:
        """Show the state of a run (a :class:`factex.batch.Summary`)."""
        if not self.enabled:
            return
        fields = {
            "claims": summary.claims,
            "failed": f"{summary.failed} failed" if summary.failed else "",
        }
        if self._task is None:
            self._task = self._progress.add_task("extract", total=summary.total, rate="-", **fields)
        task = self._progress.tasks[self._task]
        elapsed = task.elapsed or 0.0
        rate = f"{summary.finished / elapsed:.1f}" if summary.finished and elapsed > 0 else "-"
        self._progress.update(self._task, completed=summary.finished, total=max(summary.total, summary.finished),
                              rate=rate, **fields)
