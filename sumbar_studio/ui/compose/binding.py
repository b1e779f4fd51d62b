"""Two-way binding of plain input widgets to EditorSession field keys.

Input -> ``session.edit(key, value)``; ``session.fieldChanged(key)`` -> input (only when the
shown value differs, so the cursor never jumps while typing).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from .session import EditorSession


class Bindings:
    def __init__(self, session: EditorSession):
        self.session = session
        self._setters: dict[str, list[Callable[[], None]]] = {}
        session.fieldChanged.connect(self._changed)
        session.postLoaded.connect(self.refresh_all)

    def _changed(self, key: str) -> None:
        for setter in self._setters.get(key, []):
            setter()

    def refresh_all(self) -> None:
        for setters in self._setters.values():
            for setter in setters:
                setter()

    def add(self, key: str, setter: Callable[[], None]) -> None:
        self._setters.setdefault(key, []).append(setter)

    def remove_prefix(self, prefix: str) -> None:
        for key in [k for k in self._setters if k.startswith(prefix)]:
            del self._setters[key]

    # -- widgets ----------------------------------------------------------------------------
    def line_edit(
        self,
        widget: QLineEdit,
        key: str,
        to_value: Callable[[str], object] = lambda s: s,
        to_text: Callable[[object], str] = lambda v: v or "",
    ) -> None:
        widget.textEdited.connect(lambda text: self.session.edit(key, to_value(text)))

        def show() -> None:
            text = to_text(self.session.value(key))
            if to_value(widget.text()) != self.session.value(key) and widget.text() != text:
                widget.setText(text)
                if not widget.hasFocus():
                    widget.setCursorPosition(0)  # show the start of a long value

        self.add(key, show)
        show()

    def plain_text(self, widget: QPlainTextEdit, key: str) -> None:
        def edited() -> None:
            if not widget.signalsBlocked():
                self.session.edit(key, widget.toPlainText())

        widget.textChanged.connect(edited)

        def show() -> None:
            value = self.session.value(key) or ""
            if widget.toPlainText() != value:
                with QSignalBlocker(widget):
                    if hasattr(widget, "set_text_keep_cursor"):
                        widget.set_text_keep_cursor(value)
                    else:
                        widget.setPlainText(value)

        self.add(key, show)
        show()

    def combo_text(self, widget: QComboBox, key: str) -> None:
        widget.currentTextChanged.connect(
            lambda text: None if widget.signalsBlocked() else self.session.edit(key, text)
        )

        def show() -> None:
            value = self.session.value(key) or ""
            if widget.currentText() != value:
                with QSignalBlocker(widget):
                    widget.setCurrentText(value)

        self.add(key, show)
        show()

    def when_edit(self, widget, key: str, *, iso: bool = False) -> None:
        """A :class:`~..widgets.when.WhenEdit`: a date (``iso``: stored as ISO text, as card
        fields are) or a WIB schedule stored as aware UTC."""

        def edited(value) -> None:
            if iso and value is not None:
                value = value.isoformat()
            self.session.edit(key, value)

        widget.valueChanged.connect(edited)

        def show() -> None:
            value = self.session.value(key)
            if iso:
                try:
                    value = date.fromisoformat(str(value)) if value else None
                except ValueError:
                    value = None
            if widget.value() != value:
                with QSignalBlocker(widget):
                    widget.setValue(value)

        self.add(key, show)
        show()
