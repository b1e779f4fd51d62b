"""A team workspace: the same :class:`~sumbar_studio.core.workspace.Workspace` the app uses
everywhere (posts, media, team settings, rules, brand, backups, doctor), over one person's
login on the team server.

The server holds everything the team shares. The desk folder (one per login and server, in the
user's data folder) holds only what a desk needs as files: the read copy of the shared files
(:mod:`.documents`), the photo read cache, and snapshots. ``Workspace.open`` comes here for a
``postgresql://`` address.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from platformdirs import user_data_dir

from ... import platforms
from ...errors import WorkspaceError
from ...fileutil import PRIVATE_DIR, ensure_dir
from ...services import PostService
from ...settings import Person, TeamSettings
from ...workspace import Workspace
from .admin import check_schema
from .backend import PostgresBackend
from .connection import connect, scalar
from .credentials import conninfo_for, label, redact, resolved
from .documents import SharedFiles
from .media import ServerMediaLibrary
from .offline import (
    Connectivity,
    OfflineAwareRepository,
    QueueSnapshot,
    UnreachableConnection,
    is_unreachable,
)
from .repository import _mapped

LOGO_DIR = "logo"


def default_desk_dir(login: str, host: str, port: int | str, database: str) -> Path:
    key = re.sub(r"[^A-Za-z0-9_.@-]+", "_", f"{login}@{host.strip('/')}_{port}_{database}")
    return Path(user_data_dir("SumbarStudio", appauthor=False)) / "team" / key


class TeamWorkspace(Workspace):
    is_team = True

    def __init__(self, address: str, store: PostgresBackend, desk: Path):
        super().__init__(desk, store)
        self.server = store
        self.address = address
        self.media = ServerMediaLibrary(store.repository, desk / "media")
        self.shared = SharedFiles(store, desk)
        #: offline, honestly (see .offline): the last loaded queue read-only, writes refused
        self.connectivity = Connectivity()
        self.snapshot = QueueSnapshot.load(desk)
        self.repository = OfflineAwareRepository(store.repository, self.snapshot, self.connectivity)
        self.posts = PostService(self.repository)

    # -- opening ----------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        address: str | Path | None = None,
        *,
        create: bool = True,
        cache_dir: Path | None = None,
        password: str | None = None,
        offline_ok: bool = False,
    ) -> TeamWorkspace:
        """Connect, check the server's schema is the one this app speaks, bring the desk's copy
        of the shared files up to date.

        ``offline_ok``: a server that cannot be reached opens the desk this login used before
        offline (the last loaded queue, read-only; see :mod:`.offline`) instead of failing;
        a desk never used before still fails (there is nothing to show)."""
        if address is None:
            raise WorkspaceError("team.bad_address", value="")
        address = str(address)
        conninfo = conninfo_for(address, password=password)
        try:
            conn = connect(conninfo)
        except WorkspaceError as exc:
            desk = Path(cache_dir or desk_dir_for(address))
            if not (offline_ok and is_unreachable(exc) and desk.is_dir()):
                raise
            return cls._offline(address, conninfo, desk, exc)
        try:
            check_schema(conn)
            login = scalar(conn, "SELECT session_user")
            desk = Path(
                cache_dir
                or default_desk_dir(
                    login, conn.info.host or "local", conn.info.port, conn.info.dbname
                )
            )
            desk.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
            store = PostgresBackend(conninfo, conn, desk)
            ws = cls(address, store, desk)
            ws.shared.pull()
        except BaseException:
            conn.close()
            raise
        platforms.use_workspace_catalog(desk / "platforms.json")
        return ws

    @classmethod
    def _offline(cls, address: str, conninfo: str, desk: Path, exc: WorkspaceError):
        reason = str(exc.params.get("reason") or exc)
        store = PostgresBackend(conninfo, UnreachableConnection(reason), desk)  # type: ignore[arg-type]
        ws = cls(address, store, desk)
        ws.connectivity.lost(reason)
        platforms.use_workspace_catalog(desk / "platforms.json")
        return ws

    # -- offline -----------------------------------------------------------------------------
    @property
    def offline(self) -> bool:
        return self.connectivity.offline

    def go_offline(self, reason: str = "") -> None:
        """The server was found gone (a failed call, a broken connection): show the snapshot."""
        self.connectivity.lost(reason)
        self.snapshot.save()

    def close(self) -> None:
        self.snapshot.save()
        super().close()

    # -- what the app shows ------------------------------------------------------------------
    def label(self) -> str:
        return label(self.address)

    def display_address(self) -> str:
        return redact(self.address)

    @property
    def conn(self):
        return self.server.conn

    @property
    def conninfo(self) -> str:
        return self.server.conninfo

    @property
    def cache_dir(self) -> Path:
        return self.path

    def roles(self) -> tuple[str, ...]:
        """This login's groups on the server: officer / approver / viewer / admin."""
        from .health import login_roles

        with _mapped():
            return login_roles(self.conn)

    def read_only_role(self) -> bool:
        """A viewer (pembaca) only: reads the queue, the plan and the register, changes nothing."""
        roles = self.roles()
        return bool(roles) and set(roles) <= {"viewer"}

    def login(self) -> str:
        with _mapped():
            return self.server.repository.login()

    def approvers(self) -> list[Person]:
        """The person logged in, from the server's staff list, when this login may approve;
        else nobody. The server writes that person's name, NIP and title into every approval
        it records, whoever a window would offer (offline: nobody, nothing can be approved)."""
        if self.offline:
            return []
        try:
            if "approver" not in self.roles():
                return []
            with _mapped():
                row = self.conn.execute(
                    "SELECT person, nip, role_title FROM sumbar.staff"
                    " WHERE login = session_user AND active"
                ).fetchone()
        except WorkspaceError:
            return []
        return [Person(row[0], row[1], row[2], True)] if row else []

    def reconnect(self) -> None:
        """A new connection after the old one was lost (raises the "unreachable"
        WorkspaceError while the server is still gone); then the desk is online, its shared
        files are the server's, and the caller re-reads what it shows (changes made meanwhile
        were not announced)."""
        self.server.reconnect()
        self.refresh_shared_files()
        self.connectivity.restored()

    @property
    def connected(self) -> bool:
        return self.server.connected

    # -- shared files ------------------------------------------------------------------------
    def shared_files_changed(self) -> list[str]:
        """Send this desk's edited shared files to the server (see :mod:`.documents`)."""
        return self.shared.push()

    def refresh_shared_files(self) -> list[str]:
        """Bring the desk copy up to date (the change feed announced a document)."""
        changed = self.shared.pull()
        if "platforms.json" in changed:
            platforms.use_workspace_catalog(self.path / "platforms.json")
        return changed

    def team_settings(self) -> TeamSettings:
        settings = super().team_settings()
        logo = str(settings.brand.get("logo") or "")
        if logo.startswith(f"{LOGO_DIR}/"):  # shared logo: the desk's read copy
            settings.brand = {**settings.brand, "logo": str(self.path / logo)}
        return settings

    def save_team_settings(self, settings: TeamSettings) -> None:
        """Save on the server: a logo chosen from this PC is sent with the settings (as
        ``logo/<name>``), so every desk renders the same brand."""
        logo = str(settings.brand.get("logo") or "")
        if logo:
            source = Path(logo)
            folder = self.path / LOGO_DIR
            if source.is_absolute() and source.is_file():
                if source.parent != folder:
                    ensure_dir(folder)
                    shutil.copyfile(source, folder / _safe_name(source.name))
                    source = folder / _safe_name(source.name)
                settings.brand = {**settings.brand, "logo": f"{LOGO_DIR}/{source.name}"}
        super().save_team_settings(settings)
        self.shared.push()

    def server_facts(self):
        from .health import server_facts  # noqa: PLC0415

        return server_facts(self.conn)


def desk_dir_for(address: str) -> Path:
    """The desk folder ``TeamWorkspace.open`` uses for ``address`` (found without the server,
    for a desk that starts offline)."""
    login, host, port, database = resolved(address)
    return default_desk_dir(login, host or "local", port, database)


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.") or "logo.png"
