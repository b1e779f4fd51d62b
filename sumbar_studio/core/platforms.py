"""Platform specifications, loaded from dated data (assets/platforms.json).

Limits change without notice, so they are data with a "checked on" date and a source, which the
team can edit (a copy in the workspace overrides the shipped file), never constants in code.
So are the platforms a new post starts with (``default_platforms``) and the order the card
formats are offered in (the order of ``formats`` in the file).
"""

from __future__ import annotations

import json
import os
from functools import cache

from .errors import InvalidInput, SumbarError
from .records import field, record, record_fields
from .resources import asset_file

TYPE_CHECKING = False
if TYPE_CHECKING:  # a check of a text reads the shipped file by name: no pathlib (2.5 ms)
    from pathlib import Path


@record(frozen=True)
class ImageFormat:
    id: str
    label: str
    width: int
    height: int
    safe_zone: dict[str, int] = field(default_factory=dict)

    @property
    def aspect(self) -> float:
        return self.width / self.height


@record(frozen=True)
class Platform:
    id: str
    name: str
    caption_limit: int
    counting: str
    hashtag_limit: int
    max_images: int
    formats: tuple[str, ...]
    alt_text_limit: int | None
    links_clickable: bool
    expects_link: bool
    expects_hashtag: bool
    source: str
    soft_limit: int | None = None
    title_limit: int | None = None
    max_image_bytes: int | None = None
    notes: tuple[str, ...] = ()


@record(frozen=True)
class PlatformCatalog:
    checked_on: str
    source: str
    platforms: dict[str, Platform]
    formats: dict[str, ImageFormat]
    #: the platforms a new post starts with (known ids only, in the file's order)
    default_platforms: tuple[str, ...] = ()

    def get(self, platform_id: str) -> Platform:
        try:
            return self.platforms[platform_id]
        except KeyError:
            raise InvalidInput(
                "errors.unknown_platform", value=platform_id, choices=", ".join(self.platforms)
            ) from None

    def format(self, format_id: str) -> ImageFormat:
        try:
            return self.formats[format_id]
        except KeyError:
            raise InvalidInput(
                "errors.invalid_input",
                detail=f"format {format_id!r} ({', '.join(self.formats)})",
            ) from None

    def ids(self) -> list[str]:
        return list(self.platforms)

    def format_order(self) -> list[str]:
        """The card formats in the order officers are offered them (the data file's order)."""
        return list(self.formats)


_PLATFORM_KEYS = {f for f in record_fields(Platform) if f not in ("id", "formats", "notes")}

#: Sane bounds for numbers the team may edit: a typo (108000×135000) is refused when the file is
#: loaded, with a clear message, instead of a MemoryError when a card is rendered.
IMAGE_SIDE = (16, 8192)
_PLATFORM_BOUNDS = {
    "caption_limit": (0, 1_000_000),
    "hashtag_limit": (-1, 1000),
    "max_images": (1, 100),
    "alt_text_limit": (0, 100_000),
    "soft_limit": (0, 1_000_000),
    "title_limit": (0, 100_000),
    "max_image_bytes": (1, 1 << 32),
}


def _bounded(path, what: str, value, low: int, high: int, *, optional: bool = False) -> None:
    if optional and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(
            "text_guard.platform_bounds",
            path=str(path),
            what=what,
            value=repr(value),
            low=low,
            high=high,
        )


def _validate(path, data: dict) -> None:
    for fid, f in data["formats"].items():
        for side in ("width", "height"):
            _bounded(path, f"formats.{fid}.{side}", f.get(side), *IMAGE_SIDE)
        for edge, inset in (f.get("safe_zone") or {}).items():
            limit = f["height"] if edge in ("top", "bottom") else f["width"]
            _bounded(path, f"formats.{fid}.safe_zone.{edge}", inset, 0, limit // 2)
    for pid, p in data["platforms"].items():
        for key, (low, high) in _PLATFORM_BOUNDS.items():
            if key in p:
                _bounded(path, f"platforms.{pid}.{key}", p[key], low, high, optional=True)


def load_catalog(path: str | Path | None = None) -> PlatformCatalog:
    path = path or asset_file("platforms.json")
    from .inputs import read_input

    data = json.loads(read_input(path, "json").decode("utf-8"))
    _validate(path, data)
    formats = {
        fid: ImageFormat(fid, f["label"], f["width"], f["height"], f.get("safe_zone", {}))
        for fid, f in data["formats"].items()
    }
    platforms = {}
    for pid, p in data["platforms"].items():
        notes = tuple(v for k, v in p.items() if k.endswith("_note"))
        values = {k: v for k, v in p.items() if k in _PLATFORM_KEYS}
        unknown_formats = [f for f in p["formats"] if f not in formats]
        if unknown_formats:
            raise InvalidInput(
                "errors.invalid_input", detail=f"{path}: {pid}.formats: {unknown_formats}"
            )
        platforms[pid] = Platform(id=pid, formats=tuple(p["formats"]), notes=notes, **values)
    defaults = data.get("default_platforms")
    if defaults is None:  # a team's copy saved before the key existed: the shipped choice
        shipped = asset_file("platforms.json")
        if os.fspath(path) != shipped:
            with open(shipped, encoding="utf-8") as fh:
                defaults = json.load(fh).get("default_platforms")
    chosen = tuple(p for p in defaults or () if isinstance(p, str) and p in platforms)
    return PlatformCatalog(
        data["checked_on"], data["source"], platforms, formats, tuple(dict.fromkeys(chosen))
    )


_override: Path | None = None


def use_workspace_catalog(path: Path | None) -> None:
    """Make the team's edited platform data (``<workspace>/platforms.json``) the catalogue
    every caller sees, or go back to the shipped file when ``path`` is None or missing."""
    global _override
    _override = path if path is not None and path.is_file() else None


@cache
def _cached(path: str | Path, mtime_ns: int) -> PlatformCatalog:  # noqa: ARG001 - cache key
    return load_catalog(path)


def default_catalog() -> PlatformCatalog:
    """The platform catalogue in force: the open workspace's edited copy, else the shipped
    data. Reloaded when the file changes."""
    shipped = asset_file("platforms.json")
    path: str | Path = shipped
    if _override is not None and _override.is_file():
        path = _override
    try:
        return _cached(path, os.stat(path).st_mtime_ns)
    except (ValueError, KeyError, TypeError, AttributeError, OSError, SumbarError) as exc:
        if path == shipped:
            raise
        # one typo in the team's copy never blocks every check and export: the shipped data
        # is used, with a warning (catalog_warning)
        _problems[path] = str(exc)[:200] or type(exc).__name__
        return _cached(shipped, os.stat(shipped).st_mtime_ns)


_problems: dict[str | Path, str] = {}


def catalog_problem(data: dict) -> str | None:
    """Why this platform data would not load (checked before the Settings dialog saves it),
    or None."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "platforms.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        try:
            load_catalog(path)
        except (ValueError, KeyError, TypeError, AttributeError, SumbarError) as exc:
            return str(exc)[:300] or type(exc).__name__
    return None


def catalog_warning() -> str | None:
    """The translated warning when the workspace's platforms.json is broken, else None."""
    from .i18n import t

    default_catalog()
    path = _override
    if path is None or path not in _problems:
        return None
    try:
        _cached(path, path.stat().st_mtime_ns)
    except Exception:  # noqa: BLE001 - still broken
        return t("files.platforms_broken", path=str(path), reason=_problems[path])
    _problems.pop(path, None)
    return None
