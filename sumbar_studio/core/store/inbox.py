"""The Kotak Masukan register's tables: the SQL both back ends share, and the SQLite
repository (local schema migration 4; the team server's is ``postgres/migrations/
0004_inbox.sql`` with :class:`~sumbar_studio.core.store.postgres.inbox.PostgresInboxRepository`).

Reached through ``workspace.store.inbox_repository()``; lives in core/store with the other
SQL, so nothing outside core/store knows the back end.

Whole entries in and out, optimistic concurrency on ``version``, an audit row in the same
transaction as every write. The rules (which status change is allowed, when an entry is
overdue, what retention erases) live in service.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from ..errors import NotFound, StaleEdit
from ..inbox.model import (
    OPEN_STATES,
    UNANSWERED_STATES,
    Channel,
    Entry,
    EntryStatus,
    EntrySummary,
    InboxAudit,
    Kind,
    Reply,
    ReplyStatus,
    RoutingStep,
)
from ..timeutil import now_utc, utc_from_db, utc_to_db

_COLUMNS = (
    "channel",
    "kind",
    "sender",
    "contact",
    "body",
    "screenshot",
    "received_at",
    "topic",
    "post_id",
    "post_url",
    "status",
    "assignee",
    "forwarded_to",
    "forwarded_kind",
    "forwarded_at",
    "due_at",
    "first_answer_at",
    "closed_at",
    "close_reason",
    "response_minutes",
    "closure_minutes",
    "erased_at",
)
#: an entry's columns as the repositories read them (and team push/pull copy them)
ENTRY_COLUMNS = ("id", *_COLUMNS, "version", "created_at", "updated_at")
_OPEN_SQL = "status IN ('baru', 'ditangani', 'dijawab')"  # the partial index's own predicate
assert {s.value for s in OPEN_STATES} == {"baru", "ditangani", "dijawab"}
EXCERPT = 90


@dataclass
class EntryQuery:
    """Which entries to list. Empty fields do not filter."""

    open_only: bool = False
    overdue_at: datetime | None = None  # only entries overdue at this moment
    statuses: Sequence[EntryStatus] = ()
    channel: str | None = None
    kind: str | None = None
    assignee: str | None = None
    start: datetime | None = None  # received_at >= start
    end: datetime | None = None  # received_at < end
    text: str | None = None  # in topic or text (case-insensitive substring)
    limit: int | None = None
    offset: int = 0


class InboxDialect:
    """How one back end stores what the register's shared SQL reads and writes (SQLite: UTC
    text and JSON text, ``?`` placeholders). The PostgreSQL repository overrides these few."""

    placeholder = "?"

    @staticmethod
    def time_in(moment: datetime | None):
        return utc_to_db(moment)

    @staticmethod
    def time_out(value) -> datetime | None:
        return utc_from_db(value)

    @staticmethod
    def json_in(value):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    @staticmethod
    def json_out(value):
        return json.loads(value) if isinstance(value, str | bytes) else value


def _entry_row(e: Entry, d: InboxDialect) -> dict:
    return {
        "channel": str(e.channel),
        "kind": str(e.kind),
        "sender": e.sender,
        "contact": e.contact,
        "body": e.text,
        "screenshot": e.screenshot,
        "received_at": d.time_in(e.received_at),
        "topic": e.topic,
        "post_id": e.post_id,
        "post_url": e.post_url,
        "status": str(e.status),
        "assignee": e.assignee,
        "forwarded_to": e.forwarded_to,
        "forwarded_kind": e.forwarded_kind,
        "forwarded_at": d.time_in(e.forwarded_at),
        "due_at": d.time_in(e.due_at),
        "first_answer_at": d.time_in(e.first_answer_at),
        "closed_at": d.time_in(e.closed_at),
        "close_reason": e.close_reason,
        "response_minutes": e.response_minutes,
        "closure_minutes": e.closure_minutes,
        "erased_at": d.time_in(e.erased_at),
    }


def _row_entry(r, d: InboxDialect) -> Entry:
    return Entry(
        id=r["id"],
        channel=Channel(r["channel"]),
        kind=Kind(r["kind"]),
        sender=r["sender"],
        contact=r["contact"],
        text=r["body"],
        screenshot=r["screenshot"],
        received_at=cast(datetime, d.time_out(r["received_at"])),
        topic=r["topic"],
        post_id=r["post_id"],
        post_url=r["post_url"],
        status=EntryStatus(r["status"]),
        assignee=r["assignee"],
        forwarded_to=r["forwarded_to"],
        forwarded_kind=r["forwarded_kind"],
        forwarded_at=d.time_out(r["forwarded_at"]),
        due_at=d.time_out(r["due_at"]),
        first_answer_at=d.time_out(r["first_answer_at"]),
        closed_at=d.time_out(r["closed_at"]),
        close_reason=r["close_reason"],
        response_minutes=r["response_minutes"],
        closure_minutes=r["closure_minutes"],
        erased_at=d.time_out(r["erased_at"]),
        version=r["version"],
        created_at=d.time_out(r["created_at"]),
        updated_at=d.time_out(r["updated_at"]),
    )


def _row_reply(r, d: InboxDialect) -> Reply:
    return Reply(
        id=r["id"],
        entry_id=r["entry_id"],
        body=r["body"],
        template_id=r["template_id"],
        status=ReplyStatus(r["status"]),
        blocking=r["blocking"],
        warnings=r["warnings"],
        findings=d.json_out(r["findings"] or "[]"),
        checked_hash=r["checked_hash"],
        approved_by=r["approved_by"],
        approved_at=d.time_out(r["approved_at"]),
        sent_by=r["sent_by"],
        sent_at=d.time_out(r["sent_at"]),
        created_at=d.time_out(r["created_at"]),
    )


class InboxRepositoryBase(InboxDialect):
    """The register's SQL, shared by both back ends (written for SQLite; a back end adapts the
    placeholders, the time and JSON columns and how a new row's id comes back).

    ``transaction()`` is the post repository's: one connection and one transaction helper with
    the posts, so a reply that links a post and an entry write commit together. Methods taking
    ``c`` run inside a transaction the caller opened (``with repo.transaction() as c``)."""

    def __init__(self, post_repository):
        self._posts = post_repository

    @property
    def _conn(self):
        return self._posts._conn  # the post repository's, also after a reconnect

    def transaction(self):
        return self._posts.transaction()

    # -- back-end primitives ----------------------------------------------------------------
    def _sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    def _rows(self, sql: str, params: Sequence = ()) -> list:
        """Rows whose columns are read by name."""
        return self._conn.execute(self._sql(sql), params).fetchall()

    def _run(self, c, sql: str, params: Sequence = ()):
        return c.execute(self._sql(sql), params)

    def _insert(self, c, sql: str, params: Sequence) -> int:
        """Run an INSERT and return the new row's id."""
        return self._run(c, sql, params).lastrowid

    def _entry_select(self) -> str:
        return ", ".join(ENTRY_COLUMNS)

    # -- entries ----------------------------------------------------------------------------
    def get(self, entry_id: int) -> Entry:
        rows = self._rows(
            f"SELECT {self._entry_select()} FROM inbox_entries WHERE id = ?", (entry_id,)
        )
        if not rows:
            raise NotFound("inbox.not_found", id=entry_id)
        return _row_entry(rows[0], self)

    def insert(self, entry: Entry, actor: str, detail: dict | None = None) -> Entry:
        now = self.time_in(now_utc())
        row = _entry_row(entry, self)
        with self.transaction() as c:
            entry_id = self._insert(
                c,
                f"INSERT INTO inbox_entries ({', '.join(_COLUMNS)}, version, created_at, "
                f"updated_at) VALUES ({', '.join('?' * len(_COLUMNS))}, 1, ?, ?)",
                [row[k] for k in _COLUMNS] + [now, now],
            )
            self.audit(c, entry_id, actor, "create", None, str(entry.status), detail or {})
        return self.get(entry_id)

    def update(
        self,
        entry: Entry,
        actor: str,
        action: str,
        old_status: str | None,
        detail: dict | None = None,
        *,
        conn=None,
    ) -> Entry:
        entry_id = cast(int, entry.id)  # an entry read from the store
        row = _entry_row(entry, self)
        with self.transaction() as c:
            cur = self._run(
                c,
                f"UPDATE inbox_entries SET {', '.join(f'{k} = ?' for k in _COLUMNS)}, "
                "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                [row[k] for k in _COLUMNS] + [self.time_in(now_utc()), entry.id, entry.version],
            )
            if cur.rowcount != 1:
                self.get(entry_id)  # NotFound when it is gone
                raise StaleEdit("inbox.stale", id=entry.id)
            self.audit(c, entry.id, actor, action, old_status, str(entry.status), detail or {})
        return self.get(entry_id)

    def audit(self, c, entry_id, actor, action, old, new, detail) -> None:
        self._run(
            c,
            "INSERT INTO inbox_audit (entry_id, at, actor, action, old_status, new_status, detail)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                entry_id,
                self.time_in(now_utc()),
                actor,
                action,
                old,
                new,
                self.json_in(detail),
            ),
        )

    def history(self, entry_id: int) -> list[InboxAudit]:
        rows = self._rows("SELECT * FROM inbox_audit WHERE entry_id = ? ORDER BY id", (entry_id,))
        return [
            InboxAudit(
                r["entry_id"],
                cast(datetime, self.time_out(r["at"])),
                r["actor"],
                r["action"],
                r["old_status"],
                r["new_status"],
                self.json_out(r["detail"]),
            )
            for r in rows
        ]

    # -- lists ------------------------------------------------------------------------------
    def _where(self, q: EntryQuery) -> tuple[str, list]:
        clauses, params = [], []
        if q.open_only or q.overdue_at is not None:
            clauses.append(_OPEN_SQL)
        if q.overdue_at is not None:
            clauses.append("due_at < ? AND first_answer_at IS NULL AND status IN (?, ?)")
            params += [self.time_in(q.overdue_at), *(str(s) for s in UNANSWERED_STATES)]
        if q.statuses:
            clauses.append(f"status IN ({', '.join('?' * len(q.statuses))})")
            params += [str(s) for s in q.statuses]
        for column, value in (("channel", q.channel), ("kind", q.kind), ("assignee", q.assignee)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if q.start is not None:
            clauses.append("received_at >= ?")
            params.append(self.time_in(q.start))
        if q.end is not None:
            clauses.append("received_at < ?")
            params.append(self.time_in(q.end))
        if q.text:
            clauses.append("(LOWER(topic) LIKE ? OR LOWER(body) LIKE ?)")
            like = "%" + q.text.lower().replace("%", "").replace("_", "") + "%"
            params += [like, like]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def ids(self, q: EntryQuery) -> list[int]:
        where, params = self._where(q)
        order = (
            "due_at, id"
            if (q.open_only or q.overdue_at is not None)
            else "received_at DESC, id DESC"
        )
        sql = f"SELECT id FROM inbox_entries{where} ORDER BY {order}"
        if q.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [q.limit, q.offset]
        return [r["id"] for r in self._rows(sql, params)]

    def count(self, q: EntryQuery) -> int:
        where, params = self._where(q)
        return self._rows(f"SELECT COUNT(*) AS n FROM inbox_entries{where}", params)[0]["n"]

    def summaries(self, ids: Sequence[int]) -> list[EntrySummary]:
        out: dict[int, EntrySummary] = {}
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self._rows(
                "SELECT id, received_at, channel, kind, sender, topic, status, assignee, "
                f"forwarded_to, due_at, first_answer_at, substr(body, 1, {EXCERPT * 2}) AS ex "
                f"FROM inbox_entries WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            for r in rows:
                text = " ".join((r["ex"] or "").split())
                out[r["id"]] = EntrySummary(
                    r["id"],
                    cast(datetime, self.time_out(r["received_at"])),
                    Channel(r["channel"]),
                    Kind(r["kind"]),
                    r["sender"],
                    r["topic"],
                    EntryStatus(r["status"]),
                    r["assignee"],
                    r["forwarded_to"],
                    self.time_out(r["due_at"]),
                    self.time_out(r["first_answer_at"]),
                    text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…",
                )
        return [out[i] for i in ids if i in out]

    # -- routing ----------------------------------------------------------------------------
    def add_route(self, c, step: RoutingStep) -> None:
        self._run(
            c,
            "INSERT INTO inbox_routing (entry_id, target, kind, at, actor, note) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (step.entry_id, step.target, step.kind, self.time_in(step.at), step.actor, step.note),
        )

    def routes(self, entry_id: int) -> list[RoutingStep]:
        rows = self._rows("SELECT * FROM inbox_routing WHERE entry_id = ? ORDER BY id", (entry_id,))
        return [
            RoutingStep(
                r["entry_id"],
                r["target"],
                r["kind"],
                cast(datetime, self.time_out(r["at"])),
                r["actor"],
                r["note"],
            )
            for r in rows
        ]

    # -- replies ----------------------------------------------------------------------------
    def replies(self, entry_id: int) -> list[Reply]:
        rows = self._rows("SELECT * FROM inbox_replies WHERE entry_id = ? ORDER BY id", (entry_id,))
        return [_row_reply(r, self) for r in rows]

    def reply(self, reply_id: int) -> Reply:
        rows = self._rows("SELECT * FROM inbox_replies WHERE id = ?", (reply_id,))
        if not rows:
            raise NotFound("inbox.reply_not_found", id=reply_id)
        return _row_reply(rows[0], self)

    def save_reply(self, c, reply: Reply) -> int:
        values = (
            reply.entry_id,
            reply.body,
            reply.template_id,
            str(reply.status),
            reply.blocking,
            reply.warnings,
            self.json_in(reply.findings),
            reply.checked_hash,
            reply.approved_by,
            self.time_in(reply.approved_at),
            reply.sent_by,
            self.time_in(reply.sent_at),
        )
        if reply.id is None:
            return self._insert(
                c,
                "INSERT INTO inbox_replies (entry_id, body, template_id, status, blocking, "
                "warnings, findings, checked_hash, approved_by, approved_at, sent_by, sent_at, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, self.time_in(now_utc())),
            )
        self._run(
            c,
            "UPDATE inbox_replies SET entry_id = ?, body = ?, template_id = ?, status = ?, "
            "blocking = ?, warnings = ?, findings = ?, checked_hash = ?, approved_by = ?, "
            "approved_at = ?, sent_by = ?, sent_at = ? WHERE id = ?",
            (*values, reply.id),
        )
        return reply.id

    # -- statistics and retention ------------------------------------------------------------
    def stats_rows(self, start: datetime, end: datetime, now: datetime) -> list:
        """Counts per (channel, kind, forwarded_to) of the entries received in [start, end)."""
        return self._rows(_STATS_SQL, (self.time_in(now), self.time_in(start), self.time_in(end)))

    def minutes(self, which: str, start: datetime, end: datetime) -> list[float]:
        """Response or closure times (``which``: "response" | "closure"), in working minutes,
        of the entries received in [start, end) that have one."""
        column = {"response": "response_minutes", "closure": "closure_minutes"}[which]
        return [
            r["m"]
            for r in self._rows(
                f"SELECT {column} AS m FROM inbox_entries "
                f"WHERE received_at >= ? AND received_at < ? AND {column} IS NOT NULL",
                (self.time_in(start), self.time_in(end)),
            )
        ]

    def closed_before(self, limit: datetime) -> list[int]:
        """Ids of closed entries (not yet erased) closed before ``limit``."""
        rows = self._rows(
            "SELECT id FROM inbox_entries WHERE erased_at IS NULL AND closed_at IS NOT NULL "
            "AND closed_at < ? ORDER BY id",
            (self.time_in(limit),),
        )
        return [r["id"] for r in rows]

    def clear_routing_notes(self, c, entry_id: int) -> None:
        self._run(c, "UPDATE inbox_routing SET note = '' WHERE entry_id = ?", (entry_id,))

    def media_in_use(self, sha: str) -> bool:
        """Whether a post or an entry still shows the photo ``sha``."""
        return bool(
            self._rows(
                "SELECT (SELECT COUNT(*) FROM post_media WHERE sha256 = ?) + "
                "(SELECT COUNT(*) FROM inbox_entries WHERE screenshot = ?) AS n",
                (sha, sha),
            )[0]["n"]
        )

    def delete_media_row(self, sha: str) -> None:
        with self.transaction() as c:
            self._run(c, "DELETE FROM media WHERE sha256 = ?", (sha,))


class SqliteInboxRepository(InboxRepositoryBase):
    """The register in a local workspace's SQLite database."""


def _count(condition: str) -> str:
    return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"  # portable (PostgreSQL too)


_CLOSED = "status IN ('selesai', 'ditutup')"
_OVERDUE = "status IN ('baru', 'ditangani') AND first_answer_at IS NULL AND due_at < ?"
_STATS_SQL = (
    "SELECT channel, kind, forwarded_to, COUNT(*) AS n, "
    f"{_count('first_answer_at IS NOT NULL')} AS answered, "
    f"{_count('first_answer_at IS NOT NULL AND first_answer_at <= due_at')} AS within, "
    f"{_count(_CLOSED)} AS closed, {_count(_OPEN_SQL)} AS open, {_count(_OVERDUE)} AS overdue"
    " FROM inbox_entries"
    " WHERE received_at >= ? AND received_at < ? GROUP BY channel, kind, forwarded_to"
)
