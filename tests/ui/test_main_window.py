"""The main window shell: pages, page-owned docks, layout remembered, start-up without args."""

from __future__ import annotations

import pytest

from sumbar_studio.core.settings import AppSettings
from sumbar_studio.ui.main_window import MainWindow


def test_docks_follow_their_page_and_layout_is_remembered(qtbot, workspace):
    window = MainWindow(workspace, AppSettings())
    qtbot.addWidget(window)
    window.show()
    dock = window.compose.checklist
    assert window.tabs.currentWidget() is window.queue and not dock.isVisible()
    assert not window.status_label.isVisible()
    window.tabs.setCurrentWidget(window.compose)
    assert dock.isVisible() and window.status_label.isVisible()
    window.tabs.setCurrentWidget(window.queue)
    assert not dock.isVisible() and not window.status_label.isVisible()
    window.resize(1300, 800)
    window.close()
    saved = AppSettings.load()
    assert saved.window_state["geometry"] and saved.last_workspace == str(workspace.path)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the first-run welcome, offscreen only
def test_no_subcommand_opens_the_window(monkeypatch, tmp_path, qapp):
    from PySide6.QtWidgets import QApplication

    from sumbar_studio import cli

    shown = []
    monkeypatch.setattr(
        QApplication,
        "exec",
        lambda self: (
            shown.append([w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible()])
            or 0
        ),
    )
    assert cli.main(["--workspace", str(tmp_path / "ws")]) == 0
    assert "mainWindow" in shown[0]
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()


def test_published_post_opens_read_only(qtbot, workspace):
    from datetime import UTC, datetime

    from sumbar_studio.core.model import Action, Approval, Post

    post = workspace.posts.add(
        Post(
            title="Paripurna",
            caption="Teks",
            platforms=["instagram"],
            scheduled_at=datetime(2026, 12, 7, 2, tzinfo=UTC),
        ),
        "rina",
    )
    workspace.posts.transition(post.id, Action.SUBMIT, "rina")
    stored = workspace.posts.get(post.id)
    workspace.posts.approve(
        post.id,
        Approval(
            "Kabag", "197001012000031001", "Kepala Bagian", datetime.now(UTC), stored.content_hash()
        ),
        "Kabag",
    )
    workspace.posts.transition(post.id, Action.SCHEDULE, "rina")
    workspace.posts.transition(post.id, Action.PUBLISH, "rina")
    window = MainWindow(workspace, AppSettings())
    qtbot.addWidget(window)
    window.show()
    window.open_post(post.id)
    page = window.compose
    assert not page.editor.isEnabled() and not page.card_panel.form_host.isEnabled()
    assert page.read_only_note.isVisible() and "Terbit" in page.read_only_note.text()
    window.new_post()
    assert page.editor.isEnabled() and not page.read_only_note.isVisible()
