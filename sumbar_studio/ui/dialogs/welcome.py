"""First run: start with the demo workspace (a week of example posts) or an empty one."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QVBoxLayout
from shiboken6 import isValid

from ...core import backup as backup_logic
from ...core.demo import build_demo_workspace
from ...core.i18n import t
from ..background import run_in_background


def build_demo_into_temp() -> Path:
    """Build the demo workspace in a temporary folder (worker thread; no Qt)."""
    folder = Path(tempfile.mkdtemp(prefix="sumbar-demo-"))
    build_demo_workspace(folder / "workspace")
    return folder / "workspace"


class WelcomeDialog(QDialog):
    workspaceFilled = Signal()

    def __init__(self, workspace, parent=None, *, builder=build_demo_into_temp):
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(t("queue.welcome_title"))
        self.setMinimumWidth(520)
        self.workspace = workspace
        self.builder = builder
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        heading = QLabel(t("queue.welcome_heading"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(t("queue.welcome_text", path=str(workspace.path)), self)
        text.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(text)
        self.demo_button = QCommandLinkButton(t("queue.welcome_demo"), t("queue.welcome_demo_hint"), self)
        self.demo_button.setObjectName("welcomeDemo")
        self.empty_button = QCommandLinkButton(t("queue.welcome_empty"), t("queue.welcome_empty_hint"), self)
        self.empty_button.setObjectName("welcomeEmpty")
        layout.addWidget(self.demo_button)
        layout.addWidget(self.empty_button)
        self.status = QLabel(self)
        self.status.setObjectName("welcomeStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.demo_button.clicked.connect(self.choose_demo)
        self.empty_button.clicked.connect(self.choose_empty)

    def choose_empty(self) -> None:
        self.choice = "empty"
        self.accept()

    def choose_demo(self) -> None:
        self.choice = "demo"
        self.demo_button.setEnabled(False)
        self.empty_button.setEnabled(False)
        self.status.setText(t("queue.welcome_building"))
        self.setCursor(Qt.CursorShape.BusyCursor)
        run_in_background(self.builder, self._built, self._failed, serial=True)

    def _built(self, folder: Path) -> None:
        if not isValid(self):
            return
        try:
            backup_logic.adopt_contents(self.workspace, folder)
        finally:
            shutil.rmtree(Path(folder).parent, ignore_errors=True)
        self.unsetCursor()
        self.workspaceFilled.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.unsetCursor()
        self.status.setText(t("queue.welcome_demo_failed", detail=str(exc)))
        self.empty_button.setEnabled(True)
