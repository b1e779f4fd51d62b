"""Every CLI command works the same on a local folder and on a team server (issue #12).

One session of commands runs on a local workspace and again on a team server (each step as the
login a team would use); the outputs and exit codes must match once paths and clock times are
set aside. Then the server's own refusals -- a viewer writing, an officer asking for changes,
a missing post, an unreachable server, a database without the schema, a member's login running
``team init`` -- must each be one translated line, never a traceback or the driver's English.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from test_team_everywhere import url

from sumbar_studio.cli import main
from sumbar_studio.cli.common import one_line_error
from sumbar_studio.core.approval import approve_post
from sumbar_studio.core.errors import SumbarError, WorkspaceError
from sumbar_studio.core.settings import Person
from sumbar_studio.core.store.postgres.connection import connect
from sumbar_studio.core.store.postgres.repository import PostgresPostRepository
from sumbar_studio.core.store.postgres.workspace import desk_dir_for
from sumbar_studio.core.timeutil import format_long_date, now_utc, to_wib
from sumbar_studio.core.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]

#: What the server's driver says in English; none of it may reach a person.
RAW = (
    "Traceback",
    "psycopg",
    "permission denied for",
    "terminating connection",
    "Is the server running",
    "FATAL",
    "does not exist",
    "must have admin option",
)

CAPTION = "Anggota DPRD menyerap aspirasi warga di Pariaman."
REPLY = "Terima kasih atas laporan Bapak/Ibu. Laporan sudah kami teruskan ke Komisi IV."


@pytest.fixture(autouse=True)
def _qt_application(qapp):
    """``plan`` prints through Qt: the QApplication a later widget test in this process needs,
    never a bare QGuiApplication made for printing (as in tests/e2e/conftest.py)."""
    return qapp


@pytest.fixture(autouse=True)
def _desk_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("SUMBAR_WORKSPACE", raising=False)
    monkeypatch.delenv("SUMBAR_TEAM_SERVER", raising=False)


def one_translated_line(err: str) -> str:
    line = err.strip()
    assert line and "\n" not in line, err
    for raw in RAW:
        assert raw not in line, line
    return line


class Desk:
    """Runs ``main([...])`` in-process on one back end: a folder, or the server as a login."""

    def __init__(self, kind, team_db, root: Path, capsys):
        self.kind, self.team_db, self.root, self.capsys = kind, team_db, root, capsys
        self.folder = root / "ruang-kerja"

    def target(self, login: str) -> str:
        return str(self.folder) if self.kind == "local" else url(self.team_db, login)

    def workspace_paths(self) -> list[str]:
        if self.kind == "local":
            return [str(self.folder)]
        logins = ("rina", "kabag", "tamu", "admin")
        return [str(desk_dir_for(url(self.team_db, login))) for login in logins]

    def run(self, login: str, *argv: str) -> tuple[int, str, str]:
        code = main(["--workspace", self.target(login), *argv])
        out, err = self.capsys.readouterr()
        return code, out, err

    def name_the_people(self) -> None:
        """Pengaturan > Orang: the team's officer and its Kepala Bagian (who approves replies),
        saved as the admin on the server."""
        with Workspace.open(self.target("admin")) as ws:
            settings = ws.team_settings()
            settings.people = [
                Person("Rina Marlina", "199001012015032001", "Pranata Humas"),
                Person("Hj. Kepala", "197001012000031001", "Kepala Bagian", can_approve=True),
            ]
            ws.save_team_settings(settings)

    def approve(self, post_id: int) -> None:
        """The approval a Kepala Bagian gives in the checklist panel (the CLI has no approve
        command: ``set-status approve`` points there)."""
        with Workspace.open(self.target("kabag")) as ws:
            approve_post(
                ws,
                post_id,
                approver="Hj. Kepala",
                nip="197001012000031001",
                role="Kepala Bagian",
                override_reason="Diperiksa langsung bersama Kabag",
            )


def normalise(text: str, desk: Desk) -> str:
    for path in sorted(desk.workspace_paths(), key=len, reverse=True):
        text = text.replace(path, "<WS>")
    text = text.replace(str(desk.root), "<ROOT>")
    text = re.sub(r"\d+,\d detik", "<N> detik", text)  # how long an export took
    text = re.sub(r"\d+(,\d+)? jam kerja", "<N> jam kerja", text)  # since the entry came in
    text = re.sub(r"\d{8}-\d{6}", "<STAMP>", text)  # a backup file's time
    today = re.escape(format_long_date(to_wib(now_utc()).date()))
    text = re.sub(today + r", pukul \d\d\.\d\d", "<NOW>", text)  # history rows written now
    return text


def normalise_json(text: str) -> object:
    data = json.loads(text)

    def strip(value):
        if isinstance(value, dict):
            return {
                k: strip(v)
                for k, v in value.items()
                if k not in {"created_at", "updated_at", "at", "path", "zip"}
            }
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(data)


def session(desk: Desk, tmp: Path) -> list[tuple[str, int, object]]:
    """The same afternoon's work on one back end: (step, exit code, normalised output)."""
    roster = tmp / "anggota.csv"
    roster.write_text("nama,fraksi,komisi,jabatan\nSupardi,Gerindra,I,Ketua\n", encoding="utf-8")
    roster2 = tmp / "anggota-baru.csv"
    roster2.write_text("nama,fraksi,komisi,jabatan\nAndi Saputra,PKS,II,Anggota\n", "utf-8")
    text = tmp / "teks.txt"
    text.write_text(CAPTION, encoding="utf-8")
    out = desk.root / "keluar"
    steps: list = [
        ("rina", "post", "add", "--title", "Reses Dapil II", "--caption", CAPTION,
         "--platform", "instagram", "--platform", "facebook", "--schedule", "2026-12-07 09:00",
         "--json"),
        ("rina", "post", "add", "--title", "Rapat Paripurna", "--caption", "Rapat paripurna DPRD.",
         "--platform", "instagram", "--schedule", "2026-12-08 10:00"),
        ("rina", "post", "edit", "1", "--title", "Reses Dapil II Pariaman"),
        ("rina", "post", "edit", "1", "--title", "Basi", "--expect-version", "1"),
        ("rina", "post", "list"),
        ("rina", "post", "list", "--json"),
        ("tamu", "post", "show", "1"),
        ("rina", "post", "show", "99"),
        ("rina", "post", "set-status", "1", "submit"),
        ("kabag", "post", "set-status", "1", "approve"),
        ("kabag", "post", "set-status", "1", "request_changes"),
        ("kabag", "post", "set-status", "1", "request_changes", "--comment", "Perbaiki judul"),
        ("rina", "post", "set-status", "1", "submit"),
        ("rina", "post", "set-status", "99", "submit"),
        ("rina", "post", "set-status", "1", "bogus"),
        "approve 1",
        ("tamu", "post", "show", "1"),
        ("rina", "post", "set-status", "1", "schedule"),
        ("rina", "queue", "--week", "2026-W50"),
        ("rina", "queue", "--week", "2026-W50", "--json"),
        ("tamu", "search", "Pariaman"),
        ("tamu", "search", "tidakada"),
        ("rina", "check", "--post", "1"),
        ("rina", "check", "--post", "99"),
        ("rina", "check", "--text-file", str(text), "--json"),
        ("rina", "dictionary", "add", "Pariaman"),
        ("rina", "dictionary", "add", "Pariaman"),
        ("tamu", "dictionary", "list"),
        ("rina", "dictionary", "remove", "Pariaman"),
        ("rina", "dictionary", "remove", "Pariaman"),
        ("rina", "roster", "import", str(roster)),
        ("rina", "roster", "import", str(roster2)),
        ("rina", "roster", "import", str(roster2), "--yes"),
        ("rina", "export", "--post", "1", "--out", str(out / "satu")),
        ("rina", "export", "--post", "2", "--out", str(out / "dua")),
        ("rina", "export", "--day", "2026-12-07", "--out", str(out / "hari"), "--json"),
        ("tamu", "export", "--week", "2026-W50", "--out", str(out / "minggu"),
         "--allow-unapproved"),
        ("rina", "export", "--day", "2026-12-09", "--out", str(out / "kosong")),
        "verify",
        ("tamu", "plan", "--week", "2026-W50", "-o", str(desk.root / "rencana.pdf")),
        ("rina", "post", "set-status", "1", "publish", "--url",
         "instagram=https://instagram.com/p/abc"),
        ("rina", "inbox", "add", "Jalan rusak di Pariaman", "--channel", "email", "--kind",
         "pengaduan", "--sender", "warga@contoh.id", "--received", "2026-12-02 09.15"),
        ("tamu", "inbox", "list", "--all"),
        ("rina", "inbox", "show", "1"),
        ("rina", "inbox", "show", "99"),
        ("rina", "inbox", "assign", "1", "--officer", "Rina", "--forward", "Komisi IV"),
        ("rina", "inbox", "reply", "1", "--text", REPLY),
        ("rina", "inbox", "reply", "1", "--sent"),
        "people",
        ("rina", "inbox", "reply", "1", "--approve-as", "Rina Marlina"),
        ("kabag", "inbox", "reply", "1", "--approve-as", "Hj. Kepala"),
        ("rina", "inbox", "reply", "1", "--sent"),
        ("tamu", "inbox", "show", "1"),
        ("rina", "inbox", "close", "1", "--done"),
        ("rina", "inbox", "stats", "--month", "2026-12"),
        ("rina", "inbox", "retention"),
        ("rina", "inbox", "export", "--month", "2026-12", "--out", str(out / "masukan.csv")),
        ("rina", "post", "delete", "2"),
        ("rina", "post", "delete", "2", "--yes"),
        ("rina", "post", "show", "2"),
    ]  # fmt: skip
    results = []
    for step in steps:
        if step == "approve 1":
            desk.approve(1)
            results.append((step, 0, ""))
            continue
        if step == "people":
            desk.name_the_people()
            results.append((step, 0, ""))
            continue
        if step == "verify":
            bundles = sorted(str(p) for p in (out / "satu").iterdir())
            code, stdout, err = desk.run("tamu", "verify", *bundles)
        else:
            code, stdout, err = desk.run(*step)
            step = " ".join(step[1:])
        assert "Traceback" not in err, (desk.kind, step, err)
        if code:
            one_translated_line(err)
        shown = normalise_json(stdout) if "--json" in step else normalise(stdout, desk)
        results.append((step, code, (shown, normalise(err, desk))))
    return results


