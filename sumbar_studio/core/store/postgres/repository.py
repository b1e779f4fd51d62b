"""The post repository over the team server (PostgreSQL), with the same contract as
:class:`~sumbar_studio.core.store.repository.SqlitePostRepository`.

What differs is who decides: the server stamps versions, times and authors, voids an approval on
any content edit, and refuses status changes and approvals that do not go through its functions
(``sumbar.transition`` / ``sumbar.approve``). This class routes :meth:`update` accordingly, so
:class:`~sumbar_studio.core.services.PostService` works unchanged on top of it.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from ...errors import InvalidInput, NotFound, StaleEdit, SumbarError, TransitionRefused
from ...i18n import t
from ...model import Action, Approval, Attestation, AuditEntry, CardSpec, Media, Post, Status
from ..protocol import MediaRecord, PostQuery, PostSummary
from ..repository import _post_to_row, search_body
from .connection import scalar

__all__ = [
    "PermissionRefused",
    "PostgresPostRepository",
    "search_vector",
    "search_tsquery",
]


class PermissionRefused(SumbarError):
    """The server refused: this login's group may not do that (or not to its own post)."""

    message_id = "team.permission_denied"


#: Actions that change status through ``sumbar.transition`` (approve has its own function;
#: "reopen" is what the server does itself when approved content is edited).
_TRANSITIONS = {a.value for a in Action} - {Action.APPROVE.value, Action.REOPEN.value}

_HINTS = {
    "self_approval": "team.self_approval",
    "not_approver": "team.not_approver",
    "not_staff": "team.not_staff",
    "request_changes": "team.not_allowed_request_changes",
    "inbox_reply_approve": "team.inbox_reply_not_approver",
}


# -- search: the same tokens as SQLite's FTS5 "unicode61 remove_diacritics 2" -------------------
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def search_vector(*texts: str) -> str:
    """A tsvector literal of ``texts``: lower-cased, accent-free alphanumeric tokens with their
    positions (phrases such as ``hasil_panen`` need them), each text after a gap."""
    positions: dict[str, list[int]] = {}
    pos = 0
    for text in texts:
        pos += 1
        for token in _TOKEN.findall(_fold(text)):
            pos += 1
            slots = positions.setdefault(token[:2000], [])
            if len(slots) < 256 and pos < 16384:
                slots.append(pos)
    return " ".join(
        f"'{lexeme}'" + (":" + ",".join(map(str, slots)) if slots else "")
        for lexeme, slots in positions.items()
    )


def search_tsquery(text: str) -> str | None:
    """What a person types as a tsquery literal: every word must match, the last one as a prefix
    (like ``fts_query`` for SQLite). Only alphanumeric lexemes survive, so typed text never
    becomes query syntax."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    parts = []
    for i, word in enumerate(words):
        tokens = _TOKEN.findall(_fold(word))
        if not tokens:
            continue
        quoted = [f"'{tok}'" for tok in tokens]
        if i == len(words) - 1:
            quoted[-1] += ":*"
        parts.append(quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")")
    return " & ".join(parts) if parts else None


# -- errors ---------------------------------------------------------------------------------------
def _server_error(
    exc: psycopg.Error, post_id: int | None, mine: int | None, denied: str
) -> SumbarError:
    diag = exc.diag
    state = exc.sqlstate or ""
    detail = diag.message_detail or ""
    if state == "42501":
        key = _HINTS.get(diag.message_hint or "", denied)
        return PermissionRefused(key, detail=str(exc), id=post_id or "")
    if state == "SB409":
        return StaleEdit("store.stale_edit", id=post_id, mine=mine, theirs=detail)
    if state == "SB404":
        return NotFound("errors.not_found", what=f"{t('model.post')} #{post_id}")
    if state == "SB412":
        return StaleEdit("store.approval_outdated", id=post_id)
    if state == "SB422":
        info = json.loads(detail) if detail else {}
        return TransitionRefused(
            "model.transition_refused",
            action=Action(info.get("action", "submit")).label(),
            status=Status(info.get("status", "draft")).label(),
        )
    if state == "SB423":
        return InvalidInput("store.read_only", status=Status(detail).label())
    if state == "SB424":
        return InvalidInput("window.delete_only_drafts", status=Status(detail).label())
    if state == "SB400":
        if diag.message_hint == "schedule":
            return InvalidInput("store.schedule_needs_time")
        if diag.message_hint == "mention":
            return InvalidInput("team.unknown_mention", login=detail)
        return InvalidInput("team.reason_required")
    if state in ("55P03", "57014"):  # lock_timeout / statement_timeout: a colleague holds it
        return SumbarError("team.busy", detail=str(exc))
    if isinstance(exc, psycopg.OperationalError):
        from ...errors import WorkspaceError
        from .connection import unreachable_reason

        return WorkspaceError("team.unreachable", detail=str(exc), reason=unreachable_reason(exc))
    return SumbarError("team.server_error", detail=str(exc), reason=diag.message_primary or "")


def server_error(exc: psycopg.Error) -> SumbarError:
    """The app's own error for a driver error no repository method mapped (the CLI's last
    resort: one translated line, never the driver's English)."""
    return _server_error(exc, None, None, "team.permission_denied")


