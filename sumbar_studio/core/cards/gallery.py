"""Sample content and the gallery: every template x format, plus a contact sheet.

Used by ``sumbar-studio gallery`` and by the tests. Sample photos are drawn synthetically
(no real people or events are shipped).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFilter

from ..fileutil import atomic_write
from ..platforms import default_catalog
from .brand import Brand
from .layout import get_font
from .render import RenderResult, render_formats, save_image
from .template import CardTemplate, list_templates

LONG_TITLE = (
    "Ketua DPRD Provinsi Sumatera Barat Bersama Pimpinan dan Seluruh Ketua Fraksi Menerima "
    "Audiensi Forum Komunikasi Nagari se-Kabupaten Pesisir Selatan tentang Percepatan "
    "Pembangunan Infrastruktur Jalan Provinsi dan Penanggulangan Bencana Hidrometeorologi"
)
LONG_ROLE = "Ketua DPRD Provinsi Sumatera Barat"


def sample_scene(path: Path, size: tuple[int, int] = (3000, 2000), seed: int = 7) -> Path:
    """A synthetic 'plenary hall' photo: warm wall, lights, rows of seats, a podium."""
    w, h = size
    rnd = random.Random(seed)
    img = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(img)
    for y in range(h):  # wall: warm wood to darker floor
        f = y / h
        draw.line((0, y, w, y), fill=(int(150 - 70 * f), int(110 - 60 * f), int(80 - 45 * f)))
    for i in range(9):  # ceiling lights
        x = int(w * (i + 0.5) / 9)
        draw.ellipse(
            (x - w // 60, int(h * 0.06), x + w // 60, int(h * 0.06) + w // 60), fill=(255, 236, 200)
        )
    draw.rectangle((int(w * 0.3), int(h * 0.18), int(w * 0.7), int(h * 0.42)), fill=(120, 28, 30))
    draw.rectangle(
        (int(w * 0.33), int(h * 0.21), int(w * 0.67), int(h * 0.39)), fill=(220, 170, 60)
    )
    draw.rectangle((int(w * 0.44), int(h * 0.44), int(w * 0.56), int(h * 0.62)), fill=(70, 40, 25))
    for row in range(5):  # rows of seated people (heads and shoulders)
        y = int(h * (0.62 + row * 0.08))
        r = int(w * (0.012 + row * 0.004))
        for k in range(int(w / (r * 3.2))):
            x = int(k * r * 3.2 + (row % 2) * r * 1.6 + rnd.randint(-4, 4))
            suit = rnd.choice([(25, 25, 30), (40, 40, 48), (230, 230, 230), (60, 30, 30)])
            draw.ellipse((x - r * 1.5, y + r * 0.8, x + r * 1.5, y + r * 4), fill=suit)
            skin = rnd.choice([(190, 140, 110), (160, 115, 85), (205, 160, 125)])
            draw.ellipse((x - r * 0.8, y - r * 0.6, x + r * 0.8, y + r), fill=skin)
            draw.chord(
                (x - r * 0.85, y - r * 0.7, x + r * 0.85, y + r * 0.2), 180, 360, fill=(20, 20, 20)
            )
    img = img.filter(ImageFilter.GaussianBlur(w / 900))
    noise = Image.effect_noise((w // 4, h // 4), 18).resize((w, h)).convert("RGB")
    img = Image.blend(img, noise, 0.06)
    with atomic_write(path, "wb", private=False) as fh:
        img.save(fh, "JPEG", quality=88)
    return path


def sample_portrait(path: Path, size: tuple[int, int] = (1000, 1250), seed: int = 3) -> Path:
    """A synthetic head-and-shoulders portrait against a studio backdrop."""
    w, h = size
    img = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(img)
    for y in range(h):
        f = y / h
        draw.line((0, y, w, y), fill=(int(70 + 40 * f), int(90 + 35 * f), int(120 + 30 * f)))
    cx = w // 2
    draw.ellipse((cx - w * 0.42, h * 0.62, cx + w * 0.42, h * 1.35), fill=(28, 30, 38))  # suit
    draw.polygon(
        [(cx - w * 0.09, h * 0.63), (cx + w * 0.09, h * 0.63), (cx, h * 0.85)], fill=(240, 240, 240)
    )  # shirt
    draw.polygon(
        [(cx - w * 0.03, h * 0.66), (cx + w * 0.03, h * 0.66), (cx, h * 0.83)], fill=(150, 25, 30)
    )  # tie
    draw.rectangle((cx - w * 0.07, h * 0.5, cx + w * 0.07, h * 0.64), fill=(180, 130, 100))  # neck
    draw.ellipse((cx - w * 0.17, h * 0.2, cx + w * 0.17, h * 0.56), fill=(196, 146, 112))  # face
    draw.chord((cx - w * 0.185, h * 0.15, cx + w * 0.185, h * 0.42), 180, 360, fill=(25, 22, 20))
    draw.rectangle((cx - w * 0.16, h * 0.06, cx + w * 0.16, h * 0.2), fill=(20, 20, 22))  # peci
    img = img.filter(ImageFilter.GaussianBlur(w / 500))
    with atomic_write(path, "wb", private=False) as fh:
        img.save(fh, "JPEG", quality=90)
    return path


@dataclass
class Variant:
    name: str
    fields: dict[str, Any]


def sample_variants(template: CardTemplate, photo_dir: Path) -> list[Variant]:
    """Short and long sample content for a template (the long one stresses the layout)."""
    scene = photo_dir / "contoh-kegiatan.jpg"
    portrait = photo_dir / "contoh-potret.jpg"
    if not scene.exists():
        sample_scene(scene)
    if not portrait.exists():
        sample_portrait(portrait)
    base: dict[str, Any] = dict(template.samples)
    for f in template.fields:
        if f.type == "photo":
            base[f.id] = {
                "path": str(portrait if "member" in f.id or "portrait" in f.id else scene),
                "focal_x": 0.5,
                "focal_y": 0.35 if "member" in f.id else 0.5,
            }
    long_values = dict(base)
    long_overrides = template.samples.get("_long", {})
    long_values.update(long_overrides)
    base.pop("_long", None)
    long_values.pop("_long", None)
    return [Variant("pendek", base), Variant("panjang", long_values)]


def render_gallery(
    out_dir: str | Path,
    brand: Brand,
    templates: list[CardTemplate] | None = None,
    formats: list[str] | None = None,
    scale: float = 1.0,
) -> tuple[list[tuple[str, str, str, Path, RenderResult]], Path]:
    """Render every template x format x variant as PNG into ``out_dir`` and a contact sheet."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    photos = out / "_foto"
    photos.mkdir(exist_ok=True)
    done: list[tuple[str, str, str, Path, RenderResult]] = []
    for template in templates or list_templates():
        fids = [f for f in (formats or template.formats) if f in template.formats]
        for variant in sample_variants(template, photos):
            results = render_formats(template, variant.fields, brand, fids, scale)
            for fid, result in results.items():
                path = save_image(
                    result.image, out / f"{template.id}-{variant.name}-{fid}.png", "png"
                )
                done.append((template.id, variant.name, fid, path, result))
    sheet = contact_sheet(done, out / "contact-sheet.jpg")
    return done, sheet


