"""Store benchmark: week query, full-text search, saving one post and opening the workspace,
at 1,000 and 100,000 posts, with the 100k/1k ratio for each (issue #2).

Both workspaces keep the same density (20 posts a week, as the team really posts), so a week
holds the same number of posts and the ratio shows how each operation scales with the size of
the archive. Run: python benchmarks/bench_store.py [--small 1000] [--large 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sumbar_studio.core.model import Post, Status
from sumbar_studio.core.store.protocol import PostQuery
from sumbar_studio.core.timeutil import iso_week_of
from sumbar_studio.core.workspace import Workspace

PLACES = [
    "Padang",
    "Bukittinggi",
    "Payakumbuh",
    "Solok",
    "Pariaman",
    "Sawahlunto",
    "Padang Panjang",
    "Agam",
    "Tanah Datar",
    "Pesisir Selatan",
    "Dharmasraya",
    "Pasaman",
    "Sijunjung",
    "Mentawai",
]
TOPICS = [
    "rapat paripurna",
    "rapat dengar pendapat",
    "kunjungan kerja",
    "reses",
    "sosialisasi perda",
    "pembahasan ranperda",
    "penerimaan aspirasi",
    "audiensi",
    "bimbingan teknis",
    "pansus",
]
BASE_WORDS = [
    "anggaran",
    "pendapatan",
    "belanja",
    "daerah",
    "irigasi",
    "jalan",
    "sekolah",
    "kesehatan",
    "pertanian",
    "nelayan",
    "pariwisata",
    "UMKM",
    "pemuda",
    "olahraga",
    "banjir",
    "longsor",
    "jembatan",
    "pasar",
    "nagari",
    "jorong",
    "koperasi",
    "stunting",
    "beasiswa",
    "honorer",
    "guru",
    "bidan",
    "puskesmas",
    "rumah",
    "sakit",
    "air",
    "bersih",
    "listrik",
    "internet",
]
SYLLABLES = [
    "ba",
    "ka",
    "la",
    "ma",
    "na",
    "pa",
    "ra",
    "sa",
    "ta",
    "ga",
    "ri",
    "ku",
    "lo",
    "ne",
    "di",
]
# A realistic archive has a long tail of rarer words: a Zipf-like vocabulary of 3,000 words.
VOCABULARY = BASE_WORDS + [
    "".join(random.Random(n).choice(SYLLABLES) for _ in range(3 + n % 3)) + f"{n}"
    for n in range(3000)
]
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
# 65 members (fictional names): each post names one of them.
MEMBERS = [
    f"Anggota{n:02d} {random.Random(n).choice(['Saputra', 'Yulianti', 'Hidayat', 'Putri'])}"
    for n in range(65)
]
SELECTIVE = "reses anggota17 putr"  # a member's name and a topic, last word as a prefix
BROAD = "paripurna"  # a word in about a tenth of all posts


def make_post(i: int, start: datetime, rng: random.Random) -> Post:
    topic, place = rng.choice(TOPICS), rng.choice(PLACES)
    body = " ".join(rng.choices(VOCABULARY, WEIGHTS, k=60))
    member = rng.choice(MEMBERS)
    when = start + timedelta(minutes=(i // 20) * 7 * 24 * 60 + (i % 20) * 480)
    return Post(
        title=f"{topic.title()} di {place} #{i}",
        caption=f"{place} — DPRD Provinsi Sumatera Barat menggelar {topic} bersama {member}. {body}. #DPRDSumbar",
        platforms=rng.sample(["instagram", "facebook", "x", "threads", "tiktok"], 3),
        hashtags=["#DPRDSumbar", "#Sumbar"],
        assignee=rng.choice(["Rina", "Budi", "Sari", "Andi"]),
        scheduled_at=when,
        status=Status.DRAFT,
    )


def build(folder: Path, count: int) -> tuple[int, int]:
    rng = random.Random(count)
    start = datetime(2020, 1, 6, 2, 0, tzinfo=UTC)
    ws = Workspace.open(folder)
    with ws.repository.transaction():
        for i in range(count):
            ws.repository.insert(make_post(i, start, rng), "bench")
    middle = start + timedelta(weeks=(count // 20) // 2)
    ws.close()
    return iso_week_of(middle)


def median_ms(fn, repeat: int) -> float:
    fn()  # warm caches once
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def measure(folder: Path, week: tuple[int, int], repeat: int) -> dict[str, float]:
    ws = Workspace.open(folder)
    post_id = ws.posts.ids()[len(ws.posts.ids()) // 2]
    counter = iter(range(10**9))

    def save_one():
        post = ws.posts.get(post_id)
        post.caption += f" {next(counter)}"
        ws.posts.save(post, "bench")

    def open_ws():
        Workspace.open(folder).close()

    figures = {
        "week query": median_ms(lambda: ws.posts.week(*week), repeat),
        # the same result size on both sides: the 50 newest posts with a common word
        "FTS search": median_ms(lambda: ws.posts.search(BROAD), repeat),
        # a member's name + topic + prefix: 1 hit at 1k, 50 of 140 at 100k
        "FTS search, selective": median_ms(lambda: ws.posts.search(SELECTIVE), repeat),
        "save one post": median_ms(save_one, repeat),
        "open workspace": median_ms(open_ws, repeat),
    }
    figures["(posts in week)"] = len(ws.posts.week(*week))
    figures["(common-word hits)"] = ws.posts.count(PostQuery(text=BROAD))
    figures["(selective hits)"] = ws.posts.count(PostQuery(text=SELECTIVE))
    ws.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for count in (args.small, args.large):
            t0 = time.perf_counter()
            week = build(Path(tmp) / str(count), count)
            print(
                f"built {count:,} posts in {time.perf_counter() - t0:.1f} s (week {week[0]}-W{week[1]:02d})"
            )
            results[count] = measure(Path(tmp) / str(count), week, args.repeat)
        small, large = results[args.small], results[args.large]
        print(f"\n{'operation':<24}{args.small:>12,}{args.large:>12,}   ratio")
        for name in small:
            if name.startswith("("):
                print(f"{name:<24}{small[name]:>12.0f}{large[name]:>12.0f}")
                continue
            ratio = large[name] / small[name] if small[name] else float("nan")
            print(f"{name:<24}{small[name]:>10.2f}ms{large[name]:>10.2f}ms   {ratio:.2f}x")


if __name__ == "__main__":
    main()
