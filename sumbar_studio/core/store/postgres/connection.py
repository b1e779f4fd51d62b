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
        raise WorkspaceError("team.unreachable", detail=str(exc), reason=_first_line(exc)) from None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[-1] if text else type(exc).__name__


def scalar(conn: psycopg.Connection | psycopg.Cursor, query: str, params: Any = None) -> Any:
    """The first column of the first row of ``query`` (a statement that always returns one)."""
    row = conn.execute(query, params).fetchone()
    if row is None:
        raise LookupError(f"no row from: {query}")
    return row[0]
