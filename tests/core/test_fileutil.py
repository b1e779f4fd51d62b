"""The one atomic writer: checked writes, the old file kept on any failure, permissions; and the
reader of input files (issue #15 items 2, 9, 16)."""

from __future__ import annotations

import errno
import os
import stat

import pytest
from PIL import Image

from sumbar_studio.core import fileutil, inputs
from sumbar_studio.core.errors import InvalidInput
from sumbar_studio.core.fileutil import WriteFailed, atomic_write, write_bytes_atomic


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_short_writes_are_completed_not_accepted(tmp_path, monkeypatch):
    real = os.write
    calls = []

    def short(fd, data):
        calls.append(len(data))
        return real(fd, bytes(data[: max(1, len(data) // 3)]))  # a third at a time

    monkeypatch.setattr(fileutil.os, "write", short)
    data = os.urandom(200_000)
    write_bytes_atomic(tmp_path / "a.bin", data)
    assert (tmp_path / "a.bin").read_bytes() == data
    assert len(calls) > 3


@pytest.mark.parametrize("fail_with", [OSError(errno.ENOSPC, "No space left on device"), 0])
def test_a_write_failing_midway_keeps_the_old_file(tmp_path, monkeypatch, fail_with):
    target = tmp_path / "rencana.pdf"
    target.write_bytes(b"%PDF lama yang baik")
    real = os.write
    written = [0]

    def failing(fd, data):  # as on a full disk: a short write, then no room at all
        if written[0] >= 50_000:
            if isinstance(fail_with, Exception):
                raise fail_with
            return fail_with  # a write that writes nothing
        n = real(fd, bytes(data[: 50_000 - written[0]]))
        written[0] += n
        return n

    monkeypatch.setattr(fileutil.os, "write", failing)
    with pytest.raises(WriteFailed) as err:
        write_bytes_atomic(target, os.urandom(300_000), private=False)
    assert target.read_bytes() == b"%PDF lama yang baik"
    assert _leftovers(tmp_path) == []
    assert "disk penuh" in str(err.value) and "rencana.pdf" in str(err.value)


def test_pillow_writes_go_through_the_checked_writer(tmp_path, monkeypatch):
    """Pillow writes straight to a file descriptor with unchecked C writes when it can get
    one; the atomic writer hides the descriptor so every byte is checked."""
    target = tmp_path / "kartu.jpg"
    target.write_bytes(b"lama")
    real = os.write
    written = [0]

    def failing(fd, data):
        if written[0] >= 2_000:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = real(fd, bytes(data[: 2_000 - written[0]]))
        written[0] += n
        return n

    monkeypatch.setattr(fileutil.os, "write", failing)
    image = Image.effect_noise((600, 600), 60).convert("RGB")
    with pytest.raises(WriteFailed), atomic_write(target, "wb", private=False) as fh:
        image.save(fh, "JPEG", quality=95)
    assert target.read_bytes() == b"lama"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_private_and_ordinary_files(tmp_path):
    mask = os.umask(0o022)
    try:
        write_bytes_atomic(tmp_path / "team.json", b"{}")
        write_bytes_atomic(tmp_path / "kartu.jpg", b"x", private=False)
        fileutil.ensure_dir(tmp_path / "backups")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "team.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "kartu.jpg").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "backups").stat().st_mode) == 0o700


def test_a_killed_writers_temporary_files_are_swept(tmp_path):
    dead = os.fork()
    if dead == 0:
        os._exit(0)
    os.waitpid(dead, 0)
    stale = tmp_path / f".bundel.zip.{dead}.abcd1234.tmp"
    stale.write_bytes(b"setengah")
    mine = tmp_path / f".bundel.zip.{os.getpid()}.efgh5678.tmp"
    mine.write_bytes(b"sedang ditulis")
    assert fileutil.sweep_temp_files(tmp_path) == [stale]
    assert mine.exists()


@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_input_reader_refuses_fifos_devices_folders_and_oversized_files(tmp_path):
    fifo = tmp_path / "pipa"
    os.mkfifo(fifo)
    for path, word in (
        (fifo, "bukan berkas biasa"),
        ("/dev/zero", "bukan berkas biasa"),
        (tmp_path, "folder"),
        (tmp_path / "tidak-ada", "tidak ditemukan"),
    ):
        with pytest.raises(InvalidInput, match=word):
            inputs.read_input(path, "text")
    big = tmp_path / "besar.txt"
    with big.open("wb") as fh:
        fh.truncate(inputs.LIMITS["text"] + 1)
    with pytest.raises(InvalidInput, match="terlalu besar"):
        inputs.read_input(big, "text")
    ok = tmp_path / "teks.txt"
    ok.write_bytes("\ufeffRapat paripurna".encode())
    assert inputs.read_input_text(ok) == "Rapat paripurna"
