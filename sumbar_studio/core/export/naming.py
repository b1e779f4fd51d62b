"""Names of bundles and files: safe on Windows, macOS and Linux, always inside the output."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..model import Post
from ..timeutil import to_wib
from .results import ExportFailed

SLUG_MAX = 80
NAME_MAX = 120  # one path component; keeps whole paths well under Windows' 260
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
    "COM¹",
    "COM²",
    "COM³",
    "LPT¹",
    "LPT²",
    "LPT³",
}
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


# ----------------------------------------------------------------------------------------
# names


def safe_name(text: str, max_length: int = NAME_MAX, fallback: str = "tanpa-judul") -> str:
    """One path component that is valid on Windows, macOS and Linux.

    Removes control and forbidden characters (``<>:"/\\|?*``), path separators and leading
    dots, strips trailing dots and spaces (Windows drops them silently), avoids reserved device
    names (``CON``, ``com1.txt`` ...) and caps the length in characters and UTF-8 bytes.
    """
    value = unicodedata.normalize("NFC", str(text))
    value = _FORBIDDEN.sub("_", value)
    value = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    value = value.strip().lstrip(".")
    value = _cap(value, max_length).rstrip(". ")
    if not value or value in (".", ".."):
        value = fallback
    stem = value.split(".", 1)[0].rstrip(" ").upper()
    if stem in _WINDOWS_RESERVED:
        value = f"_{value}"
    return value


def _cap(value: str, max_length: int) -> str:
    value = value[:max_length]
    while len(value.encode("utf-8")) > max_length * 2:  # many filesystems cap at 255 bytes
        value = value[:-1]
    return value


def slug(text: str, max_length: int = SLUG_MAX) -> str:
    """A readable ASCII slug cut at a word: ``rapat-paripurna-apbd``."""
    from slugify import slugify

    value = slugify(text or "", max_length=max_length, word_boundary=True, save_order=True)
    if not value:  # a title of only emoji or symbols
        value = "unggahan"
    return safe_name(value, max_length, fallback="unggahan")


def bundle_name(post: Post) -> str:
    """``2026-12-07_0900_rapat-paripurna-apbd`` (date and time in WIB)."""
    if post.scheduled_at is not None:
        when = to_wib(post.scheduled_at).strftime("%Y-%m-%d_%H%M")
    else:
        when = f"tanpa-jadwal_{post.id or 0}"
    return safe_name(f"{when}_{slug(post.title)}")


def _inside(root: Path, *parts: str) -> Path:
    """``root/parts`` resolved, refusing anything that would land outside ``root``."""
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and base not in target.parents:
        raise ExportFailed("export.path_outside", path=str(target), root=str(base))
    return target
