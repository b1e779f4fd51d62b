"""Safe image decoding shared by the media library and the card renderer.

Only the formats an officer's camera or phone produces are decoded (JPEG, PNG, WebP and, when
pillow-heif is installed, HEIC). A pixel limit protects against decompression bombs; a truncated
or corrupt file raises :class:`ImageError` with an Indonesian message instead of a traceback.
"""

from __future__ import annotations

import struct
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from PIL import Image, ImageFile, UnidentifiedImageError

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
        from .inputs import check_input

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


def load_fully(img: Image.Image, name: str = "", *, whole: bool = False) -> Image.Image:
    """Decode all pixel data now, turning truncation into a clear error. ``whole``: read the
    file in one block of up to :data:`DECODE_BLOCK` bytes (one decoder call without the GIL)."""
    if whole and isinstance(img, ImageFile.ImageFile):
        img.decodermaxblock = max(img.decodermaxblock, DECODE_BLOCK)
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


# -- decoding ahead --------------------------------------------------------------------------
#
# A process that knows it will need a photo soon (``render`` on the command line) starts its
# JPEG decode on a worker thread at once, while it imports and lays out the rest of the card:
# Pillow decodes without holding the GIL. The decode is a guess at the draft scale the renderer
# will ask for; :func:`take_decoded` hands it over only when the renderer's own draft request
# comes out at the same size and mode, i.e. when it is exactly the image the renderer would have
# decoded itself. Otherwise (or on any error) the renderer decodes as usual.

#: Bytes read and handed to the JPEG decoder at a time: a whole phone photo at once. The decoder
#: runs without the GIL; in Pillow's 64 KiB blocks a decode on a worker thread waits for the GIL
#: between every two blocks while the main thread runs Python.
DECODE_BLOCK = 1 << 24

_ahead: dict[tuple[str, int, int], tuple[threading.Event, list[Image.Image]]] = {}
_ahead_lock = threading.Lock()


def _file_key(path: str | Path) -> tuple[str, int, int] | None:
    try:
        st = Path(path).stat()
        return str(Path(path).resolve()), st.st_mtime_ns, st.st_size
    except OSError:
        return None


def decode_ahead(path: str | Path, cover: tuple[int, int]) -> None:
    """Start decoding the JPEG at ``path`` on a worker thread (in draft mode, at the smallest DCT
    scale whose image still covers ``cover`` pixels once oriented) for a later
    :func:`take_decoded`. Anything that goes wrong leaves nothing to take."""
    key = _file_key(path)
    if key is None:
        return
    entry: tuple[threading.Event, list[Image.Image]] = (threading.Event(), [])
    with _ahead_lock:  # registered before this returns: a take_decoded() after it waits
        if key in _ahead:
            return
        _ahead[key] = entry
    threading.Thread(
        target=_decode_ahead, args=(path, cover, entry), name="photo-decode-ahead", daemon=True
    ).start()


def _decode_ahead(
    path: str | Path, cover: tuple[int, int], entry: tuple[threading.Event, list[Image.Image]]
) -> None:
    try:
        src = open_image(path)
        try:
            if src.format != "JPEG" or src.mode not in ("RGB", "L", "YCbCr"):
                src.close()
                return
            try:
                swapped = int(src.getexif().get(0x0112, 1) or 1) in _QUARTER_TURNS
            except Exception:  # noqa: BLE001 - malformed EXIF: as the renderer reads it
                swapped = False
            full = (src.height, src.width) if swapped else src.size
            scale = max(cover[0] / full[0], cover[1] / full[1])
            need = (round(full[0] * scale), round(full[1] * scale))
            want = (need[1], need[0]) if swapped else need
            src.draft(src.mode if src.mode == "L" else "RGB", want)
            load_fully(src, str(path), whole=True)
        except BaseException:
            src.close()
            raise
        entry[1].append(src)
    except Exception:  # noqa: BLE001, S110 - the renderer decodes it itself and reports why
        pass
    finally:
        entry[0].set()


def take_decoded(path: str | Path, mode: str, size: tuple[int, int]) -> Image.Image | None:
    """The image :func:`decode_ahead` decoded from ``path`` if it has exactly this draft
    ``mode`` and ``size`` (waiting for it to finish), else None. Handed over once."""
    if not _ahead:
        return None
    key = _file_key(path)
    with _ahead_lock:
        entry = _ahead.pop(key, None) if key is not None else None
    if entry is None:
        return None
    entry[0].wait()
    if not entry[1]:
        return None
    img = entry[1][0]
    if img.mode == mode and img.size == size:
        return img
    img.close()
    return None


def discard_decoded(path: str | Path) -> None:
    """Drop what :func:`decode_ahead` decoded from ``path`` and nobody took (the renderer
    found the photo in its own cache, or stopped before it)."""
    key = _file_key(path)
    with _ahead_lock:
        entry = _ahead.pop(key, None) if key is not None else None
    if entry is not None and entry[0].is_set():  # (one still decoding is left to the worker)
        for img in entry[1]:
            img.close()
