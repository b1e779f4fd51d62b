"""Start-up of the window: the queue first; the compose page, the checklist engine and the card
renderer later (in the background after the first paint, or when first needed)."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

from sumbar_studio.core.settings import AppSettings
from sumbar_studio.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]

_CHILD = """
import json, sys
from PySide6.QtCore import QTimer
from sumbar_studio.core.settings import AppSettings
from sumbar_studio.core.workspace import Workspace
from sumbar_studio.ui.app import create_application
from sumbar_studio.ui.main_window import MainWindow
app = create_application([])
ws = Workspace.open(sys.argv[1])
w = MainWindow(ws, AppSettings(user_name="Rina"))
w.show()
report = {"at_show": sorted(sys.modules), "built_at_show": w._compose is not None,
          "current": w.tabs.currentWidget().objectName(),
          "quick_scan": getattr(sys.modules["shibokensupport.feature"]._mod_uses_pyside,
                                "_sumbar_quick", False)}
def poll():
    if w._compose is not None:
        report["built_later"] = True
        w.compose.shutdown()
        from sumbar_studio.ui.background import wait_for_background
        wait_for_background()
        print(json.dumps(report)); app.quit()
    else:
        QTimer.singleShot(20, poll)
QTimer.singleShot(0, poll)
QTimer.singleShot(60000, app.quit)
app.exec()
"""


def test_window_shows_the_queue_before_loading_the_editor_and_the_engines(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SUMBAR_CONFIG_DIR=str(tmp_path / "cfg"))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tmp_path / "ws")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["current"] == "queuePage" or report["current"]
    assert not report["built_at_show"]
    loaded = report["at_show"]
    for heavy in (
        "sumbar_studio.ui.compose.page",
        "sumbar_studio.core.checks.engine",
        "sumbar_studio.core.checks.textrules",
        "jinja2",
        "spylls",
        "marisa_trie",
        "babel",
        "concurrent.futures.process",
        "sumbar_studio.ui.inbox.page",
        "sumbar_studio.core.inbox.service",
        "sumbar_studio.core.inbox.guess",
        "logging.handlers",  # the log file opens after the first paint (ui/logfile.py)
        # what only a later action needs (#14: the window to interactive <= 2x an empty one)
        "PySide6.QtPrintSupport",  # the plan's preview, PDF and printer
        "sumbar_studio.ui.queue.printing",
        "sumbar_studio.ui.ask",  # question boxes
        "sumbar_studio.ui.queue.comments",  # a post's comment thread (built with a post)
        "sumbar_studio.ui.live",  # a team workspace's change feed
        "sumbar_studio.ui.widgets.inputs",  # the editor's inputs
        "sumbar_studio.ui.compose.journal",  # only journal_path is asked at start
        "hashlib",  # OpenSSL: the first content hash or photo
        "html.entities",  # the first post's details
        "sumbar_studio.core.backup",  # the daily backup runs once the window is up
    ):
        assert heavy not in loaded, heavy
    assert report["quick_scan"]  # PySide6's per-module check reads bytes (sumbar_studio.qtimport)
    assert report["built_later"]  # built once idle, without anyone asking


def test_compose_page_built_when_its_tab_is_chosen(qtbot, workspace):
    window = MainWindow(workspace, AppSettings())
    qtbot.addWidget(window)
    window.show()
    assert window._compose is None and window.tabs.currentWidget() is window.queue
    window.tabs.setCurrentIndex(1)
    gc.collect()
    qtbot.wait(1)
    assert window._compose is not None
    assert window.tabs.currentWidget() is window._compose
    assert window.compose.checklist.isVisible() and window.status_label.isVisible()
    assert window.tabs.count() == 3  # queue, compose, Kotak Masukan: the placeholder is gone
    window.compose.shutdown()


def test_compose_page_built_in_the_background_after_first_paint(qtbot, workspace):
    window = MainWindow(workspace, AppSettings())
    qtbot.addWidget(window)
    window.show()
    assert window._compose is None
    qtbot.waitUntil(lambda: window._compose is not None, timeout=30000)
    gc.collect()
    assert window.tabs.currentWidget() is window.queue  # the queue stays in front
    assert not window.compose.checklist.isVisible()
    assert window.tabs.widget(1) is window.compose
    window.compose.shutdown()


def test_dock_layout_restored_when_the_page_comes_later(qtbot, workspace):
    from PySide6.QtCore import Qt

    window = MainWindow(workspace, AppSettings())
    qtbot.addWidget(window)
    window.show()
    dock = window.compose.checklist
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.compose.shutdown()
    window.close()
    gc.collect()
    again = MainWindow(workspace, AppSettings.load())
    qtbot.addWidget(again)
    again.show()
    assert again._compose is None
    assert again.dockWidgetArea(again.compose.checklist) == Qt.DockWidgetArea.LeftDockWidgetArea
    again.compose.shutdown()


def test_unclean_previous_session_builds_the_editor_at_once(qtbot, workspace):
    from sumbar_studio.ui.compose.journal import FILE_NAME, journal_dir

    folder = journal_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILE_NAME).write_text(json.dumps({}), encoding="utf-8")
    window = MainWindow(workspace, AppSettings())
    qtbot.addWidget(window)
    assert window._compose is not None  # its recovery prompt belongs to start-up
    window.compose.shutdown()


def test_preview_work_starts_before_queued_thumbnails(qtbot):
    import threading

    from sumbar_studio.ui.background import run_in_background, wait_for_background

    gate = threading.Event()
    order: list[str] = []
    run_in_background(lambda: gate.wait(10), serial=True)  # the worker is busy
    for name in ("thumb-1", "thumb-2"):
        run_in_background(lambda n=name: order.append(n), serial=True, priority=-1)
    run_in_background(lambda: order.append("preview"), serial=True)
    gate.set()
    assert wait_for_background()
    qtbot.wait(1)
    assert order == ["preview", "thumb-1", "thumb-2"]


def test_no_editor_built_for_a_window_closed_before_idle(qtbot, workspace):
    from sumbar_studio.ui.background import wait_for_background

    window = MainWindow(workspace, AppSettings())
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(1)  # the warm-up starts after the first turn of the event loop
    window.close()
    assert wait_for_background()
    qtbot.wait(20)
    gc.collect()
    assert window._compose is None


def _overdue_entry(workspace) -> int:
    from datetime import timedelta

    from sumbar_studio.core.inbox import InboxService
    from sumbar_studio.core.inbox.model import Channel, Kind
    from sumbar_studio.core.timeutil import now_utc

    service = InboxService(workspace)
    entry = service.add(
        actor="Rina",
        channel=Channel.FACEBOOK,
        kind=Kind.COMPLAINT,
        sender="@warga",
        topic="Jalan rusak",
        text="Jalan rusak, kapan?",
        received_at=now_utc() - timedelta(days=30),
    )
    return entry.id


def test_inbox_page_built_when_its_tab_is_chosen_banner_counts_before(qtbot, workspace):
    _overdue_entry(workspace)
    window = MainWindow(workspace, AppSettings())
    qtbot.addWidget(window)
    window.show()
    assert window._inbox is None
    banner = window.queue.banner
    qtbot.waitUntil(lambda: banner.inbox_overdue == 1, timeout=5000)  # one COUNT query
    assert window._inbox is None and not banner.inbox_label.isHidden()
    window.tabs.setCurrentIndex(2)
    gc.collect()
    qtbot.wait(1)
    assert window._inbox is not None and window.tabs.currentWidget() is window.inbox
    assert window.inbox.overdue_count == 1 and banner.inbox_overdue == 1
    assert window.tabs.count() == 3
    assert window.tabs.tabText(2) == window.tabs.tabText(window.tabs.indexOf(window.inbox))
    assert not window._inbox_timer.isActive()  # the page checks from now on


def test_banner_link_builds_the_inbox_page(qtbot, workspace):
    _overdue_entry(workspace)
    window = MainWindow(workspace, AppSettings())
    qtbot.addWidget(window)
    window.show()
    banner = window.queue.banner
    qtbot.waitUntil(lambda: banner.inbox_overdue == 1, timeout=5000)
    banner.inbox_label.linkActivated.emit("#inbox")
    gc.collect()
    qtbot.wait(1)
    assert window._inbox is not None and window.tabs.currentWidget() is window.inbox


def test_card_thumbnails_wait_for_the_renderer_imported_off_the_gui_thread(
    qtbot, tmp_path, monkeypatch
):
    """The queue is shown without the card renderer and the export module; the first card
    thumbnail asks for them in the background, then the views are told to ask again."""
    from sumbar_studio.core.store.repository import PostQuery
    from sumbar_studio.core.workspace import Workspace
    from sumbar_studio.ui.queue import thumbnails as thumbnails_module

    # the realistic workspace of the compose demo (tooling beside the benchmarks)
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from compose_demo import build_workspace

    ws, post_id = build_workspace(tmp_path / "demo", photo_size=(800, 600))
    path = ws.path
    ws.close()
    workspace = Workspace.open(path)
    try:
        monkeypatch.setattr(thumbnails_module, "_card_modules", False)
        imported = []
        real = thumbnails_module._import_card_modules
        monkeypatch.setattr(
            thumbnails_module, "_import_card_modules", lambda: imported.append(1) or real()
        )
        cache = thumbnails_module.ThumbnailCache(workspace)
        summaries = workspace.posts.summaries(workspace.posts.ids(PostQuery()))
        summary = next(s for s in summaries if s.template_id)
        ready: list[int] = []
        cache.ready.connect(ready.append)
        assert cache.get(summary) is None and cache.get(summary) is None
        qtbot.waitUntil(lambda: summary.id in ready, timeout=10000)
        assert imported == [1] and thumbnails_module._card_modules  # imported once
        qtbot.waitUntil(lambda: cache.get(summary) is not None, timeout=10000)
        assert cache.get(summary).width() > 0
    finally:
        from sumbar_studio.ui.background import wait_for_background

        wait_for_background()
        workspace.close()


def test_month_view_built_when_first_shown(qtbot, workspace):
    window = MainWindow(workspace, AppSettings())
    qtbot.addWidget(window)
    window.show()
    queue = window.queue
    assert queue._month_view is None
    queue.set_view("month")
    gc.collect()
    qtbot.wait(1)
    assert queue._month_view is not None and queue.stack.currentWidget() is queue.month_view
    assert queue.current_view() == "month" and queue.stack.count() == 3
    queue.set_view("week")
    queue.set_view("month")
    assert queue.stack.currentWidget() is queue.month_view  # built once


def test_quick_pyside_check_answers_as_pyside_does():
    """PySide6 asks of every module imported after it whether its source names PySide6
    (``from __feature__`` support); sumbar_studio.qtimport answers from the file's bytes, and
    must give PySide6's own answer for every kind of module."""
    import importlib
    import json as json_module

    import PySide6.QtCore  # noqa: F401 - loads the feature module

    from sumbar_studio.qtimport import speed_up_pyside_imports

    assert speed_up_pyside_imports()
    feature = sys.modules["shibokensupport.feature"]
    quick = feature._mod_uses_pyside
    original = quick.__wrapped__
    modules = [
        importlib.import_module("sumbar_studio.ui.app"),  # names PySide6
        importlib.import_module("sumbar_studio.core.model"),  # does not
        importlib.import_module("sumbar_studio.ui.compose.journal_path"),
        json_module,  # the standard library
        importlib.import_module("codecs"),  # frozen into Python, its source file beside
        sys,  # built in: no source
        importlib.import_module("_sqlite3"),  # an extension module
        PySide6.QtCore,  # PySide6's own
    ]
    answers = [quick(m) for m in modules]
    assert answers == [original(m) for m in modules]
    assert answers[:2] == [True, False]
    assert speed_up_pyside_imports()  # installing twice keeps the one wrapper
    assert feature._mod_uses_pyside is quick
