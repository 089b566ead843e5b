"""The verdict store: versions, conflicts, history, group saves, validation, WAL, across processes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from factex.review.store import Conflict, SaveRequest, StoreError, VerdictStore, clean_corrected


@pytest.fixture
def store(tmp_path: Path) -> VerdictStore:
    with VerdictStore(tmp_path / "review.sqlite") as opened:
        yield opened  # type: ignore[misc]


def test_versions_conflicts_and_history(store: VerdictStore) -> None:
    first = store.save("a", "c_1", base_version=0, verdict="accurate", reviewer="ann", claim_snapshot={"id": "c_1"})
    assert (first.version, first.verdict, first.reviewer) == (1, "accurate", "ann")
    with pytest.raises(Conflict) as refused:
        store.save("a", "c_1", base_version=0, verdict="inaccurate", reviewer="bob")
    assert refused.value.current is not None and refused.value.current.reviewer == "ann"
    second = store.save("a", "c_1", base_version=1, verdict=None, note="cleared on purpose", reviewer="bob")
    assert second.version == 2 and second.verdict is None
    history = store.history("a")["c_1"]
    assert [(h["version"], h["verdict"], h["reviewer"]) for h in history] == [(2, None, "bob"), (1, "accurate", "ann")]
    assert store.get("a", "c_1").claim_snapshot == {}  # the last save's snapshot
    assert store.brief() == {"a": {"c_1": None}}
    assert store.counts() == (1, 2)
    assert store.journal_mode == "wal"


def test_group_save_applies_in_order(store: VerdictStore) -> None:
    def req(base: int, verdict: str, who: str) -> SaveRequest:
        return SaveRequest.make("a", "c_1", base_version=base, verdict=verdict, reviewer=who)

    results = store.save_many([req(0, "accurate", "ann"), req(1, "misleading", "ann"), req(1, "inaccurate", "bob")])
    assert [getattr(r, "version", None) for r in results[:2]] == [1, 2]
    assert isinstance(results[2], Conflict) and results[2].current.verdict == "misleading"
    assert store.counts() == (1, 2)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"verdict": "maybe"}, "unknown verdict"),
        ({"reviewer": "  "}, "reviewer"),
        ({"note": None, "base_version": -1}, "base_version"),
        ({"corrected": {"value": "12 apples"}}, "number"),
        ({"corrected": {"value": "nan"}}, "finite"),
        ({"corrected": {"when": "x"}}, "unknown corrected"),
        ({"action": "drop table"}, "action"),
    ],
)
def test_bad_saves_are_refused(store: VerdictStore, kwargs: dict, message: str) -> None:
    args = {"base_version": 0, "verdict": "accurate", "reviewer": "ann", **kwargs}
    with pytest.raises(StoreError, match=message):
        store.save("a", "c_1", **args)
    assert store.counts() == (0, 0)


def test_clean_corrected() -> None:
    assert clean_corrected({"value": "1,234.5", "unit": " t ", "subject": "", "time": None}) == {
        "value": 1234.5,
        "unit": "t",
    }
    assert clean_corrected({"value": 7}) == {"value": 7}
    assert clean_corrected({"value": ""}) is None


def test_secret_survives_reopening(tmp_path: Path) -> None:
    with VerdictStore(tmp_path / "r.sqlite") as one:
        secret = one.secret("csrf")
    with VerdictStore(tmp_path / "r.sqlite") as two:
        assert two.secret("csrf") == secret and len(secret) >= 40


def test_threads_and_a_second_process_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite"
    store = VerdictStore(path)
    code = (
        "import sys\nfrom factex.review.store import VerdictStore\n"
        "s = VerdictStore(sys.argv[1])\n"
        "for n in range(100):\n"
        "    s.save('other', f'c_{n}', base_version=0, verdict='accurate', reviewer='proc')\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code, str(path)])

    def work(t: int) -> None:
        for n in range(50):
            store.save(f"t{t}", f"c_{n}", base_version=0, verdict="unverifiable", reviewer=f"thread{t}")

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert process.wait(timeout=60) == 0
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0] == 300
        assert db.execute("SELECT COUNT(*) FROM history").fetchone()[0] == 300