@contextmanager
def _mapped(
    post_id: int | None = None, mine: int | None = None, denied: str = "team.permission_denied"
) -> Iterator[None]:
    """psycopg errors become the app's own, with an Indonesian message (``denied``: the
    message for a plain permission error, e.g. no EXECUTE on the approve function)."""
    try:
        yield
    except psycopg.Error as exc:
        raise _server_error(exc, post_id, mine, denied) from exc


def _mapped_method(fn):
    @functools.wraps(fn)
    def wrapper(self, *args, **kwargs):
        with _mapped():
            return fn(self, *args, **kwargs)

    return wrapper


# -- rows -----------------------------------------------------------------------------------------
def _db_time(value: datetime | None) -> datetime | None:
    """Times on the server keep whole seconds, as the SQLite store does."""
    return value.astimezone(UTC).replace(microsecond=0) if value is not None else None


def _content_row(post: Post) -> dict[str, Any]:
    row = _post_to_row(post)
    data = json.loads(row["data"])
    data.pop("approval", None)  # the server's own column; only its functions write it
    return {
        "title": row["title"],
        "caption": row["caption"],
        "scheduled_at": post.scheduled_at,
        "event_date": post.event_date,
        "assignee": row["assignee"],
        "platforms": row["platforms"],
        "data": Jsonb(data),
        "search": search_vector(post.title, search_body(post.caption, row["data"])),
        "_data": data,
    }


def _row_to_post(row: dict) -> Post:
    data = row["data"]
    approval = row["approval"]
    return Post(
        id=row["id"],
        title=row["title"],
        caption=row["caption"],
        status=Status(row["status"]),
        scheduled_at=_db_time(row["scheduled_at"]),
        event_date=row["event_date"],
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
            Approval(
                approver=approval["approver"],
                nip=approval["nip"],
                role=approval["role"],
                at=datetime.fromisoformat(approval["at"]),
                content_hash=approval["content_hash"],
                override_reason=approval.get("override_reason", ""),
            )
            if approval
            else None
        ),
        attestations={
            k: Attestation(a["item"], a["officer"], datetime.fromisoformat(a["at"]))
            for k, a in data.get("attestations", {}).items()
        },
        published_urls=dict(data.get("published_urls", {})),
        version=row["version"],
        created_at=_db_time(row["created_at"]),
        updated_at=_db_time(row["updated_at"]),
    )


_POST_COLUMNS = (
    "id, title, caption, status, scheduled_at, event_date, assignee, platforms, data, approval,"
    " version, created_at, updated_at"
)

_ORDER = {
    "scheduled": "p.scheduled_at IS NULL, p.scheduled_at",
    "updated": "p.updated_at",
    "title": 'lower(p.title) COLLATE "C"',
    "status": "p.status",
    "id": "p.id",
    "assignee": 'lower(p.assignee) COLLATE "C"',
}


