"""The real CLI as a subprocess under hostile conditions: a full disk (RLIMIT_FSIZE: writes past
the limit fail with EFBIG, exactly as on a full filesystem, also for C-level writers), kills at
chosen steps (``SUMBAR_TEST_KILL_AT``), killed exports (issue #15 items 2, 3, 5)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import assert_one_line, cli_env, run_cli
from export_helpers import add_post, make_photo

from sumbar_studio.core.export import verify_bundle
from sumbar_studio.core.model import Post
from sumbar_studio.core.workspace import DB_NAME, Workspace

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX process control")


def cli(*args, limit: int | None = None, **env: str) -> subprocess.CompletedProcess:
    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() fails with EFBIG instead
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return run_cli(*args, preexec_fn=full_disk if limit else None, **env)


# -- a full disk never replaces a good file -------------------------------------------------


def test_render_on_a_full_disk_keeps_the_good_file(tmp_path):
    photo = make_photo(tmp_path / "foto.jpg")
    out = tmp_path / "kartu.jpg"
    ok = cli(
        "render",
        "--template",
        "berita",
        "--format",
        "4x5",
        "--set",
        "title=Rapat",
        "--photo",
        photo,
        "-o",
        out,
    )
    assert ok.returncode == 0, ok.stderr
    good = out.read_bytes()
    assert len(good) > 30_000
    full = cli(
        "render",
        "--template",
        "berita",
        "--format",
        "4x5",
        "--set",
        "title=Rapat lain",
        "--photo",
        photo,
        "-o",
        out,
        limit=len(good) // 2,
    )
    assert_one_line(full, "disk penuh", "kartu.jpg")
    assert out.read_bytes() == good  # the good old file stays
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~_umask()  # an ordinary file


def test_plan_pdf_on_a_full_disk_keeps_the_good_file(tmp_path):
    ws = tmp_path / "ws"
    with Workspace.open(ws) as w:
        add_post(w, tmp_path, "Rapat Paripurna")
    out = tmp_path / "rencana.pdf"
    ok = cli("--workspace", ws, "plan", "--week", "2026-W50", "-o", out)
    assert ok.returncode == 0, ok.stderr
    good = out.read_bytes()
    assert len(good) > 80_000
    full = cli("--workspace", ws, "plan", "--week", "2026-W50", "-o", out, limit=len(good) - 10_000)
    assert_one_line(full, "disk penuh", "rencana.pdf")
    assert out.read_bytes() == good


def test_add_and_export_on_a_full_disk_say_one_line(tmp_path):
    ws = tmp_path / "ws"
    with Workspace.open(ws) as w:
        post = add_post(w, tmp_path, "Rapat Paripurna")
    size = (ws / DB_NAME).stat().st_size
    caption = tmp_path / "panjang.txt"
    caption.write_text("Rapat paripurna DPRD. " * 8_000, encoding="utf-8")
    added = cli(
        "--workspace",
        ws,
        "post",
        "add",
        "--title",
        "Besar",
        "--caption-file",
        caption,
        limit=size + 40_000,
    )
    assert_one_line(added, "disk")  # RLIMIT_FSIZE reaches SQLite as an I/O error
    assert "rusak" not in added.stderr
    edited = cli(
        "--workspace", ws, "post", "edit", post.id, "--caption-file", caption, limit=size + 40_000
    )
    assert_one_line(edited, "disk")
    assert "rusak" not in edited.stderr
    export = cli(
        "--workspace",
        ws,
        "export",
        "--post",
        post.id,
        "--out",
        tmp_path / "b",
        "--workers",
        "1",
        limit=size + 40_000,
    )
    assert_one_line(export, "disk penuh")
    assert not (tmp_path / "b").exists() or not list((tmp_path / "b").iterdir())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- restore: a kill at any step leaves the old or the restored data, never nothing ---------


@pytest.mark.parametrize(
    "step", ["restore-built", "restore-saved", "restore-before-rename", "restore-renamed"]
)
def test_a_killed_restore_never_leaves_an_empty_workspace(tmp_path, step):
    ws = tmp_path / "ws"
    with Workspace.open(ws) as w:
        w.posts.add(Post(title="Lama"), "a")
        snap = w.backup("manual")
        w.posts.add(Post(title="Sesudah cadangan"), "a")
    killed = cli("--workspace", ws, "restore", snap, SUMBAR_TEST_KILL_AT=step)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with Workspace.open(ws) as w:
        titles = sorted(p.title for p in w.posts.list())
    assert titles in (["Lama"], ["Lama", "Sesudah cadangan"])
    again = cli("--workspace", ws, "restore", snap)  # and the restore can simply be run again
    assert again.returncode == 0, again.stderr
    assert not [p for p in ws.iterdir() if p.name.startswith(f".{DB_NAME}.")]  # no leftovers
    with Workspace.open(ws) as w:
        assert [p.title for p in w.posts.list()] == ["Lama"]
    saved = [b for b in (ws / "backups").iterdir() if "sebelum-pulih" in b.name]
    assert saved  # what was there before is kept as a backup the officer is told about


def test_restore_is_refused_while_another_process_has_the_workspace_open(tmp_path):
    ws = tmp_path / "ws"
    with Workspace.open(ws) as w:
        w.posts.add(Post(title="Lama"), "a")
        snap = w.backup("manual")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom sumbar_studio.core.workspace import Workspace\n"
            "from sumbar_studio.core.model import Post\n"
            "ws = Workspace.open(sys.argv[1]); print('open', flush=True)\n"
            "sys.stdin.readline(); ws.posts.add(Post(title='Disimpan kemudian'), 'a'); ws.close()",
            str(ws),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        refused = cli("--workspace", ws, "restore", snap)
        assert_one_line(refused, "proses lain")
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(timeout=30) == 0
    finally:
        holder.kill()
    with Workspace.open(ws) as w:  # the later, acknowledged save is in the workspace
        assert sorted(p.title for p in w.posts.list()) == ["Disimpan kemudian", "Lama"]


# -- export: kills at the swap, half-written zips, workers that outlive the export ----------


def _export_setup(tmp_path, count=1):
    ws = tmp_path / "ws"
    with Workspace.open(ws) as w:
        posts = [
            add_post(
                w,
                tmp_path,
                f"Agenda {i}",
                when=f"2026-12-0{7 + i} 09:00",
                platforms=("instagram", "facebook", "x"),
            )
            for i in range(count)
        ]
    return ws, posts


def test_a_kill_at_the_bundle_swap_is_recovered_by_the_next_export(tmp_path):
    ws, (first, second) = _export_setup(tmp_path, 2)
    out = tmp_path / "bundel"
    made = cli("--workspace", ws, "export", "--post", first.id, "--out", out, "--workers", "1")
    assert made.returncode == 0, made.stderr
    [bundle] = [p for p in out.iterdir()]
    killed = cli(
        "--workspace",
        ws,
        "export",
        "--post",
        first.id,
        "--out",
        out,
        "--workers",
        "1",
        SUMBAR_TEST_KILL_AT="export-swap-aside",
    )
    assert killed.returncode == -signal.SIGKILL
    assert not bundle.exists()  # the kill window: old moved aside, new not yet in place
    other = cli("--workspace", ws, "export", "--post", second.id, "--out", out, "--workers", "1")
    assert other.returncode == 0, other.stderr
    assert bundle.is_dir() and verify_bundle(bundle).ok  # put back, not deleted
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_a_half_written_zip_of_a_killed_export_is_cleaned_by_the_next_export(tmp_path):
    ws, (post,) = _export_setup(tmp_path)
    out = tmp_path / "bundel"
    killed = cli(
        "--workspace",
        ws,
        "export",
        "--post",
        post.id,
        "--out",
        out,
        "--zip",
        "--workers",
        "1",
        SUMBAR_TEST_KILL_AT="export-zip",
    )
    assert killed.returncode == -signal.SIGKILL
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert any(name.endswith(".tmp") and ".zip." in name for name in leftovers), leftovers
    again = cli(
        "--workspace", ws, "export", "--post", post.id, "--out", out, "--zip", "--workers", "1"
    )
    assert again.returncode == 0, again.stderr
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    assert len([p for p in out.iterdir() if p.suffix == ".zip"]) == 1


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killing_the_export_leaves_no_worker_alive(tmp_path, sig):
    ws, posts = _export_setup(tmp_path, 3)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sumbar_studio",
            "--workspace",
            str(ws),
            "export",
            "--week",
            "2026-W50",
            "--out",
            str(tmp_path / "bundel"),
            "--workers",
            "2",
        ],
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not workers:
        workers = _children(proc.pid)
        time.sleep(0.02)
    assert workers, "the export never started its workers"
    proc.send_signal(sig)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    alive = [w for w in workers if _alive(w)]
    for w in alive:
        os.kill(w, signal.SIGKILL)
    assert alive == []


def test_verify_json_output_of_a_recovered_bundle(tmp_path):
    """The recovered bundle is the complete new one when it was finished."""
    ws, (post,) = _export_setup(tmp_path)
    out = tmp_path / "bundel"
    assert (
        cli(
            "--workspace", ws, "export", "--post", post.id, "--out", out, "--workers", "1"
        ).returncode
        == 0
    )
    killed = cli(
        "--workspace",
        ws,
        "export",
        "--post",
        post.id,
        "--out",
        out,
        "--workers",
        "1",
        SUMBAR_TEST_KILL_AT="export-swap-aside",
    )
    assert killed.returncode == -signal.SIGKILL
    result = cli(
        "--workspace", ws, "export", "--post", post.id, "--out", out, "--workers", "1", "--json"
    )
    assert result.returncode == 0, result.stderr
    [bundle] = [p for p in out.iterdir()]
    report = cli("verify", bundle, "--json")
    assert report.returncode == 0 and json.loads(report.stdout)[0]["ok"]
