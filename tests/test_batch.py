"""Batch runs: formats, output layout, bad inputs, kill -9 and resume, long articles, the Dask engine.

Most runs are in process (``jobs=1``, the session's pipeline); the kill tests run the real command in a
subprocess, and the Dask test starts a two-worker LocalCluster.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from factex import batch
from factex import io as fio
from factex.chunking import rename, shift_offsets, split_text
from factex.claim import claim_id
from factex.inputs import find_files, safe_name
from factex.io import InputError, iter_jsonl, load_article
from factex.readers import FormatError, parse_html, parse_jsonl_record, parse_markdown
from factex.sinks import JSONL_NAME, JsonlSink
from factex.validate import errors

ROOT = Path(__file__).resolve().parent.parent
_NEXT_TO_PYTHON = Path(sys.executable).parent / "factex"
FACTEX = str(_NEXT_TO_PYTHON)
ENV = {**os.environ, "NO_COLOR": "1", "TERM": "dumb"}
DATE = "2024-09-01"

MD = """---
title: "Ports: a record year"
date: 2025-03-04
url: https://example.org/ports
source: Harbour News
id: ports-2025
---

Container throughput rose 8.2 percent to 41 million TEU, the port authority said.
"""
HTML = b"""<html><head><title>Harvest</title><meta property="og:site_name" content="Farm Weekly">
<meta name="date" content="2025-11-20"></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | Subscribe now for 50% off</nav>
<article><h1>Harvest beats fears</h1>
<p>Wheat output rose 6.3 percent to 12.4 million tonnes in 2024, the agency said on Tuesday.</p>
<p>Farm receipts reached C$5bn, while about 40 grain trains ran each week, up from 31 a year earlier.</p>
</article><footer>Copyright 2025. 100 ways to cook lentils.</footer></body></html>"""
EMPTY_HTML = b"<html><head><title>Nothing here</title></head><body><script>var x = 5;</script></body></html>"


def paragraphs() -> list[str]:
    """The body paragraphs of the sample corpus (no headlines)."""
    found = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        found.extend(p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")[1:] if len(p.strip()) > 100)
    return found


def make_corpus(folder: Path, n: int, *, per_article: int = 1, seed: int = 5) -> list[str]:
    """``n`` short .txt articles in two sub-folders; return their keys (relative paths without suffix)."""
    rng = random.Random(seed)
    pool = paragraphs()
    keys = []
    for i in range(n):
        key = f"part{i % 2}/article_{i:04d}"
        path = folder / f"{key}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(rng.sample(pool, per_article)) + "\n", encoding="utf-8")
        keys.append(key)
    return keys


def run(paths: list[Path], out: Path, **kwargs: Any) -> batch.Summary:
    kwargs.setdefault("date", DATE)
    return batch.run(paths, out, **kwargs)


def outputs(out: Path) -> dict[str, dict[str, Any]]:
    return {
        p.relative_to(out).as_posix().removesuffix(".claims.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(out.rglob("*.claims.json"))
    }


def error_log(out: Path) -> list[dict[str, Any]]:
    path = out / "_errors.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def assert_valid(document: dict[str, Any]) -> None:
    assert errors(document) == [], document["article"]["path"]
    text = document["article"]["text"]
    for claim in document["claims"]:
        assert claim["sentence"]["start"] <= claim["mention"]["start"] < claim["mention"]["end"] <= len(text)


def no_temp_files(out: Path) -> bool:
    return not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


# -- readers ----------------------------------------------------------------------------------------


def test_markdown_front_matter_is_metadata_and_offsets_index_the_body():
    parsed = parse_markdown(MD)
    assert parsed.meta["title"] == "Ports: a record year"
    assert parsed.meta["id"] == "ports-2025"
    assert parsed.text == "\nContainer throughput rose 8.2 percent to 41 million TEU, the port authority said.\n"
    assert parse_markdown("No front matter: 5 percent.\n---\n") == parse_markdown("No front matter: 5 percent.\n---\n")
    assert parse_markdown("Plain 5 percent.").meta == {}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("---\ntitle: x\nbody without closing\n", "never closed"),
        ("---\ntitle: [unclosed\n---\nbody\n", "not valid YAML"),
        ("---\n- a\n- b\n---\nbody\n", "mapping"),
    ],
    ids=["unclosed", "bad-yaml", "list"],
)
def test_markdown_bad_front_matter(text, words):
    with pytest.raises(FormatError) as info:
        parse_markdown(text)
    assert info.value.kind == "bad-metadata"
    assert words in str(info.value)


def test_html_main_text_without_boilerplate():
    parsed = parse_html(HTML)
    assert "Wheat output rose 6.3 percent" in parsed.text
    assert "C$5bn" in parsed.text
    assert "50% off" not in parsed.text and "100 ways" not in parsed.text
    assert parsed.meta["date"] == "2025-11-20"
    assert parsed.meta["source"] == "Farm Weekly"
    with pytest.raises(FormatError) as info:
        parse_html(EMPTY_HTML)
    assert info.value.kind == "empty"


def test_load_article_md_and_html_with_sidecar_and_date_override(tmp_path):
    (tmp_path / "ports.md").write_text(MD, encoding="utf-8")
    article = load_article(tmp_path / "ports.md")
    assert (article.id, article.date, article.source) == ("ports-2025", "2025-03-04", "Harbour News")
    assert article.text.startswith("\nContainer throughput")
    (tmp_path / "farm.html").write_bytes(HTML)
    (tmp_path / "farm.meta.json").write_text(json.dumps({"source": "Sidecar Wins"}), encoding="utf-8")
    article = load_article(tmp_path / "farm.html", date="2024-01-02", article_id="farm")
    assert (article.id, article.date, article.source, article.title) == (
        "farm", "2024-01-02", "Sidecar Wins", "Harvest beats fears")


def test_jsonl_records_and_line_errors(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "Exports rose 5 percent.", "date": "2024-05-06", "url": "u", "title": "t"}),
        "",
        json.dumps({"id": 7, "text": "Imports fell 3 percent."}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "a1", "text": "Duplicate id."}),
        json.dumps({"id": "d", "text": "Bad date 5 percent.", "date": "yesterday"}),
        json.dumps({"id": "e", "text": "   "}),
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "x", "text": "caf\xe9"}\n')
    items = list(iter_jsonl(feed))
    good = [i for i in items if not isinstance(i, InputError)]
    bad = {i.line: i.kind for i in items if isinstance(i, InputError)}
    assert [(a.id, a.date, a.url) for a in good] == [("a1", "2024-05-06", "u"), ("7", None, None)]
    assert bad == {4: "bad-jsonl", 5: "bad-jsonl", 6: "bad-jsonl", 7: "duplicate-id", 8: "bad-date", 9: "empty",
                   10: "encoding"}
    assert all(str(i).startswith(f"{feed}:{i.line}: ") for i in items if isinstance(i, InputError))
    with pytest.raises(FormatError):
        parse_jsonl_record('{"id": true, "text": "x"}')


def test_safe_names_for_ids():
    assert safe_name("wire-123_a.b") == "wire-123_a.b"
    assert safe_name("a/b c").startswith("a_b_c-")
    assert safe_name("../..") != safe_name("..")
    assert "/" not in safe_name("../../etc/passwd")


# -- long articles ----------------------------------------------------------------------------------


def test_split_text_covers_the_text_and_prefers_paragraphs():
    text = "\n\n".join(paragraphs()[:12])
    pieces = list(split_text(text, 700))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 700 for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])
    assert list(split_text("x" * 10, 4)) == [(0, "xxxx"), (4, "xxxx"), (8, "xx")]
    assert rename({"id": "c_1", "claims": ["c_1", "c_2"], "n": 1}, {"c_1": "c_9"}) == {
        "id": "c_9", "claims": ["c_9", "c_2"], "n": 1}
    assert shift_offsets({"a": {"start": 1, "end": 2}, "b": [{"start": 0, "end": 3, "t": "x"}], "c": {"start": "2024"}},
                         10) == {"a": {"start": 11, "end": 12}, "b": [{"start": 10, "end": 13, "t": "x"}],
                                 "c": {"start": "2024"}}
    time = {"text": "2024", "start": "2024-01-01", "end": "2024-12-31", "offsets": [25, 29]}
    assert shift_offsets({"time": time}, 100) == {"time": {**time, "offsets": [125, 129]}}


def test_long_article_is_processed_in_chunks_with_offsets_kept(nlp):
    import factex

    text = "\n\n".join(paragraphs()[:10]) + "\n"
    whole = factex.extract(text, date=DATE, article_id="long", nlp=nlp).to_dict(include_text=True)
    limit = nlp.max_length
    try:
        nlp.max_length = 900  # the text is about three times as long
        chunked = factex.extract(text, date=DATE, article_id="long", nlp=nlp).to_dict(include_text=True)
    finally:
        nlp.max_length = limit
    assert len(text) > 2 * 900
    assert_valid(chunked)
    assert chunked["article"]["text"] == text
    def key(c):
        return c["mention"]["start"], c["mention"]["end"], c["sentence"]["start"], c["value"]["amount"]
    assert len(chunked["claims"]) >= 10
    late = [c for c in chunked["claims"] if c["mention"]["start"] > 900]
    assert late, "claims after the first chunk"
    assert [key(c) for c in chunked["claims"]] == [key(c) for c in whole["claims"]]
    ids = [c["id"] for c in chunked["claims"]]
    assert len(set(ids)) == len(ids)
    timed = [c["time"] for c in chunked["claims"] if c["time"] and c["time"].get("offsets")]
    assert any(t["offsets"][0] > 900 for t in timed), "time expressions after the first chunk"
    assert all(text[t["offsets"][0] : t["offsets"][1]] == t["text"] for t in timed)
    for piece, full in zip(chunked["claims"], whole["claims"], strict=True):
        mention, value = full["mention"], full["value"]
        if full["id"] == claim_id("long", mention["start"], mention["end"], value["amount"], value["unit"]):
            assert piece["id"] == full["id"]  # the id of the whole text, unless the value changed after the id


# -- layout, formats, resume ------------------------------------------------------------------------


@pytest.fixture
def mixed(tmp_path) -> Path:
    """A folder with every article format, a sub-folder, and things that are not articles."""
    corpus = tmp_path / "in"
    make_corpus(corpus, 4)
    (corpus / "ports.md").write_text(MD, encoding="utf-8")
    (corpus / "README.md").write_text("Not an article: 99 percent.\n", encoding="utf-8")
    (corpus / "farm.html").write_bytes(HTML)
    feed = [{"id": "w/1", "text": "Exports rose 5 percent to $2bn."}, {"id": "w2", "text": "Imports fell 3%."}]
    (corpus / "wire").mkdir()
    (corpus / "wire" / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in feed), encoding="utf-8")
    (corpus / ".hidden.txt").write_text("Hidden 5 percent.", encoding="utf-8")
    (corpus / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return corpus


def test_every_format_mirrors_the_tree_and_reruns_skip(mixed, tmp_path):
    out = mixed / "out"  # inside the input folder: never read back as input
    first = run([mixed], out)
    docs = outputs(out)
    assert set(docs) == {"part0/article_0000", "part1/article_0001", "part0/article_0002", "part1/article_0003",
                         "ports", "farm", f"wire/feed/{safe_name('w/1')}", "wire/feed/w2"}
    assert (first.done, first.skipped, first.failed) == (8, 0, 0)
    assert not (out / "_errors.jsonl").exists()
    for document in docs.values():
        assert_valid(document)
        assert document["article"]["date"] == DATE
    assert docs["ports"]["article"]["id"] == "ports-2025"
    assert docs["ports"]["article"]["text"].startswith("\nContainer throughput")
    assert docs["wire/feed/w2"]["article"]["id"] == "w2"
    summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    assert summary["articles"] == {"done": 8, "skipped": 0, "failed": 0}
    assert summary["claims"] == sum(len(d["claims"]) for d in docs.values())

    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.claims.json")}
    (mixed / "part0" / "article_0000.txt").write_text("Grain output rose 4 percent.\n", encoding="utf-8")
    again = run([mixed], out)
    assert (again.done, again.skipped, again.failed) == (1, 7, 0)
    changed = out / "part0" / "article_0000.claims.json"
    assert [p for p in mtimes if p.stat().st_mtime_ns != mtimes[p]] == [changed]
    forced = run([mixed], out, force=True)
    assert (forced.done, forced.skipped) == (8, 0)
    assert no_temp_files(out)


def test_jsonl_output_one_line_per_article_after_force_and_reruns(mixed, tmp_path):
    out = tmp_path / "out"
    run([mixed], out, output_format="jsonl")
    again = run([mixed], out, output_format="jsonl", force=True)
    assert again.done == 8
    lines = (out / JSONL_NAME).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 8  # superseded lines dropped
    documents = [json.loads(line) for line in lines]
    for document in documents:
        assert_valid(document)
    keep = run([mixed], out, output_format="jsonl")
    assert (keep.done, keep.skipped) == (0, 8)
    assert (out / JSONL_NAME).read_text(encoding="utf-8").splitlines() == lines
    assert list(out.glob("*.claims.json")) == []


def test_same_names_in_two_folders_and_clashing_outputs(tmp_path):
    for folder, text in (("x", "Exports rose 5 percent.\n"), ("y", "Imports fell 7 percent.\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "x" / "a.md").write_text("---\ntitle: t\n---\nGrain rose 2 percent.\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = run([tmp_path / "x", tmp_path / "y"], out)
    assert set(outputs(out)) == {"x/a", "y/a"}
    assert outputs(out)["y/a"]["article"]["id"] == "y/a"
    assert (summary.done, summary.failed) == (2, 1)
    [clash] = error_log(out)
    assert clash["error"] == "duplicate"
    assert clash["path"].endswith("a.txt") or clash["path"].endswith("a.md")


# -- bad inputs -------------------------------------------------------------------------------------


def test_every_bad_input_is_logged_and_the_good_ones_come_out(tmp_path, monkeypatch):
    corpus, out = tmp_path / "in", tmp_path / "out"
    good = make_corpus(corpus, 2)
    (corpus / "ports.md").write_text(MD, encoding="utf-8")
    (corpus / "farm.html").write_bytes(HTML)
    bad: dict[str, str] = {
        "bin.txt": "binary",
        "latin.txt": "encoding",
        "empty.txt": "empty",
        "blank.md": "empty",
        "huge.txt": "too-large",
        "dangling.txt": "broken-link",
        "badmeta.meta.json": "bad-metadata",
        "badyaml.md": "bad-metadata",
        "nav.html": "empty",
        "secret.txt": "unreadable",
        "binary.jsonl": "binary",
    }
    (corpus / "bin.txt").write_bytes(b"PK\x03\x04\x00\x00\x00binary")
    (corpus / "latin.txt").write_bytes("Caf\xe9 prices rose 5 percent.".encode("latin-1"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.md").write_text("---\ntitle: nothing\n---\n\n  \n", encoding="utf-8")
    (corpus / "huge.txt").write_bytes(b"Prices rose 5 percent. " * (fio.MAX_BYTES // 23 + 1))
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    (corpus / "badmeta.txt").write_text("Imports fell 7 percent.\n", encoding="utf-8")
    (corpus / "badmeta.meta.json").write_text("{not json", encoding="utf-8")
    (corpus / "badyaml.md").write_text("---\ntitle: [oops\n---\nExports rose 5 percent.\n", encoding="utf-8")
    (corpus / "nav.html").write_bytes(EMPTY_HTML)
    (corpus / "binary.jsonl").write_bytes(b"\x00\x01\x02")
    secret = corpus / "secret.txt"
    secret.write_text("Secret output rose 9 percent.\n", encoding="utf-8")
    secret.chmod(0)
    if os.access(secret, os.R_OK):
        # Running as root: chmod 000 does not stop reads, so make reading this file fail as it would for a user.
        real_read_bytes = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real_read_bytes(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    feed = [
        json.dumps({"id": "ok", "text": "Exports rose 5 percent."}),
        "{broken",
        json.dumps({"id": "ok", "text": "Same id again."}),
        json.dumps({"id": "nodate", "text": "Output rose 2 percent.", "date": "2024-13-01"}),
        json.dumps({"text": "No id."}),
    ]
    (corpus / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    jsonl_bad = {2: "bad-jsonl", 3: "duplicate-id", 4: "bad-date", 5: "bad-jsonl"}

    summary = run([corpus], out, date=None)
    logged = error_log(out)
    by_file = {Path(e["path"]).name: e["error"] for e in logged if "line" not in e}
    by_line = {e["line"]: e["error"] for e in logged if "line" in e}
    assert by_file == bad
    assert by_line == jsonl_bad
    for entry in logged:
        assert entry["path"] in entry["message"]
        assert set(entry) <= {"path", "line", "error", "message"}
    assert summary.failed == len(bad) + len(jsonl_bad)
    docs = outputs(out)
    assert set(docs) == {*good, "ports", "farm", "feed/ok"}
    for document in docs.values():
        assert_valid(document)
    written = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    assert written["articles"] == {"done": 5, "skipped": 0, "failed": len(bad) + len(jsonl_bad)}
    assert written["errors_by_kind"]["bad-jsonl"] == 2

    for name in bad:  # fix everything: the log belongs to the last run
        (corpus / name).unlink()
    (corpus / "feed.jsonl").write_text(feed[0] + "\n", encoding="utf-8")
    clean = run([corpus], out, date=None)
    assert (clean.done, clean.skipped, clean.failed) == (1, 5, 0)  # badmeta.txt, its bad sidecar gone
    assert not (out / "_errors.jsonl").exists()


def test_find_files_reports_broken_links_and_skips_non_articles(tmp_path):
    (tmp_path / "a.txt").write_text("x 5 percent", encoding="utf-8")
    (tmp_path / "notes.md").write_text("no front matter", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "dead.html").symlink_to(tmp_path / "nowhere.html")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)  # links to folders are not followed
    files, problems = find_files([tmp_path, tmp_path / "a.txt"])
    assert [f.name for f in files] == ["a.txt"]  # the link to a.txt and a.txt given twice: once
    assert [(Path(p.source).name, p.kind) for p in problems] == [("dead.html", "broken-link")]
    files, _ = find_files([tmp_path / "notes.md"])
    assert [f.name for f in files] == ["notes.md"]  # named explicitly: read whatever it holds


def test_jsonl_sink_cuts_a_broken_last_line(tmp_path):
    path = tmp_path / JSONL_NAME
    document = {"article": {"path": "a.txt", "id": "a"}, "factex_version": "x", "claims": []}
    path.write_text(json.dumps(document) + "\n" + '{"article": {"path": "b.t', encoding="utf-8")
    sink = JsonlSink(tmp_path)
    assert sink.repaired == len('{"article": {"path": "b.t')
    sink.close()
    assert path.read_text(encoding="utf-8") == json.dumps(document) + "\n"


def test_progress_bar_draws_on_a_terminal():
    from rich.console import Console

    from factex.progress import BatchProgress

    stream = StringIO()
    console = Console(file=stream, force_terminal=True, width=120)
    summary = batch.Summary(total=10, done=4, skipped=1, failed=1)
    summary.claims_by_kind.update({"percent": 7})
    with BatchProgress(console=console) as progress:
        progress.update(summary)
    shown = stream.getvalue()
    assert "6/10" in shown and "7 claims" in shown and "1 failed" in shown
    quiet = StringIO()
    with BatchProgress(enabled=False, console=Console(file=quiet, force_terminal=True)) as progress:
        progress.update(summary)
    assert quiet.getvalue() == ""


def test_cli_usage_errors_exit_2(tmp_path):
    for args in (["-j", "0"], ["--engine", "local", "--scheduler", "tcp://127.0.0.1:1"]):
        proc = subprocess.run([FACTEX, "extract", str(ROOT / "corpus"), "-o", str(tmp_path / "o"), *args],
                              capture_output=True, text=True, env=ENV, timeout=60, check=False)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.startswith("factex: error: ")
    assert not (tmp_path / "o").exists()


# -- kill -9 and resume -----------------------------------------------------------------------------


def _start(corpus: Path, out: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([FACTEX, "extract", str(corpus), "-o", str(out), "--date", DATE, "--quiet", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def _kill_when(proc: subprocess.Popen[bytes], ready: Any, timeout: float = 120) -> None:
    """SIGKILL the run once ``ready()``; its worker processes must not outlive it."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read()!r}"
        assert time.monotonic() < deadline, "no output appeared"
        time.sleep(0.02)
    workers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphans = [pid for pid in workers if _alive(pid)]
    for pid in orphans:
        os.kill(pid, signal.SIGKILL)
    assert not orphans, "worker processes outlived the killed run"


