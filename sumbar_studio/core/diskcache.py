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
import sys
import zlib

try:  # pickle's own C unpickler, without pickle.py (1.3 ms): a process that only reads needs
    from _pickle import Unpickler, UnpicklingError  # nothing else
except ImportError:  # an interpreter without the C half
    from pickle import Unpickler, UnpicklingError  # noqa: F401 - for the caches' unpicklers

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

ENV_CACHE_DIR = "SUMBAR_CACHE_DIR"
MAGIC = b"SSCACHE\x02"


def content_key(*parts: bytes | str) -> str:
    """A key for data derived from ``parts`` (source bytes, parameters): CRC-32 and length of
    each part, so a changed source or parameter gives another key."""
    out = []
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        out.append(f"{zlib.crc32(data):08x}{len(data):x}")
    return "".join(out)


def cache_folder() -> str:
    """The user's cache folder for Sumbar Studio (``SUMBAR_CACHE_DIR`` overrides): the compiled
    dictionary (checks/lexicon.py), the compiled rule lists (checks/rulesdata.py), the compiled
    regular expressions (regexcache.py) and the scaled logo (cards) live here. Paths here are
    strings: a ``check`` process needs no pathlib (2.5 ms with urllib.parse and ipaddress)."""
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return override
    return _user_cache_folder()


def _user_cache_folder() -> str:
    """``platformdirs.user_cache_dir("SumbarStudio", appauthor=False)``. Where the answer is
    the XDG rule (Linux and the BSDs: ``$XDG_CACHE_HOME`` when absolute, else ``~/.cache``) it
    is computed here: importing platformdirs (with tempfile, shutil, random and pathlib) costs
    every ``check`` process about 10 ms. tests/core/test_compiled_caches.py holds both to the
    same answer; elsewhere, and for an unusual home, platformdirs answers."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(base):
            home = os.environ.get("HOME", "")
            base = os.path.join(home, ".cache") if os.path.isabs(home) else ""
        if base:
            return os.path.join(base, "SumbarStudio")
    from platformdirs import user_cache_dir

    return user_cache_dir("SumbarStudio", appauthor=False)


def cache_dir() -> Path:
    """:func:`cache_folder` as a ``Path``."""
    from pathlib import Path

    return Path(cache_folder())


def entry_path(kind: str, name: str, key: str) -> str:
    """Where the entry ``name`` of ``kind`` (a subfolder) for ``key`` lives."""
    return os.path.join(cache_folder(), kind, f"{name}-{key[:48]}.bin")


def checksum(payload: bytes) -> bytes:
    """The 12 bytes that vouch for ``payload``: its CRC-32 and its length."""
    return zlib.crc32(payload).to_bytes(4, "little") + len(payload).to_bytes(8, "little")


def frame(payload: bytes, magic: bytes = MAGIC) -> bytes:
    """``payload`` as a file: ``magic``, its checksum, then the payload."""
    return magic + checksum(payload) + payload


def unframe(raw: bytes, magic: bytes = MAGIC) -> bytes | None:
    """The payload of a :func:`frame`; None when damaged, truncated or of another kind."""
    head = len(magic) + 12
    if len(raw) < head or not raw.startswith(magic):
        return None
    payload = raw[head:]
    return payload if checksum(payload) == raw[len(magic) : head] else None


def read(path: str | Path) -> bytes | None:
    """The payload stored at ``path``; None when missing, damaged or not a cache entry."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    return unframe(raw)


def write(path: str | Path, payload: bytes) -> None:
    """Store ``payload`` at ``path`` atomically and remove older entries of the same name."""
    from .fileutil import WriteFailed, write_bytes_atomic

    try:
        write_bytes_atomic(path, frame(payload))
    except (OSError, WriteFailed):
        return
    remove_older(path)


def remove_older(path: str | Path, suffixes: tuple[str, ...] = (".bin",)) -> None:
    """Remove the other versions of the entry at ``path``: the files beside it with the same
    name before its key (``name-KEY``) and one of ``suffixes``, except ``path``'s own files
    with those suffixes. A file that cannot be removed (in use, on Windows) stays."""
    folder, current = os.path.split(os.fspath(path))
    stem = current.rsplit("-", 1)[0]
    own = os.path.splitext(current)[0]
    keep = {own + suffix for suffix in suffixes}
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith(stem + "-") and name.endswith(suffixes) and name not in keep:
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass
