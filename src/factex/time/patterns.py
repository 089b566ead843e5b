"""Load and compile the time-expression rules (``factex/patterns/time.jsonl``).

The data file holds one JSON object per line, each with a unique ``id``. Two kinds of records:

* macros: ``{"id": "macro.month", "define": "MONTH", "regex": "..."}``; a rule (or a later macro)
  writes ``{MONTH}`` to splice the fragment in (upper-case names only, so ``{2}`` stays a quantifier);
* rules: ``{"id": "date.month-day-year", "regex": "...", "type": "DATE", "resolver": "date", ...}``.
  ``resolver`` names the function in :mod:`factex.time.resolve` that turns the match into a value;
  ``trigger`` is an optional lower-case regex for a token every match contains (the rule only runs
  near its hits, ``window`` characters before and after; ``trigger_case`` runs it on the text as
  written); ``priority`` breaks ties; ``case`` keeps case; other keys (``unit``, ``offset``, ``value``,
  ...) are parameters for the resolver. Named groups carry the parts (``year``, ``month``, ``num``).

Rules are compiled case-insensitively (``"case": true`` keeps case) and wrapped in word boundaries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import regex

_MACRO_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_RULE_KEYS = frozenset(
    {
        "id",
        "regex",
        "type",
        "resolver",
        "priority",
        "case",
        "comment",
        "bounds",
        "trigger",
        "trigger_case",
        "window",
    }
)


class PatternError(ValueError):
    """A rule in the pattern data is malformed (bad JSON, duplicate id, bad regex, unknown macro)."""


@dataclass(frozen=True)
class Rule:
    """One compiled rule.

    Attributes:
        id: The unique pattern id, reported as ``TimeExpr.rule``.
        pattern: The compiled regular expression.
        type: The TIMEX3 type it produces by default.
        resolver: Name of the resolver function.
        priority: Tie-breaker between overlapping matches of equal length (higher wins).
        trigger: A cheap regex for a token every match must contain (a month name, a unit word), or
            None; the tagger runs the rule only near the trigger's hits, which keeps tagging fast.
            It is case-sensitive and, unless ``trigger_case`` is set, written in lower case and run on
            an ASCII-lower-cased copy of the text.
        trigger_case: Run the trigger on the text as written (for triggers such as ``Q[1-4]``).
        window: How far (characters) a match and the context it reads may reach before and after a
            trigger hit; the tagger's default when None.
        params: Every other key of the record (read-only).
    """

    id: str
    pattern: regex.Pattern[str]
    type: str
    resolver: str
    priority: int = 0
    trigger: regex.Pattern[str] | None = None
    trigger_case: bool = False
    window: tuple[int, int] | None = None
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def param(self, key: str, default: Any = None) -> Any:
        """Return a rule parameter.

        Args:
            key: The parameter name.
            default: What to return when the rule does not set it.

        Returns:
            The parameter value or ``default``.
        """
        return self.params.get(key, default)


def default_records() -> list[dict[str, Any]]:
    """Read the rule records shipped with the package.

    Returns:
        The records of ``factex/patterns/time.jsonl``, in file order.

    Raises:
        PatternError: When a line is not valid JSON.
    """
    try:
        text = resources.files("factex").joinpath("patterns", "time.jsonl").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, TypeError, NotADirectoryError):
        path = Path(__file__).resolve().parent.parent / "patterns" / "time.jsonl"
        text = path.read_text(encoding="utf-8")
    return parse_jsonl(text, "time.jsonl")


def parse_jsonl(text: str, source: str = "<patterns>") -> list[dict[str, Any]]:
    """Parse JSON Lines text into records, skipping blank lines.

    Args:
        text: The file content.
        source: A name for error messages.

    Returns:
        The records.

    Raises:
        PatternError: When a line is not a JSON object.
    """
    records = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(f"{source}:{lineno}: invalid JSON: {exc}") from exc
        if not isinstance(rec, dict):
            raise PatternError(f"{source}:{lineno}: expected a JSON object")
        records.append(rec)
    return records


@dataclass(frozen=True)
class Compiled:
    """The compiled content of a pattern file.

    Attributes:
        rules: The matching rules, in file order.
        macros: Every macro's expanded source by name (the tagger compiles a few of them, such as
            ``TENSE_PAST``, to read the context of a match).
    """

    rules: tuple[Rule, ...]
    macros: Mapping[str, str]


def compile_rules(records: Iterable[Mapping[str, Any]]) -> Compiled:
    """Expand macros and compile rule records.

    Args:
        records: Macro and rule records, macros before the rules that use them.

    Returns:
        The compiled rules (in record order) and the expanded macros.

    Raises:
        PatternError: On a missing or duplicate id, an unknown macro, or an invalid regex.
    """
    macros: dict[str, str] = {}
    rules: list[Rule] = []
    seen: set[str] = set()
    for rec in records:
        rid = rec.get("id")
        if not isinstance(rid, str) or not rid:
            raise PatternError(f"pattern without an id: {rec!r}")
        if rid in seen:
            raise PatternError(f"duplicate pattern id {rid!r}")
        seen.add(rid)
        if "regex" not in rec:
            raise PatternError(f"{rid}: no regex")
        source = _expand(str(rec["regex"]), macros, rid)
        if "define" in rec:
            macros[str(rec["define"])] = source
            continue
        if "resolver" not in rec or "type" not in rec:
            raise PatternError(f"{rid}: a rule needs 'type' and 'resolver'")
        flags = 0 if rec.get("case") else regex.IGNORECASE
        if rec.get("bounds", True):
            source = rf"(?<![\w])(?:{source})(?![\w])"
        try:
            compiled = regex.compile(source, flags)
        except regex.error as exc:
            raise PatternError(f"{rid}: bad regex: {exc}") from exc
        trigger = None
        if rec.get("trigger"):
            try:
                trigger = regex.compile(_expand(str(rec["trigger"]), macros, rid))
            except regex.error as exc:
                raise PatternError(f"{rid}: bad trigger: {exc}") from exc
        params = {k: v for k, v in rec.items() if k not in _RULE_KEYS}
        rules.append(
            Rule(
                id=rid,
                pattern=compiled,
                type=str(rec["type"]),
                resolver=str(rec["resolver"]),
                priority=int(rec.get("priority", 0)),
                trigger=trigger,
                trigger_case=bool(rec.get("trigger_case", False)),
                window=_window(rec.get("window"), rid),
                params=MappingProxyType(params),
            )
        )
    return Compiled(rules=tuple(rules), macros=MappingProxyType(dict(macros)))


def _window(raw: Any, rid: str) -> tuple[int, int] | None:
    """Validate a rule's ``window``: None or two non-negative integers.

    Args:
        raw: The record value.
        rid: The record id, for error messages.

    Returns:
        ``(before, after)`` or None.

    Raises:
        PatternError: When malformed.
    """
    if raw is None:
        return None
    if not (
        isinstance(raw, list | tuple) and len(raw) == 2 and all(isinstance(x, int) and x >= 0 for x in raw)
    ):
        raise PatternError(f"{rid}: window must be [before, after] character counts")
    return int(raw[0]), int(raw[1])


def _expand(source: str, macros: Mapping[str, str], rid: str) -> str:
    """Replace ``{NAME}`` macro references by their (non-capturing) fragments.

    Args:
        source: The regex source.
        macros: Known macros.
        rid: The record id, for error messages.

    Returns:
        The expanded source.

    Raises:
        PatternError: When a macro is unknown.
    """

    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise PatternError(f"{rid}: unknown macro {{{name}}}")
        return f"(?:{macros[name]})"

    return _MACRO_REF.sub(sub, source)
