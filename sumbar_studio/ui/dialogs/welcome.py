"""First run: start with the demo workspace (a week of example posts) or an empty one."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QMessageBox, QVBoxLayout
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


def build_demo_at(target: Path) -> Path:
    """Build the demo workspace in ``target`` (a new folder; worker thread; no Qt)."""
    build_demo_workspace(target)
    return target


def free_folder(base: Path) -> Path:
    """``base``, or ``base-2``, ``base-3``… whichever does not exist yet."""
    candidate, n = base, 2
    while candidate.exists():
        candidate = base.with_name(f"{base.name}-{n}")
        n += 1
    return candidate


def workspace_work(workspace) -> tuple[int, int, int]:
    """What replacing the workspace would lose: (posts, people, official accounts)."""
    team = workspace.team_settings()
    return (workspace.posts.count(), len(team.people), len(getattr(team, "accounts", []) or []))


class WelcomeDialog(QDialog):
    """First start or Bantuan ▸ Layar sambutan: the demo or an empty workspace.

    On a workspace that holds work, "Mulai dengan ruang kerja contoh" asks first (saying how
    many posts would be replaced). The recommended answer opens the demo as a separate
    workspace (nothing here changes); replacing takes a full backup first; refusing keeps
    everything.
    """

    workspaceFilled = Signal()
    #: the demo was built in a separate folder and should be opened there
    separateDemoReady = Signal(object)

    def __init__(
        self,
        workspace,
        parent=None,
        *,
        builder=build_demo_into_temp,
        separate_builder=build_demo_at,
        open_workspace=None,
    ):
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(t("queue.welcome_title"))
        self.setMinimumWidth(520)
        self.workspace = workspace
        self.builder = builder
        self.separate_builder = separate_builder
        self.open_workspace = open_workspace
        self.choice: str | None = None
        self.question = None  # the "this workspace holds work" question, while open
        self.backup_path: Path | None = None
        self.separate_path: Path | None = None
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
        self.demo_button = QCommandLinkButton(
            t("queue.welcome_demo"), t("queue.welcome_demo_hint"), self
        )
        self.demo_button.setObjectName("welcomeDemo")
        self.empty_button = QCommandLinkButton(
            t("queue.welcome_empty"), t("queue.welcome_empty_hint"), self
        )
        self.empty_button.setObjectName("welcomeEmpty")
        # team mode: the office's shared queue on its server instead of a workspace here
        self.team_button = QCommandLinkButton(
            t("team_desk.welcome_connect"), t("team_desk.welcome_connect_hint"), self
        )
        self.team_button.setObjectName("welcomeConnect")
        self.team_button.setVisible(open_workspace is not None)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.empty_button)
        layout.addWidget(self.team_button)
        self.status = QLabel(self)
        self.status.setObjectName("welcomeStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.demo_button.clicked.connect(self.choose_demo)
        self.empty_button.clicked.connect(self.choose_empty)
        self.team_button.clicked.connect(self.choose_team_server)
        self.connect_dialog = None

    def choose_team_server(self):
        """Sambungkan ke server tim; after a good connection the window continues there."""
        from .connect import open_connect_dialog

        self.choice = "team"
        host = self.parentWidget()
        self.connect_dialog = open_connect_dialog(host, self.open_workspace)
        self.accept()
        return self.connect_dialog

    def choose_empty(self) -> None:
        self.choice = "empty"
        self.accept()

    def choose_demo(self) -> None:
        posts, people, accounts = workspace_work(self.workspace)
        if posts or people or accounts:
            self._ask_before_replacing(posts, people, accounts)
            return
        self._replace_with_demo()

    def _ask_before_replacing(self, posts: int, people: int, accounts: int) -> None:
        from ..ask import ask

        choices = []
        if self.open_workspace is not None:
            choices.append(
                ("separate", t("window.welcome_separate"), "accept", self._open_demo_separately)
            )
        choices.append(
            ("replace", t("window.welcome_replace"), "destructive", self._replace_with_demo)
        )
        choices.append(("keep", t("window.welcome_keep"), "reject", self._kept))
        self.question = ask(
            self,
            "welcomeReplaceQuestion",
            t("window.welcome_question_title"),
            t(
                "window.welcome_question",
                posts=posts,
                people=people,
                accounts=accounts,
                path=str(self.workspace.path),
            ),
            choices,
            informative=t("window.welcome_question_hint"),
            default="separate" if self.open_workspace is not None else "keep",
            icon=QMessageBox.Icon.Warning,
        )

    def _kept(self) -> None:
        self.question = None
        self.status.setText(t("window.welcome_kept"))

    def _busy(self) -> None:
        self.demo_button.setEnabled(False)
        self.empty_button.setEnabled(False)
        self.status.setText(t("queue.welcome_building"))
        self.setCursor(Qt.CursorShape.BusyCursor)

    def _open_demo_separately(self) -> None:
        self.question = None
        self.choice = "separate"
        self._busy()
        target = free_folder(Path(self.workspace.path).parent / t("window.demo_folder"))
        self.separate_path = target
        run_in_background(
            lambda: self.separate_builder(target), self._built_separately, self._failed, serial=True
        )

    def _built_separately(self, folder: Path) -> None:
        if not isValid(self):
            return
        self.unsetCursor()
        self.accept()
        self.separateDemoReady.emit(Path(folder))
        if self.open_workspace is not None:
            self.open_workspace(Path(folder))

    def _replace_with_demo(self) -> None:
        """Fill this workspace with the demo; when it holds work, everything that would be
        overwritten is backed up first (and a failed backup stops the replacement)."""
        self.question = None
        if any(workspace_work(self.workspace)):
            try:
                self.backup_path = backup_logic.backup_before_replace(self.workspace)
            except OSError as exc:
                self.status.setText(t("window.welcome_backup_failed", detail=str(exc)))
                return
        self.choice = "demo"
        self._busy()
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
        if self.backup_path is not None:
            self.status.setText(t("window.welcome_backed_up", path=str(self.backup_path)))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.unsetCursor()
        self.status.setText(t("queue.welcome_demo_failed", detail=str(exc)))
        self.empty_button.setEnabled(True)
        self.demo_button.setEnabled(True)
