"""Renamed rule ids on the team server (issue 11): the audit keeps what was written (append-only,
hash-chained) and history shows today's ids; server migrations are applied by number, gaps
allowed, each one the server has not recorded."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

import pytest

from sumbar_studio.core.errors import WorkspaceError
from sumbar_studio.core.model import Action, Approval, Post, Status
from sumbar_studio.core.services import PostService
from sumbar_studio.core.store.postgres.admin import (
    SERVER_SCHEMA_VERSION,
    StaffMember,
    create_login,
    ensure_roles,
    init_server,
    migrations,
    schema_matches,
    schema_version,
)
from sumbar_studio.core.store.postgres.connection import connect
from sumbar_studio.core.store.postgres.repository import PostgresPostRepository
from sumbar_studio.core.store.postgres.transfer import push
from sumbar_studio.core.store.postgres.workspace import TeamWorkspace
from sumbar_studio.core.workspace import Workspace

OLD = ["platform.length", "kartu.overflow", "kredibel"]  # two rules as an older app named them
NOW = ["platform.panjang", "kartu.tidak_muat", "kredibel"]


def _override(posts, post_id, actor="Kabag"):
    """Approve with an override, recording the rules overridden as an older app named them."""
    post = posts.get(post_id)
    approval = Approval(
        "Hj. Kepala",
        "197001012000031001",
        "Kepala Bagian",
        datetime.now(UTC),
        post.content_hash(),
        override_reason="Teks panjang disengaja untuk Facebook",
    )
    return posts.approve(post_id, approval, actor, overridden=OLD)


def test_the_rename_migration_is_number_3_and_the_app_speaks_the_highest_number():
    numbers = [v for v, _ in migrations()]
    assert 3 in numbers and numbers == sorted(numbers)
    assert max(numbers) == SERVER_SCHEMA_VERSION


def test_a_server_at_version_1_gets_every_migration_it_lacks_in_order(pg_server):
    name = f"r{os.getpid()}_{next(pg_server.counter)}"
    with connect(pg_server.conninfo("postgres")) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    conninfo = pg_server.conninfo(name)
    try:
        with connect(conninfo) as conn:
            ensure_roles(conn)
            first, *rest = migrations()
            with conn.transaction():
                conn.execute(first[1])  # as a server initialised by the first release
            assert schema_version(conn) == 1 and not schema_matches(conn)
            create_login(conn, StaffMember("rina", "Rina Marlina", group="officer"))
            create_login(
                conn, StaffMember("kabag", "Hj. Kepala", "197001012000031001", "Kabag", "approver")
            )
        # an approved post, and one whose approval no longer matches (edited since)
        with (
            connect(pg_server.conninfo(name, "rina")) as r,
            connect(pg_server.conninfo(name, "kabag")) as k,
        ):
            rina = PostService(PostgresPostRepository(r))
            kabag = PostService(PostgresPostRepository(k))
            ids = []
            for title in ("Paripurna", "Reses"):
                post = rina.add(Post(title=title, caption="Teks.", platforms=["facebook"]), "r")
                rina.transition(post.id, Action.SUBMIT, "rina")
                _override(kabag, post.id)
                ids.append(post.id)
            stale = rina.get(ids[1])
            stale.caption = "Teks yang diubah."
            rina.save(stale, "rina")
            before = {i: (rina.get(i).status, rina.get(i).approval_valid()) for i in ids}
        assert before[ids[0]] == (Status.APPROVED, True) and before[ids[1]][1] is False
        with pytest.raises(WorkspaceError) as err:  # the app refuses an older schema
            TeamWorkspace.open(conninfo)
        assert "versi 1" in str(err.value)
        with connect(conninfo) as conn:
            assert init_server(conn) == [v for v, _ in rest]
            assert schema_version(conn) == SERVER_SCHEMA_VERSION and schema_matches(conn)
            assert init_server(conn) == []
            assert conn.execute("SELECT sumbar.verify_audit()").fetchone()[0] is None
        with TeamWorkspace.open(pg_server.conninfo(name, "rina")) as ws:
            # approved after the migrations exactly when approved before
            assert {
                i: (ws.posts.get(i).status, ws.posts.get(i).approval_valid()) for i in ids
            } == before
            [approve] = [e for e in ws.posts.history(ids[0]) if e.action == "approve"]
            assert approve.detail["overridden"] == NOW
    finally:
        with connect(pg_server.conninfo("postgres")) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_history_shows_todays_rule_ids_and_the_audit_chain_is_untouched(team_db):
    rina, kabag = team_db.desk("rina"), team_db.desk("kabag")
    post = rina.posts.add(
        Post(title="Paripurna", caption="Rapat paripurna.", platforms=["facebook"]), "rina"
    )
    rina.posts.transition(post.id, Action.SUBMIT, "rina")
    _override(kabag.posts, post.id)  # what an app from before the rename recorded
    [approve] = [e for e in rina.posts.history(post.id) if e.action == "approve"]
    assert approve.detail["overridden"] == NOW
    owner = team_db.connect()
    stored = owner.execute(
        "SELECT detail FROM sumbar.audit WHERE post_id = %s AND action = 'approve'", (post.id,)
    ).fetchone()[0]
    assert stored["overridden"] == OLD  # the row is history: stored as written
    assert owner.execute("SELECT sumbar.verify_audit()").fetchone()[0] is None


def test_a_pushed_older_workspace_shows_todays_rule_ids(tmp_path, team_db):
    ws = Workspace.open(tmp_path / "lokal")
    try:
        post = ws.posts.add(
            Post(title="Reses", caption="Reses dapil Agam.", platforms=["instagram"]), "rina"
        )
        ws.posts.transition(post.id, Action.SUBMIT, "rina")
        _override(ws.posts, post.id)
        raw = ws.store.conn.execute(
            "SELECT detail FROM audit WHERE post_id = ? AND action = 'approve'", (post.id,)
        ).fetchone()[0]
        assert json.loads(raw)["overridden"] == OLD
        report = push(ws, team_db.connect())
        assert report.demoted == []
    finally:
        ws.close()
    rina = team_db.desk("rina")
    assert rina.posts.get(post.id).approval_valid()
    [approve] = [e for e in rina.posts.history(post.id) if e.action == "approve"]
    assert approve.detail["overridden"] == NOW
