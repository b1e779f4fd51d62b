"""Small shared widgets: inputs whose Undo/Redo go to a shared QUndoStack, a counter chip."""

from .counter import CounterChip
from .inputs import StackLineEdit, StackPlainTextEdit, route_undo

__all__ = ["CounterChip", "StackLineEdit", "StackPlainTextEdit", "route_undo"]
