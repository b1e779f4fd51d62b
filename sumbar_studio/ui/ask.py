"""A non-blocking question (QMessageBox.open) whose buttons run callbacks.

Destructive or surprising actions ask first; the box never blocks the event loop, so tests
(and the reminders) keep running while it is open. ``box.choices`` maps a key to its button,
so a test presses ``box.choices["keep"].click()`` the way a person would.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

ROLES = {
    "accept": QMessageBox.ButtonRole.AcceptRole,
    "destructive": QMessageBox.ButtonRole.DestructiveRole,
    "reject": QMessageBox.ButtonRole.RejectRole,
    "action": QMessageBox.ButtonRole.ActionRole,
}


def ask(
    parent: QWidget,
    name: str,
    title: str,
    text: str,
    choices: list[tuple[str, str, str, Callable[[], None] | None]],
    *,
    informative: str = "",
    default: str | None = None,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> QMessageBox:
    """Open a question with buttons ``(key, label, role, callback)``; the clicked button's
    callback runs after the box closes (Escape = the "reject" button). Returns the box."""
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.choices = {}
    callbacks = {}
    for key, label, role, callback in choices:
        button = box.addButton(label, ROLES[role])
        button.setObjectName(f"{name}_{key}")
        box.choices[key] = button
        callbacks[key] = callback
        if role == "reject":
            box.setEscapeButton(button)
    if default in box.choices:
        box.setDefaultButton(box.choices[default])

    def finished(_result: int) -> None:
        clicked = box.clickedButton()
        for key, button in box.choices.items():
            if button is clicked and callbacks[key] is not None:
                callbacks[key]()

    box.finished.connect(finished)
    keep = getattr(parent, "_keep", None)
    if keep is not None:
        keep(box)
    box.open()
    return box
