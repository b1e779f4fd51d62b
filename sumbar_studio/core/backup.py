"""Daily backups with retention, and restoring a chosen backup.

Backups are the store back end's online copies (core/store/sqlite.py) in
``<workspace>/backups`` named ``sumbar-YYYYmmdd-HHMMSS-<label>.db`` (the stamp is WIB wall time, see Workspace.backup).
- :func:`run_daily` makes at most one ``harian`` backup per WIB day and prunes daily backups
  older than the team's ``backup_keep_days`` (other labels — manual, pre-migration, pre-restore
  — are kept until removed by hand).
- :func:`restore_into` brings a backup back into an *open* workspace in one step (the store's
  ``replace_data``: everything holding the Workspace stays valid); the current data is
  first saved as a ``sebelum-pulih`` backup, so a restore can itself be undone.
- :func:`restore_file` replaces the database file of a closed workspace (the CLI's ``restore``).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from .errors import InvalidInput
from .fileutil import (
    write_bytes_atomic,
)
from .store.sqlite import (  # noqa: F401 -- check_backup, build_clean_copy re-exported
    RestoreRefused,
    build_clean_copy,
    check_backup,
    list_backups,
    replace_database_file,
)
from .timeutil import WIB, now_utc, to_wib
from .workspace import WorkspaceBusy, WorkspaceLock

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
    taken = datetime(
        int(day[:4]),
        int(day[4:6]),
        int(day[6:8]),
        int(clock[:2]),
        int(clock[2:4]),
        int(clock[4:6]),
        tzinfo=WIB,
    )
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


def restore_into(workspace, backup: Path) -> Path:
    """Replace the open workspace's data with ``backup``. Returns the backup of what was there
    before (so the officer can go back). Refused while another process has the workspace open
    (its later saves would otherwise land in the replaced data)."""
    backup = Path(backup)
    check_backup(backup)
    with (
        _exclusive(workspace.lock),
        tempfile.TemporaryDirectory(dir=workspace.path, prefix=".pulih-") as tmp,
    ):
        clean = Path(tmp) / "pulih.db"
        build_clean_copy(backup, clean)
        # the clean copy is complete before the current data is saved aside and replaced
        kept = workspace.backup(BEFORE_RESTORE)
        workspace.store.replace_data(clean)  # one step; the open workspace stays valid
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
            kept = replace_database_file(folder, backup, BEFORE_RESTORE)
    finally:
        lock.release()
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
    data is replaced in place by the store back end, so the open workspace stays valid."""
    source_dir = Path(source_dir)
    workspace.store.adopt_data(source_dir)
    for folder in ("media", "rules"):
        if (source_dir / folder).is_dir():
            shutil.copytree(source_dir / folder, workspace.path / folder, dirs_exist_ok=True)
    team = source_dir / "team.json"
    if team.exists():
        write_bytes_atomic(workspace.team_settings_path, team.read_bytes())
