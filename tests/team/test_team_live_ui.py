"""Live on every desk, in the window: other desks' saves, submissions, approvals, reschedules,
presence ("Sedang disunting oleh …"), comments with @mention and "Minta perbaikan" reach an
open queue and compose page without a reload (real server, real windows, qtbot)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sumbar_studio.core.errors import InvalidInput
from sumbar_studio.core.model import Action, Approval, Post, Status
from sumbar_studio.core.settings import AppSettings
from sumbar_studio.core.store.postgres.workspace import TeamWorkspace
from sumbar_studio.ui.events import ORIGIN_REMOTE
from sumbar_studio.ui.main_window import MainWindow

WAIT = 15_000  # ms: generous for a loaded machine (bench_team.py measures the latency)
#: dialogs and the @-completion popup on the offscreen platform
pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", r"does not support raise\(\)", "grabbing the keyboard"
)
NAMES = {"rina": "Rina Marlina", "budi": "Budi Santoso", "kabag": "Hj. Kepala"}


@pytest.fixture
def desks(team_db, tmp_path, qtbot):
    """open(login) -> a main window on that person's own login, listening."""
    opened = []

    def open_(login: str) -> MainWindow:
        ws = TeamWorkspace.open(team_db.conninfo(login), cache_dir=tmp_path / f"desk-{login}")
        window = MainWindow(ws, AppSettings(user_name=NAMES.get(login, login)))
        qtbot.addWidget(window)
        window.show()
        opened.append((window, ws))
        assert window.live is not None
        qtbot.waitUntil(lambda: window.live.resync_count >= 1, timeout=WAIT)
        window.compose  # noqa: B018 - built now, not by the warm-up after the test
        return window

    yield open_
    for window, ws in opened:
        window.close()
        assert not window.live.running
        ws.close()


def _review_post(team_db, title="Paripurna DPRD", **kw) -> tuple:
    rina = team_db.desk("rina")
    post = rina.posts.add(
        Post(title=title, caption="Rapat paripurna APBD 2027.", platforms=["instagram"], **kw),
        "Rina Marlina",
    )
    return rina, rina.posts.transition(post.id, Action.SUBMIT, "Rina Marlina")


def _approve(team_db, post_id: int) -> Post:
    kabag = team_db.desk("kabag")
    seen = kabag.posts.get(post_id)
    approval = Approval("x", "x", "x", datetime.now(UTC), seen.content_hash())
    return kabag.posts.approve(post_id, approval, "Hj. Kepala")


def _list_status(window, post_id: int) -> Status | None:
    model = window.queue.list_model
    row = model.row_of(post_id)
    summary = model.summary(row) if row >= 0 else None
    return summary.status if summary is not None else None


def test_a_local_workspace_has_no_feed(qtbot, workspace):
    window = MainWindow(workspace, AppSettings())
    qtbot.addWidget(window)
    assert window.live is None and window.queue.live is None
    assert window.compose.live is None  # built now, not by the warm-up after the test
    assert window.queue.mentions.isHidden()


def test_other_desks_changes_reach_the_open_queue_and_compose_page(team_db, desks, qtbot):
    rina, post = _review_post(team_db)
    window = desks("budi")
    window.queue.set_view("list")
    window.compose.load_post(post.id)
    seen = []
    window.events.postsChanged.connect(lambda ids, origin: seen.append((ids, origin)))
    assert _list_status(window, post.id) == Status.REVIEW

    _approve(team_db, post.id)  # Kabag's desk
    qtbot.waitUntil(lambda: _list_status(window, post.id) == Status.APPROVED, timeout=WAIT)
    qtbot.waitUntil(lambda: window.compose.session.post.status == Status.APPROVED, timeout=WAIT)
    assert ([post.id], ORIGIN_REMOTE) in seen
    assert "Hj. Kepala" in window.queue.panel.meta.text() or window.queue.panel.post is None

    when = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
    rina.posts.reschedule(post.id, when, "Rina Marlina")  # a reschedule elsewhere
    qtbot.waitUntil(lambda: window.compose.session.post.scheduled_at == when, timeout=WAIT)
    rina.posts.transition(post.id, Action.SCHEDULE, "Rina Marlina")
    qtbot.waitUntil(lambda: _list_status(window, post.id) == Status.SCHEDULED, timeout=WAIT)

    other = rina.posts.add(
        Post(title="Reses", caption="Reses anggota.", platforms=["instagram"]), "Rina Marlina"
    )  # a new post appears too
    qtbot.waitUntil(lambda: window.queue.list_model.row_of(other.id) >= 0, timeout=WAIT)
    other.caption = "Reses anggota dewan di Padang."
    rina.posts.save(other, "Rina Marlina")  # a plain save reaches an open compose page
    window.compose.load_post(other.id)
    fresh = rina.posts.get(other.id)
    fresh.caption = "Reses anggota dewan di Kota Padang."
    rina.posts.save(fresh, "Rina Marlina")
    qtbot.waitUntil(
        lambda: window.compose.session.post.caption == "Reses anggota dewan di Kota Padang.",
        timeout=WAIT,
    )
    assert not window.compose.session.dirty


