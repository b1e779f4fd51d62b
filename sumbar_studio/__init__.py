"""Sumbar Studio: publishing assistant for the official social-media accounts of DPRD Sumbar."""

import sys as _sys

__version__ = "0.1.0"
APP_NAME = "Sumbar Studio"
APP_ID = "sumbar-studio"

if "shibokensupport.feature" in _sys.modules:  # imported after PySide6 (a script, the tests)
    from .qtimport import speed_up_pyside_imports

    speed_up_pyside_imports()
