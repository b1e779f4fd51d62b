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


def unreachable_reason(exc: Exception, conninfo: str = "") -> str:
    """Why the server could not be used, in the person's language. libpq reports connection
    failures as English text without an SQLSTATE, so the known cases are told apart by their
    wording; anything else keeps the driver's last line (the one that names the cause)."""
    from ...i18n import t

    text = str(exc).strip()
    lowered = text.lower()
    try:
        params = psycopg.conninfo.conninfo_to_dict(conninfo) if conninfo else {}
    except psycopg.Error:
        params = {}
    host = str(params.get("host") or params.get("hostaddr") or "localhost")
    where = f"{host}:{params.get('port') or 5432}"
    if "timeout expired" in lowered:
        return t("team.reason_timeout")
    if "failed to resolve host" in lowered or "could not translate host name" in lowered:
        return t("team.reason_unknown_host", host=host)
    if "connection refused" in lowered or ("accepting" in lowered and "connections" in lowered):
        return t("team.reason_not_running", where=where)
    if "database" in lowered and "does not exist" in lowered:
        return t("team.reason_no_database", database=params.get("dbname") or "")
    if (
        "authentication failed" in lowered
        or "no password supplied" in lowered
        or ("role" in lowered and "does not exist" in lowered)
    ):
        return t("team.reason_login_refused", login=params.get("user") or "")
    if "ssl" in lowered or "certificate" in lowered:
        return t("team.reason_tls")
    if any(
        sign in lowered
        for sign in (
            "terminating connection",
            "server closed the connection",
            "connection is closed",
            "connection is lost",
            "connection is bad",
            "consuming input failed",
            "sending query failed",
            "no connection to the server",
        )
    ):
        return t("team.reason_lost")
    return text.splitlines()[-1].strip() if text else type(exc).__name__


def scalar(conn: psycopg.Connection | psycopg.Cursor, query: str, params: Any = None) -> Any:
    """The first column of the first row of ``query`` (a statement that always returns one)."""
    row = conn.execute(query, params).fetchone()
    if row is None:
        raise LookupError(f"no row from: {query}")
    return row[0]