def test_unsaved_edits_are_kept_and_the_stale_save_is_refused(team_db, desks, qtbot):
    rina, post = _review_post(team_db)
    window = desks("budi")
    page = window.compose
    page.session.autosave_ms = 60_000  # the officer is still typing: nothing saved yet
    page.session.max_wait_ms = 120_000
    page.load_post(post.id)
    window.tabs.setCurrentWidget(page)
    page.session.edit("caption", "Versi Budi.")
    assert page.session.dirty
    seen = []
    window.events.postsChanged.connect(lambda ids, origin: seen.append((ids, origin)))

    theirs = rina.posts.get(post.id)
    theirs.caption = "Versi Rina."
    rina.posts.save(theirs, "Rina Marlina")
    # the change arrives; the page keeps Budi's unsaved text (no silent reload)...
    qtbot.waitUntil(lambda: ([post.id], ORIGIN_REMOTE) in seen, timeout=WAIT)
    assert page.session.post.caption == "Versi Budi." and page.session.dirty
    # ...and his save is refused with the choice banner, never written over Rina's
    assert page.session.save_now() is False
    assert page.session.stale and page.banner.isVisible()
    assert page.reload_button.isVisible() and page.overwrite_button.isVisible()
    assert rina.posts.get(post.id).caption == "Versi Rina."


def test_presence_shows_who_is_editing_and_is_sent_while_a_post_is_open(team_db, desks, qtbot):
    rina, post = _review_post(team_db)
    window = desks("rina")
    window.queue.set_view("list")
    window.queue.select_post(post.id)
    page = window.compose
    page.load_post(post.id)
    budi = team_db.repository("budi")

    # Rina's desk sends heartbeats for the open post, by her staff name
    qtbot.waitUntil(lambda: budi.editors(post.id) == ["Rina Marlina"], timeout=WAIT)
    assert page.presence_note.isHidden()  # nobody else has it open

    budi.heartbeat(post.id)  # Budi opens it on his desk
    qtbot.waitUntil(lambda: not page.presence_note.isHidden(), timeout=WAIT)
    assert page.presence_note.text().startswith("Sedang disunting oleh Budi Santoso")
    model = window.queue.list_model
    index = model.index(model.row_of(post.id), model.COLUMNS.index("title"))
    assert index.data().startswith("✎ ")
    assert "Sedang disunting oleh Budi Santoso" in window.queue.panel.meta.text()
    assert window.queue.week_view.editing == {post.id: ["Budi Santoso"]}  # the week's card

    budi.stop_editing(post.id)  # and closes it: no hard lock, no marker left
    qtbot.waitUntil(page.presence_note.isHidden, timeout=WAIT)
    assert not model.index(model.row_of(post.id), 1).data().startswith("✎")

    page.new_post()  # Rina moves on: her session for the post ends
    qtbot.waitUntil(lambda: budi.editors(post.id) == [], timeout=WAIT)


def test_a_comment_with_a_mention_reaches_the_person_mentioned(team_db, desks, qtbot):
    rina, post = _review_post(team_db)
    kabag = desks("kabag")
    budi = desks("budi")
    assert budi.queue.mentions.text() == "@ Disebut untuk saya (0)"

    kabag.queue.set_view("list")
    kabag.queue.select_post(post.id)
    thread = kabag.queue.panel.comments
    box = thread.input
    box.setFocus()
    qtbot.keyClicks(box, "Tolong cek foto, @bu")
    completer = box.completer_
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Budi Santoso (@budi)"  # a name, from the staff list
    box.insert_completion(completer.currentCompletion())
    assert box.text() == "Tolong cek foto, @budi "
    qtbot.keyClicks(box, "ya")
    assert thread.send()
    assert "@Budi Santoso" in thread.plain_text()  # names, not logins

    # Budi's queue counts it and opens the thread from the badge
    qtbot.waitUntil(lambda: budi.queue.mentions.text() == "@ Disebut untuk saya (1)", timeout=WAIT)
    budi.queue.set_view("list")
    budi.queue.mentions.menu().actions()[0].trigger()
    assert budi.queue.panel.post.id == post.id
    assert budi.queue.panel.detail_tabs.currentWidget() is budi.queue.panel.comments
    assert "Tolong cek foto" in budi.queue.panel.comments.plain_text()
    # and an open thread on another desk follows new comments
    team_db.repository("budi").add_comment(post.id, "Sudah saya ganti.")
    qtbot.waitUntil(lambda: "Sudah saya ganti." in thread.plain_text(), timeout=WAIT)


