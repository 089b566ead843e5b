"""Ranks: a rank against the number ranked, and two entities with one rank in one list.

"seventh among the country's 31 provincial regions" is possible (7 <= 31); two entities with the same
rank in the same list (same metric and period) are not, unless the article states a tie.
"""

from __future__ import annotations

from typing import Any

from factex.checks.context import ArticleView
from factex.checks.model import Status, make_check


def check_ranks(view: ArticleView) -> list[dict[str, Any]]:
    """Ranks against the number ranked, and duplicate ranks in one list."""
    return [*_rank_of(view), *_duplicates(view)]


def _rank_of(view: ArticleView) -> list[dict[str, Any]]:
    out = []
    for claim in view.claims:
        comp = claim.get("comparison") or {}
        if claim["kind"] != "rank" or comp.get("rank") is None or comp.get("of") is None:
            continue
        rank, of = float(comp["rank"]), float(comp["of"])
        status: Status = "holds" if 1 <= rank <= of else "fails"
        other = view.by_id(comp.get("other", ""))
        ids = [claim["id"], *([other["id"]] if other else [])]
        said = f"'{claim['mention']['text']}' of '{other['mention']['text']}'" if other else f"rank {rank:g} of {of:g}"
        verdict = "is possible" if status == "holds" else "is impossible: a rank cannot exceed the number ranked"
        out.append(
            make_check(
                "rank.of",
                status,
                ids,
                rule="check.rank.of",
                expected=of,
                observed=rank,
                tolerance=0,
                unit="rank",
                explanation=f"{said}: {rank:g} <= {of:g} {verdict}"
                if status == "holds"
                else f"{said}: {rank:g} > {of:g} {verdict}",
            )
        )
    return out


def _list_key(claim: dict[str, Any]) -> tuple[str, str | None, str | None] | None:
    metric = " ".join(str(claim.get("metric") or "").lower().split())
    if not metric:
        return None
    time = claim.get("time") or {}
    return metric, time.get("start"), time.get("end")


def _subject(claim: dict[str, Any]) -> str:
    return " ".join(str((claim.get("subject") or {}).get("text") or "").lower().removeprefix("the ").split())


def _duplicates(view: ArticleView) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str | None, str | None], list[dict[str, Any]]] = {}
    for claim in view.claims:
        key = _list_key(claim)
        if claim["kind"] == "rank" and key is not None and _subject(claim) and claim["value"].get("approx") == "=":
            groups.setdefault(key, []).append(claim)
    out = []
    ties = view.rules.rank_ties
    for (metric, _, _), claims in groups.items():
        by_subject = {}
        for claim in claims:
            by_subject.setdefault(_subject(claim), claim)
        if len(by_subject) < 2:
            continue
        ranked = list(by_subject.values())
        clashes = [
            (a, b)
            for i, a in enumerate(ranked)
            for b in ranked[i + 1 :]
            if float(a["value"]["amount"]) == float(b["value"]["amount"])
            and not (ties and (ties.search(view.sentence_text(a)) or ties.search(view.sentence_text(b))))
        ]
        if not clashes:
            listing = ", ".join(f"{(c.get('subject') or {}).get('text')} {c['mention']['text']}" for c in ranked)
            out.append(
                make_check(
                    "rank.duplicate",
                    "holds",
                    [c["id"] for c in ranked],
                    rule="check.rank.duplicate",
                    expected=None,
                    observed=None,
                    tolerance=None,
                    unit="rank",
                    explanation=f"distinct ranks in the list '{metric}': {listing}",
                )
            )
        for a, b in clashes:
            explanation = (
                f"'{(a.get('subject') or {}).get('text')}' and '{(b.get('subject') or {}).get('text')}' "
                f"are both ranked {a['mention']['text']} in '{metric}', and no tie is stated"
            )
            out.append(
                make_check(
                    "rank.duplicate",
                    "fails",
                    [a["id"], b["id"]],
                    rule="check.rank.duplicate",
                    expected="distinct ranks",
                    observed=float(a["value"]["amount"]),
                    tolerance=None,
                    unit="rank",
                    explanation=explanation,
                )
            )
    return out