def test_one_session_gives_the_same_output_on_a_folder_and_on_the_server(team_db, tmp_path, capsys):
    local = session(Desk("local", team_db, tmp_path / "lokal", capsys), tmp_path)
    server = session(Desk("server", team_db, tmp_path / "server", capsys), tmp_path)
    for (step, code_l, out_l), (_, code_s, out_s) in zip(local, server, strict=True):
        assert (step, code_s) == (step, code_l)
        assert (step, out_s) == (step, out_l)
    codes = dict((step, code) for step, code, _ in local)
    # the session did exercise both sides of each command
    assert codes["post edit 1 --title Basi --expect-version 1"] == 1  # stale edit refused
    assert codes["post set-status 1 schedule"] == 0
    assert codes["export --post 2 --out " + str(tmp_path / "lokal/keluar/dua")] == 1
    assert codes["verify"] == 0
    assert (tmp_path / "server" / "rencana.pdf").stat().st_size > 1000


def test_the_plan_from_the_server_shows_the_teams_posts(team_db, tmp_path, capsys):
    desk = Desk("server", team_db, tmp_path, capsys)
    desk.run("rina", "post", "add", "--title", "Reses Dapil II", "--caption", CAPTION,
             "--platform", "instagram", "--schedule", "2026-12-07 09:00")  # fmt: skip
    code, out, err = desk.run("tamu", "plan", "--week", "2026-W50", "-o", str(tmp_path / "p.pdf"))
    assert code == 0 and "(1 unggahan," in out and err == ""
    pdftotext = subprocess.run(
        ["pdftotext", "-l", "1", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True
    )
    if pdftotext.returncode == 0:  # poppler-utils present: the post is on page 1
        assert "Reses Dapil II" in pdftotext.stdout


# -- refusals on the server: one translated line, exit status 1 ------------------------------
REFUSALS = [
    ("tamu", ["post", "add", "--title", "Tamu menulis"], "tidak berhak"),
    ("tamu", ["post", "edit", "1", "--title", "Tamu mengubah"], "tidak berhak"),
    ("tamu", ["post", "set-status", "1", "request_changes", "--comment", "Ganti"],
     "tidak berhak"),
    ("tamu", ["post", "delete", "1", "--yes"], "Hanya draf"),  # post 1 is in review
    ("tamu", ["dictionary", "add", "Tamuwi"], "tidak berhak"),
    ("tamu", ["inbox", "add", "Masukan tamu", "--channel", "email", "--kind", "pertanyaan"],
     "tidak berhak"),
    ("rina", ["post", "set-status", "1", "request_changes", "--comment", "Ganti foto"],
     "hanya penyetuju atau admin"),
    ("kabag", ["post", "set-status", "1", "approve"], "daftar periksa"),
    ("rina", ["post", "show", "404"], "#404 tidak ditemukan"),
    ("rina", ["post", "delete", "404", "--yes"], "#404 tidak ditemukan"),
    ("rina", ["restore", "--list"], "pg_restore"),
    ("rina", ["team", "init"], "akun pemasang server"),
    ("admin", ["team", "login", "baru", "--name", "Pegawai Baru"], "akun pemasang server"),
    ("rina", ["team", "push"], "ruang kerja lokal (folder)"),  # the server is no folder
]  # fmt: skip


@pytest.mark.parametrize(
    ("login", "argv", "reason"), REFUSALS, ids=[f"{r[0]}-{'-'.join(r[1][:2])}" for r in REFUSALS]
)
def test_a_refusal_on_the_server_is_one_translated_line(
    team_db, tmp_path, capsys, login, argv, reason
):
    desk = Desk("server", team_db, tmp_path, capsys)
    assert desk.run("rina", "post", "add", "--title", "Reses", "--caption", CAPTION,
                    "--platform", "instagram")[0] == 0  # fmt: skip
    assert desk.run("rina", "post", "set-status", "1", "submit")[0] == 0
    code, out, err = desk.run(login, *argv)
    assert code == 1 and out == ""
    assert reason in one_translated_line(err)


def test_a_viewer_cannot_push_a_new_roster_to_the_team(team_db, tmp_path, capsys):
    desk = Desk("server", team_db, tmp_path, capsys)
    roster = tmp_path / "anggota.csv"
    roster.write_text("nama,fraksi,komisi,jabatan\nSupardi,Gerindra,I,Ketua\n", encoding="utf-8")
    assert desk.run("rina", "roster", "import", str(roster))[0] == 0
    roster.write_text("nama,fraksi,komisi,jabatan\nAndi,PKS,II,Anggota\n", encoding="utf-8")
    code, _, err = desk.run("tamu", "roster", "import", str(roster), "--yes")
    assert code == 1 and "tidak berhak" in one_translated_line(err)
    code, out, _ = desk.run("kabag", "check", "--text-file", str(roster))
    assert "Andi" not in out  # the team's roster is still Rina's


# -- a server that cannot be used --------------------------------------------------------------
COMMANDS = [
    ["post", "list"],
    ["post", "add", "--title", "X", "--caption", "Teks."],
    ["post", "show", "1"],
    ["post", "set-status", "1", "submit"],
    ["queue"],
    ["search", "reses"],
    ["check", "--post", "1"],
    ["dictionary", "list"],
    ["roster", "import", "anggota.csv"],
    ["export", "--week", "2026-W50", "--out", "bundel", "--allow-unapproved"],
    ["plan", "--week", "2026-W50", "-o", "rencana.pdf"],
    ["inbox", "list"],
    ["inbox", "stats"],
    ["doctor"],
    ["team", "status"],
    ["team", "push"],
    ["team", "pull", "arsip"],
]


@pytest.fixture
def broken_servers(team_db, pg_server):
    good = url(team_db, "rina")
    with connect(pg_server.conninfo("postgres")) as admin:
        admin.execute(f"CREATE DATABASE {team_db.name}_kosong")
    yield {
        "no_schema": (good.replace(f"/{team_db.name}?", f"/{team_db.name}_kosong?"),
                      "belum disiapkan sebagai server tim"),
        "unreachable": (good.rsplit("port=", 1)[0] + "port=1",
                        "server tidak menjawab di alamat dan port itu"),
        "no_database": (good.replace(f"/{team_db.name}?", "/tidakada?"),
                        'basis data "tidakada" tidak ada di server'),
        "unknown_login": (good.replace("rina@", "siapa@"), 'login "siapa" tidak ada di server'),
    }  # fmt: skip
    with connect(pg_server.conninfo("postgres")) as admin:
        admin.execute(f"DROP DATABASE {team_db.name}_kosong WITH (FORCE)")


@pytest.mark.parametrize("which", ["no_schema", "unreachable", "no_database", "unknown_login"])
def test_a_server_that_cannot_be_used_is_one_translated_line_for_every_command(
    broken_servers, which, tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "anggota.csv").write_text("nama\nSupardi\n", encoding="utf-8")
    address, reason = broken_servers[which]
    for argv in COMMANDS:
        code = main(["--workspace", address, *argv])
        out, err = capsys.readouterr()
        assert code == 1, (argv, out, err)
        line = err.strip().splitlines()[-1] if err.strip() else out.strip().splitlines()[-1]
        if which == "no_schema" and argv[:2] == ["team", "status"]:  # said in its report
            assert "team init" in out, (argv, out, err)
            continue
        assert reason in one_translated_line(err), (argv, err)
        assert line


def test_a_connection_lost_mid_session_is_said_in_the_apps_words(team_db):
    conn = team_db.connect("rina")
    repo = PostgresPostRepository(conn)
    assert repo.count() == 0
    with connect(team_db.conninfo()) as owner:
        owner.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE usename = 'rina' AND datname = current_database()"
        )
    with pytest.raises(WorkspaceError) as lost:
        repo.count()
    message = lost.value.user_message()
    assert message.startswith("Server tim tidak dapat dihubungi: sambungan terputus")
    for raw in RAW:
        assert raw not in message


