"""Autosave survives a hard kill: a real editor process types, then dies by SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from sumbar_studio.core.model import Post
from sumbar_studio.core.workspace import Workspace
from sumbar_studio.ui.compose.journal import SessionJournal

TYPED = "Padang, Senin (7/12/2026) - Rapat paripurna DPRD Sumbar dibuka pukul 09.00 WIB."

CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtTest import QTest
    from sumbar_studio.core.settings import AppSettings
    from sumbar_studio.core.workspace import Workspace
    from sumbar_studio.ui.app import create_application
    from sumbar_studio.ui.main_window import MainWindow

    app = create_application([])
    ws = Workspace.open(sys.argv[1])
    window = MainWindow(ws, AppSettings(user_name="Rina Marlina"))
    window.show()
    window.open_post(int(sys.argv[2]))
    edit = window.compose.editor.master
    edit.setFocus()
    QTest.keyClicks(edit, sys.argv[3])
    print("TYPED", window.compose.session.autosave_ms, flush=True)
    app.exec()
    """
)


def _saved_caption(ws_path, post_id: int) -> str | None:
    import sqlite3

    from sumbar_studio.core.store.schema import sqlite_uri

    conn = sqlite3.connect(sqlite_uri(ws_path / "sumbar.db", "ro"), uri=True, timeout=5)
    try:
        row = conn.execute("SELECT caption FROM posts WHERE id = ?", (post_id,)).fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        conn.close()
    return row[0] if row else None


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_autosave_survives_sigkill(tmp_path):
    ws_path = tmp_path / "ws"
    with Workspace.open(ws_path) as ws:
        post_id = ws.posts.add(Post(title="Paripurna", platforms=["instagram"]), "tester").id
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ws_path), str(post_id), TYPED],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = child.stdout.readline()  # blocks until the text is typed (or the child died)
        assert line.startswith("TYPED"), child.stderr.read()
        debounce_s = int(line.split()[1]) / 1000
        time.sleep(debounce_s + 0.7)  # the autosave debounce has passed
        # on a loaded machine the child's event loop may lag: wait (bounded) for the autosave
        # to reach the database, read from this process, before the kill
        deadline = time.monotonic() + 20
        while _saved_caption(ws_path, post_id) != TYPED and time.monotonic() < deadline:
            time.sleep(0.2)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    with Workspace.open(ws_path) as ws:
        assert ws.posts.get(post_id).caption == TYPED
    # the open-session marker survived the kill: the next start knows it was unclean, and
    # knows nothing is left to restore (the autosave got everything)
    previous = SessionJournal().take_previous()
    assert previous and all(entry.saved for entry in previous)
