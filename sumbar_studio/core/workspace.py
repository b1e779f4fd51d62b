"""A workspace: one folder holding the database, the media library, backups and team settings.

workspace/
  sumbar.db          SQLite (WAL), schema version in PRAGMA user_version
  media/ab/<sha256>.jpg
  backups/           copies made before migrations, daily and on request
  team.json          TeamSettings (people, signatories, brand overrides, accounts)
  rules/             optional overrides of assets/rules (lexicon, roster, lists)
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

from . import platforms
from .errors import WorkspaceError
from .media import MediaLibrary
from .services import PostService
from .settings import TeamSettings
from .store import schema
from .store.repository import SqlitePostRepository
from .timeutil import now_utc, to_wib

ENV_WORKSPACE = "SUMBAR_WORKSPACE"
DB_NAME = "sumbar.db"


def default_workspace_dir() -> Path:
    env = os.environ.get(ENV_WORKSPACE)
    if env:
        return Path(env)
    return Path(user_data_dir("SumbarStudio", appauthor=False)) / "workspace"


class WorkspaceCorrupt(WorkspaceError):
    message_id = "store.corrupt"


class Workspace:
    def __init__(self, path: Path, conn: sqlite3.Connection, migrated_from: int | None):
        self.path = path
        self.conn = conn
        self.migrated_from = migrated_from
        self.repository = SqlitePostRepository(conn)
        self.media = MediaLibrary(path / "media", self.repository)
        self.posts = PostService(self.repository)

    # -- opening ----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None, *, create: bool = True) -> Workspace:
        path = Path(path) if path is not None else default_workspace_dir()
        path = path.expanduser()
        db_path = path / DB_NAME
        if not path.exists():
            if not create:
                raise WorkspaceError("store.missing", path=str(path))
            try:
                path.mkdir(parents=True)
            except OSError as exc:
                raise WorkspaceError(
                    "store.not_writable", path=str(path), detail=str(exc)
                ) from None
        _check_writable(path)
        existed = db_path.exists() and db_path.stat().st_size > 0
        try:
            conn = schema.connect(db_path)
            version = schema.user_version(conn)
        except sqlite3.DatabaseError as exc:
            raise _corrupt(path, exc) from None
        migrated_from = None
        if version > schema.SCHEMA_VERSION:
            conn.close()
            raise WorkspaceError("store.too_new", path=str(path), version=version)
        if version < schema.SCHEMA_VERSION:
            if existed and version > 0:
                _backup_connection(conn, path, f"pra-migrasi-v{version}")
                migrated_from = version
            try:
                schema.migrate(conn)
            except sqlite3.DatabaseError as exc:
                conn.close()
                raise _corrupt(path, exc) from None
        platforms.use_workspace_catalog(path / "platforms.json")
        return cls(path, conn, migrated_from)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- settings ---------------------------------------------------------------------------
    @property
    def team_settings_path(self) -> Path:
        return self.path / "team.json"

    def team_settings(self) -> TeamSettings:
        return TeamSettings.load(self.team_settings_path)

    def save_team_settings(self, settings: TeamSettings) -> None:
        settings.save(self.team_settings_path)

    @property
    def rules_dir(self) -> Path:
        """Team-edited rule lists (lexicon, roster, word lists); missing files fall back to
        the shipped ones in assets/rules."""
        return self.path / "rules"

    def rules(self):
        """The rule lists, with the team's people (team.json) as names never flagged."""
        from .checks.rulesdata import load_rules

        return load_rules(self.rules_dir, people=self._people_names())

    def _people_names(self) -> tuple[str, ...]:
        path = self.team_settings_path
        try:
            st = path.stat()
            key = (st.st_size, st.st_mtime_ns)
        except OSError:
            return ()
        cached = getattr(self, "_people_cache", None)
        if cached is None or cached[0] != key:
            try:
                names = tuple(p.name for p in self.team_settings().people if p.name.strip())
            except Exception:  # a broken team.json must not stop checking
                names = ()
            cached = (key, names)
            self._people_cache = cached
        return cached[1]

    # -- health and backups -----------------------------------------------------------------
    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    def schema_version(self) -> int:
        return schema.user_version(self.conn)

    @property
    def backup_dir(self) -> Path:
        return self.path / "backups"

    def backup(self, label: str = "manual") -> Path:
        """A consistent copy of the database (SQLite online backup), written atomically."""
        return _backup_connection(self.conn, self.path, label)

    def backups(self) -> list[Path]:
        return list_backups(self.path)


def list_backups(path: Path) -> list[Path]:
    folder = path / "backups"
    if not folder.is_dir():
        return []
    return sorted(folder.glob("sumbar-*.db"), key=lambda p: p.stat().st_mtime, reverse=True)


def _backup_connection(conn: sqlite3.Connection, path: Path, label: str) -> Path:
    folder = path / "backups"
    folder.mkdir(exist_ok=True)
    stamp = to_wib(now_utc()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"sumbar-{stamp}-{label}.db"
    n = 2
    while target.exists():  # two backups in the same second never overwrite each other
        target = folder / f"sumbar-{stamp}-{label}-{n}.db"
        n += 1
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    os.close(fd)
    try:
        dest = sqlite3.connect(tmp)
        with dest:
            conn.backup(dest)
        dest.close()
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _check_writable(path: Path) -> None:
    try:
        fd, probe = tempfile.mkstemp(dir=path, prefix=".write-test-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise WorkspaceError("store.not_writable", path=str(path), detail=str(exc)) from None


def _corrupt(path: Path, exc: Exception) -> WorkspaceCorrupt:
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
