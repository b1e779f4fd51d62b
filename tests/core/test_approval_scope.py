"""What approval covers is exactly what an export carries (#15 item 7).

- place and event date (which a card shows when its own field is empty) are in the hash: editing
  them after approval sends the post back to review and the export is no longer approved;
- a photo file in the workspace's media/ folder overwritten with another valid JPEG is refused
  by export and reported by doctor (exit 1) naming the post;
- ``--set photo=/any/path.jpg`` imports the photo at edit time; export never reads a path;
- old approvals are brought over by the schema-3 migration (re-stamped or sent to review).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from export_helpers import add_post, make_photo

from sumbar_studio.cli import main
from sumbar_studio.core.export import ExportRefused, export_posts
from sumbar_studio.core.model import Approval, CardSpec, Post, Status
from sumbar_studio.core.store.repository import SqlitePostRepository
from sumbar_studio.core.store.schema import SCHEMA_VERSION, connect, migrate, user_version
from sumbar_studio.core.workspace import Workspace


@pytest.mark.parametrize(
    "change",
    [
        lambda p: setattr(p, "place", "Bukittinggi"),
        lambda p: setattr(p, "event_date", date(2026, 12, 9)),
    ],
)
def test_editing_place_or_event_date_after_approval_sends_back_to_review(
    workspace, tmp_path, change
):
    post = add_post(workspace, tmp_path, "Rapat Paripurna APBD", platforms=("instagram",))
    assert post.status == Status.APPROVED and post.approval_valid()
    change(post)
    outcome = workspace.posts.save_with_outcome(post, "Rina")
    assert outcome.reopened and outcome.post.status == Status.REVIEW
    assert outcome.post.approval is None
    with pytest.raises(ExportRefused):
        export_posts(workspace, [outcome.post], tmp_path / "out", workers=1)
    [result] = export_posts(
        workspace, [outcome.post], tmp_path / "out", workers=1, allow_unapproved=True
    )
    manifest = json.loads((result.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["approved"] is False and manifest["draft"] is True


def _overwrite_media(ws, sha: str, tmp_path) -> None:
    other = make_photo(tmp_path / "lain.jpg", size=(800, 600), hue=120)
    ws.media.path_for(sha).write_bytes(other.read_bytes())


def test_overwritten_media_file_is_refused_by_export(workspace, tmp_path):
    post = add_post(workspace, tmp_path, "Reses Dapil Agam", platforms=("instagram",))
    _overwrite_media(workspace, post.media[0].sha256, tmp_path)
    assert post.approval_valid()  # the database alone cannot see it
    with pytest.raises(ExportRefused) as info:
        export_posts(workspace, [post], tmp_path / "out", workers=1)
    message = str(info.value)
    assert f"#{post.id}" in message and post.media[0].filename in message
    assert "SHA-256" in message
    out = tmp_path / "out"
    assert not [p for p in out.iterdir()]  # nothing left behind, not even a temp folder


def test_doctor_reports_an_overwritten_photo_and_exits_non_zero(tmp_path, capsys):
    ws_dir = tmp_path / "ws"
    with Workspace.open(ws_dir) as ws:
        post = add_post(ws, tmp_path, "Kunjungan Kerja Komisi", platforms=("instagram",))
    assert main(["--workspace", str(ws_dir), "doctor"]) == 0
    assert "Pustaka media" in capsys.readouterr().out
    with Workspace.open(ws_dir) as ws:
        _overwrite_media(ws, post.media[0].sha256, tmp_path)
    code = main(["--workspace", str(ws_dir), "doctor"])
    out = capsys.readouterr().out
    assert code == 1
    line = next(line for line in out.splitlines() if "Pustaka media" in line)
    assert line.startswith("!") and "isinya berubah" in line
    assert f"#{post.id}" in line and "Kunjungan Kerja Komisi" in line


def test_card_photo_path_is_imported_at_edit_time(tmp_path, capsys):
    ws_dir = tmp_path / "ws"
    photo = make_photo(tmp_path / "kartu.jpg", hue=50)
    base = ["--workspace", str(ws_dir)]
    assert (
        main(
            [
                *base,
                "post",
                "add",
                "--title",
                "Rapat",
                "--platform",
                "instagram",
                "--template",
                "berita",
            ]
        )
        == 0
    )
    assert main([*base, "post", "edit", "1", "--set", f"photo={photo}"]) == 0
    capsys.readouterr()
    with Workspace.open(ws_dir) as ws:
        stored = ws.posts.get(1)
        sha = stored.card.fields["photo"]
        assert (
            isinstance(sha, str)
            and len(sha) == 64
            and str(photo) not in json.dumps(stored.card.fields)
        )
        assert ws.media.verified_path(sha).read_bytes() == photo.read_bytes()
    photo.unlink()  # the original may move or vanish: the library copy is what counts
    assert (
        main([*base, "export", "--post", "1", "--out", str(tmp_path / "out"), "--allow-unapproved"])
        == 0
    )


def test_export_never_reads_a_path_stored_in_a_photo_field(workspace, tmp_path):
    """A crafted or legacy value naming a file of this PC is ignored, not opened."""
    post = workspace.posts.add(
        Post(
            title="Rapat",
            caption="Rapat paripurna.",
            platforms=["instagram"],
            card=CardSpec("berita", {"title": "Rapat", "photo": str(tmp_path / "tidak-ada.jpg")}),
        ),
        "tester",
    )
    [result] = export_posts(workspace, [post], tmp_path / "out", workers=1, allow_unapproved=True)
    assert result.images >= 1


def _legacy_db(tmp_path, workspace_photo_sha: str):
    """A schema-2 database with two approved posts: one untouched since approval, one whose
    place changed after approval (which the old hash did not notice)."""
    db = tmp_path / "legacy" / "sumbar.db"
    db.parent.mkdir()
    conn = connect(db)
    migrate(conn, 2)
    repo = SqlitePostRepository(conn)
    ids = []
    for title in ("Tetap sama", "Tempat diubah"):
        post = repo.insert(
            Post(
                title=title,
                caption="Rapat paripurna.",
                platforms=["x"],
                place="Padang",
                event_date=date(2026, 12, 7),
                status=Status.REVIEW,
            ),
            "tester",
        )
        post.status = Status.APPROVED
        post.approval = Approval(
            "Kabag",
            "197001011995031001",
            "Kepala Bagian",
            datetime.now(UTC),
            post.legacy_content_hash(),
        )
        post = repo.update(post, "kabag", action="approve")
        ids.append(post.id)
    changed = repo.get(ids[1])
    changed.place = "Bukittinggi"
    repo.update(changed, "rina", detail={"changed": ["place"]})
    return conn, repo, ids


def test_migration_restamps_untouched_approvals_and_reopens_the_others(tmp_path):
    conn, repo, (same, moved) = _legacy_db(tmp_path, "")
    assert user_version(conn) == 2
    migrate(conn)
    assert user_version(conn) == SCHEMA_VERSION
    kept = repo.get(same)
    assert kept.status == Status.APPROVED and kept.approval_valid()
    reopened = repo.get(moved)
    assert reopened.status == Status.REVIEW and reopened.approval is None
    actions = [e.action for e in repo.history(moved)]
    assert actions[-1] == "reopen"
    assert [e.action for e in repo.history(same)][-1] == "approval_rehash"
    conn.close()


def test_a_post_with_an_overwritten_photo_cannot_be_approved(workspace, tmp_path):
    from sumbar_studio.core.approval import approve_post
    from sumbar_studio.core.media import MediaTampered
    from sumbar_studio.core.model import Action

    post = add_post(workspace, tmp_path, "Rapat Banggar", platforms=("instagram",), approve=False)
    workspace.posts.transition(post.id, Action.SUBMIT, "tester")
    _overwrite_media(workspace, post.media[0].sha256, tmp_path)
    with pytest.raises(MediaTampered) as info:
        approve_post(
            workspace,
            post.id,
            approver="Kabag",
            nip="197001011995031001",
            role="Kepala Bagian",
            override_reason="uji",
        )
    with pytest.raises(MediaTampered):  # also when the window passes its own card reports
        approve_post(
            workspace,
            post.id,
            approver="Kabag",
            nip="197001011995031001",
            role="Kepala Bagian",
            override_reason="uji",
            card_reports={},
        )
    assert post.media[0].filename in str(info.value)
    assert workspace.posts.get(post.id).status == Status.REVIEW
