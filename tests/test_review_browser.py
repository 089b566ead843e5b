"""The review app in a real browser: Playwright driving Debian's Chromium (never a downloaded browser).

Skipped when /usr/bin/chromium or playwright is missing (CI installs Chromium in .ci/run). Screenshots
of the article view go to tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install -y chromium",
        allow_module_level=True,
    )
pytest.importorskip("starlette", reason="the review extra is not installed (pip install 'factex[review]')")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install 'factex[dev]')")
expect = sync_api.expect

from factex.review.app import create_app  # noqa: E402
from factex.review.server import BackgroundServer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
HOSTILE_TEXT = (
    "Markup test <script>window.pwned = 1; alert(1)</script>\n\n"
    'Sales rose 5 percent to $3 billion in 2024 <img src=x onerror="window.pwned = 2; alert(2)">, '
    "the company said.\n\nStaff numbers reached 1,200 </textarea><b>bold</b> at the end of June.\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real extraction of a corpus article and of a hostile one, served on a free loopback port."""
    from factex.api import extract_articles
    from factex.claim import Article
    from factex.io import read_article

    outdir = tmp_path_factory.mktemp("review-browser") / "out"
    outdir.mkdir()
    articles = [
        read_article(ROOT / "corpus" / "energy_oil_power.txt", base=ROOT / "corpus"),
        Article(
            id="hostile",
            text=HOSTILE_TEXT,
            date="2025-07-01",
            path="hostile.txt",
            url="javascript:alert(5)",
            title="<script>alert(3)</script> Sales <img src=x onerror=alert(4)>",
            source="<b>Wire</b>",
        ),
    ]
    for result in extract_articles(articles):
        document = result.to_dict(include_text=True)
        (outdir / f"{result.article.id}.claims.json").write_text(json.dumps(document), encoding="utf-8")
    app = create_app(outdir, reviewer="")
    with BackgroundServer(app) as server:
        yield server.url, outdir / "review.sqlite"
    app.state.review.store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        yield chromium
        chromium.close()


def open_article(browser: Any, url: str, key: str, reviewer: str | None) -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/article/{key}")
    if reviewer:
        page.fill("#reviewer", reviewer)
        page.press("#reviewer", "Enter")  # leaves the box: keys go to the page again
    return page


def has(*classes: str) -> re.Pattern[str]:
    """A class attribute holding all these classes, in any order."""
    return re.compile("".join(rf"(?=.*\b{re.escape(c)}\b)" for c in classes))


def shoot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


