"""Export bundles with a cancellable progress dialog.

The export runs on the serial background worker into a staging folder next to the target
(``.sumbar-export-<pid>-stage-…``, which core.export's sweep removes if the app is killed);
only a finished export is moved into place. Cancelling stops the export and removes the staging
folder, so a cancelled export leaves nothing behind — not even the bundles already finished.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout
from shiboken6 import isValid

from ...core.errors import SumbarError
from ...core.export import replace_dir
from ...core.i18n import t
from ..background import run_in_background


class _Progress(QObject):
    changed = Signal(int, int)


def move_into_place(results: list, stage: Path, out_dir: Path) -> list:
    """Move finished bundles (and zips) from ``stage`` into ``out_dir``; an existing bundle of
    the same name is replaced whole (moved aside, then deleted)."""
    from dataclasses import replace

    moved = []
    for result in results:
        target = out_dir / result.path.name
        replace_dir(result.path, target)  # old bundle kept until the new one is in place
        zip_path = None
        if result.zip_path is not None and result.zip_path.exists():
            zip_path = out_dir / result.zip_path.name
            os.replace(result.zip_path, zip_path)
        moved.append(replace(result, path=target, zip_path=zip_path))
    return moved


class ExportDialog(QDialog):
    exported = Signal(list)  # list[BundleResult], in place

    def __init__(
        self,
        workspace,
        posts: list,
        out_dir: Path,
        parent=None,
        *,
        allow_unapproved: bool = False,
        make_zip: bool = False,
        workers: int | None = 1,
        export_fn=None,
    ):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(t("queue.export_title"))
        self.setMinimumWidth(420)
        self.workspace = workspace
        self.posts = posts
        self.out_dir = Path(out_dir)
        self.allow_unapproved = allow_unapproved
        self.make_zip = make_zip
        self.workers = workers
        self._export_fn = export_fn
        self._cancel = threading.Event()
        self.stage: Path | None = None
        self.outcome: str = "pending"  # pending | done | cancelled | failed
        self.results: list = []
        self.error: str = ""
        layout = QVBoxLayout(self)
        self.label = QLabel(
            t("queue.export_running", count=len(posts), path=str(self.out_dir)), self
        )
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, max(1, len(posts)))
        self.bar.setValue(0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.cancel)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self._progress = _Progress(self)
        self._progress.changed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    # -- running ----------------------------------------------------------------------------
    def start(self) -> None:
        from ...core.export import TMP_PREFIX

        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self.stage = self.out_dir / f"{TMP_PREFIX}{os.getpid()}-stage-{time.time_ns()}"
            self.stage.mkdir()
        except OSError as exc:
            self._failed(
                SumbarError("queue.export_folder_failed", path=str(self.out_dir), detail=str(exc))
            )
            return
        export = self._export_fn
        if export is None:
            from ...core.export import export_posts as export
        stage = self.stage

        def work():
            return export(
                self.workspace,
                self.posts,
                stage,
                allow_unapproved=self.allow_unapproved,
                make_zip=self.make_zip,
                workers=self.workers,
                progress=lambda done, total: self._progress.changed.emit(done, total),
                cancel=self._cancel.is_set,
            )

        run_in_background(work, self._done, self._failed, serial=True)

    def cancel(self) -> None:
        """Ask the export to stop; the staging folder is removed when it has."""
        if self.outcome != "pending":
            self.reject()
            return
        self._cancel.set()
        self.label.setText(t("queue.export_cancelling"))
        self.buttons.setEnabled(False)

    def reject(self) -> None:  # Escape / window close = cancel
        if self.outcome == "pending" and self.stage is not None:
            self.cancel()
            return
        super().reject()

    def _on_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.label.setText(t("queue.export_progress", done=done, total=total))

    def _cleanup(self) -> None:
        if self.stage is not None and self.stage.exists():
            shutil.rmtree(self.stage, ignore_errors=True)

    def _done(self, results: list) -> None:
        if not isValid(self):  # the dialog is gone: leave nothing behind
            self._cleanup()
            return
        if self._cancel.is_set():  # finished just as the officer cancelled: honour the cancel
            self._cleanup()
            self.outcome = "cancelled"
            super().reject()
            return
        try:
            self.results = move_into_place(results, self.stage, self.out_dir)
        except OSError as exc:
            self._cleanup()
            self._failed(
                SumbarError("queue.export_folder_failed", path=str(self.out_dir), detail=str(exc))
            )
            return
        self._cleanup()
        self.outcome = "done"
        self.exported.emit(self.results)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):  # the dialog is gone: leave nothing behind
            self._cleanup()
            return
        self._cleanup()
        from ...core.export import ExportCancelled

        if isinstance(exc, ExportCancelled) or self._cancel.is_set():
            self.outcome = "cancelled"
            super().reject()
            return
        self.outcome = "failed"
        self.error = exc.user_message() if isinstance(exc, SumbarError) else str(exc)
        from ...core.export import ExportRefused

        if isinstance(exc, ExportRefused):  # a desktop user has no command-line option to pass
            unapproved = [
                p
                for p in self.posts
                if p.status.value not in ("approved", "scheduled", "published")
            ] or self.posts
            self.error = t(
                "window.export_refused",
                count=len(unapproved),
                posts="; ".join(f'"{p.title}"' for p in unapproved[:5]),
            )
        self.label.setText(self.error)
        self.label.setStyleSheet("color: #b01e23;")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.setEnabled(True)