class PostgresPostRepository:
    """One desk's connection to the shared queue (one login = one person)."""

    def __init__(self, conn: psycopg.Connection):
        self._conn = conn
        self._depth = 0

    @property
    def connection(self) -> psycopg.Connection:
        return self._conn

    @_mapped_method
    def login(self) -> str:
        return scalar(self._conn, "SELECT session_user")

    # -- transactions -----------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        """One short READ COMMITTED transaction; nested calls join the outer one."""
        if self._depth:
            yield self._conn
            return
        self._depth += 1
        try:
            with _mapped(), self._conn.transaction():
                yield self._conn
        finally:
            self._depth -= 1

    def _rows(self, query: str, params: Sequence | dict | None = None) -> list[dict]:
        with self._conn.cursor(row_factory=dict_row) as cur:
            cur.execute(query, params)
            return cur.fetchall()

    # -- reads ------------------------------------------------------------------------------
    @_mapped_method
    def get(self, post_id: int) -> Post:
        rows = self._rows(f"SELECT {_POST_COLUMNS} FROM posts WHERE id = %s", (post_id,))
        if not rows:
            raise NotFound("errors.not_found", what=f"{t('model.post')} #{post_id}")
        return _row_to_post(rows[0])

    @_mapped_method
    def get_many(self, ids: Sequence[int]) -> list[Post]:
        rows = self._rows(f"SELECT {_POST_COLUMNS} FROM posts WHERE id = ANY(%s)", (list(ids),))
        found = {r["id"]: _row_to_post(r) for r in rows}
        return [found[i] for i in ids if i in found]

    def _where(self, q: PostQuery) -> tuple[str, list]:
        clauses: list[str] = []
        params: list = []
        if q.statuses:
            clauses.append("p.status = ANY(%s)")
            params.append([str(s) for s in q.statuses])
        if q.platform:
            clauses.append("p.platforms LIKE %s")
            params.append(f"%,{q.platform},%")
        if q.assignee:
            clauses.append("p.assignee = %s")
            params.append(q.assignee)
        if q.start is not None:
            clauses.append("p.scheduled_at >= %s")
            params.append(q.start)
        if q.end is not None:
            clauses.append("p.scheduled_at < %s")
            params.append(q.end)
        if q.text:
            query = search_tsquery(q.text)
            if query is None:
                clauses.append("false")
            else:
                clauses.append("p.search @@ %s::tsquery")
                params.append(query)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return where, params

    def _order(self, q: PostQuery) -> tuple[str, list]:
        if q.order == "rank" and q.text and search_tsquery(q.text):
            return " ORDER BY ts_rank(p.search, %s::tsquery) DESC, p.id", [search_tsquery(q.text)]
        if q.order == "newest":
            return " ORDER BY p.id" + ("" if q.descending else " DESC"), []
        direction = " DESC" if q.descending else ""
        cols = _ORDER.get(q.order, _ORDER["scheduled"])
        return (
            " ORDER BY "
            + ", ".join(c + direction for c in cols.split(", "))
            + f", p.id{direction}",
            [],
        )

    def _select(self, columns: str, q: PostQuery) -> tuple[str, list]:
        where, params = self._where(q)
        order, order_params = self._order(q)
        page, page_params = "", []
        if q.limit is not None:
            page, page_params = " LIMIT %s OFFSET %s", [q.limit, q.offset]
        sql = f"SELECT {columns} FROM posts p{where}{order}{page}"
        return sql, params + order_params + page_params

    @_mapped_method
    def query(self, q: PostQuery) -> list[Post]:
        cols = ", ".join(f"p.{c.strip()}" for c in _POST_COLUMNS.split(","))
        sql, params = self._select(cols, q)
        return [_row_to_post(r) for r in self._rows(sql, params)]

    @_mapped_method
    def ids(self, q: PostQuery) -> list[int]:
        sql, params = self._select("p.id", q)
        return [r[0] for r in self._conn.execute(sql, params)]

    @_mapped_method
    def count(self, q: PostQuery | None = None) -> int:
        where, params = self._where(q or PostQuery())
        return scalar(self._conn, f"SELECT count(*) FROM posts p{where}", params)

    @_mapped_method
    def summaries(self, ids: Sequence[int]) -> list[PostSummary]:
        rows = self._rows(
            "SELECT id, title, status, scheduled_at, platforms, assignee, version, updated_at,"
            " data -> 'card' ->> 'template_id' AS template_id,"
            " data -> 'media' -> 0 ->> 'sha256' AS thumb"
            " FROM posts WHERE id = ANY(%s)",
            (list(ids),),
        )
        found = {
            r["id"]: PostSummary(
                id=r["id"],
                title=r["title"],
                status=Status(r["status"]),
                scheduled_at=_db_time(r["scheduled_at"]),
                platforms=tuple(p for p in r["platforms"].split(",") if p),
                assignee=r["assignee"],
                version=r["version"],
                updated_at=_db_time(r["updated_at"]),
                template_id=r["template_id"] or "",
                thumb_sha256=r["thumb"] or "",
            )
            for r in rows
        }
        return [found[i] for i in ids if i in found]

    @_mapped_method
    def assignees(self) -> list[str]:
        rows = self._conn.execute(
            "SELECT DISTINCT assignee COLLATE \"C\" AS a FROM posts WHERE assignee <> '' ORDER BY a"
        )
        return [r[0] for r in rows]

    @_mapped_method
    def event_keys(self) -> set[tuple[str, date]]:
        rows = self._conn.execute(
            "SELECT title, event_date FROM posts WHERE event_date IS NOT NULL"
        )
        return {(r[0].lower(), r[1]) for r in rows}

    # -- writes -----------------------------------------------------------------------------
    def insert(self, post: Post, actor: str, *, action: str = "create") -> Post:
        row = _content_row(post)
        with self.transaction() as c:
            post_id: int = scalar(
                c,
                "INSERT INTO posts (title, caption, scheduled_at, event_date, assignee,"
                " platforms, data, search) VALUES (%(title)s, %(caption)s, %(scheduled_at)s,"
                " %(event_date)s, %(assignee)s, %(platforms)s, %(data)s,"
                " %(search)s::tsvector) RETURNING id",
                row,
            )
            self._write_media_links(c, post_id, post)
            self._audit(c, post_id, actor, action, None, "draft", {})
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
        """Write ``post`` if nobody saved since it was read (``post.version``), else StaleEdit.

        A status change goes through the server's function for ``action``; everything else is
        a content update, after which the server may itself have voided an approval."""
        if post.id is None:
            raise NotFound("errors.not_found", what=t("model.post"))
        detail = json.loads(json.dumps(detail or {}, ensure_ascii=False, default=str))
        denied = "team.not_approver" if action == Action.APPROVE.value else "team.permission_denied"
        with _mapped(post.id, post.version, denied), self.transaction() as c:
            if action == Action.APPROVE.value:
                approval = post.approval
                if approval is None:
                    raise InvalidInput("store.approve_via_checklist")
                c.execute(
                    "SELECT sumbar.approve(%s, %s, %s, %s, %s, %s)",
                    (
                        post.id,
                        post.version,
                        approval.content_hash,
                        actor,
                        approval.override_reason,
                        Jsonb(
                            {
                                k: v
                                for k, v in detail.items()
                                if k not in ("approver", "nip", "role", "content_hash")
                            }
                        ),
                    ),
                )
            elif action in _TRANSITIONS or (
                action == Action.REOPEN.value and self._content_unchanged(post)
            ):
                urls = post.published_urls if action == Action.PUBLISH.value else None
                c.execute(
                    "SELECT sumbar.transition(%s, %s, %s, %s, %s, %s)",
                    (
                        post.id,
                        action,
                        post.version,
                        actor,
                        Jsonb(detail),
                        Jsonb(urls) if urls else None,
                    ),
                )
            else:
                self._update_content(c, post, actor, action, old_status, detail)
        return self.get(post.id)

    def _content_unchanged(self, post: Post) -> bool:
        """An explicit "reopen" with nothing edited is a status change only (the server's
        trigger reopens by itself when approved content is edited)."""
        return self.server_content_hash(post.id) == post.content_hash()

    def _update_content(self, c, post: Post, actor, action, old_status, detail) -> None:
        assert post.id is not None  # update() refused a post without one
        current = c.execute(
            "SELECT version, status FROM posts WHERE id = %s FOR UPDATE", (post.id,)
        ).fetchone()
        if current is None:
            raise NotFound("errors.not_found", what=f"{t('model.post')} #{post.id}")
        if current[0] != post.version:
            raise StaleEdit("store.stale_edit", id=post.id, mine=post.version, theirs=current[0])
        row = _content_row(post)
        after = c.execute(
            "UPDATE posts SET title = %(title)s, caption = %(caption)s,"
            " scheduled_at = %(scheduled_at)s, event_date = %(event_date)s,"
            " assignee = %(assignee)s, platforms = %(platforms)s, data = %(data)s,"
            " search = %(search)s::tsvector"
            " WHERE id = %(id)s AND version = %(version)s RETURNING status",
            {**row, "id": post.id, "version": post.version},
        ).fetchone()
        if after is None:  # cannot happen under FOR UPDATE; kept as the contract's last word
            raise StaleEdit("store.stale_edit", id=post.id, mine=post.version, theirs="?")
        self._write_media_links(c, post.id, post, replace=True)
        before = str(old_status) if old_status is not None else current[1]
        changed = after[0] != before
        self._audit(
            c,
            post.id,
            actor,
            action,
            before if changed else None,
            after[0] if changed else None,
            detail,
        )

    def delete(self, post_id: int, actor: str) -> None:
        with _mapped(post_id), self.transaction() as c:
            row = c.execute(
                "DELETE FROM posts WHERE id = %s RETURNING status, title", (post_id,)
            ).fetchone()
            if row is None:
                raise NotFound("errors.not_found", what=f"{t('model.post')} #{post_id}")
            self._audit(c, post_id, actor, "delete", row[0], None, {"title": row[1]})

    def _write_media_links(self, c, post_id: int, post: Post, replace: bool = False) -> None:
        if replace:
            c.execute("DELETE FROM post_media WHERE post_id = %s", (post_id,))
        if post.media:
            with c.cursor() as cur:
                cur.executemany(
                    "INSERT INTO post_media (post_id, position, sha256) VALUES (%s, %s, %s)",
                    [(post_id, i, m.sha256) for i, m in enumerate(post.media)],
                )

    # -- server functions -------------------------------------------------------------------
    def transition(
        self,
        post_id: int,
        action: Action | str,
        actor: str,
        *,
        expected_version=None,
        comment: str = "",
    ) -> Post:
        """A status change straight through ``sumbar.transition`` (the server checks it)."""
        detail = {"comment": comment} if comment else {}
        with _mapped(post_id, expected_version), self.transaction() as c:
            c.execute(
                "SELECT sumbar.transition(%s, %s, %s, %s, %s, NULL)",
                (post_id, str(action), expected_version, actor, Jsonb(detail)),
            )
        return self.get(post_id)

    def approve(
        self,
        post_id: int,
        content_hash: str,
        actor: str,
        *,
        expected_version=None,
        override_reason: str = "",
    ) -> Post:
        """Approve what the server holds, if its hash is ``content_hash``; the approver's name
        and NIP come from the server's staff table."""
        with _mapped(post_id, expected_version, "team.not_approver"), self.transaction() as c:
            c.execute(
                "SELECT sumbar.approve(%s, %s, %s, %s, %s, '{}'::jsonb)",
                (post_id, expected_version, content_hash, actor, override_reason),
            )
        return self.get(post_id)

    @_mapped_method
    def server_content_hash(self, post_id: int) -> str:
        row = self._conn.execute(
            "SELECT sumbar.content_hash(title, caption, event_date, data) FROM posts WHERE id = %s",
            (post_id,),
        ).fetchone()
        if row is None:
            raise NotFound("errors.not_found", what=f"{t('model.post')} #{post_id}")
        return row[0]

    # -- presence and comments --------------------------------------------------------------
    @_mapped_method
    def heartbeat(self, post_id: int) -> None:
        self._conn.execute("SELECT sumbar.heartbeat(%s)", (post_id,))

    @_mapped_method
    def stop_editing(self, post_id: int) -> None:
        self._conn.execute("SELECT sumbar.stop_editing(%s)", (post_id,))

    @_mapped_method
    def editors(self, post_id: int, *, stale_after_seconds: int = 90) -> list[str]:
        """Names of the other people with this post open (a fresh heartbeat)."""
        rows = self._conn.execute(
            "SELECT coalesce(s.person, e.login) FROM editing_sessions e"
            " LEFT JOIN staff s ON s.login = e.login"
            " WHERE e.post_id = %s AND e.login <> session_user"
            " AND e.heartbeat_at > now() - make_interval(secs => %s) ORDER BY 1",
            (post_id, stale_after_seconds),
        )
        return [r[0] for r in rows]

    @_mapped_method
    def editing_now(self, *, stale_after_seconds: int = 90) -> dict[int, list[str]]:
        """Every post someone else has open now: post id -> their names (staff table)."""
        rows = self._conn.execute(
            "SELECT e.post_id, coalesce(s.person, e.login) FROM editing_sessions e"
            " LEFT JOIN staff s ON s.login = e.login"
            " WHERE e.login <> session_user"
            " AND e.heartbeat_at > now() - make_interval(secs => %s) ORDER BY 1, 2",
            (stale_after_seconds,),
        )
        found: dict[int, list[str]] = {}
        for post_id, name in rows:
            found.setdefault(post_id, []).append(name)
        return found

    @_mapped_method
    def people(self) -> list[tuple[str, str]]:
        """The team as (login, name) of active staff, by name: whom a comment can mention."""
        rows = self._conn.execute(
            "SELECT login, person FROM staff WHERE active ORDER BY lower(person), login"
        )
        return [(r[0], r[1]) for r in rows]

    @_mapped_method
    def add_comment(self, post_id: int, body: str, mentions: Sequence[str] = ()) -> int:
        return scalar(
            self._conn,
            "INSERT INTO comments (post_id, body, mentions) VALUES (%s, %s, %s) RETURNING id",
            (post_id, body, list(mentions)),
        )

    @_mapped_method
    def comments(self, post_id: int) -> list[dict]:
        return self._rows(
            "SELECT c.id, c.author, coalesce(s.person, c.author) AS person, c.body,"
            " c.mentions, c.created_at FROM comments c LEFT JOIN staff s ON s.login = c.author"
            " WHERE c.post_id = %s ORDER BY c.id",
            (post_id,),
        )

    @_mapped_method
    def mentioning(self, login: str | None = None) -> list[int]:
        """Posts with a comment mentioning ``login`` (default: me), newest comment first."""
        rows = self._conn.execute(
            "SELECT post_id FROM comments WHERE coalesce(%s, session_user) = ANY(mentions)"
            " GROUP BY post_id ORDER BY max(id) DESC",
            (login,),
        )
        return [r[0] for r in rows]

    # -- audit ------------------------------------------------------------------------------
    def _audit(self, c, post_id, actor, action, old, new, detail) -> None:
        c.execute(
            "INSERT INTO audit (post_id, actor, action, old_status, new_status, detail)"
            " VALUES (%s, %s, %s, %s, %s, %s)",
            (post_id, actor, action, old, new, Jsonb(detail, dumps=_dumps)),
        )

    @_mapped_method
    def history(self, post_id: int) -> list[AuditEntry]:
        rows = self._rows(
            "SELECT id, post_id, at, actor, action, old_status, new_status, detail"
            " FROM audit WHERE post_id = %s ORDER BY id",
            (post_id,),
        )
        return [AuditEntry(**{**r, "at": _db_time(r["at"])}) for r in rows]

    @_mapped_method
    def verify_audit(self) -> int | None:
        """The id of the first audit row whose hash chain is broken, or None when intact."""
        return scalar(self._conn, "SELECT sumbar.verify_audit()")

    # -- media ------------------------------------------------------------------------------
    @_mapped_method
    def add_media_row(
        self, sha256: str, ext: str, original_name: str, width: int, height: int, size: int
    ) -> None:
        self._conn.execute(
            "INSERT INTO media (sha256, ext, original_name, width, height, bytes)"
            " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (sha256) DO NOTHING",
            (sha256, ext, original_name, width, height, size),
        )

    @_mapped_method
    def put_media(self, sha256, ext, original_name, width, height, content: bytes) -> None:
        """A photo's row and bytes in one go (the server checks the bytes match the hash)."""
        with self.transaction() as c:
            c.execute(
                "INSERT INTO media (sha256, ext, original_name, width, height, bytes, content)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (sha256) DO UPDATE"
                " SET content = excluded.content WHERE media.content IS NULL",
                (sha256, ext, original_name, width, height, len(content), content),
            )

    @_mapped_method
    def media_row(self, sha256: str) -> MediaRecord | None:
        rows = self._rows(f"SELECT {_MEDIA_COLUMNS} FROM media WHERE sha256 = %s", (sha256,))
        return MediaRecord(**rows[0]) if rows else None

    @_mapped_method
    def media_rows(self) -> list[MediaRecord]:
        rows = self._rows(f"SELECT {_MEDIA_COLUMNS} FROM media ORDER BY sha256")
        return [MediaRecord(**r) for r in rows]

    @_mapped_method
    def media_problems(self) -> list[tuple[str, str, str]]:
        # the table's CHECK keeps every stored photo equal to its hash: only a missing one
        rows = self._conn.execute(
            "SELECT sha256, original_name FROM sumbar.media WHERE content IS NULL ORDER BY sha256"
        ).fetchall()
        return [(sha, name, "missing") for sha, name in rows]

    @_mapped_method
    def media_bytes(self, sha256: str) -> bytes | None:
        row = self._conn.execute(
            "SELECT content FROM media WHERE sha256 = %s", (sha256,)
        ).fetchone()
        return bytes(row[0]) if row and row[0] is not None else None


_MEDIA_COLUMNS = "sha256, ext, original_name, width, height, bytes, added_at"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
