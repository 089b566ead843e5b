"""Time-expression benchmark: factex's TimeTagger on the TIMEX3 development corpora (TempEval-3 metric).

Runs the tagger on every document of ``timex-meantime.jsonl`` and ``timex-tbaq.jsonl`` with its article
date, writes the predictions to a temporary file, scores them with the corpus' own ``timex_score.py`` and
prints our value F1 (the TempEval-3 ranking measure) beside the reference systems measured on the same
data, plus the tagging speed.

    python benchmarks/timex.py [--data-dir ../shared/eval] [--errors DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from factex.time import TimeTagger  # noqa: E402

TIMING_RUNS = 3
CORPORA = (
    ("MEANTIME", "timex-meantime.jsonl", {"HeidelTime 2.2.1": 73.1, "dateparser search_dates": 41.2}),
    ("TBAQ", "timex-tbaq.jsonl", {"HeidelTime 2.2.1": 77.4, "dateparser search_dates": 31.7}),
)


def parse_dct(raw: str) -> dt.date | None:
    """Read a corpus article date: ``YYYY-MM-DD[Thh:mm[:ss]]`` or ``DD-MM-YYYY``."""
    head = raw.strip()[:10]
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    return None


def run_corpus(tagger: TimeTagger, gold: Path, scorer: Path, errors: Path | None) -> tuple[dict, float, int]:
    """Tag one corpus and score it; return the scorer's figures, seconds spent tagging and words tagged."""
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    spent = 0.0
    words = 0
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for doc in docs:
            dct = parse_dct(doc.get("dct", ""))
            best = float("inf")
            for _ in range(TIMING_RUNS):  # the fastest of a few runs: a busy machine adds noise, not work
                t0 = time.perf_counter()
                exprs = tagger.find(doc["text"], dct)
                best = min(best, time.perf_counter() - t0)
            spent += best
            words += len(doc["text"].split())
            timexes = [{"start": e.start, "end": e.end, "type": e.type, "value": e.value} for e in exprs]
            out.write(json.dumps({"id": doc["id"], "timexes": timexes}) + "\n")
        pred_path = Path(out.name)
    cmd = [sys.executable, str(scorer), str(gold), str(pred_path)]
    if errors is not None:
        cmd.append(str(errors))
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    finally:
        pred_path.unlink(missing_ok=True)
    return json.loads(proc.stdout.splitlines()[0]), spent, words


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one comparable line per corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=REPO.parent / "shared" / "eval",
        help="folder with timex-*.jsonl and timex_score.py (default: ../shared/eval)",
    )
    parser.add_argument(
        "--errors",
        type=Path,
        default=None,
        help="folder to write the scorer's value errors to (one JSON file per corpus)",
    )
    args = parser.parse_args(argv)
    data = args.data_dir.resolve()
    scorer = data / "timex_score.py"
    if not scorer.is_file():
        print(
            f"timex benchmark: no evaluation data at {data} (expected timex_score.py and timex-*.jsonl); "
            "pass --data-dir",
            file=sys.stderr,
        )
        return 2
    if args.errors is not None:
        args.errors.mkdir(parents=True, exist_ok=True)
    tagger = TimeTagger()
    tagger.find("warm-up on 20 August 2024", dt.date(2024, 9, 1))
    total_spent = 0.0
    total_words = 0
    for name, filename, reference in CORPORA:
        gold = data / filename
        if not gold.is_file():
            print(f"timex benchmark: {gold} is missing", file=sys.stderr)
            return 2
        err = args.errors / f"{filename.removesuffix('.jsonl')}.errors.json" if args.errors else None
        s, spent, words = run_corpus(tagger, gold, scorer, err)
        total_spent += spent
        total_words += words
        refs = ", ".join(f"{k} {v:.1f}" for k, v in reference.items())
        print(
            f"{name:9s} value F1 {s['value_f1']:5.1f}  (relaxed F1 {s['relaxed_f1']:.1f}, strict F1 "
            f"{s['strict_f1']:.1f}, value acc {s['value_acc']:.1f}, P {s['relaxed_p']:.1f} "
            f"R {s['relaxed_r']:.1f}, "
            f"gold {s['gold']}, system {s['system']})  reference: {refs}"
        )
    per600 = 1000 * total_spent / max(total_words, 1) * 600
    print(f"speed     {per600:.2f} ms per 600 words ({total_words} words tagged)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
