"""What the team server refuses, whoever asks and however (the app's repository or plain SQL,
as someone with psql would try)."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from psycopg import errors

from sumbar_studio.core.model import Action, Approval, Post, Status
from sumbar_studio.core.store.postgres.admin import StaffMember, create_login
from sumbar_studio.core.store.postgres.repository import PermissionRefused


def _submitted(team_db, who="rina"):
    desk = team_db.desk(who)
    post = desk.posts.add(
        Post(
            title="Reses Dapil I", caption="Serap aspirasi warga Padang.", platforms=["instagram"]
        ),
        who,
    )
    desk.posts.transition(post.id, Action.SUBMIT, who)
    return desk, desk.posts.get(post.id)


def _approval(post, name="Siapa Saja", nip="000"):
    return Approval(name, nip, "Kepala Bagian", datetime.now(UTC), post.content_hash())


def test_an_officer_cannot_approve(team_db):
    rina, post = _submitted(team_db, "budi")
    rina = team_db.desk("rina")  # another officer, not the author: still refused
    with pytest.raises(PermissionRefused) as err:
        rina.posts.approve(post.id, _approval(post), "rina")
    assert "hanya penyetuju" in str(err.value)
    raw = team_db.connect("rina")  # and by hand: no EXECUTE on the function at all
    with pytest.raises(errors.InsufficientPrivilege):
        raw.execute("SELECT sumbar.approve(%s, NULL, %s, 'rina')", (post.id, post.content_hash()))
    assert team_db.desk("kabag").posts.get(post.id).status == Status.REVIEW


def _dual_role_login(team_db) -> str:
    """A person who is both officer and approver (roles are per cluster: a unique name)."""
    login = f"ganda_{team_db.name}"
    owner = team_db.connect()
    create_login(owner, StaffMember(login, "Ganda Peran", "1985", "Kasubbag", "officer"))
    owner.execute(f'GRANT sumbar_penyetuju TO "{login}"')
    return login


def test_nobody_approves_their_own_post(team_db):
    login = _dual_role_login(team_db)
    desk, post = _submitted(team_db, login)
    with pytest.raises(PermissionRefused) as err:
        desk.posts.approve(post.id, _approval(post), "ganda")
    assert "buat atau sunting sendiri" in str(err.value)
    # nor a post they were the last to edit
    rina, other = _submitted(team_db, "rina")
    other = desk.posts.get(other.id)
    desk.posts.transition(other.id, Action.REQUEST_CHANGES, "ganda", comment="Perbaiki")
    edited = desk.posts.get(other.id)
    edited.caption += " Ditambah oleh Ganda."
    desk.posts.save(edited, "ganda")
    desk.posts.transition(other.id, Action.SUBMIT, "ganda")
    again = desk.posts.get(other.id)
    with pytest.raises(PermissionRefused):
        desk.posts.approve(other.id, _approval(again), "ganda")
    # a third person may
    done = team_db.desk("kabag").posts.approve(other.id, _approval(again), "kabag")
    assert done.status == Status.APPROVED


def test_the_approver_name_and_nip_come_from_the_staff_table(team_db):
    _, post = _submitted(team_db)
    kabag = team_db.desk("kabag")
    done = kabag.posts.approve(post.id, _approval(post, "Nama Palsu", "999"), "kabag")
    assert (done.approval.approver, done.approval.nip) == ("Hj. Kepala", "197001012000031001")
    assert done.approval.role == "Kepala Bagian" and done.approval_valid()
    entry = kabag.posts.history(post.id)[-1]
    assert entry.detail["nip"] == "197001012000031001" and entry.detail["login"] == "kabag"


def test_the_server_recomputes_the_hash_it_approves(team_db):
    rina, post = _submitted(team_db)
    kabag = team_db.repository("kabag")
    with pytest.raises(Exception) as err:
        kabag.approve(post.id, "f" * 64, "kabag")
    assert "berubah sejak diperiksa" in str(err.value)
    # the approver read version N; the officer edits; the old hash no longer approves
    seen = post.content_hash()
    raw = team_db.connect("rina")
    raw.execute("UPDATE sumbar.posts SET caption = caption || ' Revisi.' WHERE id = %s", (post.id,))
    with pytest.raises(Exception) as err:
        kabag.approve(post.id, seen, "kabag")
    assert "berubah sejak diperiksa" in str(err.value)
    assert kabag.get(post.id).status == Status.REVIEW


def test_a_status_change_outside_the_functions_is_refused(team_db):
    _, post = _submitted(team_db)
    for login in ("rina", "kabag", "admin", "tamu"):
        conn = team_db.connect(login)
        for sql in (
            "UPDATE sumbar.posts SET status = 'approved' WHERE id = %s",
            'UPDATE sumbar.posts SET approval = \'{"approver": "x"}\' WHERE id = %s',
            "UPDATE sumbar.posts SET version = 99 WHERE id = %s",
            "UPDATE sumbar.posts SET created_by = 'kabag' WHERE id = %s",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(sql, (post.id,))
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO sumbar.posts (title, status) VALUES ('Langsung terbit', 'published')"
            )
    assert team_db.desk("tamu").posts.get(post.id).status == Status.REVIEW


def test_only_drafts_are_deleted_even_through_psql(team_db):
    _, post = _submitted(team_db)
    for login in ("rina", "admin"):  # the groups that may delete drafts
        conn = team_db.connect(login)
        with pytest.raises(psycopg.Error) as refused:
            conn.execute("DELETE FROM sumbar.posts WHERE id = %s", (post.id,))
        assert refused.value.sqlstate == "SB424"
    assert team_db.desk("tamu").posts.get(post.id).status == Status.REVIEW
    draft = team_db.desk("rina").posts.add(Post(title="Draf saja"), "rina")
    team_db.connect("rina").execute("DELETE FROM sumbar.posts WHERE id = %s", (draft.id,))
    assert team_db.desk("rina").posts.count() == 1


def test_a_later_edit_voids_the_approval_on_the_server(team_db):
    _, post = _submitted(team_db)
    kabag = team_db.desk("kabag")
    approved = kabag.posts.approve(post.id, _approval(post), "kabag")
    assert approved.status == Status.APPROVED
    # by hand, bypassing the app: the trigger still voids it
    raw = team_db.connect("budi")
    raw.execute("UPDATE sumbar.posts SET title = title || '!' WHERE id = %s", (post.id,))
    after = kabag.posts.get(post.id)
    assert after.status == Status.REVIEW and after.approval is None
    # an edit that does not touch approved content (the officer) keeps it
    again = kabag.posts.approve(post.id, _approval(after), "kabag")
    raw.execute("UPDATE sumbar.posts SET assignee = 'Budi' WHERE id = %s", (post.id,))
    kept = kabag.posts.get(post.id)
    assert kept.status == Status.APPROVED and kept.approval == again.approval
    # scheduled too, through the repository
    rina = team_db.desk("rina")
    kept.scheduled_at = datetime(2026, 12, 7, 2, tzinfo=UTC)
    kept = rina.posts.save(kept, "rina")
    scheduled = rina.posts.transition(post.id, Action.SCHEDULE, "rina")
    scheduled.hashtags.append("#Baru")
    raw.execute(
        "UPDATE sumbar.posts SET data = jsonb_set(data, '{hashtags}', '[\"#Baru\"]') WHERE id = %s",
        (post.id,),
    )
    final = kabag.posts.get(post.id)
    assert final.status == Status.REVIEW and final.approval is None


def test_the_audit_cannot_be_changed_or_deleted(team_db):
    _submitted(team_db)
    for login in ("rina", "kabag", "admin", "tamu"):
        conn = team_db.connect(login)
        for sql in (
            "UPDATE sumbar.audit SET actor = 'orang lain'",
            "DELETE FROM sumbar.audit",
            "TRUNCATE sumbar.audit",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(sql)
    # appending cannot forge time, login or chain either
    conn = team_db.connect("rina")
    with pytest.raises(errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO sumbar.audit (post_id, actor, action, at, login)"
            " VALUES (1, 'x', 'approve', now() - interval '1 year', 'kabag')"
        )
    conn.execute("SET sumbar.importing = 'on'")  # only the owner may import
    conn.execute("INSERT INTO sumbar.audit (post_id, actor, action) VALUES (1, 'x', 'catatan')")
    row = conn.execute(
        "SELECT login, at > now() - interval '1 minute' FROM sumbar.audit ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert row == ("rina", True)


def test_the_import_switch_is_the_owners_alone(team_db):
    """Anyone may set a custom setting; only the owner's import may keep ids, times, versions."""
    budi = team_db.desk("budi")
    post = budi.posts.add(
        Post(title="Draf Budi", caption="Teks unggahan.", platforms=["instagram"]), "budi"
    )
    raw = budi.repository.connection
    raw.execute("SET sumbar.importing = 'on'")
    raw.execute("UPDATE sumbar.posts SET caption = 'x' WHERE id = %s", (post.id,))
    # inside a SECURITY DEFINER function current_user is the owner: still no import mode
    raw.execute("SELECT sumbar.transition(%s, 'submit', NULL, 'budi')", (post.id,))
    row = raw.execute(
        "SELECT version, status, last_editor FROM sumbar.posts WHERE id = %s", (post.id,)
    ).fetchone()
    assert row == (3, "review", "budi")
    last = budi.posts.history(post.id)[-1]
    assert last.action == "submit" and last.at >= post.created_at
    login = raw.execute(
        "SELECT login FROM sumbar.audit WHERE post_id = %s ORDER BY id DESC LIMIT 1", (post.id,)
    ).fetchone()[0]
    assert login == "budi"