def test_killed_run_then_rerun_gives_every_article_once(tmp_path):
    corpus, out = tmp_path / "in", tmp_path / "out"
    keys = make_corpus(corpus, 96)
    proc = _start(corpus, out, "-j", "2")
    _kill_when(proc, lambda: len(list(out.rglob("*.claims.json"))) >= 8)
    assert proc.stderr is not None and b"Traceback" not in proc.stderr.read()
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.claims.json")}
    assert 8 <= len(before) < len(keys)
    for path in before:  # what a killed run leaves is whole
        assert_valid(json.loads(path.read_text(encoding="utf-8")))

    summary = run([corpus], out)
    assert (summary.done, summary.skipped, summary.failed) == (len(keys) - len(before), len(before), 0)
    docs = outputs(out)
    assert sorted(docs) == sorted(keys)
    for document in docs.values():
        assert_valid(document)
    assert all(p.stat().st_mtime_ns == mtime for p, mtime in before.items())  # done once, never redone
    assert no_temp_files(out)


def test_killed_jsonl_run_with_a_broken_tail_then_rerun(tmp_path):
    corpus, out = tmp_path / "in", tmp_path / "out"
    keys = make_corpus(corpus, 64)
    target = out / JSONL_NAME
    proc = _start(corpus, out, "-j", "1", "--format", "jsonl")
    _kill_when(proc, lambda: target.exists() and target.stat().st_size > 0)
    lines = target.read_bytes().split(b"\n")
    complete = [line for line in lines[:-1] if line]
    assert 0 < len(complete) < len(keys)
    with target.open("ab") as handle:  # as if killed in the middle of writing a line
        handle.write(lines[0][: len(lines[0]) // 2])

    summary = run([corpus], out, output_format="jsonl")
    assert (summary.done, summary.skipped) == (len(keys) - len(complete), len(complete))
    data = target.read_bytes()
    assert data.endswith(b"\n")
    documents = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    assert sorted(d["article"]["id"] for d in documents) == sorted(keys)
    for document in documents:
        assert_valid(document)
    assert no_temp_files(out)


# -- Dask ---------------------------------------------------------------------------------------------


def test_dask_engine_gives_the_same_outputs_as_the_local_engine(mixed, tmp_path):
    distributed = pytest.importorskip("distributed", reason="the Dask engine needs pip install 'factex[dask]'")
    from factex.dask import extract_bag

    (mixed / "broken.jsonl").write_text('{"id": 1}\n', encoding="utf-8")
    local, remote = tmp_path / "local", tmp_path / "dask"
    expected = run([mixed], local, batch_size=2)
    cluster_options = {"n_workers": 2, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
    with distributed.LocalCluster(**cluster_options) as cluster, distributed.Client(cluster) as client:
        got = run([mixed], remote, engine="dask", scheduler=cluster.scheduler_address, batch_size=2)
        bag = extract_bag([mixed / "ports.md", mixed / "wire", mixed / "broken.jsonl"], date=DATE, partition_size=2)
        documents = bag.compute(scheduler=client)
        workers = {w for window in got.memory for w in window}
    assert (got.done, got.failed) == (expected.done, expected.failed) == (8, 1)
    assert len(workers) == 2
    local_files = sorted(p.relative_to(local) for p in local.rglob("*.claims.json"))
    assert local_files == sorted(p.relative_to(remote) for p in remote.rglob("*.claims.json"))
    for rel in local_files:
        assert (local / rel).read_bytes() == (remote / rel).read_bytes(), rel
    assert error_log(local) == error_log(remote)
    by_id = {d["article"]["id"]: d for d in documents if "article" in d}
    assert set(by_id) == {"ports-2025", "w/1", "w2"}
    assert [d["error"] for d in documents if "error" in d] == ["bad-jsonl"]
    ports = json.loads((local / "ports.claims.json").read_text(encoding="utf-8"))
    assert by_id["ports-2025"]["claims"] == ports["claims"]
