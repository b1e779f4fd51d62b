"""A quicker answer to PySide6's question about every imported module.

PySide6 supports ``from __feature__ import snake_case`` per module. To know which modules may
use it, its import hook asks of every module imported after PySide6 whether it "uses PySide":
it reads the module's whole source through ``inspect.getsource`` (linecache, tokenize's
encoding detection) and looks for the text ``PySide6`` (PYSIDE-2029). That cost 0.1-0.3 ms a
module, about 15 ms for the modules the window imports before its first paint.

:func:`speed_up_pyside_imports` gives PySide6 the same answer from the bytes of the source file
``inspect`` would read (the module's ``__file__``, a ``.py`` file on disk): ``b"PySide6" in
data`` says what ``"PySide6" in text`` says for any ASCII-compatible source encoding, which
Python source is. Anything else (built-in and extension modules, sources inside archives) is
left to PySide6's own check. It never imports PySide6: it acts once PySide6 is loaded (this
package imported after PySide6, and the UI package, which loads PySide6 first). If a PySide6
release reorganises these internals, nothing is changed and imports work as before, only slower.
"""

from __future__ import annotations

import os
import sys

_FEATURE_MODULE = "shibokensupport.feature"


def speed_up_pyside_imports() -> bool:
    """Install the quicker check if PySide6 is loaded; whether it is in place."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or not callable(original):
        return False
    if getattr(original, "_sumbar_quick", False):
        return True

    def mod_uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        # a module with a source file on disk (imported from it, or frozen into Python with its
        # file beside): inspect reads that file, and its bytes say the same as its text
        if isinstance(path, str) and path.endswith(".py"):
            try:
                return b"PySide6" in _read(path)
            except OSError:
                pass
        return original(module)

    mod_uses_pyside._sumbar_quick = True  # type: ignore[attr-defined]
    mod_uses_pyside.__wrapped__ = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside
    return True


def _read(path: str) -> bytes:
    """The file's bytes (os-level calls: a third of what ``open().read()`` costs)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
