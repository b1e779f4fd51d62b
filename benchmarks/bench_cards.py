"""Card rendering benchmarks: medians and ratios against baselines measured in the same run.

(a) a 4:5 card from a 12-megapixel JPEG vs the floor for that photo (open + cover-resize +
    JPEG save, nothing else): target ratio <= 1.3
(b) all five formats from one decode vs one format: target <= 3x
(c) re-render of a half-scale preview after a text change, photo cached: target <= 25 ms median

Run: python3 benchmarks/bench_cards.py [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from sumbar_studio.core.cards import PhotoCache, PhotoRef, load_brand, render, render_formats
from sumbar_studio.core.cards.photo import REDUCING_GAP, RESAMPLE, cover_box, srgb_profile_bytes


def make_photo(path: Path, size=(4000, 3000)) -> Path:
    """A synthetic 12 MP photo: gradients, shapes and noise (so JPEG has real work), q92."""
    w, h = size
    small = Image.linear_gradient("L").resize((w // 4, h // 4))
    rgb = Image.merge(
        "RGB",
        (
            small,
            small.rotate(90).resize(small.size),
            small.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
        ),
    )
    draw = ImageDraw.Draw(rgb)
    for i in range(60):
        x, y = (i * 37) % (w // 4), (i * 53) % (h // 4)
        draw.ellipse((x, y, x + 60, y + 40), fill=((i * 40) % 255, (i * 90) % 255, (i * 20) % 255))
    img = rgb.resize((w, h), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(1))
    noise = Image.effect_noise((w, h), 40).convert("RGB")
    img = Image.blend(img, noise, 0.12)
    img.save(path, "JPEG", quality=92)
    return path


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired(fa, fb, repeat: int) -> tuple[float, float]:
    """Medians of two functions timed alternately, so background load hits both alike."""
    ta, tb = [], []
    for _ in range(repeat):
        for fn, out in ((fa, ta), (fb, tb)):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(ta), statistics.median(tb)


def floor_4x5(path: Path) -> None:
    """The least any 4:5 card from this photo costs: open, cover-resize, save JPEG."""
    with Image.open(path) as img:
        img.draft("RGB", (1080, 1350))
        box = cover_box(img.width, img.height, 1080, 1350, 0.5, 0.5)
        out = img.resize((1080, 1350), RESAMPLE, box=box, reducing_gap=REDUCING_GAP)
    out.save(io.BytesIO(), "JPEG", quality=90, subsampling=0, icc_profile=srgb_profile_bytes())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    brand = load_brand()
    fields = {
        "title": "DPRD Sumbar Sahkan Ranperda Pengelolaan Keuangan Daerah Menjadi Perda",
        "subtitle": "Rapat paripurna dihadiri 52 anggota dan Gubernur Sumatera Barat.",
        "place": "Padang",
        "date": "2026-12-07",
    }
    with tempfile.TemporaryDirectory() as tmp:
        photo = make_photo(Path(tmp) / "12mp.jpg")
        ref = PhotoRef(photo)
        print(f"photo: {photo.stat().st_size / 1e6:.1f} MB, 4000x3000, q92")

        def card_4x5() -> None:  # cold: a fresh cache each time, so the photo is decoded
            result = render(
                "berita", {**fields, "photo": ref}, brand, "4x5", photo_cache=PhotoCache()
            )
            result.image.save(
                io.BytesIO(), "JPEG", quality=90, subsampling=0, icc_profile=srgb_profile_bytes()
            )

        render(
            "berita", {**fields, "photo": ref}, brand, "4x5", photo_cache=PhotoCache()
        )  # warm fonts
        floor, card = paired(lambda: floor_4x5(photo), card_4x5, args.repeat)
        print(
            f"(a) floor (open+cover-resize+save) {floor * 1000:7.1f} ms | 4:5 card "
            f"{card * 1000:7.1f} ms | ratio {card / floor:.2f} (target <= 1.3)"
        )

        one, five = paired(
            lambda: render_formats(
                "berita", {**fields, "photo": ref}, brand, ["4x5"], photo_cache=PhotoCache()
            ),
            lambda: render_formats(
                "berita", {**fields, "photo": ref}, brand, photo_cache=PhotoCache()
            ),
            args.repeat,
        )
        print(
            f"(b) one format {one * 1000:7.1f} ms | five formats, one decode "
            f"{five * 1000:7.1f} ms | ratio {five / one:.2f} (target <= 3)"
        )

        cache = PhotoCache()
        render("berita", {**fields, "photo": ref}, brand, "4x5", 0.5, photo_cache=cache)
        counter = iter(range(10_000))

        def edit() -> None:
            render(
                "berita",
                {**fields, "title": f"{fields['title']} {next(counter)}", "photo": ref},
                brand,
                "4x5",
                0.5,
                photo_cache=cache,
            )

        preview = timed(edit, max(15, args.repeat * 3))
        print(
            f"(c) half-scale preview after a text edit (photo cached): median "
            f"{preview * 1000:.1f} ms (target <= 25 ms); decodes: {cache.decodes}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
