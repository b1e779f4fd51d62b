"""``sumbar-studio inbox …`` end to end, the weekly plan's page "Tanggapan masukan publik" and
the monthly PDF for the leadership (real PDFs read back with pypdf)."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from sumbar_studio.cli import main
from sumbar_studio.core.settings import Person, TeamSettings
from sumbar_studio.core.workspace import Workspace

OFFICER = "Rina Marlina"
HEAD = "Hendra Saputra"


@pytest.fixture
def ws_dir(tmp_path):
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        ws.save_team_settings(
            TeamSettings(
                people=[
                    Person(OFFICER, "199001012015032001", "Pranata Humas"),
                    Person(HEAD, "197501011998031002", "Kepala Bagian", can_approve=True),
                ]
            )
        )
    return path


def run(ws_dir, capsys, *args) -> tuple[int, str, str]:
    code = main(["--workspace", str(ws_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_journey(ws_dir, capsys):
    code, out, _ = run(
        ws_dir,
        capsys,
        "inbox",
        "add",
        "--json",
        "--as",
        OFFICER,
        "--received",
        "2026-12-02 09.00",
        "--topic",
        "Jalan rusak",
        "@uda_padang: Jalan di Lubuk Begalung rusak parah, kapan diperbaiki?",
    )
    assert code == 0
    entry = json.loads(out)
    assert entry["channel"] == "instagram_komentar" and entry["kind"] == "pengaduan"
    assert entry["sender"] == "@ud•••"  # masked even in JSON unless shown with --reveal
    assert entry["due_at"] == "2026-12-04T09:00:00Z"
    eid = str(entry["id"])

    code, out, _ = run(ws_dir, capsys, "inbox", "list")
    assert code == 0 and "@ud•••" in out and "uda_padang" not in out
    code, out, err = run(ws_dir, capsys, "inbox", "show", eid, "--reveal", "--as", OFFICER)
    assert code == 1 and "UU 27/2022" in err  # not (yet) the officer who answers
    code, out, _ = run(ws_dir, capsys, "inbox", "show", eid, "--reveal", "--json", "--as", HEAD)
    assert json.loads(out)["sender"] == "@uda_padang"

    code, out, err = run(ws_dir, capsys, "inbox", "assign", eid, "--officer", "Siapa")
    assert code == 1 and "tidak ada dalam daftar petugas" in err
    code, out, _ = run(
        ws_dir,
        capsys,
        "inbox",
        "assign",
        eid,
        "--officer",
        OFFICER,
        "--forward",
        "Komisi IV",
        "--as",
        OFFICER,
    )
    assert code == 0 and "Komisi IV" in out and "Ditangani" in out

    code, out, _ = run(
        ws_dir,
        capsys,
        "inbox",
        "reply",
        eid,
        "--json",
        "--text",
        "NIK Bapak 1371014506900001 dasar bodoh",
    )
    result = json.loads(out)
    assert code == 1 and result["blocking"] >= 2
    assert {"pdp.nik", "tanggapan.hinaan"} <= {f["rule"] for f in result["findings"]}

    code, out, err = run(
        ws_dir, capsys, "inbox", "reply", eid, "--template", "diteruskan", "--sent", "--as", OFFICER
    )
    assert code == 1 and "persetujuan" in err
    code, out, _ = run(
        ws_dir,
        capsys,
        "inbox",
        "reply",
        eid,
        "--approve-as",
        HEAD,
        "--sent",
        "--json",
        "--as",
        OFFICER,
    )
    result = json.loads(out)
    assert code == 0 and result["status"] == "terkirim" and result["entry_status"] == "dijawab"

    code, out, err = run(ws_dir, capsys, "inbox", "close", eid)
    assert code == 1  # --reason or --done is required
    code, out, _ = run(ws_dir, capsys, "inbox", "close", eid, "--done", "--json")
    assert json.loads(out)["status"] == "selesai"

    code, out, _ = run(ws_dir, capsys, "inbox", "stats", "--month", "2026-12", "--json")
    stats = json.loads(out)
    assert (stats["received"], stats["answered"], stats["open"]) == (1, 1, 0)
    assert "uda" not in out

    code, out, _ = run(ws_dir, capsys, "inbox", "show", eid, "--json")
    history = [h["action"] for h in json.loads(out)["history"]]
    assert history == [
        "create",
        "reveal",
        "assign",
        "forward",
        "reply_draft",
        "reply_draft",
        "reply_approve",
        "reply_sent",
        "status",
    ]


def test_export_is_aggregate_unless_entries_are_asked_for(ws_dir, capsys, tmp_path):
    run(
        ws_dir,
        capsys,
        "inbox",
        "add",
        "--received",
        "2026-12-02 10.00",
        "--channel",
        "whatsapp",
        "--contact",
        "081234567890",
        "--sender",
        "Budi Santoso",
        "halo, kapan reses?",
    )
    out_csv = tmp_path / "agregat.csv"
    assert (
        run(ws_dir, capsys, "inbox", "export", "--month", "2026-12", "--out", str(out_csv))[0] == 0
    )
    text = out_csv.read_text(encoding="utf-8")
    assert text.splitlines()[1].startswith("total,,1,") and "Budi" not in text
    rows_csv = tmp_path / "baris.csv"
    run(
        ws_dir, capsys, "inbox", "export", "--month", "2026-12", "--out", str(rows_csv), "--entries"
    )
    rows = rows_csv.read_text(encoding="utf-8")
    assert "Bu••• S•••" in rows and "0812•••90" in rows
    assert "Budi Santoso" not in rows and "081234567890" not in rows


def _fill_week(ws_dir, capsys):
    run(
        ws_dir,
        capsys,
        "inbox",
        "add",
        "--received",
        "2026-12-07 09.00",
        "--topic",
        "Jalan rusak",
        "@uda_padang: jalan rusak parah",
    )
    run(
        ws_dir,
        capsys,
        "inbox",
        "add",
        "--received",
        "2026-12-08 20.00",
        "[08/12/26 20.00] Budi Santoso: kapan reses dapil II?",
    )
    run(ws_dir, capsys, "inbox", "assign", "1", "--forward", "Komisi IV")


def test_weekly_plan_pdf_has_the_inbox_page(ws_dir, capsys, tmp_path):
    _fill_week(ws_dir, capsys)
    out = tmp_path / "rencana.pdf"
    code, printed, _ = run(ws_dir, capsys, "plan", "--week", "2026-W50", "-o", str(out))
    assert code == 0, printed
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(str(out)).pages]
    last = pages[-1]
    assert "Tanggapan masukan publik" in last
    assert "Rencana Konten" not in last.split("Tanggapan masukan publik")[1]
    for words in (
        "Diterima 2",
        "Per kanal",
        "Instagram (komentar)",
        "WhatsApp",
        "Per jenis",
        "Pengaduan",
        "Per tujuan penerusan",
        "Komisi IV",
        "Median waktu tanggapan",
        "Standar layanan: 24 jam kerja",
    ):
        assert words in last, words
    assert "uda_padang" not in " ".join(pages) and "Budi" not in " ".join(pages)
    assert f"Halaman {len(pages)} dari {len(pages)}" in last


def test_plan_without_a_register_has_no_inbox_page(ws_dir, capsys, tmp_path):
    out = tmp_path / "rencana.pdf"
    assert run(ws_dir, capsys, "plan", "--week", "2026-W50", "-o", str(out))[0] == 0
    text = " ".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "Tanggapan masukan publik" not in text


def test_monthly_pdf_for_the_leadership(ws_dir, capsys, tmp_path):
    _fill_week(ws_dir, capsys)
    out = tmp_path / "laporan.pdf"
    code, printed, _ = run(
        ws_dir, capsys, "inbox", "stats", "--month", "2026-12", "--pdf", str(out)
    )
    assert code == 0 and "1 halaman" in printed
    text = re.sub(r"\s+", " ", PdfReader(str(out)).pages[0].extract_text())
    assert "Laporan Tanggapan Masukan Publik" in text and "Desember 2026" in text
    assert "Diterima 2" in text and "Komisi IV" in text and "Budi" not in text
