"""One excepthook: every unexpected error goes to a rotating log file and a report dialog.

Domain errors (SumbarError) show their Indonesian message; anything else shows a short
apology with the technical detail folded away and the log path, never a silent crash.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from platformdirs import user_log_dir

from ..core.errors import SumbarError
from ..core.fileutil import ensure_dir
from ..core.i18n import t

log = logging.getLogger("sumbar_studio")
_dialog_open = False
#: the report dialog on screen: a box without a parent (the app not in front, no active window)
#: would otherwise be deleted with its Python wrapper the moment this function returns
_open_box = None


def log_path() -> Path:
    folder = ensure_dir(Path(user_log_dir("SumbarStudio", appauthor=False)), private=True)
    return folder / "sumbar-studio.log"


def setup_logging(path: Path | None = None) -> Path:
    """The rotating, private log file (once; called after the first paint and by the hook)."""
    from .logfile import PrivateRotatingFileHandler

    path = path or log_path()
    if not any(isinstance(h, PrivateRotatingFileHandler) for h in log.handlers):
        handler = PrivateRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


def report_exception(exc_type, exc, tb) -> None:
    """Log and show an error. Safe to call from the GUI thread only."""
    global _dialog_open
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    try:
        setup_logging()  # the file may not be open yet (it opens after the first paint)
    except OSError:
        pass  # no log folder: the dialog still shows the error
    log.error("Unhandled error:\n%s", text)
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance()
    if app is None or _dialog_open:
        sys.__excepthook__(exc_type, exc, tb)
        return
    parent = QApplication.activeWindow() or next(
        (w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()), None
    )
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(t("ui.error_title"))
    if isinstance(exc, SumbarError):
        box.setText(exc.user_message())
    else:
        box.setText(t("ui.error_unexpected"))
        box.setInformativeText(t("ui.error_logged", path=str(log_path())))
        box.setDetailedText(text)
    box.setObjectName("errorReportDialog")
    global _open_box
    _dialog_open = True
    _open_box = box

    def closed(_result):
        global _dialog_open, _open_box
        _dialog_open = False
        _open_box = None

    box.finished.connect(closed)
    box.open()  # non-blocking: tests never hang on it


def install() -> None:
    """The hook at once; the log file once the window is up (the hook opens it itself if an
    error comes first)."""
    sys.excepthook = report_exception
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, setup_logging)
