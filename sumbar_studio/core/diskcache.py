"""Derived data kept in the user's cache folder so a new process need not compute it again.

An entry is named by a key derived from everything it was computed from (a hash of the source
bytes and of the parameters), so a changed source simply has another name; older entries of the
same kind are removed when a new one is written. An entry is written atomically and carries a
CRC-32 and the length of its payload: a damaged, truncated or foreign file reads as missing and
is rebuilt. The cache is disposable: a folder that cannot be written only costs the next process
the work. (zlib rather than hashlib: Pillow has zlib loaded already, OpenSSL costs 3 ms.)
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

try:  # pickle's own C unpickler, without pickle.py (1.3 ms): a process that only reads needs
    from _pickle import Unpickler, UnpicklingError  # nothing else
except ImportError:  # an interpreter without the C half
    from pickle import Unpickler, UnpicklingError  # noqa: F401 - for the caches' unpicklers

ENV_CACHE_DIR = "SUMBAR_CACHE_DIR"
MAGIC = b"SSCACHE\x02"
_HEAD = len(MAGIC) + 12  # CRC-32 (4 bytes) and length (8 bytes) of the payload


def content_key(*parts: bytes | str) -> str:
    """A key for data derived from ``parts`` (source bytes, parameters): CRC-32 and length of
    each part, so a changed source or parameter gives another key."""
    out = []
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        out.append(f"{zlib.crc32(data):08x}{len(data):x}")
    return "".join(out)


def cache_dir() -> Path:
    """The user's cache folder for Sumbar Studio (``SUMBAR_CACHE_DIR`` overrides): the compiled
    dictionary (checks/lexicon.py), the compiled rule lists (checks/rulesdata.py), the compiled
    regular expressions (regexcache.py) and the scaled logo (cards) live here."""
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("SumbarStudio", appauthor=False))


def entry_path(kind: str, name: str, key: str) -> Path:
    """Where the entry ``name`` of ``kind`` (a subfolder) for ``key`` lives."""
    return cache_dir() / kind / f"{name}-{key[:48]}.bin"


def read(path: Path) -> bytes | None:
    """The payload stored at ``path``; None when missing, damaged or not a cache entry."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if len(raw) < _HEAD or not raw.startswith(MAGIC):
        return None
    payload = raw[_HEAD:]
    crc, size = (
        int.from_bytes(raw[len(MAGIC) : len(MAGIC) + 4], "little"),
        int.from_bytes(raw[len(MAGIC) + 4 : _HEAD], "little"),
    )
    if size != len(payload) or zlib.crc32(payload) != crc:
        return None
    return payload


def write(path: Path, payload: bytes) -> None:
    """Store ``payload`` at ``path`` atomically and remove older entries of the same name."""
    from .fileutil import WriteFailed, write_bytes_atomic

    try:
        head = zlib.crc32(payload).to_bytes(4, "little") + len(payload).to_bytes(8, "little")
        write_bytes_atomic(path, MAGIC + head + payload)
    except (OSError, WriteFailed):
        return
    stem = path.name.rsplit("-", 1)[0]
    for old in path.parent.glob(f"{stem}-*.bin"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
