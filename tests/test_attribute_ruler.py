"""The indexed attribute ruler gives the same tokens as spaCy's, on real text and on its odd patterns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy

from factex.components.attributes import FactexAttributeRuler, use_fast_attribute_ruler
from factex.pipeline import model_name

ROOT = Path(__file__).resolve().parent.parent
TRICKY = (
    "I ain't gonna do it, y'all. Let's go. Gotta run. It isn't there, is it? There are 5 of them. "
    "Nothin' gets done, but I got it.  Whether you like it or not, that is that.\n\n  The end."
)


def _view(doc: Any) -> list[tuple[str, str, str, str, str, str]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def pair() -> tuple[Any, Any]:
    original = spacy.load(model_name(), disable=["lemmatizer"])
    fast = spacy.load(model_name(), disable=["lemmatizer"])
    use_fast_attribute_ruler(fast)
    return original, fast


def test_replacement_keeps_name_and_patterns(pair: tuple[Any, Any]) -> None:
    original, fast = pair
    ruler = fast.get_pipe("attribute_ruler")
    assert isinstance(ruler, FactexAttributeRuler)
    assert fast.pipe_names == original.pipe_names
    assert ruler.patterns == original.get_pipe("attribute_ruler").patterns


def test_same_tokens_on_corpus_and_odd_text(pair: tuple[Any, Any]) -> None:
    original, fast = pair
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))] + [TRICKY]
    for a, b in zip(original.pipe(texts), fast.pipe(texts), strict=True):
        assert _view(a) == _view(b)


def test_pattern_beyond_the_index_falls_back_to_the_matcher(pair: tuple[Any, Any]) -> None:
    _, fast = pair
    ruler = FactexAttributeRuler(fast.vocab, "extra")
    ruler.add([[{"LOWER": "gets"}, {"POS": "VERB", "OP": "?"}]], {"LEMMA": "GET"})
    ruler.add([[{"TAG": "CD"}]], {"LEMMA": "NUMBER"})
    doc = ruler(fast("Nothing gets done: 5 of them."))
    assert [t.lemma_ for t in doc if t.text in ("gets", "5")] == ["GET", "NUMBER"]
    assert ruler._fallback


def test_later_pattern_wins_and_index_is_rebuilt_after_add(pair: tuple[Any, Any]) -> None:
    _, fast = pair
    ruler = FactexAttributeRuler(fast.vocab, "extra")
    ruler.add([[{"TAG": "CD"}]], {"LEMMA": "first"})
    assert [t.lemma_ for t in ruler(fast("There are 5."))][2] == "first"
    ruler.add([[{"LOWER": {"IN": ["5", "6"]}}]], {"LEMMA": "second"})
    doc = ruler(fast("There are 5."))
    assert doc[2].lemma_ == "second"
    assert not ruler._fallback


def test_factory_loads_through_the_entry_point() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("factex_attribute_ruler")
    assert isinstance(ruler, FactexAttributeRuler)


def test_factex_pipeline_saved_and_loaded_keeps_the_indexed_ruler(nlp: Any, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    ruler = loaded.get_pipe("attribute_ruler")
    assert isinstance(ruler, FactexAttributeRuler)
    assert len(ruler.patterns) == len(nlp.get_pipe("attribute_ruler").patterns)
    text = "Exports rose 6.3% to $5bn in 2024, the ministry said."
    assert _view(loaded(text)) == _view(nlp(text))
    assert [c["mention"]["text"] for c in loaded(text)._.factex_claims] == ["6.3%", "$5bn"]
