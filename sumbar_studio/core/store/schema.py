"""Database schema, connection settings and migrations (PRAGMA user_version).

Each migration is a list of SQL statements (plus an optional Python step) applied in one
transaction. A database older than :data:`SCHEMA_VERSION` is copied to the workspace's backup
folder before it is migrated (see Workspace.open).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

_V1 = [
    """CREATE TABLE posts (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        caption TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        scheduled_at TEXT,
        event_date TEXT,
        assignee TEXT NOT NULL DEFAULT '',
        platforms TEXT NOT NULL DEFAULT ',',
        data TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX posts_scheduled ON posts(scheduled_at)",
    "CREATE INDEX posts_status ON posts(status, scheduled_at)",
    "CREATE INDEX posts_assignee ON posts(assignee)",
    """CREATE TABLE media (
        sha256 TEXT PRIMARY KEY,
        ext TEXT NOT NULL,
        original_name TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        added_at TEXT NOT NULL
    )""",
    """CREATE TABLE post_media (
        post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        sha256 TEXT NOT NULL REFERENCES media(sha256),
        PRIMARY KEY (post_id, position)
    )""",
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        post_id INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        old_status TEXT,
        new_status TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX audit_post ON audit(post_id, id)",
]

_V2 = [
    # Full-text index over titles and captions (master and variants). Standalone FTS5 table
    # kept in step by the repository inside the same transaction as each write.
    """CREATE VIRTUAL TABLE post_search USING fts5(
        title, body, tokenize = "unicode61 remove_diacritics 2", prefix = '2 3'
    )""",
]


def _v2_fill(conn: sqlite3.Connection) -> None:
    from .repository import search_body

    rows = conn.execute("SELECT id, title, caption, data FROM posts").fetchall()
    conn.executemany(
        "INSERT INTO post_search(rowid, title, body) VALUES (?, ?, ?)",
        [(r[0], r[1], search_body(r[2], r[3])) for r in rows],
    )


def rebuild_search(conn: sqlite3.Connection) -> None:
    """Refill the full-text index from the posts (after copying data in, e.g. a restore)."""
    conn.execute("DELETE FROM post_search")
    _v2_fill(conn)


def _v3_approval_scope(conn: sqlite3.Connection) -> None:
    from .approval_scope import rescope_approvals

    rescope_approvals(conn)


# Kotak Masukan (issue 16): the register of the public's questions and complaints, its
# forwarding history, the replies drafted for it and its own audit trail. Times are UTC text.
# Screenshots are media rows (content-addressed like post photos).
_V4_INBOX = [
    """CREATE TABLE inbox_entries (
        id INTEGER PRIMARY KEY,
        channel TEXT NOT NULL,
        kind TEXT NOT NULL,
        sender TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        screenshot TEXT NOT NULL DEFAULT '',
        received_at TEXT NOT NULL,
        topic TEXT NOT NULL DEFAULT '',
        post_id INTEGER,
        post_url TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        assignee TEXT NOT NULL DEFAULT '',
        forwarded_to TEXT NOT NULL DEFAULT '',
        forwarded_kind TEXT NOT NULL DEFAULT '',
        forwarded_at TEXT,
        due_at TEXT,
        first_answer_at TEXT,
        closed_at TEXT,
        close_reason TEXT NOT NULL DEFAULT '',
        response_minutes INTEGER,
        closure_minutes INTEGER,
        erased_at TEXT,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    # a month's statistics read this index only (no table rows)
    """CREATE INDEX inbox_received ON inbox_entries(received_at, channel, kind, status,
        forwarded_to, due_at, first_answer_at, response_minutes, closure_minutes)""",
    # the open list and the overdue check: only open entries are in this index
    """CREATE INDEX inbox_open ON inbox_entries(due_at)
        WHERE status IN ('baru', 'ditangani', 'dijawab')""",
    "CREATE INDEX inbox_retention ON inbox_entries(closed_at) WHERE erased_at IS NULL",
    "CREATE INDEX inbox_assignee ON inbox_entries(assignee, status)",
    """CREATE TABLE inbox_routing (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES inbox_entries(id) ON DELETE CASCADE,
        target TEXT NOT NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX inbox_routing_entry ON inbox_routing(entry_id, id)",
    """CREATE TABLE inbox_replies (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES inbox_entries(id) ON DELETE CASCADE,
        body TEXT NOT NULL,
        template_id TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        blocking INTEGER NOT NULL DEFAULT 0,
        warnings INTEGER NOT NULL DEFAULT 0,
        findings TEXT NOT NULL DEFAULT '[]',
        checked_hash TEXT NOT NULL DEFAULT '',
        approved_by TEXT NOT NULL DEFAULT '',
        approved_at TEXT,
        sent_by TEXT NOT NULL DEFAULT '',
        sent_at TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX inbox_replies_entry ON inbox_replies(entry_id, id)",
    """CREATE TABLE inbox_audit (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        old_status TEXT,
        new_status TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX inbox_audit_entry ON inbox_audit(entry_id, id)",
]


def _v5_rule_ids(conn: sqlite3.Connection) -> None:
    """Rule ids are Indonesian (core/checks/ruleids.py): a reply's stored findings take the
    ids of today. Nothing else stored here names a rule except the audit, which is history and
    is shown through the alias table instead of rewritten. No approval changes: rule ids are
    not part of what an approval's hash covers (Post.content_hash), nor of a reply's
    ``checked_hash`` (its body)."""
    from ..checks.ruleids import RENAMED, current_findings

    rows = conn.execute("SELECT id, findings FROM inbox_replies").fetchall()
    for reply_id, text in rows:
        if not text or not any(f'"{old}"' in text for old in RENAMED):
            continue
        try:
            findings = json.loads(text)
        except ValueError:
            continue  # unreadable findings are left as they are (shown as before)
        if not isinstance(findings, list):
            continue
        mapped = current_findings(findings)
        if mapped != findings:
            conn.execute(
                "UPDATE inbox_replies SET findings = ? WHERE id = ?",
                (json.dumps(mapped, ensure_ascii=False), reply_id),
            )


Migration = tuple[list[str], Callable[[sqlite3.Connection], None] | None]

#: MIGRATIONS[i] brings a database from version i to version i + 1.
MIGRATIONS: list[Migration] = [
    (_V1, None),
    (_V2, _v2_fill),
    ([], _v3_approval_scope),
    (_V4_INBOX, None),
    ([], _v5_rule_ids),
]
SCHEMA_VERSION = len(MIGRATIONS)


def sqlite_uri(path: str | Path, mode: str = "rwc") -> str:
    """The ``file:`` URI of a database path, percent-escaped: a folder named "Tim #1" or
    "50% ?" stays one folder (unescaped, ``#`` and ``?`` would end the path early)."""
    return f"{Path(path).absolute().as_uri()}?mode={mode}"


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open the database with the pragmas the app relies on (WAL, foreign keys, full sync)."""
    uri = sqlite_uri(path, "ro" if read_only else "rwc")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=10)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a power cut never loses an acknowledged save (NORMAL would, in WAL mode).
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply pending migrations up to ``target``; returns the versions reached."""
    reached = []
    current = user_version(conn)
    while current < target:
        statements, step = MIGRATIONS[current]
        conn.execute("BEGIN IMMEDIATE")
        try:
            for sql in statements:
                conn.execute(sql)
            if step:
                step(conn)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current += 1
        reached.append(current)
    return reached
