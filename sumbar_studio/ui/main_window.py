"""The main window: a shell hosting the compose page (editor) and the queue page.

Pages own their widgets, docks and actions; the window owns the menus that are common to all
of them, the status bar, and remembering its geometry and state.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget

from ..core.i18n import t
from ..core.settings import AppSettings
from .events import WorkspaceEvents
from .icons import app_icon

#: windows opened on another workspace (kept alive here; the first one is held by ui.app)
_OPEN_WINDOWS: list = []


class MainWindow(QMainWindow):
    workspaceChanged = Signal(object)

    def __init__(self, workspace, settings: AppSettings | None = None):
        super().__init__()
        self.workspace = workspace
        self.settings = settings or AppSettings.load()
        self.replaced_by: MainWindow | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(t("ui.window_title", path=str(workspace.path)))
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

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pages")
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("postStatusLabel")
        self.statusBar().addPermanentWidget(self.status_label)

        self.file_menu: QMenu = self.menuBar().addMenu(t("ui.menu_file"))
        self.edit_menu: QMenu = self.menuBar().addMenu(t("ui.menu_edit"))
        self.view_menu: QMenu = self.menuBar().addMenu(t("ui.menu_view"))
        self.post_menu: QMenu = self.menuBar().addMenu(t("ui.menu_post"))
        self.help_menu: QMenu = self.menuBar().addMenu(t("ui.menu_help"))

        from .compose import ComposePage
        from .queue import QueuePage

        self.compose = ComposePage(workspace, self)
        self.queue = QueuePage(workspace, self)
        self.tabs.addTab(self.queue, t("ui.tab_queue"))
        self.tabs.addTab(self.compose, t("ui.tab_compose"))
        self.queue.openPostRequested.connect(self.open_post)
        from .inbox import InboxPage  # Kotak Masukan, the third page

        self.inbox = InboxPage(workspace, self)
        self.tabs.addTab(self.inbox, t("inbox.tab"))
        self.inbox.overdueChanged.connect(self.queue.banner.set_inbox_overdue)
        self.queue.banner.inboxRequested.connect(lambda: self.tabs.setCurrentWidget(self.inbox))
        self.tabs.currentChanged.connect(self._page_changed)

        self._add_common_actions()
        self.restore_layout()
        self._page_changed()

    def _add_common_actions(self) -> None:
        new = QAction(t("ui.action_new_post"), self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(self.new_post)
        self.file_menu.addAction(new)
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

    # -- navigation -------------------------------------------------------------------------
    def _page_changed(self, _index: int = -1) -> None:
        """Docks belong to a page: only the current page's docks are shown."""
        current = self.tabs.currentWidget()
        for page in (self.compose, self.queue):
            for dock in getattr(page, "docks", list)():
                dock.setVisible(page is current)
        # the status line speaks of the post in the editor: shown with the editor only
        self.status_label.setVisible(current is self.compose)

    def open_post(self, post_id: int) -> None:
        self.compose.load_post(post_id)
        self.tabs.setCurrentWidget(self.compose)

    def new_post(self) -> None:
        self.compose.new_post()
        self.tabs.setCurrentWidget(self.compose)

    def show_post_status(self, text: str) -> None:
        self.status_label.setText(text)

    def open_workspace(self, path) -> MainWindow | None:
        """Continue in another workspace (e.g. the demo opened beside real work): a new window
        on it takes this one's place; this one is closed the normal way (pending edits saved,
        layout remembered), and the next start opens the new workspace."""
        from PySide6.QtWidgets import QApplication, QMessageBox

        from ..core.errors import SumbarError
        from ..core.workspace import Workspace

        try:
            workspace = Workspace.open(path)
        except SumbarError as err:
            QMessageBox.warning(self, t("ui.error_title"), err.user_message())
            return None
        app = QApplication.instance()
        quit_on_last = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # this window closes before the new one shows
        try:
            geometry, maximized = self.geometry(), self.isMaximized()
            self.close()
            for page in (self.compose, self.queue):
                stop = getattr(page, "stop_background", None)
                if stop is not None:
                    stop()
            window = MainWindow(workspace, self.settings)
            # the workspace lives until the app quits, not with this window: a window may be
            # rebuilt on it (language switch) and the new one keeps using it
            app.aboutToQuit.connect(workspace.close)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.setGeometry(geometry)  # the same place and size on screen
            window.showMaximized() if maximized else window.show()
        finally:
            app.setQuitOnLastWindowClosed(quit_on_last)
        self.settings.last_workspace = str(workspace.path)
        self.settings.save()
        from shiboken6 import isValid

        _OPEN_WINDOWS[:] = [w for w in _OPEN_WINDOWS if isValid(w)] + [window]
        self.replaced_by = window
        self.workspaceChanged.emit(workspace)
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
        self.settings.last_workspace = str(self.workspace.path)
        self.settings.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in (self.compose, self.queue):
            flush = getattr(page, "flush", None)
            if flush is not None:
                flush()
        self.save_layout()
        super().closeEvent(event)
