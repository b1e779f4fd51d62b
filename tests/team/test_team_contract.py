"""The repository contract on both back ends: tests/core/test_store.py's own cases, run on a
local workspace and on an officer's desk connected to the team server, plus side-by-side
query comparisons (same data in, same answers out)."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from sumbar_studio.core.errors import InvalidInput, SumbarError, TransitionRefused
from sumbar_studio.core.model import Action, CardSpec, Media, Post, Status
from sumbar_studio.core.store.protocol import PostQuery
from sumbar_studio.core.timeutil import parse_wib_datetime


def _load_core_store_tests():
    """Our own copy of tests/core/test_store.py (its helpers can then be re-pointed safely)."""
    path = Path(__file__).resolve().parents[1] / "core" / "test_store.py"
    spec = importlib.util.spec_from_file_location("team_contract_core_store", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


core = _load_core_store_tests()
_approve_locally = core._approve

REUSED = [
    core.test_add_and_read_back_everything,
    core.test_stale_save_is_refused_and_nothing_is_overwritten,
    core.test_editing_an_approved_or_scheduled_post_sends_it_back_to_review,
    core.test_save_cannot_change_status_or_forge_approval,
    core.test_unknown_post_and_platform_are_clear_errors,
    core.test_full_text_search_indonesian_words_and_prefix,
    core.test_week_query_uses_wib_days,
    core.test_query_filters,
    core.test_published_posts_are_the_public_record_and_cannot_be_edited,
]


@pytest.fixture
def approver(request, any_workspace, monkeypatch):
    """On the server nobody approves their own post: approvals come from Kabag's desk."""
    if hasattr(any_workspace, "repository") and type(any_workspace.repository).__name__ == (
        "PostgresPostRepository"
    ):
        desk = request.getfixturevalue("team_db").desk("kabag")
        monkeypatch.setattr(
            core,
            "_approve",
            lambda ws, post_id, actor="Kabag": _approve_locally(desk, post_id, actor),
        )
        return desk
    return any_workspace


@pytest.mark.parametrize("case", REUSED, ids=[f.__name__[5:] for f in REUSED])
def test_store_contract(case, any_workspace, approver):
    case(any_workspace)


def test_workflow_with_audit(any_workspace, approver):
    """test_store's workflow case, with changes requested by the approver (on the server only
    an approver may send a post back)."""
    ws = any_workspace
    post = ws.posts.add(core._post(scheduled_at=parse_wib_datetime("2026-12-07 09:00")), "rina")
    ws.posts.transition(post.id, Action.SUBMIT, "rina")
    approver.posts.transition(post.id, Action.REQUEST_CHANGES, "kabag", comment="Perbaiki judul")
    ws.posts.transition(post.id, Action.SUBMIT, "rina")
    with pytest.raises(InvalidInput):
        ws.posts.transition(post.id, Action.APPROVE, "kabag")
    core._approve(ws, post.id)
    ws.posts.transition(post.id, Action.SCHEDULE, "rina")
    with pytest.raises(TransitionRefused):
        ws.posts.transition(post.id, Action.SUBMIT, "rina")
    done = ws.posts.transition(
        post.id, Action.PUBLISH, "rina", published_urls={"instagram": "https://instagram.com/p/x"}
    )
    assert done.status == Status.PUBLISHED and done.published_urls["instagram"].endswith("/x")
    history = ws.posts.history(post.id)
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
    assert history[-1].detail["urls"] == {"instagram": "https://instagram.com/p/x"}


def test_delete_keeps_the_history(any_workspace):
    post = any_workspace.posts.add(core._post(), "rina")
    any_workspace.posts.delete(post.id, "rina")
    assert any_workspace.posts.count() == 0
    assert [(h.action, h.old_status, h.detail) for h in any_workspace.posts.history(post.id)] == [
        ("create", None, {}),
        ("delete", "draft", {"title": post.title}),
    ]


def test_only_a_draft_can_be_deleted(any_workspace):
    """What went to review or further stays on record, on both back ends (archive it)."""
    from sumbar_studio.core.errors import InvalidInput
    from sumbar_studio.core.model import Action

    post = any_workspace.posts.add(core._post(), "rina")
    submitted = any_workspace.posts.transition(post.id, Action.SUBMIT, "rina")
    with pytest.raises(InvalidInput) as refused:
        any_workspace.posts.delete(post.id, "rina")
    assert "Hanya draf yang bisa dihapus" in str(refused.value)
    assert any_workspace.posts.get(post.id).version == submitted.version


