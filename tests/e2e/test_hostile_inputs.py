"""Hostile input files through the real CLI: FIFOs, devices and folders never block, zip bombs
and odd manifests are refused quickly, image bombs and broken PNGs, broken team files, unknown
printers, a lock held too long, CSV oddities — each one line of Indonesian, exit 1, no
traceback (issue #15 items 9, 11, 13, 15, 16)."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from cli_helpers import assert_one_line, run_cli
from export_helpers import add_post, make_photo
from PIL import Image

from sumbar_studio.core.importer import parse_file
from sumbar_studio.core.workspace import DB_NAME, Workspace

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and devices")


def cli(*args, timeout=60) -> subprocess.CompletedProcess:
    return run_cli(*args, timeout=timeout)


@pytest.fixture
def ws(tmp_path):
    path = tmp_path / "ws"
    with Workspace.open(path) as w:
        add_post(w, tmp_path, "Rapat Paripurna")
    return path


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipa.json"
    os.mkfifo(path)
    return path


# -- item 9: only regular files are read -----------------------------------------------------


def test_a_fifo_as_any_input_file_never_blocks(tmp_path, ws, fifo):
    photo_fifo = tmp_path / "foto.jpg"
    os.mkfifo(photo_fifo)
    cases = [
        ("check", "--text-file", fifo),
        ("--workspace", ws, "post", "add", "--title", "x", "--caption-file", fifo),
        ("--workspace", ws, "post", "add", "--title", "x", "--photo", photo_fifo),
        (
            "render",
            "--template",
            "berita",
            "--format",
            "4x5",
            "--set",
            "title=x",
            "--photo",
            photo_fifo,
            "-o",
            tmp_path / "o.jpg",
        ),
        ("render", "--template", fifo, "--format", "4x5", "-o", tmp_path / "o.jpg"),
        ("--workspace", ws, "restore", fifo),
    ]
    for args in cases:
        result = cli(*args, timeout=30)  # a block would time out here
        line = assert_one_line(result)
        assert "bukan berkas biasa" in line, (args, line)


def test_dev_zero_and_folders_are_refused_at_once(tmp_path, ws):
    assert_one_line(cli("check", "--text-file", "/dev/zero", timeout=30), "bukan berkas biasa")
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert_one_line(cli("check", "--text-file", folder), "folder")
    assert_one_line(
        cli("render", "--template", folder, "--format", "4x5", "-o", tmp_path / "o.jpg"), "folder"
    )
    assert_one_line(cli("--workspace", ws, "restore", folder), "folder")


def test_a_card_photo_path_in_a_post_that_is_a_fifo_never_blocks_the_export(tmp_path, ws):
    photo_fifo = tmp_path / "lain.jpg"
    os.mkfifo(photo_fifo)
    edit = cli("--workspace", ws, "post", "edit", "1", "--set", f"photo={photo_fifo}", timeout=30)
    assert "Traceback" not in edit.stderr
    result = cli(
        "--workspace",
        ws,
        "export",
        "--post",
        "1",
        "--out",
        tmp_path / "b",
        "--allow-unapproved",
        "--workers",
        "1",
        timeout=60,
    )
    assert "Traceback" not in result.stderr


def test_an_oversized_text_file_is_refused_with_its_limit(tmp_path):
    big = tmp_path / "besar.txt"
    with big.open("wb") as fh:
        fh.truncate(3 * 1024 * 1024)  # sparse: 3 MB of NULs, over the 2 MB text limit
    assert_one_line(cli("check", "--text-file", big), "terlalu besar", "2.0 MB")


# -- item 11: verify refuses zip bombs and odd manifests quickly ----------------------------


def test_verify_refuses_a_zip_declaring_a_huge_entry(tmp_path):
    bomb = tmp_path / "bom.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr(
            "b/manifest.json",
            json.dumps({"files": [{"path": "x.jpg", "kind": "image", "sha256": "0" * 64}]}),
        )
        with zf.open("b/x.jpg", "w", force_zip64=True) as fh:
            for _ in range(300):
                fh.write(bytes(1 << 20))
    assert bomb.stat().st_size < 3 * 1024 * 1024
    result = cli("verify", bomb)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "ditolak" in result.stdout + result.stderr and "x.jpg" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "manifest",
    [
        b"[]",
        b'{"files": 5}',
        b'{"files": [1, 2]}',
        b"\xff\xfe{}",
        b'{"files": [{"path": {"a": 1}}]}',
        b"[" * 100000,
    ],
)
def test_verify_gives_a_message_for_odd_manifest_json(tmp_path, manifest):
    folder = tmp_path / "bundel"
    folder.mkdir()
    (folder / "manifest.json").write_bytes(manifest)
    archive = tmp_path / "bundel.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("bundel/manifest.json", manifest)
    for target in (folder, archive):
        result = cli("verify", target)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stdout.strip() or result.stderr.strip()


def test_verify_refuses_an_oversized_manifest(tmp_path):
    folder = tmp_path / "bundel"
    folder.mkdir()
    with (folder / "manifest.json").open("wb") as fh:
        fh.truncate(64 * 1024 * 1024)
    result = cli("verify", folder)
    assert result.returncode == 1 and "terlalu besar" in result.stdout + result.stderr


# -- item 13: one line where the CLI promises one line ---------------------------------------


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (
        struct.pack(">I", len(body))
        + kind
        + body
        + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    )


def _pngs(tmp_path) -> dict[str, Path]:
    Image.new("RGB", (64, 48), "navy").save(tmp_path / "ok.png")
    data = (tmp_path / "ok.png").read_bytes()
    bomb = zlib.compress(bytes(50 * 1024 * 1024), 9)
    made = {}
    made["ztxt-bom.png"] = data[:33] + _chunk(b"zTXt", b"Comment\0\0" + bomb) + data[33:]
    made["iccp-bom.png"] = data[:33] + _chunk(b"iCCP", b"icc\0\0" + bomb) + data[33:]
    broken = bytearray(data)
    broken[20] ^= 0xFF
    made["crc.png"] = bytes(broken)
    made["pendek.png"] = data[:40]
    paths = {}
    for name, content in made.items():
        (tmp_path / name).write_bytes(content)
        paths[name] = tmp_path / name
    return paths


def test_image_bombs_and_broken_pngs_are_one_line(tmp_path, ws):
    for name, path in _pngs(tmp_path).items():
        render = cli(
            "render",
            "--template",
            "berita",
            "--format",
            "4x5",
            "--set",
            "title=x",
            "--photo",
            path,
            "-o",
            tmp_path / "o.jpg",
        )
        assert_one_line(render, name)
        add = cli("--workspace", ws, "post", "add", "--title", "x", "--photo", path)
        assert_one_line(add, name)


def test_output_into_an_unwritable_place_is_one_line(tmp_path):
    photo = make_photo(tmp_path / "foto.jpg")
    (tmp_path / "berkas").write_text("bukan folder")
    for out in (tmp_path / "berkas" / "kartu.jpg", Path("/proc/tidak-ada/kartu.jpg")):
        result = cli(
            "render",
            "--template",
            "berita",
            "--format",
            "4x5",
            "--set",
            "title=x",
            "--photo",
            photo,
            "-o",
            out,
        )
        assert_one_line(result, "tidak dapat ditulis")
    if os.geteuid() != 0:  # root writes into read-only folders anyway
        locked = tmp_path / "terkunci"
        locked.mkdir(mode=0o555)
        result = cli(
            "render",
            "--template",
            "berita",
            "--format",
            "4x5",
            "--set",
            "title=x",
            "--photo",
            photo,
            "-o",
            locked / "kartu.jpg",
        )
        assert_one_line(result, "izin")


def test_a_lock_held_past_the_busy_timeout_is_one_line(ws):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(60)",
            str(ws / DB_NAME),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = cli("--workspace", ws, "post", "add", "--title", "Menunggu", timeout=120)
        assert_one_line(result, "terkunci")
    finally:
        holder.kill()
        holder.wait()


def test_an_unknown_printer_is_one_line(ws):
    result = cli("--workspace", ws, "plan", "--week", "2026-W50", "--printer", "Tidak-Ada-123")
    assert_one_line(result, "Tidak-Ada-123", "tidak dikenal")


@pytest.mark.parametrize(
    "name, content",
    [
        # (an invalid team regex line is refused line by line instead: tests/core/test_checks_limits.py)
        ("rules/checklist.json", "{rusak"),
        ("platforms.json", '{"formats": '),
        ("team.json", '{"people": [{"nama": "x"}]}'),
        ("team.json", "\xff\xfe"),
    ],
)
def test_a_broken_team_file_falls_back_with_a_warning(tmp_path, ws, name, content):
    target = ws / name
    target.parent.mkdir(exist_ok=True)
    target.write_text(content, encoding="latin-1")
    check = cli("--workspace", ws, "check", "--post", "1")
    assert "Traceback" not in check.stderr and check.returncode in (0, 1), check.stderr
    assert "Peringatan" in check.stderr and "rusak" in check.stderr
    export = cli(
        "--workspace", ws, "export", "--post", "1", "--out", tmp_path / "b", "--workers", "1"
    )
    assert export.returncode == 0, export.stderr
    assert "Peringatan" in export.stderr


def test_the_settings_rule_check_names_the_problem():
    from sumbar_studio.core.checks.rulesdata import rule_file_problem
    from sumbar_studio.core.platforms import catalog_problem

    assert rule_file_problem("campaign.txt", "re:(kampanye\n")
    assert rule_file_problem("campaign.txt", "pilih saya\n") is None
    assert catalog_problem(
        {"formats": {}, "platforms": {"x": {"formats": ["9x9"]}}, "checked_on": "", "source": ""}
    )


def test_demo_on_a_full_disk_is_one_line(tmp_path):
    import resource
    import signal

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, 150_000))

    result = run_cli("demo", "--out", tmp_path / "demo", preexec_fn=full_disk)
    assert_one_line(result)


# -- item 15: the CSV importer ---------------------------------------------------------------


def test_csv_with_cr_only_line_ends_reads_every_row(tmp_path):
    path = tmp_path / "agenda.csv"
    path.write_bytes(
        b"tanggal;judul;tempat\r2026-12-07;Rapat paripurna;Padang\r2026-12-08;Reses;Bukittinggi\r"
    )
    preview = parse_file(path)
    assert preview.file_errors == []
    assert [r.post.title for r in preview.rows] == ["Rapat paripurna", "Reses"]


def test_excel_unicode_text_utf16_is_read(tmp_path):
    path = tmp_path / "agenda.txt"
    path.write_bytes(
        "tanggal\tjudul\ttempat\r\n07/12/2026\tRapat Badan Anggaran\tPadang\r\n".encode("utf-16")
    )
    preview = parse_file(path)
    assert preview.file_errors == []
    assert [r.post.title for r in preview.rows] == ["Rapat Badan Anggaran"]


def test_csv_oversized_cells_and_binary_files_get_a_clear_message(tmp_path):
    big = tmp_path / "besar.csv"
    big.write_text('tanggal,judul,keterangan\n2026-12-07,Rapat,"' + "x" * 200_000 + '"\n')
    [message] = parse_file(big).file_errors
    assert "128 KB" in message and "Baris 2" in message
    binary = tmp_path / "foto.csv"
    binary.write_bytes(bytes(range(256)) * 40)
    [message] = parse_file(binary).file_errors
    assert "biner" in message
    pipe = tmp_path / "pipa.csv"
    os.mkfifo(pipe)
    [message] = parse_file(pipe).file_errors
    assert "bukan berkas biasa" in message


# -- item 16: exported bundles are ordinary, workspace data private --------------------------


def test_exported_bundles_are_ordinary_files_and_folders(tmp_path, ws):
    out = tmp_path / "b"
    result = cli(
        "--workspace", ws, "export", "--post", "1", "--out", out, "--workers", "1", "--zip"
    )
    assert result.returncode == 0, result.stderr
    mask = _umask()
    for path in out.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o777 if path.is_dir() else 0o666) & ~mask, (path, oct(mode))
    for name in (DB_NAME, "team.json"):
        if (ws / name).exists():
            assert stat.S_IMODE((ws / name).stat().st_mode) == 0o600
    conn = sqlite3.connect(ws / DB_NAME)
    conn.close()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
