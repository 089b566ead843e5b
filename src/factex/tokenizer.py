"""Tokenizer rules for figures: split "6.3%-rise", "2013–2023" and "$5bn" into their parts.

Offsets stay valid: these rules only add split points, never change text.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_suffix_regex

EXTRA_INFIXES = (
    r"(?<=\d)%(?=[-–—])",  # 6.3%-rise
    r"(?<=%)[-–—](?=[A-Za-z])",
    r"(?<=\d)[–—](?=\d)",  # 2013–2023
)
EXTRA_SUFFIXES = (r"(?<=\d)(?:bn|mn|tn|trn|bln|mln)",)  # 5bn


def customize_tokenizer(nlp: Language) -> Language:
    """Add factex's infix and suffix rules to the language defaults of the tokenizer (idempotent)."""
    tokenizer = nlp.tokenizer
    infixes = list(nlp.Defaults.infixes or [])
    suffixes = list(nlp.Defaults.suffixes or [])
    # Each setter below reloads the special cases (thousands of them, a tenth of a second each time):
    # set them while the rules are empty, then put the rules back once.
    rules = tokenizer.rules  # type: ignore[union-attr]
    tokenizer.rules = {}  # type: ignore[union-attr]
    tokenizer.infix_finditer = compile_infix_regex([*infixes, *EXTRA_INFIXES]).finditer  # type: ignore[union-attr]
    tokenizer.suffix_search = compile_suffix_regex([*EXTRA_SUFFIXES, *suffixes]).search  # type: ignore[union-attr]
    tokenizer.rules = rules  # type: ignore[union-attr]
    return nlp


@spacy.registry.callbacks("factex.customize_tokenizer.v1")
def create_customize_tokenizer() -> Callable[[Language], Language]:
    """Registered callback for ``[nlp.after_creation]`` or ``[initialize.before_init]`` in a config."""
    return customize_tokenizer
