"""Kotak Masukan benchmark (issue #16): the open list (what the page loads: every open id, the
first 200 rows) and a month's statistics, plus the banner's overdue count, at 1,000 and 50,000
entries, with the 50k/1k ratio of each. Targets: <= 50 ms median, <= 3x the 1,000 figure.

Both registers keep the same density (33 inputs a working day, about 1,000 a month, which is a
busy secretariat): a month holds the same number of entries, so the ratio shows what the size
of the whole register costs. Entries older than ten days are answered and closed, as a team that
keeps up does; the rest are open, some of them overdue.
Run: python benchmarks/bench_inbox.py [--small 1000] [--large 50000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sumbar_studio.core.inbox import EntryQuery, InboxService
from sumbar_studio.core.inbox.clock import WorkingClock
from sumbar_studio.core.inbox.model import Channel, Entry, EntryStatus, Kind
from sumbar_studio.core.inbox.report import month_bounds_utc
from sumbar_studio.core.workspace import Workspace

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wednesday 10.00 WIB
PER_DAY = 33
TARGETS = [
    "Komisi I",
    "Komisi II",
    "Komisi III",
    "Komisi IV",
    "Komisi V",
    "PPID Sekretariat DPRD",
    "Bagian Umum dan Keuangan",
    "",
]
TEXTS = [
    "Jalan di nagari kami rusak parah, kapan diperbaiki?",
    "Mohon info jadwal reses anggota DPRD dapil II.",
    "Usul agar rapat paripurna disiarkan langsung di YouTube.",
    "Terima kasih DPRD Sumbar atas kunjungannya ke sekolah kami.",
    "Apa benar DPRD akan menaikkan pajak kendaraan tahun depan?",
]


def build(path: Path, count: int, seed: int = 16) -> Workspace:
    rng = random.Random(seed)
    ws = Workspace.open(path)
    service = InboxService(ws, clock=lambda: NOW)
    clock = WorkingClock.from_settings(service.settings())
    channels, kinds = list(Channel), list(Kind)
    repo = service.repo
    with repo.transaction():
        for i in range(count):
            received = NOW - timedelta(days=i / PER_DAY, minutes=rng.randint(0, 600))
            due = clock.due(received, 24)
            age = (NOW - received).days
            entry = Entry(
                channel=rng.choice(channels),
                kind=rng.choice(kinds),
                text=rng.choice(TEXTS),
                received_at=received,
                due_at=due,
                sender=f"@warga{rng.randint(1, 9999)}",
                topic="Jalan rusak",
                forwarded_to=rng.choice(TARGETS),
            )
            if age > 10 or rng.random() < 0.5:
                answered = received + timedelta(hours=rng.uniform(1, 60))
                entry.first_answer_at = answered
                entry.response_minutes = clock.working_minutes(received, answered)
                entry.status = EntryStatus.ANSWERED
            if age > 10:
                entry.status = EntryStatus.DONE if rng.random() < 0.9 else EntryStatus.CLOSED
                entry.closed_at = entry.first_answer_at + timedelta(days=rng.uniform(0, 5))
                entry.closure_minutes = clock.working_minutes(received, entry.closed_at)
            elif entry.first_answer_at is None:
                entry.status = rng.choice([EntryStatus.NEW, EntryStatus.HANDLING])
            repo.insert(entry, "bench")
    ws.store.conn.execute("ANALYZE")
    return ws


def median_ms(fn, repeat: int) -> float:
    fn()  # warm the page cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(ws: Workspace, repeat: int) -> dict[str, float]:
    service = InboxService(ws, clock=lambda: NOW)
    start, end = month_bounds_utc(2026, 11)

    def open_list():
        ids = service.ids(EntryQuery(open_only=True))
        return service.summaries(ids[:200])

    def month_stats():
        return service.stats(start, end, now=NOW)

    stats = month_stats()
    print(
        f"    {service.count():>6} entries; open {len(service.ids(EntryQuery(open_only=True)))}, "
        f"November: received {stats.received}, answered {stats.answered}, "
        f"within standard {stats.within_standard}"
    )
    return {
        "open list": median_ms(open_list, repeat),
        "month stats": median_ms(month_stats, repeat),
        "overdue count": median_ms(lambda: service.overdue_count(NOW), repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (args.small, args.large):
            t0 = time.perf_counter()
            ws = build(Path(tmp) / f"ws{size}", size)
            print(f"{size} entries built in {time.perf_counter() - t0:.1f} s")
            results[size] = measure(ws, args.repeat)
            ws.close()
    print()
    print(f"{'operation':<16}{args.small:>10} {args.large:>10}  ratio  (target <= 50 ms, <= 3x)")
    for name in results[args.small]:
        small, large = results[args.small][name], results[args.large][name]
        ok = "ok" if large <= 50 and large <= 3 * small else "SLOW"
        print(f"{name:<16}{small:>8.2f}ms {large:>8.2f}ms  {large / small:5.2f}x  {ok}")


if __name__ == "__main__":
    main()
