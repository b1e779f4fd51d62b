"""The facts ``doctor`` will show about a team server."""

from __future__ import annotations

from sumbar_studio.core.store.postgres.connection import connect
from sumbar_studio.core.store.postgres.health import server_facts


def test_server_facts_name_the_person_their_roles_and_the_schema(team_db):
    facts = server_facts(team_db.connect("kabag"))
    assert facts.login == "kabag" and facts.person == "Hj. Kepala"
    assert facts.roles == ("approver",)
    assert facts.server_version.split(".")[0].isdigit()
    assert facts.schema_matches and facts.schema_version >= 1
    assert not facts.tls  # a local Unix socket
    assert facts.latency_ms >= 0
    viewer = server_facts(team_db.connect("tamu"))
    assert viewer.roles == ("viewer",) and viewer.person == "Tamu Pembaca"


def test_an_empty_database_reports_no_schema(pg_server):
    with connect(pg_server.conninfo("postgres")) as conn:
        facts = server_facts(conn)
    assert facts.schema_version == 0 and not facts.schema_matches and facts.person == ""
    assert facts.login == "postgres"
