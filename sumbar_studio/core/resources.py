"""Locate the data files shipped with the app (assets/ and templates/).

In a wheel they are force-included as ``sumbar_studio/assets`` and ``sumbar_studio/templates``;
in a checkout (including an editable install) they sit at the repository root. Both are found
by the same function, so no caller needs to know which case it is in.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def _root_for(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"data folder {name!r} not found next to {_PACKAGE_DIR}")


def asset_path(*parts: str) -> Path:
    """Path to a file or folder under assets/."""
    return _root_for("assets").joinpath(*parts)


def template_path(*parts: str) -> Path:
    """Path to a file or folder under templates/."""
    return _root_for("templates").joinpath(*parts)
