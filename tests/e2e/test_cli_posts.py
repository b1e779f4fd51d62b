"""The CLI end to end: real workspace files, Indonesian messages, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PIL import Image

from sumbar_studio.cli import main
from sumbar_studio.core.workspace import DB_NAME


@pytest.fixture
def ws_dir(tmp_path):
    return tmp_path / "ruang-kerja"


def run(capsys, *args):
    code = main([*args])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_show_edit_and_json(ws_dir, capsys, tmp_path):
    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (120, 90), "navy").save(photo)
    code, out, _ = run(
        capsys,
        "--workspace",
        str(ws_dir),
        "post",
        "add",
        "--title",
        "Reses Dapil Agam",
        "--caption",
        "Anggota DPRD Sumbar menyerap aspirasi warga.",
        "--platform",
        "instagram",
        "--platform",
        "x",
        "--schedule",
        "2026-12-08 06:30",
        "--hashtag",
        "DPRDSumbar",
        "--photo",
        str(photo),
        "--alt",
        "Warga berdialog dengan anggota dewan",
        "--template",
        "berita",
        "--set",
        "title=Reses Dapil Agam",
    )
    assert code == 0 and "ditambahkan sebagai draf" in out
    code, out, _ = run(capsys, "--workspace", str(ws_dir), "post", "show", "1", "--json")
    data = json.loads(out)
    assert data["scheduled_wib"] == "2026-12-08T06:30:00+07:00"
    assert data["scheduled_at"] == "2026-12-07T23:30:00+00:00"
    assert data["media"][0]["alt_text"] == "Warga berdialog dengan anggota dewan"
    assert data["card"]["fields"]["title"] == "Reses Dapil Agam"
    code, out, _ = run(
        capsys,
        "--workspace",
        str(ws_dir),
        "post",
        "edit",
        "1",
        "--variant",
        "x=Serap aspirasi warga Agam #DPRDSumbar",
    )
    assert code == 0 and "versi 2" in out
    code, out, _ = run(capsys, "--workspace", str(ws_dir), "post", "list", "--json")
    assert [p["variants"] for p in json.loads(out)] == [
        {"x": "Serap aspirasi warga Agam #DPRDSumbar"}
    ]
    code, out, _ = run(capsys, "--workspace", str(ws_dir), "queue", "--week", "2026-W50")
    assert code == 0 and "Selasa, 8 Desember 2026" in out and "06.30 WIB" in out
    code, out, _ = run(capsys, "--workspace", str(ws_dir), "search", "aspir")
    assert code == 0 and "Reses Dapil Agam" in out


def test_set_status_and_history(ws_dir, capsys):
    run(capsys, "--workspace", str(ws_dir), "post", "add", "--title", "Agenda RDP")
    # no platform, no caption: not ready for review
    code, _, err = run(capsys, "--workspace", str(ws_dir), "post", "set-status", "1", "review")
    assert code == 1 and "belum ada platform" in err and "keterangan masih kosong" in err
    run(
        capsys,
        "--workspace",
        str(ws_dir),
        "post",
        "edit",
        "1",
        "--platform",
        "instagram",
        "--caption",
        "Agenda RDP Komisi I.",
    )
    code, out, _ = run(capsys, "--workspace", str(ws_dir), "post", "set-status", "1", "review")
    assert code == 0 and "Draf → Menunggu tinjauan" in out
    code, out, err = run(capsys, "--workspace", str(ws_dir), "post", "set-status", "1", "published")
    assert (
        code == 1
        and err.strip() == 'Status tidak bisa diubah dari "Menunggu tinjauan" ke "Terbit".'
    )
    code, out, _ = run(
        capsys,
        "--workspace",
        str(ws_dir),
        "post",
        "set-status",
        "1",
        "request-changes",
        "--comment",
        "Lengkapi sumber",
    )
    assert code == 0
    code, out, _ = run(
        capsys, "--workspace", str(ws_dir), "post", "show", "1", "--history", "--json"
    )
    history = json.loads(out)["history"]
    assert [h["action"] for h in history] == ["create", "update", "submit", "request_changes"]
    assert history[-1]["detail"] == {"comment": "Lengkapi sumber"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["post", "show", "77"], "Unggahan #77 tidak ditemukan."),
        (["post", "add", "--title", "x", "--schedule", "2026-02-30 09:00"], "tidak dikenali"),
        (
            ["post", "add", "--title", "x", "--event-date", "kemarin"],
            'Tanggal "kemarin" tidak dikenali',
        ),
        (
            ["post", "add", "--title", "x", "--platform", "myspace"],
            'Platform "myspace" tidak dikenal',
        ),
        (["queue", "--week", "2026-W60"], 'Minggu "2026-W60" tidak dikenali'),
        (["post", "delete", "1"], "tidak ditemukan"),
        (["post", "frobnicate"], "perintah tidak lengkap atau salah"),
        (["post", "add"], "argumen wajib belum diisi: --title"),
        (
            ["post", "add", "--title", "x", "--template", "poster"],
            'Templat kartu "poster" tidak dikenal',
        ),
        (["post", "show", "tujuh"], "id: nilai 'tujuh' tidak valid"),
        (["post", "list", "--status", "selesai"], 'Status "selesai" tidak dikenal'),
    ],
)
def test_user_errors_are_one_indonesian_line_with_exit_1(ws_dir, capsys, args, expected):
    code, out, err = run(capsys, "--workspace", str(ws_dir), *args)
    assert code == 1
    assert expected in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_english_messages(ws_dir, capsys):
    code, _, err = run(capsys, "--lang", "en", "--workspace", str(ws_dir), "post", "show", "5")
    assert code == 1 and err.strip() == "Post #5 not found."


def test_corrupt_database_via_cli_offers_backup_and_keeps_file(ws_dir, capsys):
    ws_dir.mkdir()
    (ws_dir / DB_NAME).write_bytes(b"\x00garbage" * 100)
    backups = ws_dir / "backups"
    backups.mkdir()
    (backups / "sumbar-20261129-170000-harian.db").write_bytes(b"")
    code, _, err = run(capsys, "--workspace", str(ws_dir), "post", "list")
    assert code == 1 and "sumbar-20261129-170000-harian.db" in err and "Traceback" not in err
    assert (ws_dir / DB_NAME).read_bytes() == b"\x00garbage" * 100


def test_restore_keeps_the_damaged_file_aside(ws_dir, capsys):
    run(capsys, "--workspace", str(ws_dir), "post", "add", "--title", "Hari Ibu")
    from sumbar_studio.core.workspace import Workspace

    with Workspace.open(ws_dir) as ws:
        backup = ws.backup("manual")
    (ws_dir / DB_NAME).write_bytes(b"rusak" * 200)
    for side in ("-wal", "-shm"):
        (ws_dir / (DB_NAME + side)).unlink(missing_ok=True)
    code, out, _ = run(capsys, "--workspace", str(ws_dir), "restore", str(backup))
    assert code == 0 and "1 unggahan" in out
    kept = list((ws_dir / "backups").glob("sumbar-*-sebelum-pulih-rusak.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"rusak" * 200
    assert str(kept[0]) in out  # the officer is told where the damaged file was kept
    code, out, _ = run(capsys, "--workspace", str(ws_dir), "post", "list")
    assert "Hari Ibu" in out


def test_doctor_reports_health(ws_dir, capsys):
    code, out, _ = run(capsys, "--workspace", str(ws_dir), "doctor", "--json")
    report = json.loads(out)
    names = {c["name"]: c for c in report["checks"]}
    assert code == 0
    assert names["Pemeriksaan integritas basis data"]["value"] == "ok"
    assert names["Versi skema"]["ok"]
    assert "Tata letak teks (raqm)" in names and "Keyring sistem (kata sandi akun)" in names


def test_console_script_runs_as_a_process(ws_dir):
    result = subprocess.run(
        [sys.executable, "-m", "sumbar_studio", "--workspace", str(ws_dir), "post", "show", "3"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "Unggahan #3 tidak ditemukan."


def test_output_into_a_closed_pipe_is_not_an_error(ws_dir):
    from sumbar_studio.core.model import Post
    from sumbar_studio.core.workspace import Workspace

    with Workspace.open(ws_dir) as ws, ws.repository.transaction():
        for i in range(200):  # about 300 KB of JSON: more than a pipe buffer holds
            ws.repository.insert(Post(title=f"Unggahan {i}", caption="x" * 1000), "uji")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sumbar_studio",
            "--workspace",
            str(ws_dir),
            "post",
            "list",
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.read(100)  # like `| head -c 100`: the reader stops early
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert b"Traceback" not in proc.stderr.read()


def test_approve_and_attest_through_the_checklist(ws_dir, capsys):
    """The CLI approves the way the checklist panel does: attest the manual items, then
    approve as one of the workspace's approvers; a status change is not an approval."""
    from sumbar_studio.core.settings import Person
    from sumbar_studio.core.workspace import Workspace

    with Workspace.open(ws_dir) as ws:
        settings = ws.team_settings()
        settings.people = [
            Person("Rina Marlina", "199001012015032001", "Pranata Humas"),
            Person("Drs. Hendra Saputra", "197506181998031003", "Kepala Bagian", True),
        ]
        ws.save_team_settings(settings)
    w = ["--workspace", str(ws_dir)]
    caption = "Komisi I DPRD Sumbar menggelar rapat dengar pendapat di Padang, Senin (7/12/2026)."
    run(capsys, *w, "post", "add", "--title", "RDP Komisi I", "--caption", caption,
        "--platform", "facebook")  # fmt: skip
    run(capsys, *w, "post", "set-status", "1", "review")
    code, _, err = run(capsys, *w, "post", "set-status", "1", "approve")
    assert code == 1 and '"post approve"' in err
    code, _, err = run(capsys, *w, "post", "approve", "1")
    assert code == 1 and "butir wajib belum dicentang" in err
    code, out, _ = run(capsys, *w, "post", "attest", "1", "kredibel", "--as", "Rina Marlina")
    assert code == 0 and 'Rina Marlina mencentang butir "kredibel"' in out
    code, _, err = run(capsys, *w, "post", "approve", "1", "--approver", "Orang Lain")
    assert code == 1 and "bukan penyetuju" in err and "Drs. Hendra Saputra" in err
    code, out, err = run(capsys, *w, "post", "approve", "1")
    assert code == 0, err
    assert "Menunggu tinjauan → Disetujui, disetujui oleh Drs. Hendra Saputra" in out
    code, out, _ = run(capsys, *w, "post", "show", "1", "--json")
    assert json.loads(out)["approval"]["nip"] == "197506181998031003"
