"""The excepthook's report dialog: an unexpected error is never silent, also when the app is not
in front (no active window), which is when an officer has switched to the browser."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from sumbar_studio.ui import excepthook

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def logged(tmp_path, monkeypatch):
    monkeypatch.setattr(excepthook, "log_path", lambda: tmp_path / "sumbar-studio.log")
    monkeypatch.setattr(excepthook, "_dialog_open", False)
    yield


def _reports() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "errorReportDialog" and w.isVisible()
    ]


def test_the_report_stays_on_screen_without_an_active_window(qtbot, logged, monkeypatch):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(QApplication, "activeWindow", staticmethod(lambda: None))
    try:
        raise RuntimeError("server hilang")
    except RuntimeError as exc:
        excepthook.report_exception(type(exc), exc, exc.__traceback__)
    gc.collect()  # nothing but the hook keeps the box alive
    qtbot.waitUntil(lambda: bool(_reports()), timeout=5_000)
    box = _reports()[0]
    assert "server hilang" in box.detailedText()
    box.close()
    qtbot.waitUntil(lambda: not excepthook._dialog_open, timeout=5_000)
    assert excepthook._open_box is None
