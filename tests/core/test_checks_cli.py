"""``sumbar-studio check``: human and JSON output, exit status."""

from __future__ import annotations

import json

from sumbar_studio.cli import main
from sumbar_studio.core.model import Post
from sumbar_studio.core.workspace import Workspace

BAD = (
    "Padang, Selasa, 7 Desember 2026 – Rapat dimana di laksanakan pukul 09:00 Wib.\n"
    "Hubungi 0812-3456-7890 untuk info.\n"
)
CLEAN = "Rapat paripurna DPRD Provinsi Sumatera Barat digelar hari ini. #DPRDSumbar\n"


def test_text_file_human_output_grouped_with_line_column(tmp_path, capsys):
    f = tmp_path / "caption.txt"
    f.write_text(BAD, encoding="utf-8")
    rc = main(["check", "--text-file", str(f), "--platform", "x", "--platform", "instagram"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "== Prinsip ==" in out and "== Etika ==" in out
    assert "teks utama 1:41" in out  # "dimana"
    assert "perbaikan: di mana" in out
    assert f"x: {len(BAD)}/280" in out
    assert "menghalangi" in out


def test_text_file_json_counts_and_spans(tmp_path, capsys):
    f = tmp_path / "caption.txt"
    f.write_text(BAD, encoding="utf-8")
    rc = main(["check", "--text-file", str(f), "--platform", "x", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1
    assert data["platforms"]["x"]["limit"] == 280
    assert data["platforms"]["x"]["length"] == len(BAD)
    phone = [x for x in data["findings"] if x["rule"] == "pdp.telepon"][0]
    assert BAD[phone["start"] : phone["end"]] == "0812-3456-7890"
    assert (phone["line"], phone["column"]) == (2, 9)
    assert phone["severity"] == "blocking"


def test_clean_text_exit_zero_and_english(tmp_path, capsys):
    f = tmp_path / "caption.txt"
    f.write_text(CLEAN, encoding="utf-8")
    assert main(["--lang", "en", "check", "--text-file", str(f), "--platform", "instagram"]) == 0
    out = capsys.readouterr().out
    assert "Length per platform" in out


def test_post_check_from_workspace(tmp_path, capsys):
    ws_dir = tmp_path / "ws"
    with Workspace.open(ws_dir) as ws:
        post = ws.posts.add(Post(title="Uji", caption=BAD, platforms=["facebook"]), "Fadli")
    rc = main(["--workspace", str(ws_dir), "check", "--post", str(post.id), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1
    assert "facebook" in data["platforms"]
    assert any(i["id"] == "kredibel" and i["status"] == "manual-pending" for i in data["items"])


def test_unknown_platform_is_a_user_error(tmp_path, capsys):
    f = tmp_path / "caption.txt"
    f.write_text(CLEAN, encoding="utf-8")
    assert main(["check", "--text-file", str(f), "--platform", "myspace"]) == 1
    assert "myspace" in capsys.readouterr().err
