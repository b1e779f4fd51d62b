"""Where the team server is: what the connect dialog asks (host, port, database, login, the
server's CA) and the libpq connection string made from it.

Over the network TLS is required and the server's certificate checked against the team's CA
(``sslmode=verify-full``); a Unix socket (a host starting with "/") is local and needs no TLS.
The password is never part of the saved address: the caller passes it in from the OS keyring.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from ...errors import InvalidInput


@dataclass(frozen=True)
class ServerAddress:
    host: str
    database: str = "sumbar"
    user: str = ""
    port: int = 5432
    ca_file: str = ""  # the team's CA certificate (PEM), kept with the team settings

    @property
    def local_socket(self) -> bool:
        return self.host.startswith("/")

    @classmethod
    def parse(cls, text: str) -> ServerAddress:
        """``postgresql://user@host:port/db`` or ``host=... dbname=...`` (no password kept)."""
        try:
            params = conninfo_to_dict(text.strip())
        except Exception as exc:  # psycopg.ProgrammingError for malformed input
            raise InvalidInput("team.bad_address", value=text, detail=str(exc)) from None
        if not params.get("host"):
            raise InvalidInput("team.bad_address", value=text)
        try:
            port = int(params.get("port") or 5432)
        except ValueError:
            raise InvalidInput("team.bad_address", value=text) from None
        return cls(
            host=str(params["host"]),
            database=str(params.get("dbname") or "sumbar"),
            user=str(params.get("user") or ""),
            port=port,
            ca_file=str(params.get("sslrootcert") or ""),
        )

    def conninfo(self, password: str | None = None) -> str:
        params: dict[str, Any] = {"host": self.host, "port": self.port, "dbname": self.database}
        if self.user:
            params["user"] = self.user
        if password:
            params["password"] = password
        if not self.local_socket:
            params["sslmode"] = "verify-full"
            if self.ca_file:
                params["sslrootcert"] = self.ca_file
        return make_conninfo(**params)

    def label(self) -> str:
        """How the address is shown: ``kabag@server-humas:5432/sumbar`` (never a password)."""
        who = f"{self.user}@" if self.user else ""
        return f"{who}{self.host}:{self.port}/{self.database}"
