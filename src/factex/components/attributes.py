"""A faster drop-in for spaCy's ``attribute_ruler``: same patterns, same result, indexed lookups.

The English model's attribute ruler (tag map and morphology exceptions, about 180 patterns) runs its
patterns through spaCy's general ``Matcher``, which costs about as much as the parser. Its patterns are
almost all one-token tests on ``TAG``, ``LOWER``, ``DEP`` and ``IS_SPACE``, so this subclass indexes
them by the tag or word of their first token and tests only the patterns a token can match. Matches
are collected on the unchanged Doc first and then applied in pattern order, later patterns winning, as
the original does. Patterns it cannot index are tested on every token; a pattern using anything beyond
plain values, ``IN``, ``NOT_IN`` and ``REGEX`` makes the component fall back to spaCy's matcher.

factex's own pipeline uses it in place of the model's ``attribute_ruler`` (see
:func:`factex.pipeline.build`); a test checks that both give identical tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: Token attributes the index understands, read for the whole Doc at once with ``Doc.to_array``.
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_COLUMN = {name: column for column, name in enumerate(_ATTRS)}

#: A token as the string ids (hashes) of its ``_ATTRS``; ``IS_SPACE`` is 0 or 1.
Row = tuple[int, ...]
Test = Callable[[Row], bool]


@dataclass(frozen=True)
class Compiled:
    """One pattern, ready to test at a token its index key already matched.

    Attributes:
        ordinal: The pattern's number in the ruler (later ones take precedence).
        first: The tests on the first token the index key does not already cover.
        rest: The tests on each following token (multi-token patterns only).
    """

    ordinal: int
    first: tuple[Test, ...]
    rest: tuple[tuple[Test, ...], ...]


class Unsupported(ValueError):
    """A pattern uses a matcher feature the fast index does not cover."""


def _id(attr: str, value: Any) -> int:
    """The integer a Doc array holds for a pattern value (a string's hash, a flag's 0 or 1)."""
    if attr == "IS_SPACE":
        if not isinstance(value, bool):
            raise Unsupported(f"{attr}: {value!r}")
        return int(value)
    if not isinstance(value, str):
        raise Unsupported(f"{attr}: {value!r}")
    return get_string_id(value)


def _value_test(attr: str, spec: Any, strings: StringStore) -> Test:
    """Compile one attribute condition of a Matcher token pattern into a test on a token's row."""
    column = _COLUMN[attr]
    if not isinstance(spec, dict):
        wanted = _id(attr, spec)
        return lambda row: row[column] == wanted
    if len(spec) != 1:
        raise Unsupported(f"{attr}: {spec}")
    ((op, arg),) = spec.items()
    if op == "IN":
        allowed = frozenset(_id(attr, v) for v in arg)
        return lambda row: row[column] in allowed
    if op == "NOT_IN":
        refused = frozenset(_id(attr, v) for v in arg)
        return lambda row: row[column] not in refused
    if op == "REGEX" and attr != "IS_SPACE":
        pattern = re.compile(arg)
        seen: dict[int, bool] = {}  # per string id: a Doc repeats its words

        def test(row: Row) -> bool:
            value = row[column]
            hit = seen.get(value)
            if hit is None:
                if len(seen) > 50_000:
                    seen.clear()  # stay small over long runs
                hit = seen[value] = pattern.search(strings[value]) is not None
            return hit

        return test
    raise Unsupported(f"{attr}: {spec}")


def _key(first: dict[str, Any]) -> tuple[str, list[int]] | None:
    """The condition of a pattern's first token to index it by: (attribute, value ids), or None."""
    for attr in ("LOWER", "TAG", "DEP", "IS_SPACE"):
        spec = first.get(attr)
        if isinstance(spec, str | bool):
            return attr, [_id(attr, spec)]
        if isinstance(spec, dict) and set(spec) == {"IN"}:
            return attr, [_id(attr, value) for value in spec["IN"]]
    return None


