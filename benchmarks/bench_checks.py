"""Benchmark: check_text on a 2,200-character caption for every platform.

Prints the first call (dictionary load + cold caches), the median of later calls on the same
text, the median when the text changes on every call (typing: counting caches miss), and the
ratio of each to a baseline measured in the same run (a plain regex tokenisation of the same
text), because these machines are noisy. Target: median <= 30 ms after the first call.

    python benchmarks/bench_checks.py [--runs 50]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"


def caption_2200() -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    text = "\n\n".join(parts)
    return text[:2200]


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    from sumbar_studio.core.checks import check_text
    from sumbar_studio.core.platforms import default_catalog

    catalog = default_catalog()
    platforms = [p for p in catalog.ids() if catalog.get(p).caption_limit > 0]
    text = caption_2200()
    word = re.compile(r"\w+")

    baseline = statistics.median(timed(lambda: word.findall(text), max(args.runs, 200)))

    start = time.perf_counter()
    first_findings = check_text(text, platforms)
    first = (time.perf_counter() - start) * 1000

    same = statistics.median(timed(lambda: check_text(text, platforms), args.runs))

    counter = iter(range(10**9))

    def typing() -> None:  # a different character at the end each call, as while typing
        check_text(text[:-1] + "abcdefghij"[next(counter) % 10], platforms)

    typing_median = statistics.median(timed(typing, args.runs))

    print(f"caption: {len(text)} characters, {len(platforms)} platforms ({', '.join(platforms)})")
    print(f"findings: {len(first_findings)}")
    print(f"baseline (regex tokenisation) median: {baseline:.3f} ms")
    print(f"first call:                 {first:8.1f} ms  ({first / baseline:,.0f}x baseline)")
    print(f"median, same text:          {same:8.2f} ms  ({same / baseline:,.0f}x baseline)")
    print(f"median, text edited (typing): {typing_median:6.2f} ms  ({typing_median / baseline:,.0f}x baseline)")
    target = 30.0
    verdict = "OK" if max(same, typing_median) <= target else "OVER TARGET"
    print(f"target <= {target:.0f} ms median after the first call: {verdict}")


if __name__ == "__main__":
    main()
