"""``export``, ``verify`` and ``demo`` end to end through the CLI."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from export_helpers import add_post  # noqa: E402  (tests/ is on sys.path)
from pypdf import PdfReader  # noqa: E402

from sumbar_studio.cli import main  # noqa: E402
from sumbar_studio.core.demo import build_demo_workspace  # noqa: E402
from sumbar_studio.core.workspace import Workspace  # noqa: E402


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_week_verify_and_tamper(tmp_path, capsys):
    ws_dir = tmp_path / "ws"
    with Workspace.open(ws_dir) as ws:
        a = add_post(ws, tmp_path, "Rapat Paripurna APBD", platforms=("instagram", "x"))
        add_post(
            ws,
            tmp_path,
            "Reses Dapil II",
            when="2026-12-09 10:00",
            approve=False,
            platforms=("facebook",),
        )
        add_post(ws, tmp_path, "Minggu lain", when="2026-12-20 10:00", platforms=("x",))
    out = tmp_path / "bundel"

    code, _, err = run(capsys, "--workspace", ws_dir, "export", "--week", "2026-W50", "--out", out)
    assert code == 1
    assert "belum disetujui" in err and "Reses Dapil II" in err
    assert not out.exists() or not list(out.iterdir())

    code, stdout, _ = run(
        capsys,
        "--workspace",
        ws_dir,
        "export",
        "--week",
        "2026-W50",
        "--out",
        out,
        "--zip",
        "--allow-unapproved",
        "--workers",
        "1",
    )
    assert code == 0, stdout
    assert "2 bundel ditulis" in stdout and "DRAF" in stdout
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "2026-12-07_0900_rapat-paripurna-apbd",
        "2026-12-07_0900_rapat-paripurna-apbd.zip",
        "2026-12-09_1000_reses-dapil-ii",
        "2026-12-09_1000_reses-dapil-ii.zip",
    ]

    bundle = out / "2026-12-07_0900_rapat-paripurna-apbd"
    code, stdout, _ = run(capsys, "verify", bundle)
    assert code == 0 and "Bundel utuh" in stdout

    image = bundle / "x" / "x_16x9_01.jpg"
    data = bytearray(image.read_bytes())
    data[-100] ^= 0xFF
    image.write_bytes(bytes(data))
    (bundle / "instagram" / "instagram_caption.txt").unlink()
    code, stdout, _ = run(capsys, "verify", bundle)
    assert code == 1
    assert "TIDAK utuh" in stdout
    assert "hilang: instagram/instagram_caption.txt" in stdout
    assert "berubah: x/x_16x9_01.jpg" in stdout

    code, stdout, _ = run(capsys, "verify", bundle, "--json")
    [report] = json.loads(stdout)
    assert report["missing"] == ["instagram/instagram_caption.txt"]

    code, stdout, _ = run(
        capsys,
        "--workspace",
        ws_dir,
        "export",
        "--post",
        a.id,
        "--out",
        tmp_path / "satu",
        "--json",
    )
    assert code == 0 and json.loads(stdout)[0]["draft"] is False

    code, stdout, _ = run(
        capsys, "--workspace", ws_dir, "export", "--day", "2026-12-08", "--out", tmp_path / "kosong"
    )
    assert code == 0 and "Tidak ada unggahan" in stdout

    code, _, err = run(capsys, "verify", tmp_path)
    assert code == 1


def test_demo_writes_workspace_bundles_and_plan(tmp_path, capsys):
    out = tmp_path / "demo"
    code, stdout, err = run(capsys, "demo", "--out", out, "--week", "2026-W52")
    assert code == 0, err
    assert "Ruang kerja contoh" in stdout
    bundles = [p for p in (out / "bundel").iterdir() if p.is_dir()]
    assert 12 <= len(bundles) <= 20
    assert any("ucapan-hari-ibu" in p.name for p in bundles)  # 22 Desember is in W52
    for bundle in bundles:
        code, _, _ = run(capsys, "verify", bundle)
        assert code == 0, bundle
    drafts = [
        json.loads((b / "manifest.json").read_text(encoding="utf-8"))["draft"] for b in bundles
    ]
    assert any(drafts) and not all(drafts)  # a mix of approved and draft posts
    pdf = out / "rencana-konten-2026-W52.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Senin, 21 Desember - Minggu, 27 Desember 2026" in " ".join(text.split())
    assert (out / "ruang-kerja" / "DEMO.txt").is_file()

    code, stdout, _ = run(capsys, "--workspace", out / "ruang-kerja", "queue", "--week", "2026-W52")
    assert code == 0 and "Rapat Paripurna" in stdout
    # running it again re-creates the demo workspace instead of piling up posts
    build_demo_workspace(out / "ruang-kerja", week=(2026, 52))
    with Workspace.open(out / "ruang-kerja") as ws:
        assert ws.posts.count() == len(bundles)
