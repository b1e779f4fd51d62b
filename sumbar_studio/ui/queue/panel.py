"""The side panel of the queue: the selected post, its workflow actions and its audit history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.model import Action, Post, Status, allowed_actions
from ...core.timeutil import format_wib_datetime
from .models import HistoryModel, platforms_text
from .style import status_color

#: order of the action buttons
ACTION_ORDER = [
    Action.SUBMIT,
    Action.APPROVE,
    Action.REQUEST_CHANGES,
    Action.SCHEDULE,
    Action.PUBLISH,
    Action.UNSCHEDULE,
    Action.REOPEN,
    Action.ARCHIVE,
    Action.RESTORE,
]


class PostPanel(QWidget):
    actionRequested = Signal(int, object)  # post id, Action
    openRequested = Signal(int)
    exportRequested = Signal(int)
    duplicateRequested = Signal(int)
    deleteRequested = Signal(int)

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.setObjectName("postPanel")
        self.workspace = workspace
        self.post: Post | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.title = QLabel(t("queue.panel_empty"), self)
        self.title.setObjectName("panelTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.meta = QLabel(self)
        self.meta.setObjectName("panelMeta")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        self.actions_box = QWidget(self)
        self.actions_grid = QGridLayout(self.actions_box)
        self.actions_grid.setContentsMargins(0, 4, 0, 4)
        self.buttons: dict[Action, QPushButton] = {}
        for i, action in enumerate(ACTION_ORDER):
            button = QPushButton(action.label(), self.actions_box)
            button.setObjectName(f"action_{action.value}")
            button.clicked.connect(lambda _=False, a=action: self._request(a))
            self.actions_grid.addWidget(button, i // 2, i % 2)
            self.buttons[action] = button
        layout.addWidget(self.actions_box)
        row = QGridLayout()
        self.open_button = QPushButton(t("queue.open_post"), self)
        self.open_button.setObjectName("openPost")
        self.open_button.clicked.connect(
            lambda: self.post and self.openRequested.emit(self.post.id)
        )
        self.export_button = QPushButton(t("queue.export_post"), self)
        self.export_button.setObjectName("panelExport")
        self.export_button.clicked.connect(
            lambda: self.post and self.exportRequested.emit(self.post.id)
        )
        self.duplicate_button = QPushButton(t("window.duplicate_post"), self)
        self.duplicate_button.setObjectName("panelDuplicate")
        self.duplicate_button.clicked.connect(
            lambda: self.post and self.duplicateRequested.emit(self.post.id)
        )
        self.delete_button = QPushButton(t("window.delete_draft"), self)
        self.delete_button.setObjectName("panelDelete")
        self.delete_button.clicked.connect(
            lambda: self.post and self.deleteRequested.emit(self.post.id)
        )
        row.addWidget(self.open_button, 0, 0)
        row.addWidget(self.export_button, 0, 1)
        row.addWidget(self.duplicate_button, 1, 0)
        row.addWidget(self.delete_button, 1, 1)
        layout.addLayout(row)
        # the post's history and its comment thread, side by side as tabs
        self.detail_tabs = QTabWidget(self)
        self.detail_tabs.setObjectName("panelDetailTabs")
        self.detail_tabs.setDocumentMode(True)
        self.history_model = HistoryModel(self)
        self.history = QTableView(self)
        self.history.setObjectName("historyView")
        self.history.setModel(self.history_model)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.setWordWrap(True)
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for column in range(self.history_model.columnCount()):
            self.history.setColumnHidden(column, column not in HistoryModel.COMPACT)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.resizeSection(HistoryModel.COMPACT[0], 128)
        header.setStretchLastSection(True)
        self.history.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.detail_tabs.addTab(self.history, t("queue.history"))
        # the comment thread is built when first needed (a post selected, its tab chosen): the
        # queue shows without it (comments.py and its Qt classes load then)
        self._comments = None
        self._comments_placeholder = QWidget(self)
        self.detail_tabs.addTab(self._comments_placeholder, t("live.comments_tab"))
        self.detail_tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.detail_tabs, 1)
        #: who else has which post open (team workspace, from the live feed): post id -> names
        self.editing: dict[int, list[str]] = {}
        self.set_post(None)

    @property
    def comments(self):
        """The post's comment thread (comments.CommentThread), built on first use."""
        if self._comments is None:
            from .comments import CommentThread

            thread = CommentThread(self.workspace, self)
            index = self.detail_tabs.indexOf(self._comments_placeholder)
            was_current = self.detail_tabs.currentIndex() == index
            self.detail_tabs.blockSignals(True)
            self.detail_tabs.insertTab(index, thread, self.detail_tabs.tabText(index))
            self.detail_tabs.removeTab(index + 1)
            if was_current:
                self.detail_tabs.setCurrentWidget(thread)
            self.detail_tabs.blockSignals(False)
            self._comments_placeholder.deleteLater()
            self._comments = thread
            thread.countChanged.connect(self._comment_count)
        return self._comments

    def _tab_changed(self, _index: int) -> None:
        if self.detail_tabs.currentWidget() is self._comments_placeholder:
            self.comments  # noqa: B018 - built when its tab is chosen

    def _request(self, action: Action) -> None:
        if self.post is not None:
            self.actionRequested.emit(self.post.id, action)

    def set_post(self, post_id: int | None) -> None:
        post = None
        if post_id is not None:
            try:
                post = self.workspace.posts.get(post_id)
            except SumbarError:
                post = None
        self.post = post
        enabled = post is not None
        self.open_button.setEnabled(enabled)
        self.export_button.setEnabled(enabled)
        self.duplicate_button.setEnabled(enabled)
        self.delete_button.setVisible(post is not None and post.status == Status.DRAFT)
        if post is None:
            self.title.setText(t("queue.panel_empty"))
            self.meta.setText("")
            for button in self.buttons.values():
                button.hide()
            self.history_model.set_entries([])
            if self._comments is not None:
                self._comments.set_post(None)
            return
        self.title.setText(post.title)
        self._render_meta(post)
        allowed = set(allowed_actions(post.status))
        for action, button in self.buttons.items():
            button.setVisible(action in allowed)
        history = self.workspace.posts.history(post.id)
        self.history_model.set_entries(history)
        self.comments.set_post(post.id, history)

    def set_editing(self, editing: dict[int, list[str]]) -> None:
        """Who else has which post open: only the post's summary is drawn again (no reading
        of the post, its history or its comments)."""
        self.editing = editing
        if self.post is not None:
            self._render_meta(self.post)

    def _render_meta(self, post: Post) -> None:
        from html import escape  # html.entities loads with the first post shown

        when = (
            format_wib_datetime(post.scheduled_at) if post.scheduled_at else t("queue.unscheduled")
        )
        color = status_color(post.status)
        lines = [
            f'<span style="color:{color}">●</span> <b>{post.status.label()}</b>',
            escape(when),
            escape(platforms_text(post.platforms) or "—"),
        ]
        if post.assignee:
            lines.append(escape(t("queue.panel_assignee", name=post.assignee)))
        if editors := self.editing.get(post.id):
            from ..live import join_names  # team mode only

            text = escape(t("live.editing_marker", names=join_names(editors)))
            lines.append(f'<span style="color:#8a5a00">✎ {text}</span>')
        if post.approval is not None:
            key = (
                "queue.panel_approved_by" if post.approval_valid() else "queue.panel_approval_stale"
            )
            lines.append(escape(t(key, name=post.approval.approver)))
        for platform, url in post.published_urls.items():
            lines.append(f'{escape(platform)}: <a href="{escape(url)}">{escape(url)}</a>')
        self.meta.setText("<br>".join(lines))
        self.meta.setOpenExternalLinks(True)

    def _comment_count(self, count: int) -> None:
        index = self.detail_tabs.indexOf(self.comments)
        text = t("live.comments_tab_count", count=count) if count else t("live.comments_tab")
        self.detail_tabs.setTabText(index, text)

    def show_comments(self) -> None:
        self.detail_tabs.setCurrentWidget(self.comments)

    def refresh(self) -> None:
        self.set_post(self.post.id if self.post else None)


__all__ = ["ACTION_ORDER", "PostPanel"]
