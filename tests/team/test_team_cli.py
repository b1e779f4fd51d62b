"""``sumbar-studio team``: init an empty database, add a login, push a workspace, status, pull."""

from __future__ import annotations

import json

from sumbar_studio.cli import main
from sumbar_studio.core.model import Post
from sumbar_studio.core.store.postgres.admin import SERVER_SCHEMA_VERSION
from sumbar_studio.core.store.postgres.connection import connect
from sumbar_studio.core.workspace import Workspace


def test_team_commands_from_an_empty_database_and_back(pg_server, tmp_path, capsys):
    name = f"kosong_{tmp_path.name[-12:].replace('-', '_').lower()}"
    with connect(pg_server.conninfo("postgres")) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    server = pg_server.conninfo(name)
    try:
        assert (
            main(["team", "init", "--server", server, "--admin", "admin", "--name", "Admin"]) == 0
        )
        out = capsys.readouterr().out
        assert (
            f"Server tim siap: skema versi {SERVER_SCHEMA_VERSION}" in out
            and 'Login "admin" siap' in out
        )
        rc = main(
            [
                "team",
                "login",
                "--server",
                server,
                "kabag",
                "--name",
                "Hj. Kepala",
                "--nip",
                "197001012000031001",
                "--title",
                "Kepala Bagian",
                "--role",
                "approver",
            ]
        )
        assert rc == 0
        with Workspace.open(tmp_path / "lokal") as ws:
            ws.posts.add(
                Post(title="Rapat Paripurna", caption="APBD 2027", platforms=["instagram"]), "rina"
            )
        assert (
            main(["--workspace", str(tmp_path / "lokal"), "team", "push", "--server", server]) == 0
        )
        assert "1 unggahan" in capsys.readouterr().out
        assert main(["team", "status", "--server", server, "--json"]) == 0
        status = json.loads(capsys.readouterr().out)
        assert status["posts"] == 1 and status["schema_version"] == SERVER_SCHEMA_VERSION
        assert status["audit_broken_at"] is None
        kabag = server.replace("user=postgres", "user=kabag")
        assert main(["team", "status", "--server", kabag]) == 0
        out = capsys.readouterr().out
        assert "login kabag (Hj. Kepala; peran: approver)" in out and "tanpa TLS" in out
        v = SERVER_SCHEMA_VERSION
        assert (
            f"skema versi {v} (aplikasi: {v}), 1 unggahan" in out and "Rantai log audit utuh" in out
        )
        assert main(["team", "pull", "--server", server, str(tmp_path / "arsip")]) == 0
        with Workspace.open(tmp_path / "arsip") as back:
            assert [p.title for p in back.posts.list()] == ["Rapat Paripurna"]
        # a second push onto a server with posts: refused with the reason, exit status 1
        assert (
            main(["--workspace", str(tmp_path / "lokal"), "team", "push", "--server", server]) == 1
        )
        assert "sudah berisi 1 unggahan" in capsys.readouterr().err
        assert main(["team", "status", "--server", pg_server.conninfo("postgres")]) == 1
        assert "skema versi 0" in capsys.readouterr().out  # a database never initialised
    finally:
        with connect(pg_server.conninfo("postgres")) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_team_without_a_server_says_how_to_name_one(capsys, monkeypatch):
    monkeypatch.delenv("SUMBAR_TEAM_SERVER", raising=False)
    assert main(["team", "status"]) == 1
    assert "SUMBAR_TEAM_SERVER" in capsys.readouterr().err
