"""Where a batch's documents go: one ``KEY.claims.json`` per article, or one ``claims.jsonl``.

Only the driver process writes. A ``.claims.json`` file is written to a temp file in the same folder
and renamed, so it is whole or absent. ``claims.jsonl`` is appended one whole line at a time; a run
that starts on a file whose last line is broken (the previous run was killed while writing) cuts that
line off first. Lines superseded by a newer line for the same article are dropped when a run ends.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from factex.inputs import Task, document_ident
from factex.output import write_atomic
from factex.worker import fingerprint

OUTPUT_SUFFIX = ".claims.json"
JSONL_NAME = "claims.jsonl"
#: Temp files of :func:`factex.output.write_atomic` (and of a JSONL rewrite) left by a killed run.
_TEMP = re.compile(r"^\..+\.jsonl?\.[A-Za-z0-9_]+\.tmp$")


class OutputBusy(RuntimeError):
    """Another factex run is writing to the same output folder."""


class Sink(Protocol):
    """What the driver writes documents through."""

    def previous(self, task: Task) -> dict[str, Any] | None:
        """The fingerprint of the task's existing output, if any."""

    def write(self, task: Task, content: str) -> None:
        """Store one serialized document (whole, or not at all)."""

    def flush(self) -> None:
        """Make what was written so far durable."""

    def close(self) -> None:
        """Finish the output (flush, tidy)."""


@contextlib.contextmanager
def locked(outdir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder while a run writes there; remove stale temp files.

    Raises:
        OutputBusy: Another run holds the lock.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover  (not POSIX: no lock)
        yield
        return
    fd = os.open(outdir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputBusy(f"{outdir}: another factex run is writing to this folder") from None
        remove_stale_temps(outdir)
        yield
    finally:
        os.close(fd)


def remove_stale_temps(outdir: Path) -> int:
    """Delete the temp files a killed run left in ``outdir``; return how many there were."""
    removed = 0
    for folder, _, names in os.walk(outdir):
        for name in names:
            if _TEMP.match(name):
                Path(folder, name).unlink(missing_ok=True)
                removed += 1
    return removed


class DirSink:
    """One ``KEY.claims.json`` per article under ``outdir``, mirroring the input tree."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir

    def target(self, task: Task) -> Path:
        """The output file of a task."""
        return self.outdir / (task.key + OUTPUT_SUFFIX)

    def previous(self, task: Task) -> dict[str, Any] | None:
        """The fingerprint of the task's existing output file, if it has a readable one."""
        target = self.target(task)
        if not target.is_file():
            return None
        try:
            return fingerprint(json.loads(target.read_bytes()))
        except (OSError, ValueError, AttributeError):
            return None

    def write(self, task: Task, content: str) -> None:
        """Write the document atomically (temp file in the same folder, then rename)."""
        write_atomic(self.target(task), content)

    def flush(self) -> None:
        """Nothing to do: every file is synced when written."""

    def close(self) -> None:
        """Nothing to do."""


class JsonlSink:
    """All documents in ``outdir/claims.jsonl``, one line each, appended as they come."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / JSONL_NAME
        self._index: dict[str, dict[str, Any]] = {}
        self._lines: list[str | None] = []  # the identity of each line, None for an unreadable one
        self.repaired = self._load()
        self._handle: BinaryIO = self.path.open("ab")

    def _load(self) -> int:
        """Index the existing lines; cut off a broken last line. Return how many bytes were cut."""
        if not self.path.exists():
            return 0
        good_end = 0
        with self.path.open("r+b") as handle:
            for raw in handle:
                if not raw.endswith(b"\n"):
                    break
                good_end += len(raw)
                try:
                    document = json.loads(raw)
                    ident = document_ident(document)
                    self._index[ident] = fingerprint(document)
                except (ValueError, AttributeError, TypeError):
                    ident = None
                self._lines.append(ident)
            cut = handle.seek(0, os.SEEK_END) - good_end
            if cut:
                handle.truncate(good_end)
                handle.flush()
                os.fsync(handle.fileno())
        return cut

    def previous(self, task: Task) -> dict[str, Any] | None:
        """The fingerprint of the article's latest line, if it has one."""
        return self._index.get(task.ident)

    def write(self, task: Task, content: str) -> None:
        """Append the document as one line (``content`` must be one line ending in a newline)."""
        if not content.endswith("\n") or "\n" in content[:-1]:
            raise ValueError("a JSONL document must be one line")
        self._handle.write(content.encode("utf-8"))
        self._handle.flush()
        self._lines.append(task.ident)

    def flush(self) -> None:
        """Sync the file to disk."""
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        """Sync and close; rewrite the file without superseded or unreadable lines if it has any."""
        self.flush()
        self._handle.close()
        counts = Counter(self._lines)
        if counts[None] or any(n > 1 for n in counts.values()):
            self._compact(counts)

    def _compact(self, counts: Counter[str | None]) -> None:
        """Keep only the last line of each article (atomically: temp file, then rename)."""
        remaining = dict(counts)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as out, self.path.open("rb") as source:
                for raw, ident in zip(source, self._lines, strict=True):
                    if ident is None:
                        continue
                    remaining[ident] -= 1
                    if remaining[ident] == 0:
                        out.write(raw)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
