"""Live on every desk: a save on one connection reaches another through LISTEN/NOTIFY, and a
feed that lost its connection says so (Resync) so the desk re-reads what it shows."""

from __future__ import annotations

import time

import pytest

from sumbar_studio.core.errors import InvalidInput
from sumbar_studio.core.model import Action, Post
from sumbar_studio.core.store.postgres.listen import (
    ChangeFeed,
    CommentAdded,
    PostChanged,
    PresenceChanged,
    Resync,
)

WAIT = 5.0  # generous for a loaded CI machine; benchmarks/bench_team.py measures the latency


def _collect(feed, want, timeout=WAIT):
    """Events until ``want(events)`` holds or ``timeout`` passes."""
    got = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not want(got):
        got += feed.events(timeout=0.2)
    return got


def _feed(team_db, login="budi"):
    feed = ChangeFeed(team_db.conninfo(login), retry_delays=(0.05,))
    first = _collect(feed, lambda ev: ev)
    assert first == [Resync(reconnect=False)]  # the first connect also says: read everything
    return feed


def test_a_save_on_one_desk_reaches_the_other(team_db):
    feed = _feed(team_db)
    rina = team_db.desk("rina")
    post = rina.posts.add(Post(title="Paripurna", caption="Awal", platforms=["instagram"]), "rina")
    events = _collect(feed, lambda ev: any(isinstance(e, PostChanged) for e in ev))
    assert PostChanged(post.id, 1, "draft") in events
    post.caption = "Diubah"
    saved = rina.posts.save(post, "rina")
    rina.posts.transition(post.id, Action.SUBMIT, "rina")
    events = _collect(feed, lambda ev: len(ev) >= 2)
    assert events == [
        PostChanged(post.id, saved.version, "draft"),
        PostChanged(post.id, saved.version + 1, "review"),
    ]
    feed.close()


def test_nothing_is_announced_before_commit(team_db):
    feed = _feed(team_db)
    rina = team_db.repository("rina")
    with rina.transaction():
        post = rina.insert(
            Post(title="Belum", caption="Teks unggahan.", platforms=["instagram"]), "rina"
        )
        assert feed.events(timeout=0.3) == []
    assert PostChanged(post.id, 1, "draft") in _collect(feed, lambda ev: ev)
    feed.close()


def test_after_a_lost_connection_the_feed_reconnects_and_asks_for_a_reread(team_db):
    feed = _feed(team_db)
    owner = team_db.connect()
    owner.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE usename = 'budi' AND datname = current_database()"
    )
    # meanwhile Rina saves: this notification is lost for the disconnected desk...
    rina = team_db.desk("rina")
    post = rina.posts.add(
        Post(title="Saat terputus", caption="Teks unggahan.", platforms=["instagram"]), "rina"
    )
    events = _collect(feed, lambda ev: any(isinstance(e, Resync) for e in ev))
    # ...so the feed reports the reconnect, and a re-read shows the post
    assert Resync(reconnect=True) in events
    budi = team_db.desk("budi")
    assert budi.posts.get(post.id).title == "Saat terputus"
    # and it listens again
    post.caption = "Setelah sambung"
    rina.posts.save(post, "rina")
    events = _collect(feed, lambda ev: any(isinstance(e, PostChanged) for e in ev))
    assert PostChanged(post.id, 2, "draft") in events
    feed.close()


def test_an_unreachable_server_gives_no_events_and_no_crash(team_db):
    feed = ChangeFeed(team_db.conninfo("budi").replace("port=", "port=1"), retry_delays=(0.01,))
    assert feed.events(timeout=0.05) == [] and not feed.connected
    assert feed.last_error


def test_comments_mentions_and_presence_are_announced(team_db):
    feed = _feed(team_db, "kabag")
    rina = team_db.repository("rina")
    post = rina.insert(
        Post(title="Audiensi", caption="Teks unggahan.", platforms=["instagram"]), "rina"
    )
    comment = rina.add_comment(post.id, "@kabag mohon dicek", ["kabag"])
    rina.heartbeat(post.id)
    events = _collect(feed, lambda ev: len(ev) >= 3)
    assert CommentAdded(post.id, comment, ("kabag",)) in events
    assert PresenceChanged(post.id, "rina") in events
    kabag = team_db.repository("kabag")
    assert kabag.mentioning() == [post.id]
    assert [(c["person"], c["body"]) for c in kabag.comments(post.id)] == [
        ("Rina Marlina", "@kabag mohon dicek")
    ]
    assert kabag.editors(post.id) == ["Rina Marlina"]  # "Sedang disunting oleh Rina Marlina"
    assert rina.editors(post.id) == []  # not myself
    rina.stop_editing(post.id)
    assert kabag.editors(post.id) == []
    with pytest.raises(InvalidInput) as err:  # a mention names a person on the team
        rina.add_comment(post.id, "@kabg tolong", ["kabg"])
    assert '"@kabg" tidak ada di daftar pegawai' in str(err.value)
    assert len(kabag.comments(post.id)) == 1
    feed.close()


