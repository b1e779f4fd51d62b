"""Application start-up: QApplication, language, excepthook, workspace, main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from .. import APP_NAME, __version__
from ..core import i18n
from ..core.errors import SumbarError
from ..core.settings import AppSettings
from ..core.targets import is_server_address
from ..core.workspace import ENV_WORKSPACE, Workspace, default_workspace_dir
from . import excepthook
from .icons import app_icon
from .qt_i18n import apply_language

#: the open main windows (a rebuilt window must outlive the function that built it)
_windows: list[QWidget] = []


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("DPRD Provinsi Sumatera Barat")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    apply_language()
    return app


def language_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def choose_language(settings: AppSettings, argv: list[str]) -> str:
    """``--lang`` first, then SUMBAR_LANG, then the language saved in Settings."""
    for lang in (language_from_argv(argv), os.environ.get(i18n.ENV_LANG), settings.language):
        if lang in i18n.LANGUAGES:
            return lang
    return i18n.DEFAULT_LANGUAGE


def _forget_deleted() -> None:
    from shiboken6 import isValid

    _windows[:] = [w for w in _windows if isValid(w)]


def keep_window(window: QWidget) -> None:
    """Keep a top-level window alive until Qt deletes it (the one list of open windows: the
    first window, one rebuilt for a language switch, one opened on another workspace)."""
    _forget_deleted()
    _windows.append(window)
    window.destroyed.connect(lambda *_a: _forget_deleted())


def show_fitted(window: QWidget) -> None:
    """Show a window; maximized when its size does not fit the screen (a 1366x768 laptop)."""
    screen = window.screen().availableGeometry()
    if window.width() > screen.width() or window.height() > screen.height():
        window.setGeometry(screen)  # also right where no window manager maximizes
        window.showMaximized()
    else:
        window.show()


def change_language(lang: str, window: QWidget | None = None) -> None:
    """Switch the interface language now: messages, Qt's own strings and locale, and (as the
    window's texts are set when it is built) a rebuilt main window showing the same post."""
    i18n.set_language(lang)
    apply_language(lang)
    from .main_window import MainWindow

    if isinstance(window, MainWindow):
        QTimer.singleShot(0, lambda: rebuild_window(window))


def rebuild_window(old) -> QWidget:
    from .main_window import MainWindow

    app = QApplication.instance()
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the old window closes before the new one shows
    post_id = old._compose.post_id if old._compose is not None else None  # built pages only
    page = old.tabs.currentIndex()
    maximized = old.isMaximized()
    old.close()  # saves edits and the layout; ends the editor's session cleanly
    new = MainWindow(old.workspace, old.settings)
    if post_id is not None:
        new.compose.load_post(post_id)
    new.tabs.setCurrentIndex(page)
    new.showMaximized() if maximized else show_fitted(new)
    if old in _windows:
        _windows.remove(old)
    keep_window(new)
    old.deleteLater()
    app.setQuitOnLastWindowClosed(quit_on_close)
    return new


def choose_workspace(settings: AppSettings, explicit: str | None = None) -> str | Path:
    """What to open: ``--workspace``, then SUMBAR_WORKSPACE, then the last workspace, then
    the default folder. A team-server address stays a string (a Path would mangle ``//``)."""
    for candidate in (explicit, os.environ.get(ENV_WORKSPACE), settings.last_workspace):
        if candidate:
            return candidate if is_server_address(candidate) else Path(candidate)
    return default_workspace_dir()


def open_target(target: str | Path, *, offline_ok: bool = False) -> Workspace:
    """Open a folder or a team server; ``offline_ok``: a team server that cannot be reached
    opens this desk's last loaded queue read-only (see ui/offline.py) instead of failing."""
    if is_server_address(target):
        from ..core.store.postgres.workspace import TeamWorkspace

        return TeamWorkspace.open(str(target), offline_ok=offline_ok)
    return Workspace.open(target)


def workspace_target(workspace) -> str:
    """What to remember to open the same workspace next time: the folder, or the server
    address without any password in it."""
    if getattr(workspace, "is_team", False):
        from ..core.store.postgres.credentials import redact

        return redact(workspace.address)
    return str(workspace.path)


def run(argv: list[str]) -> int:
    settings = AppSettings.load()
    i18n.set_language(choose_language(settings, argv))
    app = create_application(argv)
    excepthook.install()
    explicit = None
    for i, arg in enumerate(argv):
        if arg == "--workspace":
            explicit = argv[i + 1] if i + 1 < len(argv) else None
        elif arg.startswith("--workspace="):
            explicit = arg.split("=", 1)[1]
    path = choose_workspace(settings, explicit)
    first_run = not is_server_address(path) and not Workspace.exists(path)
    try:
        workspace = open_target(path, offline_ok=True)
    except SumbarError as err:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, i18n.t("ui.error_title"), err.user_message())
        return 1
    from .main_window import MainWindow

    window = MainWindow(workspace, settings)
    keep_window(window)
    show_fitted(window)
    if first_run:
        window.queue.show_welcome()
    code = app.exec()
    _windows.clear()
    workspace.close()
    return code
