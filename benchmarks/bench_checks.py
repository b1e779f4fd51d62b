"""Benchmark: check_text on a 2,200-character caption for every platform, and on a
2,000-character text full of errors (the annotated corpus's seeded errors: capitals,
punctuation, misspellings, word lists).

Prints the first call (dictionary load + cold caches), the median of later calls on the same
text, the median when the text changes on every call (typing: counting caches miss), and the
ratio of each to a baseline measured in the same run (a plain regex tokenisation of the same
text; for the error text, the ratio to the clean text of the same run), because these machines
are noisy. Target: median <= 30 ms after the first call, for both texts.

    python benchmarks/bench_checks.py [--runs 50]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
CORPUS = DATA / "corpus"
ANNOTATED = DATA / "annotated" / "teks.txt"
_MARK = re.compile(r"\{(?P<wrong>[^{}]*?)=>[^{}|]*\|\w+\}")


def caption_2200() -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    text = "\n\n".join(parts)
    return text[:2200]


def errors_2000() -> str:
    """About 2,000 characters of the annotated corpus's texts that carry errors (each mark
    replaced by its wrong text), as one caption."""
    blocks = re.split(r"^### .*$", ANNOTATED.read_text(encoding="utf-8"), flags=re.M)[1:]
    wrong = [_MARK.sub(lambda m: m.group("wrong"), b.strip()) for b in blocks if _MARK.search(b)]
    text = ""
    for block in wrong:
        if len(text) + len(block) > 2000:
            break
        text += block + "\n\n"
    return text.strip()


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def typing_median(check, text: str, runs: int) -> float:
    """Median of checks where the last character differs on every call, as while typing."""
    counter = iter(range(10**9))
    return statistics.median(
        timed(lambda: check(text[:-1] + "abcdefghij"[next(counter) % 10]), runs)
    )


TYPED = (
    "Pansus meminta pengunaan dana hibah diawasi ketat oleh inspektorat dan dilaporkan "
    "kepada ketua DPRD sebelum akhir tahun anggaran,serta diumumkan kepada publik. "
)


def typing_new_words_median(check, text: str, runs: int) -> float:
    """Median of checks while a new sentence is typed at the end, one character per call:
    every call meets a word (or part of one) the caches have not seen."""
    typed = (TYPED * (runs // len(TYPED) + 1))[:runs]
    steps = iter(range(1, runs + 1))
    return statistics.median(timed(lambda: check(text + "\n" + typed[: next(steps)]), runs))


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
    typing = typing_median(lambda t: check_text(t, platforms), text, args.runs)

    errors = errors_2000()
    start = time.perf_counter()
    error_findings = check_text(errors, platforms)
    errors_first = (time.perf_counter() - start) * 1000
    errors_same = statistics.median(timed(lambda: check_text(errors, platforms), args.runs))
    errors_typing = typing_median(lambda t: check_text(t, platforms), errors, args.runs)
    new_words = typing_new_words_median(
        lambda t: check_text(t, platforms), errors, max(args.runs, len(TYPED))
    )

    print(f"caption: {len(text)} characters, {len(platforms)} platforms ({', '.join(platforms)})")
    print(f"findings: {len(first_findings)}")
    print(f"baseline (regex tokenisation) median: {baseline:.3f} ms")
    print(f"first call:                 {first:8.1f} ms  ({first / baseline:,.0f}x baseline)")
    print(f"median, same text:          {same:8.2f} ms  ({same / baseline:,.0f}x baseline)")
    print(f"median, text edited (typing): {typing:6.2f} ms  ({typing / baseline:,.0f}x baseline)")
    print(f"text full of errors: {len(errors)} characters, {len(error_findings)} findings")
    print(f"first call:                 {errors_first:8.1f} ms")
    print(
        f"median, same text:          {errors_same:8.2f} ms  ({errors_same / same:.2f}x the clean text)"
    )
    print(
        f"median, text edited (typing): {errors_typing:6.2f} ms  ({errors_typing / typing:.2f}x the clean text)"
    )
    print(
        f"median, typing a new sentence: {new_words:5.2f} ms  ({new_words / typing:.2f}x the clean text)"
    )
    target = 30.0
    worst = max(same, typing, errors_same, errors_typing, new_words)
    verdict = "OK" if worst <= target else "OVER TARGET"
    print(f"target <= {target:.0f} ms median after the first call: {verdict}")


if __name__ == "__main__":
    main()
