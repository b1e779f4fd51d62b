"""The main window: a shell hosting the compose page (editor) and the queue page.

Pages own their widgets, docks and actions; the window owns the menus that are common to all
of them, the status bar, and remembering its geometry and state.

Start-up shows the queue first. The compose page (editor, preview, checklist) is built when
first needed, or once the window is idle after the first paint, after a background thread has
imported the checklist engine and the card renderer and loaded the rules and the dictionary;
after a crash it is built at once, so the recovery prompt appears as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget, QVBoxLayout, QWidget

from ..core.i18n import t
from ..core.settings import AppSettings
from .events import WorkspaceEvents
from .icons import app_icon
from .pages import Page

if TYPE_CHECKING:
    from .live import LiveFeed

#: the reminders banner counts overdue inbox entries this long after the window is shown
INBOX_COUNT_DELAY_MS = 300


class MainWindow(QMainWindow):
    def __init__(self, workspace, settings: AppSettings | None = None):
        super().__init__()
        self.workspace = workspace
        self.settings = settings or AppSettings.load()
        self.replaced_by: MainWindow | None = None
        self.setObjectName("mainWindow")
        # a folder, or "login@server:port/db" in team mode (never a password)
        self.setWindowTitle(t("ui.window_title", path=workspace.label()))
        self.setWindowIcon(app_icon())
        self.resize(1360, 860)
        screen = self.screen()
        if screen is not None:  # a 1366×768 laptop: the first window fits on its screen
            room = screen.availableGeometry()
            self.resize(min(1360, room.width()), min(860, room.height()))
        self.setMinimumSize(1024, 640)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )

        #: the one change channel: every writer announces, every page listens (ui/events.py)
        self.events = WorkspaceEvents(self)
        #: a team workspace: other desks' changes arrive on that channel too (None: local)
        self.live: LiveFeed | None = None
        if getattr(workspace, "is_team", False):
            from .live import LiveFeed

            self.live = LiveFeed.for_window(self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pages")
        self.tabs.setDocumentMode(True)
        #: team mode: the offline banner above the pages (ui/offline.py); None when local
        self.connection = None
        if getattr(workspace, "is_team", False):
            from .offline import ConnectionMonitor

            central = QWidget(self)
            column = QVBoxLayout(central)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            self.connection = ConnectionMonitor(self, workspace)
            column.addWidget(self.connection.banner)
            column.addWidget(self.tabs, 1)
            self.setCentralWidget(central)
        else:
            self.setCentralWidget(self.tabs)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("postStatusLabel")
        self.statusBar().addPermanentWidget(self.status_label)

        self.file_menu: QMenu = self.menuBar().addMenu(t("ui.menu_file"))
        self.edit_menu: QMenu = self.menuBar().addMenu(t("ui.menu_edit"))
        self.view_menu: QMenu = self.menuBar().addMenu(t("ui.menu_view"))
        self.post_menu: QMenu = self.menuBar().addMenu(t("ui.menu_post"))
        self.help_menu: QMenu = self.menuBar().addMenu(t("ui.menu_help"))

        from .queue import QueuePage

        self._compose = None
        self._compose_placeholder = QWidget(self)  # the compose tab until the page is built
        self.queue = QueuePage(workspace, self)
        self.tabs.addTab(self.queue, t("ui.tab_queue"))
        self.tabs.addTab(self._compose_placeholder, t("ui.tab_compose"))
        self.queue.openPostRequested.connect(self.open_post)
        # Kotak Masukan, the third page, is built when first shown like the compose page; until
        # then the reminders banner gets its overdue count from one count query
        self._inbox = None
        self._inbox_placeholder = QWidget(self)
        self.tabs.addTab(self._inbox_placeholder, t("inbox.tab"))
        self.queue.banner.inboxRequested.connect(lambda: self.tabs.setCurrentWidget(self.inbox))
        self._inbox_timer = QTimer(self)
        self._inbox_timer.timeout.connect(self._count_inbox_overdue)
        if self.live is not None:  # an entry changed at another desk: the banner's count
            self.live.inboxChanged.connect(lambda _ids: self._count_inbox_overdue())
        self.tabs.currentChanged.connect(self._page_changed)

        self._add_common_actions()
        if self.connection is not None:  # a viewer's login: read-only from the first paint
            self.connection.page_built()
        self.restore_layout()
        self._page_changed()
        if _unsaved_previous_session():
            self._build_compose()
        else:
            QTimer.singleShot(0, self, self._warm_up)  # not for a window deleted meanwhile
        # the banner's inbox count once the window is up (its imports stay out of the first turn)
        QTimer.singleShot(INBOX_COUNT_DELAY_MS, self, self._start_inbox_count)

    @property
    def inbox(self):
        """The Kotak Masukan page, built on first use."""
        if self._inbox is None:
            self._build_inbox()
        return self._inbox

    def _build_inbox(self) -> None:
        from .inbox import InboxPage

        self._inbox_timer.stop()  # the page checks from now on
        page = InboxPage(self.workspace, self)
        self._inbox = page
        page.overdueChanged.connect(self.queue.banner.set_inbox_overdue)
        if self.live is not None:  # team mode: entries changed at another desk
            self.live.inboxChanged.connect(page.changed_elsewhere)
        index = self.tabs.indexOf(self._inbox_placeholder)
        was_current = self.tabs.currentIndex() == index
        self.tabs.blockSignals(True)
        self.tabs.insertTab(index, page, t("inbox.tab"))
        self.tabs.removeTab(index + 1)
        if was_current:
            self.tabs.setCurrentWidget(page)
        self.tabs.blockSignals(False)
        self._inbox_placeholder.deleteLater()
        self.queue.banner.set_inbox_overdue(page.overdue_count)
        self._page_changed()

    def _start_inbox_count(self) -> None:
        if self._inbox is None and self._count_inbox_overdue():
            from .inbox.page import CHECK_INTERVAL_MS

            self._inbox_timer.start(CHECK_INTERVAL_MS)

    def _count_inbox_overdue(self) -> bool:
        """The banner's overdue count while the inbox page is not built (one COUNT query)."""
        from ..core.store.inbox import EntryQuery
        from ..core.timeutil import now_utc

        if self._inbox is not None:
            return False
        store = self.workspace.store
        try:
            count = store.inbox_repository().count(EntryQuery(overdue_at=now_utc()))
        except store.closed_errors:  # the workspace closed under the window
            self._inbox_timer.stop()
            return False
        self.queue.banner.set_inbox_overdue(count)
        return True

    @property
    def compose(self):
        """The compose page, built on first use."""
        if self._compose is None:
            self._build_compose()
        return self._compose

    def _build_compose(self) -> None:
        from .compose.page import ComposePage

        page = ComposePage(self.workspace, self)
        self._compose = page
        index = self.tabs.indexOf(self._compose_placeholder)
        was_current = self.tabs.currentIndex() == index
        self.tabs.blockSignals(True)
        self.tabs.insertTab(index, page, t("ui.tab_compose"))
        self.tabs.removeTab(index + 1)
        if was_current:
            self.tabs.setCurrentWidget(page)
        self.tabs.blockSignals(False)
        self._compose_placeholder.deleteLater()
        if self.connection is not None:
            self.connection.page_built()
        if dock_state := self.settings.window_state.get("state"):
            # the saved layout again, now that the page's docks exist (restoreDockWidget does
            # not move a dock the page has already placed)
            self.restoreState(QByteArray.fromBase64(dock_state.encode()))
        self._page_changed()

    def _warm_up(self) -> None:
        """After the first paint: import and load what the compose page needs off the GUI
        thread, then build the page while idle, so the first open of a post is quick."""
        from .background import run_in_background

        def build_when_idle(_result=None) -> None:
            QTimer.singleShot(0, self, self._build_compose_if_shown)

        run_in_background(
            _warm_up_work(self.workspace), build_when_idle, build_when_idle, owner=self
        )

    def _build_compose_if_shown(self) -> None:
        if self._compose is None and self.isVisible():  # not for a window closed meanwhile
            self._build_compose()

    def _add_common_actions(self) -> None:
        new = self.new_action = QAction(t("ui.action_new_post"), self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(self.new_post)
        self.file_menu.addAction(new)
        self.file_menu.addSeparator()
        self._add_team_actions()
        self.file_menu.addSeparator()
        quit_ = QAction(t("ui.action_quit"), self)
        quit_.setShortcut(QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.close)
        self.file_menu.addAction(quit_)
        go_queue = QAction(t("ui.tab_queue"), self)
        go_queue.setShortcut(QKeySequence("Ctrl+1"))
        go_queue.triggered.connect(lambda: self.tabs.setCurrentWidget(self.queue))
        go_compose = QAction(t("ui.tab_compose"), self)
        go_compose.setShortcut(QKeySequence("Ctrl+2"))
        go_compose.triggered.connect(lambda: self.tabs.setCurrentWidget(self.compose))
        go_inbox = QAction(t("inbox.tab"), self)
        go_inbox.setShortcut(QKeySequence("Ctrl+3"))
        go_inbox.triggered.connect(lambda: self.tabs.setCurrentWidget(self.inbox))
        self.view_menu.addActions([go_queue, go_compose, go_inbox])
        self.view_menu.addSeparator()

    def _add_team_actions(self) -> None:
        """Berkas: connect to a team server; move this local workspace to one."""
        self.connect_action = QAction(t("team_desk.menu_connect"), self)
        self.connect_action.setObjectName("connectTeamServer")
        self.connect_action.triggered.connect(self.open_connect_dialog)
        self.file_menu.addAction(self.connect_action)
        self.move_action = QAction(t("team_desk.menu_move"), self)
        self.move_action.setObjectName("moveToTeamServer")
        self.move_action.triggered.connect(self.open_move_dialog)
        if getattr(self.workspace, "is_team", False):
            self.move_action.setEnabled(False)
            self.move_action.setToolTip(t("team_desk.move_already_team"))
        self.file_menu.addAction(self.move_action)
        self.drafts_action = None
        if getattr(self.workspace, "is_team", False):
            self.drafts_action = QAction(t("team_desk.menu_drafts"), self)
            self.drafts_action.setObjectName("localDrafts")
            self.drafts_action.triggered.connect(self.open_local_drafts)
            self.file_menu.addAction(self.drafts_action)

    def team_write_actions(self) -> list[QAction]:
        """Menu actions that write to the server (disabled while it cannot be reached)."""
        return [self.new_action]

    def open_connect_dialog(self):
        """Sambungkan ke server tim: after a good test, this window continues on the server."""
        from .dialogs.connect import open_connect_dialog

        current = self.workspace.address if getattr(self.workspace, "is_team", False) else ""
        return open_connect_dialog(self, self.open_workspace, address=current)

    def open_local_drafts(self):
        """Draf lokal: new drafts kept on this desk while the server is gone, sent later."""
        from .dialogs.local_drafts import LocalDraftsDialog

        dialog = LocalDraftsDialog(self.workspace, self, actor=self.settings.actor())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sent.connect(lambda ids: self.events.posts_changed(ids, "drafts"))
        if self.connection is not None:
            self.connection.offlineChanged.connect(dialog.reload)
        dialog.open()
        return dialog

    def open_move_dialog(self):
        """Pindahkan ruang kerja ke server tim (a local workspace only)."""
        from .dialogs.move_to_server import MoveToServerDialog

        dialog = MoveToServerDialog(self.workspace, self, on_switch=self.open_workspace)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- navigation -------------------------------------------------------------------------
    def _pages(self) -> list:
        return [page for page in (self._compose, self.queue, self._inbox) if page is not None]

    def _page_changed(self, _index: int = -1) -> None:
        """Docks belong to a page: only the current page's docks are shown."""
        current = self.tabs.currentWidget()
        if current is self._compose_placeholder and self._compose is None:
            self._build_compose()  # it calls this again with the page in place
            return
        if current is self._inbox_placeholder and self._inbox is None:
            self._build_inbox()
            return
        for page in self._pages():
            for dock in page.docks():
                dock.setVisible(page is current)
        # the status line speaks of the post in the editor: shown with the editor only
        self.status_label.setVisible(current is not None and current is self._compose)

    def open_post(self, post_id: int) -> None:
        self.compose.load_post(post_id)
        self.tabs.setCurrentWidget(self.compose)

    def new_post(self) -> None:
        self.compose.new_post()
        self.tabs.setCurrentWidget(self.compose)

    def show_post_status(self, text: str) -> None:
        self.status_label.setText(text)

    def open_settings(self):
        """Pengaturan, for any page (the queue page keeps the dialog's plumbing)."""
        return self.queue.open_settings()

    def open_workspace(self, path) -> MainWindow | None:
        """Continue in another workspace (e.g. the demo opened beside real work): a new window
        on it takes this one's place; this one is closed the normal way (pending edits saved,
        layout remembered), and the next start opens the new workspace."""
        from PySide6.QtWidgets import QApplication, QMessageBox

        from ..core.errors import SumbarError
        from .app import open_target, workspace_target

        try:
            workspace = open_target(path)
        except SumbarError as err:
            QMessageBox.warning(self, t("ui.error_title"), err.user_message())
            return None
        app = QApplication.instance()
        quit_on_last = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # this window closes before the new one shows
        try:
            geometry, maximized = self.geometry(), self.isMaximized()
            self.close()
            for page in self._pages():  # an unbuilt compose page has nothing running
                page.stop_background()
            if self.connection is not None:
                self.connection.stop()
            window = MainWindow(workspace, self.settings)
            # the workspace lives until the app quits, not with this window: a window may be
            # rebuilt on it (language switch) and the new one keeps using it
            app.aboutToQuit.connect(workspace.close)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.setGeometry(geometry)  # the same place and size on screen
            window.showMaximized() if maximized else window.show()
        finally:
            app.setQuitOnLastWindowClosed(quit_on_last)
        self.settings.last_workspace = workspace_target(workspace)
        self.settings.save()
        from .app import keep_window

        keep_window(window)
        self.replaced_by = window
        return window

    # -- layout persistence -----------------------------------------------------------------
    def restore_layout(self) -> None:
        state = self.settings.window_state
        if geometry := state.get("geometry"):
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        if dock_state := state.get("state"):
            self.restoreState(QByteArray.fromBase64(dock_state.encode()))

    def save_layout(self) -> None:
        self.settings.window_state = {
            "geometry": bytes(self.saveGeometry().toBase64()).decode(),
            "state": bytes(self.saveState().toBase64()).decode(),
        }
        from .app import workspace_target

        self.settings.last_workspace = workspace_target(self.workspace)
        self.settings.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        pages: list[Page] = self._pages()  # the Page protocol, ui/pages.py
        for page in pages:
            page.flush()
        if self.live is not None:
            self.live.stop()
        if self.connection is not None:
            self.connection.stop()  # no reconnecting a workspace that is being closed
        self.save_layout()
        super().closeEvent(event)


def _unsaved_previous_session() -> bool:
    """Whether the last session ended without a clean exit (its journal is still there)."""
    from .compose.journal_path import FILE_NAME, journal_dir

    try:
        return (journal_dir() / FILE_NAME).exists()
    except OSError:
        return False


def _warm_up_work(workspace):
    def work() -> None:
        from ..core.cards import render  # noqa: F401 - Pillow and the card renderer
        from ..core.checks import engine  # noqa: F401 - the checklist's rules engine
        from ..core.checks.spelling import dictionary
        from .compose import page  # noqa: F401 - the editor's modules

        workspace.rules()
        dictionary()

    return work
