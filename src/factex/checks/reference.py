"""Against reference data: claims matched to the rows of a table of official figures.

The table is a CSV file with the columns ``subject, metric, period, value, unit, source`` and an optional
``tolerance``. A row matches a claim by subject (aliases: ``China|PRC`` in the subject cell, and the
shipped alias groups), metric (word similarity, synonyms applied) and period (overlap); the verdict is
``verified`` (holds) or ``contradicted`` (fails), with the deviation. Totals implied by shares ("11.2
percent of China's total output") are matched too.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factex.checks.crossdoc import dimension, document_figures
from factex.checks.keys import claim_subjects, metric_tokens, overlap, parse_period, period, similarity, subject_key
from factex.checks.model import Status, make_check
from factex.checks.numbers import CheckConfig, Interval, claim_interval, fmt, step_of, tolerance
from factex.checks.rules import CheckRules
from factex.checks.units import pint_names

REQUIRED = ("subject", "metric", "period", "value", "unit", "source")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


class ReferenceError(ValueError):
    """A reference table that cannot be read: missing columns, a bad value, unit or period."""


@dataclass(frozen=True)
class Row:
    """One row of a reference table."""

    line: int
    subject: str
    subjects: frozenset[str]
    metric: str
    tokens: frozenset[str]
    period_text: str
    period: tuple[Any, Any]
    value: Interval
    unit: str
    source: str
    tolerance_text: str

    def as_dict(self) -> dict[str, Any]:
        """The row as it is reported beside a check."""
        return {
            "line": self.line,
            "subject": self.subject,
            "metric": self.metric,
            "period": self.period_text,
            "value": self.value.point,
            "unit": self.unit,
            "source": self.source,
        }


def read_reference(path: Path, rules: CheckRules) -> list[Row]:
    """Read a reference CSV file.

    Raises:
        ReferenceError: The file lacks a column, or a row has a bad value, unit or period.
    """
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ReferenceError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with handle:
        reader = csv.DictReader(handle)
        columns = [c.strip().lower() for c in reader.fieldnames or ()]
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise ReferenceError(f"{path}: missing column(s) {', '.join(missing)} (need {', '.join(REQUIRED)})")
        rows = []
        for number, raw in enumerate(reader, start=2):
            record = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
            if not any(record.values()):
                continue
            try:
                rows.append(_row(number, record, rules))
            except ValueError as exc:
                raise ReferenceError(f"{path}:{number}: {exc}") from None
    return rows


def _row(line: int, record: dict[str, str], rules: CheckRules) -> Row:
    text = record["value"].replace(",", "").replace("_", "")
    try:
        literal = float(text)
    except ValueError:
        raise ValueError(f"value {record['value']!r} is not a number") from None
    unit, scale = record["unit"], 1.0
    words = unit.split()
    if len(words) > 1 and words[0].lower() in _SCALES:
        scale, unit = _SCALES[words[0].lower()], " ".join(words[1:])
    value = literal * scale
    unit = "percent" if unit == "%" else unit
    half = step_of(text, value, "=") * 0.5
    tol = record.get("tolerance", "")
    if tol:
        try:
            half = abs(value) * float(tol[:-1]) / 100 if tol.endswith("%") else float(tol) * scale
        except ValueError:
            raise ValueError(f"tolerance {tol!r} is neither a number nor a percentage") from None
    subjects = frozenset(subject_key(s, rules) for s in record["subject"].split("|") if s.strip())
    if not subjects:
        raise ValueError("no subject")
    return Row(
        line,
        record["subject"],
        subjects,
        record["metric"],
        metric_tokens(record["metric"], rules),
        record["period"],
        parse_period(record["period"]),
        Interval(value - half, value + half, value),
        unit,
        record["source"],
        tol,
    )


def _row_dimensions(row: Row) -> dict[str, float]:
    """The dimensions a row's unit can be compared in, with the factor into each."""
    if row.unit in ("percent", "percentage_point", "bp"):
        return {row.unit: 1.0}
    if row.unit[:3].isalpha() and row.unit[:3].isupper() and row.unit not in pint_names():
        return {"money:" + row.unit: 1.0}
    dims = {"count:" + row.unit: 1.0}
    dim, factor = dimension({"kind": "quantity", "value": {"unit": row.unit}})
    dims[dim] = factor
    return dims


