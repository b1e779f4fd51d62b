"""Shared helpers for the export and plan tests: generated photos and approved posts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, ImageDraw

from sumbar_studio.core.model import Action, Approval, CardSpec, Post
from sumbar_studio.core.timeutil import to_utc


def make_photo(path: Path, size=(800, 600), hue=0) -> Path:
    img = Image.new("RGB", size, (40 + hue % 180, 90, 140))
    draw = ImageDraw.Draw(img)
    for i in range(0, size[0], 40):
        draw.line((i, 0, size[0] - i, size[1]), fill=(200, 160 + hue % 60, 60), width=6)
    img.save(path, "JPEG", quality=85)
    return path


def add_post(
    ws,
    tmp_path: Path,
    title: str,
    *,
    when="2026-12-07 09:00",
    platforms=("instagram", "facebook", "x"),
    approve=True,
    photos=1,
) -> Post:
    media = [
        ws.media.import_file(
            make_photo(tmp_path / f"p{title[:8]}{i}.jpg".replace("/", "_"), hue=i * 37),
            alt_text=f"Foto kegiatan {i + 1}",
        )
        for i in range(photos)
    ]
    post = Post(
        title=title,
        caption="Padang — DPRD Provinsi Sumatera Barat menggelar rapat paripurna. #Paripurna",
        platforms=list(platforms),
        hashtags=["#DPRDSumbar", "#SumateraBarat", "#Paripurna", "#APBD2027"],
        media=media,
        card=CardSpec(
            "berita", {"title": title, "category": "Paripurna", "photo": media[0].sha256}
        ),
        scheduled_at=to_utc(datetime.strptime(when, "%Y-%m-%d %H:%M")),
        place="Padang",
        assignee="Rina Marlina",
    )
    post = ws.posts.add(post, "tester")
    if approve:
        ws.posts.transition(post.id, Action.SUBMIT, "tester")
        post = ws.posts.get(post.id)
        ws.posts.approve(
            post.id,
            Approval(
                "Drs. H. Kepala Bagian",
                "197001011995031001",
                "Kepala Bagian",
                datetime.now(UTC),
                post.content_hash(),
            ),
            "kabag",
        )
        post = ws.posts.get(post.id)
    return post
