"""A workspace: one folder holding the database, the media library, backups and team settings.

workspace/
  sumbar.db          SQLite (WAL), schema version in PRAGMA user_version
  media/ab/<sha256>.jpg
  backups/           copies made before migrations, daily and on request
  team.json          TeamSettings (people, signatories, brand overrides, accounts)
  rules/             optional overrides of assets/rules (lexicon, roster, lists)
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

from . import platforms
from .errors import SumbarError, WorkspaceError
from .fileutil import (
    PRIVATE_DIR,
    ensure_dir,
    fsync_dir,
    kill_point,
    make_private,
    write_bytes_atomic,
    write_failed,
)
from .media import MediaLibrary
from .services import PostService
from .settings import TeamSettings
from .store import schema
from .store.protocol import PostRepository
from .store.repository import SqlitePostRepository
from .timeutil import now_utc, to_wib

ENV_WORKSPACE = "SUMBAR_WORKSPACE"
DB_NAME = "sumbar.db"


LOCK_NAME = ".sumbar.lock"
LOCK_TIMEOUT = 10.0


class WorkspaceLock:
    """Which processes have a workspace open: every open Workspace holds a shared lock on
    ``<workspace>/.sumbar.lock``; replacing the database (restore) or creating it needs the
    exclusive lock. One lock file descriptor per workspace per process (reference-counted), so
    several Workspace objects in one process count as one holder. POSIX ``flock``; on systems
    without it the lock is advisory only within the process."""

    _held: dict[str, WorkspaceLock] = {}
    _registry = threading.Lock()

    def __init__(self, key: str, fd: int | None):
        self.key = key
        self.fd = fd
        self.count = 0
        self._mutex = threading.RLock()  # threads of this process take turns

    @classmethod
    def acquire(cls, path: Path, timeout: float = LOCK_TIMEOUT) -> WorkspaceLock:
        key = str(path.resolve())
        with cls._registry:
            lock = cls._held.get(key)
            if lock is None:
                fd = None
                if fcntl is not None:
                    try:
                        fd = os.open(path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
                    except OSError as exc:
                        raise WorkspaceError("store.not_writable", path=str(path),
                                             detail=str(exc)) from None
                lock = cls(key, fd)
                try:
                    lock._flock(_SHARED, timeout)
                except BaseException:
                    if fd is not None:
                        os.close(fd)
                    raise
                cls._held[key] = lock
            lock.count += 1
        return lock

    @classmethod
    def holder(cls, path: Path) -> WorkspaceLock | None:
        return cls._held.get(str(Path(path).resolve()))

    def _flock(self, kind: int, timeout: float) -> None:
        if self.fd is None:
            return
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(self.fd, kind | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WorkspaceBusy("files.locked") from None
                time.sleep(0.05)

    @contextlib.contextmanager
    def exclusive(self, timeout: float = LOCK_TIMEOUT):
        """Hold the exclusive lock for the block (waiting up to ``timeout``), then go back to
        shared. Raises WorkspaceBusy if other processes keep the workspace open."""
        with self._mutex:
            try:
                self._flock(_EXCLUSIVE, timeout)
            except WorkspaceBusy:
                self._flock(_SHARED, LOCK_TIMEOUT)
                raise
            try:
                yield self
            finally:
                self._flock(_SHARED, LOCK_TIMEOUT)

    def release(self) -> None:
        with self._registry:
            self.count -= 1
            if self.count > 0:
                return
            self._held.pop(self.key, None)
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)  # closing drops the flock
            self.fd = None


try:
    import fcntl

    _SHARED, _EXCLUSIVE = fcntl.LOCK_SH, fcntl.LOCK_EX
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    _SHARED, _EXCLUSIVE = 1, 2


def default_workspace_dir() -> Path:
    env = os.environ.get(ENV_WORKSPACE)
    if env:
        return Path(env)
    return Path(user_data_dir("SumbarStudio", appauthor=False)) / "workspace"


class WorkspaceCorrupt(WorkspaceError):
    message_id = "store.corrupt"


class WorkspaceBusy(WorkspaceError):
    message_id = "files.locked"


class Workspace:
    def __init__(self, path: Path, conn: sqlite3.Connection, migrated_from: int | None,
                 lock: WorkspaceLock | None = None):
        self.path = path
        self.conn = conn
        self.migrated_from = migrated_from
        self.lock = lock
        self._team_problem: str | None = None
        repository = SqlitePostRepository(conn)
        repository.write_guard = self._check_before_first_write
        self.repository: PostRepository = repository
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
                path.mkdir(parents=True, mode=PRIVATE_DIR)
            except FileExistsError:  # another process made it a moment ago
                pass
            except OSError as exc:
                raise WorkspaceError(
                    "store.not_writable", path=str(path), detail=str(exc)
                ) from None
        _check_writable(path)
        lock = WorkspaceLock.acquire(path)
        try:
            existed = _db_has_content(db_path)
            if not existed:
                _create_database(path, lock)
            for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", "team.json", "backups",
                         ""):
                make_private(path / name if name else path)
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
                    _backup_connection(conn, path, f"pra-migrasi-v{version}")
                    migrated_from = version
                try:
                    schema.migrate(conn)
                except sqlite3.DatabaseError as exc:
                    conn.close()
                    raise database_error(path, exc) from None
        except BaseException:
            lock.release()
            raise
        platforms.use_workspace_catalog(path / "platforms.json")
        return cls(path, conn, migrated_from, lock)

    def _check_before_first_write(self) -> None:
        """Ordinary commands never write into a damaged database: the first write of a session
        runs SQLite's quick check first."""
        try:
            result = self.conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise database_error(self.path, exc) from None
        if result != "ok":
            raise _corrupt(self.path, sqlite3.DatabaseError(result))

    def close(self) -> None:
        self.conn.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- settings ---------------------------------------------------------------------------
    @property
    def team_settings_path(self) -> Path:
        return self.path / "team.json"

    def team_settings(self) -> TeamSettings:
        """The team's settings; a broken team.json gives the defaults and a warning
        (:meth:`warnings`) instead of stopping every command."""
        try:
            return TeamSettings.load(self.team_settings_path)
        except (ValueError, TypeError, KeyError, AttributeError, SumbarError) as exc:
            self._team_problem = str(exc)[:200] or type(exc).__name__
            return TeamSettings()

    def save_team_settings(self, settings: TeamSettings) -> None:
        path = self.team_settings_path
        try:
            TeamSettings.load(path)
        except (ValueError, TypeError, KeyError, AttributeError, SumbarError):
            # the broken file is kept in backups/ before it is replaced, never lost
            stamp = to_wib(now_utc()).strftime("%Y%m%d-%H%M%S")
            write_bytes_atomic(ensure_dir(self.backup_dir) / f"team-{stamp}-rusak.json",
                               path.read_bytes())
        settings.save(path)
        self._team_problem = None

    def warnings(self) -> list[str]:
        """Translated warnings about broken team files that were set aside (team.json,
        platforms.json, rule files): shown by check and export, which go on with defaults."""
        from .checks.rulesdata import rules_warning
        from .i18n import t

        found = []
        self.team_settings()
        if self._team_problem:
            found.append(t("files.team_broken", path=str(self.team_settings_path),
                           reason=self._team_problem))
        for warning in (platforms.catalog_warning(), rules_warning(self.rules_dir)):
            if warning:
                found.append(warning)
        return found

    @property
    def rules_dir(self) -> Path:
        """Team-edited rule lists (lexicon, roster, word lists); missing files fall back to
        the shipped ones in assets/rules."""
        return self.path / "rules"

    def rules(self):
        from .checks.rulesdata import load_rules

        return load_rules(self.rules_dir)

    # -- health and backups -----------------------------------------------------------------
    def integrity_check(self) -> str:
        try:
            rows = self.conn.execute("PRAGMA integrity_check(20)").fetchall()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return "; ".join(str(r[0]) for r in rows)

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


