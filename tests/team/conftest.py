"""A real PostgreSQL for the team-mode tests: one server per session, a fresh database per test.

The server comes from the distribution's binaries (``/usr/lib/postgresql/<ver>/bin``) on a Unix
socket in a private /tmp folder. The schema, roles and test logins are made once in a template
database; each test gets ``CREATE DATABASE ... TEMPLATE`` (a file copy, a few milliseconds).
Without the binaries the tests skip with the reason -- except in CI (``CI`` set), where a
missing server fails the run instead of silently skipping it.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field

import pytest

from sumbar_studio.core.store.postgres.admin import StaffMember, create_login, init_server
from sumbar_studio.core.store.postgres.connection import connect
from sumbar_studio.core.store.postgres.localserver import LocalServer, find_bindir

TEMPLATE = "sumbar_template"

#: The test team: two officers, two approvers (one is the Kepala Bagian), a viewer, an admin.
TEAM = [
    StaffMember("rina", "Rina Marlina", "199001012015032001", "Pranata Humas", "officer"),
    StaffMember("budi", "Budi Santoso", "198805052014031002", "Pranata Humas", "officer"),
    StaffMember("kabag", "Hj. Kepala", "197001012000031001", "Kepala Bagian", "approver"),
    StaffMember("wakil", "Dedi Putra", "197502022001121003", "Kepala Subbagian", "approver"),
    StaffMember("tamu", "Tamu Pembaca", "", "Pembaca", "viewer"),
    StaffMember("admin", "Admin Tim", "198001012005011004", "Admin", "admin"),
]


def _server_missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL server binaries not available: {reason}")


@dataclass
class PgServer:
    server: LocalServer
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def conninfo(self, dbname: str, user: str = "postgres") -> str:
        return self.server.conninfo(dbname, user)


@pytest.fixture(scope="session")
def pg_server():
    bindir = find_bindir()
    if bindir is None:
        _server_missing("no initdb/pg_ctl/postgres in /usr/lib/postgresql/*/bin or on PATH")
    server = LocalServer(bindir)
    try:
        server.start()
    except (RuntimeError, OSError) as exc:
        server.stop()
        _server_missing(str(exc))
    try:
        with connect(server.conninfo()) as admin:
            admin.execute(f"CREATE DATABASE {TEMPLATE}")
        with connect(server.conninfo(TEMPLATE)) as conn:
            init_server(conn)
            for member in TEAM:
                create_login(conn, member)
        yield PgServer(server)
    finally:
        server.stop()


@dataclass
class TeamDB:
    """One fresh database cloned from the template, and the connections opened on it."""

    pg: PgServer
    name: str
    opened: list = field(default_factory=list)

    def conninfo(self, user: str = "postgres") -> str:
        return self.pg.conninfo(self.name, user)

    def connect(self, user: str = "postgres"):
        conn = connect(self.conninfo(user))
        self.opened.append(conn)
        return conn

    def cut_off(self, login: str = "rina") -> None:
        """The server becomes unreachable for ``login``: its connections are dropped and new
        ones refused (this database only, so parallel tests on the cluster are not touched)."""
        with connect(self.conninfo()) as owner:
            owner.execute(f'REVOKE CONNECT ON DATABASE "{self.name}" FROM PUBLIC')
            owner.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE usename = %s AND datname = current_database()",
                (login,),
            )

    def reopen(self) -> None:
        """Undo :meth:`cut_off`."""
        with connect(self.conninfo()) as owner:
            owner.execute(f'GRANT CONNECT ON DATABASE "{self.name}" TO PUBLIC')

    def repository(self, user: str):
        from sumbar_studio.core.store.postgres.repository import PostgresPostRepository

        return PostgresPostRepository(self.connect(user))

    def desk(self, user: str):
        """What one person's app holds: the post service over their own login."""
        return Desk(self.repository(user))


class Desk:
    def __init__(self, repository):
        from sumbar_studio.core.services import PostService

        self.repository = repository
        self.posts = PostService(repository)


@pytest.fixture
def team_db(pg_server):
    name = f"t{os.getpid()}_{next(pg_server.counter)}"
    with connect(pg_server.conninfo("postgres")) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    db = TeamDB(pg_server, name)
    yield db
    for conn in db.opened:
        conn.close()
    with connect(pg_server.conninfo("postgres")) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def any_workspace(request, tmp_path):
    """The same contract on both back ends: a local workspace, or officer Rina's desk."""
    if request.param == "sqlite":
        from sumbar_studio.core.workspace import Workspace

        ws = Workspace.open(tmp_path / "ws")
        yield ws
        ws.close()
    else:
        db = request.getfixturevalue("team_db")
        yield db.desk("rina")
