"""Batch throughput and memory: ``factex extract`` with -j 1, -j 2 and the Dask engine, side by side.

    python benchmarks/batch.py [--articles 2000] [--paragraphs 3] [--rounds 2] [--keep DIR]

Generates a corpus of ``--articles`` articles (a headline and ``--paragraphs`` body paragraphs drawn at
random, seeded, from ``corpus/*.txt``) in a temp folder, then runs the real command on it for each
configuration (a fresh output folder each time) and times the whole command, model loading included.
With ``--rounds`` > 1 the configurations alternate and each keeps its best round (spreads machine noise).

Prints articles per second for each (with the CPU time the command used, and how many cores other
processes kept busy meanwhile: on a shared machine that load, not factex, may decide a ratio), the
scaling efficiency rate(-j 2) / (2 x rate(-j 1)) (target >= 0.8 on 2 cores), Dask against -j 2 (target:
within 15%), and the peak resident memory of every worker over the first 1,000 and the last 1,000
articles (from ``_summary.json``; target: within 10%).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FACTEX = str(Path(sys.executable).parent / "factex")
DATE = "2025-06-30"
CONFIGS = {
    "-j 1": ["-j", "1"],
    "-j 2": ["-j", "2"],
    "dask, 2 local workers": ["--engine", "dask", "-j", "2"],
}


def generate(folder: Path, articles: int, paragraphs: int, seed: int = 2025) -> int:
    """Write the corpus; return its size in characters."""
    heads, bodies = [], []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        parts = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        heads.append(parts[0])
        bodies.extend(parts[1:])
    if not bodies:
        sys.exit("no articles in corpus/")
    rng = random.Random(seed)
    chars = 0
    for i in range(articles):
        text = "\n\n".join([rng.choice(heads), *rng.sample(bodies, paragraphs)]) + "\n"
        path = folder / f"section_{i % 20:02d}" / f"article_{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (Linux /proc/stat; 0 elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def our_seconds() -> float:
    """CPU seconds used by the commands this script ran (they have all finished)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(corpus: Path, out: Path, args: list[str]) -> dict[str, Any]:
    """Run one configuration into a fresh output folder; return its wall time, CPU and summary.

    ``others`` is how many cores other processes kept busy meanwhile (the machine may be shared).
    """
    shutil.rmtree(out, ignore_errors=True)
    busy, ours = busy_seconds(), our_seconds()
    started = time.perf_counter()
    proc = subprocess.run(
        [FACTEX, "extract", str(corpus), "-o", str(out), "--date", DATE, "--quiet", *args],
        capture_output=True, text=True, check=False,
    )
    seconds = time.perf_counter() - started
    cpu = our_seconds() - ours
    others = max(busy_seconds() - busy - cpu, 0.0) / seconds
    if proc.returncode != 0:
        sys.exit(f"factex extract {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    return {"seconds": seconds, "cpu": cpu, "others": others, "summary": summary}


def memory_rows(summary: dict[str, Any]) -> list[tuple[str, float, float]]:
    """(worker, peak MB over the first window, peak MB over the last window) for every worker."""
    windows = list(summary["worker_peak_rss_mb"].values())
    first, last = windows[0], windows[-1]
    return [(worker, first[worker], last.get(worker, float("nan"))) for worker in sorted(first)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--paragraphs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it (default: a temp folder)")
    args = parser.parse_args()
    if args.articles < 2000:
        print(f"note: {args.articles} articles; the published figures use at least 2,000")
    with tempfile.TemporaryDirectory(prefix="factex-batch-") as tmp:
        work = args.keep or Path(tmp)
        corpus = work / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        chars = generate(corpus, args.articles, args.paragraphs)
        print(f"corpus: {args.articles:,} articles ({chars / args.articles:,.0f} characters on average), "
              f"recombined from corpus/*.txt paragraphs; {os.cpu_count()} cores; best of {args.rounds} round(s)")
        best: dict[str, dict[str, Any]] = {}
        for _ in range(args.rounds):
            for index, (name, options) in enumerate(CONFIGS.items()):
                result = measure(corpus, work / f"out{index}", options)
                done = result["summary"]["articles"]["done"]
                if done != args.articles:
                    sys.exit(f"{name}: {done} articles done, expected {args.articles}")
                if name not in best or result["seconds"] < best[name]["seconds"]:
                    best[name] = result
        rates = {name: args.articles / r["seconds"] for name, r in best.items()}
        print(f"{'engine':<24}{'articles/s':>11}{'wall s':>9}{'CPU s':>8}{'claims':>9}  other processes' load")
        for name, result in best.items():
            print(f"{name:<24}{rates[name]:>11.2f}{result['seconds']:>9.1f}{result['cpu']:>8.1f}"
                  f"{result['summary']['claims']:>9,}  {result['others']:.2f} cores")
        efficiency = rates["-j 2"] / (2 * rates["-j 1"])
        dask_ratio = rates["dask, 2 local workers"] / rates["-j 2"]
        print(f"scaling efficiency rate(-j 2) / (2 x rate(-j 1)): {efficiency:.2f} (target >= 0.8)")
        print(f"dask / -j 2 throughput: {dask_ratio:.2f} ({(dask_ratio - 1) * 100:+.1f}%; target within 15%)")
        print("peak worker memory (RSS MB), articles 1-1,000 vs the last 1,000 (target: within 10%):")
        changes: list[float] = []
        for name, result in best.items():
            for worker, first, last in memory_rows(result["summary"]):
                change = (last - first) / first
                changes.append(change)
                print(f"  {name:<24}{worker:<22}{first:>8.1f}{last:>8.1f}  {change * 100:+.1f}%")
        grew, fell = max(changes, default=0.0), min(changes, default=0.0)
        within = all(abs(c) <= 0.10 for c in changes)
        print(f"memory, last 1,000 articles against the first 1,000: largest growth {max(grew, 0) * 100:+.1f}%, "
              f"largest drop {min(fell, 0) * 100:+.1f}%; every worker within 10%: {'yes' if within else 'NO'}")
        claims = {r["summary"]["claims"] for r in best.values()}
        print(f"same claim count in every configuration: {'yes' if len(claims) == 1 else 'NO: ' + str(claims)}")


if __name__ == "__main__":
    main()
