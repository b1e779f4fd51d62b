"""Screenshots of the list, week and month views on the demo workspace.

Writes to a temporary folder; with ``SUMBAR_SCREENSHOTS=1`` to docs/screenshots/
(queue-list.png, queue-week.png, queue-month.png).
"""

from __future__ import annotations

import os
from datetime import datetime, time
from pathlib import Path

import pytest

from sumbar_studio.core.timeutil import WIB, iso_week_of, now_utc, to_utc, week_days

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore("propagateSizeHints")]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    demo_module = pytest.importorskip("sumbar_studio.core.demo")
    path = tmp_path_factory.mktemp("demo") / "workspace"
    info = demo_module.build_demo_workspace(path, iso_week_of(now_utc()))
    return info


def test_queue_views_on_the_demo_workspace(qtbot, demo, tmp_path):
    from sumbar_studio.core.workspace import Workspace
    from sumbar_studio.ui.background import wait_for_background
    from sumbar_studio.ui.queue import QueuePage

    out = DOCS if os.environ.get("SUMBAR_SCREENSHOTS") == "1" else tmp_path
    wednesday = week_days(demo.year, demo.week)[2]
    clock = to_utc(datetime.combine(wednesday, time(10, 30), tzinfo=WIB))
    ws = Workspace.open(demo.path)
    try:
        page = QueuePage(ws, None, clock=lambda: clock, autostart=False)
        qtbot.addWidget(page)
        page.resize(1360, 860)
        page.show()
        qtbot.waitExposed(page)
        posts = ws.posts.list()
        page.select_post(posts[0].id)
        shots = {}
        for view in ("week", "list", "month"):
            page.set_view(view)
            if view == "week":
                page.week_view.grab()  # ask for the thumbnails
                wait_for_background()
                qtbot.wait(100)
            shots[view] = page.grab()
            target = out / f"queue-{view}.png"
            assert shots[view].save(str(target))
        assert page.week_model.rowCount() == len(posts)
        assert page.list_model.total() == len(posts)
    finally:
        ws.close()