def test_an_unknown_mention_is_explained_not_sent(team_db, desks, qtbot):
    _rina, post = _review_post(team_db)
    window = desks("kabag")
    window.queue.set_view("list")
    window.queue.select_post(post.id)
    thread = window.queue.panel.comments
    thread.input.setText("Cek @siapa")
    assert not thread.send()
    assert not thread.error.isHidden() and "@siapa" in thread.error.text()
    assert team_db.repository("kabag").comments(post.id) == []


def test_request_changes_needs_a_reason_and_sends_the_post_back(team_db, desks, qtbot):
    _rina, post = _review_post(team_db)
    officer = desks("rina")
    approver = desks("kabag")
    officer.queue.set_view("list")
    officer.queue.select_post(post.id)
    approver.queue.set_view("list")
    approver.queue.select_post(post.id)

    dialog = approver.queue.request_action(post.id, Action.REQUEST_CHANGES)
    assert not dialog.ok_button().isEnabled()  # a reason is required
    dialog.comment.setPlainText("Foto kurang jelas, ganti dengan yang baru.")
    assert dialog.ok_button().isEnabled()
    dialog.accept()
    assert team_db.desk("kabag").posts.get(post.id).status == Status.DRAFT
    history = approver.queue.panel.history_model
    assert any(
        "Foto kurang jelas" in (history.index(r, 6).data() or "") for r in range(history.rowCount())
    )
    assert "Minta perbaikan: Foto kurang jelas" in approver.queue.panel.comments.plain_text()
    # the officer's open queue shows it back in draft, with the reason in the thread
    qtbot.waitUntil(lambda: _list_status(officer, post.id) == Status.DRAFT, timeout=WAIT)
    qtbot.waitUntil(
        lambda: "Foto kurang jelas" in officer.queue.panel.comments.plain_text(), timeout=WAIT
    )


def test_request_changes_works_the_same_on_a_local_workspace(qtbot, workspace):
    """One officer and a local approver: a reason is required, shown in history and thread."""
    post = workspace.posts.add(
        Post(title="Reses", caption="Reses anggota dewan.", platforms=["instagram"]), "Rina"
    )
    workspace.posts.transition(post.id, Action.SUBMIT, "Rina")
    with pytest.raises(InvalidInput) as err:
        workspace.posts.transition(post.id, Action.REQUEST_CHANGES, "Kabag", comment="  ")
    assert "alasan" in err.value.user_message()
    window = MainWindow(workspace, AppSettings(user_name="Kabag"))
    qtbot.addWidget(window)
    window.compose  # noqa: B018 - built now, not by the warm-up after the test
    window.queue.set_view("list")
    window.queue.select_post(post.id)
    dialog = window.queue.request_action(post.id, Action.REQUEST_CHANGES)
    dialog.comment.setPlainText("Sumber belum ditulis.")
    dialog.accept()
    assert workspace.posts.get(post.id).status == Status.DRAFT
    assert workspace.posts.history(post.id)[-1].detail == {"comment": "Sumber belum ditulis."}
    thread = window.queue.panel.comments
    assert "Minta perbaikan: Sumber belum ditulis." in thread.plain_text()
    assert thread.input.isHidden()  # comments themselves: team workspaces


def test_a_shared_file_changed_elsewhere_reaches_the_desk(team_db, desks, qtbot, tmp_path):
    window = desks("rina")
    changed = []
    window.events.settingsChanged.connect(lambda: changed.append(True))
    with TeamWorkspace.open(team_db.conninfo("kabag"), cache_dir=tmp_path / "kabag") as other:
        settings = other.team_settings()
        settings.city = "Bukittinggi"
        other.save_team_settings(settings)
    qtbot.waitUntil(lambda: bool(changed), timeout=WAIT)
    assert window.workspace.team_settings().city == "Bukittinggi"


