"""The store back end of a team workspace: what :class:`~sumbar_studio.core.store.sqlite.
SqliteBackend` offers ``Workspace`` (repository, health, backups, workers), over one login on
the team server.

Backups of the server itself are the admin's (``pg_dump``, see the README); a desk's "backup"
(before deleting a draft, on request) is a snapshot of the server's posts, history and team
files pulled into ``backups/<label>-<time>.db`` -- a local workspace database that can be opened
as an archive. Restoring into the server from a desk is refused: that is ``pg_restore`` by the
admin, with every desk disconnected.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg

from ...errors import SumbarError, WorkspaceError
from ...fileutil import ensure_dir
from ...timeutil import now_utc, to_wib
from .admin import SERVER_SCHEMA_VERSION, schema_version
from .connection import connect
from .repository import PostgresPostRepository, _mapped


class PostgresBackend:
    kind = "postgresql"
    current_schema_version = SERVER_SCHEMA_VERSION
    errors: tuple[type[Exception], ...] = (psycopg.Error, SumbarError)
    #: a read on a connection that closed or dropped (the repository maps those to
    #: WorkspaceError "team.unreachable")
    closed_errors: tuple[type[Exception], ...] = (psycopg.Error, WorkspaceError)
    migrated_from = None

    def __init__(self, conninfo: str, conn: psycopg.Connection, desk: Path):
        self.conninfo = conninfo
        self.conn = conn
        self.path = desk
        self.repository = PostgresPostRepository(conn)

    def close(self) -> None:
        self.conn.close()

    def reconnect(self) -> None:
        fresh = connect(self.conninfo)
        old, self.conn = self.conn, fresh
        self.repository._conn = fresh
        with contextlib.suppress(Exception):
            old.close()  # a broken connection may fail to close; it is gone anyway

    @property
    def connected(self) -> bool:
        return not self.conn.closed and not self.conn.broken

    @contextlib.contextmanager
    def worker_repository(self) -> Iterator[PostgresPostRepository]:
        conn = connect(self.conninfo)
        try:
            yield PostgresPostRepository(conn)
        finally:
            conn.close()

    def inbox_repository(self):
        """The Kotak Masukan register on the server."""
        try:
            from .inbox import PostgresInboxRepository  # noqa: PLC0415
        except ImportError:
            raise WorkspaceError("team.inbox_unavailable") from None
        return PostgresInboxRepository(self.repository)

    # -- health -----------------------------------------------------------------------------
    def integrity_check(self) -> str:
        """ "ok" when the audit chain verifies, else the first broken row."""
        try:
            broken = self.repository.verify_audit()
        except (psycopg.Error, SumbarError) as exc:
            return str(exc)
        return "ok" if broken is None else f"audit chain broken at row {broken}"

    def schema_version(self) -> int:
        return schema_version(self.conn)

    def schema_state(self) -> tuple[int, list[str]]:
        try:
            return self.schema_version(), []
        except psycopg.Error:
            return -1, []

    def has_rows(self, table: str) -> bool:
        with _mapped():  # a lost server is the app's own "tidak dapat dihubungi"
            exists = self.conn.execute("SELECT to_regclass(%s)", (f"sumbar.{table}",)).fetchone()
            if not exists or exists[0] is None:
                return False
            query = f'SELECT 1 FROM sumbar."{table}" LIMIT 1'
            return self.conn.execute(query).fetchone() is not None

    # -- backups ----------------------------------------------------------------------------
    def backup(self, label: str) -> Path:
        """A snapshot of the server's data as a local workspace database (see the module)."""
        from .transfer import pull  # noqa: PLC0415 -- the snapshot writer

        folder = ensure_dir(self.path / "backups")
        stamp = to_wib(now_utc()).strftime("%Y%m%d-%H%M%S")
        # named as the local backups are, so the desk's backup list, doctor and "Pulihkan"
        # find them; two in the same second never overwrite each other
        target = folder / f"sumbar-{stamp}-{label}.db"
        n = 2
        while target.exists():
            target = folder / f"sumbar-{stamp}-{label}-{n}.db"
            n += 1
        with tempfile.TemporaryDirectory(dir=folder, prefix=".snapshot-") as tmp:
            workspace, _report = pull(self.conn, Path(tmp) / "ws", media=False)
            workspace.close()
            shutil.move(str(Path(tmp) / "ws" / "sumbar.db"), target)
        return target

    def replace_data(self, database_file: Path) -> None:
        raise WorkspaceError("team.restore_on_server")

    def adopt_data(self, workspace_dir: Path) -> None:
        raise WorkspaceError("team.restore_on_server")