def contact_sheet(
    items: list[tuple[str, str, str, Path, RenderResult]], path: Path, cell_h: int = 250
) -> Path:
    """One row per template and variant, the formats side by side at a common height."""
    fonts_label = get_font(str(_label_font()), 20)
    rows: dict[tuple[str, str], list[tuple[str, Image.Image, bool]]] = {}
    for tid, variant, fid, _, result in items:
        img = result.image
        thumb = img.resize(
            (max(1, round(img.width * cell_h / img.height)), cell_h), Image.Resampling.LANCZOS
        )
        rows.setdefault((tid, variant), []).append((fid, thumb, result.report.overflow))
    pad, label_w, head = 16, 170, 30
    width = label_w + max(sum(t.width + pad for _, t, _ in row) for row in rows.values()) + pad
    height = len(rows) * (cell_h + head + pad) + pad
    sheet = Image.new("RGB", (width, height), (236, 234, 230))
    draw = ImageDraw.Draw(sheet)
    y = pad
    for (tid, variant), row in rows.items():
        draw.text((pad, y + head + 4), tid, font=fonts_label, fill=(30, 30, 30))
        draw.text((pad, y + head + 30), variant, font=fonts_label, fill=(110, 110, 110))
        x = label_w
        for fid, thumb, overflow in row:
            label = default_catalog().formats[fid].label + ("  (overflow)" if overflow else "")
            draw.text(
                (x, y + 4),
                label,
                font=fonts_label,
                fill=(176, 30, 35) if overflow else (60, 60, 60),
            )
            sheet.paste(thumb, (x, y + head))
            x += thumb.width + pad
        y += cell_h + head + pad
    return save_image(sheet, path, "jpeg")


def _label_font() -> Path:
    from ..resources import asset_path

    return asset_path("fonts", "Inter-SemiBold.otf")