def test_a_lock_held_too_long_is_said_in_the_apps_words(team_db):
    conn = team_db.connect("rina")
    conn.execute("SET lock_timeout = '50ms'")  # the desks wait 15 s; the test need not
    repo = PostgresPostRepository(conn)
    holder = team_db.connect()
    with holder.transaction():
        holder.execute("LOCK TABLE sumbar.posts IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(SumbarError) as busy:
            repo.count()
    message = busy.value.user_message()
    assert message.startswith("Server tim sibuk") and "lock" not in message
    assert not isinstance(busy.value, WorkspaceError)  # not "cannot be reached": it answered
    assert repo.count() == 0


@pytest.mark.parametrize("named_by", [None, "--server"])
def test_a_server_error_no_command_worded_is_still_one_translated_line(team_db, named_by):
    """The CLI's last resort: a driver error that reached ``main`` unmapped, whether the server
    came from --workspace, SUMBAR_WORKSPACE or ``team --server`` (workspace_dir None)."""
    conn = team_db.connect("rina")
    with pytest.raises(psycopg.Error) as raw:
        conn.execute("UPDATE sumbar.audit SET actor = 'orang lain'")
    workspace_dir = url(team_db, "rina") if named_by is None else None
    line = one_line_error(raw.value, workspace_dir)
    assert line == "Server tim menolak: akun Anda tidak berhak melakukan ini."


# -- team status / push / pull, and a desk in another process ------------------------------------
def test_team_push_status_and_pull_round_trip_through_the_cli(team_db, tmp_path, capsys):
    local = tmp_path / "lokal"
    ws = ["--workspace", str(local)]
    assert main([*ws, "post", "add", "--title", "Reses", "--caption", CAPTION,
                 "--schedule", "2026-12-07 09:00"]) == 0  # fmt: skip
    capsys.readouterr()
    # the installer's account (here the superuser) moves the folder to the empty server
    assert main([*ws, "team", "push", "--server", team_db.conninfo()]) == 0
    assert "1 unggahan" in capsys.readouterr().out
    # the server is no folder to copy onto a server (it used to be "moved" onto itself)
    assert main(["--workspace", url(team_db, "rina"), "team", "push", "--server",
                 team_db.conninfo()]) == 1  # fmt: skip
    assert "--workspace FOLDER" in one_translated_line(capsys.readouterr().err)
    # every login sees the same status; the viewer too
    for login in ("rina", "tamu"):
        assert main(["--workspace", url(team_db, login), "team", "status"]) == 0
        out = capsys.readouterr().out
        assert f"login {login}" in out and "1 unggahan" in out and "utuh" in out
    assert main(["--workspace", url(team_db, "tamu"), "team", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["posts"] == 1
    # pulling back gives a local folder with the same list
    assert (
        main(["--workspace", url(team_db, "kabag"), "team", "pull", str(tmp_path / "arsip")]) == 0
    )
    capsys.readouterr()
    assert main([*ws, "post", "list"]) == 0
    before = capsys.readouterr().out
    assert main(["--workspace", str(tmp_path / "arsip"), "post", "list"]) == 0
    assert capsys.readouterr().out == before
    assert main(["--workspace", url(team_db, "rina"), "post", "list"]) == 0
    assert capsys.readouterr().out == before


def test_sumbar_workspace_and_a_libpq_string_name_the_server_for_team_commands_too(
    team_db, capsys, monkeypatch
):
    conninfo = team_db.conninfo("rina")  # "host=... port=... dbname=... user=rina"
    assert main(["--workspace", conninfo, "post", "add", "--title", "Lewat conninfo"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("SUMBAR_WORKSPACE", conninfo)
    assert main(["post", "list"]) == 0
    assert "Lewat conninfo" in capsys.readouterr().out
    # team status took only --server / SUMBAR_TEAM_SERVER / --workspace, not SUMBAR_WORKSPACE
    assert main(["team", "status"]) == 0
    assert "login rina" in capsys.readouterr().out
    assert main(["team", "push"]) == 1  # the server named is no folder to move
    assert "--workspace FOLDER" in one_translated_line(capsys.readouterr().err)
    assert main(["restore", "--list"]) == 1
    assert "pg_restore" in one_translated_line(capsys.readouterr().err)


def test_doctor_reports_the_server_with_the_local_checks(team_db, tmp_path, capsys):
    assert main(["--workspace", str(tmp_path / "lokal"), "doctor", "--json"]) == 0
    local = [c["name"] for c in json.loads(capsys.readouterr().out)["checks"]]
    assert main(["--workspace", url(team_db, "tamu"), "doctor", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["healthy"]
    names = [c["name"] for c in report["checks"]]
    # the folder's line becomes the server's (address, TLS, login, latency, desk folder) ...
    assert {"Server tim", "Sambungan terenkripsi", "Login di server", "Latensi server"} <= set(
        names
    )
    # ... and every other health check is there too, in the same order
    assert [n for n in local if n != "Ruang kerja"] == [n for n in names if n in local]


def _cli(argv, env):
    return subprocess.run(
        [sys.executable, "-m", "sumbar_studio", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_in_another_process_refusals_reach_stderr_as_one_line(team_db, tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "SUMBAR_WORKSPACE": url(team_db, "tamu"),  # through the environment this time
    }
    env.pop("SUMBAR_TEAM_SERVER", None)
    viewer = _cli(["post", "add", "--title", "Tamu menulis"], env)
    assert viewer.returncode == 1 and viewer.stdout == ""
    assert "tidak berhak" in one_translated_line(viewer.stderr)
    restore = _cli(["restore", "--list"], env)
    assert restore.returncode == 1 and "pg_restore" in one_translated_line(restore.stderr)
    env["SUMBAR_WORKSPACE"] = url(team_db, "rina").rsplit("port=", 1)[0] + "port=1"
    gone = _cli(["queue"], env)
    assert gone.returncode == 1
    assert "tidak dapat dihubungi" in one_translated_line(gone.stderr)
