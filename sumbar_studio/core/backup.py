"""Daily backups with retention, and restoring a chosen backup.

Backups are SQLite online-backup copies in ``<workspace>/backups`` named
``sumbar-YYYYmmdd-HHMMSS-<label>.db`` (the stamp is WIB wall time, see Workspace.backup).
- :func:`run_daily` makes at most one ``harian`` backup per WIB day and prunes daily backups
  older than the team's ``backup_keep_days`` (other labels — manual, pre-migration, pre-restore
  — are kept until removed by hand).
- :func:`restore_into` brings a backup back into an *open* workspace through the SQLite backup
  API (the connection and everything holding the Workspace stay valid); the current data is
  first saved as a ``sebelum-pulih`` backup, so a restore can itself be undone.
- :func:`restore_file` replaces the database file of a closed workspace (the CLI's ``restore``).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from .errors import InvalidInput, SumbarError
from .fileutil import (
    check_input,
    ensure_dir,
    kill_point,
    make_private,
    open_input,
    write_bytes_atomic,
)
from .store import schema
from .timeutil import WIB, now_utc, to_wib
from .workspace import DB_NAME, WorkspaceBusy, WorkspaceLock, list_backups, write_database

DAILY = "harian"
BEFORE_RESTORE = "sebelum-pulih"
_NAME = re.compile(r"^sumbar-(\d{8})-(\d{6})-(.+)\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # aware, WIB
    label: str
    size: int

    @property
    def day(self) -> date:
        return self.taken_at.date()


def describe(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    day, clock = match.group(1), match.group(2)  # strptime would import _strptime and locale
    taken = datetime(int(day[:4]), int(day[4:6]), int(day[6:8]), int(clock[:2]),
                     int(clock[2:4]), int(clock[4:6]), tzinfo=WIB)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return BackupInfo(path, taken, match.group(3), size)


def backups(workspace_dir: Path) -> list[BackupInfo]:
    """Every recognisable backup, newest first."""
    found = [b for b in (describe(p) for p in list_backups(Path(workspace_dir))) if b]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def daily_due(workspace_dir: Path, now: datetime | None = None) -> bool:
    today = to_wib(now or now_utc()).date()
    return not any(b.label == DAILY and b.day == today for b in backups(workspace_dir))


def prune(workspace_dir: Path, keep_days: int, now: datetime | None = None) -> list[Path]:
    """Delete daily backups taken more than ``keep_days`` days ago (the newest daily backup is
    always kept). Returns the deleted paths."""
    if keep_days <= 0:
        return []
    cutoff = to_wib(now or now_utc()) - timedelta(days=keep_days)
    daily = [b for b in backups(workspace_dir) if b.label == DAILY]
    removed = []
    for info in daily[1:]:
        if info.taken_at < cutoff:
            try:
                info.path.unlink()
                removed.append(info.path)
            except OSError:
                pass
    return removed


def run_daily(workspace, now: datetime | None = None) -> tuple[Path | None, list[Path]]:
    """Make today's backup if there is none yet, then apply the retention. Safe to call often
    (at start-up and from a timer)."""
    made = workspace.backup(DAILY) if daily_due(workspace.path, now) else None
    keep = workspace.team_settings().backup_keep_days
    return made, prune(workspace.path, keep, now)


class RestoreRefused(InvalidInput):
    message_id = "backup_restore.refused"


def _app_tables(conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """(ordinary tables, virtual tables) of the schema the app created in ``conn``."""
    rows = conn.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY rowid"
    ).fetchall()
    virtual = [r[0] for r in rows if (r[1] or "").upper().startswith("CREATE VIRTUAL")]
    plain = [r[0] for r in rows
             if r[0] not in virtual and not r[0].startswith("sqlite_")
             and not any(r[0].startswith(v + "_") for v in virtual)]
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
        found = {r[0]: (r[1], r[2] or "") for r in conn.execute(
            "SELECT name, type, sql FROM src.sqlite_master")}
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        for table in plain:
            kind, sql = found.get(table, (None, ""))
            if kind != "table" or sql.upper().startswith("CREATE VIRTUAL"):
                raise RestoreRefused("backup_restore.missing_table", path=str(backup),
                                     table=table)
            mine = [r[1] for r in conn.execute(f'PRAGMA main.table_info("{table}")')]
            theirs = {r[1] for r in conn.execute(f'PRAGMA src.table_info("{table}")')}
            missing = [c for c in mine if c not in theirs]
            if missing:
                raise RestoreRefused("backup_restore.missing_table", path=str(backup),
                                     table=f"{table}.{missing[0]}")
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
        raise RestoreRefused("backup_restore.foreign", path=str(backup), detail=str(exc)
                             ) from None
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
    make_private(target)


def _check_rows(conn: sqlite3.Connection, backup: Path) -> None:
    """Every post of the backup must read back as a post (crafted rows are refused)."""
    from .store.repository import _row_to_post

    try:
        for row in conn.execute("SELECT * FROM posts"):
            _row_to_post(row)
    except Exception as exc:  # noqa: BLE001 - anything that does not decode is foreign
        raise RestoreRefused("backup_restore.foreign", path=str(backup), detail=str(exc)
                             ) from None


def restore_into(workspace, backup: Path) -> Path:
    """Replace the open workspace's data with ``backup``. Returns the backup of what was there
    before (so the officer can go back). Refused while another process has the workspace open
    (its later saves would otherwise land in the replaced data)."""
    backup = Path(backup)
    check_backup(backup)
    with _exclusive(workspace.lock), tempfile.TemporaryDirectory(dir=workspace.path,
                                                                 prefix=".pulih-") as tmp:
        clean = Path(tmp) / "pulih.db"
        build_clean_copy(backup, clean)
        # the clean copy is complete before the current data is saved aside and replaced
        kept = workspace.backup(BEFORE_RESTORE)
        src = sqlite3.connect(schema.sqlite_uri(clean, "ro"), uri=True)
        try:
            src.backup(workspace.conn)  # one step: the backup API replaces all pages at once
        finally:
            src.close()
    schema.migrate(workspace.conn)
    return kept


@contextlib.contextmanager
def _exclusive(lock):
    if lock is None:
        yield
        return
    try:
        with lock.exclusive(timeout=0.5):
            yield
    except WorkspaceBusy:
        raise RestoreRefused("backup_restore.in_use") from None


def restore_file(workspace_dir: Path, backup: Path) -> Path | None:
    """Replace the database of a workspace nobody has open, as one rename.

    A clean copy is built first (:func:`build_clean_copy`) under a temporary name; the current
    data is saved as a ``sebelum-pulih`` backup; then the copy is renamed over ``sumbar.db``.
    Killed at any point, the workspace holds either the old data or the restored data, never
    nothing. Refused while any process (this one included) has the workspace open. Returns the
    ``sebelum-pulih`` backup (None when there was no data)."""
    folder = Path(workspace_dir)
    backup = Path(backup)
    check_backup(backup)
    if WorkspaceLock.holder(folder) is not None:
        raise RestoreRefused("backup_restore.in_use")
    lock = WorkspaceLock.acquire(folder, timeout=0.5) if folder.is_dir() else None
    if lock is None:
        raise InvalidInput("store.missing", path=str(folder))
    try:
        with _exclusive(lock):
            _sweep_restore_leftovers(folder)
            db = folder / DB_NAME
            kept: list[Path | None] = [None]

            def build(tmp: Path) -> None:
                build_clean_copy(backup, tmp)
                kill_point("restore-built")
                kept[0] = _save_current(folder, db)
                kill_point("restore-saved")
                for suffix in ("-wal", "-shm"):  # the old data is checkpointed and saved
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(f"{db}{suffix}")
                kill_point("restore-before-rename")

            write_database(db, build, folder)  # the one rename
            kill_point("restore-renamed")
    finally:
        lock.release()
    return kept[0]


def _sweep_restore_leftovers(folder: Path) -> None:
    """Temporary files of a restore that was killed (we hold the exclusive lock: nobody else is
    restoring)."""
    for entry in folder.glob(f".{DB_NAME}.*.tmp*"):
        with contextlib.suppress(OSError):
            entry.unlink()


def _save_current(folder: Path, db: Path) -> Path | None:
    """Checkpoint the current database into its main file and save it as a backup; a damaged
    current file is kept byte for byte instead."""
    from .workspace import _backup_connection

    if not db.exists() or db.stat().st_size == 0:
        return None
    try:
        conn = schema.connect(db)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return _backup_connection(conn, folder, BEFORE_RESTORE)
        finally:
            conn.close()
    except (sqlite3.DatabaseError, SumbarError):
        stamp = to_wib(now_utc()).strftime("%Y%m%d-%H%M%S")
        target = ensure_dir(folder / "backups") / f"sumbar-{stamp}-{BEFORE_RESTORE}-rusak.db"
        with open_input(db, "database") as fh:
            write_bytes_atomic(target, fh.read())
        wal = Path(f"{db}-wal")
        if wal.exists():
            write_bytes_atomic(Path(f"{target}-wal"), wal.read_bytes())
        return target


BEFORE_REPLACE = "sebelum-ganti"
#: workspace files kept beside a database backup before the whole workspace is replaced
SIDE_FILES = ("team.json", "platforms.json")


def backup_before_replace(workspace, label: str = BEFORE_REPLACE) -> Path:
    """Back up everything :func:`adopt_contents` would overwrite: the database (returned) and
    the team file and platform data beside it (``<backup>.team.json``…); rules are copied to
    ``<backup>.rules/``. Media are never removed by an adoption, so they need no copy."""
    from .fileutil import write_bytes_atomic

    db_backup = workspace.backup(label)
    for name in SIDE_FILES:
        source = workspace.path / name
        if source.is_file():
            write_bytes_atomic(db_backup.with_name(f"{db_backup.name}.{name}"), source.read_bytes())
    rules = workspace.path / "rules"
    if rules.is_dir():
        shutil.copytree(rules, db_backup.with_name(f"{db_backup.name}.rules"), dirs_exist_ok=True)
    return db_backup


def adopt_contents(workspace, source_dir: Path) -> None:
    """Copy another workspace's data (database, media, team settings, rules) into the open
    ``workspace`` — used to start from the demo workspace built in a temporary folder. The
    database goes through the SQLite backup API, so the open connection stays valid."""
    source_dir = Path(source_dir)
    src = sqlite3.connect(schema.sqlite_uri(source_dir / DB_NAME, "ro"), uri=True)
    try:
        src.backup(workspace.conn)
    finally:
        src.close()
    schema.migrate(workspace.conn)
    for folder in ("media", "rules"):
        if (source_dir / folder).is_dir():
            shutil.copytree(source_dir / folder, workspace.path / folder, dirs_exist_ok=True)
    team = source_dir / "team.json"
    if team.exists():
        write_bytes_atomic(workspace.team_settings_path, team.read_bytes())