class FactexAttributeRuler(AttributeRuler):
    """spaCy's ``AttributeRuler`` with an indexed matcher for its token patterns."""

    #: For each column of ``_ATTRS`` that keys patterns: value id -> the patterns keyed by it.
    _index: list[tuple[int, dict[int, list[Compiled]]]] | None = None
    _always: list[Compiled]
    _fallback: bool = False

    def add(self, patterns: Iterable[Any], attrs: dict[str, Any], index: int = 0) -> None:
        """Add patterns as spaCy's ruler does; the index is rebuilt on the next call."""
        super().add(patterns, attrs, index)  # type: ignore[arg-type]
        self._index = None

    def clear(self) -> None:
        """Remove all patterns (and the index)."""
        super().clear()
        self._index = None

    def _compile(self) -> None:
        columns: dict[int, dict[int, list[Compiled]]] = {}
        always: list[Compiled] = []
        self._fallback = False
        strings = self.vocab.strings
        try:
            for ordinal in range(len(self.attrs)):
                for pattern in self.matcher.get(str(ordinal))[1]:
                    for token_spec in pattern:
                        if not token_spec or set(token_spec) - set(_ATTRS):
                            raise Unsupported(str(token_spec))
                    key = _key(pattern[0])
                    first = tuple(
                        _value_test(attr, spec, strings)
                        for attr, spec in pattern[0].items()
                        if key is None or attr != key[0]
                    )
                    rest = tuple(
                        tuple(_value_test(attr, spec, strings) for attr, spec in token_spec.items())
                        for token_spec in pattern[1:]
                    )
                    compiled = Compiled(ordinal, first, rest)
                    if key is None:
                        always.append(compiled)
                        continue
                    table = columns.setdefault(_COLUMN[key[0]], {})
                    for value in key[1]:
                        table.setdefault(value, []).append(compiled)
        except Unsupported:
            self._fallback = True
        self._index, self._always = sorted(columns.items()), always

    def match(self, doc: Doc) -> list[tuple[int, Any, int, int]]:
        """Matches as ``(ordinal, key, start, end)``, sorted so that later patterns apply last."""
        if self._index is None:
            self._compile()
        if self._fallback:
            return super().match(doc)  # type: ignore[no-any-return]
        index, always = self._index or [], self._always
        rows: list[Row] = [tuple(row) for row in doc.to_array(list(_ATTRS)).tolist()] if len(doc) else []
        n = len(rows)
        found: list[tuple[int, Any, int, int]] = []
        for start, row in enumerate(rows):
            for column, table in index:
                hits = table.get(row[column])
                if hits is not None:
                    found.extend(self._confirm(hits, rows, start, n))
            if always:
                found.extend(self._confirm(always, rows, start, n))
        return sorted(set(found))

    @staticmethod
    def _confirm(patterns: list[Compiled], rows: list[Row], start: int, n: int) -> list[tuple[int, Any, int, int]]:
        """The matches among ``patterns`` at token ``start`` (their index key already holds)."""
        out = []
        row = rows[start]
        for pattern in patterns:
            if pattern.first and not all(test(row) for test in pattern.first):
                continue
            end = start + 1 + len(pattern.rest)
            if pattern.rest and (
                end > n or not all(test(rows[start + 1 + i]) for i, tests in enumerate(pattern.rest) for test in tests)
            ):
                continue
            out.append((pattern.ordinal, str(pattern.ordinal), start, end))
        return out

    def set_annotations(self, doc: Doc, matches: list[tuple[int, Any, int, int]]) -> None:
        """Set the matched patterns' attributes, in order of precedence."""
        for ordinal, _, start, end in matches:
            position = self.indices[ordinal]
            target = start + position if position >= 0 else end + position
            if not start <= target < end:
                raise ValueError(f"attribute ruler pattern {ordinal}: index {position} is outside its match")
            set_token_attrs(doc[target], self.attrs[ordinal])


def make_attribute_ruler(nlp: Language, name: str, validate: bool) -> FactexAttributeRuler:
    """Create the indexed attribute ruler (the ``factex_attribute_ruler`` factory)."""
    return FactexAttributeRuler(nlp.vocab, name, validate=validate)


def use_fast_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace the pipeline's attribute ruler ``name`` with the indexed one, keeping its patterns."""
    if name not in nlp.pipe_names:
        return
    original = nlp.get_pipe(name)
    if not isinstance(original, AttributeRuler) or isinstance(original, FactexAttributeRuler):
        return
    patterns = original.patterns
    replacement = nlp.replace_pipe(name, "factex_attribute_ruler")
    replacement.add_patterns(patterns)


Language.factory("factex_attribute_ruler", default_config={"validate": False})(make_attribute_ruler)
