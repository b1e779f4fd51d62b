"""Locate the data files shipped with the app (assets/ and templates/).

In a wheel they are force-included as ``sumbar_studio/assets`` and ``sumbar_studio/templates``;
in a checkout (including an editable install) they sit at the repository root. Both are found
by the same function, so no caller needs to know which case it is in.

Found with ``os.path`` (pathlib is imported only when a caller asks for a ``Path``), so the
message catalogue, needed by every command, costs no pathlib import.
"""

from __future__ import annotations

import os
from functools import cache

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


@cache
def _root_for(name: str) -> str:
    for candidate in (
        os.path.join(_PACKAGE_DIR, name),
        os.path.join(os.path.dirname(_PACKAGE_DIR), name),
    ):
        if os.path.isdir(candidate):
            return candidate
    raise FileNotFoundError(f"data folder {name!r} not found next to {_PACKAGE_DIR}")


def asset_file(*parts: str) -> str:
    """Path to a file or folder under assets/, as a string."""
    return os.path.join(_root_for("assets"), *parts)


def asset_path(*parts: str):
    """Path to a file or folder under assets/."""
    from pathlib import Path

    return Path(_root_for("assets")).joinpath(*parts)


def template_path(*parts: str):
    """Path to a file or folder under templates/."""
    from pathlib import Path

    return Path(_root_for("templates")).joinpath(*parts)
