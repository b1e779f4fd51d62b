"""Export benchmark (issue #5): a 21-post week, 2-3 platforms each, 12-megapixel photos.

Prints, all measured in this run (these machines are noisy, so ratios matter, not seconds):
- the export with 1 worker (in-process) and with 2 worker processes, and the speed-up
  (target >= 1.6x on 2 cores);
- the time per card inside the export against one isolated render of the same card (photo
  already decoded, JPEG encoded: the renderer's own cost) — target <= 1.2x;
- the weekly plan PDF for that week (cold: thumbnails rendered; warm: thumbnails cached) —
  target < 2 s.

Run: python benchmarks/bench_export.py [--posts 21] [--megapixels 12] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from datetime import UTC, datetime
from datetime import time as dtime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image, ImageDraw  # noqa: E402

from sumbar_studio.core import export as export_mod  # noqa: E402
from sumbar_studio.core.cards import PhotoCache, PhotoRef, load_brand, load_template, render  # noqa: E402
from sumbar_studio.core.cards.render import encode_jpeg  # noqa: E402
from sumbar_studio.core.model import Action, Approval, CardSpec, Post  # noqa: E402
from sumbar_studio.core.timeutil import WIB, to_utc, week_days  # noqa: E402
from sumbar_studio.core.workspace import Workspace  # noqa: E402

PLATFORM_SETS = [
    ("instagram", "facebook", "x"),
    ("instagram", "x"),
    ("facebook", "threads"),
    ("instagram", "facebook", "threads"),
]


def make_photo(path: Path, megapixels: float, seed: int) -> Path:
    """A 4:3 camera-sized JPEG with real detail (gradients, shapes, noise), quality 90."""
    w = int((megapixels * 1e6 * 4 / 3) ** 0.5)
    h = int(w * 3 / 4)
    small = Image.effect_noise((w // 8, h // 8), 60).convert("RGB")
    img = small.resize((w, h), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(img)
    for i in range(40):
        x = (seed * 97 + i * 211) % w
        y = (seed * 53 + i * 137) % h
        draw.ellipse(
            (x, y, x + w // 10, y + h // 8),
            fill=((i * 40 + seed * 13) % 255, (i * 90) % 255, (seed * 70) % 255),
        )
    img.save(path, "JPEG", quality=90)
    return path


def build(ws: Workspace, tmp: Path, posts: int, megapixels: float) -> list[Post]:
    days = week_days(2026, 50)
    result = []
    for i in range(posts):
        photo = make_photo(tmp / f"foto-{i:02d}.jpg", megapixels, i)
        media = ws.media.import_file(photo, alt_text=f"Foto kegiatan {i + 1}")
        when = datetime.combine(days[i % 7], dtime(8 + (i // 7) * 3, 0), tzinfo=WIB)
        post = ws.posts.add(
            Post(
                title=f"Rapat Dengar Pendapat Komisi {i % 5 + 1} Membahas Ranperda Nomor {i + 1}",
                caption="Padang — DPRD Provinsi Sumatera Barat menggelar rapat. " * 3,
                platforms=list(PLATFORM_SETS[i % len(PLATFORM_SETS)]),
                hashtags=["#DPRDSumbar", "#SumateraBarat"],
                media=[media],
                card=CardSpec("berita", {"category": "RDP", "photo": media.sha256}),
                scheduled_at=to_utc(when),
                assignee="Rina Marlina",
            ),
            "bench",
        )
        ws.posts.transition(post.id, Action.SUBMIT, "bench")
        post = ws.posts.get(post.id)
        ws.posts.approve(
            post.id,
            Approval(
                "Kepala Bagian",
                "197506181998031003",
                "Kepala Bagian",
                datetime.now(UTC),
                post.content_hash(),
            ),
            "bench",
        )
        result.append(ws.posts.get(post.id))
    return result


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed_export(ws, posts, out: Path, workers: int) -> tuple[float, float, list]:
    """Wall time, CPU time (this process and its reaped workers) and the results."""
    cpu = _cpu()
    start = time.perf_counter()
    results = export_mod.export_posts(ws, posts, out, workers=workers)
    return time.perf_counter() - start, _cpu() - cpu, results


def single_render_seconds(ws, post: Post, repeats: int = 5) -> float:
    """One card, rendered and JPEG-encoded with its photo already decoded (median)."""
    template = load_template("berita")
    brand = load_brand()
    fields = export_mod.card_fields(ws, post, template)
    fields = {
        k: PhotoRef.coerce(v) if isinstance(v, dict) and "path" in v else v
        for k, v in fields.items()
    }
    times = []
    for fmt in ("4x5", "1x1", "16x9", "191x1"):
        cache = PhotoCache()
        render(template, fields, brand, fmt, photo_cache=cache)  # decode once (not counted)
        for _ in range(repeats):
            cache._fitted.clear()  # the fit (crop + resize) is part of a render
            start = time.perf_counter()
            image = render(template, fields, brand, fmt, photo_cache=cache).image
            encode_jpeg(image)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=21)
    parser.add_argument("--megapixels", type=float, default=12.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        ws = Workspace.open(tmp / "ws")
        t0 = time.perf_counter()
        posts = build(ws, tmp, args.posts, args.megapixels)
        print(
            f"set-up: {len(posts)} posts with {args.megapixels:g} MP photos "
            f"in {time.perf_counter() - t0:.1f} s; cpu_count={os.cpu_count()}"
        )

        # warm-up: imports, fonts, the process pool start-up path
        export_mod.export_posts(ws, posts[:2], tmp / "warm", workers=1)

        load = os.getloadavg()[0]
        serial, serial_cpu, results = timed_export(ws, posts, tmp / "out1", 1)
        parallel, parallel_cpu, _ = timed_export(ws, posts, tmp / "out2", args.workers)
        images = sum(r.images for r in results)
        cards = sum(len({f["format"] for f in r.files if f["kind"] == "image"}) for r in results)
        print(
            f"export, 1 worker : {serial:6.2f} s  ({len(results)} bundles, {cards} cards "
            f"rendered, {images} image files)"
        )
        print(
            f"export, {args.workers} workers: {parallel:6.2f} s  (CPU {parallel_cpu:.2f} s vs "
            f"{serial_cpu:.2f} s in-process; CPU/wall {parallel_cpu / parallel:.2f} of "
            f"{args.workers}; load average before: {load:.2f})"
        )
        print(f"speed-up {args.workers} workers vs 1: {serial / parallel:.2f}x  (target >= 1.6x)")

        single = single_render_seconds(ws, posts[0])
        per_card = serial / cards
        print(f"single render (decoded photo, render + JPEG): {single * 1000:6.1f} ms")
        print(
            f"per card in the 1-worker export            : {per_card * 1000:6.1f} ms  "
            f"-> {per_card / single:.2f}x a single render (target <= 1.2x)"
        )
        print(
            f"CPU per card in the 1-worker export        : {serial_cpu / cards * 1000:6.1f} ms  "
            f"-> {serial_cpu / cards / single:.2f}x (robust to other load on the machine)"
        )
        print(
            f"per card in the {args.workers}-worker export (wall)     : "
            f"{parallel / cards * 1000:6.1f} ms"
        )

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from sumbar_studio.core.plan import build_plan, render_plan_html
        from sumbar_studio.printing.plan_pdf import ensure_gui_app, print_plan_pdf

        ensure_gui_app()
        for label in ("cold (thumbnails rendered)", "warm (thumbnails cached)"):
            start = time.perf_counter()
            plan = build_plan(ws, 2026, 50)
            built = time.perf_counter()
            pages = print_plan_pdf(render_plan_html(plan), tmp / "plan.pdf")
            done = time.perf_counter()
            print(
                f"plan PDF, {label}: {done - start:.2f} s (data {built - start:.2f} s, "
                f"HTML+PDF {done - built:.2f} s, {pages} pages)  (target < 2 s)"
            )
        ws.close()


if __name__ == "__main__":
    main()
