"""ComposePage: the window where the officer spends the day.

Post editor (left), card panel (right), checklist dock; undo/redo in the Edit menu; autosave
with no Save button; a StaleEdit banner; a recovery offer after an unclean exit. All state
lives in :class:`EditorSession`; this page wires widgets, menus and the status bar.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import NotFound, SumbarError
from ...core.i18n import t
from ...core.settings import AppSettings
from ...core.timeutil import format_clock, format_wib_datetime, now_utc
from ..events import ORIGIN_COMPOSE, events_of
from ..icons import icon
from ..live import join_names
from ..pages import PageHost
from .card_panel import CardPanel
from .checklist import ChecklistDock
from .editor import PostEditor
from .journal import SessionJournal, content_of
from .session import EditorSession


@dataclass
class Timings:
    autosave_ms: int = 800  # after the last change
    max_wait_ms: int = 2000  # at most after the first unsaved change (continuous typing)
    journal_ms: int = 250
    check_ms: int = 150  # inline findings
    checklist_ms: int = 400  # the whole checklist (background)
    preview_debounce_ms: int = 0  # 0: render at once, coalesce while a render runs


class ComposePage(QWidget):
    #: tests shorten these before a page is built
    default_timings = Timings()

    def __init__(
        self,
        workspace,
        main_window: PageHost,
        timings: Timings | None = None,
        journal: SessionJournal | None = None,
    ):
        super().__init__(main_window)
        self.setObjectName("composePage")
        self.workspace = workspace
        self.main_window = main_window
        self.timings = timings or self.default_timings
        self.settings: AppSettings = main_window.settings
        self.journal = journal or SessionJournal()
        self.previous_session = self.journal.take_previous()
        self.journal.open()
        self.recovery_dialog: QMessageBox | None = None
        self.name_dialog: QInputDialog | None = None
        self._clean_exit_done = False

        self.session = EditorSession(
            workspace,
            self.actor(),
            autosave_ms=self.timings.autosave_ms,
            max_wait_ms=self.timings.max_wait_ms,
            journal=self.journal,
            journal_ms=self.timings.journal_ms,
            parent=self,
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = self._build_banner()
        layout.addWidget(self.banner)
        self.read_only_note = QLabel(self)
        self.read_only_note.setObjectName("readOnlyNote")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet("padding: 6px 10px; background: #eceff1;")
        self.read_only_note.setVisible(False)
        layout.addWidget(self.read_only_note)
        # "Sedang disunting oleh …": someone else has this post open (team workspace)
        self.presence_note = QLabel(self)
        self.presence_note.setObjectName("presenceNote")
        self.presence_note.setWordWrap(True)
        self.presence_note.setStyleSheet(
            "padding: 6px 10px; background: #fff4d6; color: #6b4e00;"
            " border-bottom: 1px solid #f0d48a;"
        )
        self.presence_note.setVisible(False)
        layout.addWidget(self.presence_note)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("composeSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.editor = PostEditor(self.session, workspace, check_ms=self.timings.check_ms)
        editor_scroll = QScrollArea(self.splitter)
        editor_scroll.setObjectName("editorScroll")
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        editor_scroll.setWidget(self.editor)
        self.editor.setMinimumHeight(520)
        editor_scroll.setMinimumWidth(380)
        self.splitter.addWidget(editor_scroll)
        self.card_panel = CardPanel(
            self.session,
            workspace,
            preview_debounce_ms=self.timings.preview_debounce_ms,
            parent=self.splitter,
        )
        self.card_panel.setMinimumWidth(300)
        self.splitter.addWidget(self.card_panel)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        layout.addWidget(self.splitter, 1)

        self.checklist = ChecklistDock(self, check_ms=self.timings.checklist_ms)
        main_window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.checklist)
        self.card_panel.previewUpdated.connect(lambda _r: self.checklist.timer.start())
        self.editor.rulesChanged.connect(self.checklist.timer.start)
        self.editor.message.connect(lambda text: main_window.statusBar().showMessage(text, 10000))
        self.card_panel.setLogoRequested.connect(self.open_brand_settings)
        self.card_panel.photos.message.connect(
            lambda text: main_window.statusBar().showMessage(text, 10000)
        )

        self._add_actions()
        self.session.saved.connect(self._saved)
        self.session.saveStateChanged.connect(lambda _s: self.update_status())
        self.session.statusChanged.connect(lambda _s: self.update_status())
        self.session.statusChanged.connect(lambda _s: self._apply_read_only())
        self.session.staleDetected.connect(self._show_stale)
        self.session.saveFailed.connect(self._show_failure)
        self.session.reopened.connect(self._reopened)
        self._reopened_note = False
        # the window's change channel: announce every write, follow everyone else's
        self.events = events_of(main_window, self)
        self.session.storeActionDone.connect(
            lambda post: self.events.posts_changed([post.id], ORIGIN_COMPOSE)
        )
        self.events.settingsChanged.connect(self._settings_changed)
        self.events.postsChanged.connect(self._posts_changed)
        # presence: tell the team which post is open here, show who else has it open
        self.live = main_window.live
        if self.live is not None:
            self.live.presenceChanged.connect(self._show_presence)
            self.session.postLoaded.connect(self._track_presence)
            self.session.saved.connect(lambda _post: self._track_presence())

        main_window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.update_status()
        if self.previous_session:
            QTimer.singleShot(0, self.offer_recovery)

    # -- identity ---------------------------------------------------------------------------
    def officer_name(self) -> str:
        return self.settings.user_name

    def actor(self) -> str:
        return self.settings.actor()

    def ask_officer_name(self, then) -> None:
        """Ask once for the officer's name (non-blocking); saved in AppSettings."""
        dialog = QInputDialog(self)
        dialog.setObjectName("officerNameDialog")
        dialog.setWindowTitle(t("compose.officer_title"))
        dialog.setLabelText(t("compose.officer_prompt"))
        dialog.setInputMode(QInputDialog.InputMode.TextInput)

        def done(result: int) -> None:
            name = dialog.textValue().strip()
            dialog.deleteLater()
            self.name_dialog = None
            if result and name:
                self.settings.user_name = name
                self.settings.save()
                self.session.actor = name
                self.checklist.officer.setText(name)
                then()
            else:
                self.checklist.model.set_result(self.checklist.result)

        dialog.finished.connect(done)
        self.name_dialog = dialog
        dialog.open()

    # -- menus ------------------------------------------------------------------------------
    def _add_actions(self) -> None:
        mw = self.main_window
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, t("compose.undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setObjectName("undoAction")
        self.redo_action = stack.createRedoAction(self, t("compose.redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setObjectName("redoAction")
        self.undo_action.setIcon(icon("compose-undo", "edit-undo"))
        self.redo_action.setIcon(icon("compose-redo", "edit-redo"))
        mw.edit_menu.addAction(self.undo_action)
        mw.edit_menu.addAction(self.redo_action)
        mw.addAction(self.undo_action)
        mw.addAction(self.redo_action)
        mw.edit_menu.addSeparator()
        self.preview_action = QAction(t("compose.refresh_preview"), self)
        self.preview_action.setShortcut(QKeySequence("F5"))
        self.preview_action.triggered.connect(self.card_panel.request_preview)
        mw.view_menu.addAction(self.preview_action)
        toggle = self.checklist.toggleViewAction()
        toggle.setText(t("compose.checklist_title"))
        toggle.setIcon(icon("compose-checklist"))
        toggle.setShortcut(QKeySequence("Ctrl+Shift+L"))
        mw.view_menu.addAction(toggle)
        self.focus_caption = QAction(t("compose.focus_caption"), self)
        self.focus_caption.setShortcut(QKeySequence("Ctrl+E"))
        self.focus_caption.triggered.connect(lambda: self.editor.master.setFocus())
        mw.post_menu.addAction(self.focus_caption)
        self.choose_photo = QAction(t("compose.choose_photo_menu"), self)
        self.choose_photo.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.choose_photo.setIcon(icon("compose-photo", "insert-image"))
        self.choose_photo.triggered.connect(self._choose_photo)
        mw.post_menu.addAction(self.choose_photo)
        self.addActions([self.focus_caption, self.choose_photo, self.preview_action])

    def _choose_photo(self) -> None:
        field_id = self.card_panel.first_photo_field()
        if field_id:
            self.card_panel.open_photo_dialog(field_id)

    def open_brand_settings(self):
        """Pengaturan at the brand tab (where the logo is set); the hint goes once it is."""
        dialog = self.main_window.open_settings()
        dialog.tabs.setCurrentWidget(dialog.brand)
        dialog.finished.connect(lambda _r: self.card_panel.update_logo_hint())
        return dialog

    # -- banner (stale edits, failures) -----------------------------------------------------
    def _build_banner(self) -> QFrame:
        banner = QFrame(self)
        banner.setObjectName("composeBanner")
        banner.setStyleSheet(
            "#composeBanner { background: #fdecea; border-bottom: 1px solid #e57373; }"
            " #composeBanner QLabel { color: #8e1b1b; }"
        )
        row = QHBoxLayout(banner)
        row.setContentsMargins(10, 6, 10, 6)
        self.banner_text = QLabel(banner)
        self.banner_text.setObjectName("bannerText")
        self.banner_text.setWordWrap(True)
        row.addWidget(self.banner_text, 1)
        self.reload_button = QPushButton(t("compose.stale_reload"), banner)
        self.reload_button.setObjectName("staleReloadButton")
        self.reload_button.setAccessibleName(t("compose.stale_reload"))
        self.reload_button.clicked.connect(self._reload_stale)
        self.overwrite_button = QPushButton(t("compose.stale_overwrite"), banner)
        self.overwrite_button.setObjectName("staleOverwriteButton")
        self.overwrite_button.setAccessibleName(t("compose.stale_overwrite"))
        self.overwrite_button.clicked.connect(self._overwrite_stale)
        row.addWidget(self.reload_button)
        row.addWidget(self.overwrite_button)
        banner.setVisible(False)
        return banner

    def _show_stale(self, message: str) -> None:
        self.banner_text.setText(t("compose.stale_banner", detail=message))
        self.reload_button.setVisible(True)
        self.overwrite_button.setVisible(True)
        self.banner.setVisible(True)
        self.update_status()

    def _show_failure(self, message: str) -> None:
        self.banner_text.setText(t("compose.save_failed", detail=message))
        self.reload_button.setVisible(False)
        self.overwrite_button.setVisible(False)
        self.banner.setVisible(True)
        self.update_status()

    def _reload_stale(self) -> None:
        self.banner.setVisible(False)
        self.session.reload_from_store()

    def _overwrite_stale(self) -> None:
        self.banner.setVisible(False)
        self.session.overwrite_stored()

    # -- status bar -------------------------------------------------------------------------
    def _saved(self, post) -> None:
        if not self.session.stale and self.banner.isVisible() and not self.session.last_error:
            self.banner.setVisible(False)
        self.events.posts_changed([post.id], ORIGIN_COMPOSE)

    def _settings_changed(self) -> None:
        """Approvers, the officer's name or the brand changed in Pengaturan (or a workspace
        was adopted): the dock's lists and the preview follow at once."""
        self.checklist.load_people()
        self.checklist.refresh_actions()
        self.card_panel.request_preview()

    def _posts_changed(self, ids: list, origin: str) -> None:
        """Another page changed the post open here (approved in the queue, workspace
        replaced…): show what is stored, unless the officer has unsaved edits."""
        post_id = self.session.post.id
        if origin == ORIGIN_COMPOSE or post_id is None or (ids and post_id not in ids):
            return
        if self.session.dirty or self.session.stale:
            return
        try:
            stored = self.workspace.posts.get(post_id)
        except NotFound:
            self.new_post()
            return
        if stored.version != self.session.post.version:
            self.session.reload_from_store()
            self._apply_read_only()
            self.update_status()

    def _track_presence(self) -> None:
        if self.live is not None:
            self.live.set_editing(self.session.post.id)
        self._show_presence()

    def _show_presence(self) -> None:
        names = self.live.editors(self.session.post.id) if self.live is not None else []
        self.presence_note.setVisible(bool(names))
        if names:
            self.presence_note.setText(t("live.editing_by", names=join_names(names)))

    def _reopened(self) -> None:
        self._reopened_note = True
        self.update_status()

    def status_text(self) -> str:
        s = self.session
        post = s.post
        if post.id is None and not s.dirty:
            return t("compose.status_new")
        parts = [t("compose.status_label", status=post.status.label())]
        if s.stale:
            parts.append(t("compose.save_stale"))
        elif s.last_error:
            parts.append(t("compose.save_error"))
        elif s.dirty:
            parts.append(t("compose.save_pending"))
        elif post.updated_at is not None:
            parts.append(t("compose.saved_at", time=format_clock(post.updated_at)))
        if self._reopened_note:
            parts.append(t("compose.reopened"))
        if post.approval is not None and post.approval_valid():
            parts.append(t("compose.approved_short", name=post.approval.approver))
        if post.scheduled_at is not None:
            parts.append(format_wib_datetime(post.scheduled_at))
        return " · ".join(parts)

    def _apply_read_only(self) -> None:
        """A published or archived post is the institution's public record: shown, not edited
        (the service refuses such saves too). Formats and the preview stay usable."""
        from ...core.model import READ_ONLY_STATES

        status = self.session.post.status if self.session.post is not None else None
        read_only = status in READ_ONLY_STATES
        self.editor.setEnabled(not read_only)
        for widget in (
            self.card_panel.template_view,
            self.card_panel.clear_card,
            self.card_panel.form_host,
        ):
            widget.setEnabled(not read_only)
        self.read_only_note.setVisible(read_only)
        if read_only:
            self.read_only_note.setText(t("compose.read_only", status=status.label()))

    def update_status(self) -> None:
        text = self.status_text()
        self.main_window.show_post_status(text)

    # -- page API ---------------------------------------------------------------------------
    def docks(self) -> list:
        """Docks this page adds to the main window (shown only while the page is current)."""
        return [self.checklist]

    def load_post(self, post_id: int) -> None:
        self._reopened_note = False
        self.banner.setVisible(False)
        try:
            self.session.load(post_id)
        except NotFound as err:
            self._show_failure(err.user_message())
            return
        self.update_status()
        self._apply_read_only()

    def new_post(self) -> None:
        from ...core.model import Post
        from ...core.platforms import default_catalog

        self._reopened_note = False
        self.banner.setVisible(False)
        platforms = list(default_catalog().default_platforms)
        self.session.new(Post(title="", platforms=platforms, assignee=self.officer_name()))
        self.editor.title.setFocus()
        self.update_status()

    @property
    def post_id(self) -> int | None:
        return self.session.post.id

    def flush(self) -> None:
        """Write any pending autosave now."""
        self.session.flush()

    def stop_background(self) -> None:
        """Nothing to stop: the preview and the checks only run for the post being edited,
        and the window's close has written it (``flush``)."""

    def shutdown(self) -> None:
        """Clean exit: save, then drop the open-session marker unless edits are unsaved."""
        if self._clean_exit_done:
            return
        self._clean_exit_done = True
        try:
            self.session.flush()
        except SumbarError:
            pass
        if self.live is not None:
            self.live.set_editing(None)
        self.journal.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.main_window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    # -- recovery ---------------------------------------------------------------------------
    def recoverable(self) -> list:
        """Entries of the previous session whose content differs from what is stored."""
        out = []
        for entry in self.previous_session:
            if entry.saved or not entry.content:
                continue
            if entry.post_id is None:
                out.append((entry, None))
                continue
            try:
                stored = self.workspace.posts.get(entry.post_id)
            except SumbarError:
                continue
            if content_of(stored) != {**content_of(stored), **entry.content}:
                out.append((entry, stored))
        return out

    def offer_recovery(self) -> None:
        entries = self.recoverable()
        self.previous_session = []
        if not entries:
            return
        entry, stored = max(entries, key=lambda e: e[0].at)
        title = entry.content.get("title") or t("compose.untitled")
        box = QMessageBox(self)
        box.setObjectName("recoveryDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(t("compose.recovery_title"))
        box.setText(
            t("compose.recovery_text", title=title, when=format_wib_datetime(entry.at or now_utc()))
        )
        if stored is not None and stored.version != entry.base_version:
            box.setInformativeText(t("compose.recovery_newer"))
        restore = box.addButton(t("compose.recovery_restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(t("compose.recovery_discard"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)

        def done(_result: int) -> None:
            chosen = box.clickedButton() is restore
            box.deleteLater()
            self.recovery_dialog = None
            if chosen:
                self.restore_entry(entry)

        box.finished.connect(done)
        self.recovery_dialog = box
        box.open()

    def restore_entry(self, entry) -> None:
        if entry.post_id is not None:
            self.load_post(entry.post_id)
        else:
            self.new_post()
        self.session.restore_content(entry.content)
        self.main_window.tabs.setCurrentWidget(self)
