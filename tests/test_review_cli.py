"""``factex review`` and ``factex review export`` as a user runs them, and the load benchmark (small)."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from factex.review.store import VerdictStore

_NEXT_TO_PYTHON = Path(sys.executable).parent / "factex"
FACTEX = str(_NEXT_TO_PYTHON) if _NEXT_TO_PYTHON.exists() else (shutil.which("factex") or "factex")
ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "TERM": "dumb"}
TEXT = "Exports rose 6.3 percent to $5bn in 2023, the ministry said.\n"
needs_web = pytest.mark.skipif(
    not all(__import__("importlib").util.find_spec(m) for m in ("starlette", "uvicorn", "jinja2")),
    reason="the review extra is not installed (pip install 'factex[review]')",
)


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FACTEX, *args], capture_output=True, text=True, env=ENV, timeout=timeout, check=False)


@pytest.fixture
def outdir(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    claims = []
    for mention, amount, unit in (("6.3 percent", 6.3, "percent"), ("$5bn", 5e9, "USD")):
        start = TEXT.index(mention)
        claims.append(
            {"id": f"c_{start:016x}", "kind": "percent" if unit == "percent" else "money",
             "mention": {"text": mention, "start": start, "end": start + len(mention)},
             "sentence": {"start": 0, "end": len(TEXT)},
             "value": {"amount": amount, "amount_high": None, "unit": unit, "unit_text": unit, "approx": "=",
                       "change": "up" if unit == "percent" else None},
             "subject": None, "metric": "exports",
             "time": {"text": "in 2023", "start": "2023-01-01", "end": "2023-12-31", "granularity": "year"},
             "rule": "test"}
        )  # fmt: skip
    document = {
        "factex_version": "0.1.0",
        "schema": "factex/schema/claim.schema.json",
        "article": {"id": "trade", "path": "trade.txt", "date": "2024-02-01", "sha256": "0" * 64,
                    "url": "https://news.example/trade#top", "title": "Trade", "text": TEXT},
        "claims": claims,
    }  # fmt: skip
    (out / "trade.claims.json").write_text(json.dumps(document), encoding="utf-8")
    return out


def test_help_is_fast_and_loads_no_web_code() -> None:
    code = "import sys, factex.cli; print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"
    result = run("review", "--help")
    assert result.returncode == 0 and "serve" in result.stdout and "export" in result.stdout


def test_serve_refuses_bad_arguments(tmp_path: Path, outdir: Path) -> None:
    missing = run("review", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "not a folder" in missing.stderr
    short = run("review", str(outdir), "--token", "abc")
    assert short.returncode == 2 and "at least 16" in short.stderr


@needs_web
def test_busy_port_is_a_clear_error(outdir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        result = run("review", str(outdir), "--port", str(taken.getsockname()[1]))
    assert result.returncode == 1 and "cannot listen on 127.0.0.1" in result.stderr


@needs_web
def test_off_loopback_needs_the_printed_token(outdir: Path) -> None:
    import httpx

    process = subprocess.Popen(
        [FACTEX, "review", str(outdir), "--host", "0.0.0.0", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=ENV,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"http://\S+:(\d+)/\?token=([\w-]+)", first)
        assert match, first + process.stdout.readline()
        port, token = match.groups()
        assert len(token) >= 24 and f"token {token}" in process.stdout.readline()
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=10) as client:
            assert client.get("/").status_code == 401
            entry = client.get(f"/?token={token}")
            assert entry.status_code == 303 and entry.headers["location"] == "/"
            assert client.get("/").status_code == 200  # the cookie
            assert "Trade" in client.get("/article/trade").text
        assert httpx.get(base + "/", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_export_from_the_command_line(tmp_path: Path, outdir: Path) -> None:
    assert run("review", "export", str(outdir)).returncode == 1  # no verdicts yet: clear error
    document = json.loads((outdir / "trade.claims.json").read_text(encoding="utf-8"))
    first, second = document["claims"]
    with VerdictStore(outdir / "review.sqlite") as store:
        store.save("trade", first["id"], base_version=0, verdict="misleading", reviewer="ann", note="base effect",
                   claim_snapshot=first)  # fmt: skip
        store.save("trade", second["id"], base_version=0, verdict="accurate", reviewer="bob", claim_snapshot=second)
        gone = {"id": "c_gone00000000000", "mention": {"text": "7%", "start": 1, "end": 3}}
        store.save("trade", gone["id"], base_version=0, verdict="inaccurate", reviewer="ann", claim_snapshot=gone)
    table = tmp_path / "verdicts.csv"
    result = run("review", "export", str(outdir), "--format", "csv", "-o", str(table))
    assert result.returncode == 0 and "3 reviewed claim(s) exported" in result.stderr
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert [(r["mention"], r["verdict"], r["orphaned"]) for r in rows] == [
        ("7%", "inaccurate", "true"), ("6.3 percent", "misleading", "false"), ("$5bn", "accurate", "false")
    ]  # fmt: skip
    lines = run("review", "export", str(outdir)).stdout.splitlines()
    assert len(lines) == 3 and json.loads(lines[1])["review"]["note"] == "base effect"
    reviews = run(
        "review", "export", str(outdir), "--format", "claimreview", "--author", "Fact Desk",
        "--author-url", "https://factdesk.example", "--url-template", "https://factdesk.example/{article_id}/{claim_id}",
    )  # fmt: skip
    assert reviews.returncode == 0, reviews.stderr
    items = json.loads(reviews.stdout)
    assert len(items) == 2  # the orphan is left out of ClaimReview
    assert items[0]["claimReviewed"] == "exports: up 6.3 percent, in 2023 (2023-01-01 – 2023-12-31)"
    assert items[0]["reviewRating"]["alternateName"] == "Misleading" and items[0]["reviewRating"]["ratingValue"] == 2
    start, end = first["mention"]["start"], first["mention"]["end"]
    assert items[0]["itemReviewed"]["appearance"]["url"] == f"https://news.example/trade#char={start},{end}"
    assert items[0]["url"] == f"https://factdesk.example/trade/{first['id']}"
    assert items[0]["author"] == {"@type": "Organization", "name": "Fact Desk", "url": "https://factdesk.example"}
    assert items[1]["claimReviewed"] == "exports: USD 5,000,000,000, in 2023 (2023-01-01 – 2023-12-31)"
    bad = run("review", "export", str(outdir), "--format", "claimreview", "--url-template", "x/{claim_id.__class__}")
    assert bad.returncode == 2 and "unknown placeholder" in bad.stderr


@needs_web
def test_load_benchmark_small() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "review_load.py"), "--clients", "4", "--saves", "120"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "120 verdicts sent, 120 acknowledged, 0 refused" in result.stdout
    assert "holds 120 verdicts, 120 changes; lost 0" in result.stdout
