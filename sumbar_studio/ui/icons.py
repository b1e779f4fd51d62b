"""Icons: SVG from assets/icons (sharp at any device pixel ratio), themed fallbacks."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from ..core.resources import asset_path


@cache
def app_icon() -> QIcon:
    return QIcon(str(asset_path("icons", "app.svg")))


def icon(name: str, theme_fallback: str = "") -> QIcon:
    """An icon from assets/icons/<name>.svg, else the desktop theme's ``theme_fallback``."""
    path = asset_path("icons", f"{name}.svg")
    if path.exists():
        return QIcon(str(path))
    return QIcon.fromTheme(theme_fallback or name)
