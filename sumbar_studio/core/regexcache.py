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

Importing ``regex`` itself costs about 8 ms (its pure-Python parser and compiler), and a process
whose patterns all come from the cache never needs them: a cached pattern is rebuilt by the
C engine alone. So this module loads only the engine (:func:`engine`, ``regex._regex``) and
imports ``regex`` when a pattern must really be parsed (a new or edited pattern). The flags and
:func:`escape` below are ``regex``'s own, for callers that must not import it.
"""

from __future__ import annotations

import atexit
import io
import os
import re
import sys
from _thread import allocate_lock as Lock  # threading.Lock itself (threading: 1 ms)

from . import diskcache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any

#: ``regex``'s flag values (tests/core/test_compiled_caches.py checks them against the module).
IGNORECASE = 0x2
MULTILINE = 0x8
DOTALL = 0x10
V1 = 0x100

#: Bump when the layout of the file changes.
FORMAT = 1
#: Above this many bytes the file keeps only the patterns the writing process used.
MAX_BYTES = 4_000_000

_lock = Lock()
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
            import regex

            compiled = regex.compile(pattern, flags)
            patterns[key] = compiled
            _dirty = True
        _used.add(key)
    return compiled


def escape(text: str) -> str:
    """``text`` as a literal inside a pattern (the characters ``re.escape`` escapes are the
    ones ``regex`` treats as special, so the result means the same to both engines)."""
    return re.escape(text)


_engine: ModuleType | None = None


def engine() -> ModuleType:
    """``regex``'s compiled engine (the ``regex._regex`` extension), loaded without the package's
    Python half when nothing has imported it yet. The module is registered under its own name,
    so a later ``import regex`` shares it (and the patterns made here are ``regex.Pattern``)."""
    global _engine
    if _engine is not None:
        return _engine
    loaded = sys.modules.get("regex._regex")
    if loaded is None:
        try:
            loaded = _load_engine()
        except Exception:  # noqa: BLE001 - an unusual install: the ordinary import
            loaded = None
    if loaded is None:
        from regex import _regex

        loaded = _regex
    _engine = loaded
    return loaded


def _load_engine() -> ModuleType | None:
    from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec, PathFinder

    package = PathFinder.find_spec("regex")
    if package is None or not package.submodule_search_locations:
        return None
    for folder in package.submodule_search_locations:
        for suffix in EXTENSION_SUFFIXES:
            path = os.path.join(folder, "_regex" + suffix)
            if not os.path.isfile(path):
                continue
            loader = ExtensionFileLoader("regex._regex", path)
            spec = ModuleSpec("regex._regex", loader, origin=path)
            spec.has_location = True
            module = loader.create_module(spec)
            loader.exec_module(module)
            module.__spec__, module.__loader__, module.__file__ = spec, loader, path
            module.__package__ = "regex"
            sys.modules.setdefault("regex._regex", module)
            return sys.modules["regex._regex"]
    return None


def is_pattern(value: object) -> bool:
    """Whether ``value`` is a compiled ``regex`` pattern (without importing ``regex``)."""
    return type(value).__name__ == "Pattern" and type(value).__module__ == "_regex"


def cache_path():
    """The file is keyed by the engine: its file (a new ``regex`` release is a new file, its
    size and time), its magic number and Python's version."""
    eng = engine()
    where = getattr(eng, "__file__", "") or ""
    try:
        st = os.stat(where)
        stamp = f"{st.st_size}/{st.st_mtime_ns}"
    except OSError:
        stamp = "?"
    version = f"{FORMAT}/{eng.MAGIC}/{eng.CODE_SIZE}/{where}/{stamp}/{sys.version}"
    return diskcache.entry_path("regex", "patterns", diskcache.content_key(version))


class _Unpickler(diskcache.Unpickler):
    """Builds compiled patterns and plain data, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return engine().compile
        raise diskcache.UnpicklingError(f"{module}.{name} is not a compiled pattern")


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
                if isinstance(p, str) and isinstance(f, int) and is_pattern(c)
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
        import pickle

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
