"""A team workspace: what :class:`~sumbar_studio.core.workspace.Workspace` offers the app
(``posts``, ``media``, ``repository``, ``close``), over one person's login on the team server.

The next step wires it into ``Workspace.open`` (a ``postgresql://`` address instead of a folder),
the connect dialog, the change feed and the per-desk settings; team.json, rules and platform
data move to the server after that.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_dir

from ...errors import WorkspaceError
from ...services import PostService
from .admin import SERVER_SCHEMA_VERSION, schema_matches, schema_version
from .connection import connect, scalar
from .media import ServerMediaLibrary
from .repository import PostgresPostRepository


class TeamWorkspace:
    is_team = True

    def __init__(self, conninfo: str, conn, cache_dir: Path):
        self.conninfo = conninfo
        self.conn = conn
        self.repository = PostgresPostRepository(conn)
        self.posts = PostService(self.repository)
        self.media = ServerMediaLibrary(self.repository, cache_dir / "media")
        self.cache_dir = cache_dir

    @classmethod
    def open(cls, conninfo: str, *, cache_dir: Path | None = None) -> TeamWorkspace:
        """Connect and check the server's schema is the one this app speaks."""
        conn = connect(conninfo)
        try:
            version = schema_version(conn)
            if version == 0:
                raise WorkspaceError("team.no_schema")
            if not schema_matches(conn):
                raise WorkspaceError(
                    "team.schema_mismatch", server=version, app=SERVER_SCHEMA_VERSION
                )
            login = scalar(conn, "SELECT session_user")
            database = conn.info.dbname
        except BaseException:
            conn.close()
            raise
        if cache_dir is None:
            host = (conn.info.host or "local").strip("/").replace("/", "_")
            cache_dir = (
                Path(user_cache_dir("SumbarStudio", appauthor=False))
                / "team"
                / (f"{login}@{host}_{conn.info.port}_{database}")
            )
        return cls(conninfo, conn, Path(cache_dir))

    def reconnect(self) -> None:
        """A new connection after the old one was lost (the caller then re-reads what it
        shows: changes made meanwhile were not announced)."""
        fresh = connect(self.conninfo)
        old, self.conn = self.conn, fresh
        self.repository._conn = fresh
        try:
            old.close()
        except Exception:  # noqa: BLE001 -- a broken connection may fail to close; it is gone
            pass

    @property
    def connected(self) -> bool:
        return not self.conn.closed and not self.conn.broken

    def schema_version(self) -> int:
        return schema_version(self.conn)

    def login(self) -> str:
        return self.repository.login()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> TeamWorkspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
