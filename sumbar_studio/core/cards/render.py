"""Render a card: template + field values + brand + format -> image and layout report.

The canvas is the format's exact pixel size times ``scale`` (a preview uses 0.5). Sizes in the
template are in units ``u`` = short side / 1080. The report lists each text box with its
rectangle, font size, lines, overflow flag and the contrast ratio against the pixels behind it.
"""

from __future__ import annotations

import io
import math
import threading
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from PIL import Image, ImageDraw

from ..errors import ImageError, InvalidInput
from ..fileutil import atomic_write
from ..i18n import t
from ..platforms import ImageFormat, default_catalog
from . import layout
from .brand import Brand, placeholder_logo
from .fields import Figure, field_text, normalize_fields
from .photo import PhotoCache, PhotoRef, cover_scale, default_cache, srgb_profile_bytes
from .template import PLACEHOLDER_RE, CardTemplate

Box = tuple[int, int, int, int]  # x, y, w, h


@dataclass
class TextBox:
    layer: str
    field: str | None
    rect: Box  # where the lines are
    frame: Box  # the box the template gives the text
    font_size: int
    min_size: int
    max_size: int
    lines: list[str]
    overflow: bool
    contrast: float

    @property
    def box(self) -> Box:
        return self.rect


@dataclass
class LayoutReport:
    template: str
    format: str
    size: tuple[int, int]
    scale: float
    text_boxes: list[TextBox] = field(default_factory=list)
    overflow: bool = False
    upscaled: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text_engine: str = "raqm"
    safe_zone: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def box_for(self, layer_or_field: str) -> TextBox | None:
        for box in self.text_boxes:
            if box.layer == layer_or_field or box.field == layer_or_field:
                return box
        return None


@dataclass
class RenderResult:
    image: Image.Image
    report: LayoutReport


# ----------------------------------------------------------------------------------------
# colour and drawing helpers


