"""Verdicts in SQLite (WAL mode): the current verdict of every reviewed claim, and its history.

A verdict belongs to ``(article key, claim id)``; claim ids are stable hashes of the article, the
offsets and the value, so a re-extraction keeps the verdicts of the claims that still exist. Each row
carries a ``version``: a save names the version it started from and is refused (:class:`Conflict`)
when the claim was changed since, so two reviewers never overwrite each other silently. Every save
appends a row to ``history``; nothing is ever deleted.

The store only needs the standard library (exports read it without the web extra).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factex.review import VERDICTS

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    article TEXT NOT NULL,
    claim TEXT NOT NULL,
    verdict TEXT,
    corrected TEXT,
    note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    claim_json TEXT NOT NULL,
    article_json TEXT NOT NULL,
    PRIMARY KEY (article, claim)
);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article TEXT NOT NULL,
    claim TEXT NOT NULL,
    version INTEGER NOT NULL,
    verdict TEXT,
    corrected TEXT,
    note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    action TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_claim ON history (article, claim, version);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

#: Fields of a corrected claim a reviewer may fill in.
CORRECTED_FIELDS = ("value", "unit", "subject", "time")


class StoreError(ValueError):
    """A save that cannot be stored as asked (bad verdict, bad field); the message says why."""


@dataclass(frozen=True)
class Verdict:
    """The current review state of one claim.

    Attributes:
        article: The article key (the output name, ``sub/b`` for ``OUTDIR/sub/b.claims.json``).
        claim: The claim id.
        verdict: One of :data:`factex.review.VERDICTS`, or None when cleared.
        corrected: The reviewer's corrected ``value`` (a number), ``unit``, ``subject`` and ``time``.
        note: Free text.
        reviewer: Who saved it last.
        updated_at: When (ISO 8601, UTC).
        version: 1 for the first save, one more for every save after.
        claim_snapshot: The claim as it was when saved (kept for orphans and exports).
        article_snapshot: The article's id, url, title and date when saved.
    """

    article: str
    claim: str
    verdict: str | None
    corrected: dict[str, Any] | None
    note: str
    reviewer: str
    updated_at: str
    version: int
    claim_snapshot: dict[str, Any] = field(default_factory=dict)
    article_snapshot: dict[str, Any] = field(default_factory=dict)

    def public(self) -> dict[str, Any]:
        """Return the state the web client sees (without the snapshots)."""
        return {
            "claim": self.claim,
            "verdict": self.verdict,
            "corrected": self.corrected,
            "note": self.note,
            "reviewer": self.reviewer,
            "updated_at": self.updated_at,
            "version": self.version,
        }


class Conflict(Exception):
    """The claim changed since the client loaded it; ``current`` is its state now (None: no verdict)."""

    def __init__(self, current: Verdict | None) -> None:
        super().__init__("the claim was changed since it was loaded")
        self.current = current


def now() -> str:
    """Return the current UTC time as ISO 8601 with milliseconds (``2025-08-06T10:01:02.345Z``)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def clean_corrected(corrected: Any) -> dict[str, Any] | None:
    """Check a corrected claim from a client: known fields, a number for ``value``, short strings.

    Args:
        corrected: A mapping with any of :data:`CORRECTED_FIELDS`, or None.

    Returns:
        The fields that hold something (``value`` as a float), or None when none does.

    Raises:
        StoreError: For an unknown field, a value that is not a number, or a field over 500 characters.
    """
    if corrected in (None, {}):
        return None
    if not isinstance(corrected, dict):
        raise StoreError("corrected must be an object")
    unknown = set(corrected) - set(CORRECTED_FIELDS)
    if unknown:
        raise StoreError(f"unknown corrected field(s): {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for name in CORRECTED_FIELDS:
        raw = corrected.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        if name == "value":
            out[name] = _number(raw)
            continue
        if not isinstance(raw, str) or len(raw) > 500:
            raise StoreError(f"corrected {name} must be text of at most 500 characters")
        out[name] = raw.strip()
    return out or None


def _number(raw: Any) -> float | int:
    if isinstance(raw, bool):
        raise StoreError("corrected value must be a number")
    if isinstance(raw, (int, float)):
        number = float(raw)
    else:
        try:
            number = float(str(raw).replace(",", "").replace("_", "").strip())
        except ValueError:
            raise StoreError(f"corrected value must be a number, not {str(raw)[:40]!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise StoreError("corrected value must be a finite number")
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


class VerdictStore:
    """The verdicts of one output folder, in one SQLite file (WAL mode, safe across threads and processes).

    Args:
        path: The database file (created with its tables when missing).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db = _connect(self.path)
        self._db.execute("PRAGMA journal_mode=WAL")
        with self._lock:
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION:d}")
        # Reads go through their own connection: in WAL mode they never wait for a write's disk sync.
        self._read_lock = threading.Lock()
        self._read = _connect(self.path)

    def close(self) -> None:
        """Close the connections."""
        with self._lock:
            self._db.close()
        with self._read_lock:
            self._read.close()

    def __enter__(self) -> VerdictStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def journal_mode(self) -> str:
        """The SQLite journal mode (``wal``)."""
        with self._lock:
            return str(self._db.execute("PRAGMA journal_mode").fetchone()[0])

    def secret(self, name: str) -> str:
        """Return a random secret kept in the database (made on first use), so it survives restarts."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._db.execute("SELECT value FROM meta WHERE key = ?", (f"secret:{name}",)).fetchone()
                if row is None:
                    value = secrets.token_urlsafe(32)
                    self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (f"secret:{name}", value))
                else:
                    value = row[0]
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return str(value)

    def get(self, article: str, claim: str) -> Verdict | None:
        """Return the current verdict of one claim, or None when it was never reviewed."""
        with self._read_lock:
            row = self._read.execute(
                "SELECT * FROM verdicts WHERE article = ? AND claim = ?", (article, claim)
            ).fetchone()
        return _verdict(row) if row else None

    def for_article(self, article: str) -> dict[str, Verdict]:
        """Return the verdicts of one article by claim id."""
        with self._read_lock:
            rows = self._read.execute("SELECT * FROM verdicts WHERE article = ?", (article,)).fetchall()
        return {row["claim"]: _verdict(row) for row in rows}

    def all(self) -> Iterator[Verdict]:
        """Yield every stored verdict, by article and claim."""
        with self._read_lock:
            rows = self._read.execute("SELECT * FROM verdicts ORDER BY article, claim").fetchall()
        for row in rows:
            yield _verdict(row)

    def brief(self) -> dict[str, dict[str, str | None]]:
        """Return ``{article: {claim: verdict}}`` for every stored verdict (for counts)."""
        out: dict[str, dict[str, str | None]] = {}
        with self._read_lock:
            rows = self._read.execute("SELECT article, claim, verdict FROM verdicts").fetchall()
        for article, claim, verdict in rows:
            out.setdefault(article, {})[claim] = verdict
        return out

    def history(self, article: str, claim: str | None = None, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
        """Return the changes of an article's claims (or one claim), newest first, ``limit`` per claim."""
        query = "SELECT * FROM history WHERE article = ?"
        args: tuple[Any, ...] = (article,)
        if claim is not None:
            query += " AND claim = ?"
            args += (claim,)
        with self._read_lock:
            rows = self._read.execute(query + " ORDER BY claim, version DESC", args).fetchall()
        out: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            changes = out.setdefault(row["claim"], [])
            if len(changes) < limit:
                changes.append(
                    {
                        "version": row["version"],
                        "verdict": row["verdict"],
                        "corrected": json.loads(row["corrected"]) if row["corrected"] else None,
                        "note": row["note"],
                        "reviewer": row["reviewer"],
                        "at": row["at"],
                        "action": row["action"],
                    }
                )
        return out

    def counts(self) -> tuple[int, int]:
        """Return how many claims have a verdict row, and how many saves the history holds."""
        with self._read_lock:
            verdicts = self._read.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0]
            changes = self._read.execute("SELECT COUNT(*) FROM history").fetchone()[0]
        return int(verdicts), int(changes)

    def save(
        self,
        article: str,
        claim: str,
        *,
        base_version: int,
        verdict: str | None,
        corrected: dict[str, Any] | None = None,
        note: str = "",
        reviewer: str,
        claim_snapshot: dict[str, Any] | None = None,
        article_snapshot: dict[str, Any] | None = None,
        action: str = "save",
    ) -> Verdict:
        """Store a claim's new review state, if nobody changed it since ``base_version``.

        Args:
            article: The article key.
            claim: The claim id.
            base_version: The version the reviewer's change starts from (0: the claim had no verdict).
            verdict: One of :data:`factex.review.VERDICTS`, or None to clear it.
            corrected: The corrected fields (checked with :func:`clean_corrected`).
            note: Free text, up to 10,000 characters.
            reviewer: Who saves (1..100 characters).
            claim_snapshot: The claim as shown to the reviewer.
            article_snapshot: The article's id, url, title and date.
            action: What the client did (``verdict``, ``edit``, ``note``, ``undo``), kept in the history.

        Returns:
            The stored state, with its new version.

        Raises:
            Conflict: The claim's version is not ``base_version`` (someone else saved in between).
            StoreError: A field is not acceptable.
        """
        request = SaveRequest.make(
            article,
            claim,
            base_version=base_version,
            verdict=verdict,
            corrected=corrected,
            note=note,
            reviewer=reviewer,
            claim_snapshot=claim_snapshot,
            article_snapshot=article_snapshot,
            action=action,
        )
        (result,) = self.save_many([request])
        if isinstance(result, Conflict):
            raise result
        return result

    def save_many(self, requests: list[SaveRequest]) -> list[Verdict | Conflict]:
        """Store several saves in one transaction (one disk sync), each checked against its base version.

        The saves apply in order, so two saves of one claim in a batch behave as if sent one after the other.

        Returns:
            For each request, the stored state or the :class:`Conflict` that refused it.
        """
        results: list[Verdict | Conflict] = []
        if not requests:
            return results
        at = now()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for req in requests:
                    results.append(self._apply(req, at))
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        return results

    def _apply(self, req: SaveRequest, at: str) -> Verdict | Conflict:
        row = self._db.execute(
            "SELECT * FROM verdicts WHERE article = ? AND claim = ?", (req.article, req.claim)
        ).fetchone()
        current = int(row["version"]) if row else 0
        if current != req.base_version:
            return Conflict(_verdict(row) if row else None)
        version = current + 1
        fixed_json = json.dumps(req.corrected, ensure_ascii=False) if req.corrected else None
        claim_json = json.dumps(req.claim_snapshot, ensure_ascii=False)
        article_json = json.dumps(req.article_snapshot, ensure_ascii=False)
        self._db.execute(
            "INSERT INTO verdicts (article, claim, verdict, corrected, note, reviewer, updated_at, version, "
            "claim_json, article_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (article, claim) DO UPDATE SET verdict = excluded.verdict, "
            "corrected = excluded.corrected, note = excluded.note, reviewer = excluded.reviewer, "
            "updated_at = excluded.updated_at, version = excluded.version, "
            "claim_json = excluded.claim_json, article_json = excluded.article_json",
            (
                req.article,
                req.claim,
                req.verdict,
                fixed_json,
                req.note,
                req.reviewer,
                at,
                version,
                claim_json,
                article_json,
            ),
        )
        self._db.execute(
            "INSERT INTO history (article, claim, version, verdict, corrected, note, reviewer, at, action) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (req.article, req.claim, version, req.verdict, fixed_json, req.note, req.reviewer, at, req.action),
        )
        return Verdict(
            req.article,
            req.claim,
            req.verdict,
            req.corrected,
            req.note,
            req.reviewer,
            at,
            version,
            req.claim_snapshot,
            req.article_snapshot,
        )


@dataclass(frozen=True)
class SaveRequest:
    """One checked save, waiting to be stored (see :meth:`VerdictStore.save` for the fields)."""

    article: str
    claim: str
    base_version: int
    verdict: str | None
    corrected: dict[str, Any] | None
    note: str
    reviewer: str
    claim_snapshot: dict[str, Any]
    article_snapshot: dict[str, Any]
    action: str

    @classmethod
    def make(
        cls,
        article: str,
        claim: str,
        *,
        base_version: int,
        verdict: str | None,
        corrected: Any = None,
        note: Any = "",
        reviewer: Any,
        claim_snapshot: dict[str, Any] | None = None,
        article_snapshot: dict[str, Any] | None = None,
        action: Any = "save",
    ) -> SaveRequest:
        """Check a save's fields and return it.

        Raises:
            StoreError: An unknown verdict, no reviewer, a note over 10,000 characters, a bad correction.
        """
        if verdict is not None and verdict not in VERDICTS:
            raise StoreError(f"unknown verdict {verdict!r}: one of {', '.join(VERDICTS)}")
        if isinstance(base_version, bool) or not isinstance(base_version, int) or base_version < 0:
            raise StoreError("base_version must be a whole number, 0 or more")
        name = reviewer.strip() if isinstance(reviewer, str) else ""
        if not name or len(name) > 100:
            raise StoreError("a reviewer name (1 to 100 characters) is needed")
        if note is None:
            note = ""
        if not isinstance(note, str) or len(note) > 10_000:
            raise StoreError("note must be text of at most 10,000 characters")
        if not isinstance(action, str) or not action.isidentifier() or len(action) > 20:
            raise StoreError("action must be a short word")
        return cls(
            article,
            claim,
            base_version,
            verdict,
            clean_corrected(corrected),
            note,
            name,
            claim_snapshot or {},
            article_snapshot or {},
            action,
        )


def _connect(path: Path) -> sqlite3.Connection:
    """Open the database for use from any thread (callers hold a lock); every commit is synced to disk."""
    db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA busy_timeout=30000")
    db.execute("PRAGMA synchronous=FULL")
    return db


def _verdict(row: sqlite3.Row) -> Verdict:
    return Verdict(
        article=row["article"],
        claim=row["claim"],
        verdict=row["verdict"],
        corrected=json.loads(row["corrected"]) if row["corrected"] else None,
        note=row["note"],
        reviewer=row["reviewer"],
        updated_at=row["updated_at"],
        version=int(row["version"]),
        claim_snapshot=json.loads(row["claim_json"] or "{}"),
        article_snapshot=json.loads(row["article_json"] or "{}"),
    )
