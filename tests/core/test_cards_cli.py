"""The card commands through ``sumbar_studio.cli.main``: render, templates, gallery."""

from __future__ import annotations

import json

from cards_helpers import gradient_photo
from PIL import Image

from sumbar_studio.cli import main


def test_render_one_format(tmp_path, capsys):
    photo = gradient_photo(tmp_path / "foto.jpg", (1600, 1200))
    out = tmp_path / "kartu.jpg"
    rc = main(
        [
            "render",
            "--template",
            "berita",
            "--format",
            "4x5",
            "--set",
            "title=Rapat Paripurna",
            "--set",
            "date=2026-12-07",
            "--photo",
            str(photo),
            "--focal",
            "0.3,0.4",
            "-o",
            str(out),
        ]
    )
    assert rc == 0
    with Image.open(out) as img:
        assert img.size == (1080, 1350) and img.format == "JPEG"
    assert "kartu.jpg" in capsys.readouterr().out


def test_render_all_formats_with_person_fields(tmp_path, capsys):
    photo = gradient_photo(tmp_path / "potret.jpg", (900, 1100))
    rc = main(
        [
            "render",
            "-t",
            "kutipan",
            "--format",
            "all",
            "--set",
            "quote=Anggaran untuk rakyat.",
            "--set",
            "person.name=H. Fulan",
            "--set",
            "person.role=Ketua DPRD Provinsi Sumatera Barat",
            "--photo",
            str(photo),
            "-o",
            str(tmp_path / "out" / "q.png"),
            "--json",
        ]
    )
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["format"] for d in data} == {"1x1", "4x5", "9x16", "191x1", "16x9"}
    for d in data:
        with Image.open(d["path"]) as img:
            assert list(img.size) == d["size"] and img.format == "PNG"


def test_missing_required_field_is_one_line_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "x.jpg"
    rc = main(["render", "-t", "agenda", "--set", "title=Rapat", "-o", str(out)])
    assert rc == 1
    err = capsys.readouterr().err.strip()
    assert "Hari/tanggal" in err and "\n" not in err
    assert not out.exists()


def test_truncated_photo_writes_nothing(tmp_path, capsys):
    photo = gradient_photo(tmp_path / "foto.jpg", (800, 600))
    broken = tmp_path / "rusak.jpg"
    broken.write_bytes(photo.read_bytes()[:3000])
    rc = main(
        [
            "render",
            "-t",
            "berita",
            "--format",
            "all",
            "--set",
            "title=Judul",
            "--photo",
            str(broken),
            "-o",
            str(tmp_path / "out") + "/",
        ]
    )
    assert rc == 1
    assert "rusak" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_overflow_is_refused_unless_allowed(tmp_path, capsys):
    photo = gradient_photo(tmp_path / "foto.jpg", (800, 600))
    long_title = "Sangat panjang sekali " * 60
    out = tmp_path / "x.jpg"
    args = [
        "render",
        "-t",
        "berita",
        "--format",
        "191x1",
        "--set",
        f"title={long_title}",
        "--photo",
        str(photo),
        "-o",
        str(out),
    ]
    assert main(args) == 1
    assert "tidak muat" in capsys.readouterr().err
    assert not out.exists()
    assert main([*args, "--allow-overflow"]) == 0
    assert out.exists()


def test_templates_lists_fields_and_formats(capsys):
    assert main(["templates"]) == 0
    text = capsys.readouterr().out
    for tid in ("berita", "kutipan", "ucapan", "agenda", "infografis", "duka_cita"):
        assert tid in text
    assert main(["templates", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    agenda = next(d for d in data if d["id"] == "agenda")
    assert {"date", "time", "place"} <= {f["id"] for f in agenda["fields"]}
    assert agenda["formats"] == ["1x1", "4x5", "9x16", "191x1", "16x9"]


def test_gallery_writes_cards_and_contact_sheet(tmp_path, capsys):
    rc = main(
        ["gallery", "--out", str(tmp_path / "g"), "-t", "infografis", "-f", "1x1", "-f", "16x9"]
    )
    assert rc == 0
    names = sorted(p.name for p in (tmp_path / "g").glob("*.png"))
    assert names == [
        "infografis-panjang-16x9.png",
        "infografis-panjang-1x1.png",
        "infografis-pendek-16x9.png",
        "infografis-pendek-1x1.png",
    ]
    assert (tmp_path / "g" / "contact-sheet.jpg").exists()
