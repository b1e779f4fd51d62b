"""The post repository over SQLite.

Narrow on purpose: whole posts in and out, queries described by :class:`PostQuery`, an audit
trail, optimistic concurrency through the ``version`` column. Business rules (what an edit does
to an approval, which status changes are allowed) live in core/services.py, not here.
SQL stays portable (no SQLite-only syntax outside the FTS index and pragmas).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from typing import Any, cast

from ..errors import NotFound, StaleEdit, SumbarError
from ..i18n import t
from ..model import Approval, Attestation, AuditEntry, CardSpec, Media, Post, Status
from ..timeutil import now_utc, utc_from_db, utc_to_db
from .protocol import MediaRecord, PostQuery, PostSummary, changed_fields

_ORDER = {
    "scheduled": "p.scheduled_at IS NULL, p.scheduled_at",
    "updated": "p.updated_at",
    "title": "p.title COLLATE NOCASE",
    "status": "p.status",
    "id": "p.id",
    "assignee": "p.assignee COLLATE NOCASE",
}


def search_body(caption: str, data_json: str) -> str:
    """Text indexed for full-text search: master caption plus any platform overrides."""
    variants = json.loads(data_json).get("variants", {})
    return "\n".join([caption, *variants.values()])


def fts_query(text: str) -> str | None:
    """Turn what a person types into a safe FTS5 query: every word must match, the last
    one as a prefix (so "paripur" finds "paripurna")."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _post_to_row(post: Post) -> dict:
    data = {
        "variants": post.variants,
        "hashtags": post.hashtags,
        "media": [asdict(m) for m in post.media],
        "card": asdict(post.card),
        "place": post.place,
        "source": post.source,
        "photo_credit": post.photo_credit,
        "approval": _approval_to_json(post.approval),
        "attestations": {
            k: {"item": a.item, "officer": a.officer, "at": utc_to_db(a.at)}
            for k, a in post.attestations.items()
        },
        "published_urls": post.published_urls,
        "platforms": post.platforms,
    }
    return {
        "title": post.title,
        "caption": post.caption,
        "status": str(post.status),
        "scheduled_at": utc_to_db(post.scheduled_at),
        "event_date": post.event_date.isoformat() if post.event_date else None,
        "assignee": post.assignee,
        "platforms": "," + ",".join(post.platforms) + ",",
        "data": json.dumps(data, ensure_ascii=False, sort_keys=True),
    }


def _approval_to_json(a: Approval | None) -> dict | None:
    if a is None:
        return None
    return {
        "approver": a.approver,
        "nip": a.nip,
        "role": a.role,
        "at": utc_to_db(a.at),
        "content_hash": a.content_hash,
        "override_reason": a.override_reason,
    }


def _row_to_post(row: sqlite3.Row) -> Post:
    data = json.loads(row["data"])
    approval = data.get("approval")
    return Post(
        id=row["id"],
        title=row["title"],
        caption=row["caption"],
        status=Status(row["status"]),
        scheduled_at=utc_from_db(row["scheduled_at"]),
        event_date=date.fromisoformat(row["event_date"]) if row["event_date"] else None,
        assignee=row["assignee"],
        platforms=list(data.get("platforms", [])),
        variants=dict(data.get("variants", {})),
        hashtags=list(data.get("hashtags", [])),
        media=[Media(**m) for m in data.get("media", [])],
        card=CardSpec(**data.get("card", {})),
        place=data.get("place", ""),
        source=data.get("source", ""),
        photo_credit=data.get("photo_credit", ""),
        approval=(
            Approval(**{**approval, "at": utc_from_db(approval["at"])}) if approval else None
        ),
        attestations={
            k: Attestation(a["item"], a["officer"], utc_from_db(a["at"]))
            for k, a in data.get("attestations", {}).items()
        },
        published_urls=dict(data.get("published_urls", {})),
        version=row["version"],
        created_at=utc_from_db(row["created_at"]),
        updated_at=utc_from_db(row["updated_at"]),
    )


