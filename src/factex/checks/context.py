"""A read-only view of one output document for the checks: claims in text order, sentences, text around them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from factex.checks.numbers import CheckConfig, Interval, claim_interval
from factex.checks.rules import CheckRules
from factex.checks.units import factor

#: Kinds that state a level of something (a ratio, rank or duration is never summed or compared as a level).
LEVEL_KINDS = frozenset({"quantity", "money", "count"})
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


@dataclass
class ArticleView:
    """The claims of one article with the text they came from (``text`` may be None)."""

    claims: list[dict[str, Any]]
    text: str | None
    rules: CheckRules
    config: CheckConfig
    _paragraphs: list[int] = field(default_factory=list)
    _by_sentence: dict[tuple[int, int], list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: dict[str, Any], rules: CheckRules, config: CheckConfig) -> ArticleView:
        """A view of an output document (``claims`` and, when present, ``article.text``)."""
        claims = sorted(document.get("claims") or (), key=lambda c: (c["mention"]["start"], c["mention"]["end"]))
        text = (document.get("article") or {}).get("text")
        if text is not None:
            claims = [_per_unit(c, text, rules) for c in claims]
        starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)] if text else [0]
        by_sentence: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for claim in claims:
            by_sentence.setdefault(sentence(claim), []).append(claim)
        return cls(claims, text, rules, config, starts, by_sentence)

    # -- claims ----------------------------------------------------------------------------------
    def by_id(self, claim_id: str) -> dict[str, Any] | None:
        """The claim with this id."""
        return next((c for c in self.claims if c["id"] == claim_id), None)

    def interval(self, claim: dict[str, Any]) -> Interval:
        """The values a claim's figure can stand for."""
        return claim_interval(claim, self.config)

    def sentence_claims(self, claim: dict[str, Any]) -> list[dict[str, Any]]:
        """The claims of the claim's sentence, in text order."""
        return list(self._by_sentence.get(sentence(claim), ()))

    def sentences(self) -> Iterator[list[dict[str, Any]]]:
        """The claims grouped by sentence, in text order."""
        yield from (list(group) for group in self._by_sentence.values())

    def paragraph(self, claim: dict[str, Any]) -> int:
        """The index of the paragraph (line block) the claim stands in."""
        return bisect.bisect_right(self._paragraphs, claim["mention"]["start"]) - 1

    # -- text ------------------------------------------------------------------------------------
    def between(self, a: dict[str, Any], b: dict[str, Any]) -> str | None:
        """The text from the end of ``a`` to the start of ``b`` (None without text or when b comes first)."""
        if self.text is None or b["mention"]["start"] < a["mention"]["end"]:
            return None
        return self.text[a["mention"]["end"] : b["mention"]["start"]]

    def before(self, claim: dict[str, Any], limit: int = 80) -> str:
        """Up to ``limit`` characters before the claim, within its sentence ("" without text)."""
        if self.text is None:
            return ""
        start = max(claim["sentence"]["start"], claim["mention"]["start"] - limit)
        return self.text[start : claim["mention"]["start"]]

    def after(self, claim: dict[str, Any], limit: int = 80) -> str:
        """Up to ``limit`` characters after the claim, within its sentence ("" without text)."""
        if self.text is None:
            return ""
        end = min(claim["sentence"]["end"], claim["mention"]["end"] + limit)
        return self.text[claim["mention"]["end"] : end]

    def sentence_text(self, claim: dict[str, Any]) -> str:
        """The claim's sentence ("" without text)."""
        if self.text is None:
            return ""
        return self.text[claim["sentence"]["start"] : claim["sentence"]["end"]]


def _per_unit(claim: dict[str, Any], text: str, rules: CheckRules) -> dict[str, Any]:
    """The claim with a per-unit tail in its unit: "67 cents a share" is USD/share, never added to USD.

    Only the checks' view changes; the output claim keeps its unit.
    """
    m = rules.per_unit.regex.match(text, claim["mention"]["end"]) if rules.per_unit.regex else None
    unit = str(claim["value"].get("unit") or "")
    if m is None or "/" in unit or claim["kind"] not in ("money", "quantity"):
        return claim
    noun = str(rules.per_unit.meaning(m.group("per")) or m.group("per").lower())
    return {**claim, "value": {**claim["value"], "unit": f"{unit}/{noun}"}}


def sentence(claim: dict[str, Any]) -> tuple[int, int]:
    """The claim's sentence as a (start, end) key."""
    return claim["sentence"]["start"], claim["sentence"]["end"]


def unit(claim: dict[str, Any]) -> str:
    """The claim's unit."""
    return str(claim["value"].get("unit") or "")


def is_level(claim: dict[str, Any]) -> bool:
    """A figure that states an amount (not a change, share, ratio, rank or duration)."""
    return claim["kind"] in LEVEL_KINDS and not claim["value"].get("change")


def conversion(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """The factor that turns ``b``'s unit into ``a``'s, when the two figures measure the same thing.

    Equal units give 1; a bare number ("the 520,000 made in 2022") goes with a count; measures convert
    through pint (kg to t); different currencies never do (None).
    """
    ua, ub = unit(a), unit(b)
    if ua == ub:
        return 1.0
    bare_a = ua == "" and a["kind"] in ("count", "quantity")
    bare_b = ub == "" and b["kind"] in ("count", "quantity")
    if (bare_a and b["kind"] == "count") or (bare_b and a["kind"] == "count"):
        return 1.0
    if a["kind"] == "quantity" and b["kind"] == "quantity":
        return factor(ub, ua)
    return None


def same_or_unknown(a: dict[str, Any] | None, b: dict[str, Any] | None, key: str) -> bool:
    """Whether two claims agree on a field (time or subject), or one of them leaves it open."""
    if a is None or b is None:
        return True
    va, vb = a.get(key), b.get(key)
    if not va or not vb:
        return True
    if key == "time":
        return (va.get("start"), va.get("end")) == (vb.get("start"), vb.get("end"))
    return str(va.get("text", "")).lower().removeprefix("the ") == str(vb.get("text", "")).lower().removeprefix("the ")
