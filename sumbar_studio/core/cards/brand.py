"""The brand kit: institution names, palette, fonts, logo, footer and hashtags.

Templates never name a colour or a font file: they refer to brand tokens (``"$primary"``,
``"$heading"``), resolved here. The shipped kit is ``assets/brand/brand.json``; the settings can
overlay any value (``Brand.from_dict(overlay, base=load_brand())``), so officers change
content while the branding stays in one place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from ..errors import TemplateError
from ..resources import asset_path

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$")
#: A colour reference in a template: ``$token`` with an optional opacity ``$token@0.6``.
TOKEN_RE = re.compile(r"^\$([a-z][a-z0-9_]*)(?:@(0(?:\.\d+)?|1(?:\.0+)?))?$")
FONT_TOKEN_RE = re.compile(r"^\$([a-z][a-z0-9_]*)$")


def parse_hex(value: str) -> RGB:
    match = _HEX.match(value.strip())
    if not match:
        raise ValueError(f"not a #RRGGBB colour: {value!r}")
    h = match.group(1)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


@dataclass(frozen=True)
class Brand:
    name: str = "DPRD Provinsi Sumatera Barat"
    short_name: str = "DPRD Sumbar"
    tagline: str = ""
    colors: dict[str, str] = field(default_factory=dict)
    fonts: dict[str, str] = field(default_factory=dict)
    logo: str = "logo-placeholder.png"
    logo_is_placeholder: bool = True
    website: str = "dprd.sumbarprov.go.id"
    handles: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    #: folder relative paths (logo, fonts) are resolved against; fonts also in assets/fonts
    base_dir: str = ""

    # -- construction ------------------------------------------------------------------
    @classmethod
    def from_dict(
        cls, data: dict[str, Any], base: Brand | None = None, base_dir: str | Path | None = None
    ) -> Brand:
        """Build a brand from a brand.json-shaped dict, overlaid on ``base`` when given.

        ``colors`` and ``fonts`` are merged key by key, so an overlay may change one colour.
        """
        start = base or cls()
        values: dict[str, Any] = {}
        names = {f.name for f in fields(cls)}
        for key, value in data.items():
            if key == "footer" and isinstance(value, dict):
                if "website" in value:
                    values["website"] = str(value["website"])
                if "handles" in value:
                    values["handles"] = tuple(str(h) for h in value["handles"])
            elif key in ("colors", "fonts") and isinstance(value, dict):
                merged = dict(getattr(start, key))
                merged.update({str(k): str(v) for k, v in value.items()})
                values[key] = merged
            elif key in ("handles", "hashtags") and isinstance(value, list | tuple):
                values[key] = tuple(str(v) for v in value)
            elif key in names and key not in ("base_dir",):
                values[key] = value
        if base_dir is not None:
            values["base_dir"] = str(base_dir)
        brand = replace(start, **values)
        for token, value in brand.colors.items():
            try:
                parse_hex(value)
            except ValueError:
                raise TemplateError(
                    "cards.brand_invalid",
                    key=f"colors.{token}",
                    reason=f"{value!r} bukan warna #RRGGBB",
                ) from None
        return brand

    def overlay(self, data: dict[str, Any]) -> Brand:
        return Brand.from_dict(data, base=self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "short_name": self.short_name,
            "tagline": self.tagline,
            "colors": dict(self.colors),
            "fonts": dict(self.fonts),
            "logo": self.logo,
            "logo_is_placeholder": self.logo_is_placeholder,
            "footer": {"website": self.website, "handles": list(self.handles)},
            "hashtags": list(self.hashtags),
        }

    # -- tokens ------------------------------------------------------------------------
    def color(self, ref: str) -> RGBA:
        """``"$primary"`` or ``"$dark@0.6"`` to an RGBA tuple."""
        match = TOKEN_RE.match(ref)
        if not match or match.group(1) not in self.colors:
            raise KeyError(ref)
        r, g, b = parse_hex(self.colors[match.group(1)])
        alpha = float(match.group(2)) if match.group(2) else 1.0
        return r, g, b, round(alpha * 255)

    def rgb(self, ref: str) -> RGB:
        return self.color(ref)[:3]

    def font_path(self, ref: str) -> Path:
        match = FONT_TOKEN_RE.match(ref)
        if not match or match.group(1) not in self.fonts:
            raise KeyError(ref)
        name = self.fonts[match.group(1)]
        for folder in (Path(self.base_dir) if self.base_dir else None, asset_path("fonts")):
            if folder is not None and (folder / name).is_file():
                return folder / name
        path = Path(name)
        if path.is_file():
            return path
        raise TemplateError("cards.font_missing", font=name)

    def logo_path(self) -> Path | None:
        candidates = [Path(self.logo)]
        if self.base_dir:
            candidates.insert(0, Path(self.base_dir) / self.logo)
        candidates.append(asset_path("brand", self.logo))
        for path in candidates:
            if path.is_file():
                return path
        return None

    @property
    def footer_handles(self) -> str:
        return "  ".join(self.handles)

    @property
    def hashtag_line(self) -> str:
        return " ".join(self.hashtags)


def load_brand(path: str | Path | None = None) -> Brand:
    """The brand kit in ``path`` (default: the shipped ``assets/brand/brand.json``)."""
    path = Path(path) if path else asset_path("brand", "brand.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TemplateError("cards.brand_missing", file=str(path)) from None
    except json.JSONDecodeError as exc:
        raise TemplateError(
            "cards.brand_invalid", key=f"{path.name}:{exc.lineno}:{exc.colno}", reason=exc.msg
        ) from None
    return Brand.from_dict(data, base_dir=path.parent)


@lru_cache(maxsize=8)
def placeholder_logo(size: int = 512) -> Image.Image:
    """A tasteful, clearly marked stand-in for the institution's logo (RGBA)."""
    s = size * 4  # drawn large, then reduced: smooth edges
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    gold, red, dark = (224, 165, 38, 255), (176, 30, 35, 255), (23, 24, 26, 255)
    draw.ellipse((0, 0, s - 1, s - 1), fill=(255, 255, 255, 255))
    ring = s // 22
    draw.ellipse((ring, ring, s - ring, s - ring), outline=gold, width=ring)
    # dashed inner circle: "put something here"
    inner = s // 7
    for i in range(0, 360, 12):
        draw.arc(
            (inner, inner, s - inner, s - inner), i, i + 7, fill=(120, 120, 120, 255), width=s // 90
        )
    fonts = asset_path("fonts")
    big = ImageFont.truetype(str(fonts / "InterDisplay-ExtraBold.otf"), s // 5)
    small = ImageFont.truetype(str(fonts / "Inter-SemiBold.otf"), s // 17)
    draw.text((s / 2, s * 0.47), "LOGO", font=big, fill=dark, anchor="ms")
    draw.text((s / 2, s * 0.60), "Ganti di", font=small, fill=red, anchor="ms")
    draw.text((s / 2, s * 0.68), "Pengaturan", font=small, fill=red, anchor="ms")
    return img.resize((size, size), Image.Resampling.LANCZOS)


def write_placeholder_logo(path: str | Path | None = None) -> Path:
    """(Re)generate ``assets/brand/logo-placeholder.png``."""
    path = Path(path) if path else asset_path("brand", "logo-placeholder.png")
    from ..fileutil import atomic_write

    with atomic_write(path, "wb", private=False) as fh:
        placeholder_logo(512).save(fh, "PNG", optimize=True)
    return path
