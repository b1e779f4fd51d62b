"""The SQLite back end of a local workspace: one file ``sumbar.db`` beside the media library.

Everything that knows the workspace's data is an SQLite file lives here (or in schema.py and
repository.py): opening and creating it, migrations (with a backup first), the health checks,
online backups, replacing the data in place (restore, adopting another workspace), and fresh
connections for worker threads. :class:`~sumbar_studio.core.workspace.Workspace` holds one
:class:`SqliteBackend` as ``workspace.store``; a second back end provides the same methods.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import InvalidInput, SumbarError, WorkspaceError
from ..fileutil import (
    ensure_dir,
    fsync_dir,
    kill_point,
    make_private,
    write_bytes_atomic,
    write_failed,
)
from ..inputs import check_input, open_input
from ..timeutil import now_utc, to_wib
from . import schema
from .repository import SqlitePostRepository

DB_NAME = "sumbar.db"
#: files of the back end in the workspace folder (made private on open)
DB_FILES = (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm")


class WorkspaceCorrupt(WorkspaceError):
    message_id = "store.corrupt"


class WorkspaceBusy(WorkspaceError):
    message_id = "files.locked"


class RestoreRefused(InvalidInput):
    message_id = "backup_restore.refused"


class SqliteBackend:
    """One open ``sumbar.db``: the connection, its repository and its upkeep."""

    kind = "sqlite"
    #: the schema version this app writes
    current_schema_version = schema.SCHEMA_VERSION
    #: the driver's errors, for callers that report a failed read instead of crashing
    errors: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
    #: raised by a read on a store that was closed meanwhile (a timer outliving its window)
    closed_errors: tuple[type[Exception], ...] = (sqlite3.ProgrammingError,)

    def __init__(self, path: Path, conn: sqlite3.Connection, migrated_from: int | None = None):
        self.path = path
        self.conn = conn
        self.migrated_from = migrated_from
        self.repository = SqlitePostRepository(conn)
        self.repository.write_guard = self.check_before_first_write

    # -- opening ----------------------------------------------------------------------------
    @staticmethod
    def exists(path: Path) -> bool:
        """Whether the workspace folder ``path`` already holds data."""
        return _db_has_content(Path(path) / DB_NAME)

    @classmethod
    def open(cls, path: Path, lock: Any) -> SqliteBackend:
        """Open (creating it whole if needed) and migrate the database of the workspace folder
        ``path``; an older database is backed up before it is migrated. ``lock`` is the
        workspace lock (its ``exclusive()`` guards creating the file)."""
        db_path = path / DB_NAME
        existed = _db_has_content(db_path)
        if not existed:
            create_database(path, lock)
        for name in DB_FILES:
            make_private(path / name)
        try:
            conn = schema.connect(db_path)
            version = schema.user_version(conn)
        except sqlite3.DatabaseError as exc:
            raise database_error(path, exc) from None
        migrated_from = None
        if version > schema.SCHEMA_VERSION:
            conn.close()
            raise WorkspaceError("store.too_new", path=str(path), version=version)
        if version < schema.SCHEMA_VERSION:
            if existed and version > 0:
                backup_connection(conn, path, f"pra-migrasi-v{version}")
                migrated_from = version
            try:
                schema.migrate(conn)
            except sqlite3.DatabaseError as exc:
                conn.close()
                raise database_error(path, exc) from None
        return cls(path, conn, migrated_from)

    def close(self) -> None:
        self.conn.close()

    def inbox_repository(self):
        """The Kotak Masukan register's repository, sharing this connection and transactions
        with the posts (a reply that links a post and an entry commits together)."""
        from .inbox import SqliteInboxRepository

        return SqliteInboxRepository(self.repository)

    @contextlib.contextmanager
    def worker_repository(self) -> Iterator[SqlitePostRepository]:
        """A repository over its own connection, for a worker thread (the GUI thread's
        connection may be inside a save transaction at the same moment)."""
        conn = schema.connect(self.path / DB_NAME)
        try:
            yield SqlitePostRepository(conn)
        finally:
            conn.close()

    # -- health -----------------------------------------------------------------------------
    def check_before_first_write(self) -> None:
        """Ordinary commands never write into a damaged database: the first write of a session
        runs SQLite's quick check first."""
        try:
            result = self.conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise database_error(self.path, exc) from None
        if result != "ok":
            raise corrupt(self.path, sqlite3.DatabaseError(result))

    def integrity_check(self) -> str:
        try:
            rows = self.conn.execute("PRAGMA integrity_check(20)").fetchall()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return "; ".join(str(r[0]) for r in rows)

    def schema_version(self) -> int:
        return schema.user_version(self.conn)

    def schema_state(self) -> tuple[int, list[str]]:
        """(schema version, names of app tables that are missing or not tables); version -1
        when the database cannot be read."""
        try:
            version = self.schema_version()
            have = {
                r[0]
                for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        except sqlite3.DatabaseError:
            return -1, []
        # the tables a database of this version must have, from the app's own migrations
        reference = sqlite3.connect(":memory:", isolation_level=None)
        try:
            schema.migrate(reference, max(0, min(version, len(schema.MIGRATIONS))))
            expected = {
                r[0]
                for r in reference.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            reference.close()
        return version, sorted(expected - have)

    def has_rows(self, table: str) -> bool:
        """Whether ``table`` (an app table name) holds any row."""
        return self.conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None

    # -- backups and replacing the data -----------------------------------------------------
    def backup(self, label: str) -> Path:
        """A consistent copy of the database (SQLite online backup), written atomically."""
        return backup_connection(self.conn, self.path, label)

    def replace_data(self, database_file: Path) -> None:
        """Replace the data in place with that of ``database_file`` (a clean copy or another
        workspace's database) in one step, then migrate; the connection and everything holding
        the workspace stay valid."""
        src = sqlite3.connect(schema.sqlite_uri(database_file, "ro"), uri=True)
        try:
            src.backup(self.conn)  # the backup API replaces all pages at once
        finally:
            src.close()
        schema.migrate(self.conn)

    def adopt_data(self, workspace_dir: Path) -> None:
        """Replace the data in place with that of the workspace in folder ``workspace_dir``."""
        self.replace_data(Path(workspace_dir) / DB_NAME)


# -- files ------------------------------------------------------------------------------------
def list_backups(path: Path) -> list[Path]:
    folder = path / "backups"
    if not folder.is_dir():
        return []
    return sorted(folder.glob("sumbar-*.db"), key=lambda p: p.stat().st_mtime, reverse=True)


def backup_connection(conn: sqlite3.Connection, path: Path, label: str) -> Path:
    folder = ensure_dir(path / "backups", private=True)
    stamp = to_wib(now_utc()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"sumbar-{stamp}-{label}.db"
    n = 2
    while target.exists():  # two backups in the same second never overwrite each other
        target = folder / f"sumbar-{stamp}-{label}-{n}.db"
        n += 1

    def copy(tmp: Path) -> None:
        dest = sqlite3.connect(tmp)
        try:
            with dest:
                conn.backup(dest)
        finally:
            dest.close()

    write_database(target, copy, path)
    return target


def write_database(target: Path, build: Callable[[Path], None], workspace_path: Path) -> None:
    """The one way a database file is put in place: ``build(tmp)`` writes it under a temporary
    name in the same folder; it is made private, renamed over ``target`` and the folder is
    synced. A failure leaves ``target`` as it was, removes the temporary files and raises a
    one-line error (a full disk is not damage)."""
    tmp = target.parent / f".{target.name}.{os.getpid()}-{time.time_ns()}.tmp"
    try:
        build(tmp)
        make_private(tmp)
        kill_point("database-built")
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise write_failed(target, exc) from None
    except sqlite3.DatabaseError as exc:
        raise database_error(workspace_path, exc) from None
    finally:
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in ("-journal", "-wal", "-shm"))):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _db_has_content(db_path: Path) -> bool:
    try:
        return db_path.stat().st_size > 0
    except FileNotFoundError:
        return False


def create_database(path: Path, lock: Any) -> None:
    """Create an empty database whole (built under a temporary name, then renamed into place),
    under the workspace's exclusive lock: two processes creating the same workspace never see
    each other's half-made file. A 0-byte ``sumbar.db`` next to backups is damage, not a new
    workspace."""
    db_path = path / DB_NAME
    with lock.exclusive():
        if _db_has_content(db_path):  # another process created it meanwhile
            return
        if db_path.exists() and list_backups(path):
            raise corrupt(path, sqlite3.DatabaseError("0 byte"))

        def create(tmp: Path) -> None:
            conn = schema.connect(tmp)
            try:
                schema.migrate(conn)
                conn.execute("PRAGMA journal_mode = DELETE")  # self-contained before the rename
            finally:
                conn.close()

        write_database(db_path, create, path)


def store_error(path: Path, exc: BaseException) -> SumbarError | None:
    """The translated error for a driver error that reached a command line, None when ``exc``
    is not one (a bug, which keeps its traceback)."""
    return database_error(path, exc) if isinstance(exc, sqlite3.Error) else None


def database_error(path: Path, exc: BaseException) -> SumbarError:
    """The right message for an SQLite error: a lock held too long, a full disk or an
    unwritable folder are NOT damage; only SQLite's corrupt/not-a-database codes are "rusak"."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return WorkspaceBusy("files.locked", detail=str(exc))
    if primary == sqlite3.SQLITE_FULL or "disk is full" in text:
        return WorkspaceError("files.db_full", detail=str(exc))
    if primary in (
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_AUTH,
    ):
        return WorkspaceError("files.db_error", detail=str(exc), reason=str(exc))
    return corrupt(path, exc)


def corrupt(path: Path, exc: BaseException) -> WorkspaceCorrupt:
    latest = list_backups(path)
    if latest:
        when = datetime.fromtimestamp(latest[0].stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        return WorkspaceCorrupt(
            "store.corrupt_with_backup",
            path=str(path / DB_NAME),
            backup=str(latest[0]),
            when=when,
            detail=str(exc),
        )
    return WorkspaceCorrupt("store.corrupt", path=str(path / DB_NAME), detail=str(exc))


# -- backup files -----------------------------------------------------------------------------
def _app_tables(conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """(ordinary tables, virtual tables) of the schema the app created in ``conn``."""
    rows = conn.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY rowid"
    ).fetchall()
    virtual = [r[0] for r in rows if (r[1] or "").upper().startswith("CREATE VIRTUAL")]
    plain = [
        r[0]
        for r in rows
        if r[0] not in virtual
        and not r[0].startswith("sqlite_")
        and not any(r[0].startswith(v + "_") for v in virtual)
    ]
    return plain, virtual


def check_backup(backup: Path) -> int:
    """Integrity-check a backup file; returns its schema version. Raises InvalidInput."""
    backup = Path(backup)
    check_input(backup, "database")
    try:
        conn = sqlite3.connect(schema.sqlite_uri(backup, "ro"), uri=True)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            version = schema.user_version(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        ok, version = False, 0
    if not ok or version < 1 or version > schema.SCHEMA_VERSION:
        raise InvalidInput("doctor.backup_invalid", path=str(backup))
    return version


def build_clean_copy(backup: Path, target: Path) -> None:
    """Copy the DATA of ``backup`` into a database at ``target`` whose schema the app creates
    itself (at the backup's version, then migrated to the current one). Nothing of the backup's
    own schema is adopted: its triggers, views and indexes are never copied, a view or a virtual
    table where the app has a table, or a missing table or column, refuses the backup, and the
    search index is rebuilt from the posts. Raises RestoreRefused / InvalidInput."""
    version = check_backup(backup)
    conn = schema.connect(target)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        schema.migrate(conn, version)
        conn.execute("ATTACH DATABASE ? AS src", (schema.sqlite_uri(backup, "ro"),))
        plain, virtual = _app_tables(conn)
        found = {
            r[0]: (r[1], r[2] or "")
            for r in conn.execute("SELECT name, type, sql FROM src.sqlite_master")
        }
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        for table in plain:
            kind, sql = found.get(table, (None, ""))
            if kind != "table" or sql.upper().startswith("CREATE VIRTUAL"):
                raise RestoreRefused("backup_restore.missing_table", path=str(backup), table=table)
            mine = [r[1] for r in conn.execute(f'PRAGMA main.table_info("{table}")')]
            theirs = {r[1] for r in conn.execute(f'PRAGMA src.table_info("{table}")')}
            missing = [c for c in mine if c not in theirs]
            if missing:
                raise RestoreRefused(
                    "backup_restore.missing_table", path=str(backup), table=f"{table}.{missing[0]}"
                )
            cols = ", ".join(f'"{c}"' for c in mine)
            conn.execute(f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM src."{table}"')
        _check_rows(conn, backup)
        if "post_search" in virtual:
            schema.rebuild_search(conn)
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE src")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise RestoreRefused("backup_restore.foreign", path=str(backup))
        schema.migrate(conn)
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise RestoreRefused("backup_restore.foreign", path=str(backup))
        conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    except sqlite3.DatabaseError as exc:
        raise RestoreRefused("backup_restore.foreign", path=str(backup), detail=str(exc)) from None
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
    make_private(target)


def _check_rows(conn: sqlite3.Connection, backup: Path) -> None:
    """Every post of the backup must read back as a post (crafted rows are refused)."""
    from .repository import _row_to_post

    try:
        for row in conn.execute("SELECT * FROM posts"):
            _row_to_post(row)
    except Exception as exc:  # noqa: BLE001 - anything that does not decode is foreign
        raise RestoreRefused("backup_restore.foreign", path=str(backup), detail=str(exc)) from None


def replace_database_file(folder: Path, backup: Path, before_label: str) -> Path | None:
    """Put a clean copy of ``backup`` in place of the database of the (closed, exclusively
    locked) workspace ``folder``, as one rename; what was there is first saved as a
    ``before_label`` backup (returned; None when there was no data)."""
    sweep_leftovers(folder)
    db = folder / DB_NAME
    kept: list[Path | None] = [None]

    def build(tmp: Path) -> None:
        build_clean_copy(backup, tmp)
        kill_point("restore-built")
        kept[0] = _save_current(folder, db, before_label)
        kill_point("restore-saved")
        for suffix in ("-wal", "-shm"):  # the old data is checkpointed and saved
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{db}{suffix}")
        kill_point("restore-before-rename")

    write_database(db, build, folder)  # the one rename
    kill_point("restore-renamed")
    return kept[0]


def sweep_leftovers(folder: Path) -> None:
    """Temporary files of a restore that was killed (we hold the exclusive lock: nobody else is
    restoring)."""
    for entry in folder.glob(f".{DB_NAME}.*.tmp*"):
        with contextlib.suppress(OSError):
            entry.unlink()


def _save_current(folder: Path, db: Path, label: str) -> Path | None:
    """Checkpoint the current database into its main file and save it as a backup; a damaged
    current file is kept byte for byte instead."""
    if not db.exists() or db.stat().st_size == 0:
        return None
    try:
        conn = schema.connect(db)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return backup_connection(conn, folder, label)
        finally:
            conn.close()
    except (sqlite3.DatabaseError, SumbarError):
        stamp = to_wib(now_utc()).strftime("%Y%m%d-%H%M%S")
        target = ensure_dir(folder / "backups") / f"sumbar-{stamp}-{label}-rusak.db"
        with open_input(db, "database") as fh:
            write_bytes_atomic(target, fh.read())
        wal = Path(f"{db}-wal")
        if wal.exists():
            write_bytes_atomic(Path(f"{target}-wal"), wal.read_bytes())
        return target