DESK_SCRIPT = """
import json, sys
from sumbar_studio.core.store.postgres.connection import connect
from sumbar_studio.core.store.postgres.listen import ChangeFeed, PostChanged, Resync
from sumbar_studio.core.store.postgres.repository import PostgresPostRepository

conninfo, post_id = sys.argv[1], int(sys.argv[2])
repo = PostgresPostRepository(connect(conninfo))
feed = ChangeFeed(conninfo)
shown = repo.get(post_id).status.value
while True:
    for event in feed.events(timeout=1.0):
        if isinstance(event, Resync):
            shown = repo.get(post_id).status.value  # re-read what the desk shows
            print("ready", shown, flush=True)
        elif isinstance(event, PostChanged) and event.post_id == post_id:
            post = repo.get(post_id)
            print(json.dumps({"status": post.status.value, "approver": post.approval.approver
                              if post.approval else None}), flush=True)
            if post.status.value == "approved":
                sys.exit(0)
"""


def test_two_desks_in_two_processes_see_an_approval_without_reloading(team_db):
    """Rina's desk (another process, her own login) shows the post; Kabag approves on his."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])  # this checkout's sources first
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}

    rina = team_db.desk("rina")
    post = rina.posts.add(
        Post(title="Paripurna", caption="APBD 2027", platforms=["instagram"]), "rina"
    )
    rina.posts.transition(post.id, Action.SUBMIT, "rina")
    desk = subprocess.Popen(
        [sys.executable, "-c", DESK_SCRIPT, team_db.conninfo("rina"), str(post.id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert desk.stdout.readline().split() == ["ready", "review"]
        kabag = team_db.desk("kabag")
        from datetime import UTC, datetime

        from sumbar_studio.core.model import Approval

        seen = kabag.posts.get(post.id)
        approval = Approval("x", "x", "x", datetime.now(UTC), seen.content_hash())
        kabag.posts.approve(post.id, approval, "kabag")
        line = desk.stdout.readline()
        assert json.loads(line) == {"status": "approved", "approver": "Hj. Kepala"}
        assert desk.wait(timeout=30) == 0
    finally:
        if desk.poll() is None:
            desk.kill()
        desk.communicate(timeout=30)


def test_a_live_approval_queue_follows_the_other_desks(team_db):
    """Kabag's "waiting for approval" list, kept current from the feed alone."""
    from sumbar_studio.core.model import Status
    from sumbar_studio.core.store.postgres.live import LiveQuery
    from sumbar_studio.core.store.protocol import PostQuery

    kabag = team_db.desk("kabag")
    feed = ChangeFeed(team_db.conninfo("kabag"), retry_delays=(0.05,))
    inbox = LiveQuery(kabag.repository, PostQuery(statuses=[Status.REVIEW], order="id"))

    def settle(want):
        return inbox.apply(_collect(feed, want))

    first = settle(lambda ev: ev)  # the feed's first Resync reads the list
    assert first.reloaded and inbox.rows == [] and inbox.loaded_at is not None
    rina = team_db.desk("rina")
    a = rina.posts.add(
        Post(title="Paripurna", caption="Teks unggahan.", platforms=["instagram"]), "rina"
    )
    b = rina.posts.add(
        Post(title="Reses", caption="Teks unggahan.", platforms=["instagram"]), "rina"
    )
    rina.posts.transition(b.id, Action.SUBMIT, "rina")
    update = settle(lambda ev: len(ev) >= 3)
    assert inbox.ids == [b.id] and update.changed == {b.id}
    edited = rina.posts.get(b.id)
    edited.title = "Reses Dapil Agam"
    rina.posts.save(edited, "rina")
    rina.posts.transition(a.id, Action.SUBMIT, "rina")
    update = settle(lambda ev: len(ev) >= 2)
    assert inbox.ids == [a.id, b.id] and update.changed == {a.id, b.id}
    assert [r.title for r in inbox.rows] == ["Paripurna", "Reses Dapil Agam"]
    kabag.posts.transition(a.id, Action.REQUEST_CHANGES, "kabag", comment="Tambah foto")
    update = settle(lambda ev: ev)
    assert inbox.ids == [b.id] and update.removed == {a.id}
    assert not inbox.apply([])  # nothing new, nothing to repaint
    feed.close()
