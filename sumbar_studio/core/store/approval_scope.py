"""Schema 3: approvals cover everything an export carries (issue #15, item 7).

Before schema 3 an approval's hash covered texts, card and media but not the post fields a card
resolves when its own field is empty (place, event date) nor source, photo credit and media
credits, so those could change after approval without anyone noticing. ``Post.content_hash``
now covers them. This step brings every stored approval over:

* an approval whose old-style hash still matches its post, with no audited change since the
  approval to a field the old hash did not cover, vouched for exactly what the post is now:
  it is re-stamped with the new hash (audit: ``approval_rehash``);
* otherwise, when the post is approved or scheduled, nobody vouched for what it is now: it goes
  back to review and its approval is cleared (audit: ``reopen``), as an edit would have done.
"""

from __future__ import annotations

import json
import sqlite3

from ..timeutil import now_utc, utc_to_db

#: fields the old hash did not cover; a change to one after approval voids the approval
_UNCOVERED = {"place", "event_date", "source", "photo_credit", "media"}
_ACTOR = "sumbar-studio"


def _changed_since_approval(conn: sqlite3.Connection, post_id: int) -> set[str]:
    rows = conn.execute(
        "SELECT action, detail FROM audit WHERE post_id = ? AND id > COALESCE("
        "(SELECT MAX(id) FROM audit WHERE post_id = ? AND action = 'approve'), 0) ORDER BY id",
        (post_id, post_id),
    ).fetchall()
    changed: set[str] = set()
    for action, detail in rows:
        if action not in ("update", "reopen"):
            continue
        try:
            changed.update(json.loads(detail or "{}").get("changed", []))
        except (ValueError, AttributeError, TypeError):
            changed.add("?")
    return changed


def _audit(
    conn: sqlite3.Connection,
    post_id: int,
    action: str,
    old: str | None,
    new: str | None,
    detail: dict,
) -> None:
    conn.execute(
        "INSERT INTO audit (post_id, at, actor, action, old_status, new_status, detail)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            post_id,
            utc_to_db(now_utc()),
            _ACTOR,
            action,
            old,
            new,
            json.dumps(detail, ensure_ascii=False),
        ),
    )


def rescope_approvals(conn: sqlite3.Connection) -> None:
    from .repository import _row_to_post

    rows = conn.execute("SELECT * FROM posts").fetchall()
    for row in rows:
        data = json.loads(row["data"])
        if not data.get("approval"):
            continue
        post = _row_to_post(row)
        assert post.approval is not None
        new_hash = post.content_hash()
        if post.approval.content_hash == new_hash:
            continue
        still_same = post.approval.content_hash == post.legacy_content_hash()
        if still_same and not (_changed_since_approval(conn, row["id"]) & (_UNCOVERED | {"?"})):
            data["approval"]["content_hash"] = new_hash
            conn.execute(
                "UPDATE posts SET data = ? WHERE id = ?",
                (json.dumps(data, ensure_ascii=False, sort_keys=True), post.id),
            )
            _audit(
                conn,
                row["id"],
                "approval_rehash",
                None,
                None,
                {"from": post.approval.content_hash, "to": new_hash},
            )
        elif row["status"] in ("approved", "scheduled"):
            data["approval"] = None
            conn.execute(
                "UPDATE posts SET data = ?, status = 'review', version = version + 1,"
                " updated_at = ? WHERE id = ?",
                (
                    json.dumps(data, ensure_ascii=False, sort_keys=True),
                    utc_to_db(now_utc()),
                    post.id,
                ),
            )
            _audit(
                conn,
                row["id"],
                "reopen",
                row["status"],
                "review",
                {
                    "reason": "approval_scope",
                    "changed": sorted(_changed_since_approval(conn, row["id"]) & _UNCOVERED),
                },
            )
