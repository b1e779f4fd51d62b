"""What a workspace target names: a folder, or a team server's address.

Apart from :mod:`.workspace` so that the command line can tell the two apart while parsing,
without loading the workspace (its store, model and settings).
"""

from __future__ import annotations

import os


def is_server_address(target: object) -> bool:
    """Whether a workspace target names a team server (``postgresql://...``, or a libpq
    ``host=... dbname=...`` string that is not a folder) rather than a folder."""
    text = str(target).strip()
    if text.lower().startswith(("postgresql://", "postgres://")):
        return True
    return "dbname=" in text and "host=" in text and not os.path.exists(text)
