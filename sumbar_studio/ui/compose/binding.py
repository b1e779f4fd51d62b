"""Two-way binding of plain input widgets to EditorSession field keys.

Input -> ``session.edit(key, value)``; ``session.fieldChanged(key)`` -> input (only when the
shown value differs, so the cursor never jumps while typing).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, QSignalBlocker, QTime, QTimeZone
from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QLineEdit, QPlainTextEdit

from ...core.timeutil import WIB
from .session import EditorSession

NO_DATE = QDate(2000, 1, 1)
WIB_ZONE = QTimeZone(b"Asia/Jakarta")


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
    def line_edit(self, widget: QLineEdit, key: str,
                  to_value: Callable[[str], object] = lambda s: s,
                  to_text: Callable[[object], str] = lambda v: v or "") -> None:
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

    def date_edit(self, widget: QDateEdit, key: str) -> None:
        widget.setMinimumDate(NO_DATE)

        def edited(qdate: QDate) -> None:
            if widget.signalsBlocked():
                return
            value = None if qdate == NO_DATE else date(qdate.year(), qdate.month(), qdate.day())
            self.session.edit(key, value)

        widget.dateChanged.connect(edited)

        def show() -> None:
            value = self.session.value(key)
            qdate = NO_DATE if value is None else QDate(value.year, value.month, value.day)
            if widget.date() != qdate:
                with QSignalBlocker(widget):
                    widget.setDate(qdate)

        self.add(key, show)
        show()

    def wib_datetime_edit(self, widget: QDateTimeEdit, key: str) -> None:
        """A date-time input in WIB wall time; the post stores aware UTC."""
        widget.setTimeZone(WIB_ZONE)
        minimum = QDateTime(NO_DATE, QTime(0, 0), WIB_ZONE)
        widget.setMinimumDateTime(minimum)

        def edited(qdt: QDateTime) -> None:
            if widget.signalsBlocked():
                return
            if qdt.date() == NO_DATE:
                self.session.edit(key, None)
                return
            d, tm = qdt.date(), qdt.time()
            wib = datetime(d.year(), d.month(), d.day(), tm.hour(), tm.minute(), tzinfo=WIB)
            self.session.edit(key, wib.astimezone(UTC))

        widget.dateTimeChanged.connect(edited)

        def show() -> None:
            value = self.session.value(key)
            if value is None:
                qdt = minimum
            else:
                w = value.astimezone(WIB)
                qdt = QDateTime(QDate(w.year, w.month, w.day), QTime(w.hour, w.minute), WIB_ZONE)
            if widget.dateTime() != qdt:
                with QSignalBlocker(widget):
                    widget.setDateTime(qdt)

        self.add(key, show)
        show()
