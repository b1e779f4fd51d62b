"""The team server address: parsed from what a person types, TLS verified over the network,
never a password in what is saved or shown."""

from __future__ import annotations

import pytest
from psycopg.conninfo import conninfo_to_dict

from sumbar_studio.core.errors import InvalidInput
from sumbar_studio.core.store.postgres.address import ServerAddress
from sumbar_studio.core.store.postgres.connection import connect


def test_a_network_address_requires_verified_tls():
    address = ServerAddress.parse("postgresql://kabag:rahasia@server-humas:5433/sumbar")
    assert address == ServerAddress("server-humas", "sumbar", "kabag", 5433)
    assert "rahasia" not in address.conninfo() and "rahasia" not in address.label()
    params = conninfo_to_dict(address.conninfo(password="dari-keyring"))
    assert params["sslmode"] == "verify-full" and params["password"] == "dari-keyring"
    with_ca = ServerAddress("10.0.0.5", ca_file="/etc/sumbar/ca.pem")
    assert conninfo_to_dict(with_ca.conninfo())["sslrootcert"] == "/etc/sumbar/ca.pem"
    assert address.label() == "kabag@server-humas:5433/sumbar"


@pytest.mark.parametrize("text", ["", "dbname=sumbar", "postgresql://server:abc/sumbar", "host='x"])
def test_an_unreadable_address_is_a_clear_message(text):
    with pytest.raises(InvalidInput) as err:
        ServerAddress.parse(text)
    assert "tidak dapat dibaca" in str(err.value)


def test_a_local_socket_address_connects(team_db):
    params = conninfo_to_dict(team_db.conninfo("kabag"))
    address = ServerAddress.parse(team_db.conninfo("kabag"))
    assert address.local_socket and "sslmode" not in conninfo_to_dict(address.conninfo())
    with connect(address.conninfo()) as conn:
        assert conn.execute("SELECT session_user, current_database()").fetchone() == (
            "kabag",
            params["dbname"],
        )