class StoreUnavailable(SumbarError):
    """A write that SQLite could not do for a reason that is not damage: a lock held past the
    busy timeout, a full disk. Nothing was saved; what was saved before is intact."""

    def __init__(self, exc: sqlite3.Error):
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        text = str(exc).lower()
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
            message_id = "files.locked"
        elif code == sqlite3.SQLITE_FULL or "full" in text:
            message_id = "files.db_full"
        else:
            message_id = "files.db_error"
        super().__init__(message_id, detail=str(exc), reason=str(exc))


class SqlitePostRepository:
    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        #: called once before the first write (the workspace checks the database's health)
        self.write_guard: Callable[[], None] | None = None

    # -- transactions -----------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE: writers queue instead of deadlocking)."""
        if self._conn.in_transaction:  # nested: join the outer transaction
            yield self._conn
            return
        if self.write_guard is not None:
            guard, self.write_guard = self.write_guard, None
            try:
                guard()
            except BaseException:
                self.write_guard = guard
                raise
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(exc) from None
        try:
            yield self._conn
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise StoreUnavailable(exc) from None
        except BaseException:
            self._rollback()
            raise
        try:
            self._conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:  # disk full or lock timeout at commit
            self._rollback()
            raise StoreUnavailable(exc) from None

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            try:
                self._conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    # -- reads ------------------------------------------------------------------------------
    def get(self, post_id: int) -> Post:
        row = self._conn.execute("SELECT * FROM posts WHERE id = ?", (post_id,)).fetchone()
        if row is None:
            raise NotFound("errors.not_found", what=f"{t('model.post')} #{post_id}")
        return _row_to_post(row)

    def get_many(self, ids: Sequence[int]) -> list[Post]:
        found = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(f"SELECT * FROM posts WHERE id IN ({marks})", chunk):
                found[row["id"]] = _row_to_post(row)
        return [found[i] for i in ids if i in found]

    def _where(self, q: PostQuery) -> tuple[str, list, str]:
        clauses: list[str] = []
        params: list[Any] = []
        join = ""
        if q.statuses:
            clauses.append(f"p.status IN ({','.join('?' * len(q.statuses))})")
            params += [str(s) for s in q.statuses]
        if q.platform:
            clauses.append("p.platforms LIKE ?")
            params.append(f"%,{q.platform},%")
        if q.assignee:
            clauses.append("p.assignee = ?")
            params.append(q.assignee)
        if q.start is not None:
            clauses.append("p.scheduled_at >= ?")
            params.append(utc_to_db(q.start))
        if q.end is not None:
            clauses.append("p.scheduled_at < ?")
            params.append(utc_to_db(q.end))
        if q.text:
            match = fts_query(q.text)
            if match is None:
                clauses.append("1 = 0")
            elif (
                q.order == "newest"
                and q.limit is not None
                and not clauses
                and not (q.assignee or q.start or q.end)
            ):
                # Text alone, newest first: FTS5 walks its index backwards and stops after
                # `limit` hits, so the cost does not grow with the size of the archive.
                clauses.append(
                    "p.id IN (SELECT rowid FROM post_search WHERE post_search MATCH ?"
                    " ORDER BY rowid DESC LIMIT ?)"
                )
                params += [match, q.limit + q.offset]
            else:
                join = " JOIN post_search s ON s.rowid = p.id"
                clauses.append("post_search MATCH ?")
                params.append(match)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return join, params, where

    def _order(self, q: PostQuery) -> str:
        if q.order == "rank" and q.text:
            return " ORDER BY s.rank"
        if q.order == "newest":
            return " ORDER BY p.id" + ("" if q.descending else " DESC")
        direction = " DESC" if q.descending else ""
        cols = _ORDER.get(q.order, _ORDER["scheduled"])
        return (
            " ORDER BY " + ", ".join(c + direction for c in cols.split(", ")) + f", p.id{direction}"
        )

    def _page(self, q: PostQuery) -> tuple[str, list]:
        if q.limit is None:
            return "", []
        return " LIMIT ? OFFSET ?", [q.limit, q.offset]

    def query(self, q: PostQuery) -> list[Post]:
        join, params, where = self._where(q)
        page, page_params = self._page(q)
        sql = f"SELECT p.* FROM posts p{join}{where}{self._order(q)}{page}"
        return [_row_to_post(r) for r in self._conn.execute(sql, params + page_params)]

    def ids(self, q: PostQuery) -> list[int]:
        join, params, where = self._where(q)
        page, page_params = self._page(q)
        sql = f"SELECT p.id FROM posts p{join}{where}{self._order(q)}{page}"
        return [r[0] for r in self._conn.execute(sql, params + page_params)]

    def count(self, q: PostQuery | None = None) -> int:
        join, params, where = self._where(q or PostQuery())
        return self._conn.execute(f"SELECT COUNT(*) FROM posts p{join}{where}", params).fetchone()[
            0
        ]

    def summaries(self, ids: Sequence[int]) -> list[PostSummary]:
        found: dict[int, PostSummary] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT id, title, status, scheduled_at, platforms, assignee, version, updated_at,"
                " data FROM posts WHERE id IN (" + marks + ")"
            )
            for r in self._conn.execute(sql, chunk):
                data = json.loads(r["data"])
                media = data.get("media") or []
                found[r["id"]] = PostSummary(
                    id=r["id"],
                    title=r["title"],
                    status=Status(r["status"]),
                    scheduled_at=utc_from_db(r["scheduled_at"]),
                    platforms=tuple(p for p in r["platforms"].split(",") if p),
                    assignee=r["assignee"],
                    version=r["version"],
                    updated_at=utc_from_db(r["updated_at"]),
                    template_id=(data.get("card") or {}).get("template_id", ""),
                    thumb_sha256=media[0]["sha256"] if media else "",
                )
        return [found[i] for i in ids if i in found]

    def assignees(self) -> list[str]:
        rows = self._conn.execute(
            "SELECT DISTINCT assignee FROM posts WHERE assignee <> '' ORDER BY assignee"
        )
        return [r[0] for r in rows]

    def event_keys(self) -> set[tuple[str, date]]:
        rows = self._conn.execute(
            "SELECT title, event_date FROM posts WHERE event_date IS NOT NULL"
        )
        return {(r[0].lower(), date.fromisoformat(r[1])) for r in rows}

    # -- writes -----------------------------------------------------------------------------
    def insert(self, post: Post, actor: str, *, action: str = "create") -> Post:
        now = utc_to_db(now_utc())
        row = _post_to_row(post)
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO posts (title, caption, status, scheduled_at, event_date, assignee,"
                " platforms, data, version, created_at, updated_at)"
                " VALUES (:title, :caption, :status, :scheduled_at, :event_date, :assignee,"
                " :platforms, :data, 1, :now, :now)",
                {**row, "now": now},
            )
            post_id = cast(int, cur.lastrowid)  # always set after an INSERT
            self._write_side_tables(c, post_id, post, row)
            self._audit(c, post_id, actor, action, None, str(post.status), {})
        return self.get(post_id)

    def update(
        self,
        post: Post,
        actor: str,
        *,
        action: str = "update",
        old_status: Status | None = None,
        detail: dict | None = None,
    ) -> Post:
        """Write ``post`` if nobody saved since it was read (``post.version``), else StaleEdit."""
        if post.id is None:
            raise NotFound("errors.not_found", what=t("model.post"))
        row = _post_to_row(post)
        with self.transaction() as c:
            current = c.execute(
                "SELECT version, status FROM posts WHERE id = ?", (post.id,)
            ).fetchone()
            if current is None:
                raise NotFound("errors.not_found", what=f"{t('model.post')} #{post.id}")
            if current["version"] != post.version:
                raise StaleEdit(
                    "store.stale_edit", id=post.id, mine=post.version, theirs=current["version"]
                )
            c.execute(
                "UPDATE posts SET title = :title, caption = :caption, status = :status,"
                " scheduled_at = :scheduled_at, event_date = :event_date, assignee = :assignee,"
                " platforms = :platforms, data = :data, version = version + 1,"
                " updated_at = :now WHERE id = :id",
                {**row, "now": utc_to_db(now_utc()), "id": post.id},
            )
            self._write_side_tables(c, post.id, post, row, replace=True)
            before = old_status if old_status is not None else Status(current["status"])
            after = str(post.status) if str(post.status) != str(before) else None
            self._audit(
                c, post.id, actor, action, str(before) if after else None, after, detail or {}
            )
        return self.get(post.id)

    def delete(self, post_id: int, actor: str) -> None:
        with self.transaction() as c:
            row = c.execute("SELECT status, title FROM posts WHERE id = ?", (post_id,)).fetchone()
            if row is None:
                raise NotFound("errors.not_found", what=f"{t('model.post')} #{post_id}")
            c.execute("DELETE FROM post_search WHERE rowid = ?", (post_id,))
            c.execute("DELETE FROM posts WHERE id = ?", (post_id,))
            self._audit(c, post_id, actor, "delete", row["status"], None, {"title": row["title"]})

    def _write_side_tables(self, c, post_id: int, post: Post, row: dict, replace=False) -> None:
        if replace:
            c.execute("DELETE FROM post_search WHERE rowid = ?", (post_id,))
            c.execute("DELETE FROM post_media WHERE post_id = ?", (post_id,))
        c.execute(
            "INSERT INTO post_search(rowid, title, body) VALUES (?, ?, ?)",
            (post_id, post.title, search_body(post.caption, row["data"])),
        )
        c.executemany(
            "INSERT INTO post_media (post_id, position, sha256) VALUES (?, ?, ?)",
            [(post_id, i, m.sha256) for i, m in enumerate(post.media)],
        )

    # -- audit ------------------------------------------------------------------------------
    def _audit(self, c, post_id, actor, action, old, new, detail) -> None:
        c.execute(
            "INSERT INTO audit (post_id, at, actor, action, old_status, new_status, detail)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                post_id,
                utc_to_db(now_utc()),
                actor,
                action,
                old,
                new,
                json.dumps(detail, ensure_ascii=False, default=str),
            ),
        )

    def history(self, post_id: int) -> list[AuditEntry]:
        rows = self._conn.execute(
            "SELECT * FROM audit WHERE post_id = ? ORDER BY id", (post_id,)
        ).fetchall()
        return [
            AuditEntry(
                id=r["id"],
                post_id=r["post_id"],
                at=utc_from_db(r["at"]),
                actor=r["actor"],
                action=r["action"],
                old_status=r["old_status"],
                new_status=r["new_status"],
                detail=json.loads(r["detail"]),
            )
            for r in rows
        ]

    # -- media rows -------------------------------------------------------------------------
    def add_media_row(
        self, sha256: str, ext: str, original_name: str, width: int, height: int, size: int
    ) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO media (sha256, ext, original_name, width, height, bytes, added_at)"
                " SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                " (SELECT 1 FROM media WHERE sha256 = ?)",
                (sha256, ext, original_name, width, height, size, utc_to_db(now_utc()), sha256),
            )

    def media_row(self, sha256: str) -> MediaRecord | None:
        row = self._conn.execute("SELECT * FROM media WHERE sha256 = ?", (sha256,)).fetchone()
        return _media_record(row) if row is not None else None

    def media_rows(self) -> list[MediaRecord]:
        rows = self._conn.execute("SELECT * FROM media ORDER BY sha256").fetchall()
        return [_media_record(r) for r in rows]

    def posts_using_media(self, sha256: str) -> list[tuple[int, str]]:
        """(id, title) of every post showing the photo: in its media or as a card photo."""
        rows = self._conn.execute(
            "SELECT id, title FROM posts WHERE id IN (SELECT post_id FROM post_media WHERE"
            " sha256 = ?) OR instr(data, ?) > 0 ORDER BY id",
            (sha256, sha256),
        ).fetchall()
        return [(r["id"], r["title"]) for r in rows]


def _media_record(row: sqlite3.Row) -> MediaRecord:
    return MediaRecord(
        sha256=row["sha256"],
        ext=row["ext"],
        original_name=row["original_name"],
        width=row["width"],
        height=row["height"],
        bytes=row["bytes"],
        added_at=utc_from_db(row["added_at"]),
    )


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


# PostQuery and PostSummary live in store/protocol.py; re-exported for old imports
__all__ = ["PostQuery", "PostSummary", "SqlitePostRepository", "changed_fields", "fts_query"]