def reference_checks(
    documents: list[dict[str, Any]], rows: list[Row], rules: CheckRules, config: CheckConfig
) -> list[dict[str, Any]]:
    """Every claim (and every implied total) that matches a row, verified or contradicted."""
    metric_min = float(rules.rule("check.reference.row").get("metric_similarity", 0.5))
    period_min = float(rules.rule("check.reference.row").get("period_overlap", 0.8))
    checks = []
    for document in documents:
        article = str((document.get("article") or {}).get("id") or "")
        ambiguous = document_figures(document, rules, config)[1]
        for claim, interval, implied in _candidates(document, config):
            match = _best_row(claim, rows, rules, metric_min)
            if match is None:
                continue
            row, _, iou = match
            check = _check(article, claim, interval, row, iou, period_min, implied)
            if claim["id"] in ambiguous and not implied:
                check.update(
                    status="unclear",
                    verdict="unclear",
                    explanation=check["explanation"] + "; but the "
                    "article gives this subject, metric and period another value too, so which figure "
                    "is meant is unclear",
                )
            checks.append(check)
    return checks


def _candidates(document: dict[str, Any], config: CheckConfig) -> list[tuple[dict[str, Any], Interval, bool]]:
    """The claims of a document with their intervals, and the totals implied by its share checks."""
    out = [
        (c, _signed(c, claim_interval(c, config)), False)
        for c in document.get("claims") or ()
        if c["kind"] not in ("ratio", "duration")
    ]
    for check in document.get("checks") or ():
        implied = check.get("implied")
        if check.get("kind") == "share" and implied:
            pseudo = {
                "id": check["claims"][0],
                "kind": "money" if implied["unit"].isupper() else "quantity",
                "value": {"unit": implied["unit"], "amount": implied["amount"], "change": None},
                "subject": {"text": implied.get("subject")},
                "metric": implied.get("metric"),
                "time": implied.get("time"),
                "mention": {"text": f"implied total of {implied.get('whole')}"},
            }
            out.append((pseudo, Interval(implied["low"], implied["high"], implied["amount"]), True))
    return out


def _signed(claim: dict[str, Any], interval: Interval) -> Interval:
    if claim["value"].get("change") == "down":
        return Interval(-interval.hi, -interval.lo, -interval.point)
    return interval


def _best_row(
    claim: dict[str, Any], rows: list[Row], rules: CheckRules, metric_min: float
) -> tuple[Row, float, float] | None:
    subjects, when = claim_subjects(claim, rules), period(claim.get("time"))
    tokens = metric_tokens(claim.get("metric"), rules)
    if not subjects or when is None or not tokens:
        return None
    dim = dimension(claim)[0]
    best = None
    for row in rows:
        if not (row.subjects & subjects) or dim not in _row_dimensions(row):
            continue
        score, iou = similarity(tokens, row.tokens), overlap(when, row.period)
        if score < metric_min or iou <= 0:
            continue
        if best is None or (score + iou) > best[1] + best[2]:
            best = (row, score, iou)
    return best


def _check(
    article: str, claim: dict[str, Any], interval: Interval, row: Row, iou: float, period_min: float, implied: bool
) -> dict[str, Any]:
    dim, claim_factor = dimension(claim)
    row_factor = _row_dimensions(row)[dim]
    unit = str(claim["value"].get("unit") or "")
    expected = row.value.scale(row_factor / claim_factor)
    if iou < period_min:
        status: Status = "unclear"
        verdict = f"the periods only overlap ({iou:.0%})"
    else:
        status = "holds" if expected.overlaps(interval) else "fails"
        verdict = "verified" if status == "holds" else "contradicted"
    deviation = (interval.point - expected.point) / expected.point if expected.point else None
    what = "the implied total" if implied else f"'{claim['mention']['text']}'"
    explanation = (
        f"{what} ({fmt(interval.point, unit)}) against {row.subject} / {row.metric} / {row.period_text} "
        f"= {fmt(expected.point, unit)} ({row.source}, line {row.line}): {verdict}"
        + (f", deviation {deviation:+.2%}" if deviation is not None and not math.isinf(deviation) else "")
    )
    return make_check(
        "reference.implied" if implied else "reference",
        status,
        [claim["id"]],
        rule="check.reference.row",
        expected=expected.point,
        observed=interval.point,
        tolerance=tolerance(expected, interval),
        unit=unit,
        explanation=explanation,
        article=article,
        reference=row.as_dict(),
        verdict={"holds": "verified", "fails": "contradicted", "unclear": "unclear"}[status],
        deviation=round(deviation, 6) if deviation is not None else None,
    )
