"""The Kotak Masukan register on the team server (schema version 4, ``0004_inbox.sql``).

The same methods and SQL as :class:`~sumbar_studio.core.store.inbox.SqliteInboxRepository`
(the shared :class:`~sumbar_studio.core.store.inbox.InboxRepositoryBase`); what differs is
how values travel (timestamptz, jsonb, ``%s``), how a new id comes back (``RETURNING id``),
that server errors become the app's own messages, and who decides: the server stamps versions
and times, lets only approvers and admins approve a reply, keeps the audit append-only and
deletes a screenshot's photo only when nothing shows it any more (``sumbar.forget_media``).

It shares the post repository's connection and transactions: a reply that links a post and
an entry write commit together.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from ..inbox import ENTRY_COLUMNS, InboxRepositoryBase
from .connection import scalar
from .repository import PostgresPostRepository, _db_time, _dumps, _mapped

__all__ = ["PostgresInboxRepository", "entry_select"]


def entry_select(conn: psycopg.Connection) -> str:
    """The entry columns this login may read: a viewer (pembaca) does not answer the public,
    so the server keeps contacts (phone, e-mail) from it and it reads them as empty."""
    readable = scalar(
        conn, "SELECT has_column_privilege('sumbar.inbox_entries', 'contact', 'SELECT')"
    )
    return ", ".join(c if readable or c != "contact" else "'' AS contact" for c in ENTRY_COLUMNS)


class PostgresInboxRepository(InboxRepositoryBase):
    placeholder = "%s"

    def __init__(self, post_repository: PostgresPostRepository):
        super().__init__(post_repository)
        self._select: str | None = None

    # -- how values travel -------------------------------------------------------------------
    @staticmethod
    def time_in(moment: datetime | None):
        return _db_time(moment)  # whole seconds, like the local register's text times

    @staticmethod
    def time_out(value) -> datetime | None:
        return _db_time(value)

    @staticmethod
    def json_in(value):
        return Jsonb(value, dumps=_dumps)  # jsonb arrives decoded: the shared json_out keeps it

    # -- back-end primitives ----------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        with _mapped(), self._posts.transaction() as c:
            yield c

    def _rows(self, sql: str, params: Sequence = ()) -> list:
        with _mapped(), self._conn.cursor(row_factory=dict_row) as cur:
            cur.execute(self._sql(sql), params)
            return cur.fetchall()

    def _insert(self, c, sql: str, params: Sequence) -> int:
        return self._run(c, sql + " RETURNING id", params).fetchone()[0]

    def _entry_select(self) -> str:
        if self._select is None:  # one login per connection: asked once
            with _mapped():
                self._select = entry_select(self._conn)
        return self._select

    # -- what only the server may do --------------------------------------------------------
    def delete_media_row(self, sha: str) -> None:
        """Forget a photo row nothing shows any more (the server checks that itself)."""
        with self.transaction() as c:
            c.execute("SELECT sumbar.forget_media(%s)", (sha,))
