"""``team init``: roles, the versioned server schema and logins, on an empty database.

Run as the installer's login (a superuser, or a database owner with CREATEROLE that may become
``sumbar_owner``). Each migration file ``migrations/NNNN_name.sql`` is applied once, in one
transaction, and records NNNN in ``sumbar.schema_version``. Files are applied in the order of
their numbers, each one the server has not recorded yet (numbers may have gaps while branches
add migrations in parallel: a file numbered below one already applied is still applied). The
server's schema version is its highest recorded number; it matches the app when every shipped
file is recorded and nothing else is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources

import psycopg
from psycopg import sql

from ...errors import InvalidInput, WorkspaceError
from . import GROUPS, OWNER
from .connection import scalar

_LOGIN = re.compile(r"^[a-z_][a-z0-9_.-]{1,62}$")


@dataclass(frozen=True)
class StaffMember:
    login: str
    person: str
    nip: str = ""
    role_title: str = ""
    group: str = "officer"  # officer | approver | viewer | admin


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) for every migration shipped with the app, in the order of their numbers
    (gaps allowed, the first is 1, no number twice)."""
    folder = resources.files(__package__) / "migrations"
    found = []
    for entry in folder.iterdir():
        match = re.match(r"^(\d{4})_.*\.sql$", entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _ in found]
    if not versions or versions[0] != 1 or len(set(versions)) != len(versions):
        raise RuntimeError(f"server migrations must start at 1, each number once: {versions}")
    return found


#: the highest migration number shipped: the schema version this app speaks
#: every migration number this app ships, read once
SHIPPED_VERSIONS = frozenset(v for v, _ in migrations())
SERVER_SCHEMA_VERSION = max(SHIPPED_VERSIONS)


def applied_versions(conn: psycopg.Connection) -> set[int]:
    """The migration numbers the server has recorded (empty without our schema)."""
    exists = scalar(conn, "SELECT to_regclass('sumbar.schema_version') IS NOT NULL")
    if not exists:
        return set()
    return {int(r[0]) for r in conn.execute("SELECT version FROM sumbar.schema_version")}


def schema_state(conn: psycopg.Connection) -> tuple[int, bool]:
    """(the server schema's version: its highest recorded migration, 0 on a database without
    our schema; whether every migration this app ships is recorded there, and no other), from
    one read of the server's record."""
    applied = applied_versions(conn)
    return max(applied, default=0), applied == SHIPPED_VERSIONS


def schema_version(conn: psycopg.Connection) -> int:
    return schema_state(conn)[0]


def schema_matches(conn: psycopg.Connection) -> bool:
    return schema_state(conn)[1]


def check_schema(conn: psycopg.Connection) -> int:
    """The server schema's version, when it is this app's; a database without our schema, or
    with other migrations than this app ships, is a :class:`WorkspaceError` saying which."""
    version, matches = schema_state(conn)
    if version == 0:
        raise WorkspaceError("team.no_schema")
    if not matches:
        raise WorkspaceError("team.schema_mismatch", server=version, app=SERVER_SCHEMA_VERSION)
    return version


def ensure_roles(conn: psycopg.Connection) -> None:
    """The owner and the four group roles (cluster-wide: created once, kept if present)."""
    for role in [OWNER, *GROUPS.values()]:
        conn.execute(
            sql.SQL(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {name}) THEN"
                " CREATE ROLE {role} NOLOGIN; END IF; END $$"
            ).format(name=sql.Literal(role), role=sql.Identifier(role))
        )
    # the installer must be able to act as the owner (a superuser already can)
    if not scalar(conn, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"):
        conn.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(OWNER)))


def migrate(conn: psycopg.Connection) -> list[int]:
    """Apply the pending server migrations; returns the versions reached."""
    reached = []
    applied = applied_versions(conn)
    for version, text in migrations():
        if version in applied:
            continue
        with conn.transaction():
            conn.execute(text)
            # recorded here too, so a file that forgets its own INSERT is not applied twice
            conn.execute(
                "INSERT INTO sumbar.schema_version (version) VALUES (%s)"
                " ON CONFLICT (version) DO NOTHING",
                (version,),
            )
        reached.append(version)
    return reached


@contextmanager
def _installer_only() -> Iterator[None]:
    """A login without the right to create roles or become the schema's owner gets the app's
    message naming the account to use, not the server's English one."""
    try:
        yield
    except psycopg.errors.InsufficientPrivilege:
        raise WorkspaceError("team.setup_needs_owner") from None


def init_server(conn: psycopg.Connection, first_admin: StaffMember | None = None) -> list[int]:
    """Create roles and schema on an empty database (or bring an older one up to date) and,
    when given, the first admin login with its staff row."""
    with _installer_only():
        ensure_roles(conn)
        reached = migrate(conn)
    if first_admin is not None:
        create_login(conn, first_admin)
    return reached


def create_login(
    conn: psycopg.Connection, member: StaffMember, *, password: str | None = None
) -> None:
    """One database login per person, in one group, with the staff row naming them.

    An existing login (roles are per cluster) is reused and only granted the group.
    """
    if not _LOGIN.match(member.login):
        raise InvalidInput("team.bad_login", value=member.login)
    if member.group not in GROUPS:
        raise InvalidInput("team.bad_group", value=member.group, choices=", ".join(GROUPS))
    role = sql.Identifier(member.login)
    with _installer_only(), conn.transaction():
        exists = conn.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", (member.login,)
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(role))
        if password is not None:
            conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(role, sql.Literal(password)))
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUPS[member.group]), role))
        conn.execute(
            "INSERT INTO sumbar.staff (login, person, nip, role_title) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (login) DO UPDATE SET person = excluded.person, nip = excluded.nip,"
            " role_title = excluded.role_title, active = true",
            (member.login, member.person, member.nip, member.role_title),
        )
