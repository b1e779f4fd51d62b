"""Bundle export: contents, manifest, verification, atomicity and safe names."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime

import pytest
from export_helpers import add_post  # tests/ is on sys.path (rootdir conftest)
from PIL import Image, ImageChops

from sumbar_studio.core import export as export_mod
from sumbar_studio.core.export import (
    ExportCancelled,
    ExportRefused,
    bundle_name,
    export_posts,
    safe_name,
    verify_bundle,
)
from sumbar_studio.core.fileutil import WriteFailed
from sumbar_studio.core.model import Action, Post, Status
from sumbar_studio.core.timeutil import to_utc

WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


@pytest.fixture
def out(tmp_path):
    return tmp_path / "keluar"


def test_bundle_contents_and_manifest(workspace, tmp_path, out):
    post = add_post(workspace, tmp_path, "Rapat Paripurna APBD 2027")
    [result] = export_posts(workspace, [post], out, workers=1, make_zip=True)

    assert result.path == out.resolve() / "2026-12-07_0900_rapat-paripurna-apbd-2027"
    assert not result.draft
    names = sorted(
        p.relative_to(result.path).as_posix() for p in result.path.rglob("*") if p.is_file()
    )
    assert "manifest.json" in names
    assert "instagram/instagram_caption.txt" in names
    assert "instagram/instagram_4x5_01.jpg" in names
    assert "instagram/instagram_4x5_01.alt.txt" in names
    assert "x/x_16x9_01.jpg" in names
    assert any(n.startswith("facebook/facebook_191x1_01") for n in names)

    with Image.open(result.path / "x" / "x_16x9_01.jpg") as img:
        assert img.size == (1600, 900)
    caption = (result.path / "instagram" / "instagram_caption.txt").read_text(encoding="utf-8")
    assert caption == post.full_caption("instagram", 5)
    x_caption = (result.path / "x" / "x_caption.txt").read_text(encoding="utf-8")
    assert x_caption == post.full_caption("x", 3)
    alt = (result.path / "instagram" / "instagram_4x5_01.alt.txt").read_text(encoding="utf-8")
    assert "Rapat Paripurna APBD 2027" in alt and "Foto kegiatan 1" in alt

    manifest = json.loads((result.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["post"]["id"] == post.id
    assert manifest["post"]["title"] == "Rapat Paripurna APBD 2027"
    assert manifest["schedule"]["wib"] == "2026-12-07T09:00:00+07:00"
    assert manifest["platforms"] == ["instagram", "facebook", "x"]
    assert manifest["template"]["id"] == "berita"
    assert manifest["approved"] is True and manifest["draft"] is False
    assert manifest["approver"] == "Drs. H. Kepala Bagian"
    assert manifest["approval_hash"] == post.approval.content_hash
    assert manifest["app_version"]
    assert "checklist" in manifest
    images = [f for f in manifest["files"] if f["kind"] == "image"]
    assert images and all(
        {"bytes", "width", "height", "sha256", "platform", "format"} <= set(f) for f in images
    )
    listed = {f["path"] for f in manifest["files"]}
    assert listed == set(names) - {"manifest.json"}
    assert result.zip_path and result.zip_path.is_file()

    report = verify_bundle(result.path)
    assert report.ok and not report.missing and not report.altered and not report.extra


def test_verify_detects_changed_byte_missing_file_and_extra(workspace, tmp_path, out):
    post = add_post(
        workspace, tmp_path, "Rapat Dengar Pendapat Komisi III", platforms=("instagram", "threads")
    )
    [result] = export_posts(workspace, [post], out, workers=1)
    image = result.path / "instagram" / "instagram_4x5_01.jpg"
    data = bytearray(image.read_bytes())
    data[len(data) // 2] ^= 0x01
    image.write_bytes(bytes(data))
    (result.path / "threads" / "threads_caption.txt").unlink()
    (result.path / "catatan.txt").write_text("x")

    report = verify_bundle(result.path)
    assert not report.ok
    assert report.missing == ["threads/threads_caption.txt"]
    assert [f for f, _ in report.altered] == ["instagram/instagram_4x5_01.jpg"]
    assert report.extra == ["catatan.txt"]


def test_verify_detects_resized_image_with_same_name(workspace, tmp_path, out):
    post = add_post(workspace, tmp_path, "Kunjungan Kerja", platforms=("x",))
    [result] = export_posts(workspace, [post], out, workers=1)
    image = result.path / "x" / "x_16x9_01.jpg"
    Image.new("RGB", (100, 100)).save(image, "JPEG")
    report = verify_bundle(result.path)
    assert [f for f, _ in report.altered] == ["x/x_16x9_01.jpg"]
    assert verify_bundle(tmp_path / "tidak-ada").error


def test_unapproved_refused_unless_allowed_then_marked(workspace, tmp_path, out):
    post = add_post(
        workspace, tmp_path, "Reses Anggota Dapil I", approve=False, platforms=("instagram",)
    )
    with pytest.raises(ExportRefused) as err:
        export_posts(workspace, [post], out, workers=1)
    assert "belum disetujui" in str(err.value)
    assert not out.exists() or not any(out.iterdir())

    [result] = export_posts(workspace, [post], out, workers=1, allow_unapproved=True)
    manifest = json.loads((result.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["draft"] is True and manifest["approved"] is False
    assert manifest["draft_mark"] == "DRAF — BELUM DISETUJUI"
    assert result.draft


def test_draft_mark_is_visible(workspace, tmp_path, out):
    approved = add_post(workspace, tmp_path, "Sama Persis", platforms=("x",))
    draft = add_post(
        workspace, tmp_path, "Sama Persis", platforms=("x",), approve=False, when="2026-12-08 09:00"
    )
    a, d = export_posts(workspace, [approved, draft], out, workers=1, allow_unapproved=True)
    with (
        Image.open(a.path / "x" / "x_16x9_01.jpg") as ia,
        Image.open(d.path / "x" / "x_16x9_01.jpg") as id_,
    ):
        diff = ImageChops.difference(ia.convert("L"), id_.convert("L"))
        changed = sum(diff.point(lambda v: 255 if v > 40 else 0).histogram()[255:])
    assert changed / (1600 * 900) > 0.03  # a large visible mark, not a few pixels


def test_approval_invalidated_by_edit_counts_as_unapproved(workspace, tmp_path, out):
    post = add_post(workspace, tmp_path, "Infografis APBD", platforms=("x",))
    post.caption += " Tambahan setelah disetujui."  # not saved: the hash no longer matches
    with pytest.raises(ExportRefused):
        export_posts(workspace, [post], out, workers=1)


def test_reexport_replaces_bundle_whole(workspace, tmp_path, out):
    post = add_post(workspace, tmp_path, "Sosialisasi Perda", platforms=("instagram", "x"))
    [first] = export_posts(workspace, [post], out, workers=1)
    (first.path / "sisa-lama.txt").write_text("lama")
    post.platforms = ["x"]
    [second] = export_posts(workspace, [post], out, workers=1, allow_unapproved=True)
    assert second.path == first.path
    assert not (second.path / "sisa-lama.txt").exists()
    assert not (second.path / "instagram").exists()
    assert [p.name for p in out.iterdir()] == [first.path.name]


def test_export_failure_mid_write_leaves_nothing(workspace, tmp_path, out, monkeypatch):
    posts = [
        add_post(
            workspace,
            tmp_path,
            f"Agenda {i}",
            when=f"2026-12-0{7 + i} 10:00",
            platforms=("instagram",),
        )
        for i in range(2)
    ]
    [old] = export_posts(workspace, [posts[1]], out, workers=1)
    before = {p.relative_to(out) for p in out.rglob("*")}

    real = export_mod._write_text_files
    calls = []

    def boom(plan):
        calls.append(plan)
        records = real(plan)
        if len(calls) == 2:
            raise OSError("disk penuh (simulasi)")
        return records

    monkeypatch.setattr(export_mod.bundle, "_write_text_files", boom)  # where it is called
    with pytest.raises(WriteFailed, match="disk penuh"):  # one clear line, not a traceback
        export_posts(workspace, posts, out, workers=1)
    after = {p.relative_to(out) for p in out.rglob("*")}
    first = out / bundle_name(posts[0])
    assert first.is_dir() and verify_bundle(first).ok  # finished before the failure: whole
    assert after - before == {p.relative_to(out) for p in first.rglob("*")} | {
        first.relative_to(out)
    }
    assert verify_bundle(old.path).ok  # the bundle being replaced is untouched
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_cancel_leaves_no_partial_bundle(workspace, tmp_path, out):
    posts = [
        add_post(
            workspace, tmp_path, f"Kegiatan {i}", when=f"2026-12-0{7 + i} 09:00", platforms=("x",)
        )
        for i in range(3)
    ]
    seen = []

    with pytest.raises(ExportCancelled) as err:
        export_posts(
            workspace,
            posts,
            out,
            workers=1,
            progress=lambda done, total: seen.append((done, total)),
            cancel=lambda: len(seen) >= 2,
        )
    assert len(err.value.results) == 1
    assert sorted(p.name for p in out.iterdir()) == [bundle_name(posts[0])]
    assert seen[0] == (0, 3)


SIGKILL_SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from sumbar_studio.core import export
    from sumbar_studio.core.export import bundle
    from sumbar_studio.core.workspace import Workspace

    real = bundle.render_post_images

    def slow(task):
        records = real(task)
        print("rendered", flush=True)
        time.sleep(30)  # killed here: images written in the temporary folder, no manifest
        return records

    bundle.render_post_images = slow  # where the bundle writer calls it
    ws = Workspace.open(sys.argv[1])
    export.export_posts(ws, ws.posts.list(), Path(sys.argv[2]), workers=1)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_sigkill_mid_export_leaves_no_visible_partial_bundle(workspace, tmp_path, out):
    post = add_post(workspace, tmp_path, "Rapat Paripurna", platforms=("instagram", "x"))
    proc = subprocess.Popen(
        [sys.executable, "-c", SIGKILL_SCRIPT, str(workspace.path), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "rendered"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    visible = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert visible == []
    leftovers = [p for p in out.iterdir() if p.name.startswith(".")]
    assert leftovers  # the half-written temporary folder is hidden ...
    [result] = export_posts(workspace, [post], out, workers=1)
    assert [p.name for p in out.iterdir()] == [result.path.name]  # ... and swept next time
    assert verify_bundle(result.path).ok


@pytest.mark.parametrize(
    "title",
    [
        "CON",
        "con",
        "PRN.txt",
        "aux",
        "NUL",
        "COM1",
        "lpt9",
        "a/b:c*?",
        "..\\..\\etc\\passwd",
        "../../rahasia",
        "<script>|\"'",
        "x" * 300,
        "🎉🇮🇩🙏",
        "Selamat Hari Ibu 🌸 22 Desember",
        "  .  ",
        "trailing dot...",
        "Rapat\tParipurna\nAPBD",
        "Ünïcödé Çafé — “kutip”",
    ],
)
def test_hostile_titles_give_safe_names(title):
    post = Post(title=title, id=7, scheduled_at=to_utc(datetime(2026, 12, 7, 9, 0)))
    name = bundle_name(post)
    assert name.startswith("2026-12-07_0900_")
    assert len(name) <= 120
    assert name == name.strip(". ")
    assert not set('<>:"/\\|?*') & set(name)
    assert all(ord(c) >= 32 for c in name)
    assert name.split(".")[0].upper() not in WINDOWS_RESERVED
    assert name.isascii()


@pytest.mark.parametrize(
    "text",
    [
        "CON",
        "com1.jpg",
        "Lpt3.txt",
        "a:b",
        "..",
        ".",
        "",
        "nul ",
        "x" * 400,
        "🎉" * 200,
        "a\x00b",
        "dot.",
    ],
)
def test_safe_name_generic(text):
    name = safe_name(text)
    assert name and name not in (".", "..")
    assert name.split(".")[0].strip().upper() not in WINDOWS_RESERVED
    assert not set('<>:"/\\|?*\x00') & set(name)
    assert not name.endswith((".", " "))
    assert len(name) <= 120 and len(name.encode("utf-8")) <= 240


def test_hostile_fields_cannot_escape_output(workspace, tmp_path, out):
    post = add_post(workspace, tmp_path, "../../../../tmp/keluar", platforms=("x",))
    post.card.fields["title"] = "../../..\\..\\CON"
    [result] = export_posts(workspace, [post], out, workers=1, allow_unapproved=True)
    assert result.path.parent == out.resolve()
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
    with pytest.raises(export_mod.ExportFailed):
        export_mod._inside(out, "..", "x")


def test_duplicate_names_in_one_export_get_ids(workspace, tmp_path, out):
    a = add_post(workspace, tmp_path, "Ucapan Hari Ibu", platforms=("x",))
    b = add_post(workspace, tmp_path, "Ucapan Hari Ibu", platforms=("x",))
    ra, rb = export_posts(workspace, [a, b], out, workers=1)
    assert ra.path != rb.path and rb.path.name.endswith(f"-{b.id}")


def test_process_pool_matches_in_process(workspace, tmp_path, out):
    posts = [
        add_post(
            workspace,
            tmp_path,
            f"Berita {i}",
            when=f"2026-12-0{7 + i} 08:00",
            platforms=("instagram", "x"),
        )
        for i in range(3)
    ]
    t0 = time.perf_counter()
    pooled = export_posts(workspace, posts, out / "pool", workers=2)
    serial = export_posts(workspace, posts, out / "satu", workers=1)
    assert time.perf_counter() - t0 < 120
    for p, s in zip(pooled, serial, strict=True):
        assert p.name == s.name
        assert [(f["path"], f.get("width"), f.get("height")) for f in p.files] == [
            (f["path"], f.get("width"), f.get("height")) for f in s.files
        ]
        # same pixels (the embedded ICC profile carries a per-process creation time)
        for f in p.files:
            if f["kind"] == "image":
                with Image.open(p.path / f["path"]) as a, Image.open(s.path / f["path"]) as b:
                    assert ImageChops.difference(a, b).getbbox() is None
        assert verify_bundle(p.path).ok


def test_status_published_counts_as_approved(workspace, tmp_path, out):
    post = add_post(workspace, tmp_path, "Terbit", platforms=("x",))
    workspace.posts.transition(post.id, Action.SCHEDULE, "t")
    workspace.posts.transition(post.id, Action.PUBLISH, "t")
    post = workspace.posts.get(post.id)
    assert post.status == Status.PUBLISHED
    [result] = export_posts(workspace, [post], out, workers=1)
    assert not result.draft


def test_verify_checks_the_zip_of_a_bundle_too(workspace, tmp_path, out):
    import zipfile

    post = add_post(workspace, tmp_path, "Reses Anggota Dapil Agam", platforms=("instagram",))
    [result] = export_posts(workspace, [post], out, workers=1, make_zip=True)
    good = verify_bundle(result.zip_path)
    assert good.ok and good.checked >= 3 and not good.extra
    # rewrite the zip with one byte of the card changed and the caption left out
    tampered = tmp_path / "diubah.zip"
    with zipfile.ZipFile(result.zip_path) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("instagram_4x5_01.jpg"):
                data = data[:-10] + bytes([data[-10] ^ 1]) + data[-9:]
            if not info.filename.endswith("instagram_caption.txt"):
                dst.writestr(info, data)
    report = verify_bundle(tampered)
    assert not report.ok
    assert report.missing == ["instagram/instagram_caption.txt"]
    assert [f for f, _ in report.altered] == ["instagram/instagram_4x5_01.jpg"]
