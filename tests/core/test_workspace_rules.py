"""A workspace's own rule lists take effect, and overridden blocks are named in the audit."""

from __future__ import annotations

import json

from sumbar_studio.cli import main
from sumbar_studio.core.approval import approve_post
from sumbar_studio.core.model import Action, Post
from sumbar_studio.core.resources import asset_path

CAPTION = (
    "Rapat dipimpin Bapak Zulkaranain membahas sipadek dan pokdarwis di Nagari Kotobaru. "
    "Hubungi 081234567890. #DPRDSumbar"
)


def _names(capsys, ws_dir):
    code = main(["--workspace", str(ws_dir), "check", "--post", "1", "--json"])
    out = json.loads(capsys.readouterr().out)
    return code, [f["rule"] for f in out["findings"]]


def test_workspace_lexicon_is_used_and_edits_apply_without_restart(tmp_path, capsys, workspace):
    workspace.posts.add(Post(title="Reses", caption=CAPTION, platforms=["instagram"]), "rina")
    code, rules = _names(capsys, workspace.path)
    assert code == 1 and rules.count("bahasa.ejaan") == 2 and "pdp.telepon" in rules
    workspace.rules_dir.mkdir()
    shipped = asset_path("rules", "lexicon.txt").read_text(encoding="utf-8")
    (workspace.rules_dir / "lexicon.txt").write_text(
        shipped + "\nsipadek\npokdarwis\n", encoding="utf-8"
    )
    code, rules = _names(capsys, workspace.path)
    assert "bahasa.ejaan" not in rules and "pdp.telepon" in rules


def test_override_records_which_blocking_rules_were_overridden(workspace):
    post = workspace.posts.add(Post(title="Reses", caption=CAPTION, platforms=["instagram"]), "r")
    workspace.posts.transition(post.id, Action.SUBMIT, "rina")
    approve_post(
        workspace,
        post.id,
        approver="Hj. Kepala Bagian",
        nip="197001012000031001",
        role="Kepala Bagian",
        override_reason="Nomor itu nomor layanan resmi Sekretariat.",
    )
    entry = workspace.posts.history(post.id)[-1]
    assert entry.action == "approve"
    assert entry.detail["override_reason"].startswith("Nomor itu")
    assert "pdp.telepon" in entry.detail["overridden"]


def test_extra_words_add_to_the_lexicon(workspace, capsys):
    workspace.posts.add(Post(title="Reses", caption=CAPTION, platforms=["instagram"]), "rina")
    workspace.rules_dir.mkdir()
    (workspace.rules_dir / "extra_words.txt").write_text("sipadek\n", encoding="utf-8")
    _, rules = _names(capsys, workspace.path)
    assert rules.count("bahasa.ejaan") == 1  # pokdarwis still unknown; the shipped lexicon stays


def test_workspace_platform_data_takes_effect(tmp_path):
    from sumbar_studio.core.platforms import default_catalog
    from sumbar_studio.core.text.counting import count
    from sumbar_studio.core.workspace import Workspace

    data = json.loads(asset_path("platforms.json").read_text(encoding="utf-8"))
    data["platforms"]["threads"]["caption_limit"] = 450
    folder = tmp_path / "tim"
    folder.mkdir()
    (folder / "platforms.json").write_text(json.dumps(data), encoding="utf-8")
    with Workspace.open(folder):
        assert default_catalog().get("threads").caption_limit == 450
        assert count("halo", "threads").limit == 450
    with Workspace.open(tmp_path / "lain"):
        assert default_catalog().get("threads").caption_limit == 500
