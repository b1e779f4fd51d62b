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

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from .errors import InvalidInput
from .store import schema
from .timeutil import WIB, now_utc, to_wib
from .workspace import DB_NAME, list_backups

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
    taken = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S").replace(tzinfo=WIB)
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


def check_backup(backup: Path) -> int:
    """Integrity-check a backup file; returns its schema version. Raises InvalidInput."""
    try:
        conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            version = schema.user_version(conn)
            has_posts = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='posts'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        ok, version, has_posts = False, 0, None
    if not ok or not has_posts or version > schema.SCHEMA_VERSION:
        raise InvalidInput("doctor.backup_invalid", path=str(backup))
    return version


def restore_into(workspace, backup: Path) -> Path:
    """Replace the open workspace's data with ``backup``. Returns the backup of what was there
    before (so the officer can go back)."""
    backup = Path(backup)
    check_backup(backup)
    # read the chosen backup first: saving the current data may reuse its file name (two
    # backups with the same label in the same second), e.g. when undoing a restore at once
    memory = sqlite3.connect(":memory:")
    try:
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            src.backup(memory)
        finally:
            src.close()
        kept = workspace.backup(BEFORE_RESTORE)
        memory.backup(workspace.conn)
    finally:
        memory.close()
    schema.migrate(workspace.conn)  # an older backup is brought up to date
    return kept


def restore_file(workspace_dir: Path, backup: Path) -> Path:
    """Replace the database file of a workspace nobody has open. The current file is kept aside
    (``sumbar.db.sebelum-pulih-<stamp>``), never overwritten. Returns that kept path."""
    check_backup(backup)
    db = Path(workspace_dir) / DB_NAME
    stamp = to_wib(now_utc()).strftime("%Y%m%d-%H%M%S")
    kept = Path(workspace_dir) / f"{DB_NAME}.{BEFORE_RESTORE}-{stamp}"
    if db.exists():
        os.replace(db, kept)
    for suffix in ("-wal", "-shm"):
        side = Path(str(db) + suffix)
        if side.exists():
            os.replace(side, Path(str(kept) + suffix))
    tmp = Path(workspace_dir) / f".{DB_NAME}.restore.tmp"
    shutil.copyfile(backup, tmp)
    os.replace(tmp, db)
    return kept


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
    src = sqlite3.connect(f"file:{source_dir / DB_NAME}?mode=ro", uri=True)
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
        from .fileutil import write_bytes_atomic

        write_bytes_atomic(workspace.team_settings_path, team.read_bytes())