def test_after_a_lost_connection_the_window_reads_everything_again(team_db, desks, qtbot):
    _rina, post = _review_post(team_db)
    window = desks("budi")
    window.queue.set_view("list")
    assert _list_status(window, post.id) == Status.REVIEW  # read before the connection drops
    owner = team_db.connect()
    owner.execute(  # the server drops every connection of Budi's desk (a restart, a cable)
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE usename = 'budi' AND datname = current_database()"
    )
    _approve(team_db, post.id)  # meanwhile: this notification never reaches Budi
    qtbot.waitUntil(lambda: window.live.resync_count >= 2, timeout=WAIT)
    qtbot.waitUntil(lambda: _list_status(window, post.id) == Status.APPROVED, timeout=WAIT)


def test_two_desks_in_two_processes_an_approval_shows_without_reload(team_db, desks, qtbot):
    """The window under test is Rina's; Kabag approves from his own process and login."""
    _rina, post = _review_post(team_db)
    window = desks("rina")
    window.queue.set_view("list")
    window.queue.select_post(post.id)
    window.compose.load_post(post.id)
    assert _list_status(window, post.id) == Status.REVIEW
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    other = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("desk.py")),
            "approve",
            team_db.conninfo("kabag"),
            str(post.id),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert other.returncode == 0, other.stderr
    assert other.stdout.split() == ["approved", str(post.id)]
    qtbot.waitUntil(lambda: _list_status(window, post.id) == Status.APPROVED, timeout=WAIT)
    qtbot.waitUntil(lambda: "Hj. Kepala" in window.queue.panel.meta.text(), timeout=WAIT)
    assert window.compose.session.post.status == Status.APPROVED
    assert window.compose.session.post.approval.approver == "Hj. Kepala"


def test_a_schedule_moved_on_another_desk_moves_in_the_week(team_db, desks, qtbot):
    start = datetime.now(UTC).replace(hour=3, minute=0, second=0, microsecond=0)
    rina, post = _review_post(team_db, scheduled_at=start)
    window = desks("budi")
    window.queue.set_view("week")
    ids = lambda: [s.id for s in window.queue.week_model.summaries()]  # noqa: E731
    assert post.id in ids()
    rina.posts.reschedule(post.id, start + timedelta(days=21), "Rina Marlina")
    qtbot.waitUntil(lambda: post.id not in ids(), timeout=WAIT)


def test_the_open_post_keeps_its_heartbeat_and_is_released_on_stop(team_db, qtbot):
    """The feed thread renews the open post's heartbeat (every 30 s in the app) on a connection
    of its own, and says stop_editing when the desk stops."""
    from sumbar_studio.ui.live import FeedThread

    _rina, post = _review_post(team_db)
    owner = team_db.connect()

    def beat():
        row = owner.execute(
            "SELECT heartbeat_at FROM sumbar.editing_sessions WHERE post_id = %s AND login = %s",
            (post.id, "budi"),
        ).fetchone()
        return row[0] if row else None

    worker = FeedThread(team_db.conninfo("budi"), heartbeat_s=0.3, poll_s=0.05)
    worker.set_editing(post.id)
    worker.start()
    try:
        qtbot.waitUntil(lambda: beat() is not None, timeout=WAIT)
        first = beat()
        qtbot.waitUntil(lambda: beat() is not None and beat() > first, timeout=WAIT)
    finally:
        worker.stop()
    assert not worker.isRunning()
    assert beat() is None  # released: nobody sees Budi editing it any more


def test_an_inbox_entry_recorded_at_another_desk_shows_in_the_open_inbox(team_db, desks, qtbot):
    from sumbar_studio.core.inbox.service import InboxService

    window = desks("kabag")
    page = window.inbox  # the Kotak Masukan page, built
    before = page.model.rowCount()
    other = TeamWorkspace.open(team_db.conninfo("rina"), cache_dir=team_db.pg.server.root / "rina")
    try:
        entry = InboxService(other).quick_add(
            "Instagram @uda_padang: kapan jadwal reses Dapil II?", actor="Rina Marlina"
        )
    finally:
        other.close()
    qtbot.waitUntil(lambda: page.model.row_of(entry.id) >= 0, timeout=WAIT)
    assert page.model.rowCount() == before + 1