# -- side by side -------------------------------------------------------------------------------
WORDS = [
    ("Rapat Paripurna APBD-P 2027", "Pengesahan Ranperda tentang APBD Perubahan.", "Rina"),
    ("Reses Anggota Dapil Agam", "Warga menyampaikan aspirasi soal irigasi dan jalan.", "Budi"),
    ("Kunjungan Kerja Komisi IV", "Meninjau pembangunan sekolah di Kabupaten Solok.", "rina"),
    ("Sosialisasi Perda Bukittinggi", "Peraturan daerah tentang pariwisata—kafé & résto.", ""),
    (
        "Audiensi Mahasiswa",
        "Aspirasi mahasiswa Universitas Andalas (Unand) di ruang rapat.",
        "Budi",
    ),
    (
        "rapat dengar pendapat",
        "RDP Komisi II dengan Dinas Pertanian; hasil_panen naik 12%.",
        "Rina",
    ),
]


def _fill(ws, media):
    base = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
    ids = []
    for i, (title, caption, who) in enumerate(WORDS):
        post = Post(
            title=title,
            caption=caption,
            platforms=["instagram", "x"] if i % 2 else ["facebook"],
            assignee=who,
            scheduled_at=None if i == 3 else base + timedelta(hours=13 * i),
            card=CardSpec("berita" if i % 3 == 0 else ""),
            media=[media] if i == 1 else [],
        )
        if i == 4:
            post.override("x", "Nagari Sungai Pua dan Koto Gadang")
        ids.append(ws.posts.add(post, "rina").id)
    ws.posts.transition(ids[1], Action.SUBMIT, "rina")
    ws.posts.transition(ids[2], Action.ARCHIVE, "rina")
    return ids


QUERIES = [
    PostQuery(),
    PostQuery(order="title"),
    PostQuery(order="title", descending=True, limit=3, offset=1),
    PostQuery(order="assignee"),
    PostQuery(order="status"),
    PostQuery(order="newest", limit=2),
    PostQuery(statuses=[Status.DRAFT]),
    PostQuery(statuses=[Status.REVIEW, Status.ARCHIVED], order="id"),
    PostQuery(platform="x"),
    PostQuery(platform="facebook", descending=True),
    PostQuery(assignee="Budi"),
    PostQuery(start=datetime(2026, 12, 7, 10, tzinfo=UTC), end=datetime(2026, 12, 9, tzinfo=UTC)),
    PostQuery(text="rapat"),
    PostQuery(text="RAPAT komisi"),
    PostQuery(text="aspir", order="newest", limit=5),
    PostQuery(text="kafe"),
    PostQuery(text="résto"),
    PostQuery(text="apbd p"),
    PostQuery(text="nagari koto", platform="x"),
    PostQuery(text="hasil_panen"),
    PostQuery(text="12"),
    PostQuery(text="ap"),
    PostQuery(text="universitas andalas unand"),
    PostQuery(text="!!! ---"),
    PostQuery(text="rapat", statuses=[Status.DRAFT], order="newest", limit=1, offset=1),
]


