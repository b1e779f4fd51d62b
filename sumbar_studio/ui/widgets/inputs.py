"""Text inputs whose Undo/Redo belong to the window, not to the widget.

A QLineEdit or QPlainTextEdit keeps its own undo history and claims Ctrl+Z for it. In an
editor with one QUndoStack across many fields that would undo the wrong thing, so these
inputs decline the shortcut (the window's Edit > Undo action takes it) and, if the key still
reaches them, send it to the stack.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QWidget

_UNDO = QKeySequence.StandardKey.Undo
_REDO = QKeySequence.StandardKey.Redo


def _is_undo_redo(event: QKeyEvent) -> bool:
    return event.matches(_UNDO) or event.matches(_REDO)


def route_undo(event: QKeyEvent, stack: QUndoStack | None) -> bool:
    """Handle an Undo/Redo key press with ``stack``; True when handled."""
    if stack is None or not _is_undo_redo(event):
        return False
    if event.matches(_UNDO):
        stack.undo()
    else:
        stack.redo()
    event.accept()
    return True


def stack_context_menu(menu: QMenu, stack: QUndoStack | None) -> QMenu:
    """The standard context menu with its Undo/Redo doing the shared stack's undo/redo
    (the widget's own history is not the one the window keeps)."""
    if stack is None:
        return menu
    for old in list(menu.actions()):
        name = old.objectName()
        if name not in ("edit-undo", "edit-redo"):
            continue
        undo = name == "edit-undo"
        action = QAction(old.text(), menu)
        action.setObjectName(name)
        action.setEnabled(stack.canUndo() if undo else stack.canRedo())
        action.triggered.connect(stack.undo if undo else stack.redo)
        menu.insertAction(old, action)
        menu.removeAction(old)
    return menu


class _StackMixin:
    undo_stack: QUndoStack | None = None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        menu = stack_context_menu(self.createStandardContextMenu(), self.undo_stack)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def _stack_event(self, event: QEvent) -> bool | None:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and self.undo_stack is not None
            and _is_undo_redo(event)  # type: ignore[arg-type]
        ):
            event.ignore()  # let the window's Undo/Redo shortcut fire
            return False
        return None


class StackLineEdit(_StackMixin, QLineEdit):
    def __init__(self, parent: QWidget | None = None, undo_stack: QUndoStack | None = None):
        super().__init__(parent)
        self.undo_stack = undo_stack

    def event(self, event: QEvent) -> bool:
        handled = self._stack_event(event)
        return super().event(event) if handled is None else handled

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if not route_undo(event, self.undo_stack):
            super().keyPressEvent(event)


class StackPlainTextEdit(_StackMixin, QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None, undo_stack: QUndoStack | None = None):
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.setUndoRedoEnabled(undo_stack is None)

    def event(self, event: QEvent) -> bool:
        handled = self._stack_event(event)
        return super().event(event) if handled is None else handled

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if not route_undo(event, self.undo_stack):
            super().keyPressEvent(event)

    def set_text_keep_cursor(self, text: str) -> None:
        """Replace the text (after an undo) keeping the cursor near where it was."""
        if self.toPlainText() == text:
            return
        cursor = self.textCursor()
        pos = cursor.position()
        scroll = self.verticalScrollBar().value()
        self.setPlainText(text)
        cursor = self.textCursor()
        cursor.setPosition(min(pos, len(self.toPlainText())))
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll)
