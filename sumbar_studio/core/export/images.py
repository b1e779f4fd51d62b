"""The images of one post: a picklable task, rendered and encoded in a worker process."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from ..cards import PhotoCache, PhotoRef, default_cache, load_template, render_formats
from ..cards.render import draw_draft_mark, encode_jpeg
from ..platforms import default_catalog
from ..postcard import (
    brand_with,
    template_or_none,
)
from ..resources import template_path
from .naming import _inside

# ----------------------------------------------------------------------------------------
# the work for one post: a picklable description, rendered in a worker


@dataclass
class ImageTarget:
    platform: str
    format_id: str
    order: int
    relpath: str  # "instagram/instagram_4x5_01.jpg"
    photo_index: int = -1  # -1: the card; else post.media[i] cover-cropped (carousel)


@dataclass
class PostTask:
    """Everything a worker needs to render one post's images (plain, picklable data)."""

    post_id: int | None
    title: str
    template_id: str
    fields: dict[str, Any]  # photo fields resolved to {"path", "focal_x", "focal_y"}
    photos: list[dict[str, Any]]  # post.media resolved: {"path", "focal_x", "focal_y"}
    targets: list[ImageTarget]
    tmp_dir: str
    brand_overlay: dict[str, Any] = field(default_factory=dict)
    draft_mark: str | None = None


def render_post_images(task: PostTask) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Render and write the images of one post into ``task.tmp_dir``; return the file records
    and the renderer's layout report per card format (for the checklist summary).

    Runs in a worker process. Each distinct format is rendered once and encoded once; the same
    bytes are written for every platform that uses that format. Each photo is decoded once per
    post (``render_formats`` prefetches at the resolution the largest format needs).
    """
    root = Path(task.tmp_dir)
    template = template_or_none(task.template_id) if task.template_id else None
    card_formats = list(dict.fromkeys(t.format_id for t in task.targets if t.photo_index < 0))
    brand = brand_with(task.brand_overlay)
    cards: dict[str, Image.Image] = {}
    reports: dict[str, Any] = {}
    if card_formats:
        if template is not None:
            fields = {
                k: (PhotoRef.coerce(v) if isinstance(v, dict) and "path" in v else v)
                for k, v in task.fields.items()
            }
        else:  # unknown or broken template: the plain brand card, drawn the same way
            template, fields = _fallback_card(task)
        cache = PhotoCache(max_sources=2, max_fitted=8)
        rendered = render_formats(
            template, fields, brand, card_formats, draft_mark=task.draft_mark, photo_cache=cache
        )
        cards = {fid: r.image for fid, r in rendered.items()}
        if template.id != FALLBACK_TEMPLATE_ID:  # the checklist judges the post's own card
            reports = {fid: r.report for fid, r in rendered.items()}

    encoded: dict[tuple[str, int], tuple[bytes, tuple[int, int]]] = {}
    records = []
    for target in task.targets:
        key = (target.format_id, target.photo_index)
        if key not in encoded:
            if target.photo_index >= 0:
                img = _carousel_photo(task.photos[target.photo_index], target.format_id)
                if task.draft_mark:
                    img = draw_draft_mark(img, task.draft_mark, brand)
            else:
                img = cards[target.format_id]
            encoded[key] = (encode_jpeg(img), img.size)
        data, size = encoded[key]
        path = _inside(root, *target.relpath.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        records.append(
            {
                "path": target.relpath,
                "kind": "image",
                "platform": target.platform,
                "format": target.format_id,
                "order": target.order,
                "bytes": len(data),
                "width": size[0],
                "height": size[1],
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    return records, reports


def _carousel_photo(photo: dict[str, Any], format_id: str) -> Image.Image:
    fmt = default_catalog().format(format_id)
    return default_cache.fitted(PhotoRef.coerce(photo), (fmt.width, fmt.height)).image


FALLBACK_TEMPLATE_ID = "dasar"


def _fallback_card(task: PostTask):
    """The plain brand template (templates/fallback/dasar.json) and its fields: the card's
    headline or the post's title, and the card's photo or the post's first photo. Colours,
    fonts and the institution's name come from the brand kit, like every other card."""
    photo = next(
        (v for v in task.fields.values() if isinstance(v, dict) and "path" in v),
        task.photos[0] if task.photos else None,
    )
    fields: dict[str, Any] = {"headline": str(task.fields.get("headline") or task.title)}
    if photo is not None:
        fields["photo"] = PhotoRef.coerce(photo)
    return load_template(template_path("fallback", f"{FALLBACK_TEMPLATE_ID}.json")), fields
