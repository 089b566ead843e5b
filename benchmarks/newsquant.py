"""NewsQuant (CQE paper, EMNLP 2023) dev split: factex's value, value+unit and value+change F1.

    python benchmarks/newsquant.py [--data-dir ../shared/eval] [--errors errors.jsonl]

Runs factex on every sentence, writes predictions in the scorer's format, runs the benchmark's own
scorer (``newsquant_score.py``) and prints our figures beside the published reference systems.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import factex
from _common import eval_dir
from factex.claim import Article

# Reference figures measured on this dev split (from the benchmark's README): value / value+unit / value+change.
REFERENCE = {
    "CQE 2.0.3": (87.9, 82.3, 85.1),
    "quantulum3": (69.9, 43.6, 49.7),
    "Recognizers-Text": (68.1, 35.4, 49.4),
}
# factex names -> NewsQuant names where the scorer's own table does not have them.
NAMES = {
    "person": "people", "ppb": "parts-per-billion", "ppm": "parts-per-million", "Gt": "gigaton",
    "degree": "degree", "kHz": "kilohertz", "mi2": "square mile", "ha": "hectare", "acre": "acre", "oz": "ounce",
    "um": "micrometre", "nm": "nanometre", "barrel/day": "barrel per day", "ft2": "square feet",
    "NZD": "new zealand dollar", "DKK": "danish krone", "SEK": "swedish krona", "NOK": "norwegian krone",
    "SGD": "singapore dollar", "TWD": "new taiwan dollar", "CNY": "chinese yuan", "RUB": "russian ruble",
    "BRL": "brazilian real", "MXN": "mexican peso", "ZAR": "south african rand", "TRY": "turkish lira",
    "PLN": "polish zloty", "THB": "thai baht", "IDR": "indonesian rupiah", "PHP": "philippine peso",
    "V": "volt", "kV": "kilovolt", "pt": "pint", "qt": "quart", "floz": "fluid ounce",
}
# Fractions of a group ("a third of those screened", "one in three adults"): NewsQuant calls a share "% X".
SHARE_RULES = ("ratio.fraction", "ratio.one-in")
# Minor currency units: factex normalizes "19 cents" to 0.19 USD; NewsQuant keeps the value as written.
MINOR = {"USD": "cent", "EUR": "cent", "CAD": "cent", "AUD": "cent", "GBP": "penny", "MYR": "sen"}
APPROX = {"=": "=", "~": "~", ">": ">", ">=": ">", "<": "<", "<=": "<"}


def unit_name(claim: dict[str, Any]) -> str:
    """Translate a factex unit into the benchmark's vocabulary (per-units become 'X per Y')."""
    value = claim["value"]
    if claim["kind"] == "quantity" and ("old" in value["unit_text"] or "age.apposition" in claim["trace"]):
        return "year of age"
    if claim["rule"] in SHARE_RULES and not value["unit"]:
        return "% -"
    if value["unit"] == "t" and "tonne" in value["unit_text"].lower():
        return "metric_ton"  # factex writes tons and tonnes alike as t; NewsQuant keeps what the text says
    if claim["kind"] == "count" and value.get("counted"):
        return NAMES.get(value["counted"], value["counted"])  # NewsQuant names counts with their adjectives
    parts = [NAMES.get(p, p) for p in value["unit"].split("/")]
    if len(parts) == 2:
        return " per ".join(_canon(p) for p in parts)
    return parts[0]


def _canon(unit: str) -> str:
    from newsquant_score import unit_name as scorer_name  # the scorer's own table

    return scorer_name(unit)


def to_prediction(text: str, claims: list[dict[str, Any]]) -> dict[str, Any]:
    """One prediction line: every claim but ranks (NewsQuant does not annotate ranks)."""
    quantities = []
    for claim in claims:
        if claim["kind"] == "rank":
            continue
        value = claim["value"]
        amount = value["amount"]
        minor = claim["rule"].startswith("money.minor") and value["unit"] in MINOR
        if value["change"] == "down" and claim["mention"]["text"].lstrip().startswith(("-", "−")):
            amount = -amount  # the benchmark keeps the sign as written
        high = value["amount_high"]
        if minor:
            amount, high = round(amount * 100, 9), None if high is None else round(high * 100, 9)
        number: Any = [amount, high] if high is not None else amount
        # NewsQuant folds approximation and change into one label; where a figure has both it keeps the former.
        change = APPROX[value["approx"]] if value["approx"] != "=" else value["change"] or "="
        unit = MINOR[value["unit"]] if minor else unit_name(claim)
        quantities.append({"value": number, "unit": unit, "change": change})
    return {"text": text, "quantities": quantities}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="folder with newsquant-dev.json and newsquant_score.py")
    parser.add_argument("--errors", help="write per-sentence gold/predicted pairs here (JSONL) for analysis")
    args = parser.parse_args()
    data = eval_dir(args.data_dir)
    sys.path.insert(0, str(data))
    gold = json.loads((data / "newsquant-dev.json").read_text(encoding="utf-8"))

    started = time.perf_counter()
    articles = [Article(id=f"nq{i}", text=g["text"]) for i, g in enumerate(gold)]
    predictions = [
        to_prediction(g["text"], r.to_dict()["claims"])
        for g, r in zip(gold, factex.extract_articles(articles, batch_size=64), strict=True)
    ]
    seconds = time.perf_counter() - started

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        handle.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions)
    out = subprocess.run(
        [sys.executable, str(data / "newsquant_score.py"), str(data / "newsquant-dev.json"), handle.name],
        capture_output=True, text=True, check=True,
    ).stdout
    Path(handle.name).unlink()
    rows = {json.loads(line)["metric"]: json.loads(line) for line in out.splitlines() if line.startswith("{")}
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as err:
            for g, p in zip(gold, predictions, strict=True):
                err.write(json.dumps({"text": g["text"], "gold": [[q["value"], q["normalized_unit"], q["change"]]
                          for q in g["quantities"]], "pred": p["quantities"]}, ensure_ascii=False) + "\n")

    print(f"NewsQuant dev: {len(gold)} sentences, {rows['value']['n_gold']} gold quantities, "
          f"{rows['value']['n_pred']} predicted, {seconds:.1f} s")
    print(f"{'system':<20}{'value F1':>10}{'value+unit':>12}{'value+change':>14}")
    ours = (rows["value"]["F1"], rows["value+unit"]["F1"], rows["value+change"]["F1"])
    print(f"{'factex ' + factex.__version__:<20}{ours[0]:>10}{ours[1]:>12}{ours[2]:>14}")
    for name, (v, vu, vc) in REFERENCE.items():
        print(f"{name:<20}{v:>10}{vu:>12}{vc:>14}")
    print(f"(value P/R {rows['value']['P']}/{rows['value']['R']}; targets: value >= 94, value+unit >= 90, "
          f"value+change >= 90)")


if __name__ == "__main__":
    main()
