"""Photos for cards: safe decoding, orientation, conversion to sRGB, focal cover-crop, caching.

Decoding goes through :mod:`core.imaging` (allowed formats, pixel limit, truncation as a clear
error). JPEGs are decoded in draft mode at the smallest DCT scale that still covers the output,
which is most of the speed. Two caches make previews cheap:

* the decoded source (oriented, sRGB, possibly draft-reduced), keyed by file identity, reused by
  every format and scale that needs no more resolution than it has;
* the fitted photo (cover-cropped and resized to a target size around a focal point), keyed by
  file identity, target size and focal point: re-rendering after a text edit never decodes.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageOps

from ..errors import ImageError
from ..imaging import load_fully, open_image, take_decoded
from ..resources import asset_path

#: ratio of output to source pixels above which a photo is reported as upscaled
UPSCALE_TOLERANCE = 1.02
#: Photo resampling. JPEG draft mode already decodes at 1/2, 1/4 or 1/8 scale, so what is left
#: is a reduction by less than 2x (or a box reduction by a whole factor first, reducing_gap).
#: Pillow's BILINEAR is an area-aware (antialiased) triangle filter: for such small factors it
#: looks like bicubic on photos at about 60% of the cost (measured: 22 ms vs 36 ms for
#: 2000x1400 -> 1080x756), which keeps all five formats within 3x of one.
RESAMPLE = Image.Resampling.BILINEAR
REDUCING_GAP = 2.0


@dataclass(frozen=True)
class PhotoRef:
    """A photo field's value: a file and the point to keep in view when cropping."""

    path: str | Path
    focal_x: float = 0.5
    focal_y: float = 0.5

    @classmethod
    def coerce(cls, value: PhotoRef | str | Path | dict) -> PhotoRef:
        if isinstance(value, PhotoRef):
            ref = value
        elif isinstance(value, dict):
            ref = cls(
                value["path"], float(value.get("focal_x", 0.5)), float(value.get("focal_y", 0.5))
            )
        else:
            ref = cls(value)
        fx = min(1.0, max(0.0, float(ref.focal_x)))
        fy = min(1.0, max(0.0, float(ref.focal_y)))
        return cls(ref.path, fx, fy)


@dataclass(frozen=True)
class FittedPhoto:
    image: Image.Image  # RGB, exactly the target size
    upscaled: bool
    source_size: tuple[int, int]  # after orientation, at full resolution


# ----------------------------------------------------------------------------------------
# decoding and conversion


@cache
def _srgb():
    """LittleCMS's sRGB profile (ImageCms is imported only for photos that carry a profile)."""
    from PIL import ImageCms

    return ImageCms.createProfile("sRGB")


@cache
def srgb_profile_bytes() -> bytes:
    """The sRGB ICC profile embedded in every output image: LittleCMS's built-in sRGB, stored
    once in assets/color with its creation date zeroed, so the same card is byte-identical
    whichever process or day exports it."""
    return asset_path("color", "sRGB.icc").read_bytes()


def _orientation(img: Image.Image) -> int:
    try:
        return int(img.getexif().get(0x0112, 1) or 1)
    except Exception:  # malformed EXIF: ignore orientation rather than fail
        return 1


def to_srgb(img: Image.Image, background: tuple[int, int, int] = (255, 255, 255)) -> Image.Image:
    """Any decoded image to 8-bit RGB in sRGB: ICC-converted, alpha flattened, 16-bit scaled."""
    icc = img.info.get("icc_profile")
    mode = img.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit (or 32-bit int) grayscale: scale to 8 bits instead of clipping at 255
        top = 65535 if mode != "I" or (img.getextrema()[1] or 0) > 255 else 255  # type: ignore[operator]
        img = img.convert("I").point(lambda v: v * (255 / top)).convert("L")
        mode = "L"
    elif mode == "F":
        img = img.convert("L")
        mode = "L"
    if mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
        mode = img.mode
    if mode in ("LA", "La", "PA", "RGBa"):
        img = img.convert("RGBA")
        mode = "RGBA"
    if mode == "1":
        img = img.convert("L")
        mode = "L"
    alpha = None
    if mode == "RGBA":
        alpha = img.getchannel("A")
        img = img.convert("RGB")
        mode = "RGB"
    if icc and mode in ("RGB", "CMYK", "L"):
        from PIL import ImageCms

        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if mode == "L":
                img = img.convert("RGB")  # grey profiles: convert plainly
            else:
                img = ImageCms.profileToProfile(  # type: ignore[assignment]  # not in place
                    img, src, _srgb(), outputMode="RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL
                )
        except (OSError, ImageCms.PyCMSError, ValueError):
            img = img.convert("RGB")
    elif mode != "RGB":  # CMYK without a profile, YCbCr, L...
        img = img.convert("RGB")
    if alpha is not None:
        flat = Image.new("RGB", img.size, background)
        flat.paste(img, (0, 0), alpha)
        img = flat
    return img


