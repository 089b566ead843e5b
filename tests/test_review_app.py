"""The review app without a browser: pages, the save API, concurrency, re-extraction, security, exports."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the review extra is not installed (pip install 'factex[review]')")

import httpx

from factex.review.app import create_app
from factex.review.export import export_text
from factex.review.render import claim_reviewed, segments, value_label
from factex.review.server import BackgroundServer

HOSTILE = (
    "Markup test <script>window.pwned = 1</script>\n\n"
    'Sales rose 5 percent to $3 billion in 2024 <img src=x onerror="window.pwned = 2">, the company said.\n'
    "Staff numbers reached 1,200 & counting </textarea></script><b>bold?</b>\n"
)


def claim_id(article: str, start: int, end: int, amount: float) -> str:
    return "c_" + hashlib.sha256(f"{article}|{start}|{end}|{amount}".encode()).hexdigest()[:16]


def make_claim(article: str, text: str, mention: str, amount: float, unit: str, **extra: Any) -> dict[str, Any]:
    start = text.index(mention)
    end = start + len(mention)
    return {
        "id": claim_id(article, start, end, amount),
        "kind": extra.pop("kind", "quantity"),
        "mention": {"text": mention, "start": start, "end": end},
        "sentence": {"start": 0, "end": len(text)},
        "value": {
            "amount": amount,
            "amount_high": None,
            "unit": unit,
            "unit_text": extra.pop("unit_text", unit),
            "approx": extra.pop("approx", "="),
            "change": extra.pop("change", None),
        },
        "subject": extra.pop("subject", None),
        "metric": extra.pop("metric", None),
        "time": extra.pop("time", None),
        "source": extra.pop("source", None),
        "rule": extra.pop("rule", "test.rule"),
        **extra,
    }


def make_document(article: str, text: str, claims: list[dict[str, Any]], **meta: Any) -> dict[str, Any]:
    return {
        "factex_version": "0.1.0",
        "schema": "factex/schema/claim.schema.json",
        "article": {
            "id": article,
            "path": f"corpus/{article}.txt",
            "date": meta.pop("date", "2025-01-15"),
            "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "url": meta.pop("url", f"https://news.example/{article}"),
            "title": meta.pop("title", article.replace("_", " ").title()),
            "source": meta.pop("source", "Example News"),
            "text": text,
        },
        "claims": claims,
        **meta,
    }


def hostile_document() -> dict[str, Any]:
    text = HOSTILE
    claims = [
        make_claim("hostile", text, "5 percent", 5, "percent", kind="percent", change="up", metric="sales"),
        make_claim(
            "hostile",
            text,
            "$3 billion",
            3e9,
            "USD",
            kind="money",
            subject={"text": "the <b>company</b>", "start": None, "end": None},
            source={"text": '<img src=x onerror="window.pwned = 3">', "start": 0, "end": 1},
        ),
        make_claim("hostile", text, "1,200", 1200, "staff", kind="count", metric="<script>alert(1)</script>"),
    ]
    return make_document("hostile", text, claims, title="<script>window.pwned = 4</script> Markup")


GRAIN = (
    "Heilongjiang harvest\n\n"
    "In 2023, Heilongjiang's grain production reached 77.9 million tons, up 2.1 percent, "
    "accounting for 11.2 percent of China's total output, the provincial bureau said.\n"
)


def grain_document(with_checks: bool = True) -> dict[str, Any]:
    time = {"text": "In 2023", "start": "2023-01-01", "end": "2023-12-31", "granularity": "year"}
    subject = {"text": "Heilongjiang", "start": 31, "end": 43, "label": "GPE", "resolved_from": None}
    source = {"text": "the provincial bureau", "start": 0, "end": 1}
    claims = [
        make_claim("grain", GRAIN, "77.9 million tons", 77_900_000, "t", unit_text="tons", subject=subject,
                   metric="grain production", time=time, source=source, rule="quantity.unit"),
        make_claim("grain", GRAIN, "2.1 percent", 2.1, "percent", kind="percent", change="up", subject=subject,
                   metric="grain production", time=time),
        make_claim("grain", GRAIN, "11.2 percent", 11.2, "percent", kind="percent", subject=subject,
                   metric="share of total output", time=time),
    ]  # fmt: skip
    extra: dict[str, Any] = {}
    if with_checks:
        extra["checks"] = [
            {"id": "k1", "kind": "share", "status": "holds", "claims": [claims[2]["id"]], "explanation": "fine"},
            {"id": "k2", "kind": "sum", "status": "fails", "claims": [claims[0]["id"]], "expected": 80,
             "observed": 77.9, "tolerance": 0.05, "explanation": "parts do not add up"},
            {"id": "k3", "kind": "change", "status": "unclear", "claims": [claims[1]["id"]], "explanation": "?"},
        ]  # fmt: skip
    return make_document("grain", GRAIN, claims, date="2024-09-01", title="Heilongjiang harvest", **extra)


def write_outdir(outdir: Path, documents: dict[str, dict[str, Any]]) -> Path:
    for key, document in documents.items():
        path = outdir / f"{key}.claims.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return outdir


@pytest.fixture
def outdir(tmp_path: Path) -> Path:
    return write_outdir(tmp_path / "out", {"grain": grain_document(), "sub/hostile": hostile_document()})


@contextmanager
def served(app: Any) -> Iterator[httpx.Client]:
    """The app on a free loopback port (real uvicorn), and a client for it."""
    try:
        with BackgroundServer(app) as server, httpx.Client(base_url=server.url, timeout=10) as http:
            yield http
    finally:
        app.state.review.store.close()


@pytest.fixture
def client(outdir: Path) -> Iterator[httpx.Client]:
    CURRENT_DB[:] = [outdir / "review.sqlite"]
    with served(create_app(outdir, reviewer="tester")) as http:
        yield http


def csrf_of(client: httpx.Client) -> str:
    page = client.get("/").text
    match = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
    assert match
    return match.group(1)


def save(client: httpx.Client, claim: str, verdict: str | None, base: int, article: str = "grain", **body: Any) -> Any:
    payload = {"article": article, "claim": claim, "base_version": base, "verdict": verdict, "reviewer": "ann"}
    payload.update(body)
    return client.post("/api/verdict", json=payload, headers={"X-CSRF-Token": csrf_of(client)})


def client_db(client: httpx.Client) -> Path:
    return CURRENT_DB[0]


CURRENT_DB: list[Path] = []


def page_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_articles_list_counts_filter_sort(client: httpx.Client) -> None:
    ids = [c["id"] for c in grain_document()["claims"]]
    assert save(client, ids[0], "inaccurate", 0).status_code == 200
    assert save(client, ids[1], "accurate", 0).status_code == 200
    html = client.get("/").text
    assert "2 articles · 6 claims · <strong>2</strong> reviewed · <strong>1</strong> flagged" in html
    row = re.search(r'<tr class="" data-key="grain">(.*?)</tr>', html, re.S)
    assert row
    assert '<td class="num reviewed">2' in row.group(1)
    assert '<td class="num flagged">1</td>' in row.group(1)
    assert '<span class="check-fails">1</span> / <span class="check-unclear">1</span>' in row.group(1)
    assert 'data-key="sub/hostile"' in html
    assert 'data-key="sub/hostile"' not in client.get("/?q=heilong").text
    assert 'data-key="grain"' not in client.get("/?status=todo&q=nothing").text
    flagged = client.get("/?status=flagged").text
    assert 'data-key="grain"' in flagged and 'data-key="sub/hostile"' not in flagged
    by_reviewed = client.get("/?sort=reviewed&order=desc").text
    assert by_reviewed.index('data-key="grain"') < by_reviewed.index('data-key="sub/hostile"')
    by_key = client.get("/?sort=key&order=desc").text
    assert by_key.index('data-key="sub/hostile"') < by_key.index('data-key="grain"')
    assert client.get("/?sort=__class__&status=<x>").status_code == 200  # unknown values fall back


def test_article_page_highlights_every_claim_and_shows_fields(client: httpx.Client) -> None:
    html = client.get("/article/grain").text
    for claim in grain_document()["claims"]:
        assert f'<mark class="hl" data-claims="{claim["id"]}">{claim["mention"]["text"]}</mark>' in html
    assert "Heilongjiang" in html and "grain production" in html
    assert "77,900,000 t" in html
    assert "In 2023 (2023-01-01 – 2023-12-31)" in html
    assert "the provincial bureau" in html and "<code>quantity.unit</code>" in html
    # checks: failed first, then unclear, then holds, with the arithmetic
    section = html[html.index('<section class="checks"') :]
    assert section.index("check-fails") < section.index("check-unclear") < section.index("check-holds")
    assert "expected 80, stated 77.9 (± 0.05)" in section
    assert f'data-select="{grain_document()["claims"][0]["id"]}">77.9 million tons</button>' in section
    assert html.count('class="check-flag"') == 1
    data = page_data(html)
    assert data["article"] == "grain" and len(data["claims"]) == 3 and data["state"] == {}


def test_article_text_is_escaped(client: httpx.Client) -> None:
    html = client.get("/article/sub/hostile").text
    assert "<script>window.pwned" not in html
    assert "<img src=x" not in html and "<b>" not in html
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.pwned = 2&#34;&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # metric
    assert "&lt;script&gt;window.pwned = 4&lt;/script&gt; Markup" in html  # title
    # the page data cannot close its script element
    block = re.search(r'id="review-data">(.*?)</script>', html, re.S)
    assert block and "<" not in block.group(1)
    # only our own script tag
    assert re.findall(r"<script[^>]*>", html) == [
        '<script type="application/json" id="review-data">',
        '<script src="/static/review.js">',
    ]


def test_segments_cover_text_with_overlaps() -> None:
    text = "abc 12 percent def"
    a = {"id": "c_a", "mention": {"text": "12 percent", "start": 4, "end": 14}}
    b = {"id": "c_b", "mention": {"text": "12", "start": 4, "end": 6}}
    bad = {"id": "c_bad", "mention": {"text": "nope", "start": 0, "end": 4}}
    parts = segments(text, [a, b, bad])
    assert "".join(p.text for p in parts) == text
    assert [(p.text, p.claims) for p in parts] == [
        ("abc ", ()),
        ("12", ("c_b", "c_a")),
        (" percent", ("c_a",)),
        (" def", ()),
    ]


def test_save_conflict_history_and_undo(client: httpx.Client) -> None:
    first = grain_document()["claims"][0]["id"]
    ok = save(client, first, "accurate", 0)
    assert ok.status_code == 200
    assert ok.json()["state"]["version"] == 1 and ok.json()["state"]["reviewer"] == "ann"
    # a second reviewer who loaded the page before that save is refused, and told the current state
    stale = save(client, first, "inaccurate", 0, reviewer="bob")
    assert stale.status_code == 409
    current = stale.json()["current"]
    assert current["verdict"] == "accurate" and current["reviewer"] == "ann" and current["version"] == 1
    # the same reviewer, from the current version: corrected value and note
    fixed = save(client, first, "inaccurate", 1, corrected={"value": "78,100,000", "unit": "t"}, note="see bureau")
    assert fixed.status_code == 200
    state = fixed.json()["state"]
    assert state["corrected"] == {"value": 78100000, "unit": "t"} and state["note"] == "see bureau"
    undone = save(client, first, "accurate", 2, action="undo")
    assert undone.status_code == 200
    assert [h["version"] for h in undone.json()["state"]["history"]] == [3]  # the client holds the others
    data = page_data(client.get("/article/grain").text)
    assert data["state"][first]["verdict"] == "accurate" and data["state"][first]["version"] == 3
    history = data["state"][first]["history"]
    assert [h["version"] for h in history] == [3, 2, 1]
    assert [h["action"] for h in history] == ["undo", "save", "save"]
    assert [h["reviewer"] for h in history] == ["ann", "ann", "ann"]
    assert history[1]["note"] == "see bureau" and all(h["at"].endswith("Z") for h in history)
    # the refused save left no trace
    with sqlite3.connect(client_db(client)) as db:
        assert db.execute("SELECT COUNT(*) FROM history WHERE reviewer = 'bob'").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"verdict": "true"}, 400),
        ({"reviewer": ""}, 400),
        ({"reviewer": "x" * 101}, 400),
        ({"corrected": {"value": "lots"}}, 400),
        ({"corrected": {"path": "/etc/passwd"}}, 400),
        ({"note": "x" * 10_001}, 400),
        ({"base_version": "0"}, 400),
        ({"claim": "c_0000000000000000"}, 404),
        ({"article": "../../etc/passwd"}, 404),
        ({"article": 5}, 400),
    ],
)
def test_save_refuses_bad_bodies(client: httpx.Client, body: dict[str, Any], status: int) -> None:
    first = grain_document()["claims"][0]["id"]
    payload = {"article": "grain", "claim": first, "base_version": 0, "verdict": "accurate", "reviewer": "ann"}
    payload.update(body)
    response = client.post("/api/verdict", json=payload, headers={"X-CSRF-Token": csrf_of(client)})
    assert response.status_code == status, response.text
    assert "error" in response.json()


def test_csrf_origin_host_and_paths(client: httpx.Client) -> None:
    first = grain_document()["claims"][0]["id"]
    body = {"article": "grain", "claim": first, "base_version": 0, "verdict": "accurate", "reviewer": "ann"}
    assert client.post("/api/verdict", json=body).status_code == 403
    assert client.post("/api/verdict", json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    headers = {"X-CSRF-Token": csrf_of(client), "Origin": "http://evil.example"}
    assert client.post("/api/verdict", json=body, headers=headers).status_code == 403
    form = client.post("/api/verdict", content=b"verdict=accurate", headers={"X-CSRF-Token": csrf_of(client)})
    assert form.status_code == 415
    assert client.get("/", headers={"Host": "attacker.example:8765"}).status_code == 421
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200
    for path in ("/static/../app.py", "/static/%2e%2e%2fapp.py", "/static/store.py", "/article/..%2F..%2Fetc%2Fpasswd",
                 "/article/grain.claims.json", "/review.sqlite"):  # fmt: skip
        assert client.get(path).status_code == 404, path
    response = client.get("/static/review.js")
    assert response.status_code == 200 and "keydown" in response.text
    html = client.get("/article/grain")
    assert "script-src 'self'" in html.headers["content-security-policy"]
    assert html.headers["x-frame-options"] == "DENY"
    assert client.get("/api/verdict").status_code == 405


def test_token_required_off_loopback(outdir: Path) -> None:
    token = "s3cret-token-for-tests"
    app = create_app(outdir, token=token, loopback_only=False)
    with served(app) as remote:
        assert remote.get("/").status_code == 401
        assert remote.get("/?token=wrong").status_code == 401
        entry = remote.get("/article/grain?token=" + token, follow_redirects=False)
        assert entry.status_code == 303 and entry.headers["location"] == "/article/grain"
        assert "HttpOnly" in entry.headers["set-cookie"] and "SameSite=Strict" in entry.headers["set-cookie"]
        assert remote.get("/article/grain").status_code == 200  # the cookie now
        with httpx.Client(base_url=str(remote.base_url)) as other:  # no cookie: a bearer token works too
            assert other.get("/", headers={"Authorization": f"Bearer {token}"}).status_code == 200
            assert other.get("/", headers={"Authorization": "Bearer nope"}).status_code == 401
            assert other.get("/article/grain").status_code == 401


def test_verdicts_survive_reextraction_and_orphans_are_listed(client: httpx.Client, outdir: Path) -> None:
    claims = grain_document()["claims"]
    assert save(client, claims[0]["id"], "accurate", 0).status_code == 200
    assert save(client, claims[2]["id"], "misleading", 0, note="share of what?").status_code == 200
    # new rules: claim 2 is gone, a new claim appears, claim 0 keeps its id
    changed = grain_document()
    changed["claims"] = [claims[0], claims[1], make_claim("grain", GRAIN, "77.9", 77.9, "")]
    write_outdir(outdir, {"grain": changed})
    data = page_data(client.get("/article/grain").text)
    assert data["state"][claims[0]["id"]]["verdict"] == "accurate"
    assert claims[2]["id"] not in data["state"]
    assert "1 verdict(s) of this article belong to claims that are gone" in client.get("/article/grain").text
    orphans = client.get("/orphans").text
    assert claims[2]["id"] in orphans and "share of what?" in orphans and "11.2 percent" in orphans
    assert "Orphaned verdicts (1)" in client.get("/").text
    # a stale page cannot save on the vanished claim
    assert save(client, claims[2]["id"], "accurate", 1).status_code == 404
    rows = [json.loads(line) for line in export_text(outdir, "jsonl").splitlines()]
    assert {(r["claim"]["id"], r["orphaned"]) for r in rows} == {(claims[0]["id"], False), (claims[2]["id"], True)}


def test_export_jsonl_csv_claimreview(client: httpx.Client, outdir: Path) -> None:
    claims = grain_document()["claims"]
    wrong = save(client, claims[0]["id"], "inaccurate", 0, corrected={"value": "78.1e6"}, note="=bureau")
    assert wrong.status_code == 200
    assert save(client, claims[1]["id"], "accurate", 0).status_code == 200
    assert save(client, claims[2]["id"], "not_a_claim", 0).status_code == 200
    hostile = hostile_document()["claims"][0]["id"]
    assert save(client, hostile, "unverifiable", 0, article="sub/hostile").status_code == 200

    rows = [json.loads(line) for line in export_text(outdir, "jsonl").splitlines()]
    assert len(rows) == 4
    assert rows[0]["article"]["key"] == "grain" and rows[0]["review"]["corrected"] == {"value": 78100000}
    assert rows[0]["review"]["reviewer"] == "ann" and rows[0]["review"]["version"] == 1

    table = list(csv.DictReader(io.StringIO(export_text(outdir, "csv"))))
    assert len(table) == 4
    assert table[0]["mention"] == "77.9 million tons" and table[0]["verdict"] == "inaccurate"
    assert table[0]["note"] == "'=bureau"  # no spreadsheet formulas from reviewers' text
    assert table[0]["corrected_value"] == "78100000" and table[0]["time_start"] == "2023-01-01"

    reviews = json.loads(
        export_text(
            outdir, "claimreview", author="Fact Desk", url_template="https://fd.example/{article_key}/{claim_id}"
        )
    )
    assert len(reviews) == 3  # "not a claim" is not a ClaimReview
    first = reviews[0]
    assert first["@context"] == "https://schema.org" and first["@type"] == "ClaimReview"
    assert first["claimReviewed"] == (
        "Heilongjiang, grain production: 77,900,000 tons, In 2023 (2023-01-01 – 2023-12-31)"
    )
    assert first["reviewRating"] == {
        "@type": "Rating", "alternateName": "Inaccurate", "ratingValue": 1, "bestRating": 5, "worstRating": 1
    }  # fmt: skip
    mention = claims[0]["mention"]
    assert (
        first["itemReviewed"]["appearance"]["url"]
        == f"https://news.example/grain#char={mention['start']},{mention['end']}"
    )
    assert first["author"] == {"@type": "Organization", "name": "Fact Desk"}
    assert first["url"] == f"https://fd.example/grain/{claims[0]['id']}"
    assert first["reviewBody"] == "Corrected: value 78,100,000. =bureau"
    assert reviews[1]["claimReviewed"].startswith("Heilongjiang, grain production: up 2.1 percent")
    unverifiable = reviews[2]["reviewRating"]
    assert unverifiable == {"@type": "Rating", "alternateName": "Unverifiable"}


def test_value_labels() -> None:
    base = {"value": {"amount": 5.0, "amount_high": None, "unit": "USD", "unit_text": "dollars", "approx": ">",
                      "change": None}}  # fmt: skip
    assert value_label(base) == "more than USD 5"
    ranged = {"value": {"amount": 4.1e6, "amount_high": 4.3e6, "unit": "barrel/day", "unit_text": "barrels a day",
                        "approx": "=", "change": None}}  # fmt: skip
    assert value_label(ranged, words=True) == "4,100,000–4,300,000 barrels a day"
    assert claim_reviewed({**ranged, "metric": "oil output"}) == "oil output: 4,100,000–4,300,000 barrels a day"


def test_store_is_wal_and_counts_match(client: httpx.Client, outdir: Path) -> None:
    for claim in grain_document()["claims"]:
        assert save(client, claim["id"], "accurate", 0).status_code == 200
    with sqlite3.connect(outdir / "review.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0] == 3
        assert db.execute("SELECT COUNT(*) FROM history").fetchone()[0] == 3


def test_jsonl_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "jsonl"
    out.mkdir()
    lines = [json.dumps(grain_document()), json.dumps(hostile_document())]
    (out / "claims.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with served(create_app(out)) as http:
        assert 'href="/article/claims/grain"' in http.get("/").text
        page = http.get("/article/claims/hostile")
        assert page.status_code == 200 and "&lt;script&gt;" in page.text
        claim = grain_document()["claims"][0]["id"]
        body = {"article": "claims/grain", "claim": claim, "base_version": 0, "verdict": "accurate", "reviewer": "a"}
        assert http.post("/api/verdict", json=body, headers={"X-CSRF-Token": csrf_of(http)}).status_code == 200


def test_bad_documents_are_listed_not_fatal(outdir: Path) -> None:
    (outdir / "broken.claims.json").write_text("{not json", encoding="utf-8")
    (outdir / "other.claims.json").write_text(json.dumps({"claims": []}), encoding="utf-8")
    with served(create_app(outdir)) as test_client:
        html = test_client.get("/").text
        assert "2 file(s) could not be read" in html and "broken.claims.json" in html
        assert 'data-key="grain"' in html
        assert test_client.get("/article/broken").status_code == 404