def _lin(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


_LIN = [_lin(v) for v in range(256)]


def luminance(rgb: tuple[int, ...]) -> float:
    return 0.2126 * _LIN[rgb[0]] + 0.7152 * _LIN[rgb[1]] + 0.0722 * _LIN[rgb[2]]


def contrast_behind(canvas: Image.Image, rect: Box, color: tuple[int, ...]) -> float:
    """Contrast of ``color`` against the pixels in ``rect`` (WCAG ratio, 10th percentile:
    a few dark pixels in a light photo do not hide a poorly readable area)."""
    x, y, w, h = rect
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(canvas.width, x + w), min(canvas.height, y + h)
    if x1 <= x0 or y1 <= y0:
        return 1.0
    region = canvas.crop((x0, y0, x1, y1))
    tw, th = min(24, region.width), min(24, region.height)
    region = region.resize((max(1, tw), max(1, th)), Image.Resampling.BOX)
    tl = luminance(color)
    # flat backgrounds have few distinct colours: work per colour, weighted by pixel count
    ratios = []
    for count, px in region.getcolors(tw * th + 1) or []:
        bl = luminance(px)  # type: ignore[arg-type]  # RGB region: colours are tuples
        hi, lo = max(tl, bl), min(tl, bl)
        ratios.append(((hi + 0.05) / (lo + 0.05), count))
    ratios.sort()
    threshold = 0.1 * sum(c for _, c in ratios)
    seen = 0
    for ratio, count in ratios:
        seen += count
        if seen > threshold:
            return round(ratio, 2)
    return round(ratios[-1][0], 2) if ratios else 1.0


@lru_cache(maxsize=64)
def _ramp(length: int, start: float, end: float) -> Image.Image:
    """A 1 x length 'L' ramp: 0 before start, 255 after end, smooth (eased) between."""
    data = bytearray(length)
    span = max(1e-6, end - start)
    for i in range(length):
        f = (i + 0.5) / length
        v = min(1.0, max(0.0, (f - start) / span))
        v = v * v * (3 - 2 * v)  # smoothstep: no visible band edges
        data[i] = round(v * 255)
    return Image.frombytes("L", (1, length), bytes(data))


def _gradient_mask(size: tuple[int, int], direction: str, start: float, end: float) -> Image.Image:
    """The 'L' mask of a gradient: 0 where it is ``c1``, 255 where it is ``c2``."""
    w, h = size
    if direction == "horizontal":
        mask = _ramp(w, start, end).transpose(Image.Transpose.ROTATE_270).resize((w, h))
        mask = mask.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    elif direction == "diagonal":  # top-left to bottom-right
        across = _ramp(w, start, end).transpose(Image.Transpose.ROTATE_270).resize((w, h))
        across = across.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        down = _ramp(h, start, end).resize((w, h))
        mask = Image.blend(across, down, 0.5)
    else:
        mask = _ramp(h, start, end).resize((w, h))
    return mask


@lru_cache(maxsize=64)
def gradient_image(
    size: tuple[int, int],
    c1: tuple[int, ...],
    c2: tuple[int, ...],
    direction: str = "vertical",
    start: float = 0.0,
    end: float = 1.0,
) -> Image.Image:
    mask = _gradient_mask(size, direction, start, end)
    a = Image.new("RGBA", size, c1)
    b = Image.new("RGBA", size, c2)
    return Image.composite(b, a, mask)


@lru_cache(maxsize=64)
def _shade_alpha(
    size: tuple[int, int], a1: int, a2: int, direction: str, start: float, end: float
) -> tuple[Image.Image | None, tuple[int, int]]:
    """The alpha band of :func:`gradient_image` between two opacities of one colour, cropped
    to where it is not zero, and the crop's offset (a quarter of the work: one band)."""
    if direction == "vertical":  # one column, then widened: every row is one value
        w, h = size
        column = Image.composite(
            Image.new("L", (1, h), a2), Image.new("L", (1, h), a1), _ramp(h, start, end)
        )
        alpha = column.resize((w, h))
    else:
        mask = _gradient_mask(size, direction, start, end)
        alpha = Image.composite(Image.new("L", size, a2), Image.new("L", size, a1), mask)
    bbox = alpha.getbbox()
    if bbox is None:
        return None, (0, 0)
    return alpha.crop(bbox), (bbox[0], bbox[1])


@lru_cache(maxsize=64)
def gradient_visible(
    size: tuple[int, int],
    c1: tuple[int, ...],
    c2: tuple[int, ...],
    direction: str = "vertical",
    start: float = 0.0,
    end: float = 1.0,
) -> tuple[Image.Image | None, tuple[int, int]]:
    """The gradient cropped to where it is not fully transparent, and the crop's offset: a
    shade over the top third of a photo only blends that third (None when invisible)."""
    img = gradient_image(size, c1, c2, direction, start, end)
    bbox = img.getchannel("A").getbbox()
    if bbox is None:
        return None, (0, 0)
    return img.crop(bbox), (bbox[0], bbox[1])


def _blend_gradient(ctx_canvas: Image.Image, box: Box, g: dict[str, Any], brand: Brand) -> None:
    c1, c2 = brand.color(g["from"]), brand.color(g["to"])
    shape = (g.get("direction", "vertical"), g.get("start", 0.0), g.get("end", 1.0))
    if c1[:3] == c2[:3]:  # one colour fading in or out (a shade): paste it through its alpha
        alpha, (dx, dy) = _shade_alpha((box[2], box[3]), c1[3], c2[3], *shape)
        if alpha is not None:
            ctx_canvas.paste(
                c1[:3],
                (box[0] + dx, box[1] + dy, box[0] + dx + alpha.width, box[1] + dy + alpha.height),
                alpha,
            )
        return
    img, (dx, dy) = gradient_visible((box[2], box[3]), c1, c2, *shape)
    if img is not None:
        _blend(ctx_canvas, img, (box[0] + dx, box[1] + dy))


def _blend(canvas: Image.Image, layer: Image.Image, xy: tuple[int, int]) -> None:
    """Alpha-composite an RGBA ``layer`` onto the RGB canvas at ``xy`` (in place)."""
    canvas.paste(layer, xy, layer)


@lru_cache(maxsize=64)
def _round_mask(size: tuple[int, int], radius: int, ellipse: bool = False) -> Image.Image:
    w, h = size
    k = 4
    big = Image.new("L", (w * k, h * k), 0)
    draw = ImageDraw.Draw(big)
    if ellipse:
        draw.ellipse((0, 0, w * k - 1, h * k - 1), fill=255)
    else:
        draw.rounded_rectangle((0, 0, w * k - 1, h * k - 1), radius=radius * k, fill=255)
    return big.resize((w, h), Image.Resampling.LANCZOS)


@lru_cache(maxsize=32)
def _ring(d: int, width: int, color: tuple[int, ...]) -> Image.Image:
    k = 4
    big = Image.new("RGBA", (d * k, d * k), (0, 0, 0, 0))
    ImageDraw.Draw(big).ellipse((0, 0, d * k - 1, d * k - 1), outline=color, width=width * k)
    return big.resize((d, d), Image.Resampling.LANCZOS)


def _fill_box(canvas: Image.Image, box: Box, color: tuple[int, ...], radius: int = 0) -> None:
    x, y, w, h = box
    if w <= 0 or h <= 0:
        return
    if radius <= 0 and color[3] == 255:
        canvas.paste(color[:3], (x, y, x + w, y + h))
        return
    layer = Image.new("RGBA", (w, h), color)
    if radius > 0:
        mask = _round_mask((w, h), min(radius, w // 2, h // 2))
        alpha = layer.getchannel("A")
        layer.putalpha(Image.composite(alpha, Image.new("L", (w, h), 0), mask))
    _blend(canvas, layer, (x, y))


# ----------------------------------------------------------------------------------------
# rendering context


def _scaled_box(W: int, H: int, rect: list[float] | None) -> Box:
    """A layer's rect (fractions of the card) in pixels of a W x H card."""
    if not rect:
        return 0, 0, W, H
    x0 = round(rect[0] * W)
    y0 = round(rect[1] * H)
    x1 = round((rect[0] + rect[2]) * W)
    y1 = round((rect[1] + rect[3]) * H)
    return x0, y0, max(0, x1 - x0), max(0, y1 - y0)


class _Ctx:
    def __init__(
        self,
        template: CardTemplate,
        brand: Brand,
        fmt: ImageFormat,
        scale: float,
        values: dict[str, Any],
        cache: PhotoCache,
        report: LayoutReport,
    ):
        self.template = template
        self.brand = brand
        self.fmt = fmt
        self.W = max(1, round(fmt.width * scale))
        self.H = max(1, round(fmt.height * scale))
        self.u = min(self.W, self.H) / 1080
        self.values = values
        self.cache = cache
        self.report = report
        self.emoji_ok = layout.find_emoji_font() is not None
        self.canvas = Image.new(
            "RGB",
            (self.W, self.H),
            brand.rgb("$light") if "light" in brand.colors else (255, 255, 255),
        )
        self.draw = ImageDraw.Draw(self.canvas)

    def box(self, rect: list[float] | None) -> Box:
        return _scaled_box(self.W, self.H, rect)

    def px(self, units: float) -> int:
        return round(units * self.u)

    def warn(self, message_id: str, **params: Any) -> None:
        text = t(f"cards.{message_id}", **params)
        if text not in self.report.warnings:
            self.report.warnings.append(text)


def _resolve_text(ctx: _Ctx, layer: dict[str, Any]) -> str | None:
    fmt = layer.get("format")
    if "field" in layer:
        text = field_text(ctx.values, layer["field"], fmt)
        if text is None:
            return None
    else:
        src = layer["text"]
        missing = False

        def sub(match: Any) -> str:
            nonlocal missing
            name = match.group(1)
            if name.startswith("brand."):
                key = name.split(".", 1)[1]
                if key == "handles":
                    return ctx.brand.footer_handles
                if key == "hashtags":
                    return ctx.brand.hashtag_line
                return str(getattr(ctx.brand, key, ""))
            value = field_text(ctx.values, name, fmt)
            if value is None:
                missing = True
                return ""
            return value

        text = PLACEHOLDER_RE.sub(sub, src)
        if missing or not text.strip():
            return None
    if layer.get("transform") == "upper":
        text = text.upper()
    text = f"{layer.get('prefix', '')}{text}{layer.get('suffix', '')}"
    if layout.has_emoji(text) and not ctx.emoji_ok:
        text = layout.strip_emoji(text)
        ctx.warn("emoji_removed")
    return text


def _active(values: dict[str, Any], layer: dict[str, Any]) -> bool:
    if layer.get("hidden"):
        return False
    when = layer.get("when")
    if when and values.get(when.split(".")[0]) is None:
        return False
    unless = layer.get("unless")
    return not (unless and values.get(unless.split(".")[0]) is not None)


# ----------------------------------------------------------------------------------------
# layers


def _layer_background(ctx: _Ctx, layer: dict[str, Any]) -> None:
    box = ctx.box(layer.get("rect"))
    if "gradient" in layer:
        _blend_gradient(ctx.canvas, box, layer["gradient"], ctx.brand)
    if "fill" in layer:
        _fill_box(ctx.canvas, box, ctx.brand.color(layer["fill"]), ctx.px(layer.get("radius", 0)))


def _layer_shape(ctx: _Ctx, layer: dict[str, Any]) -> None:
    x, y, w, h = ctx.box(layer["rect"])
    shape = layer.get("shape", "rect")
    if shape == "line":
        color = ctx.brand.color(layer.get("fill") or layer.get("outline", "$text"))
        width = max(1, ctx.px(layer.get("width", 2)))
        if w >= h:
            _fill_box(ctx.canvas, (x, y + (h - width) // 2, w, width), color)
        else:
            _fill_box(ctx.canvas, (x + (w - width) // 2, y, width, h), color)
        return
    if shape == "circle":
        d = min(w, h)
        cx, cy = x + (w - d) // 2, y + (h - d) // 2
        if "fill" in layer:
            color = ctx.brand.color(layer["fill"])
            disc = Image.new("RGBA", (d, d), color)
            disc.putalpha(
                Image.composite(
                    disc.getchannel("A"),
                    Image.new("L", (d, d), 0),
                    _round_mask((d, d), 0, ellipse=True),
                )
            )
            _blend(ctx.canvas, disc, (cx, cy))
        if "outline" in layer:
            ring = _ring(
                d, max(1, ctx.px(layer.get("width", 3))), ctx.brand.color(layer["outline"])
            )
            _blend(ctx.canvas, ring, (cx, cy))
        return
    radius = ctx.px(layer.get("radius", 0))
    if "gradient" in layer:
        _blend_gradient(ctx.canvas, (x, y, w, h), layer["gradient"], ctx.brand)
    if "fill" in layer:
        _fill_box(ctx.canvas, (x, y, w, h), ctx.brand.color(layer["fill"]), radius)
    if "outline" in layer:
        width = max(1, ctx.px(layer.get("width", 2)))
        ctx.draw.rounded_rectangle(
            (x, y, x + w - 1, y + h - 1),
            radius=radius,
            outline=ctx.brand.rgb(layer["outline"]),
            width=width,
        )


def _layer_stripe(ctx: _Ctx, layer: dict[str, Any]) -> None:
    x, y, w, h = ctx.box(layer["rect"])
    colors = layer.get("colors", ["$dark", "$primary", "$secondary"])
    n = len(colors)
    for i, token in enumerate(colors):
        color = ctx.brand.color(token)
        if layer.get("orientation", "horizontal") == "horizontal":
            x0, x1 = x + round(w * i / n), x + round(w * (i + 1) / n)
            _fill_box(ctx.canvas, (x0, y, x1 - x0, h), color)
        else:
            y0, y1 = y + round(h * i / n), y + round(h * (i + 1) / n)
            _fill_box(ctx.canvas, (x, y0, w, y1 - y0), color)


def _photo_placeholder(ctx: _Ctx, size: tuple[int, int], ellipse: bool = False) -> Image.Image:
    w, h = size
    img = Image.new("RGB", (w, h), ctx.brand.rgb("$muted"))
    draw = ImageDraw.Draw(img)
    step = max(8, round(28 * ctx.u))
    line = ctx.brand.rgb("$muted")
    shade = tuple(min(255, c + 18) for c in line)
    for i in range(-h, w, step):
        draw.line((i, 0, i + h, h), fill=shade, width=max(1, step // 4))
    font = layout.get_font(str(ctx.brand.font_path("$label")), max(10, round(min(w, h) * 0.07)))
    draw.text(
        (w / 2, h / 2),
        t("cards.photo_placeholder"),
        font=font,
        fill=ctx.brand.rgb("$on_dark"),
        anchor="mm",
    )
    return img


def _photo_image(ctx: _Ctx, field_id: str, size: tuple[int, int], grayscale: bool) -> Image.Image:
    ref: PhotoRef | None = ctx.values.get(field_id)
    if ref is None:
        return _photo_placeholder(ctx, size)
    fitted = ctx.cache.fitted(ref, size, grayscale=grayscale)
    # upscaling is judged at full output size, not at the preview scale
    full_size = (round(size[0] / ctx.report.scale), round(size[1] / ctx.report.scale))
    if cover_scale(fitted.source_size, full_size) > 1.02 and field_id not in ctx.report.upscaled:
        ctx.report.upscaled.append(field_id)
        ctx.warn(
            "photo_upscaled",
            field=field_id,
            width=fitted.source_size[0],
            height=fitted.source_size[1],
        )
    return fitted.image


def _layer_photo(ctx: _Ctx, layer: dict[str, Any]) -> None:
    x, y, w, h = ctx.box(layer["rect"])
    if w < 1 or h < 1:
        return
    img = _photo_image(ctx, layer["field"], (w, h), bool(layer.get("grayscale")))
    radius = ctx.px(layer.get("radius", 0))
    if radius:
        ctx.canvas.paste(img, (x, y), _round_mask((w, h), radius))
    else:
        ctx.canvas.paste(img, (x, y))
    if "tint" in layer:
        _fill_box(ctx.canvas, (x, y, w, h), ctx.brand.color(layer["tint"]), radius)
    if "shade" in layer and not radius:
        _blend_gradient(ctx.canvas, (x, y, w, h), layer["shade"], ctx.brand)
    elif "shade" in layer:
        g = layer["shade"]
        shade = gradient_image(
            (w, h),
            ctx.brand.color(g["from"]),
            ctx.brand.color(g["to"]),
            g.get("direction", "vertical"),
            g.get("start", 0.0),
            g.get("end", 1.0),
        )
        if radius:
            shade = shade.copy()
            shade.putalpha(
                Image.composite(
                    shade.getchannel("A"), Image.new("L", (w, h), 0), _round_mask((w, h), radius)
                )
            )
        _blend(ctx.canvas, shade, (x, y))


def _layer_member_photo(ctx: _Ctx, layer: dict[str, Any]) -> None:
    x, y, w, h = ctx.box(layer["rect"])
    d = min(w, h)
    if d < 2:
        return
    align = layer.get("align", "center")
    cx = x if align == "left" else x + w - d if align == "right" else x + (w - d) // 2
    cy = y + (h - d) // 2
    ring_w = ctx.px(layer.get("ring_width", 0)) if "ring" in layer else 0
    inner = d - 2 * ring_w
    img = _photo_image(ctx, layer["field"], (inner, inner), bool(layer.get("grayscale")))
    ctx.canvas.paste(img, (cx + ring_w, cy + ring_w), _round_mask((inner, inner), 0, ellipse=True))
    if ring_w:
        _blend(ctx.canvas, _ring(d, ring_w, ctx.brand.color(layer["ring"])), (cx, cy))


#: bump when the logo thumbnail is made differently (the cache key includes it)
LOGO_CACHE_FORMAT = 1


@lru_cache(maxsize=16)
def _logo_image(path: str, mtime: int, box: tuple[int, int]) -> Image.Image:  # noqa: ARG001
    """The logo scaled into ``box``; kept in the user's cache folder (keyed by the logo file's
    bytes and the box), so a new process skips decoding and scaling it (mtime: memo key)."""
    import marshal

    from .. import diskcache

    try:
        too_big = Path(path).stat().st_size > 64 * 1024 * 1024
        source = b"" if too_big else Path(path).read_bytes()
    except OSError:
        raise ImageError("imaging.not_found", name=Path(path).name) from None
    if too_big:  # not read whole for a key: open_image judges it
        return _scaled_logo(path, box)
    key = diskcache.content_key(f"logo/{LOGO_CACHE_FORMAT}/{box[0]}x{box[1]}", source)
    entry = diskcache.entry_path("cards", f"logo-{box[0]}x{box[1]}", key)
    payload = diskcache.read(entry)
    if payload is not None:
        try:
            mode, size, data = marshal.loads(payload)
            return Image.frombytes(mode, tuple(size), data)
        except (ValueError, TypeError, EOFError):
            pass  # another layout or damaged inside: made again below
    img = _scaled_logo(path, box)
    diskcache.write(entry, marshal.dumps((img.mode, img.size, img.tobytes())))
    return img


def _scaled_logo(path: str, box: tuple[int, int]) -> Image.Image:
    from ..imaging import load_fully, open_image

    with open_image(path) as src:
        load_fully(src, path)
        img = src.convert("RGBA")
    img.thumbnail(box, Image.Resampling.LANCZOS)
    return img


def _layer_logo(ctx: _Ctx, layer: dict[str, Any]) -> None:
    x, y, w, h = ctx.box(layer["rect"])
    path = ctx.brand.logo_path()
    if path is None:
        img = placeholder_logo(512).copy()
        img.thumbnail((w, h), Image.Resampling.LANCZOS)
        ctx.warn("logo_missing")
    else:
        try:
            img = _logo_image(str(path), path.stat().st_mtime_ns, (w, h))
        except ImageError:
            img = placeholder_logo(512).copy()
            img.thumbnail((w, h), Image.Resampling.LANCZOS)
            ctx.warn("logo_missing")
    align, valign = layer.get("align", "left"), layer.get("valign", "middle")
    px = (
        x
        if align == "left"
        else x + w - img.width
        if align == "right"
        else x + (w - img.width) // 2
    )
    py = (
        y
        if valign == "top"
        else y + h - img.height
        if valign == "bottom"
        else y + (h - img.height) // 2
    )
    _blend(ctx.canvas, img, (px, py))


# -- text --------------------------------------------------------------------------------


@dataclass
class _Prepared:
    layer: dict[str, Any]
    text: str
    fit: layout.TextFit
    pad: tuple[int, int]
    min_size: int
    max_size: int


def _fit_layer(ctx: _Ctx, layer: dict[str, Any], text: str, w: int, h: int) -> _Prepared:
    chip = layer.get("chip")
    pad = (ctx.px(chip["pad"][0]), ctx.px(chip["pad"][1])) if chip and "pad" in chip else (0, 0)
    if chip and "pad" not in chip:
        pad = (ctx.px(18), ctx.px(8))
    lo, hi = layer["size"]
    min_size, max_size = max(1, round(lo * ctx.u)), max(1, round(hi * ctx.u))
    fit = layout.fit_text(
        text,
        str(ctx.brand.font_path(layer["font"])),
        min_size,
        max_size,
        float(max(1, w - 2 * pad[0])),
        float(max(1, h - 2 * pad[1])),
        float(layer.get("line_height", 1.2)),
        int(layer.get("max_lines", 40)),
        bool(layer.get("balance", False)),
        bool(layer.get("hyphenate", True)),
        float(layer.get("tracking", 0.0)),
    )
    if layer.get("ink"):
        fit = _ink_fit(fit, text)
    return _Prepared(layer, text, fit, pad, min_size, max_size)


def _ink_fit(fit: layout.TextFit, text: str) -> layout.TextFit:
    """A one-line decorative text (a quote mark) measured by its ink, not the font's line box."""
    from dataclasses import replace

    font = layout.get_font(fit.font_path, fit.size)
    x0, y0, x1, y1 = font.getbbox(text, anchor="ls")
    ascent, descent = cast(int, max(1, -y0)), cast(int, max(0, y1))  # ints for FreeType fonts
    return replace(
        fit,
        ascent=ascent,
        descent=descent,
        height=float(ascent + descent),
        lines=fit.lines[:1],
        widths=fit.widths[:1],
    )


def _aligned_x(align: str, left: float, width: float, content_w: float) -> float:
    """Left edge of ``content_w`` aligned left, centre or right inside [left, left + width]."""
    if align == "center":
        return left + (width - content_w) / 2
    if align == "right":
        return left + width - content_w
    return left


def _draw_prepared(ctx: _Ctx, p: _Prepared, frame: Box, top: float) -> None:
    """Draw fitted lines with the block's top at ``top`` inside ``frame``; report the box."""
    fx, fy, fw, fh = frame
    fit, layer = p.fit, p.layer
    align = layer.get("align", "left")
    color = ctx.brand.color(layer["color"])
    inner_x, inner_w = fx + p.pad[0], fw - 2 * p.pad[0]
    block_w = fit.width
    bx = _aligned_x(align, inner_x, inner_w, block_w)
    block_top = top + p.pad[1]
    rect = (math.floor(bx), math.floor(block_top), math.ceil(block_w), math.ceil(fit.height))
    if layer.get("chip"):
        chip = layer["chip"]
        chip_box = (
            rect[0] - p.pad[0],
            rect[1] - p.pad[1],
            rect[2] + 2 * p.pad[0],
            rect[3] + 2 * p.pad[1],
        )
        _fill_box(
            ctx.canvas, chip_box, ctx.brand.color(chip["fill"]), ctx.px(chip.get("radius", 0))
        )
    contrast = contrast_behind(ctx.canvas, rect, color)
    for i, line in enumerate(fit.lines):
        lx = _aligned_x(align, inner_x, inner_w, fit.widths[i])
        baseline = block_top + fit.ascent + i * fit.line_advance
        layout.draw_line(ctx.canvas, ctx.draw, (lx, baseline), line, fit, color)
    if fit.overflow:
        ctx.report.overflow = True
        ctx.warn("text_overflow", field=layer.get("field") or layer["id"])
    field_ref = layer.get("field")
    ctx.report.text_boxes.append(
        TextBox(
            layer=layer["id"],
            field=field_ref,
            rect=rect,
            frame=frame,
            font_size=fit.size,
            min_size=p.min_size,
            max_size=p.max_size,
            lines=list(fit.lines),
            overflow=fit.overflow,
            contrast=contrast,
        )
    )


def _layer_text(ctx: _Ctx, layer: dict[str, Any], draw: bool = True) -> None:
    """Fit and draw a text layer (``draw=False``: fit only, see :func:`_prefit`)."""
    text = _resolve_text(ctx, layer)
    if text is None:
        return
    frame = ctx.box(layer["rect"])
    p = _fit_layer(ctx, layer, text, frame[2], frame[3])
    if not draw:
        return
    total = p.fit.height + 2 * p.pad[1]
    valign = layer.get("valign", "top")
    top = frame[1] + (
        0
        if valign == "top"
        else (frame[3] - total)
        if valign == "bottom"
        else (frame[3] - total) / 2
    )
    _draw_prepared(ctx, p, frame, top)


def _layer_stack(ctx: _Ctx, layer: dict[str, Any], draw: bool = True) -> None:
    """Fit and draw a stack of texts (``draw=False``: fit only, see :func:`_prefit`)."""
    frame = ctx.box(layer["rect"])
    fx, fy, fw, fh = frame
    items: list[tuple[dict[str, Any], str]] = []
    for item in layer["items"]:
        if not _active(ctx.values, item):
            continue
        text = _resolve_text(ctx, item)
        if text is not None:
            items.append((item, text))
    if not items:
        return
    gap = layer.get("gap", 24)

    def gap_before(i: int) -> int:
        return 0 if i == 0 else ctx.px(items[i][0].get("gap_before", gap))

    gaps = sum(gap_before(i) for i in range(len(items)))
    prepared: dict[int, _Prepared] = {}
    used = 0.0
    grow_index = next((i for i, (it, _) in enumerate(items) if it.get("grow")), None)
    for i, (item, text) in enumerate(items):
        if i == grow_index:
            continue
        max_h = round(fh * item.get("max_h", 1.0))
        prepared[i] = _fit_layer(ctx, item, text, fw, max_h)
        used += prepared[i].fit.height + 2 * prepared[i].pad[1]
    if grow_index is not None:
        item, text = items[grow_index]
        room = max(1, round(fh - used - gaps))
        cap = round(fh * item.get("max_h", 1.0))
        prepared[grow_index] = _fit_layer(ctx, item, text, fw, min(room, cap))
        if prepared[grow_index].fit.overflow:
            # the main text comes first: set the others at their smallest size and retry
            used = 0.0
            for i, (other, other_text) in enumerate(items):
                if i == grow_index:
                    continue
                small = {**other, "size": [other["size"][0], other["size"][0]]}
                prepared[i] = _fit_layer(
                    ctx, small, other_text, fw, round(fh * other.get("max_h", 1.0))
                )
                used += prepared[i].fit.height + 2 * prepared[i].pad[1]
            room = max(1, round(fh - used - gaps))
            prepared[grow_index] = _fit_layer(ctx, item, text, fw, min(room, cap))
    if not draw:
        return
    heights = [prepared[i].fit.height + 2 * prepared[i].pad[1] for i in range(len(items))]
    total = sum(heights) + gaps
    valign = layer.get("valign", "top")
    top = fy + (0 if valign == "top" else (fh - total) if valign == "bottom" else (fh - total) / 2)
    top = max(fy, top)
    for i in range(len(items)):
        top += gap_before(i)
        _draw_prepared(ctx, prepared[i], frame, top)
        top += heights[i]


def _grid(n: int, w: int, h: int, columns: int | None) -> list[int]:
    """Items per row for n figures in a w x h area: cells close to a 1.4:1 card."""
    if columns:
        cols = columns
    else:
        best, cols = 1e9, n
        for c in range(1, n + 1):
            rows = math.ceil(n / c)
            aspect = (w / c) / (h / rows)
            score = abs(math.log(aspect / 1.5))
            if n - (rows - 1) * c < c / 2:
                score += 0.35  # a lonely last row looks unfinished
            if score < best:
                best, cols = score, c
    rows = math.ceil(n / cols)
    per_row = [cols] * rows
    per_row[-1] = n - cols * (rows - 1)
    return per_row


def _figure_text(fig: Figure) -> str:
    """``87%`` (EYD: a symbol unit sticks to the number), ``20 miliar``."""
    if not fig.unit:
        return fig.value
    return fig.value + (fig.unit if not fig.unit[0].isalnum() else f" {fig.unit}")


def _layer_figures(ctx: _Ctx, layer: dict[str, Any]) -> None:
    figures: list[Figure] | None = ctx.values.get(layer["field"])
    if not figures:
        return
    x, y, w, h = ctx.box(layer["rect"])
    gap = ctx.px(layer.get("gap", 24))
    per_row = _grid(len(figures), w, h, layer.get("columns"))
    rows = len(per_row)
    cell_h = (h - gap * (rows - 1)) / rows
    cells: list[Box] = []
    for r, count in enumerate(per_row):
        cell_w = (w - gap * (count - 1)) / count
        for c in range(count):
            cells.append(
                (
                    round(x + c * (cell_w + gap)),
                    round(y + r * (cell_h + gap)),
                    round(cell_w),
                    round(cell_h),
                )
            )
    value_font = str(ctx.brand.font_path(layer["value_font"]))
    label_font = str(ctx.brand.font_path(layer["label_font"]))
    radius = ctx.px(layer.get("radius", 20))
    align = layer.get("align", "left")
    # one value size for all cells (consistent hierarchy): the smallest that fits every cell
    vlo, vhi = (max(1, round(v * ctx.u)) for v in layer["value_size"])
    llo, lhi = (max(1, round(v * ctx.u)) for v in layer["label_size"])
    inner: list[Box] = []
    for cx, cy, cw, ch in cells:
        pad = round(min(cw, ch) * 0.1)
        inner.append((cx + pad, cy + pad, cw - 2 * pad, ch - 2 * pad))
    value_sizes = []
    for (_, _, iw, ih), fig in zip(inner, figures, strict=True):
        fit = layout.fit_text(_figure_text(fig), value_font, vlo, vhi, float(iw), ih * 0.45, 1.0, 1)
        value_sizes.append(fit.size)
    common = min(value_sizes)
    label_sizes = []
    for (_, _, iw, ih), fig in zip(inner, figures, strict=True):
        vf = layout.fit_text(
            _figure_text(fig), value_font, vlo, common, float(iw), ih * 0.45, 1.0, 1
        )
        room = ih - vf.height - ctx.px(14) - ctx.px(8)
        fit = layout.fit_text(
            fig.label, label_font, llo, lhi, float(iw), max(1.0, room), 1.25, 4, True
        )
        label_sizes.append(fit.size)
    common_label = min(label_sizes)
    for cell, box, fig in zip(cells, inner, figures, strict=True):
        if "card" in layer:
            _fill_box(ctx.canvas, cell, ctx.brand.color(layer["card"]), radius)
        ix, iy, iw, ih = box
        accent_h, accent_w = ctx.px(8), ctx.px(56)
        vf = layout.fit_text(
            _figure_text(fig), value_font, vlo, common, float(iw), ih * 0.45, 1.0, 1
        )
        room = ih - vf.height - accent_h - ctx.px(14) - ctx.px(6)
        lf = layout.fit_text(
            fig.label, label_font, llo, common_label, float(iw), max(1.0, room), 1.25, 4, True
        )
        block = accent_h + ctx.px(14) + vf.height + ctx.px(6) + lf.height
        top = iy + max(0, (ih - block) / 2) + accent_h + ctx.px(14)
        if "accent" in layer:  # a short bar glued above the value
            ax = ix if align == "left" else ix + (iw - accent_w) // 2
            _fill_box(
                ctx.canvas,
                (ax, round(top - ctx.px(14) - accent_h), accent_w, accent_h),
                ctx.brand.color(layer["accent"]),
                accent_h // 2,
            )
        for fit, color_ref, sub_top, name in (
            (vf, layer["value_color"], top, "value"),
            (lf, layer["label_color"], top + vf.height + ctx.px(6), "label"),
        ):
            p = _Prepared(
                {
                    "id": f"{layer['id']}.{name}",
                    "field": layer["field"],
                    "align": align,
                    "color": color_ref,
                },
                "",
                fit,
                (0, 0),
                vlo if name == "value" else llo,
                common if name == "value" else lhi,
            )
            _draw_prepared(ctx, p, box, sub_top)


_LAYERS = {
    "background": _layer_background,
    "shape": _layer_shape,
    "stripe": _layer_stripe,
    "photo": _layer_photo,
    "member_photo": _layer_member_photo,
    "logo": _layer_logo,
    "text": _layer_text,
    "stack": _layer_stack,
    "figures": _layer_figures,
}


# ----------------------------------------------------------------------------------------
# draft watermark


def _draft_band(
    size: tuple[int, int], brand: Brand, text: str
) -> tuple[Image.Image, tuple[int, int]]:
    """The draft watermark for a picture of ``size``: a band repeating ``text`` along the
    diagonal, in the brand's primary colour, and where to put it."""
    W, H = size
    diag = math.hypot(W, H)
    size_px = max(10, round(min(W, H) * 0.055))
    font = layout.get_font(str(brand.font_path("$heading")), size_px)
    tw = font.getlength(text)
    reps = max(1, int(diag // (tw + size_px * 2)))
    band_h = round(size_px * 2.0)
    band = Image.new("RGBA", (round(diag), band_h), (176, 30, 35, 170))
    if "primary" in brand.colors:
        band = Image.new("RGBA", (round(diag), band_h), brand.color("$primary@0.72"))
    draw = ImageDraw.Draw(band)
    step = band.width / reps
    for i in range(reps):
        draw.text(
            (step * (i + 0.5), band_h / 2), text, font=font, fill=(255, 255, 255, 235), anchor="mm"
        )
    angle = math.degrees(math.atan2(H, W))
    rotated = band.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    return rotated, ((W - rotated.width) // 2, (H - rotated.height) // 2)


def _draft_mark(ctx: _Ctx, text: str) -> None:
    band, xy = _draft_band((ctx.W, ctx.H), ctx.brand, text)
    _blend(ctx.canvas, band, xy)


def draw_draft_mark(image: Image.Image, text: str, brand: Brand) -> Image.Image:
    """The card renderer's draft watermark on any picture (an exported carousel photo): the
    one watermark of the app. Returns a new RGB image."""
    out = image.convert("RGB")
    band, xy = _draft_band(out.size, brand, text)
    _blend(out, band, xy)
    return out


# ----------------------------------------------------------------------------------------
# public API


def resolve_format(format_id: str) -> ImageFormat:
    catalog = default_catalog()
    fmt = catalog.formats.get(format_id)
    if fmt is None:
        raise InvalidInput(
            "cards.format_unknown", value=format_id, choices=", ".join(catalog.formats)
        )
    return fmt


def photo_needs(
    template: CardTemplate, format_id: str, scale: float = 1.0
) -> dict[str, tuple[int, int]]:
    """For each photo field, the largest output box it fills in this format (pixels)."""
    fmt = resolve_format(format_id)
    W, H = round(fmt.width * scale), round(fmt.height * scale)
    needs: dict[str, tuple[int, int]] = {}
    for layer in template.layers_for(format_id):
        if layer["type"] in ("photo", "member_photo") and not layer.get("hidden"):
            x, y, w, h = layer["rect"]
            size = (round(w * W), round(h * H))
            if layer["type"] == "member_photo":
                d = min(size)
                size = (d, d)
            old = needs.get(layer["field"], (0, 0))
            needs[layer["field"]] = (max(old[0], size[0]), max(old[1], size[1]))
    return needs


def render(
    template: CardTemplate | str,
    fields: dict[str, Any],
    brand: Brand,
    format_id: str,
    scale: float = 1.0,
    *,
    draft_mark: str | None = None,
    photo_cache: PhotoCache | None = None,
    strict: bool = False,
) -> RenderResult:
    """Render one card. Raises ImageError/InvalidInput/TemplateError; never writes files."""
    ctx = _context(template, fields, brand, format_id, scale, photo_cache, strict)
    for layer in ctx.template.layers_for(format_id):
        if _active(ctx.values, layer):
            _LAYERS[layer["type"]](ctx, layer)
    if draft_mark:
        _draft_mark(ctx, draft_mark)
    return RenderResult(ctx.canvas, ctx.report)


def _context(
    template: CardTemplate | str,
    fields: dict[str, Any],
    brand: Brand,
    format_id: str,
    scale: float,
    photo_cache: PhotoCache | None,
    strict: bool,
) -> _Ctx:
    """Check the request and set up the canvas and the layout report of one card."""
    if isinstance(template, str):
        from .template import load_template

        template = load_template(template)
    if format_id not in template.formats:
        raise InvalidInput(
            "cards.format_unsupported",
            template=template.id,
            value=format_id,
            choices=", ".join(template.formats),
        )
    if not 0.05 <= scale <= 4:
        raise InvalidInput("cards.scale_invalid", value=scale)
    fmt = resolve_format(format_id)
    values, missing = normalize_fields(template, fields, strict=strict)
    report = LayoutReport(
        template=template.id,
        format=format_id,
        size=(round(fmt.width * scale), round(fmt.height * scale)),
        scale=scale,
        text_engine=layout.text_engine(),
        safe_zone={k: round(v * scale) for k, v in fmt.safe_zone.items()},
    )
    report.missing = missing
    ctx = _Ctx(template, brand, fmt, scale, values, photo_cache or default_cache, report)
    if missing:
        labels = [f.display_label() if (f := template.field(m)) else m for m in missing]
        ctx.warn("fields_missing", fields=", ".join(labels))
    if not layout.RAQM:
        ctx.warn("basic_layout")
    return ctx


def _prefit(
    template: CardTemplate,
    fields: dict[str, Any],
    brand: Brand,
    format_id: str,
    scale: float,
    strict: bool,
) -> None:
    """Fit the text of every text and stack layer without drawing anything: the fits are kept
    by :func:`layout.fit_text`, so the render that follows only draws them. Run while the
    photos decode on another thread (Pillow decodes without holding the GIL)."""
    ctx = _context(template, fields, brand, format_id, scale, None, strict)
    for layer in template.layers_for(format_id):
        if _active(ctx.values, layer):
            if layer["type"] == "text":
                _layer_text(ctx, layer, draw=False)
            elif layer["type"] == "stack":
                _layer_stack(ctx, layer, draw=False)


def _decode_while_fitting(
    cache: PhotoCache,
    decodes: list[tuple[PhotoRef, tuple[int, int]]],
    crops: list[tuple[PhotoRef, tuple[int, int], bool]],
    template: CardTemplate,
    fields: dict[str, Any],
    brand: Brand,
    format_ids: list[str],
    scale: float,
    strict: bool,
) -> None:
    """Decode the photos and crop them for their layers on a worker thread while this one
    fits the texts of every format: a card from a 12 MP photo spends most of its time in the
    JPEG decoder and the resampling. A failure on either side is left to the render that
    follows, which meets it again and reports it."""

    def decode() -> None:
        for ref, need in decodes:
            try:
                cache.prefetch(ref, need)
            except Exception:  # noqa: BLE001, S112 - the render decodes again and says why
                continue
        for ref, size, grayscale in crops:
            try:
                cache.fitted(ref, size, grayscale=grayscale)
            except Exception:  # noqa: BLE001, S112 - likewise
                continue

    worker = threading.Thread(target=decode, name="card-photo-decode", daemon=True)
    worker.start()
    try:
        for fid in format_ids:
            _prefit(template, fields, brand, fid, scale, strict)
    except Exception:  # noqa: BLE001, S110 - the render raises it with its own context
        pass
    finally:
        worker.join()


def render_formats(
    template: CardTemplate | str,
    fields: dict[str, Any],
    brand: Brand,
    format_ids: list[str] | None = None,
    scale: float = 1.0,
    *,
    draft_mark: str | None = None,
    photo_cache: PhotoCache | None = None,
    strict: bool = False,
) -> dict[str, RenderResult]:
    """Render several formats from one decode of each photo (all formats by default)."""
    if isinstance(template, str):
        from .template import load_template

        template = load_template(template)
    cache = photo_cache or default_cache
    format_ids = list(format_ids or template.formats)
    values, _ = normalize_fields(template, fields, strict=strict)
    # decode each photo once, at the resolution the most demanding format needs
    decodes: list[tuple[PhotoRef, tuple[int, int]]] = []
    for field_id in template.photo_fields:
        ref = values.get(field_id)
        if ref is None:
            continue
        best = (0, 0)
        for fid in format_ids:
            need = photo_needs(template, fid, scale).get(field_id)
            if need:
                with_src = cache.cover_need(ref, need)
                best = (max(best[0], with_src[0]), max(best[1], with_src[1]))
        if best != (0, 0):
            decodes.append((ref, best))
    if decodes:
        # and the photo layers' crops, which the worker makes too (Pillow resizes without the
        # GIL as well): the same requests _layer_photo makes, so the render finds them cached
        crops: list[tuple[PhotoRef, tuple[int, int], bool]] = []
        for fid in format_ids:
            fmt = resolve_format(fid)
            W, H = max(1, round(fmt.width * scale)), max(1, round(fmt.height * scale))
            for layer in template.layers_for(fid):
                ref = values.get(layer.get("field", ""))
                if layer["type"] == "photo" and ref is not None and _active(values, layer):
                    _x, _y, w, h = _scaled_box(W, H, layer["rect"])
                    if w >= 1 and h >= 1:
                        crops.append((ref, (w, h), bool(layer.get("grayscale"))))
        _decode_while_fitting(
            cache, decodes, crops, template, fields, brand, format_ids, scale, strict
        )
    return {
        fid: render(
            template,
            fields,
            brand,
            fid,
            scale,
            draft_mark=draft_mark,
            photo_cache=cache,
            strict=strict,
        )
        for fid in format_ids
    }


ICC_SRGB = srgb_profile_bytes


#: the one JPEG recipe of the app (card files, exported images): q90, 4:4:4, sRGB profile
JPEG_QUALITY = 90


def write_jpeg(image: Image.Image, fh: Any) -> None:
    """Encode ``image`` into the open binary file ``fh`` with the app's JPEG recipe."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")  # (no copy of an RGB card)
    rgb.save(
        fh,
        "JPEG",
        quality=JPEG_QUALITY,
        subsampling=0,
        optimize=True,
        icc_profile=srgb_profile_bytes(),
    )


def encode_jpeg(image: Image.Image) -> bytes:
    """The bytes of ``image`` as :func:`save_image` writes a JPEG."""
    buf = io.BytesIO()
    write_jpeg(image, buf)
    return buf.getvalue()


def save_image(image: Image.Image, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``image`` atomically (temp file in the same folder, then rename): JPEG q90 4:4:4
    or PNG, sRGB ICC profile embedded. ``fmt`` defaults from the file suffix."""
    path = Path(path)
    kind = (fmt or path.suffix.lstrip(".") or "jpeg").lower()
    if kind in ("jpg", "jpeg"):
        kind = "jpeg"
    elif kind != "png":
        raise InvalidInput("cards.output_format", value=kind)
    if image.mode != "RGB":
        image = image.convert("RGB")
    with atomic_write(path, "wb", private=False) as fh:  # an ordinary file, whole or nothing
        if kind == "jpeg":
            write_jpeg(image, fh)
        else:
            image.save(fh, "PNG", icc_profile=srgb_profile_bytes(), compress_level=6)
    return path
