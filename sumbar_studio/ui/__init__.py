"""PySide6 user interface: widgets, item models, dialogs. Business logic stays in core/."""

import PySide6.QtCore  # noqa: F401 - loaded first, so the quicker check below covers the rest

from ..qtimport import speed_up_pyside_imports

speed_up_pyside_imports()
