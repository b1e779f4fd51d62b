"""Queue benchmark: opening the queue, switching weeks and filtering the list with 100,000
posts, against a 1,000-post baseline measured in the same run.

    python benchmarks/bench_queue.py [--posts 100000] [--baseline 1000] [--repeat 9]
                                     [--per-week 25]   (480: a stress test of a crowded week)

Both workspaces hold the same number of posts a week (25 by default, what the team publishes),
so a week looks the same in both and the ratio shows how the archive's size alone costs.

Targets (median): open <= 100 ms, switch week <= 100 ms, filter list <= 150 ms. The posts are
inserted in one transaction with executemany (rows built by the repository's own row encoder,
so the data is what the app writes); the timings go through the real QueuePage, models and
SQL. Absolute times vary between machines; the ratios to the baseline are the portable figure.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from sumbar_studio.core.model import CardSpec, Post, Status  # noqa: E402
from sumbar_studio.core.store.repository import _post_to_row, search_body  # noqa: E402
from sumbar_studio.core.timeutil import iso_week_of, utc_to_db  # noqa: E402
from sumbar_studio.core.workspace import Workspace  # noqa: E402

TITLES = [
    "Rapat Paripurna Ranperda",
    "RDP Komisi {n} dengan Dinas",
    "Kunjungan kerja ke {place}",
    "Reses anggota Dapil {n}",
    "Sosialisasi Perda di {place}",
    "Audiensi Forum Nagari {place}",
    "Ucapan Hari {day}",
    "Infografis APBD {year}",
    "Kutipan Ketua Komisi {n}",
]
PLACES = ["Padang", "Bukittinggi", "Payakumbuh", "Solok", "Agam", "Pariaman", "Sawahlunto"]
DAYS = ["Ibu", "Guru", "Pahlawan", "Kesehatan Nasional", "Disabilitas"]
PLATFORMS = [["instagram"], ["instagram", "facebook"], ["facebook", "x"], ["instagram", "threads"]]
ASSIGNEES = ["Rina Marlina", "Fajar Ramadhan", "Yuliani Putri", "Budi Santoso", "Andi Pratama"]
STATUSES = [
    Status.DRAFT,
    Status.REVIEW,
    Status.APPROVED,
    Status.SCHEDULED,
    Status.PUBLISHED,
    Status.PUBLISHED,
    Status.PUBLISHED,
    Status.ARCHIVED,
]
START = datetime(2024, 1, 1, tzinfo=UTC)
REALISTIC_PER_WEEK = 25  # the team publishes 15-30 posts a week
STRESS_PER_WEEK = 480  # 100,000 posts crammed into four years


def span_days(count: int, per_week: int) -> int:
    return max(7, round(count / per_week * 7))


def fill(ws: Workspace, count: int, per_week: int, seed: int = 7) -> None:
    span = span_days(count, per_week)
    rng = random.Random(seed)
    now = utc_to_db(datetime.now(UTC))
    posts, search = [], []
    for i in range(count):
        n = rng.randint(1, 6)
        title = rng.choice(TITLES).format(
            n=n, place=rng.choice(PLACES), day=rng.choice(DAYS), year=rng.randint(2024, 2028)
        )
        when = START + timedelta(minutes=rng.randrange(span * 24 * 4) * 15)
        post = Post(
            title=f"{title} #{i}",
            caption=f"{title}. DPRD Provinsi Sumatera Barat di {rng.choice(PLACES)}. #DPRDSumbar",
            platforms=rng.choice(PLATFORMS),
            assignee=rng.choice(ASSIGNEES),
            scheduled_at=when if rng.random() > 0.02 else None,
            status=rng.choice(STATUSES),
            card=CardSpec(template_id=rng.choice(["berita", "agenda", ""])),
        )
        row = _post_to_row(post)
        posts.append(
            (
                i + 1,
                row["title"],
                row["caption"],
                row["status"],
                row["scheduled_at"],
                row["event_date"],
                row["assignee"],
                row["platforms"],
                row["data"],
                now,
                now,
            )
        )
        search.append((i + 1, row["title"], search_body(row["caption"], row["data"])))
    conn = ws.store.conn
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO posts (id, title, caption, status, scheduled_at, event_date, assignee,"
        " platforms, data, version, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
        posts,
    )
    conn.executemany("INSERT INTO post_search(rowid, title, body) VALUES (?, ?, ?)", search)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")


def median_ms(fn, repeat: int) -> float:
    fn()  # warm-up (page cache, statement cache)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def measure(count: int, repeat: int, per_week: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from sumbar_studio.ui.queue import QueuePage

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix=f"bench-queue-{count}-"))
    ws = Workspace.open(folder / "ws")
    t0 = time.perf_counter()
    fill(ws, count, per_week)
    print(f"  {count:>7} posts inserted in {time.perf_counter() - t0:.1f} s", flush=True)
    clock = START + timedelta(days=span_days(count, per_week) // 2)
    pages = []

    def open_queue():
        # close the previous run's page first (untimed), so runs never pile up open windows
        for old in pages:
            old.close()
            old.deleteLater()
        pages.clear()
        app.processEvents()
        t_open = time.perf_counter()
        page = QueuePage(ws, None, clock=lambda: clock, autostart=False)
        page.thumbnails.enabled = False  # card thumbnails render on the worker, not timed here
        page.resize(1360, 860)
        page.show()
        page.week_view.repaint()
        app.processEvents()
        pages.append(page)
        return (time.perf_counter() - t_open) * 1000

    open_queue()  # warm-up
    results = {"open": statistics.median(open_queue() for _ in range(repeat))}
    page = pages[-1]
    page.set_view("week")
    year, week = iso_week_of(clock)
    state = {"direction": 1}

    def switch_week():
        page.step(state["direction"])
        state["direction"] = -state["direction"]
        page.week_view.repaint()

    results["switch_week"] = median_ms(switch_week, repeat)
    results["week_posts"] = page.week_model.rowCount()
    page.set_view("month")

    def switch_month():
        page.step(state["direction"])
        state["direction"] = -state["direction"]
        page.month_view.viewport().repaint()

    results["switch_month"] = median_ms(switch_month, repeat)
    page.set_view("list")
    filters = []
    words = iter(
        [
            "paripurna",
            "reses",
            "kunjungan",
            "audiensi",
            "sosialisasi",
            "rapat",
            "komisi",
            "ucapan",
            "infografis",
            "kutipan",
            "padang",
            "agam",
        ]
        * 4
    )

    def text_filter():
        page.search.setText(next(words))
        page.apply_filters()
        page.list_view.viewport().repaint()

    def status_filter():
        index = page.status_filter.currentIndex()
        page.status_filter.setCurrentIndex(1 + index % (page.status_filter.count() - 1))
        page.list_view.viewport().repaint()

    def assignee_filter():
        index = page.assignee_filter.currentIndex()
        page.assignee_filter.setCurrentIndex(1 + index % (page.assignee_filter.count() - 1))
        page.list_view.viewport().repaint()

    def clear_filters():
        page.search.clear()
        page.status_filter.setCurrentIndex(0)
        page.assignee_filter.setCurrentIndex(0)
        page.apply_filters()
        page.list_view.viewport().repaint()

    for fn in (text_filter, status_filter, assignee_filter, clear_filters):
        filters.append(median_ms(fn, repeat))
        clear_filters()
    (
        results["filter_text"],
        results["filter_status"],
        results["filter_assignee"],
        results["filter_none"],
    ) = filters
    results["filter"] = statistics.median(filters)
    # scrolling: fetch the next page of rows and read them
    page.search.clear()
    page.apply_filters()

    def scroll():
        model = page.list_model
        if model.canFetchMore():
            model.fetchMore()
        last = model.rowCount() - 1
        page.list_view.scrollTo(model.index(last, 0))
        page.list_view.viewport().repaint()

    results["scroll_page"] = median_ms(scroll, repeat)
    page.close()
    page.deleteLater()
    app.processEvents()
    ws.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument(
        "--per-week",
        type=int,
        default=REALISTIC_PER_WEEK,
        help=f"posts per week in both workspaces (stress: {STRESS_PER_WEEK})",
    )
    args = parser.parse_args(argv)
    print(f"Sumbar Studio queue benchmark (median ms), {args.per_week} posts a week in both")
    base = measure(args.baseline, args.repeat, args.per_week)
    big = measure(args.posts, args.repeat, args.per_week)
    targets = {"open": 100, "switch_week": 100, "filter": 150}
    print(f"\n{'measure':<16}{args.baseline:>10,}{args.posts:>10,}{'ratio':>8}{'target':>9}")
    ok = True
    for key in (
        "open",
        "switch_week",
        "switch_month",
        "filter_text",
        "filter_status",
        "filter_assignee",
        "filter_none",
        "filter",
        "scroll_page",
    ):
        target = targets.get(key)
        verdict = ""
        if target is not None:
            passed = big[key] <= target
            ok &= passed
            verdict = f"<= {target}" + (" ok" if passed else " SLOW")
        print(
            f"{key:<16}{base[key]:>10.1f}{big[key]:>10.1f}{big[key] / max(base[key], 1e-6):>8.1f}"
            f"  {verdict}"
        )
    print(f"posts in the shown week: {base['week_posts']} / {big['week_posts']}")
    print("all targets met" if ok else "some targets missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
