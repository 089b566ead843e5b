"""The example article: is every row of ``shared/spec/seed-claims.md`` right, and is no "not claim" emitted?

    python benchmarks/seed.py [--shared ../shared]

Prints one line per spec row (kind, value, unit, approx, change and time)
and a closing figure: rows right / rows.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ARTICLE = "seeds/000_b6a3ab0eac62f55c.txt"
SPEC = "spec/seed-claims.md"
DATE = "2024-09-01"


@dataclass(frozen=True)
class Row:
    """One row of the spec table."""

    key: str
    kind: str
    value: float
    unit: str
    approx: str
    change: str | None
    time: str
    subject: str = ""
    metric: str = ""


def parse_spec(text: str) -> list[Row]:
    """Read the spec table: mention | kind | value | unit | approx / change | subject | metric | time."""
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 8 or cells[0] in ("mention", "") or set(cells[0]) <= {"-"}:
            continue
        key = re.sub(r"\(.*?\)", "", cells[0]).strip()
        qual = cells[4]
        approx = next((a for a in (">=", "<=", ">", "<", "~") if f"`{a}`" in qual), "=")
        change = "up" if "change up" in qual else "down" if "change down" in qual else None
        rows.append(Row(key, cells[1], float(cells[2]), cells[3], approx, change, cells[7], cells[5], cells[6]))
    return rows


def not_claims(text: str) -> list[tuple[int, int, str]]:
    """Offsets of the spec's "not claims" in the article: years, dates, names, "the first time", ..."""
    spans = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\b(?:2013|2022|2023|2024)\b", text)]
    for phrase, word in (("August 20, 2024", "August 20, 2024"), ("January 2024", "January 2024"),
                         ("last year", "last year"), ("No.1 Document", "No.1"), ("for the first time", "first"),
                         ("one of the three hubs", "one"), ("the third, Manzhouli", "third")):
        at = text.index(phrase) + phrase.index(word)
        spans.append((at, at + len(word), word))
    return spans


def expected_time(cell: str) -> tuple[str, str] | None:
    """The spec's time cell as an ISO interval: "2023", "2010..2023", "2013-01-01..2024-08-20", or None."""
    cell = cell.strip()
    if cell in ("—", "-", ""):
        return None
    low, _, high = cell.partition("..")
    high = high or low
    start = low if len(low) == 10 else f"{low}-01-01"
    end = high if len(high) == 10 else f"{high}-12-31"
    return start, end


def time_problem(row: Row, claim: dict[str, Any]) -> str | None:
    """Why the claim's time is wrong for the row, or None (a present-tense fact may take the article date)."""
    want = expected_time(row.time)
    got = claim.get("time")
    interval = (got["start"], got["end"]) if got else None
    if want is None and (interval is None or interval == (DATE, DATE)):
        return None
    if interval == want:
        return None
    return f"time {interval} (want {want})"


_HEAD_STOP = re.compile(
    r"\s+(?:of|for|to|in|relative|available|linked|handled|transported|passed|without|ranked)\b.*$"
)


def _stem(word: str) -> str:
    word = word.lower().strip(".,")
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def metric_head(spec_metric: str) -> str:
    """The head noun of the spec's metric: "grain available for export" -> grain, "GDP growth ranking" -> ranking."""
    words = _HEAD_STOP.sub("", spec_metric).split()
    return _stem(words[-1]) if words else ""


def subject_names(cell: str) -> set[str]:
    """The entity names of a spec subject cell ("Heilongjiang ("The province")" -> {heilongjiang})."""
    bare = re.sub(r"\(.*?\)", "", cell).strip() or cell.strip("() ")
    names = re.split(r",\s*|\s+and\s+", bare)
    return {re.sub(r"^(?:the|these|its)\s+", "", n.strip().lower()) for n in names if n.strip()}


