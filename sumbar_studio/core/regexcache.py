"""Compiled regular expressions kept across processes (issue #14).

The ``regex`` module parses and compiles a pattern in pure Python: the checker's patterns (its
own and the ones built from the rule lists) cost about 60 ms on every start. A compiled pattern
pickles to its compiled code (``regex`` reconstructs it with ``_regex.compile``, no parsing), so
:func:`compile` keeps every pattern it compiled in one file in the user's cache folder and a new
process loads them all in a few milliseconds.

An entry is keyed by the pattern text and flags themselves, so a changed pattern (edited code or
an edited rule list) is simply a new entry, never a stale one; the file as a whole is keyed by
the ``regex`` version, its default version and Python's version, so an upgrade starts afresh.
New entries are written when the process ends. The file goes through :mod:`.diskcache`
(checksummed, written atomically) and is read by an unpickler that accepts nothing but
``regex``'s own compiled patterns: a damaged or foreign file reads as empty.
"""

from __future__ import annotations

import atexit
import io
import pickle
import sys
import threading
from typing import Any

import regex

from . import diskcache

#: Bump when the layout of the file changes.
FORMAT = 1
#: Above this many bytes the file keeps only the patterns the writing process used.
MAX_BYTES = 4_000_000

_lock = threading.Lock()
_patterns: dict[tuple[str, int], Any] | None = None
_used: set[tuple[str, int]] = set()
_dirty = False
_registered = False


def compile(pattern: str, flags: int = 0) -> Any:  # noqa: A001 - regex.compile's twin
    """``regex.compile(pattern, flags)``, from the cache when this pattern was compiled before
    (in this process or an earlier one). Errors are regex's own, as with ``regex.compile``."""
    global _dirty
    key = (pattern, int(flags))
    with _lock:
        patterns = _patterns if _patterns is not None else _load()
        compiled = patterns.get(key)
        if compiled is None:
            compiled = regex.compile(pattern, flags)
            patterns[key] = compiled
            _dirty = True
        _used.add(key)
    return compiled


def cache_path():
    version = f"{FORMAT}/{regex.__version__}/{regex.DEFAULT_VERSION}/{sys.version}"
    return diskcache.entry_path("regex", "patterns", diskcache.content_key(version))


class _Unpickler(pickle.Unpickler):
    """Builds compiled patterns and plain data, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            from regex import _regex

            return _regex.compile
        raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")


def _load() -> dict[tuple[str, int], Any]:
    """Read the file once (under ``_lock``); anything unreadable counts as empty."""
    global _patterns
    _patterns = {}
    payload = diskcache.read(cache_path())
    if payload is not None:
        try:
            entries = _Unpickler(io.BytesIO(payload)).load()
            _patterns = {
                (p, f): c
                for (p, f), c in entries
                if isinstance(p, str) and isinstance(f, int) and isinstance(c, regex.Pattern)
            }
        except Exception:  # noqa: BLE001 - a damaged or foreign cache is rebuilt
            _patterns = {}
    global _registered
    if not _registered:
        atexit.register(save)
        _registered = True
    return _patterns


def save() -> None:
    """Write the patterns compiled since the file was read (called at exit)."""
    global _dirty
    with _lock:
        if not _dirty or _patterns is None:
            return
        entries = list(_patterns.items())
        _dirty = False
    try:
        payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
        if len(payload) > MAX_BYTES:
            entries = [(k, c) for k, c in entries if k in _used]
            payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
        diskcache.write(cache_path(), payload)
    except Exception:  # noqa: BLE001 - the cache is disposable; exiting must never fail
        pass


def clear_memory() -> None:
    """Forget what was loaded (tests: the next :func:`compile` reads the file again)."""
    global _patterns, _dirty
    with _lock:
        _patterns = None
        _dirty = False
        _used.clear()
