"""Hostile user text on the command line: escape sequences in titles, a BOM before a caption."""

from __future__ import annotations

import json

from sumbar_studio.cli import main
from sumbar_studio.core.text.cleaning import terminal_safe, terminal_safe_json

EVIL = "Rapat \x1b]0;pwned\x07\x1b[2J\x1b[31mMERAH\r\x9b1A \u202egnp.exe"


def run(capsys, *args):
    code = main([*args])
    out, err = capsys.readouterr()
    return code, out, err


def _no_controls(text: str) -> None:
    bad = [
        c
        for c in text
        if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E
    ]
    assert not bad, repr(bad)


def test_post_list_and_show_print_no_terminal_escapes(tmp_path, capsys):
    ws = str(tmp_path / "ws")
    code, _, _ = run(
        capsys,
        "--workspace",
        ws,
        "post",
        "add",
        "--title",
        EVIL,
        "--caption",
        f"Isi {EVIL}",
        "--platform",
        "instagram",
    )
    assert code == 0
    for args in (("post", "list"), ("post", "show", "1")):
        code, out, err = run(capsys, "--workspace", ws, *args)
        assert code == 0
        _no_controls(out + err)
        assert "\\x1b]0;pwned" in out  # still visible, as an escape
    code, out, _ = run(capsys, "--workspace", ws, "post", "show", "1", "--json")
    _no_controls(out)
    assert json.loads(out)["title"] == EVIL  # the JSON still carries the exact value


def test_terminal_safe_keeps_ordinary_text():
    text = "Rapat Paripurna\n\tDPRD Sumbar 👨‍👩‍👧 é"
    assert terminal_safe(text) == text
    assert terminal_safe("a\x1bb") == "a\\x1bb"
    assert json.loads(terminal_safe_json({"t": EVIL})) == {"t": EVIL}


def test_bom_at_the_start_of_a_caption_is_removed(tmp_path, capsys):
    ws = str(tmp_path / "ws")
    caption = tmp_path / "caption.txt"
    caption.write_bytes("\ufeffRapat paripurna DPRD Sumbar berlangsung di Padang.".encode())
    code, _, _ = run(
        capsys,
        "--workspace",
        ws,
        "post",
        "add",
        "--title",
        "Rapat",
        "--caption-file",
        str(caption),
        "--platform",
        "instagram",
    )
    assert code == 0
    code, out, _ = run(capsys, "--workspace", ws, "post", "show", "1", "--json")
    assert json.loads(out)["caption"].startswith("Rapat paripurna")
    code, _, _ = run(
        capsys,
        "--workspace",
        ws,
        "post",
        "edit",
        "1",
        "--caption",
        "\ufeffRapat lagi",
        "--variant",
        "x=\ufeffTeks X",
    )
    code, out, _ = run(capsys, "--workspace", ws, "post", "show", "1", "--json")
    data = json.loads(out)
    assert data["caption"] == "Rapat lagi" and data["variants"]["x"] == "Teks X"


def test_bom_does_not_shift_line_one_columns_in_check(tmp_path, capsys):
    plain = tmp_path / "plain.txt"
    plain.write_text("Kegiatan dimana warga hadir.", encoding="utf-8")
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())

    def columns(path):
        run(capsys, "check", "--text-file", str(path), "--json")
        _, out, _ = run(capsys, "check", "--text-file", str(path), "--json")
        return [
            (f["rule"], f["line"], f["column"])
            for f in json.loads(out)["findings"]
            if f["line"] is not None
        ]

    assert columns(bom) == columns(plain)
    assert ("bahasa.preposisi", 1, 10) in columns(plain)


def test_check_prints_remove_as_the_fix_for_invisible_characters(tmp_path, capsys):
    text = tmp_path / "t.txt"
    text.write_text("Rapat R\u200bAHASIA ini.", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--text-file", str(text))
    assert code == 1  # the hidden marking blocks
    assert "perbaikan: hapus (karakter tak terlihat)" in out


def test_usage_errors_quote_arguments_without_escapes(capsys):
    code, out, err = run(capsys, "post", "list", "--status", "x\x1b[2Jy")
    assert code == 1
    _no_controls(out + err)
    code, out, err = run(capsys, "post", "bogus\x1b]0;t\x07")
    assert code == 1
    _no_controls(out + err)