def describe_problems(row: Row, claim: dict[str, Any] | None) -> list[str]:
    """Why the claim's subject or metric is not the spec's (same entity; same metric head noun)."""
    if claim is None:
        return ["missing"]
    problems = []
    subject = claim.get("subject") or {}
    names = re.split(r"\s+and\s+", subject.get("text", ""))
    ours = {re.sub(r"^(?:the|these|its)\s+", "", n.strip().lower()) for n in names}
    if subject_names(row.subject) != ours:
        problems.append(f"subject {subject.get('text')!r} (want {row.subject!r})")
    head = metric_head(row.metric)
    words = {_stem(w) for w in re.split(r"[\s-]+", claim.get("metric") or "")}
    if head not in words:
        problems.append(f"metric {claim.get('metric')!r} (want head {head!r} of {row.metric!r})")
    return problems


def match_rows(rows: list[Row], claims: list[dict[str, Any]]) -> list[tuple[Row, dict[str, Any] | None, list[str]]]:
    """Pair each spec row with the next claim (in text order) whose mention starts with the row's words."""
    results = []
    pos = 0
    ordered = sorted(claims, key=lambda c: c["mention"]["start"])
    for row in rows:
        found = None
        for i in range(pos, len(ordered)):
            mention, key = ordered[i]["mention"]["text"].lower(), row.key.lower()
            # The spec names some figures with their qualifier ("more than six times"); mentions leave it out.
            if mention.startswith(key) or (key.endswith(mention) and len(mention) > 2):
                found, pos = ordered[i], i + 1
                break
        problems = []
        if found is None:
            problems.append("missing")
        else:
            v = found["value"]
            if found["kind"] != row.kind:
                problems.append(f"kind {found['kind']} (want {row.kind})")
            if not math.isclose(v["amount"], row.value, rel_tol=1e-9):
                problems.append(f"value {v['amount']} (want {row.value:g})")
            if v["unit"] != row.unit:
                problems.append(f"unit {v['unit']} (want {row.unit})")
            if v["approx"] != row.approx:
                problems.append(f"approx {v['approx']} (want {row.approx})")
            if v["change"] != row.change:
                problems.append(f"change {v['change']} (want {row.change})")
            if (problem := time_problem(row, found)) is not None:
                problems.append(problem)
        results.append((row, found, problems))
    return results


def emitted_not_claims(text: str, claims: list[dict[str, Any]]) -> list[str]:
    """The "not claims" that some claim's mention covers."""
    bad = []
    for start, end, word in not_claims(text):
        for c in claims:
            if c["mention"]["start"] < end and start < c["mention"]["end"]:
                bad.append(f"{word!r} at {start} is inside claim {c['mention']['text']!r}")
    return bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(SHARED), help="the shared folder (with seeds/ and spec/)")
    args = parser.parse_args()
    shared = Path(args.shared)
    if not (shared / SPEC).exists():
        sys.exit(f"{shared / SPEC} not found: pass --shared")
    import factex

    text = (shared / ARTICLE).read_text(encoding="utf-8")
    claims = factex.extract(text, date=DATE).to_dict()["claims"]
    results = match_rows(parse_spec((shared / SPEC).read_text(encoding="utf-8")), claims)
    for row, claim, problems in results:
        mention = claim["mention"]["text"] if claim else "-"
        print(f"{'ok ' if not problems else 'BAD'} {row.key:<16} {mention:<36} {'; '.join(problems)}")
    described = [(row, describe_problems(row, claim)) for row, claim, _ in results]
    for row, problems in described:
        if problems:
            print(f"    describe {row.key:<16} {'; '.join(problems)}")
    bad = emitted_not_claims(text, claims)
    for line in bad:
        print("NOT-CLAIM EMITTED:", line)
    right = sum(1 for _, _, p in results if not p)
    print(f"seed article: {right}/{len(results)} rows right in kind, value, unit, approx, change and time; "
          f"{len(bad)} not-claims emitted; {len(claims)} claims in all")
    sub = sum(1 for _, p in described if not any(x.startswith("subject") or x == "missing" for x in p))
    met = sum(1 for _, p in described if not any(x.startswith("metric") or x == "missing" for x in p))
    both = sum(1 for _, p in described if not p)
    print(f"seed article: subject right {sub}/{len(results)}, metric head right {met}/{len(results)}, "
          f"both {both}/{len(results)} (target: both for at least 27)")


if __name__ == "__main__":
    main()
