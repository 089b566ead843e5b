"""Load test of the review app: concurrent reviewers saving verdicts on loopback; none may be lost.

Starts ``factex review`` on 127.0.0.1 (a free port) over a generated output folder, runs CLIENTS threads
that together save SAVES verdicts (a bounded loop: SAVES / CLIENTS each, every one on its own claim),
stops the server, then counts the rows in SQLite. Prints the saves sent, acknowledged and stored, and
the median / p95 save latency seen by the clients; exits 1 when a verdict is missing or the median is
over the limit.

    .venv/bin/python benchmarks/review_load.py                     # 20 clients, 2,000 saves
    .venv/bin/python benchmarks/review_load.py --clients 4 --saves 200
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

VERDICTS = ("accurate", "inaccurate", "misleading", "unverifiable", "not_a_claim")


def write_documents(outdir: Path, articles: int, claims_each: int) -> list[tuple[str, list[str]]]:
    """Write ``articles`` output documents of ``claims_each`` claims; return (key, claim ids) for each."""
    made = []
    for a in range(articles):
        key = f"load/article_{a:03d}"
        sentences, claims = [], []
        offset = 0
        for c in range(claims_each):
            sentence = f"Output of unit {c} rose {c % 97 + 1}.5 percent in 2024. "
            mention = f"{c % 97 + 1}.5 percent"
            start = offset + sentence.index(mention)
            cid = "c_" + hashlib.sha256(f"{key}|{start}|{c}".encode()).hexdigest()[:16]
            claims.append(
                {
                    "id": cid,
                    "kind": "percent",
                    "mention": {"text": mention, "start": start, "end": start + len(mention)},
                    "sentence": {"start": offset, "end": offset + len(sentence)},
                    "value": {"amount": c % 97 + 1.5, "amount_high": None, "unit": "percent", "unit_text": "percent",
                              "approx": "=", "change": "up"},
                    "subject": {"text": f"unit {c}", "start": None, "end": None},
                    "metric": "output",
                    "time": {"text": "in 2024", "start": "2024-01-01", "end": "2024-12-31", "granularity": "year"},
                    "rule": "percent.unit",
                }
            )  # fmt: skip
            sentences.append(sentence)
            offset += len(sentence)
        text = "".join(sentences)
        document = {
            "factex_version": "0.1.0",
            "schema": "factex/schema/claim.schema.json",
            "article": {"id": key, "path": f"{key}.txt", "date": "2025-01-01",
                        "sha256": hashlib.sha256(text.encode()).hexdigest(), "title": f"Load article {a}",
                        "url": f"https://news.example/{key}", "text": text},
            "claims": claims,
        }  # fmt: skip
        path = outdir / f"{key}.claims.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document), encoding="utf-8")
        made.append((key, [c["id"] for c in claims]))
    return made


def start_server(outdir: Path, db: Path) -> tuple[subprocess.Popen[str], str]:
    """Start ``factex review`` on 127.0.0.1 with a free port; return the process and its URL."""
    command = [sys.executable, "-c", "from factex.cli import app; app()", "review", "serve", str(outdir),
               "--db", str(db), "--port", "0", "--reviewer", "load"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
    if not match:
        process.kill()
        sys.exit(f"the review server did not start: {line}{process.stdout.read()}")
    threading.Thread(target=process.stdout.read, daemon=True).start()  # keep draining its output
    return process, match.group(1)


def client(url: str, key: str, claims: list[str], saves: int, barrier: threading.Barrier, out: dict[str, Any]) -> None:
    """One reviewer on a keep-alive connection: load the article page (CSRF token), then save ``saves``
    verdicts, one per claim. The standard library's HTTP client keeps the harness's own CPU small."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    connection.connect()
    connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as browsers do
    latencies: list[float] = []
    acknowledged = errors = 0
    try:
        connection.request("GET", f"/article/{key}")
        page = connection.getresponse().read().decode()
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert csrf, "no CSRF token in the article page"
        headers = {"Content-Type": "application/json", "X-CSRF-Token": csrf.group(1)}
        barrier.wait()
        for n in range(saves):  # the bounded loop
            body = {"article": key, "claim": claims[n], "base_version": 0, "verdict": VERDICTS[n % 5],
                    "reviewer": f"reviewer-{key[-3:]}", "note": f"load {n}", "action": "verdict"}  # fmt: skip
            started = time.perf_counter()
            connection.request("POST", "/api/verdict", body=json.dumps(body), headers=headers)
            response = connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - started)
            if response.status == 200:
                acknowledged += 1
            else:
                errors += 1
    finally:
        connection.close()
    out.update(latencies=latencies, acknowledged=acknowledged, errors=errors, sent=saves)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--saves", type=int, default=2000, help="verdicts saved in total")
    parser.add_argument("--max-median-ms", type=float, default=50.0)
    args = parser.parse_args()
    if args.clients < 1 or args.saves < args.clients:
        parser.error("need at least one client and one save per client")
    per_client = [args.saves // args.clients + (i < args.saves % args.clients) for i in range(args.clients)]
    with tempfile.TemporaryDirectory(prefix="factex-review-load-") as tmp:
        outdir = Path(tmp) / "out"
        db = Path(tmp) / "review.sqlite"
        articles = write_documents(outdir, args.clients, max(per_client))
        process, url = start_server(outdir, db)
        results: list[dict[str, Any]] = [{} for _ in range(args.clients)]
        barrier = threading.Barrier(args.clients + 1)
        threads = [
            threading.Thread(target=client, args=(url, key, claims, per_client[i], barrier, results[i]))
            for i, (key, claims) in enumerate(articles)
        ]
        try:
            for thread in threads:
                thread.start()
            barrier.wait()
            started = time.perf_counter()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(timeout=30)
        with sqlite3.connect(db) as check:
            stored = check.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0]
            history = check.execute("SELECT COUNT(*) FROM history").fetchone()[0]
            mode = check.execute("PRAGMA journal_mode").fetchone()[0]
    sent = sum(r.get("sent", 0) for r in results)
    acknowledged = sum(r.get("acknowledged", 0) for r in results)
    errors = sum(r.get("errors", 0) for r in results)
    latencies = sorted(x * 1000 for r in results for x in r.get("latencies", []))
    median = statistics.median(latencies) if latencies else float("inf")
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("inf")
    lost = sent - stored
    print(f"review load: {args.clients} clients on 127.0.0.1, {sent} verdicts sent, {acknowledged} acknowledged, "
          f"{errors} refused; SQLite ({mode}) holds {stored} verdicts, {history} changes; lost {lost}")  # fmt: skip
    print(f"save latency: median {median:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms; "
          f"{sent / elapsed:.0f} saves/s over {elapsed:.2f} s")  # fmt: skip
    ok = lost == 0 and history == sent and errors == 0 and median < args.max_median_ms
    print(f"median save {median:.1f} ms (limit {args.max_median_ms:g} ms), lost {lost}: {'OK' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