def write_database(target: Path, build, workspace_path: Path) -> None:
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


def _check_writable(path: Path) -> None:
    try:
        fd, probe = tempfile.mkstemp(dir=path, prefix=".write-test-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise WorkspaceError("store.not_writable", path=str(path), detail=str(exc)) from None


def _db_has_content(db_path: Path) -> bool:
    try:
        return db_path.stat().st_size > 0
    except FileNotFoundError:
        return False


def _create_database(path: Path, lock: WorkspaceLock) -> None:
    """Create an empty database whole (built under a temporary name, then renamed into place),
    under the workspace's exclusive lock: two processes creating the same workspace never see
    each other's half-made file. A 0-byte ``sumbar.db`` next to backups is damage, not a new
    workspace."""
    db_path = path / DB_NAME
    with lock.exclusive():
        if _db_has_content(db_path):  # another process created it meanwhile
            return
        if db_path.exists() and list_backups(path):
            raise _corrupt(path, sqlite3.DatabaseError("0 byte"))

        def create(tmp: Path) -> None:
            conn = schema.connect(tmp)
            try:
                schema.migrate(conn)
                conn.execute("PRAGMA journal_mode = DELETE")  # self-contained before the rename
            finally:
                conn.close()

        write_database(db_path, create, path)


def database_error(path: Path, exc: sqlite3.Error) -> SumbarError:
    """The right message for an SQLite error: a lock held too long, a full disk or an
    unwritable folder are NOT damage; only SQLite's corrupt/not-a-database codes are "rusak"."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return WorkspaceBusy("files.locked", detail=str(exc))
    if primary == sqlite3.SQLITE_FULL or "disk is full" in text:
        return WorkspaceError("files.db_full", detail=str(exc))
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN,
                   sqlite3.SQLITE_IOERR, sqlite3.SQLITE_AUTH):
        return WorkspaceError("files.db_error", detail=str(exc), reason=str(exc))
    return _corrupt(path, exc)


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
