"""Fast entry: paste a message and press Enter. The form guesses the channel, the sender, the
kind, the link and (for a WhatsApp chat line) the time from what was pasted, filling only what
the officer has not set by hand."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ...core.i18n import t
from ...core.inbox.guess import guess_entry
from ...core.inbox.model import Channel, Kind
from ...core.timeutil import format_clock, parse_wib_datetime, to_wib


class PasteEdit(QPlainTextEdit):
    """Enter records the entry; Shift+Enter starts a new line. A pasted image (a screenshot
    copied from the phone or a snipping tool) becomes the entry's screenshot."""

    submitted = Signal()
    imagePasted = Signal(object)  # QImage

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt override
        return source.hasImage() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        if source.hasImage() and not source.hasText():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.imagePasted.emit(image)
                return
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class EntryForm(QWidget):
    """Emits ``submitted(dict)`` with the values for InboxService.add."""

    submitted = Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("inboxEntryForm")
        self.screenshot: Path | None = None
        self._touched: set[str] = set()
        self._filling = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)

        self.paste = PasteEdit(self)
        self.paste.setObjectName("inboxPaste")
        self.paste.setPlaceholderText(t("inbox.ui_paste_placeholder"))
        self.paste.setTabChangesFocus(True)
        self.paste.setFixedHeight(58)
        self.paste.textChanged.connect(self._guess)
        self.paste.submitted.connect(self.submit)
        self.paste.imagePasted.connect(self.attach_image)
        grid.addWidget(self.paste, 0, 0, 1, 8)

        self.channel = QComboBox(self)
        self.channel.setObjectName("inboxChannel")
        for channel in Channel:
            self.channel.addItem(channel.label(), channel.value)
        self.kind = QComboBox(self)
        self.kind.setObjectName("inboxKind")
        for kind in Kind:
            self.kind.addItem(kind.label(), kind.value)
        self.sender = QLineEdit(self)
        self.sender.setObjectName("inboxSender")
        self.sender.setPlaceholderText(t("inbox.ui_sender_placeholder"))
        self.topic = QLineEdit(self)
        self.topic.setObjectName("inboxTopic")
        self.topic.setPlaceholderText(t("inbox.ui_topic_placeholder"))
        self.received = QLineEdit(self)
        self.received.setObjectName("inboxReceived")
        self.received.setPlaceholderText(t("inbox.ui_received_placeholder"))
        self.link = QLineEdit(self)
        self.link.setObjectName("inboxLink")
        self.link.setPlaceholderText(t("inbox.ui_link_placeholder"))
        self.contact = QLineEdit(self)
        self.contact.setObjectName("inboxContact")
        self.contact.setPlaceholderText(t("inbox.ui_contact_placeholder"))
        self.contact.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)  # masked once typed
        for name, widget in (("channel", self.channel), ("kind", self.kind)):
            widget.activated.connect(lambda _i, n=name: self._touched.add(n))
        for name, widget in (
            ("sender", self.sender),
            ("received", self.received),
            ("link", self.link),
            ("contact", self.contact),
        ):
            widget.textEdited.connect(lambda _s, n=name: self._touched.add(n))

        row = QHBoxLayout()
        row.setSpacing(6)
        for label_key, widget, stretch in (
            ("ui_channel", self.channel, 0),
            ("ui_kind", self.kind, 0),
            ("ui_sender", self.sender, 2),
            ("ui_topic", self.topic, 2),
            ("ui_received", self.received, 1),
            ("ui_link", self.link, 2),
            ("ui_contact", self.contact, 1),
        ):
            label = QLabel(t(f"inbox.{label_key}"), self)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget, stretch)
        grid.addLayout(row, 1, 0, 1, 8)

        buttons = QHBoxLayout()
        self.attach_button = QPushButton(t("inbox.ui_attach"), self)
        self.attach_button.setObjectName("inboxAttach")
        self.attach_button.clicked.connect(self._choose_screenshot)
        self.attach_label = QLabel("", self)
        self.attach_label.setObjectName("inboxAttachLabel")
        self.guess_label = QLabel("", self)
        self.guess_label.setObjectName("inboxGuess")
        self.guess_label.setStyleSheet("color: #5e6166;")
        self.add_button = QPushButton(t("inbox.ui_add"), self)
        self.add_button.setObjectName("inboxAdd")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.submit)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.attach_label)
        buttons.addWidget(self.guess_label, 1)
        buttons.addWidget(self.add_button)
        grid.addLayout(buttons, 2, 0, 1, 8)
        self._dialog: QFileDialog | None = None

    # -- guessing ---------------------------------------------------------------------------
    def _set_combo(self, combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _guess(self) -> None:
        guess = guess_entry(self.paste.toPlainText())
        found = []
        if guess.channel and "channel" not in self._touched:
            self._set_combo(self.channel, guess.channel.value)
            found.append(guess.channel.label())
        if guess.kind and "kind" not in self._touched:
            self._set_combo(self.kind, guess.kind.value)
            found.append(guess.kind.label())
        for name, widget, value in (
            ("sender", self.sender, guess.sender),
            ("link", self.link, guess.post_url),
            ("contact", self.contact, guess.contact),
        ):
            if name not in self._touched:
                widget.setText(value)
                if value and name == "sender":
                    found.append(value)
        if guess.received_at and "received" not in self._touched:
            local = to_wib(guess.received_at)
            self.received.setText(f"{local:%Y-%m-%d} {format_clock(local)}")
        self.guess_label.setText(t("inbox.ui_guessed", what=", ".join(found)) if found else "")

    def _choose_screenshot(self) -> None:
        dialog = QFileDialog(self, t("inbox.ui_attach"))
        dialog.setNameFilter(t("inbox.ui_image_filter"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.set_screenshot)
        self._dialog = dialog
        dialog.open()

    def attach_image(self, image: QImage) -> None:
        """A pasted screenshot: kept as a PNG until the entry is recorded (the media library
        then stores it by SHA-256)."""
        self._pasted_dir = getattr(self, "_pasted_dir", None) or tempfile.TemporaryDirectory(
            prefix="sumbar-tangkapan-"
        )
        path = Path(self._pasted_dir.name) / "tangkapan-layar.png"
        if image.save(str(path), "PNG"):
            self.set_screenshot(path)

    def set_screenshot(self, path: str | Path | None) -> None:
        self.screenshot = Path(path) if path else None
        self.attach_label.setText(self.screenshot.name if self.screenshot else "")

    # -- submitting -------------------------------------------------------------------------
    def values(self) -> dict:
        guess = guess_entry(self.paste.toPlainText())
        received = self.received.text().strip()
        return {
            "channel": self.channel.currentData(),
            "kind": self.kind.currentData(),
            "text": guess.text,
            "sender": self.sender.text().strip(),
            "contact": self.contact.text().strip(),
            "topic": self.topic.text().strip(),
            "post_url": self.link.text().strip(),
            "received_at": parse_wib_datetime(received) if received else None,
            "screenshot": self.screenshot,
        }

    def submit(self) -> None:
        self.submitted.emit({})  # the page reads values() and reports errors

    def clear(self) -> None:
        self._touched.clear()
        for widget in (self.sender, self.topic, self.received, self.link, self.contact):
            widget.clear()
        self.paste.clear()
        self.set_screenshot(None)
        self.channel.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self.guess_label.clear()
        self.paste.setFocus()
