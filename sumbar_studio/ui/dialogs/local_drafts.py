"""Draf lokal: write new drafts while the team server is gone, send them when it is back.

See core/store/postgres/localdrafts.py. The dialog lists the desk's local drafts, takes a new
one (title, caption, platforms), deletes one (asking first; a copy is kept), and "Kirim ke
server" sends them all once the server can be reached -- as drafts, by this login.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.model import Post
from ...core.platforms import default_catalog
from ..ask import ask


class LocalDraftsDialog(QDialog):
    #: ids of the posts created on the server by "Kirim ke server"
    sent = Signal(list)

    def __init__(self, workspace, parent=None, *, actor: str):
        from ...core.store.postgres.localdrafts import LocalDrafts

        super().__init__(parent)
        self.setObjectName("localDraftsDialog")
        self.setWindowTitle(t("team_desk.drafts_title"))
        self.setMinimumWidth(620)
        self.workspace = workspace
        self.actor = actor  # who writes them (the desk's person, known without the server)
        self.drafts = LocalDrafts(workspace.path)
        self.question = None
        self.report = None

        layout = QVBoxLayout(self)
        intro = QLabel(t("team_desk.drafts_intro"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setObjectName("localDraftList")
        layout.addWidget(self.list, 1)

        form = QFormLayout()
        self.title = QLineEdit(self)
        self.title.setObjectName("localDraftTitle")
        self.caption = QPlainTextEdit(self)
        self.caption.setObjectName("localDraftCaption")
        self.caption.setFixedHeight(90)
        platforms = QHBoxLayout()
        self.platform_boxes: dict[str, QCheckBox] = {}
        for pid, platform in default_catalog().platforms.items():
            box = QCheckBox(platform.name, self)
            box.setObjectName(f"localDraftPlatform_{pid}")
            self.platform_boxes[pid] = box
            platforms.addWidget(box)
        platforms.addStretch(1)
        form.addRow(t("team_desk.draft_field_title"), self.title)
        form.addRow(t("team_desk.draft_field_caption"), self.caption)
        form.addRow(t("team_desk.draft_field_platforms"), platforms)
        layout.addLayout(form)

        row = QHBoxLayout()
        self.keep_button = QPushButton(t("team_desk.draft_keep"), self)
        self.keep_button.setObjectName("localDraftKeep")
        self.keep_button.clicked.connect(self.keep_new)
        self.delete_button = QPushButton(t("team_desk.draft_delete"), self)
        self.delete_button.setObjectName("localDraftDelete")
        self.delete_button.clicked.connect(self.ask_delete)
        self.send_button = QPushButton(t("team_desk.drafts_send"), self)
        self.send_button.setObjectName("localDraftSend")
        self.send_button.clicked.connect(self.send_all)
        row.addWidget(self.keep_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.send_button)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setObjectName("localDraftStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    # -- list --------------------------------------------------------------------------------
    def reload(self) -> None:
        from ...core.store.postgres.offline import wib_clock

        self.list.clear()
        for draft in self.drafts.list():
            item = QListWidgetItem(
                t("team_desk.draft_row", title=draft.post.title, at=wib_clock(draft.saved_at))
            )
            item.setData(Qt.ItemDataRole.UserRole, draft.key)
            self.list.addItem(item)
        offline = bool(getattr(self.workspace, "offline", False))
        has = self.list.count() > 0
        self.send_button.setEnabled(has and not offline)
        self.send_button.setToolTip(t("team_desk.drafts_send_offline") if offline else "")
        self.delete_button.setEnabled(has)

    def _say(self, text: str, *, ok: bool = True) -> None:
        self.status.setStyleSheet("color: #2e7d32;" if ok else "color: #b01e23;")
        self.status.setText(text)

    # -- actions -----------------------------------------------------------------------------
    def keep_new(self) -> bool:
        post = Post(
            title=self.title.text().strip(),
            caption=self.caption.toPlainText(),
            platforms=[pid for pid, box in self.platform_boxes.items() if box.isChecked()],
            assignee=self.actor,
        )
        try:
            self.drafts.add(post)
        except (SumbarError, OSError) as err:
            self._say(str(err), ok=False)
            return False
        self.title.clear()
        self.caption.clear()
        self._say(t("team_desk.draft_kept", title=post.title))
        self.reload()
        return True

    def ask_delete(self) -> None:
        item = self.list.currentItem() or self.list.item(0)
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        self.question = ask(
            self,
            "localDraftDeleteQuestion",
            t("team_desk.drafts_title"),
            t("team_desk.draft_delete_confirm", title=item.text()),
            [
                ("delete", t("team_desk.draft_delete"), "destructive", lambda: self.delete(key)),
                ("keep", t("team_desk.move_cancel"), "reject", None),
            ],
            default="keep",
        )

    def delete(self, key: str) -> None:
        copy = self.drafts.remove(key)
        self._say(t("team_desk.draft_deleted", path=str(copy)) if copy else "")
        self.reload()

    def send_all(self) -> bool:
        """Create every local draft on the server (online only); the list keeps any refused."""
        if getattr(self.workspace, "offline", False):
            self._say(t("team_desk.drafts_send_offline"), ok=False)
            return False
        self.report = self.drafts.send(self.workspace.posts, self.actor)
        lines = (
            [t("team_desk.drafts_sent", count=len(self.report.sent))] if self.report.sent else []
        )
        if self.report.failed is not None:
            title, reason = self.report.failed
            lines.append(
                t("team_desk.drafts_send_failed", title=title, reason=reason, left=self.report.left)
            )
        self._say("\n".join(lines), ok=self.report.failed is None)
        self.reload()
        if self.report.sent:
            self.sent.emit([pid for _title, pid in self.report.sent])
        return self.report.failed is None
