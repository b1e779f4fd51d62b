"""Moving a workspace: local -> team server -> local keeps posts, hashes, history and photos,
and the Kotak Masukan (entries, forwarding, replies, its audit trail) with the same ids; an
approval that does not match its content is not carried over."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PIL import Image

from sumbar_studio.core.errors import InvalidInput, WorkspaceError
from sumbar_studio.core.inbox import InboxService, InboxSettings, save_inbox_settings
from sumbar_studio.core.model import Action, Approval, Post, Status
from sumbar_studio.core.store.postgres.transfer import pull, push
from sumbar_studio.core.store.protocol import PostQuery
from sumbar_studio.core.timeutil import parse_wib_datetime
from sumbar_studio.core.workspace import Workspace


def _approve(ws, post_id):
    post = ws.posts.get(post_id)
    approval = Approval(
        "Hj. Kepala", "197001012000031001", "Kepala Bagian", datetime.now(UTC), post.content_hash()
    )
    return ws.posts.approve(post_id, approval, "Kabag")


def _local_workspace(path, tmp_path):
    ws = Workspace.open(path)
    photo = tmp_path / "rapat.jpg"
    Image.new("RGB", (80, 60), (200, 30, 40)).save(photo, "JPEG")
    media = ws.media.import_file(photo, alt_text="Suasana rapat")
    media.focal_x, media.focal_y = 0.4563492063492063, 0.03125
    when = parse_wib_datetime("2026-12-07 09:00")
    a = ws.posts.add(
        Post(
            title="Paripurna APBD",
            caption="Pengesahan APBD 2027.",
            platforms=["instagram", "x"],
            hashtags=["#DPRDSumbar"],
            media=[media],
            scheduled_at=when,
            assignee="Rina",
        ),
        "rina",
    )
    a.override("x", "APBD 2027 disahkan")
    a.card.template_id = "berita"
    a.card.fields["title"] = "APBD 2027"
    ws.posts.save(a, "rina")
    ws.posts.transition(a.id, Action.SUBMIT, "rina")
    _approve(ws, a.id)
    ws.posts.transition(a.id, Action.SCHEDULE, "rina")
    gone = ws.posts.add(
        Post(title="Dihapus", caption="Teks unggahan.", platforms=["instagram"]), "budi"
    )
    b = ws.posts.add(
        Post(title="Reses Dapil Agam", caption="Aspirasi irigasi.", platforms=["instagram"]), "budi"
    )
    ws.posts.delete(gone.id, "budi")  # not the last id: SQLite would give it to the next post
    c = ws.posts.add(
        Post(title="Kunjungan Komisi IV", caption="Sekolah di Solok.", platforms=["instagram"]),
        "rina",
    )
    ws.posts.transition(c.id, Action.SUBMIT, "rina")
    _approve(ws, c.id)
    # someone edited the database behind the app's back: the approval no longer matches
    data = json.loads(
        ws.store.conn.execute("SELECT data FROM posts WHERE id = ?", (c.id,)).fetchone()[0]
    )
    data["hashtags"] = ["#Disisipkan"]
    ws.store.conn.execute("UPDATE posts SET data = ? WHERE id = ?", (json.dumps(data), c.id))
    _local_inbox(ws, a.id)
    return ws, (a.id, b.id, c.id, gone.id)


def _local_inbox(ws, post_id):
    """Three entries: one answered about a post (forwarded, reply sent), one closed, one new."""
    save_inbox_settings(ws, InboxSettings(replies_need_approval=False))
    inbox = InboxService(ws)
    first = inbox.add(
        channel="instagram_komentar",
        text="Kapan APBD 2027 diumumkan?",
        sender="@warga_padang",
        actor="Rina",
        post_id=post_id,
        received_at=parse_wib_datetime("2026-12-01 09:00"),
    )
    inbox.assign(first.id, "Rina", actor="Rina")
    inbox.forward(first.id, "Komisi IV", actor="Rina", note="anggaran")
    reply = inbox.draft_reply(
        first.id, "Terima kasih, informasinya segera kami umumkan.", actor="Rina"
    )
    inbox.mark_sent(reply.id, actor="Rina")
    spam = inbox.add(channel="email", text="promo", actor="Budi")
    inbox.close(spam.id, "Bukan masukan", actor="Budi")
    inbox.add(
        channel="whatsapp", text="Jadwal reses Dapil II?", contact="+6281234567890", actor="Budi"
    )


def _register(inbox: InboxService) -> dict:
    """Everything the register holds, by entry id."""
    from sumbar_studio.core.inbox import EntryQuery

    return {
        i: (inbox.get(i), inbox.routes(i), inbox.replies(i), inbox.history(i))
        for i in sorted(inbox.ids(EntryQuery()))
    }


def test_round_trip_local_server_local(tmp_path, team_db, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    ws, (a, b, c, gone) = _local_workspace(tmp_path / "lokal", tmp_path)
    before = {p.id: p for p in ws.posts.list(PostQuery(order="id"))}
    history = {i: ws.posts.history(i) for i in (a, b, c, gone)}
    register = _register(InboxService(ws))
    installer = team_db.connect()
    report = push(ws, installer)
    assert (report.posts, report.media, report.inbox) == (3, 1, 3)
    assert report.audit == sum(len(h) for h in history.values())
    assert [(d[0], d[1]) for d in report.demoted] == [(c, "Kunjungan Komisi IV")]

    server = team_db.desk("tamu")
    on_server = {p.id: p for p in server.posts.list(PostQuery(order="id"))}
    assert on_server[a] == before[a] and on_server[a].approval_valid()
    assert on_server[a].status == Status.SCHEDULED
    assert server.repository.server_content_hash(a) == before[a].content_hash()
    assert on_server[b] == before[b]
    assert on_server[c].status == Status.DRAFT and on_server[c].approval is None
    assert server.posts.history(a) == history[a] and server.posts.history(gone) == history[gone]
    assert server.posts.history(c)[-1].action == "import_demoted"
    assert server.repository.verify_audit() is None  # the copied history is chained
    sha = before[a].media[0].sha256
    assert server.repository.media_bytes(sha) == ws.media.path_for(sha).read_bytes()
    # new posts on the server continue after the copied ids
    fresh = team_db.desk("rina").posts.add(
        Post(title="Baru di server", caption="Teks unggahan.", platforms=["instagram"]), "rina"
    )
    assert fresh.id > max(before)
    # the register: the same entries, forwarding, replies and audit trail, under the same ids
    with Workspace.open(team_db.conninfo("rina")) as desk:
        on_server_inbox = InboxService(desk)
        assert _register(on_server_inbox) == register
        assert any(e.contact == "+6281234567890" for e, *_ in register.values())
        assert on_server_inbox.get(min(register)).post_id == a
        newer = on_server_inbox.add(channel="x", text="Entri baru di server", actor="Rina")
        assert newer.id > max(register)

    back, pulled = pull(team_db.connect("tamu"), tmp_path / "arsip")
    with back:
        after = {p.id: p for p in back.posts.list(PostQuery(order="id"))}
        assert after[a] == before[a] and after[b] == before[b]
        assert {i: p.content_hash() for i, p in after.items() if i != fresh.id} == {
            i: p.content_hash() for i, p in before.items()
        }
        assert back.posts.history(a) == history[a] and back.posts.history(gone) == history[gone]
        assert back.posts.history(c)[:-1] == history[c]
        assert back.media.path_for(sha).read_bytes() == ws.media.path_for(sha).read_bytes()
        assert [p.id for p in back.posts.search("irigasi")] == [b]  # the search index too
        assert back.integrity_check() == "ok"
        pulled_inbox = _register(InboxService(back))
        assert pulled_inbox[newer.id][0].text == "Entri baru di server"
        # pulled by a viewer (tamu): everything but the contacts, which viewers never see
        assert [e.contact for e, *_ in pulled_inbox.values()] == ["", "", "", ""]
        assert {i: v for i, v in pulled_inbox.items() if i != newer.id} == {
            i: (replace(entry, contact=""), *rest) for i, (entry, *rest) in register.items()
        }
    assert pulled.posts == 4 and pulled.media == 1 and pulled.inbox == 4
    ws.close()


def test_push_refuses_a_server_that_already_has_posts_and_copies_nothing(tmp_path, team_db):
    team_db.desk("rina").posts.add(
        Post(title="Sudah ada", caption="Teks unggahan.", platforms=["instagram"]), "rina"
    )
    ws, _ = _local_workspace(tmp_path / "lokal", tmp_path)
    with pytest.raises(InvalidInput) as err:
        push(ws, team_db.connect())
    assert "sudah berisi 1 unggahan" in str(err.value)
    assert team_db.desk("tamu").posts.count() == 1
    assert team_db.connect().execute("SELECT count(*) FROM sumbar.media").fetchone()[0] == 0
    assert team_db.connect().execute("SELECT count(*) FROM sumbar.inbox_entries").fetchone()[0] == 0
    ws.close()


def test_push_refuses_a_server_whose_register_has_entries(tmp_path, team_db, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    with Workspace.open(team_db.conninfo("rina")) as desk:
        InboxService(desk).add(channel="x", text="Sudah ada", actor="Rina")
    ws, _ = _local_workspace(tmp_path / "lokal", tmp_path)
    with pytest.raises(InvalidInput) as err:
        push(ws, team_db.connect())
    assert "sudah berisi 1 masukan" in str(err.value)
    assert team_db.connect().execute("SELECT count(*) FROM sumbar.posts").fetchone()[0] == 0
    ws.close()


def test_push_needs_the_installer_and_pull_a_new_folder(tmp_path, team_db):
    ws, _ = _local_workspace(tmp_path / "lokal", tmp_path)
    with pytest.raises(WorkspaceError) as err:
        push(ws, team_db.connect("admin"))
    assert "pemasang server" in str(err.value)
    with pytest.raises(WorkspaceError) as err:
        pull(team_db.connect("tamu"), tmp_path / "lokal")
    assert "sudah berisi ruang kerja" in str(err.value)
    ws.close()
