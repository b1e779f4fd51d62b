"""Small shared widgets: inputs whose Undo/Redo go to a shared QUndoStack, a counter chip.

The names below load on first use (PEP 562): the queue page needs only ``widgets.records``
before the first paint, not the editor's inputs (and the Qt event types they handle).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["CounterChip", "StackLineEdit", "StackPlainTextEdit", "route_undo"]

_HOMES = {
    "CounterChip": "counter",
    "StackLineEdit": "inputs",
    "StackPlainTextEdit": "inputs",
    "route_undo": "inputs",
}

if TYPE_CHECKING:
    from .counter import CounterChip
    from .inputs import StackLineEdit, StackPlainTextEdit, route_undo


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{home}", __name__), name)
