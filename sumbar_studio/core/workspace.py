"""A workspace: one folder holding the database, the media library, backups and team settings.

workspace/
  sumbar.db          the store (core/store/sqlite.py: SQLite, WAL, version in user_version)
  media/ab/<sha256>.jpg
  backups/           copies made before migrations, daily and on request
  team.json          TeamSettings (people, signatories, brand overrides, accounts)
  rules/             optional overrides of assets/rules (lexicon, roster, lists)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir

from . import platforms
from .errors import SumbarError, WorkspaceError
from .fileutil import (
    PRIVATE_DIR,
    ensure_dir,
    make_private,
    write_bytes_atomic,
)
from .media import MediaLibrary
from .services import PostService
from .settings import Person, TeamSettings
from .store.protocol import PostRepository
from .store.sqlite import (  # noqa: F401 -- re-exported for callers of the old names
    DB_NAME,
    SqliteBackend,
    WorkspaceBusy,
    WorkspaceCorrupt,
    database_error,
    list_backups,
    store_error,
    write_database,
)
from .targets import is_server_address
from .timeutil import now_utc, to_wib

if TYPE_CHECKING:
    from .store.postgres.backend import PostgresBackend

ENV_WORKSPACE = "SUMBAR_WORKSPACE"


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
                        raise WorkspaceError(
                            "store.not_writable", path=str(path), detail=str(exc)
                        ) from None
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
    """The local workspace folder used when none is named (``SUMBAR_WORKSPACE`` when it names
    a folder; a team-server address there is handled by :meth:`Workspace.open`)."""
    env = os.environ.get(ENV_WORKSPACE)
    if env and not is_server_address(env):
        return Path(env)
    return Path(user_data_dir("SumbarStudio", appauthor=False)) / "workspace"


def default_workspace_target() -> str | Path:
    """What ``Workspace.open()`` opens when given nothing: ``SUMBAR_WORKSPACE`` (a folder or
    a ``postgresql://`` address), else the local default folder."""
    env = os.environ.get(ENV_WORKSPACE)
    if env and is_server_address(env):
        return env
    return default_workspace_dir()


class Workspace:
    #: a team workspace (core/store/postgres/workspace.py) says True
    is_team = False

    def __init__(
        self, path: Path, store: SqliteBackend | PostgresBackend, lock: WorkspaceLock | None = None
    ):
        self.path = path
        #: the store back end (open, migrate, health, backups, replacing the data, workers)
        self.store = store
        self.migrated_from = store.migrated_from
        self.lock = lock
        self._team_problem: str | None = None
        self.repository: PostRepository = store.repository
        self.media = MediaLibrary(path / "media", self.repository)
        self.posts = PostService(self.repository)

    # -- opening ----------------------------------------------------------------------------
    @staticmethod
    def exists(path: str | Path) -> bool:
        """Whether the folder ``path`` already holds a workspace's data."""
        return SqliteBackend.exists(Path(path).expanduser())

    @classmethod
    def open(cls, path: str | Path | None = None, *, create: bool = True) -> Workspace:
        """Open the workspace ``path`` names: a local folder (SQLite) or a team server
        (``postgresql://login@host/db``, see core/store/postgres/workspace.py)."""
        target = path if path is not None else default_workspace_target()
        if is_server_address(target):
            from .store.postgres.workspace import TeamWorkspace  # psycopg only in team mode

            return TeamWorkspace.open(str(target), create=create)
        path = Path(target).expanduser()
        from .netdrive import refuse_network_workspace

        refuse_network_workspace(path)
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
            store = SqliteBackend.open(path, lock)
            for name in ("team.json", "backups", ""):
                make_private(path / name if name else path)
        except BaseException:
            lock.release()
            raise
        platforms.use_workspace_catalog(path / "platforms.json")
        return cls(path, store, lock)

    def label(self) -> str:
        """How the workspace is named to a person: its folder, or ``login@server/db``."""
        return str(self.path)

    def shared_files_changed(self) -> list[str]:
        """Call after writing a shared file (team.json, platforms.json, rules/*): a team
        workspace sends it to the server; a local one has nothing to do."""
        return []

    def refresh_shared_files(self) -> list[str]:
        """Re-read shared files changed elsewhere (team mode); names of the files changed."""
        return []

    def worker_repository(self) -> contextlib.AbstractContextManager[PostRepository]:
        """A repository over its own connection, for a worker thread."""
        return self.store.worker_repository()

    def close(self) -> None:
        self.store.close()
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

    def approvers(self) -> list[Person]:
        """Who may approve from this window: the team settings' approvers (on a team server,
        the person logged in, see TeamWorkspace)."""
        return [p for p in self.team_settings().people if p.can_approve]

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
            write_bytes_atomic(
                ensure_dir(self.backup_dir) / f"team-{stamp}-rusak.json", path.read_bytes()
            )
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
            found.append(
                t("files.team_broken", path=str(self.team_settings_path), reason=self._team_problem)
            )
        for warning in (platforms.catalog_warning(), rules_warning(self.rules_dir)):
            if warning:
                found.append(warning)
        return found

    def brand(self):
        """The workspace's brand: the default brand kit overlaid with the team's settings."""
        from .postcard import workspace_brand

        return workspace_brand(self)

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
        return self.store.integrity_check()

    def schema_version(self) -> int:
        return self.store.schema_version()

    @property
    def backup_dir(self) -> Path:
        return self.path / "backups"

    def backup(self, label: str = "manual") -> Path:
        """A consistent copy of the data (the back end's online backup), written atomically."""
        return self.store.backup(label)

    def backups(self) -> list[Path]:
        return list_backups(self.path)


def _check_writable(path: Path) -> None:
    try:
        fd, probe = tempfile.mkstemp(dir=path, prefix=".write-test-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise WorkspaceError("store.not_writable", path=str(path), detail=str(exc)) from None
