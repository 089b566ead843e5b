"""Throughput and load time: factex against the bare English pipeline on the same texts, same machine.

    python benchmarks/throughput.py [--words 50000] [--rounds 2]

Each measurement runs in a fresh process (so peak memory is its own): the bare ``en_core_web_sm``
pipeline (``nlp.pipe``) and factex (``factex.extract_articles``, which uses ``nlp.pipe`` too) over
``corpus/*.txt`` repeated to at least ``--words`` words. Rounds alternate to spread machine noise;
the best round of each counts (load time: the median over the rounds). Prints words per second,
the ratio, load time and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_texts(words: int) -> list[str]:
    """The corpus articles, repeated until they hold at least ``words`` words."""
    base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    if not base:
        sys.exit("no articles in corpus/")
    texts: list[str] = []
    while sum(len(t.split()) for t in texts) < words:
        texts.extend(base)
    return texts


def measure(mode: str, words: int) -> dict[str, float]:
    """Load one pipeline and time it over the texts (runs inside the child process)."""
    texts = corpus_texts(words)
    started = time.perf_counter()
    if mode == "bare":
        import spacy

        from factex.pipeline import model_name

        nlp = spacy.load(model_name())
        load = time.perf_counter() - started
        nlp("warm up")
        started = time.perf_counter()
        with nlp.memory_zone():
            for _ in nlp.pipe(texts, batch_size=16):
                pass
    else:
        import factex
        from factex.claim import Article
        from factex.pipeline import get_nlp

        nlp = get_nlp()
        load = time.perf_counter() - started
        factex.extract("warm up", nlp=nlp)
        started = time.perf_counter()
        articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
        claims = sum(len(r.claims) for r in factex.extract_articles(articles, nlp=nlp))
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n_words = sum(len(t.split()) for t in texts)
    result = {"mode": mode, "words": n_words, "seconds": seconds, "load_seconds": load, "peak_mb": peak_mb}
    if mode == "factex":
        result["claims"] = claims
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--mode", choices=["bare", "factex"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(measure(args.mode, args.words)))
        return
    best: dict[str, dict[str, float]] = {}
    loads: dict[str, list[float]] = {"bare": [], "factex": []}
    for _ in range(args.rounds):
        for mode in ("bare", "factex"):
            out = subprocess.run(
                [sys.executable, __file__, "--mode", mode, "--words", str(args.words)],
                capture_output=True, text=True, check=True,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            loads[mode].append(result["load_seconds"])
            if mode not in best or result["seconds"] < best[mode]["seconds"]:
                best[mode] = result
    bare, ours = best["bare"], best["factex"]
    wps_bare, wps_ours = bare["words"] / bare["seconds"], ours["words"] / ours["seconds"]
    print(f"texts: corpus/*.txt repeated to {ours['words']:,} words; best of {args.rounds} alternating rounds")
    load_bare, load_ours = statistics.median(loads["bare"]), statistics.median(loads["factex"])
    print(f"{'pipeline':<28}{'words/s':>10}{'load s':>9}{'peak MB':>9}   load: median of {args.rounds} processes")
    print(f"{'bare en_core_web_sm pipe':<28}{wps_bare:>10.0f}{load_bare:>9.2f}{bare['peak_mb']:>9.0f}")
    print(f"{'factex.extract_articles':<28}{wps_ours:>10.0f}{load_ours:>9.2f}{ours['peak_mb']:>9.0f}")
    print(f"throughput ratio factex/bare: {wps_ours / wps_bare:.2f}x (target >= 0.8); "
          f"factex load {load_ours:.2f} s, {min(loads['factex']):.2f}-{max(loads['factex']):.2f} s over the rounds "
          f"(target < 2 s); {ours['claims']:,} claims")


if __name__ == "__main__":
    main()
