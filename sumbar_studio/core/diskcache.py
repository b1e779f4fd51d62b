"""Derived data kept in the user's cache folder so a new process need not compute it again.

An entry is named by a key derived from everything it was computed from (a hash of the source
bytes and of the parameters), so a changed source simply has another name; older entries of the
same kind are removed when a new one is written. An entry is written atomically and carries a
SHA-256 of its payload: a damaged, truncated or foreign file reads as missing and is rebuilt.
The cache is disposable: a folder that cannot be written only costs the next process the work.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

ENV_CACHE_DIR = "SUMBAR_CACHE_DIR"
MAGIC = b"SSCACHE\x01"


def cache_dir() -> Path:
    """The user's cache folder for Sumbar Studio (``SUMBAR_CACHE_DIR`` overrides)."""
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("SumbarStudio", appauthor=False))


def entry_path(kind: str, name: str, key: str) -> Path:
    """Where the entry ``name`` of ``kind`` (a subfolder) for ``key`` lives."""
    return cache_dir() / kind / f"{name}-{key[:32]}.bin"


def read(path: Path) -> bytes | None:
    """The payload stored at ``path``; None when missing, damaged or not a cache entry."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 32
    if len(raw) < head or not raw.startswith(MAGIC):
        return None
    payload = raw[head:]
    if hashlib.sha256(payload).digest() != raw[len(MAGIC):head]:
        return None
    return payload


def write(path: Path, payload: bytes) -> None:
    """Store ``payload`` at ``path`` atomically and remove older entries of the same name."""
    from .fileutil import WriteFailed, write_bytes_atomic

    try:
        write_bytes_atomic(path, MAGIC + hashlib.sha256(payload).digest() + payload)
    except (OSError, WriteFailed):
        return
    stem = path.name.rsplit("-", 1)[0]
    for old in path.parent.glob(f"{stem}-*.bin"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
