"""Safe image decoding shared by the media library and the card renderer.

Only the formats an officer's camera or phone produces are decoded (JPEG, PNG, WebP and, when
pillow-heif is installed, HEIC). A pixel limit protects against decompression bombs; a truncated
or corrupt file raises :class:`ImageError` with an Indonesian message instead of a traceback.
"""

from __future__ import annotations

import struct
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError

from .errors import ImageError, SumbarError

# 12-megapixel phone photos are common; 60 MP covers high-end cameras with margin.
MAX_PIXELS = 60_000_000
ALLOWED_FORMATS: list[str] = ["JPEG", "PNG", "WEBP"]

try:  # HEIC photos from phones, when the optional plugin is installed
    from pillow_heif import register_heif_opener

    register_heif_opener()
    ALLOWED_FORMATS.append("HEIF")
except ImportError:  # pragma: no cover - depends on the optional extra
    pass

Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int
    mode: str


def open_image(source: str | Path | BinaryIO) -> Image.Image:
    """Open (lazily) an image of an allowed format, enforcing the pixel limit."""
    name = str(source) if isinstance(source, str | Path) else getattr(source, "name", "")
    if isinstance(source, str | Path):
        from .fileutil import check_input

        if not Path(source).exists():
            raise ImageError("imaging.not_found", name=name)
        try:  # a FIFO, device or folder never reaches the decoder (it would block or fail)
            check_input(source, "image")
        except SumbarError as exc:  # same message, as an image error
            raise ImageError(exc.message_id, **exc.params) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(source, formats=ALLOWED_FORMATS)
    except FileNotFoundError:
        raise ImageError("imaging.not_found", name=name) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError("imaging.too_large", name=name, limit=MAX_PIXELS // 1_000_000) from None
    except UnidentifiedImageError:
        raise ImageError("imaging.unsupported", name=name) from None
    except (OSError, ValueError, SyntaxError, EOFError, struct.error) as exc:
        # Pillow reports broken PNGs as SyntaxError, a compressed-chunk bomb as ValueError
        raise ImageError("imaging.corrupt", name=name, detail=str(exc)) from None
    if img.width * img.height > MAX_PIXELS:
        img.close()
        raise ImageError("imaging.too_large", name=name, limit=MAX_PIXELS // 1_000_000)
    return img


def load_fully(img: Image.Image, name: str = "") -> Image.Image:
    """Decode all pixel data now, turning truncation into a clear error."""
    try:
        img.load()
    except (OSError, ValueError, SyntaxError, EOFError, struct.error, MemoryError) as exc:
        raise ImageError("imaging.corrupt", name=name, detail=str(exc)) from None
    return img


#: EXIF orientations that rotate by 90 or 270 degrees (width and height trade places).
_QUARTER_TURNS = frozenset({5, 6, 7, 8})


def probe(path: str | Path) -> ImageInfo:
    """Format and size of an image file as it is seen (after its EXIF orientation, as a phone
    photo is shown), verified to decode completely."""
    with open_image(path) as img:
        width, height = img.width, img.height
        try:
            if int(img.getexif().get(0x0112, 1) or 1) in _QUARTER_TURNS:
                width, height = height, width
        except Exception:  # malformed EXIF: keep the stored size, as the renderer does
            pass
        info = ImageInfo(img.format or "", width, height, img.mode)
        load_fully(img, str(path))
    return info
