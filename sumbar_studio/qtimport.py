"""A quicker answer to PySide6's question about every imported module.

PySide6 supports ``from __feature__ import snake_case`` per module. To know which modules may
use it, its import hook asks of every module imported after PySide6 whether it "uses PySide":
it reads the module's whole source through ``inspect.getsource`` (linecache, tokenize's
encoding detection) and looks for the text ``PySide6`` (PYSIDE-2029). That costs 0.1-0.2 ms a
module, about 15 ms for the hundred-odd modules the window imports before its first paint.

:func:`speed_up_pyside_imports` gives PySide6 the same answer from the module file's bytes
(``b"PySide6" in data``; the same for any ASCII-compatible source encoding, which Python source
is) and leaves everything that is not a plain ``.py`` file to PySide6's own check. It never
imports PySide6: it only acts once PySide6 is loaded (``sumbar_studio`` imported after
PySide6, and the UI package, which loads PySide6 first). If a PySide6 release reorganises
these internals, nothing is changed and imports work as before, only slower.
"""

from __future__ import annotations

import sys
from importlib.machinery import SourceFileLoader

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
        loader = getattr(module, "__loader__", None)
        # a source file read by the standard loader: the bytes say the same as the text
        if isinstance(path, str) and path.endswith(".py") and isinstance(loader, SourceFileLoader):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    mod_uses_pyside._sumbar_quick = True  # type: ignore[attr-defined]
    mod_uses_pyside.__wrapped__ = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside
    return True
