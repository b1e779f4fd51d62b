"""What ``doctor`` reports about a team server: version, TLS, who I am there, latency, schema."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

import psycopg

from . import GROUPS
from .admin import SERVER_SCHEMA_VERSION, schema_state
from .connection import scalar


@dataclass(frozen=True)
class ServerFacts:
    server_version: str
    tls: bool
    tls_version: str
    login: str
    person: str  # from the staff table; "" when the login has no staff row
    roles: tuple[str, ...]  # officer / approver / viewer / admin
    latency_ms: float  # median round trip of a trivial query
    schema_version: int
    app_schema_version: int  # what this app expects
    #: every migration this app ships is recorded on the server, and no other (a server
    #: can have the same highest number and still lack one numbered below it)
    migrations_match: bool = True

    @property
    def schema_matches(self) -> bool:
        return self.schema_version == self.app_schema_version and self.migrations_match


def login_roles(conn: psycopg.Connection) -> tuple[str, ...]:
    """This login's groups (officer / approver / viewer / admin), in GROUPS order; a group
    role missing on the server (a database not set up yet) is simply not one of them."""
    rows = conn.execute(
        "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)"
        " AND pg_has_role(session_user, oid, 'MEMBER')",
        (list(GROUPS.values()),),
    ).fetchall()
    held = {r[0] for r in rows}
    return tuple(name for name, group in GROUPS.items() if group in held)


def server_facts(conn: psycopg.Connection, *, pings: int = 5) -> ServerFacts:
    samples = []
    for _ in range(pings):
        t0 = time.perf_counter()
        conn.execute("SELECT 1").fetchone()
        samples.append((time.perf_counter() - t0) * 1000)
    ssl = conn.execute(
        "SELECT ssl, coalesce(version, '') FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
    ).fetchone() or (False, "")
    login = scalar(conn, "SELECT session_user")
    roles = login_roles(conn)
    version, matches = schema_state(conn)
    person = ""
    if version:
        row = conn.execute("SELECT person FROM sumbar.staff WHERE login = session_user").fetchone()
        person = row[0] if row else ""
    return ServerFacts(
        server_version=conn.info.parameter_status("server_version") or "",
        tls=bool(ssl[0]),
        tls_version=ssl[1],
        login=login,
        person=person,
        roles=roles,
        latency_ms=statistics.median(samples),
        schema_version=version,
        app_schema_version=SERVER_SCHEMA_VERSION,
        migrations_match=matches,
    )