def _decode(path: Path, need: tuple[int, int] | None) -> tuple[Image.Image, tuple[int, int], float]:
    """Decode ``path``: (RGB image oriented, full oriented size, reduction factor applied).

    ``need`` is the smallest oriented size the caller will sample from; JPEG draft mode picks a
    DCT scale that still covers it.
    """
    name = str(path)
    src = open_image(path)
    try:
        full = src.size
        orientation = _orientation(src)
        swapped = orientation in (5, 6, 7, 8)
        full_oriented = (full[1], full[0]) if swapped else full
        if need is not None and src.format == "JPEG" and src.mode in ("RGB", "L", "YCbCr"):
            want = (need[1], need[0]) if swapped else need
            src.draft(src.mode if src.mode == "L" else "RGB", want)
        # the same file at the same draft scale, decoded ahead on a worker (``render``)?
        ahead = take_decoded(path, src.mode, src.size)
        if ahead is not None:
            src.close()
            src = ahead
        else:
            load_fully(src, name, whole=True)  # reads everything and releases the file
    except BaseException:
        src.close()
        raise
    reduction = full[0] / src.size[0]
    info_icc = src.info.get("icc_profile")
    img = ImageOps.exif_transpose(src) if orientation != 1 else src  # no copy: already loaded
    if info_icc and "icc_profile" not in img.info:
        img.info["icc_profile"] = info_icc
    img = to_srgb(img)
    return img, full_oriented, reduction


# ----------------------------------------------------------------------------------------
# cover crop


def cover_box(
    src_w: int, src_h: int, out_w: int, out_h: int, fx: float, fy: float
) -> tuple[float, float, float, float]:
    """The source rectangle with the output's aspect, as large as possible, centred on the focal
    point and moved back inside the image when it would leave it."""
    scale = max(out_w / src_w, out_h / src_h)
    cw, ch = min(src_w, out_w / scale), min(src_h, out_h / scale)
    left = max(0.0, min(fx * src_w - cw / 2, src_w - cw))
    top = max(0.0, min(fy * src_h - ch / 2, src_h - ch))
    return left, top, left + cw, top + ch


def cover_scale(src: tuple[int, int], out: tuple[int, int]) -> float:
    return max(out[0] / src[0], out[1] / src[1])


# ----------------------------------------------------------------------------------------
# caches


