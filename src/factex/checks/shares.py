"""Shares: a part and its percentage of a whole imply the whole.

"77.9 million tons, accounting for 11.2 percent of China's total output" implies a total of 695.5
million tons. The implied total is always reported (``implied``), and checked when the article states
the whole anywhere; two shares of the same whole must imply the same total.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from factex.checks.context import ArticleView, conversion, same_or_unknown, unit
from factex.checks.model import Status, make_check
from factex.checks.numbers import Interval, clean, fmt, tolerance
from factex.checks.rules import words_regex

_OF = re.compile(r"^\s+of\s+(?P<whole>(?:[^,.;()]|\.(?=\d)){1,80})")
_OWNER = re.compile(r"(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)[’']s?\b")
_SEP = re.compile(r",\s*")


@dataclass(frozen=True)
class Share:
    """A part, the share it is of a whole, and the words naming the whole."""

    part: dict[str, Any]
    share: dict[str, Any]
    whole: str
    owner: str | None
    cue: str


def check_shares(view: ArticleView) -> list[dict[str, Any]]:
    """Every "part, N percent of the whole" against the whole when the article states it."""
    if view.text is None:
        return []
    shares = _find_shares(view)
    checks: list[dict[str, Any]] = []
    unresolved: list[tuple[Share, Interval]] = []
    for found in shares:
        check, implied = _share_check(view, found)
        checks.append(check)
        if check["status"] == "unclear" and implied is not None:
            unresolved.append((found, implied))
    checks.extend(_consistency(view, unresolved))
    return checks


def _find_shares(view: ArticleView) -> list[Share]:
    out: list[Share] = []
    strong, weak = view.rules.share_strong.regex, view.rules.share_weak.regex
    for claims in view.sentences():
        last_whole = ""
        for i, share in enumerate(claims):
            if share["kind"] != "percent" or unit(share) != "percent" or share["value"].get("change") or i == 0:
                continue
            part = claims[i - 1]
            if part["kind"] not in ("quantity", "money", "count") or part["value"].get("change"):
                continue
            gap = view.between(part, share) or ""
            if len(gap) > 70 or ";" in gap or ("," not in gap and not gap.strip().startswith("(")):
                continue
            tail = _SEP.split(gap)[-1].strip().lstrip("(")
            cue = ""
            if tail:
                m = strong.fullmatch(tail) if strong else None
                w = weak.fullmatch(tail) if weak else None
                if m is None and w is None:
                    continue
                cue = tail
            of = _OF.match(view.after(share, 90))
            if of is None and not (cue and strong and strong.fullmatch(cue)):
                continue
            whole = of.group("whole").strip() if of else last_whole
            last_whole = whole or last_whole
            owner = _OWNER.search(whole)
            out.append(Share(part, share, whole, owner.group("owner") if owner else None, cue or ","))
    return out


def _implied(view: ArticleView, found: Share) -> Interval | None:
    fraction = view.interval(found.share).scale(0.01)
    return view.interval(found.part).divide(fraction)


def _share_check(view: ArticleView, found: Share) -> tuple[dict[str, Any], Interval | None]:
    part, share = found.part, found.share
    u = unit(part)
    implied = _implied(view, found)
    ids = [part["id"], share["id"]]
    if implied is None:
        return make_check(
            "share",
            "unclear",
            ids,
            rule="check.share.part-of-whole",
            expected=None,
            observed=view.interval(share).point,
            tolerance=None,
            unit="percent",
            explanation="a share of zero implies no total",
        ), None
    info = {
        "subject": found.owner or (part.get("subject") or {}).get("text"),
        "metric": part.get("metric"),
        "time": part.get("time"),
        "whole": found.whole,
        "amount": implied.point,
        "low": implied.lo,
        "high": implied.hi,
        "unit": u,
    }
    whole, how = _stated_whole(view, found, implied)
    said = f"'{part['mention']['text']}' is '{share['mention']['text']}' of {found.whole or 'the whole'}"
    if whole is None:
        return make_check(
            "share",
            "unclear",
            ids,
            rule="check.share.part-of-whole",
            expected=implied.point,
            observed=None,
            tolerance=clean(implied.half_width),
            unit=u,
            implied=info,
            explanation=f"{said}: implies a total of {fmt(implied.point, u)} "
            f"({fmt(implied.lo, u)} to {fmt(implied.hi, u)}), not stated in the article",
        ), implied
    total = view.interval(whole).scale(conversion(part, whole) or 1.0)
    stated_share = view.interval(share)
    computed = view.interval(part).divide(total)
    computed = computed.scale(100) if computed is not None else None
    status: Status = "holds" if implied.overlaps(total) else "fails"
    explanation = (
        f"{said}: {fmt(view.interval(part).point, u)} / {fmt(total.point, u)} = "
        f"{fmt(computed.point if computed else None, 'percent')} against the stated "
        f"{fmt(stated_share.point, 'percent')}; implied total {fmt(implied.point, u)} against "
        f"'{whole['mention']['text']}' ({how})"
    )
    return make_check(
        "share",
        status,
        [*ids, whole["id"]],
        rule="check.share.part-of-whole",
        expected=computed.point if computed else None,
        observed=stated_share.point,
        tolerance=tolerance(computed, stated_share) if computed else None,
        unit="percent",
        implied=info,
        explanation=explanation,
    ), implied


def _stated_whole(view: ArticleView, found: Share, implied: Interval) -> tuple[dict[str, Any] | None, str]:
    """The claim that states the whole: named right after the share, a figure that fits, or the likeliest one."""
    part, share = found.part, found.share
    options = [
        c
        for c in view.claims
        if c is not part
        and c["kind"] == part["kind"]
        and conversion(part, c) is not None
        and not c["value"].get("change")
        and same_or_unknown(c, part, "time")
        and view.interval(c).point * (conversion(part, c) or 1.0) > view.interval(part).point
    ]
    after = [
        c
        for c in options
        if 0 <= c["mention"]["start"] - share["mention"]["end"] <= 90
        and c["sentence"] == share["sentence"]
        and not re.search(r"[,.;()]", view.between(share, c) or ",")
    ]
    if after:
        return after[0], "named with the share"
    of_them = words_regex(view.rules.rule("check.share.part-of-whole").get("of_them", ()))
    if of_them is not None and of_them.match(view.after(part, 20).lstrip()):
        before = [
            c for c in options if c["sentence"] == part["sentence"] and c["mention"]["end"] <= part["mention"]["start"]
        ]
        if before:
            return before[-1], "the figure 'of them' refers to"
    fits = [c for c in options if view.interval(c).scale(conversion(part, c) or 1.0).overlaps(implied)]
    if fits:
        return fits[0], "a figure of the article that fits"
    likely = [c for c in options if _names_whole(view, found, c)]
    if likely:
        return likely[0], "the article's figure for the whole"
    return None, ""


def _names_whole(view: ArticleView, found: Share, claim: dict[str, Any]) -> bool:
    """Whether a figure is the whole the share is of: the owner's figure, or the part's metric for another subject."""
    subject = (claim.get("subject") or {}).get("text") or ""
    part_subject = (found.part.get("subject") or {}).get("text") or ""
    if found.owner and _alias(view, subject) == _alias(view, found.owner):
        return True
    metric = claim.get("metric") or ""
    if metric and metric == found.part.get("metric") and subject and part_subject and subject != part_subject:
        return True
    words = {w for w in re.findall(r"[a-z]+", found.whole.lower())} - {"the", "of", "its", "their", "s"}
    if view.rules.share_total_words is not None:
        words = {w for w in words if not view.rules.share_total_words.fullmatch(w)}
    return bool(words) and words <= set(re.findall(r"[a-z]+", metric.lower()))


def _alias(view: ArticleView, name: str) -> str:
    key = name.lower().strip().removeprefix("the ")
    return view.rules.aliases.get(key, key)


def _consistency(view: ArticleView, unresolved: list[tuple[Share, Interval]]) -> list[dict[str, Any]]:
    """Shares of the same named whole ("of the national total") must imply the same total."""
    checks = []
    groups: dict[str, list[tuple[Share, Interval]]] = {}
    for found, implied in unresolved:
        key = " ".join(found.whole.lower().split())
        if key and key not in ("the total", "total"):
            groups.setdefault(key, []).append((found, implied))
    for key, items in groups.items():
        for (a, ia), (b, ib) in itertools.pairwise(items):
            if conversion(a.part, b.part) is None or not same_or_unknown(a.part, b.part, "time"):
                continue
            status: Status = "holds" if ia.overlaps(ib) else "fails"
            u = unit(a.part)
            checks.append(
                make_check(
                    "share.same-whole",
                    status,
                    [a.part["id"], a.share["id"], b.part["id"], b.share["id"]],
                    rule="check.share.same-whole",
                    expected=ia.point,
                    observed=ib.point,
                    tolerance=tolerance(ia, ib),
                    unit=u,
                    explanation=f"two shares of '{key}' imply totals of {fmt(ia.point, u)} and {fmt(ib.point, u)}",
                )
            )
    return checks