def test_the_audit_chain_verifies_and_shows_a_rewritten_row(team_db):
    rina, post = _submitted(team_db)
    kabag = team_db.desk("kabag")
    kabag.posts.approve(post.id, _approval(post), "kabag")
    assert rina.repository.verify_audit() is None
    entries = rina.posts.history(post.id)
    assert len(entries) == 3 and entries[2].actor == "kabag"
    owner = team_db.connect()  # the owner (here the superuser acting as it) can rewrite...
    with owner.transaction():
        owner.execute("SET LOCAL ROLE sumbar_owner")
        owner.execute(
            "UPDATE sumbar.audit SET actor = 'Orang Lain' WHERE id = %s", (entries[2].id,)
        )
    assert rina.repository.verify_audit() == entries[2].id  # ...but it shows
    with owner.transaction():
        owner.execute("SET LOCAL ROLE sumbar_owner")
        owner.execute("UPDATE sumbar.audit SET actor = 'kabag' WHERE id = %s", (entries[2].id,))
    owner.execute("SET ROLE sumbar_owner")
    assert owner.execute("SELECT sumbar.verify_audit()").fetchone()[0] is None
    owner.execute("DELETE FROM sumbar.audit WHERE id = %s", (entries[1].id,))
    assert rina.repository.verify_audit() == entries[2].id  # a removed row breaks the link


