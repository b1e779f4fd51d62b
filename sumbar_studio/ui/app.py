"""Application start-up: QApplication, language, excepthook, workspace, main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from ..core import i18n
from ..core.errors import SumbarError
from ..core.settings import AppSettings
from ..core.workspace import ENV_WORKSPACE, Workspace, default_workspace_dir
from . import excepthook
from .icons import app_icon


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
    return app


def choose_workspace(settings: AppSettings, explicit: str | None = None) -> Path:
    if explicit:
        return Path(explicit)
    if os.environ.get(ENV_WORKSPACE):
        return Path(os.environ[ENV_WORKSPACE])
    if settings.last_workspace:
        return Path(settings.last_workspace)
    return default_workspace_dir()


def run(argv: list[str]) -> int:
    settings = AppSettings.load()
    if settings.language in i18n.LANGUAGES and not os.environ.get(i18n.ENV_LANG):
        i18n.set_language(settings.language)
    app = create_application(argv)
    excepthook.install()
    explicit = None
    if "--workspace" in argv:
        idx = argv.index("--workspace")
        explicit = argv[idx + 1] if idx + 1 < len(argv) else None
    path = choose_workspace(settings, explicit)
    first_run = not (path / "sumbar.db").exists()
    try:
        workspace = Workspace.open(path)
    except SumbarError as err:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, i18n.t("ui.error_title"), err.user_message())
        return 1
    from .main_window import MainWindow

    window = MainWindow(workspace, settings)
    window.show()
    if first_run:
        welcome = getattr(window.queue, "show_welcome", None)
        if welcome is not None:
            welcome()
    code = app.exec()
    workspace.close()
    return code
