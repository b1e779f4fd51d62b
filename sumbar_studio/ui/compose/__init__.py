"""Compose page: post editor, live card preview, checklist dock (issue 6).

``ComposePage`` is imported on first use (PEP 562): the main window asks the light
``compose.journal_path`` whether a previous session needs recovery without loading the editor.
"""

from __future__ import annotations

__all__ = ["ComposePage", "Timings"]


def __getattr__(name: str):
    if name in __all__:
        from . import page

        return getattr(page, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
