"""Workflow dialogs: request changes (comment), approve (approver), schedule (time), publish
(live URL per platform). They collect input; the queue controller applies it."""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.model import Post
from ...core.platforms import default_catalog
from ...core.timeutil import now_utc, parse_schedule, suggest_schedule
from ..widgets.when import WhenEdit

URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", re.IGNORECASE)


class _Base(QDialog):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.layout_ = QVBoxLayout(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setStyleSheet("color: #b01e23;")
        self.error.setWordWrap(True)
        self.error.hide()

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)


class RequestChangesDialog(_Base):
    def __init__(self, post: Post, parent=None):
        super().__init__(t("queue.dlg_request_changes_title"), parent)
        self.setObjectName("requestChangesDialog")
        label = QLabel(t("queue.dlg_request_changes_text", title=post.title), self)
        label.setWordWrap(True)
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("comment")
        self.comment.setPlaceholderText(t("queue.dlg_comment_placeholder"))
        self.layout_.addWidget(label)
        self.layout_.addWidget(self.comment)
        self.finish_layout()
        self.ok_button().setEnabled(False)
        self.comment.textChanged.connect(
            lambda: self.ok_button().setEnabled(bool(self.comment.toPlainText().strip()))
        )

    def value(self) -> str:
        return self.comment.toPlainText().strip()


class ApproveDialog(_Base):
    def __init__(self, post: Post, approvers: list, parent=None, *, team: bool = False):
        super().__init__(t("queue.dlg_approve_title"), parent)
        self.setObjectName("approveDialog")
        self.approvers = approvers
        form = QFormLayout()
        self.approver = QComboBox(self)
        self.approver.setObjectName("approver")
        for person in approvers:
            label = f"{person.name} — NIP {person.nip}" if person.nip else person.name
            self.approver.addItem(label)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("overrideReason")
        self.reason.setPlaceholderText(t("queue.dlg_override_placeholder"))
        self.reason.setMaximumHeight(80)
        form.addRow(t("queue.dlg_approver"), self.approver)
        form.addRow(t("queue.dlg_override"), self.reason)
        text = QLabel(t("queue.dlg_approve_text", title=post.title), self)
        text.setWordWrap(True)
        self.layout_.addWidget(text)
        self.layout_.addLayout(form)
        if not approvers:
            self.error.setText(
                t("queue.dlg_no_approvers_team" if team else "queue.dlg_no_approvers")
            )
            self.error.show()
        self.finish_layout()
        self.ok_button().setEnabled(bool(approvers))

    def value(self):
        return self.approvers[self.approver.currentIndex()], self.reason.toPlainText().strip()


class ScheduleDialog(_Base):
    """The schedule of a post that has none, with the compose page's field (:class:`WhenEdit`):
    typed ("14/12 9.00", "besok 9.00", "senin 13.00") or picked, in WIB. It starts at the
    post's schedule, else its event date at 09.00, else the next common posting time (never
    00.00). Enter accepts a valid value; a text that is not understood shows why and keeps OK
    disabled."""

    def __init__(self, post: Post, parent=None, *, clock=None):
        super().__init__(t("queue.dlg_schedule_title"), parent)
        self.setObjectName("scheduleDialog")
        self.clock = clock or now_utc  # "now" (UTC) for the suggestion and for "besok"
        text = QLabel(t("queue.dlg_schedule_text", title=post.title), self)
        text.setWordWrap(True)
        self.edit = WhenEdit(self, with_time=True, clock=self.clock)
        self.edit.setObjectName("when")
        self.edit.setAccessibleName(t("queue.dlg_when"))
        self.edit.set_reference_day(post.event_date)
        self.edit.setValue(post.scheduled_at or suggest_schedule(self.clock(), post.event_date))
        # how to type it; a message about the text takes its place (it has examples too)
        self.hint = QLabel(t("dates.tip"), self)
        self.hint.setObjectName("whenHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        form = QFormLayout()
        form.addRow(t("queue.dlg_when"), self.edit)
        self.layout_.addWidget(text)
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.hint)
        self.finish_layout()
        # the dialog grows when a message shows rather than squeezing the lines together
        self.layout_.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self._invalid = False
        self.edit.valueChanged.connect(self._value_changed)
        self.edit.invalid.connect(self._text_invalid)
        self.edit.line.textEdited.connect(self._text_edited)
        self._update_ok()
        self.edit.setFocus()

    def _update_ok(self) -> None:
        self.ok_button().setEnabled(self.edit.value() is not None and not self._invalid)

    def _value_changed(self, value) -> None:
        self._invalid = False
        self._message(t("dates.schedule_empty") if value is None else "")
        self._update_ok()

    def _message(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.hint.setVisible(not text)

    def _text_invalid(self, message: str) -> None:
        self._invalid = True
        self._message(message)
        self._update_ok()

    def _text_edited(self, text: str) -> None:
        """While typing, OK follows whether the text is understood; the reason for a text
        that is not shows on Enter (or when the field is left)."""
        text = text.strip()
        if not text:
            return  # the field's clear handling empties the value
        try:
            parse_schedule(text, now=self.clock())
        except SumbarError:
            self._invalid = True
        else:
            self._invalid = False
            self._message("")
        self._update_ok()

    def accept(self) -> None:
        """OK or Enter: the text typed counts (as when the field is left); nothing invalid or
        empty is accepted."""
        self.edit.commit_text()
        if self._invalid or self.edit.value() is None:
            self._update_ok()
            return
        super().accept()

    def value(self) -> datetime:
        return self.edit.value()


class PublishDialog(_Base):
    """Mark published: the live URL for each platform of the post (at least one)."""

    def __init__(self, post: Post, parent=None):
        super().__init__(t("queue.dlg_publish_title"), parent)
        self.setObjectName("publishDialog")
        text = QLabel(t("queue.dlg_publish_text", title=post.title), self)
        text.setWordWrap(True)
        self.layout_.addWidget(text)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        catalog = default_catalog()
        for platform in post.platforms or ["facebook"]:
            edit = QLineEdit(post.published_urls.get(platform, ""), self)
            edit.setObjectName(f"url_{platform}")
            edit.setPlaceholderText("https://…")
            edit.textChanged.connect(self._validate)
            name = catalog.platforms[platform].name if platform in catalog.platforms else platform
            form.addRow(name, edit)
            self.fields[platform] = edit
        self.layout_.addLayout(form)
        self.finish_layout()
        self._validate()

    def _validate(self) -> None:
        filled = {p: e.text().strip() for p, e in self.fields.items() if e.text().strip()}
        bad = [p for p, url in filled.items() if not URL_RE.match(url)]
        if bad:
            self.error.setText(t("queue.dlg_url_invalid", platforms=", ".join(bad)))
            self.error.show()
        else:
            self.error.hide()
        self.ok_button().setEnabled(bool(filled) and not bad)

    def value(self) -> dict[str, str]:
        return {p: e.text().strip() for p, e in self.fields.items() if e.text().strip()}