def _identity(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ImageError("imaging.not_found", name=str(path)) from None
    return str(path.resolve()), st.st_mtime_ns, st.st_size


class PhotoCache:
    """LRU caches of decoded sources and fitted photos (thread-safe)."""

    def __init__(self, max_sources: int = 4, max_fitted: int = 48):
        self.max_sources = max_sources
        self.max_fitted = max_fitted
        self._sources: OrderedDict[tuple, tuple[Image.Image, tuple[int, int], float]] = (
            OrderedDict()
        )
        self._fitted: OrderedDict[tuple, FittedPhoto] = OrderedDict()
        self._levels: dict[tuple, Image.Image] = {}
        self._lock = threading.RLock()
        self.decodes = 0  # how many times a file was decoded (for tests and benchmarks)

    def clear(self) -> None:
        with self._lock:
            self._sources.clear()
            self._fitted.clear()
            self._levels.clear()

    def _source(
        self, path: Path, ident: tuple, need: tuple[int, int]
    ) -> tuple[Image.Image, tuple[int, int], float]:
        with self._lock:
            hit = self._sources.get(ident)
            if hit is not None:
                img, full, _ = hit
                if img.width >= min(need[0], full[0]) and img.height >= min(need[1], full[1]):
                    self._sources.move_to_end(ident)
                    return hit
        decoded = _decode(path, need)
        with self._lock:
            self.decodes += 1
            self._sources[ident] = decoded
            self._sources.move_to_end(ident)
            while len(self._sources) > self.max_sources:
                self._sources.popitem(last=False)
        return decoded

    def prefetch(self, ref: PhotoRef | str | Path, need: tuple[int, int]) -> None:
        """Decode once at a resolution that serves every later request up to ``need``."""
        ref = PhotoRef.coerce(ref)
        path = Path(ref.path)
        self._source(path, _identity(path), need)

    def fitted(
        self, ref: PhotoRef | str | Path, size: tuple[int, int], grayscale: bool = False
    ) -> FittedPhoto:
        """The photo cover-cropped around its focal point to exactly ``size`` (RGB)."""
        ref = PhotoRef.coerce(ref)
        path = Path(ref.path)
        ident = _identity(path)
        size = (max(1, int(size[0])), max(1, int(size[1])))
        key = (ident, size, round(ref.focal_x, 4), round(ref.focal_y, 4), grayscale)
        with self._lock:
            hit = self._fitted.get(key)
            if hit is not None:
                self._fitted.move_to_end(key)
                return hit
        # the full-cover size of the whole image is what the crop samples from
        need = self.cover_need(ref, size)
        img, full, _ = self._source(path, ident, need)
        img = self._level(ident, img, need)
        out = _cover_resize(img, size, ref.focal_x, ref.focal_y)
        if grayscale:
            out = out.convert("L").convert("RGB")
        upscaled = cover_scale(full, size) > UPSCALE_TOLERANCE
        result = FittedPhoto(out, upscaled, full)
        with self._lock:
            self._fitted[key] = result
            self._fitted.move_to_end(key)
            while len(self._fitted) > self.max_fitted:
                self._fitted.popitem(last=False)
        return result

    def _level(self, ident: tuple, img: Image.Image, need: tuple[int, int]) -> Image.Image:
        """The decoded source reduced by the largest power of two that still covers ``need``
        (cached): several formats from one decode each resample from a small enough image."""
        factor = 1
        while img.width // (factor * 2) >= need[0] and img.height // (factor * 2) >= need[1]:
            factor *= 2
        if factor == 1:
            return img
        key = (ident, img.size, factor)
        with self._lock:
            hit = self._levels.get(key)
        if hit is None:
            hit = img.reduce(factor)
            with self._lock:
                self._levels[key] = hit
                while len(self._levels) > self.max_sources * 3:
                    self._levels.pop(next(iter(self._levels)))
        return hit

    def cover_need(self, ref: PhotoRef | str | Path, size: tuple[int, int]) -> tuple[int, int]:
        """Size of the whole (oriented) photo once scaled to cover ``size``: what a decode
        must at least provide to serve that output without losing sharpness."""
        ref = PhotoRef.coerce(ref)
        path = Path(ref.path)
        full = self._known_full(_identity(path))
        if full is None:
            return self._need_for(path, size)
        s = cover_scale(full, size)
        return round(full[0] * s), round(full[1] * s)

    def _known_full(self, ident: tuple) -> tuple[int, int] | None:
        with self._lock:
            hit = self._sources.get(ident)
            return hit[1] if hit else None

    @staticmethod
    def _need_for(path: Path, size: tuple[int, int]) -> tuple[int, int]:
        """Read only the header to find the cover size in source orientation."""
        with open_image(path) as src:
            orientation = _orientation(src)
            full = src.size
        if orientation in (5, 6, 7, 8):
            full = (full[1], full[0])
        s = cover_scale(full, size)
        return round(full[0] * s), round(full[1] * s)


def _cover_resize(img: Image.Image, size: tuple[int, int], fx: float, fy: float) -> Image.Image:
    box = cover_box(img.width, img.height, size[0], size[1], fx, fy)
    if (
        round(box[2] - box[0]) == size[0]
        and round(box[3] - box[1]) == size[1]
        and box[0] == int(box[0])
        and box[1] == int(box[1])
    ):
        return img.crop((int(box[0]), int(box[1]), int(box[2]), int(box[3])))
    return img.resize(size, RESAMPLE, box=box, reducing_gap=REDUCING_GAP)


#: the cache ``render`` uses unless given another
default_cache = PhotoCache()
