"""Benchmark: hostile inputs stay bounded (#15 items 8, 10, 12).

Each case is timed against a baseline measured in the same run (checking an ordinary
2,200-character caption), because these machines are noisy. Before the bounds: 4 MB of short
lines took 17 s and 1.3 GB, 5 MB without punctuation ended in a MemoryError, a team pattern
``(?:kata|kata)+x`` and caption templates with nested loops never finished.

    python benchmarks/bench_hostile.py [--runs 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from bench_checks import caption_2200

from sumbar_studio.core.checks import check_text
from sumbar_studio.core.checks.rulesdata import clear_cache, load_rules
from sumbar_studio.core.model import Post
from sumbar_studio.core.resources import asset_path
from sumbar_studio.core.text.captions import CaptionTemplateError, render_caption_string

PLATFORMS = ["instagram", "facebook", "x"]


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    normal = caption_2200()
    check_text(normal, PLATFORMS)  # warm the dictionary
    base = median_ms(lambda: check_text(normal, PLATFORMS), runs)
    print(f"baseline: ordinary 2,200-character caption: {base:.1f} ms")

    folder = Path(tempfile.mkdtemp()) / "rules"
    folder.mkdir()
    shipped = asset_path("rules", "campaign.txt").read_text(encoding="utf-8")
    (folder / "campaign.txt").write_text(shipped + "\nre:(?:kata|kata)+x\n", encoding="utf-8")
    clear_cache()
    team = load_rules(folder)
    post = Post(title="t")

    def template(source: str):
        def run():
            try:
                render_caption_string(source, post)
            except CaptionTemplateError:
                pass

        return run

    cases = {
        "4 MB of short lines": lambda: check_text("Rapat ok.\n" * 400_000, PLATFORMS),
        "5 MB without punctuation": lambda: check_text("kata " * 1_000_000, PLATFORMS),
        "200,000 characters of prose": lambda: check_text((normal + " ") * 90, PLATFORMS),
        "invisible characters in 2,200": lambda: check_text(
            normal.replace(" ", " \u200b"), PLATFORMS
        ),
        "team rule (?:kata|kata)+x": lambda: check_text("kata" * 60 + " x", [], rules=team),
        "template: nested loops": template(
            "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}"
        ),
        "template: 'A' * 2000000000": template("{{ 'A' * 2000000000 }}"),
    }
    for name, fn in cases.items():
        ms = median_ms(fn, runs)
        print(f"{name:<34} {ms:9.1f} ms  ({ms / base:6.1f}x baseline)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the whole run: {peak:.0f} MB")


if __name__ == "__main__":
    main()
