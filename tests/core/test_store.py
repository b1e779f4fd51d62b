"""The SQLite store: saves, concurrency, audit, migrations, search, media, bad workspaces."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from sumbar_studio.core.errors import (
    InvalidInput,
    NotFound,
    StaleEdit,
    TransitionRefused,
    WorkspaceError,
)
from sumbar_studio.core.model import Action, Approval, Post, Status
from sumbar_studio.core.store import schema
from sumbar_studio.core.store.protocol import PostQuery
from sumbar_studio.core.timeutil import parse_wib_datetime
from sumbar_studio.core.workspace import DB_NAME, Workspace, WorkspaceCorrupt


def _post(**kw) -> Post:
    values = dict(
        title="Rapat Paripurna APBD 2027",
        caption="DPRD Sumbar menggelar rapat paripurna.",
        platforms=["instagram", "x"],
    )
    values.update(kw)
    return Post(**values)


def _approve(ws, post_id, actor="Kabag"):
    post = ws.posts.get(post_id)
    approval = Approval(
        "Hj. Kepala", "197001012000031001", "Kepala Bagian", datetime.now(UTC), post.content_hash()
    )
    return ws.posts.approve(post_id, approval, actor)


def test_add_and_read_back_everything(workspace):
    post = _post(
        scheduled_at=parse_wib_datetime("2026-12-07 09:00"),
        hashtags=["#DPRDSumbar"],
        place="Gedung DPRD",
        source="Sekretariat DPRD",
        assignee="Rina",
    )
    post.override("x", "Teks pendek")
    post.card.template_id = "berita"
    post.card.fields["title"] = "Paripurna"
    saved = workspace.posts.add(post, "rina")
    again = workspace.posts.get(saved.id)
    assert again.version == 1 and again.status == Status.DRAFT
    assert (
        again.caption_for("x") == "Teks pendek" and again.caption_for("instagram") == post.caption
    )
    assert again.card.fields == {"title": "Paripurna"}
    assert again.scheduled_at == datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
    assert [e.action for e in workspace.posts.history(saved.id)] == ["create"]


def test_stale_save_is_refused_and_nothing_is_overwritten(workspace):
    saved = workspace.posts.add(_post(), "rina")
    mine, theirs = workspace.posts.get(saved.id), workspace.posts.get(saved.id)
    theirs.caption = "Versi rekan"
    workspace.posts.save(theirs, "budi")
    mine.caption = "Versi saya"
    with pytest.raises(StaleEdit) as err:
        workspace.posts.save(mine, "rina")
    assert "sudah diubah orang lain" in str(err.value)
    assert workspace.posts.get(saved.id).caption == "Versi rekan"


def test_workflow_through_the_service_with_audit(workspace):
    post = workspace.posts.add(_post(scheduled_at=parse_wib_datetime("2026-12-07 09:00")), "rina")
    workspace.posts.transition(post.id, Action.SUBMIT, "rina")
    workspace.posts.transition(post.id, Action.REQUEST_CHANGES, "kabag", comment="Perbaiki judul")
    workspace.posts.transition(post.id, Action.SUBMIT, "rina")
    with pytest.raises(InvalidInput):  # approval only with a recorded approver and hash
        workspace.posts.transition(post.id, Action.APPROVE, "kabag")
    _approve(workspace, post.id)
    workspace.posts.transition(post.id, Action.SCHEDULE, "rina")
    with pytest.raises(TransitionRefused):
        workspace.posts.transition(post.id, Action.SUBMIT, "rina")
    done = workspace.posts.transition(
        post.id, Action.PUBLISH, "rina", published_urls={"instagram": "https://instagram.com/p/x"}
    )
    assert done.status == Status.PUBLISHED and done.published_urls["instagram"].endswith("/x")
    history = workspace.posts.history(post.id)
    assert [(h.old_status, h.new_status) for h in history if h.new_status] == [
        (None, "draft"),
        ("draft", "review"),
        ("review", "draft"),
        ("draft", "review"),
        ("review", "approved"),
        ("approved", "scheduled"),
        ("scheduled", "published"),
    ]
    assert history[2].detail == {"comment": "Perbaiki judul"}
    approve = next(h for h in history if h.action == "approve")
    assert approve.actor == "Kabag" and approve.detail["nip"] == "197001012000031001"
    assert len(approve.detail["content_hash"]) == 64


def test_editing_an_approved_or_scheduled_post_sends_it_back_to_review(workspace):
    post = workspace.posts.add(_post(scheduled_at=parse_wib_datetime("2026-12-07 09:00")), "rina")
    workspace.posts.transition(post.id, Action.SUBMIT, "rina")
    _approve(workspace, post.id)
    scheduled = workspace.posts.transition(post.id, Action.SCHEDULE, "rina")
    assert scheduled.approval_valid()
    # moving it in time or changing the officer keeps the approval
    moved = workspace.posts.reschedule(post.id, parse_wib_datetime("2026-12-08 10:00"), "rina")
    assert moved.status == Status.SCHEDULED and moved.approval_valid()
    moved.caption += " Ditambah kalimat."
    outcome = workspace.posts.save_with_outcome(moved, "rina")
    assert outcome.reopened
    assert outcome.post.status == Status.REVIEW and outcome.post.approval is None
    assert workspace.posts.history(post.id)[-1].action == "reopen"


def test_save_cannot_change_status_or_forge_approval(workspace):
    post = workspace.posts.add(_post(), "rina")
    post.status = Status.PUBLISHED
    saved = workspace.posts.save(post, "rina")
    assert saved.status == Status.DRAFT


def test_unknown_post_and_platform_are_clear_errors(workspace):
    with pytest.raises(NotFound) as err:
        workspace.posts.get(4242)
    assert str(err.value) == "Unggahan #4242 tidak ditemukan."
    with pytest.raises(InvalidInput) as err:
        workspace.posts.add(_post(platforms=["friendster"]), "rina")
    assert "friendster" in str(err.value) and "instagram" in str(err.value)


def test_full_text_search_indonesian_words_and_prefix(workspace):
    ids = {}
    for title, caption in [
        ("Rapat Paripurna APBD", "Pengesahan Ranperda tentang APBD Provinsi Sumatera Barat."),
        ("Reses Anggota Dapil Agam", "Warga menyampaikan aspirasi soal irigasi dan jalan."),
        ("Kunjungan Kerja Komisi IV", "Meninjau pembangunan sekolah di Kabupaten Solok."),
    ]:
        ids[title] = workspace.posts.add(_post(title=title, caption=caption), "rina").id
    found = lambda text: {p.id for p in workspace.posts.search(text)}  # noqa: E731
    assert found("aspirasi") == {ids["Reses Anggota Dapil Agam"]}
    assert found("paripur") == {ids["Rapat Paripurna APBD"]}  # prefix on the last word
    assert found("ranperda apbd") == {ids["Rapat Paripurna APBD"]}
    assert found("SEKOLAH solok") == {ids["Kunjungan Kerja Komisi IV"]}
    assert found('"); DROP TABLE posts; --') == set()  # typed text never becomes SQL/FTS syntax
    # a platform override is searchable, and an edit updates the index
    post = workspace.posts.get(ids["Reses Anggota Dapil Agam"])
    post.override("x", "Serap aspirasi nagari")
    post.caption = "Teks baru tanpa kata itu."
    workspace.posts.save(post, "rina")
    assert found("nagari") == {post.id}
    assert found("irigasi") == set()


def test_week_query_uses_wib_days(workspace):
    inside = workspace.posts.add(_post(scheduled_at=parse_wib_datetime("2026-12-07 00:30")), "r")
    workspace.posts.add(_post(scheduled_at=parse_wib_datetime("2026-12-06 23:30")), "r")
    workspace.posts.add(_post(scheduled_at=parse_wib_datetime("2026-12-14 00:00")), "r")
    last = workspace.posts.add(_post(scheduled_at=parse_wib_datetime("2026-12-13 23:59")), "r")
    assert [p.id for p in workspace.posts.week(2026, 50)] == [inside.id, last.id]


def test_query_filters(workspace):
    a = workspace.posts.add(_post(platforms=["instagram"], assignee="Rina"), "r")
    b = workspace.posts.add(_post(platforms=["x", "facebook"], assignee="Budi"), "r")
    workspace.posts.transition(b.id, Action.SUBMIT, "r")
    assert workspace.posts.ids(PostQuery(platform="x")) == [b.id]
    assert workspace.posts.ids(PostQuery(assignee="Rina")) == [a.id]
    assert workspace.posts.ids(PostQuery(statuses=[Status.REVIEW])) == [b.id]
    assert workspace.posts.count(PostQuery(statuses=[Status.DRAFT, Status.REVIEW])) == 2
    assert [s.title for s in workspace.posts.summaries([b.id, a.id])] == [b.title, a.title]


def _photo(path: Path, color=(180, 20, 30)) -> Path:
    Image.new("RGB", (64, 48), color).save(path, "JPEG")
    return path


def test_media_deduplicated_by_hash_and_survive_deleting_the_original(workspace, tmp_path):
    original = _photo(tmp_path / "paripurna.jpg")
    copy = tmp_path / "salinan.jpg"
    copy.write_bytes(original.read_bytes())
    first = workspace.media.import_file(original, alt_text="Suasana rapat")
    second = workspace.media.import_file(copy)
    assert first.sha256 == second.sha256 and (first.width, first.height) == (64, 48)
    stored = list((workspace.path / "media").rglob("*.jpg"))
    assert len(stored) == 1
    post = workspace.posts.add(_post(media=[first]), "rina")
    original.unlink()
    copy.unlink()
    path = workspace.media.path_for(workspace.posts.get(post.id).media[0].sha256)
    with Image.open(path) as img:
        assert img.size == (64, 48)


def test_media_refuses_non_images(workspace, tmp_path):
    bogus = tmp_path / "dokumen.jpg"
    bogus.write_bytes(b"bukan gambar")
    from sumbar_studio.core.errors import ImageError

    with pytest.raises(ImageError):
        workspace.media.import_file(bogus)
    assert not list((workspace.path / "media").rglob("*.*"))


def _make_v1_database(path: Path) -> None:
    conn = schema.connect(path / DB_NAME)
    schema.migrate(conn, target=1)
    conn.execute(
        "INSERT INTO posts (title, caption, status, platforms, data, version, created_at, updated_at)"
        " VALUES ('Sosialisasi Perda', 'Sosialisasi peraturan daerah di Bukittinggi', 'draft',"
        " ',instagram,', '{\"platforms\": [\"instagram\"]}', 1, '2026-01-01T00:00:00Z',"
        " '2026-01-01T00:00:00Z')"
    )
    conn.close()


def test_migration_from_an_older_schema_backs_up_first(tmp_path):
    folder = tmp_path / "lama"
    folder.mkdir()
    _make_v1_database(folder)
    with Workspace.open(folder) as ws:
        assert ws.migrated_from == 1
        assert ws.schema_version() == schema.SCHEMA_VERSION
        assert [p.title for p in ws.posts.search("bukittinggi")] == ["Sosialisasi Perda"]
        backups = ws.backups()
    assert len(backups) == 1 and "pra-migrasi-v1" in backups[0].name
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT title FROM posts").fetchone()[0] == "Sosialisasi Perda"
    old.close()
    with Workspace.open(folder) as ws:  # already current: no second backup
        assert ws.migrated_from is None
    assert len(list((folder / "backups").glob("*.db"))) == 1


def test_fresh_workspace_has_no_migration_backup(tmp_path):
    with Workspace.open(tmp_path / "baru") as ws:
        assert ws.backups() == [] and ws.integrity_check() == "ok"
        assert ws.store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ws.store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_corrupt_database_gives_a_clear_message_and_is_not_touched(tmp_path):
    folder = tmp_path / "rusak"
    folder.mkdir()
    garbage = b"INI BUKAN BASIS DATA " * 300
    (folder / DB_NAME).write_bytes(garbage)
    with pytest.raises(WorkspaceCorrupt) as err:
        Workspace.open(folder)
    assert "rusak" in str(err.value) and "belum ada cadangan" in str(err.value)
    assert (folder / DB_NAME).read_bytes() == garbage
    # with a backup present, the message offers the latest one
    (folder / "backups").mkdir()
    (folder / "backups" / "sumbar-20261201-080000-harian.db").write_bytes(b"")
    with pytest.raises(WorkspaceCorrupt) as err:
        Workspace.open(folder)
    assert "sumbar-20261201-080000-harian.db" in str(err.value)
    assert (folder / DB_NAME).read_bytes() == garbage


def test_non_writable_workspace(tmp_path):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        target = Path("/proc/sumbar-ruang-kerja")  # root may write anywhere else
    else:
        locked = tmp_path / "terkunci"
        locked.mkdir()
        locked.chmod(0o500)
        target = locked
    with pytest.raises(WorkspaceError) as err:
        Workspace.open(target)
    assert "tidak dapat ditulisi" in str(err.value)


def test_backup_is_a_consistent_copy(workspace):
    workspace.posts.add(_post(), "rina")
    path = workspace.backup("manual")
    copy = sqlite3.connect(path)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT COUNT(*) FROM posts").fetchone()[0] == 1
    copy.close()


def test_backups_in_the_same_second_never_overwrite_each_other(workspace):
    first = workspace.backup("manual")
    second = workspace.backup("manual")
    assert first != second and first.exists() and second.exists()


def test_published_posts_are_the_public_record_and_cannot_be_edited(workspace):
    post = workspace.posts.add(_post(scheduled_at=parse_wib_datetime("2026-12-07 09:00")), "rina")
    workspace.posts.transition(post.id, Action.SUBMIT, "rina")
    _approve(workspace, post.id)
    workspace.posts.transition(post.id, Action.SCHEDULE, "rina")
    published = workspace.posts.transition(post.id, Action.PUBLISH, "rina")
    published.caption = "Diubah setelah terbit"
    with pytest.raises(InvalidInput) as err:
        workspace.posts.save(published, "rina")
    assert "arsip publik" in str(err.value)
    assert workspace.posts.get(post.id).caption == _post().caption
    workspace.posts.transition(post.id, Action.ARCHIVE, "rina")
    restored = workspace.posts.transition(post.id, Action.RESTORE, "rina")
    restored.caption = "Versi baru sebagai draf"
    assert workspace.posts.save(restored, "rina").caption == "Versi baru sebagai draf"


def test_media_size_is_the_size_as_shown_after_exif_rotation(workspace, tmp_path):
    photo = tmp_path / "ponsel.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # phone held upright: stored landscape, shown portrait
    Image.new("RGB", (80, 60), "teal").save(photo, exif=exif)
    media = workspace.media.import_file(photo)
    assert (media.width, media.height) == (60, 80)