def test_both_back_ends_answer_every_query_the_same(workspace, team_db, tmp_path):
    photo = core._photo(tmp_path / "foto.jpg")
    media = workspace.media.import_file(photo, alt_text="Warga")
    desk = team_db.desk("rina")
    row = workspace.repository.media_row(media.sha256)
    desk.repository.put_media(media.sha256, row.ext, row.original_name, 64, 48, photo.read_bytes())
    local_ids = _fill(workspace, media)
    server_ids = _fill(desk, media)
    to_local = dict(zip(server_ids, local_ids, strict=True))
    for q in QUERIES:
        local = workspace.posts.ids(q)
        server = [to_local[i] for i in desk.posts.ids(q)]
        assert server == local, q
        assert desk.posts.count(q) == workspace.posts.count(q), q
    for text in ["rapat", "aspirasi", "komisi"]:  # ranked: same set (scores differ by engine)
        q = PostQuery(text=text, order="rank")
        assert sorted(to_local[i] for i in desk.posts.ids(q)) == sorted(workspace.posts.ids(q))
    assert desk.repository.assignees() == workspace.repository.assignees()
    local_summaries = workspace.posts.summaries(local_ids[::-1])
    server_summaries = desk.posts.summaries(server_ids[::-1])

    def strip(s):
        return (
            s.title,
            s.status,
            s.scheduled_at,
            s.platforms,
            s.assignee,
            s.version,
            s.template_id,
            s.thumb_sha256,
        )

    assert [strip(s) for s in server_summaries] == [strip(s) for s in local_summaries]
    assert server_summaries[-2].thumb_sha256 == media.sha256
    local_posts = workspace.repository.get_many(local_ids[::-1])
    server_posts = desk.repository.get_many(server_ids[::-1])
    for a, b in zip(local_posts, server_posts, strict=True):
        assert (a.title, a.media, a.card, a.variants, a.content_hash()) == (
            b.title,
            b.media,
            b.card,
            b.variants,
            b.content_hash(),
        )


def test_media_bytes_live_on_the_server_under_their_hash(team_db, tmp_path):
    repo = team_db.repository("rina")
    photo = core._photo(tmp_path / "foto.jpg")
    data = photo.read_bytes()
    from sumbar_studio.core.media import file_sha256

    sha = file_sha256(photo)
    repo.put_media(sha, "jpg", "foto.jpg", 64, 48, data)
    repo.put_media(sha, "jpg", "salinan.jpg", 64, 48, data)  # the same photo twice: one row
    assert repo.media_bytes(sha) == data
    assert repo.media_row(sha).original_name == "foto.jpg"
    assert repo.media_row("0" * 64) is None and repo.media_bytes("0" * 64) is None
    with pytest.raises(SumbarError) as err:  # bytes that are not what the hash names
        repo.put_media("1" * 64, "jpg", "palsu.jpg", 1, 1, b"bukan foto ini")
    assert isinstance(err.value.__cause__, psycopg.errors.CheckViolation)
    assert repo.media_row("1" * 64) is None
    post = Post(title="Dengan foto", media=[Media(sha, "foto.jpg")])
    saved = team_db.desk("rina").posts.add(post, "rina")
    assert saved.media[0].sha256 == sha


def test_server_media_library_shares_photos_between_desks(team_db, tmp_path):
    from sumbar_studio.core.errors import ImageError
    from sumbar_studio.core.store.postgres.media import ServerMediaLibrary

    rina = ServerMediaLibrary(team_db.repository("rina"), tmp_path / "cache-rina")
    budi = ServerMediaLibrary(team_db.repository("budi"), tmp_path / "cache-budi")
    photo = core._photo(tmp_path / "paripurna.jpg")
    media = rina.import_file(photo, alt_text="Suasana rapat")
    again = rina.import_file(photo)
    assert media.sha256 == again.sha256 and (media.width, media.height) == (64, 48)
    photo.unlink()
    on_budis_desk = budi.path_for(media.sha256)  # fetched from the server into Budi's cache
    assert on_budis_desk.is_relative_to(tmp_path / "cache-budi")
    assert on_budis_desk.read_bytes() == rina.path_for(media.sha256).read_bytes()
    on_budis_desk.write_bytes(b"rusak")  # a damaged cache file is fetched again
    assert core.Image.open(budi.path_for(media.sha256)).size == (64, 48)
    bogus = tmp_path / "dokumen.jpg"
    bogus.write_bytes(b"bukan gambar")
    with pytest.raises(ImageError):
        rina.import_file(bogus)
    with pytest.raises(ImageError):
        budi.path_for("0" * 64)


def test_reopen_without_an_edit_sends_an_approved_post_back_to_review(any_workspace, approver):
    ws = any_workspace
    post = ws.posts.add(core._post(), "rina")
    ws.posts.transition(post.id, Action.SUBMIT, "rina")
    core._approve(ws, post.id)
    reopened = ws.posts.transition(post.id, Action.REOPEN, "rina", comment="Perlu dicek ulang")
    assert reopened.status == Status.REVIEW and reopened.approval is None
    last = ws.posts.history(post.id)[-1]
    assert (last.action, last.old_status, last.new_status) == ("reopen", "approved", "review")
