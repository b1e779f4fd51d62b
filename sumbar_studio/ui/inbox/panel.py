"""The selected entry: what was received, routing, the reply (drafted, checked, approved,
copied and marked sent), status and history. Every button calls the core service; errors are
shown in the panel in Indonesian."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.inbox.model import FINAL_STATES, Entry, Kind, ReplyStatus
from ...core.inbox.privacy import mask_contact, mask_handle, mask_link
from ...core.inbox.replies import list_reply_templates, render_reply
from ...core.inbox.stats import format_work_hours
from ...core.timeutil import format_wib_datetime
from .models import OVERDUE_COLOR

SEVERITY_COLORS = {"blocking": "#b01e23", "warning": "#9a6700", "info": "#5e6166"}


class EntryPanel(QScrollArea):
    changed = Signal(int)  # an entry changed (id)
    message = Signal(str, bool)  # text, is_error

    def __init__(self, service, actor, parent=None, *, clock):
        super().__init__(parent)
        self.setObjectName("inboxPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # the panel follows the splitter's width: long names elide, text wraps
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.service = service
        self.actor = actor
        self.clock = clock
        self.entry: Entry | None = None
        self.reveal = False
        self.revealed: tuple[str, str] | None = None
        body = QWidget(self)
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 2, 8, 8)

        self.title = QLabel(t("inbox.ui_panel_empty"), body)
        self.title.setObjectName("inboxPanelTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.meta = QLabel(body)
        self.meta.setObjectName("inboxPanelMeta")
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        self.meta.setWordWrap(True)
        self.meta.setOpenExternalLinks(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout.addWidget(self.meta)
        self.reveal_button = QPushButton(t("inbox.ui_reveal"), body)
        self.reveal_button.setObjectName("inboxReveal")
        self.reveal_button.setCheckable(True)
        self.reveal_button.toggled.connect(self._toggle_reveal)
        layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.text = QLabel(body)
        self.text.setObjectName("inboxText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setStyleSheet("background: #f5f1ea; padding: 6px; border-radius: 3px;")
        layout.addWidget(self.text)
        self.shot = QLabel(body)
        self.shot.setObjectName("inboxScreenshot")
        layout.addWidget(self.shot)

        facts = QHBoxLayout()
        self.kind = QComboBox(body)
        self.kind.setObjectName("inboxEditKind")
        for kind in Kind:
            self.kind.addItem(kind.label(), kind.value)
        self.topic = QLineEdit(body)
        self.topic.setObjectName("inboxEditTopic")
        self.topic.setPlaceholderText(t("inbox.ui_topic_placeholder"))
        self.save_facts = QPushButton(t("inbox.ui_save_facts"), body)
        self.save_facts.setObjectName("inboxSaveFacts")
        self.save_facts.clicked.connect(self.edit_facts)
        facts.addWidget(self.kind)
        facts.addWidget(self.topic, 1)
        facts.addWidget(self.save_facts)
        layout.addLayout(facts)

        # routing
        routing = QGroupBox(t("inbox.ui_routing"), body)
        grid = QGridLayout(routing)
        self.officer = QComboBox(routing)
        self.officer.setObjectName("inboxOfficer")
        self.assign_button = QPushButton(t("inbox.ui_assign"), routing)
        self.assign_button.setObjectName("inboxAssign")
        self.assign_button.clicked.connect(self.assign)
        self.target = QComboBox(routing)
        self.target.setObjectName("inboxTarget")
        self.forward_button = QPushButton(t("inbox.ui_forward"), routing)
        self.forward_button.setObjectName("inboxForward")
        self.forward_button.clicked.connect(self.forward)
        grid.addWidget(QLabel(t("inbox.ui_officer"), routing), 0, 0)
        grid.addWidget(self.officer, 0, 1)
        grid.addWidget(self.assign_button, 0, 2)
        grid.addWidget(QLabel(t("inbox.ui_target"), routing), 1, 0)
        grid.addWidget(self.target, 1, 1)
        grid.addWidget(self.forward_button, 1, 2)
        grid.setColumnStretch(1, 1)
        layout.addWidget(routing)

        # reply
        reply = QGroupBox(t("inbox.ui_reply"), body)
        rl = QVBoxLayout(reply)
        top = QHBoxLayout()
        self.template = QComboBox(reply)
        self.template.setObjectName("inboxTemplate")
        for template in list_reply_templates():
            self.template.addItem(template.title, template.id)
        self.fill_button = QPushButton(t("inbox.ui_fill"), reply)
        self.fill_button.setObjectName("inboxFill")
        self.fill_button.clicked.connect(self.fill_from_template)
        top.addWidget(self.template, 1)
        top.addWidget(self.fill_button)
        rl.addLayout(top)
        self.reply_edit = QPlainTextEdit(reply)
        self.reply_edit.setObjectName("inboxReplyEdit")
        self.reply_edit.setPlaceholderText(t("inbox.ui_reply_placeholder"))
        self.reply_edit.setFixedHeight(104)
        rl.addWidget(self.reply_edit)
        self.check_button = QPushButton(t("inbox.ui_check"), reply)
        self.check_button.setObjectName("inboxCheck")
        self.check_button.clicked.connect(self.check_reply)
        self.reply_state = QLabel(reply)
        self.reply_state.setObjectName("inboxReplyState")
        self.reply_state.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.reply_state, 1)
        rl.addLayout(row)
        self.findings = QListWidget(reply)
        self.findings.setObjectName("inboxFindings")
        self.findings.setWordWrap(True)
        self.findings.setMaximumHeight(96)
        rl.addWidget(self.findings)
        approve = QHBoxLayout()
        self.approver = QComboBox(reply)
        self.approver.setObjectName("inboxApprover")
        self.approve_button = QPushButton(t("inbox.ui_approve"), reply)
        self.approve_button.setObjectName("inboxApprove")
        self.approve_button.clicked.connect(self.approve)
        approve.addWidget(QLabel(t("inbox.ui_approver"), reply))
        approve.addWidget(self.approver, 1)
        approve.addWidget(self.approve_button)
        rl.addLayout(approve)
        self.send_button = QPushButton(t("inbox.ui_copy_sent"), reply)
        self.send_button.setObjectName("inboxSend")
        self.send_button.clicked.connect(self.copy_and_mark_sent)
        rl.addWidget(self.send_button)
        layout.addWidget(reply)

        # status
        status = QGroupBox(t("inbox.ui_status"), body)
        sl = QGridLayout(status)
        self.done_button = QPushButton(t("inbox.ui_done"), status)
        self.done_button.setObjectName("inboxDone")
        self.done_button.clicked.connect(self.finish)
        self.reason = QLineEdit(status)
        self.reason.setObjectName("inboxReason")
        self.reason.setPlaceholderText(t("inbox.ui_reason_placeholder"))
        self.close_button = QPushButton(t("inbox.ui_close"), status)
        self.close_button.setObjectName("inboxClose")
        self.close_button.clicked.connect(self.close_entry)
        sl.addWidget(self.done_button, 0, 0, 1, 2)
        sl.addWidget(self.reason, 1, 0)
        sl.addWidget(self.close_button, 1, 1)
        layout.addWidget(status)
        for combo in (self.officer, self.target, self.template, self.approver):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)

        layout.addWidget(QLabel(t("inbox.ui_history"), body))
        self.history = QListWidget(body)
        self.history.setObjectName("inboxHistory")
        self.history.setMinimumHeight(110)
        layout.addWidget(self.history, 1)
        self.reload_lists()
        self.set_entry(None)

    # -- lists from the team settings -------------------------------------------------------
    def reload_lists(self) -> None:
        people = self.service.workspace.team_settings().people
        for combo, names in (
            (self.officer, [p.name for p in people]),
            (self.approver, [p.name for p in self.service.workspace.approvers()]),
            (self.target, [x.name for x in self.service.settings().targets]),
        ):
            current = combo.currentText()
            combo.clear()
            combo.addItems(names)
            if current in names:
                combo.setCurrentText(current)
        self.approver.setEnabled(self.approver.count() > 0)

    # -- showing ----------------------------------------------------------------------------
    def _toggle_reveal(self, on: bool) -> None:
        self.revealed = None
        if on and self.entry is not None:
            try:
                self.revealed = self.service.reveal(self.entry.id, actor=self.actor())
            except SumbarError as err:
                self.message.emit(err.user_message(), True)
                self.reveal_button.setChecked(False)
                return
        self.reveal = on and self.revealed is not None
        self._show_meta()

    def set_entry(self, entry_id: int | None) -> None:
        entry = None
        if entry_id is not None:
            try:
                entry = self.service.get(entry_id)
            except SumbarError:
                entry = None
        same = self.entry is not None and entry is not None and self.entry.id == entry.id
        self.entry = entry
        if not same:
            self.reveal_button.setChecked(False)
            self.reason.clear()
        widgets = (
            self.save_facts,
            self.kind,
            self.topic,
            self.assign_button,
            self.forward_button,
            self.fill_button,
            self.check_button,
            self.approve_button,
            self.send_button,
            self.done_button,
            self.close_button,
            self.reply_edit,
            self.reveal_button,
            self.reason,
        )
        if entry is None:
            self.title.setText(t("inbox.ui_panel_empty"))
            self.meta.clear()
            self.text.clear()
            self.shot.clear()
            self.history.clear()
            self.findings.clear()
            self.reply_state.clear()
            self.reply_edit.clear()
            for w in widgets:
                w.setEnabled(False)
            return
        final = entry.status in FINAL_STATES
        for w in widgets:
            w.setEnabled(not final)
        self.reveal_button.setEnabled(bool(entry.sender or entry.contact))
        self.title.setText(
            t(
                "inbox.ui_panel_title",
                id=entry.id,
                kind=entry.kind.label(),
                channel=entry.channel.label(),
            )
        )
        self._show_meta()
        if entry.erased_at:
            self.text.setText(t("inbox.erased"))
        else:
            self.text.setText(entry.text or "–")
        self._show_screenshot()
        draft = self.service.draft(entry.id)
        sent = [r for r in self.service.replies(entry.id) if r.status == ReplyStatus.SENT]
        if not same:
            shown = draft or (sent[-1] if sent else None)
            self.reply_edit.setPlainText(shown.body if shown else "")
            if shown and self.template.findData(shown.template_id) >= 0:
                self.template.setCurrentIndex(self.template.findData(shown.template_id))
            if entry.assignee:
                self.officer.setCurrentText(entry.assignee)
            if entry.forwarded_to:
                self.target.setCurrentText(entry.forwarded_to)
            self.kind.setCurrentIndex(self.kind.findData(entry.kind.value))
            self.topic.setText(entry.topic)
        self._show_reply(draft, sent[-1] if sent else None)
        self.history.clear()
        for h in self.service.history(entry.id):
            change = (
                f" ({h.old_status} → {h.new_status})"
                if h.old_status != h.new_status and h.old_status
                else ""
            )
            detail = (
                h.detail.get("target")
                or h.detail.get("officer")
                or h.detail.get("reason")
                or h.detail.get("approver")
                or ""
            )
            self.history.addItem(
                f"{format_wib_datetime(h.at)} · {h.actor} · "
                f"{t('inbox.ui_action_' + h.action)}{change}" + (f" · {detail}" if detail else "")
            )

    def _show_meta(self) -> None:
        e = self.entry
        if e is None:
            return
        if self.reveal and self.revealed is not None:
            sender, contact = self.revealed
        else:
            sender, contact = mask_handle(e.sender), mask_contact(e.contact)
        overdue = e.overdue(self.clock())
        due = format_wib_datetime(e.due_at) if e.due_at else "–"
        if overdue:
            due = f'<b style="color:{OVERDUE_COLOR}">{escape(due)} · {t("inbox.ui_overdue")}</b>'
        else:
            due = escape(due)
        lines = [
            f"<b>{escape(e.status.label())}</b>" + (f" · {escape(e.topic)}" if e.topic else ""),
            escape(t("inbox.ui_meta_from", sender=sender or "–", contact=contact or "–")),
            escape(t("inbox.ui_meta_received", when=format_wib_datetime(e.received_at))),
            t("inbox.ui_meta_due", when="") + due,
        ]
        if e.assignee or e.forwarded_to:
            lines.append(
                escape(
                    t(
                        "inbox.ui_meta_routing",
                        officer=e.assignee or "–",
                        target=e.forwarded_to or "–",
                    )
                )
            )
        if e.first_answer_at:
            lines.append(
                escape(
                    t(
                        "inbox.ui_meta_answered",
                        when=format_wib_datetime(e.first_answer_at),
                        hours=format_work_hours(e.response_minutes),
                    )
                )
            )
        if e.closed_at:
            lines.append(
                escape(
                    t(
                        "inbox.ui_meta_closed",
                        when=format_wib_datetime(e.closed_at),
                        hours=format_work_hours(e.closure_minutes),
                        reason=e.close_reason or "–",
                    )
                )
            )
        link = e.post_url if self.reveal else mask_link(e.post_url, e.sender)
        if link and link == e.post_url:
            lines.append(f'<a href="{escape(link)}">{escape(link)}</a>')
        elif link:
            lines.append(escape(link))
        self.meta.setText("<br>".join(lines))

    def _show_screenshot(self) -> None:
        self.shot.clear()
        if not self.entry or not self.entry.screenshot:
            return
        try:
            path = self.service.workspace.media.path_for(self.entry.screenshot)
        except SumbarError:
            return
        pixmap = QPixmap(str(path))
        if not pixmap.isNull():
            self.shot.setPixmap(
                pixmap.scaledToWidth(
                    min(300, pixmap.width()), Qt.TransformationMode.SmoothTransformation
                )
            )

    def _show_reply(self, reply, last_sent=None) -> None:
        self.findings.clear()
        if reply is None:
            self.reply_state.setStyleSheet("")
            self.reply_state.setText(
                t(
                    "inbox.ui_reply_sent",
                    when=format_wib_datetime(last_sent.sent_at),
                    name=last_sent.sent_by,
                )
                if last_sent
                else t("inbox.ui_reply_none")
            )
            self.approve_button.setEnabled(False)
            self.send_button.setEnabled(False)
            return
        for f in reply.findings:
            item = QListWidgetItem(f"{t('checks.severity_' + f['severity'])}: {f['message']}")
            item.setForeground(QColor(SEVERITY_COLORS.get(f["severity"], "#000000")))
            self.findings.addItem(item)
        key = "inbox.ui_reply_blocked" if reply.blocking else "inbox.ui_reply_ok"
        self.reply_state.setText(
            t(key, status=reply.status.label(), blocking=reply.blocking, warnings=reply.warnings)
        )
        self.reply_state.setStyleSheet(
            f"color: {SEVERITY_COLORS['blocking'] if reply.blocking else '#2e7d5b'};"
        )
        need = self.service.settings().replies_need_approval
        self.approve_button.setEnabled(
            need
            and not reply.blocking
            and reply.status == ReplyStatus.DRAFT
            and self.approver.count() > 0
        )
        self.send_button.setEnabled(
            not reply.blocking and (reply.status == ReplyStatus.APPROVED or not need)
        )

    # -- actions ----------------------------------------------------------------------------
    def _run(self, fn, ok_key: str | None = None, **params) -> object | None:
        if self.entry is None:
            return None
        try:
            result = fn()
        except SumbarError as err:
            self.message.emit(err.user_message(), True)
            return None
        entry_id = self.entry.id
        self.set_entry(entry_id)
        self.changed.emit(entry_id)
        if ok_key:
            self.message.emit(t(ok_key, id=entry_id, **params), False)
        return result

    def assign(self) -> None:
        name = self.officer.currentText()
        self._run(
            lambda: self.service.assign(self.entry.id, name, actor=self.actor()),
            "inbox.ui_done_assign",
            name=name,
        )

    def forward(self) -> None:
        target = self.target.currentText()
        self._run(
            lambda: self.service.forward(self.entry.id, target, actor=self.actor()),
            "inbox.ui_done_forward",
            target=target,
        )

    def edit_facts(self) -> None:
        kind, topic = self.kind.currentData(), self.topic.text()
        self._run(
            lambda: self.service.edit(self.entry.id, kind=kind, topic=topic, actor=self.actor()),
            "inbox.ui_done_status",
        )

    def fill_from_template(self) -> None:
        if self.entry is None:
            return
        try:
            text = render_reply(self.template.currentData(), self.entry, officer=self.actor())
        except SumbarError as err:
            self.message.emit(err.user_message(), True)
            return
        self.reply_edit.setPlainText(text)

    def check_reply(self) -> None:
        body = self.reply_edit.toPlainText()
        template = self.template.currentData() or ""
        self._run(
            lambda: self.service.draft_reply(
                self.entry.id, body, actor=self.actor(), template_id=template
            )
        )

    def approve(self) -> None:
        name = self.approver.currentText()
        draft = self.entry and self.service.draft(self.entry.id)
        if not draft:
            self.message.emit(t("inbox.reply_empty"), True)
            return
        self._run(
            lambda: self.service.approve_reply(draft.id, name, actor=self.actor()),
            "inbox.ui_done_approve",
            name=name,
        )

    def copy_and_mark_sent(self) -> None:
        if self.entry is None:
            return
        draft = self.service.draft(self.entry.id)
        if draft is None or draft.body != self.reply_edit.toPlainText().strip():
            self.message.emit(t("inbox.ui_check_first"), True)
            return
        QGuiApplication.clipboard().setText(draft.body)
        self._run(
            lambda: self.service.mark_sent(draft.id, actor=self.actor()), "inbox.ui_done_sent"
        )

    def finish(self) -> None:
        self._run(
            lambda: self.service.finish(self.entry.id, actor=self.actor()), "inbox.ui_done_status"
        )

    def close_entry(self) -> None:
        reason = self.reason.text()
        self._run(
            lambda: self.service.close(self.entry.id, reason, actor=self.actor()),
            "inbox.ui_done_status",
        )
