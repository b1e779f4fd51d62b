"""Team-server benchmark (issue #12): the same archive on SQLite and on a local PostgreSQL.

1. Week query and full-text search medians at 1,000 and 100,000 posts on both back ends, with
   the 100k/1k ratio (targets on the server: <= 20 ms median, <= 3x the 1,000-post figure).
2. Save-to-visible: one desk saves, a second desk (its own login and connection) hears the
   notification and re-reads the post; p50 / p95 (targets <= 300 ms / <= 1 s).
3. Eight clients editing the same 40 posts for --seconds (60 by default), on the server and on
   one SQLite file: no lost update (every acknowledged edit is in the final text and the
   history), no error other than deliberate stale-save refusals.

Run as root or as a user who may run initdb: python benchmarks/bench_team.py
[--small 1000] [--large 100000] [--repeat 30] [--seconds 60] [--clients 8]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import BROAD, SELECTIVE, build, make_post, median_ms  # noqa: E402

from sumbar_studio.core.errors import StaleEdit  # noqa: E402
from sumbar_studio.core.services import PostService  # noqa: E402
from sumbar_studio.core.store.postgres.admin import (  # noqa: E402
    StaffMember,
    create_login,
    init_server,
)
from sumbar_studio.core.store.postgres.connection import connect  # noqa: E402
from sumbar_studio.core.store.postgres.listen import ChangeFeed, PostChanged  # noqa: E402
from sumbar_studio.core.store.postgres.localserver import LocalServer, find_bindir  # noqa: E402
from sumbar_studio.core.store.postgres.repository import (  # noqa: E402
    PostgresPostRepository,
    _content_row,
)
from sumbar_studio.core.store.protocol import PostQuery  # noqa: E402
from sumbar_studio.core.timeutil import iso_week_of  # noqa: E402
from sumbar_studio.core.workspace import Workspace  # noqa: E402

EDITORS = [f"editor{n}" for n in range(1, 9)]


def load_server(server: LocalServer, dbname: str, count: int) -> tuple[int, int]:
    """A database with ``count`` posts like bench_store's (same generator and seed), loaded
    with COPY as the owner (the import path of team push)."""
    with connect(server.conninfo()) as admin:
        admin.execute(f"CREATE DATABASE {dbname}")
    rng = random.Random(count)
    start = datetime(2020, 1, 6, 2, 0, tzinfo=UTC)
    now = datetime.now(UTC)
    with connect(server.conninfo(dbname)) as conn:
        init_server(conn)
        for login in EDITORS:
            create_login(conn, StaffMember(login, login.title(), group="officer"))
        create_login(conn, StaffMember("watcher", "Watcher", group="viewer"))
        with conn.transaction():
            conn.execute("SET LOCAL ROLE sumbar_owner")
            conn.execute("SET LOCAL sumbar.importing = 'on'")
            with conn.cursor() as cur:
                columns = (
                    "id, title, caption, status, scheduled_at, assignee, platforms, data,"
                    " search, version, created_at, updated_at"
                )
                with cur.copy(f"COPY sumbar.posts ({columns}) FROM STDIN") as copy:
                    for i in range(count):
                        post = make_post(i, start, rng)
                        row = _content_row(post)
                        copy.write_row(
                            (
                                i + 1,
                                post.title,
                                post.caption,
                                str(post.status),
                                post.scheduled_at,
                                post.assignee,
                                row["platforms"],
                                json.dumps(row["_data"], ensure_ascii=False),
                                row["search"],
                                1,
                                now,
                                now,
                            )
                        )
                cur.execute(
                    "SELECT setval(pg_get_serial_sequence('sumbar.posts', 'id'), %s)", (count,)
                )
        conn.execute("VACUUM ANALYZE")  # measure a settled table, not autovacuum at work
    middle = start + timedelta(weeks=(count // 20) // 2)
    return iso_week_of(middle)


def measure(posts: PostService, week: tuple[int, int], repeat: int) -> dict[str, float]:
    post_id = posts.ids(PostQuery(limit=1, offset=posts.count() // 2))[0]
    counter = iter(range(10**9))

    def save_one():
        post = posts.get(post_id)
        post.caption += f" {next(counter)}"
        posts.save(post, "bench")

    figures = {
        "week query": median_ms(lambda: posts.week(*week), repeat),
        "FTS search": median_ms(lambda: posts.search(BROAD), repeat),
        "FTS search, selective": median_ms(lambda: posts.search(SELECTIVE), repeat),
        "save one post": median_ms(save_one, repeat),
    }
    figures["(posts in week)"] = len(posts.week(*week))
    figures["(common-word hits)"] = posts.count(PostQuery(text=BROAD))
    figures["(selective hits)"] = posts.count(PostQuery(text=SELECTIVE))
    return figures


def save_to_visible(server: LocalServer, dbname: str, rounds: int) -> list[float]:
    """ms from the start of a save on desk A until desk B has re-read the new version."""
    writer = PostService(PostgresPostRepository(connect(server.conninfo(dbname, "editor1"))))
    reader = PostgresPostRepository(connect(server.conninfo(dbname, "watcher")))
    feed = ChangeFeed(server.conninfo(dbname, "watcher"))
    while not feed.events(timeout=1.0):
        pass  # the first Resync
    post_id = writer.ids(PostQuery(limit=1))[0]
    samples = []
    for n in range(rounds):
        post = writer.get(post_id)
        post.caption = post.caption[:200] + f" r{n}"
        t0 = time.perf_counter()
        saved = writer.save(post, "editor1")
        seen = None
        while seen is None:
            for event in feed.events(timeout=2.0):
                if isinstance(event, PostChanged) and event.version == saved.version:
                    seen = reader.get(event.post_id)
        samples.append((time.perf_counter() - t0) * 1000)
        assert seen.version == saved.version and seen.caption == post.caption
    feed.close()
    return samples


def editing_storm(open_service, post_ids: list[int], clients: int, seconds: float) -> dict:
    """``clients`` threads append a unique token to random posts for ``seconds``; then every
    acknowledged token must be in its post's final caption and history."""
    acked: dict[int, list[str]] = {i: [] for i in post_ids}
    check = open_service(0)

    def update_rows(post_id: int) -> int:
        return sum(1 for h in check.history(post_id) if h.action == "update")

    rows_before = {i: update_rows(i) for i in post_ids}
    stats = {"saves": 0, "stale": 0, "errors": []}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def work(n: int) -> None:
        posts = open_service(n)
        rng = random.Random(n)
        k = 0
        while time.monotonic() < deadline:
            post_id = rng.choice(post_ids)
            token = f"c{n}x{k}"
            k += 1
            try:
                post = posts.get(post_id)
                post.caption += f" {token}"
                posts.save(post, f"editor{n + 1}")
            except StaleEdit:
                with lock:
                    stats["stale"] += 1
                continue
            except Exception as exc:  # noqa: BLE001 -- counted, the run must go on
                with lock:
                    stats["errors"].append(repr(exc))
                continue
            with lock:
                stats["saves"] += 1
                acked[post_id].append(token)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    lost = 0
    history_mismatch = 0
    for post_id, tokens in acked.items():
        words = set(check.get(post_id).caption.split())
        lost += sum(1 for tok in tokens if tok not in words)
        history_mismatch += abs(update_rows(post_id) - rows_before[post_id] - len(tokens))
    stats["lost"] = lost
    stats["history_mismatch"] = history_mismatch
    return stats


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    bindir = find_bindir()
    if bindir is None:
        sys.exit("PostgreSQL binaries not found (apt-get install postgresql)")
    results: dict[tuple[str, int], dict] = {}
    with tempfile.TemporaryDirectory() as tmp, LocalServer(bindir) as server:
        for count in (args.small, args.large):
            t0 = time.perf_counter()
            week = build(Path(tmp) / str(count), count)
            t1 = time.perf_counter()
            pg_week = load_server(server, f"bench{count}", count)
            t2 = time.perf_counter()
            assert pg_week == week
            print(
                f"{count:,} posts: SQLite built in {t1 - t0:.1f} s, server loaded in"
                f" {t2 - t1:.1f} s (week {week[0]}-W{week[1]:02d})",
                flush=True,
            )
            with Workspace.open(Path(tmp) / str(count)) as ws:
                results[("SQLite", count)] = measure(ws.posts, week, args.repeat)
            repo = PostgresPostRepository(connect(server.conninfo(f"bench{count}", "editor1")))
            results[("PostgreSQL", count)] = measure(PostService(repo), week, args.repeat)
            repo.connection.close()

        print(
            f"\n{'operation':<24}{'SQLite ' + format(args.small, ','):>14}"
            f"{format(args.large, ','):>11}{'ratio':>8}"
            f"{'server ' + format(args.small, ','):>16}{format(args.large, ','):>11}{'ratio':>8}"
        )
        for name in results[("SQLite", args.small)]:
            line = f"{name:<24}"
            for engine in ("SQLite", "PostgreSQL"):
                small = results[(engine, args.small)][name]
                large = results[(engine, args.large)][name]
                if name.startswith("("):
                    line += f"{small:>14.0f}{large:>11.0f}{'':>8}"
                else:
                    ratio = large / small if small else float("nan")
                    line += f"{small:>12.2f}ms{large:>9.2f}ms{ratio:>7.2f}x"
                line += "  " if engine == "SQLite" else ""
            print(line)

        samples = save_to_visible(server, f"bench{args.large}", args.rounds)
        qs = statistics.quantiles(samples, n=20)
        print(
            f"\nsave-to-visible on a second desk ({args.rounds} saves, {args.large:,} posts):"
            f" p50 {statistics.median(samples):.1f} ms, p95 {qs[18]:.1f} ms,"
            f" max {max(samples):.1f} ms"
        )

        ids = list(range(1, 41))
        pg_db = f"bench{args.large}"

        def pg_service(n: int) -> PostService:
            login = EDITORS[n % len(EDITORS)]
            return PostService(PostgresPostRepository(connect(server.conninfo(pg_db, login))))

        local_folder = Path(tmp) / str(args.large)

        def sqlite_service(n: int) -> PostService:
            return Workspace.open(local_folder).posts

        for engine, opener in (("PostgreSQL", pg_service), ("SQLite", sqlite_service)):
            stats = editing_storm(opener, ids, args.clients, args.seconds)
            print(
                f"{engine}: {args.clients} clients x {args.seconds:.0f} s on 40 posts:"
                f" {stats['saves']} acknowledged saves ({stats['saves'] / args.seconds:.1f}/s),"
                f" {stats['stale']} stale-save refusals, {len(stats['errors'])} other errors,"
                f" {stats['lost']} lost updates, {stats['history_mismatch']} saves missing from"
                " (or extra in) the history",
                flush=True,
            )
            for err in stats["errors"][:5]:
                print("   error:", err)
        with connect(server.conninfo(pg_db, "watcher")) as conn:
            broken = PostgresPostRepository(conn).verify_audit()
            rows = conn.execute("SELECT count(*) FROM sumbar.audit").fetchone()[0]
        print(
            f"server audit chain after the run: {rows} rows, "
            + ("intact" if broken is None else f"BROKEN at row {broken}")
        )


if __name__ == "__main__":
    main()
