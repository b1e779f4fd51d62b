"""Fixtures shared by the card tests: small generated photos in every awkward colour mode."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw


def gradient_photo(
    path: Path,
    size: tuple[int, int] = (640, 480),
    mode: str = "RGB",
    fmt: str | None = None,
    **save,
) -> Path:
    """A photo with a red left half and a blue right half and a white marker at the top-left,
    so orientation and colour conversion can be checked by sampling pixels."""
    w, h = size
    img = Image.new("RGB", size, (200, 30, 30))
    draw = ImageDraw.Draw(img)
    draw.rectangle((w // 2, 0, w, h), fill=(30, 60, 200))
    draw.rectangle((0, 0, w // 8, h // 8), fill=(255, 255, 255))
    if mode != "RGB":
        img = img.convert(mode)
    img.save(path, fmt, **save)
    return path
