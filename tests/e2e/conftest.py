"""End-to-end tests print through Qt: give them the QApplication the desktop app would have,
so a QGuiApplication made for printing never blocks a later widget test in the same process."""

import pytest


@pytest.fixture(autouse=True)
def _qt_application(qapp):
    return qapp
