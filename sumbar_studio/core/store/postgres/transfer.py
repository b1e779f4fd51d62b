"""``team push`` and ``team pull``: moving a workspace between a desk and the team server.

Push copies a local (SQLite) workspace to an empty team server in ONE transaction: the same post
ids, versions and times, the photos under the same SHA-256, the whole audit history (chained on
the server as it is copied). Every approval is re-verified by the server's own content hash; an
approval that no longer matches its post is not carried over: that post arrives as a draft and
is listed in the report (and in its history). Nothing is half-copied: any error rolls it all back.

Pull writes a server's data into a new local workspace (an archive, or leaving the team): the
same posts, hashes, history and photos.

Both carry the Kotak Masukan too: entries, forwarding steps, replies and the register's audit
trail, with the same ids and times.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psycopg
from psycopg.types.json import Jsonb

from ...errors import InvalidInput, WorkspaceError
from ...media import file_sha256
from ...model import APPROVED_STATES, Status
from ..inbox import ENTRY_COLUMNS
from ..protocol import PostQuery
from ..repository import SqlitePostRepository, _post_to_row, search_body
from .connection import scalar
from .documents import put_all, write_all
from .inbox import entry_select
from .media import _write_atomically
from .repository import PostgresPostRepository, _mapped, search_vector


@dataclass
class TransferReport:
    posts: int = 0
    media: int = 0
    audit: int = 0
    #: Kotak Masukan entries carried over (with their routing, replies and audit trail)
    inbox: int = 0
    #: shared files (team.json, platforms.json, rules/*, logo/*) carried over
    documents: list[str] = field(default_factory=list)
    #: (post id, title, stored approval hash, hash of the content) for approvals not carried over
    demoted: list[tuple[int, str, str, str]] = field(default_factory=list)


def push(workspace, conn: psycopg.Connection) -> TransferReport:
    """Copy ``workspace`` (a local :class:`~sumbar_studio.core.workspace.Workspace`) to the team
    server on ``conn``, which must belong to the server's installer (may act as the owner)."""
    if getattr(workspace, "is_team", False):  # a server is not copied onto a server
        raise WorkspaceError("team.push_needs_local", address=workspace.label())
    report = TransferReport()
    local = workspace.store.conn
    media_rows = local.execute("SELECT * FROM media ORDER BY sha256").fetchall()
    payloads = {}
    for row in media_rows:  # read and verify every photo before touching the server
        path = workspace.media.root / row["sha256"][:2] / f"{row['sha256']}.{row['ext']}"
        if not path.exists() or file_sha256(path) != row["sha256"]:
            raise WorkspaceError("team.media_missing", sha=row["sha256"][:12])
        payloads[row["sha256"]] = path.read_bytes()
    posts = workspace.repository.query(PostQuery(order="id"))
    audit_rows = local.execute("SELECT * FROM audit ORDER BY id").fetchall()
    inbox_rows = {
        table: local.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY id").fetchall()
        for table, cols in INBOX_TABLES.items()
    }
    with _mapped(), conn.transaction():
        try:
            conn.execute("SET LOCAL ROLE sumbar_owner")
        except psycopg.errors.InsufficientPrivilege:
            raise WorkspaceError("team.push_needs_owner") from None
        conn.execute("SET LOCAL sumbar.importing = 'on'")
        count = scalar(conn, "SELECT count(*) FROM sumbar.posts")
        if count:
            raise InvalidInput("team.push_not_empty", count=count)
        count = scalar(conn, "SELECT count(*) FROM sumbar.inbox_entries")
        if count:
            raise InvalidInput("team.push_inbox_not_empty", count=count)
        with conn.cursor() as cur:
            for row in media_rows:
                cur.execute(
                    "INSERT INTO sumbar.media (sha256, ext, original_name, width, height, bytes,"
                    " added_at, content) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
                    " ON CONFLICT (sha256) DO UPDATE SET content = excluded.content",
                    (
                        row["sha256"],
                        row["ext"],
                        row["original_name"],
                        row["width"],
                        row["height"],
                        row["bytes"],
                        row["added_at"],
                        payloads[row["sha256"]],
                    ),
                )
                report.media += 1
            for post in posts:
                report.posts += 1
                _push_post(cur, post, report)
            for row in audit_rows:
                cur.execute(
                    "INSERT INTO sumbar.audit (id, post_id, at, actor, action, old_status,"
                    " new_status, detail) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                    (
                        row["id"],
                        row["post_id"],
                        row["at"],
                        row["actor"],
                        row["action"],
                        row["old_status"],
                        row["new_status"],
                        Jsonb(json.loads(row["detail"])),
                    ),
                )
                report.audit += 1
            for post_id, _title, stored, actual in report.demoted:
                cur.execute(
                    "INSERT INTO sumbar.audit (post_id, actor, action, old_status, new_status,"
                    " detail) VALUES (%s, session_user, 'import_demoted', %s, 'draft', %s)",
                    (
                        post_id,
                        str(next(p.status for p in posts if p.id == post_id)),
                        Jsonb({"approved_hash": stored, "content_hash": actual}),
                    ),
                )
            _reset_sequence(cur, "posts")
            report.inbox = _push_inbox(cur, inbox_rows)
        report.documents = put_all(conn, workspace.path)
    return report


