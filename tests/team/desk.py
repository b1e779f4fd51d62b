"""Another desk, in a process of its own (used by test_team_live_ui.py and for screenshots).

python tests/team/desk.py approve <conninfo> <post_id>
    Open the team workspace on that login and approve the post through the core API
    (the server takes the approver's name and NIP from its staff table). Prints
    "approved <post_id>".
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path


def approve(conninfo: str, post_id: int) -> int:
    from sumbar_studio.core.model import Approval
    from sumbar_studio.core.store.postgres.workspace import TeamWorkspace

    with (
        tempfile.TemporaryDirectory() as desk,
        TeamWorkspace.open(conninfo, cache_dir=Path(desk)) as ws,
    ):
        seen = ws.posts.get(post_id)
        approval = Approval("-", "-", "-", datetime.now(UTC), seen.content_hash())
        ws.posts.approve(post_id, approval, ws.login())
    print("approved", post_id, flush=True)
    return 0


def window(conninfo: str, geometry: str, name: str, steps: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from sumbar_studio.core.settings import AppSettings
    from sumbar_studio.core.store.postgres.workspace import TeamWorkspace
    from sumbar_studio.ui.main_window import MainWindow

    app = QApplication([])
    desk = tempfile.mkdtemp(prefix="desk-")
    ws = TeamWorkspace.open(conninfo, cache_dir=Path(desk))
    win = MainWindow(ws, AppSettings(user_name=name))
    x, y, w, h = (int(v) for v in geometry.split(","))
    win.setMinimumSize(600, 480)
    win.setGeometry(x, y, w, h)
    win.setWindowTitle(f"{name} — {ws.label()}")
    win.show()

    def run(what: str, post_id: int, text: str) -> None:
        queue = win.queue
        if what == "open":
            win.open_post(post_id)
        elif what == "title":
            win.compose.session.edit("title", text)
            win.compose.session.flush()
        elif what == "list":
            win.tabs.setCurrentWidget(queue)
            queue.set_view("list")
            queue.select_post(post_id)
        elif what == "comments":
            queue.select_post(post_id)
            queue.panel.show_comments()
        elif what == "approve":
            from datetime import UTC, datetime

            from sumbar_studio.core.model import Approval

            seen = ws.posts.get(post_id)
            ws.posts.approve(
                post_id, Approval("-", "-", "-", datetime.now(UTC), seen.content_hash()), name
            )
            win.events.posts_changed([post_id], "queue")
        elif what == "quit":
            win.close()
            app.quit()
        print(what, post_id, flush=True)

    for step in steps:
        at, what, *rest = step.split(":", 3)
        post_id = int(rest[0]) if rest else 0
        text = rest[1] if len(rest) > 1 else ""
        QTimer.singleShot(int(float(at) * 1000), lambda w=what, p=post_id, t=text: run(w, p, t))
    code = app.exec()
    ws.close()
    return code


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "approve":
        return approve(argv[1], int(argv[2]))
    if len(argv) >= 4 and argv[0] == "window":
        return window(argv[1], argv[2], argv[3], argv[4:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
