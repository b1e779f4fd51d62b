"""The team-server password lives only in the OS keyring (never in a settings file, never on
the command line), under the address's label (``login@host:port/db``).

:func:`conninfo_for` turns what a person typed (``postgresql://rina@server/sumbar`` or a libpq
``host=... dbname=...`` string) into what is connected: TLS with certificate and host-name
checks (``sslmode=verify-full``) over the network unless the address says otherwise, and the
password from the keyring when the address carries none (libpq's own ``PGPASSWORD`` and
``~/.pgpass`` still work for scripts).
"""

from __future__ import annotations

import os

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from ...errors import InvalidInput

KEYRING_SERVICE = "SumbarStudio server tim"


def parts(target: str) -> dict[str, str]:
    try:
        params = conninfo_to_dict(str(target).strip())
    except Exception as exc:  # psycopg.ProgrammingError for a malformed address
        raise InvalidInput("team.bad_address", value=redact(target), detail=str(exc)) from None
    return {k: str(v) for k, v in params.items() if v is not None}


def resolved(target: str) -> tuple[str, str, str, str]:
    """(login, host, port, database) of an address with libpq's defaults filled in: the login
    from ``PGUSER``, port 5432, the database named as the login; host "" when the address names
    none (the local socket)."""
    p = parts(target)
    who = p.get("user") or os.environ.get("PGUSER") or ""
    return who, p.get("host") or "", p.get("port") or "5432", p.get("dbname") or who


def label(target: str) -> str:
    """``login@host:port/db`` -- how the address is shown and the keyring entry's name."""
    who, host, port, database = resolved(target)
    return f"{who + '@' if who else ''}{host or 'localhost'}:{port}/{database}"


def redact(target: object) -> str:
    """The address without any password in it (for messages and window titles)."""
    text = str(target)
    try:
        params = conninfo_to_dict(text.strip())
    except Exception:  # noqa: BLE001 -- unreadable: show nothing that may hold a secret
        return text.split("@")[-1] if "@" in text else text
    params.pop("password", None)
    return make_conninfo("", **{k: str(v) for k, v in params.items() if v is not None})


def _keyring():
    import keyring  # noqa: PLC0415 -- the OS keyring: loaded only when a password is needed

    return keyring


def password_for(target: str) -> str | None:
    try:
        return _keyring().get_password(KEYRING_SERVICE, label(target))
    except Exception:  # noqa: BLE001 -- no usable keyring: libpq's own sources still apply
        return None


def save_password(target: str, password: str) -> None:
    """Keep the password in the OS keyring (raises the keyring's error when there is none)."""
    _keyring().set_password(KEYRING_SERVICE, label(target), password)


def forget_password(target: str) -> None:
    try:
        _keyring().delete_password(KEYRING_SERVICE, label(target))
    except Exception:  # noqa: BLE001 -- nothing stored is fine
        pass


def conninfo_for(target: str, *, password: str | None = None) -> str:
    """The libpq string to connect with (see the module docstring)."""
    params = parts(target)
    host = params.get("host", "")
    local = (not host) or host.startswith("/")
    if not local and "sslmode" not in params:
        params["sslmode"] = "verify-full"
    if "password" not in params and not os.environ.get("PGPASSWORD"):
        found = password if password is not None else password_for(target)
        if found:
            params["password"] = found
    return make_conninfo(**params)