def test_a_viewer_reads_but_never_writes(team_db):
    _, post = _submitted(team_db)
    tamu = team_db.desk("tamu")
    assert tamu.posts.get(post.id).title == "Reses Dapil I"
    with pytest.raises(PermissionRefused):
        tamu.posts.add(
            Post(title="Dari pembaca", caption="Teks unggahan.", platforms=["instagram"]), "tamu"
        )
    seen = tamu.posts.get(post.id)
    seen.caption = "Diubah pembaca"
    with pytest.raises(PermissionRefused):
        tamu.posts.save(seen, "tamu")
    with pytest.raises(PermissionRefused):
        tamu.posts.transition(post.id, Action.REQUEST_CHANGES, "tamu", comment="x")
    with pytest.raises(PermissionRefused):
        tamu.repository.add_comment(post.id, "komentar")
    raw = team_db.connect("tamu")
    for sql in (
        "DELETE FROM sumbar.posts",
        "INSERT INTO sumbar.media (sha256, ext, original_name, width, height, bytes)"
        " VALUES (repeat('a', 64), 'jpg', 'x', 1, 1, 1)",
        "INSERT INTO sumbar.staff (login, person) VALUES ('tamu2', 'Tamu')",
    ):
        with pytest.raises(errors.InsufficientPrivilege):
            raw.execute(sql)
    assert tamu.posts.get(post.id).caption == "Serap aspirasi warga Padang."


def test_only_an_approver_requests_changes_and_with_a_reason(team_db):
    rina, post = _submitted(team_db)
    with pytest.raises(PermissionRefused):
        rina.posts.transition(post.id, Action.REQUEST_CHANGES, "rina", comment="Saya tarik")
    kabag = team_db.desk("kabag")
    with pytest.raises(Exception) as err:
        kabag.posts.transition(post.id, Action.REQUEST_CHANGES, "kabag")
    assert "alasan" in str(err.value)
    # the service asks for the reason first (as on SQLite); the server refuses it on its own
    with pytest.raises(Exception) as err:
        kabag.repository.transition(post.id, Action.REQUEST_CHANGES, "kabag", comment="  ")
    assert "alasan" in str(err.value)
    back = kabag.posts.transition(post.id, Action.REQUEST_CHANGES, "kabag", comment="Judul salah")
    assert back.status == Status.DRAFT


def test_a_stale_save_on_the_server_is_refused_not_overwritten(team_db):
    rina, budi = team_db.desk("rina"), team_db.desk("budi")
    post = rina.posts.add(Post(title="Paripurna", caption="Awal", platforms=["instagram"]), "rina")
    mine, theirs = rina.posts.get(post.id), budi.posts.get(post.id)
    theirs.caption = "Versi Budi"
    budi.posts.save(theirs, "budi")
    mine.caption = "Versi Rina"
    from sumbar_studio.core.errors import StaleEdit

    with pytest.raises(StaleEdit):
        rina.posts.save(mine, "rina")
    with pytest.raises(StaleEdit):  # the server's own check, below the service's
        rina.repository.update(mine, "rina")
    assert rina.posts.get(post.id).caption == "Versi Budi"


def test_psycopg_errors_do_not_leak_past_the_repository(team_db):
    tamu = team_db.repository("tamu")
    try:
        tamu.add_comment(1, "x")
    except PermissionRefused as exc:
        assert isinstance(exc.__cause__, psycopg.Error)
