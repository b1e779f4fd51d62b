"""Opening a connection to the team server with the settings every desk relies on."""

from __future__ import annotations

from typing import Any

import psycopg

from ...errors import WorkspaceError

#: Server-side settings for every session: our schema first, UTC times, no transaction left
#: hanging by a desk that went to sleep, statements that cannot wait forever on a lock.
SESSION_OPTIONS = (
    "-c search_path=sumbar,pg_catalog -c TimeZone=UTC"
    " -c idle_in_transaction_session_timeout=60000 -c lock_timeout=15000"
)


def connect(conninfo: str, **kwargs) -> psycopg.Connection:
    """An autocommit connection (transactions are explicit), with TCP keepalives."""
    params: dict[str, Any] = {
        "autocommit": True,
        "options": SESSION_OPTIONS,
        "application_name": "sumbar-studio",
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
        "connect_timeout": 10,
    }
    params.update(kwargs)
    try:
        return psycopg.connect(conninfo, **params)
    except psycopg.OperationalError as exc:
        raise WorkspaceError(
            "team.unreachable", detail=str(exc), reason=unreachable_reason(exc, conninfo)
        ) from None


#: What libpq says (it gives connection failures no SQLSTATE, only English text) -> the reason
#: in the person's language, first match wins. The connect dialog words the same cases.
CONNECT_REASONS = (
    ("password authentication failed", "team_desk.reason_password"),
    ("no password supplied", "team_desk.reason_no_password"),
    ("certificate verify failed", "team_desk.reason_certificate"),
    ("root certificate file", "team_desk.reason_no_ca"),
    ("server certificate for", "team_desk.reason_host_mismatch"),
    ("does not match host name", "team_desk.reason_host_mismatch"),
    ("server does not support SSL", "team_desk.reason_no_tls"),
    ("could not translate host name", "team_desk.reason_unknown_host"),
    ("Name or service not known", "team_desk.reason_unknown_host"),
    ("Connection refused", "team_desk.reason_refused"),
    ("No such file or directory", "team_desk.reason_refused"),
    ("timeout expired", "team_desk.reason_timeout"),
    ("database", "team.reason_no_database"),  # 'database "x" does not exist'
    ("does not exist", "team.reason_unknown_login"),  # 'role "x" does not exist'
    ("terminating connection", "team.reason_lost"),
    ("server closed the connection", "team.reason_lost"),
    ("connection is closed", "team.reason_lost"),
    ("connection is lost", "team.reason_lost"),
    ("consuming input failed", "team.reason_lost"),
    ("sending query failed", "team.reason_lost"),
    ("no connection to the server", "team.reason_lost"),
)


def known_reason(text: str, conninfo: str = "") -> str | None:
    """The translated reason for a libpq/server failure text :data:`CONNECT_REASONS` knows
    (the one table the CLI, the window and the connect dialog share), else None."""
    from ...i18n import t

    lowered = text.lower()
    try:
        params = psycopg.conninfo.conninfo_to_dict(conninfo) if conninfo else {}
    except psycopg.Error:
        params = {}
    for needle, key in CONNECT_REASONS:
        if needle.lower() in lowered and (key != "team.reason_no_database" or "exist" in lowered):
            return t(key, database=params.get("dbname") or "", login=params.get("user") or "")
    return None


def unreachable_reason(exc: Exception, conninfo: str = "") -> str:
    """Why the server could not be used, in the person's language; a failure not in
    :data:`CONNECT_REASONS` keeps the server's own sentence (or libpq's last line)."""

    text = str(exc).strip()
    known = known_reason(text, conninfo)
    if known is not None:
        return known
    diag = getattr(exc, "diag", None)
    primary = diag.message_primary if diag is not None else None
    if primary:  # the server's sentence, without the query excerpt and caret libpq appends
        return primary
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


def scalar(conn: psycopg.Connection | psycopg.Cursor, query: str, params: Any = None) -> Any:
    """The first column of the first row of ``query`` (a statement that always returns one)."""
    row = conn.execute(query, params).fetchone()
    if row is None:
        raise LookupError(f"no row from: {query}")
    return row[0]
