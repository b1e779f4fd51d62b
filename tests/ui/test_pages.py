"""The main window speaks to its pages through ui/pages.py's Page protocol."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QApplication

from sumbar_studio.core.settings import AppSettings
from sumbar_studio.ui.background import wait_for_background
from sumbar_studio.ui.pages import Page


@pytest.fixture
def main_window(qtbot, workspace):
    from sumbar_studio.ui.main_window import MainWindow

    window = MainWindow(workspace, AppSettings(user_name="Rina Marlina"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.compose.shutdown()
    wait_for_background()


def test_every_page_of_the_window_keeps_the_page_protocol(qtbot, main_window):
    pages = [main_window.queue, main_window.compose, main_window.inbox]
    gc.collect()
    QApplication.processEvents()
    for page in pages:
        assert isinstance(page, Page), type(page).__name__
    assert main_window.compose.docks() == [main_window.compose.checklist]
    assert main_window.queue.docks() == [] and main_window.inbox.docks() == []


def test_stop_background_stops_the_inbox_checks(qtbot, main_window):
    inbox = main_window.inbox
    inbox.start_background()
    QApplication.processEvents()
    assert inbox._timer.isActive()
    inbox.stop_background()
    assert not inbox._timer.isActive()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # a dialog shown offscreen
def test_pages_open_settings_through_the_window(qtbot, main_window):
    dialog = main_window.compose.open_brand_settings()
    gc.collect()
    QApplication.processEvents()
    assert dialog is not None and dialog.tabs.currentWidget() is dialog.brand
    dialog.reject()
    QApplication.processEvents()
