"""Typed schedule entry: ``parse_schedule`` (free forms via dateparser) against the strict
``parse_wib_datetime`` it extends, measured in the same run.

(a) numeric forms ("14/12 9.00", "2026-12-14 09:00"), handled before dateparser: target
    <= 3x the strict parser, well under a millisecond
(b) words ("14 Desember 13.30", "Senin, 14 Desember 2026 pukul 09.00 WIB"), through dateparser:
    reported in milliseconds per entry (one entry per Enter key, so < 20 ms is instant)

Run: python3 benchmarks/bench_schedule.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime

from sumbar_studio.core.timeutil import parse_schedule, parse_wib_datetime

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
STRICT = ["14/12/2026 09.00", "2026-12-14 09:00", "07/12/2026 13.30", "2026-12-31 19:00"]
NUMERIC = ["14/12/2026 9.00", "2026-12-14 09:00", "besok 9.00", "senin 13.00"]
WORDS = ["14 Desember 13.30", "Senin, 14 Desember 2026 pukul 09.00 WIB", "14/12 9.00", "1 Jan 8.00"]


def per_call(fn, texts, repeat: int) -> float:
    """Median seconds per parse over ``repeat`` rounds."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts * 50:
            fn(text)
        rounds.append((time.perf_counter() - start) / (len(texts) * 50))
    return statistics.median(rounds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    parse_schedule("14 Desember 9.00", now=NOW)  # dateparser loads its language data once
    strict = per_call(parse_wib_datetime, STRICT, args.repeat)
    numeric = per_call(lambda s: parse_schedule(s, now=NOW), NUMERIC, args.repeat)
    words = per_call(lambda s: parse_schedule(s, now=NOW), WORDS, args.repeat)
    print(f"strict parse_wib_datetime (baseline): {strict * 1e6:8.1f} us/entry")
    print(
        f"(a) numeric and day words:            {numeric * 1e6:8.1f} us/entry"
        f"  ratio {numeric / strict:5.2f}x (target <= 3x)"
    )
    print(
        f"(b) month names via dateparser:       {words * 1e3:8.3f} ms/entry"
        f"  ratio {words / strict:7.1f}x (one entry per Enter)"
    )


if __name__ == "__main__":
    main()
