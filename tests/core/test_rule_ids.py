"""Rule ids are Indonesian domain terms (issue 11); the ids they had before are still understood
through one alias table (core/checks/ruleids.py): in a workspace's own checklist.json, in
stored reply findings (schema 5 rewrites them) and in the audit (shown, never rewritten)."""

from __future__ import annotations

import json
import sqlite3

from sumbar_studio.core.checks import check_text, load_rules
from sumbar_studio.core.checks.ruleids import RENAMED, current_detail
from sumbar_studio.core.inbox import InboxService
from sumbar_studio.core.model import Action, Approval, Post, Status
from sumbar_studio.core.resources import asset_path
from sumbar_studio.core.store import schema
from sumbar_studio.core.timeutil import now_utc
from sumbar_studio.core.workspace import DB_NAME, Workspace

SHIPPED = json.loads(asset_path("rules/checklist.json").read_text(encoding="utf-8"))


def test_shipped_rules_use_todays_ids_and_every_rename_lands_on_a_shipped_rule():
    rules = set(SHIPPED["rules"])
    assert not rules & set(RENAMED)
    assert set(RENAMED.values()) <= rules
    assert not set(RENAMED.values()) & set(RENAMED)  # no chains: one step from old to new


def test_a_long_caption_for_x_is_found_under_its_indonesian_id():
    rules = {f.rule for f in check_text("kata " * 80, ["x"])}
    assert "platform.panjang" in rules and "platform.length" not in rules


def test_a_workspace_checklist_written_with_the_old_ids_still_applies(tmp_path):
    own = json.loads(json.dumps(SHIPPED))
    specs = own["rules"]
    for old, new in RENAMED.items():
        specs[old] = specs.pop(new)
    specs["platform.length"] = {"item": "platform", "severity": "warning"}  # team's choice
    specs["platform.hashtags"]["enabled"] = False
    (tmp_path / "checklist.json").write_text(json.dumps(own), encoding="utf-8")
    rules = load_rules(tmp_path)
    assert set(rules.specs) == set(SHIPPED["rules"])
    text = "kata " * 80 + " ".join(f"#tagar{i}" for i in range(5))
    found = {f.rule: f for f in check_text(text, ["x"], rules=rules)}
    assert found["platform.panjang"].severity == "warning"
    assert "platform.tagar_berlebih" not in found


def test_an_entry_under_todays_id_wins_over_its_old_id(tmp_path):
    own = json.loads(json.dumps(SHIPPED))
    own["rules"]["platform.length"] = {"item": "platform", "severity": "info"}
    (tmp_path / "checklist.json").write_text(json.dumps(own), encoding="utf-8")
    assert load_rules(tmp_path).specs["platform.panjang"].severity == "blocking"


def test_audit_details_are_shown_with_todays_ids_and_left_alone_otherwise():
    detail = {"override_reason": "Rapat mendadak", "overridden": ["platform.length", "kredibel"]}
    assert current_detail(detail)["overridden"] == ["platform.panjang", "kredibel"]
    assert detail["overridden"] == ["platform.length", "kredibel"]  # the row itself unchanged
    plain = {"changed": ["caption"]}
    assert current_detail(plain) is plain


def _age_to_schema_4(folder) -> dict[str, object]:
    """A workspace as an app with schema 4 left it: old rule ids in a reply's findings and in
    an approval's overridden rules; one post approved as it is, one whose approval no longer
    matches its content."""
    with Workspace.open(folder) as ws:
        kept = ws.posts.add(
            Post(title="Paripurna", caption="Rapat paripurna.", platforms=["x"]), "r"
        )
        stale = ws.posts.add(Post(title="Reses", caption="Reses dapil.", platforms=["x"]), "r")
        for post in (kept, stale):
            ws.posts.transition(post.id, Action.SUBMIT, "rina")
            approval = Approval(
                "Kabag",
                "197001011995031001",
                "Kepala Bagian",
                now_utc(),
                ws.posts.get(post.id).content_hash(),
                override_reason="Sudah dicek manual",
            )
            ws.posts.approve(
                post.id, approval, "kabag", overridden=["platform.length", "akses.alt_text"]
            )
        inbox = InboxService(ws)
        entry = inbox.add(channel="x", text="Kapan jalan diperbaiki?", actor="rina")
        reply = inbox.draft_reply(
            entry.id, "Terima kasih, laporan sudah kami teruskan.", actor="rina"
        )
        conn = ws.store.conn
        old_findings = [
            {"rule": "platform.length", "severity": "blocking", "message": "terlalu panjang"},
            {"rule": "pdp.email", "severity": "blocking", "message": "surel pribadi"},
            {"rule": "gaya.pukul", "severity": "warning", "message": "pukul"},
        ]
        conn.execute(
            "UPDATE inbox_replies SET findings = ? WHERE id = ?",
            (json.dumps(old_findings), reply.id),
        )
        row = conn.execute("SELECT data FROM posts WHERE id = ?", (stale.id,)).fetchone()
        data = json.loads(row[0])
        data["approval"]["content_hash"] = "0" * 64  # vouched for other content
        conn.execute("UPDATE posts SET data = ? WHERE id = ?", (json.dumps(data), stale.id))
        conn.execute("PRAGMA user_version = 4")
        return {"kept": kept.id, "stale": stale.id, "reply": reply.id}


def test_schema_5_renames_stored_rule_ids_and_keeps_approvals_exactly(tmp_path):
    folder = tmp_path / "ws"
    ids = _age_to_schema_4(folder)
    raw = sqlite3.connect(folder / DB_NAME)
    old_posts = dict(raw.execute("SELECT id, data FROM posts").fetchall())
    raw.close()
    with Workspace.open(folder) as ws:
        assert ws.migrated_from == 4 and ws.schema_version() == schema.SCHEMA_VERSION == 5
        assert any("pra-migrasi-v4" in b.name for b in ws.backups())
        # approvals: untouched, so a post is approved after exactly when it was before
        conn = ws.store.conn
        assert dict(conn.execute("SELECT id, data FROM posts").fetchall()) == old_posts
        kept, stale = ws.posts.get(ids["kept"]), ws.posts.get(ids["stale"])
        assert kept.status == Status.APPROVED and kept.approval_valid()
        assert not stale.approval_valid()
        # a reply's stored findings take today's ids
        reply = InboxService(ws).repo.reply(ids["reply"])
        assert [f["rule"] for f in reply.findings] == [
            "platform.panjang",
            "pdp.surel",
            "gaya.pukul",
        ]
        # the audit row is history: stored as written, shown with today's ids
        stored = conn.execute(
            "SELECT detail FROM audit WHERE post_id = ? AND action = 'approve'", (kept.id,)
        ).fetchone()[0]
        assert json.loads(stored)["overridden"] == ["platform.length", "akses.alt_text"]
        [approve] = [e for e in ws.posts.history(kept.id) if e.action == "approve"]
        assert approve.detail["overridden"] == ["platform.panjang", "akses.teks_alt"]