# -- the Kotak Masukan: the same four tables on both sides, copied row by row with their ids -----
INBOX_TABLES: dict[str, tuple[str, ...]] = {
    "inbox_entries": ENTRY_COLUMNS,
    "inbox_routing": ("id", "entry_id", "target", "kind", "at", "actor", "note"),
    "inbox_replies": (
        "id",
        "entry_id",
        "body",
        "template_id",
        "status",
        "blocking",
        "warnings",
        "findings",
        "checked_hash",
        "approved_by",
        "approved_at",
        "sent_by",
        "sent_at",
        "created_at",
    ),
    "inbox_audit": (
        "id",
        "entry_id",
        "at",
        "actor",
        "action",
        "old_status",
        "new_status",
        "detail",
    ),
}
_INBOX_JSON = {"findings", "detail"}


def _push_inbox(cur, rows_by_table: dict[str, list]) -> int:
    """Copy the local register's rows (UTC text times, JSON text) to the server, keeping ids;
    new rows on the server continue after them."""
    for table, cols in INBOX_TABLES.items():
        values = ", ".join("%s::jsonb" if c in _INBOX_JSON else "%s" for c in cols)
        rows = [tuple(r) for r in rows_by_table[table]]
        if rows:
            cur.executemany(
                f"INSERT INTO sumbar.{table} ({', '.join(cols)}) VALUES ({values})", rows
            )
        _reset_sequence(cur, table)
    return len(rows_by_table["inbox_entries"])


def _pull_inbox(conn: psycopg.Connection) -> dict[str, list[tuple]]:
    """The server's register as rows for the local tables (UTC text times, JSON text)."""
    out = {}
    for table, cols in INBOX_TABLES.items():
        # a viewer's archive holds no contacts: the server does not show them to viewers
        select = entry_select(conn) if table == "inbox_entries" else ", ".join(cols)
        rows = conn.execute(f"SELECT {select} FROM sumbar.{table} ORDER BY id").fetchall()
        out[table] = [
            tuple(
                _db_text(v)
                if isinstance(v, datetime)
                else json.dumps(v, ensure_ascii=False, sort_keys=True)
                if c in _INBOX_JSON
                else v
                for c, v in zip(cols, row, strict=True)
            )
            for row in rows
        ]
    return out


def _push_post(cur, post, report: TransferReport) -> None:
    row = _post_to_row(post)
    data = json.loads(row["data"])
    data.pop("approval", None)
    server_hash = scalar(
        cur,
        "SELECT sumbar.content_hash(%s, %s, %s, %s)",
        (post.title, post.caption, post.event_date, Jsonb(data)),
    )
    status, approval = post.status, post.approval
    vouched = status in APPROVED_STATES or approval is not None
    if vouched and (approval is None or approval.content_hash != server_hash):
        report.demoted.append(
            (post.id, post.title, approval.content_hash if approval else "", server_hash)
        )
        status, approval = Status.DRAFT, None
    cur.execute(
        "INSERT INTO sumbar.posts (id, title, caption, status, scheduled_at, event_date,"
        " assignee, platforms, data, search, approval, version, created_at, updated_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector, %s, %s, %s, %s)",
        (
            post.id,
            post.title,
            post.caption,
            str(status),
            post.scheduled_at,
            post.event_date,
            post.assignee,
            row["platforms"],
            Jsonb(data),
            search_vector(post.title, search_body(post.caption, row["data"])),
            Jsonb(json.loads(json.dumps(_approval_json(approval)))) if approval else None,
            post.version,
            post.created_at,
            post.updated_at,
        ),
    )
    if post.media:
        cur.executemany(
            "INSERT INTO sumbar.post_media (post_id, position, sha256) VALUES (%s, %s, %s)",
            [(post.id, i, m.sha256) for i, m in enumerate(post.media)],
        )