def verdict_rows(db: Path, claim: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT verdict, reviewer, version FROM verdicts WHERE claim = ?", (claim,)).fetchall()


def test_keyboard_review_survives_reload(site: tuple[str, Path], browser: Any) -> None:
    url, db = site
    page = open_article(browser, url, "energy_oil_power", "alice")
    cards = page.locator(".claim-card")
    assert cards.count() > 10
    expect(cards.nth(0)).to_have_class(has("selected"))
    for key in ("1", "j", "2", "j", "3"):
        page.keyboard.press(key)
    for n in range(3):
        expect(cards.nth(n)).to_have_attribute("data-save", "saved")
    third = cards.nth(2)
    # e: a corrected value; n: a note; u: undo the note
    page.keyboard.press("e")
    value = third.locator('[data-role="edit"] input[name="value"]')
    expect(value).to_be_focused()
    value.fill("4100000")
    value.press("Enter")
    expect(third.locator('[data-role="corrected"]')).to_have_text("Corrected: value 4100000")  # changed fields only
    page.keyboard.press("n")
    note = third.locator('[data-role="note-form"] textarea')
    expect(note).to_be_focused()
    note.fill("Regulator's release says otherwise")
    note.press("Enter")
    expect(third.locator('[data-role="note"]')).to_have_text("Note: Regulator's release says otherwise")
    page.keyboard.press("u")
    expect(third.locator('[data-role="note"]')).to_be_hidden()
    expect(page.locator("#reviewed-count")).to_have_text("3")
    shoot(page, "review-article-keyboard.png")

    page.reload()
    cards = page.locator(".claim-card")
    expect(cards.nth(0).locator('[data-role="badge"]')).to_have_text("Accurate")
    expect(cards.nth(1).locator('[data-role="badge"]')).to_have_text("Inaccurate")
    expect(cards.nth(2).locator('[data-role="badge"]')).to_have_text("Misleading")
    expect(cards.nth(3).locator('[data-role="badge"]')).to_have_text("not reviewed")
    expect(cards.nth(2).locator('[data-role="corrected"]')).to_contain_text("value 4100000")
    expect(cards.nth(2).locator('[data-role="note"]')).to_be_hidden()
    expect(cards.nth(2).locator('[data-role="history"] li')).to_have_count(4)  # verdict, edit, note, undo
    expect(page.locator("#reviewed-count")).to_have_text("3")
    first_mark = page.locator("mark.hl").first
    expect(first_mark).to_have_class(has("selected", "v-accurate"))
    claim = cards.nth(1).get_attribute("data-claim")
    assert verdict_rows(db, claim) == [("inaccurate", "alice", 1)]

    # a click on a highlight selects its claim, a click on a claim selects its highlight
    sixth = cards.nth(5).get_attribute("data-claim")
    page.locator(f'mark[data-claims~="{sixth}"]').first.click()
    expect(cards.nth(5)).to_have_class(has("selected"))
    cards.nth(7).locator(".mention").click()
    seventh = cards.nth(7).get_attribute("data-claim")
    expect(page.locator(f'mark[data-claims~="{seventh}"]').first).to_have_class(has("selected"))
    page.context.close()


def test_two_reviewers_same_claim_second_is_refused(site: tuple[str, Path], browser: Any) -> None:
    url, db = site
    alice = open_article(browser, url, "energy_oil_power", "alice")
    bob = open_article(browser, url, "energy_oil_power", "bob")  # both loaded before either saves
    for page in (alice, bob):
        for _ in range(9):
            page.keyboard.press("j")
    claim = alice.locator(".claim-card.selected").get_attribute("data-claim")
    assert bob.locator(".claim-card.selected").get_attribute("data-claim") == claim
    alice.keyboard.press("1")
    expect(alice.locator(".claim-card.selected")).to_have_attribute("data-save", "saved")
    bob.keyboard.press("2")
    card = bob.locator(".claim-card.selected")
    expect(card).to_have_attribute("data-save", "conflict")
    expect(card.locator('[data-role="conflict"]')).to_contain_text("Not saved: alice changed this claim")
    expect(card.locator('[data-role="badge"]')).to_have_text("Accurate")  # the current state is shown
    expect(bob.locator("#status")).to_contain_text("Not saved")
    shoot(bob, "review-article-conflict.png")
    assert verdict_rows(db, claim) == [("accurate", "alice", 1)]
    # having seen alice's verdict, bob may still change it, on purpose
    bob.keyboard.press("2")
    expect(card).to_have_attribute("data-save", "saved")
    assert verdict_rows(db, claim) == [("inaccurate", "bob", 2)]
    alice.context.close()
    bob.context.close()


def test_hostile_article_renders_as_text(site: tuple[str, Path], browser: Any) -> None:
    url, _ = site
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{url}/article/hostile")
    text = page.locator("#article-text")
    expect(text).to_contain_text("<script>window.pwned = 1; alert(1)</script>")
    expect(text).to_contain_text('<img src=x onerror="window.pwned = 2; alert(2)">')
    expect(text).to_contain_text("</textarea><b>bold</b>")
    expect(page.locator("h1.title")).to_have_text("<script>alert(3)</script> Sales <img src=x onerror=alert(4)>")
    assert page.locator("#article-text mark.hl").count() >= 2  # the claims are still highlighted
    assert page.locator("img").count() == 0
    assert page.locator("main script").count() == 1  # only the page data (type application/json)
    assert page.locator("b").count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    page.keyboard.press("j")  # the keyboard still works on the page
    expect(page.locator(".claim-card").nth(1)).to_have_class(has("selected"))
    shoot(page, "review-article-hostile.png")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert dialogs == []
    context.close()


def test_articles_list_in_browser(site: tuple[str, Path], browser: Any) -> None:
    url, _ = site
    context = browser.new_context(viewport={"width": 1400, "height": 700})
    page = context.new_page()
    page.goto(url)
    expect(page.locator("tr[data-key]")).to_have_count(2)
    page.select_option("select[name=status]", "todo")
    page.fill("input[name=q]", "alberta")
    page.click("button[type=submit]")
    expect(page.locator("tr[data-key]")).to_have_count(1)
    page.click('tr[data-key="energy_oil_power"] a')
    expect(page.locator("h1.title")).to_contain_text("Alberta oil output")
    context.close()