def _approval_json(approval) -> dict:
    from ..repository import _approval_to_json

    return _approval_to_json(approval) or {}


def pull(conn: psycopg.Connection, destination: str | Path, *, media: bool = True):
    """Write the team server's posts, history, photos and shared files (team settings, platform
    data, rule lists, logo) into a new local workspace at ``destination`` (which must not hold
    one yet); returns (workspace, report). ``media=False`` leaves the photo files on the server
    (a desk's snapshot: the rows and hashes are kept, the bytes stay where they are)."""
    from ...workspace import DB_NAME, Workspace

    destination = Path(destination)
    db = destination / DB_NAME
    if db.exists() and db.stat().st_size > 0:
        raise WorkspaceError("team.pull_target_not_empty", path=str(destination))
    from .admin import check_schema

    with _mapped():  # a database without the schema (or another app's) is said as on opening
        check_schema(conn)
    server = PostgresPostRepository(conn)
    report = TransferReport()
    with _mapped():
        posts = server.query(PostQuery(order="id"))
        audit_rows = conn.execute(
            "SELECT id, post_id, at, actor, action, old_status, new_status, detail"
            " FROM sumbar.audit ORDER BY id"
        ).fetchall()
        media_rows = conn.execute(
            "SELECT sha256, ext, original_name, width, height, bytes, added_at"
            " FROM sumbar.media ORDER BY sha256"
        ).fetchall()
        inbox_rows = _pull_inbox(conn)
    destination.mkdir(parents=True, exist_ok=True)
    with _mapped():
        report.documents = write_all(conn, destination)  # before opening: platforms.json
    workspace = Workspace.open(destination)
    try:
        for sha, ext, *_ in (
            media_rows if media else ()
        ):  # photo files first: an orphan harms nothing
            target = workspace.media.root / sha[:2] / f"{sha}.{ext}"
            if target.exists() and file_sha256(target) == sha:
                continue
            content = server.media_bytes(sha)
            if content is None:
                raise WorkspaceError("team.media_missing", sha=sha[:12])
            _write_atomically(target, content)
        local = workspace.repository
        assert isinstance(local, SqlitePostRepository)  # pull writes a local (SQLite) workspace
        with local.transaction() as c:
            for sha, ext, name, width, height, size, added in media_rows:
                c.execute(
                    "INSERT INTO media (sha256, ext, original_name, width, height, bytes,"
                    " added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (sha, ext, name, width, height, size, _db_text(added)),
                )
                report.media += 1
            for post in posts:
                row = _post_to_row(post)
                c.execute(
                    "INSERT INTO posts (id, title, caption, status, scheduled_at, event_date,"
                    " assignee, platforms, data, version, created_at, updated_at) VALUES"
                    " (:id, :title, :caption, :status, :scheduled_at, :event_date, :assignee,"
                    " :platforms, :data, :version, :created_at, :updated_at)",
                    {
                        **row,
                        "id": post.id,
                        "version": post.version,
                        "created_at": _db_text(post.created_at),
                        "updated_at": _db_text(post.updated_at),
                    },
                )
                local._write_side_tables(c, post.id, post, row)
                report.posts += 1
            for audit_id, post_id, at, actor, action, old, new, detail in audit_rows:
                c.execute(
                    "INSERT INTO audit (id, post_id, at, actor, action, old_status, new_status,"
                    " detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        audit_id,
                        post_id,
                        _db_text(at),
                        actor,
                        action,
                        old,
                        new,
                        json.dumps(detail, ensure_ascii=False),
                    ),
                )
                report.audit += 1
            for table, cols in INBOX_TABLES.items():
                c.executemany(
                    f"INSERT INTO {table} ({', '.join(cols)})"
                    f" VALUES ({', '.join('?' * len(cols))})",
                    inbox_rows[table],
                )
            report.inbox = len(inbox_rows["inbox_entries"])
    except BaseException:
        workspace.close()
        raise
    return workspace, report


def _db_text(moment) -> str | None:
    from ...timeutil import utc_to_db

    return utc_to_db(moment)


def _reset_sequence(cur, table: str) -> None:
    """After rows came in with their own ids: the table's next id follows the highest."""
    cur.execute(
        f"SELECT setval(pg_get_serial_sequence('sumbar.{table}', 'id'),"
        f" greatest(coalesce(max(id), 0), 1), max(id) IS NOT NULL) FROM sumbar.{table}"
    )
