"""Files written whole or not at all.

Writing (:func:`atomic_write` and its two shortcuts) is the ONE way the app writes a file: a
temporary file in the same folder, every byte written with its count checked (a short write on
a full disk is an error, never a truncated file), the size checked, flushed and fsynced, then
renamed over the target and the folder fsynced. On any failure the old file stays as it was,
the temporary file is removed and :class:`WriteFailed` (a one-line Indonesian message) is
raised. Permissions follow one rule: private workspace data is ``0600`` (folders ``0700``);
exported and rendered files are ordinary (``0666`` minus the umask).

Input files are read by :mod:`.inputs`.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
from collections.abc import Iterator

from .errors import SumbarError
from .inputs import os_reason

TYPE_CHECKING = False
if TYPE_CHECKING:  # (pathlib, with urllib.parse and ipaddress, costs 2.5 ms: a check of a text
    from pathlib import Path  # reads its file by name and needs none of it)
    from typing import IO

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


class WriteFailed(SumbarError):
    message_id = "files.write_failed"


def write_failed(path: str | Path, exc: OSError) -> WriteFailed:
    return WriteFailed("files.write_failed", path=str(path), reason=os_reason(exc), detail=str(exc))


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def ordinary_mode(directory: bool = False) -> int:
    return (0o777 if directory else 0o666) & ~umask()


class _CheckedRaw(io.RawIOBase):
    """Raw file over a descriptor: every write is retried until complete (a short write is
    never silently accepted) and ``fileno()`` is hidden, so libraries that would write the
    descriptor directly with unchecked C ``write()`` calls (Pillow's encoders) go through here."""

    def __init__(self, fd: int):
        super().__init__()
        self._fd = fd
        self.high_water = 0

    def detach_fd(self) -> None:
        self._fd = -1

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def fileno(self) -> int:
        raise io.UnsupportedOperation("fileno")

    def readinto(self, buffer) -> int:
        data = os.read(self._fd, len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def write(self, data) -> int:
        if self._fd < 0:
            raise OSError(errno.EBADF, "file already closed")
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            n = os.write(self._fd, view[done:])
            if n <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            done += n
        self.high_water = max(self.high_water, os.lseek(self._fd, 0, os.SEEK_CUR))
        return done

    def seek(self, pos: int, whence: int = os.SEEK_SET) -> int:
        return os.lseek(self._fd, pos, whence)

    def tell(self) -> int:
        return os.lseek(self._fd, 0, os.SEEK_CUR)

    def truncate(self, size: int | None = None) -> int:
        size = self.tell() if size is None else size
        os.ftruncate(self._fd, size)
        self.high_water = size
        return size


_TEMP_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _mkstemp(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
    """``tempfile.mkstemp`` (a new 0600 file with a random name, never an existing one or a
    link) without importing tempfile and with it shutil, random, bz2 and lzma: a rendered card
    as a process is written through here."""
    for _ in range(100):
        name = os.path.join(os.path.abspath(folder), f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(name, _TEMP_FLAGS, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


@contextlib.contextmanager
def atomic_write(
    path: str | Path, mode: str = "wb", encoding: str | None = None, *, private: bool = True
) -> Iterator[IO]:
    """Yield a file object; on success it replaces ``path`` whole, on error nothing changes.

    ``private`` (workspace data: settings, team.json, rules, backups, journals) makes the file
    ``0600``; ``private=False`` (exports, rendered cards, plans) makes it an ordinary file."""
    from pathlib import Path

    path = Path(path)
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write mode must be 'w' or 'wb', not {mode!r}")
    try:
        ensure_dir(path.parent, private=private)
        fd, tmp = _mkstemp(path.parent, f".{path.name}.{os.getpid()}.", ".tmp")
    except OSError as exc:
        raise write_failed(path, exc) from None
    raw = _CheckedRaw(fd)
    try:
        buffered = io.BufferedRandom(raw)
        fh: IO = (
            io.TextIOWrapper(buffered, encoding=encoding or "utf-8", newline="")
            if mode == "w"
            else buffered
        )
        yield fh
        fh.flush()
        os.fsync(fd)
        if os.fstat(fd).st_size != raw.high_water:  # everything written is really there
            raise OSError(errno.EIO, "size mismatch after write")
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE if private else ordinary_mode())
        raw.detach_fd()
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        _discard(raw, fd, tmp)
        raise write_failed(path, exc) from None
    except BaseException:
        _discard(raw, fd, tmp)
        raise


def _discard(raw: _CheckedRaw, fd: int, tmp: str) -> None:
    raw.detach_fd()  # a buffer flushed later (garbage collection) goes nowhere
    if fd >= 0:
        with contextlib.suppress(OSError):
            os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def write_text_atomic(path: str | Path, text: str, *, private: bool = True) -> None:
    with atomic_write(path, "w", encoding="utf-8", private=private) as fh:
        fh.write(text)


def write_bytes_atomic(path: str | Path, data: bytes, *, private: bool = True) -> None:
    with atomic_write(path, "wb", private=private) as fh:
        fh.write(data)


def kill_point(name: str) -> None:
    """Crash-test hook: when the environment variable ``SUMBAR_TEST_KILL_AT`` names this step,
    the process kills itself (SIGKILL) right here. Used only by the kill tests, which run the
    real CLI as a subprocess and check what a kill at that moment leaves behind."""
    if os.environ.get("SUMBAR_TEST_KILL_AT") == name:
        import signal

        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


_TEMP_NAME = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]+\.tmp$")


def sweep_temp_files(folder: str | Path) -> list[Path]:
    """Remove temporary files of :func:`atomic_write` left in ``folder`` by a process that was
    killed (its pid, part of the name, is gone). Returns what was removed."""
    from pathlib import Path

    removed = []
    with contextlib.suppress(OSError):
        for entry in Path(folder).iterdir():
            match = _TEMP_NAME.match(entry.name)
            if match and not pid_alive(int(match.group(1))) and entry.is_file():
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (never signals it: on Windows ``os.kill(pid, 0)``
    would send Ctrl+C, so the process handle is asked instead)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x00100000, False, pid)  # SYNCHRONIZE
        if not handle:
            return False
        try:
            return kernel32.WaitForSingleObject(handle, 0) == 0x00000102  # WAIT_TIMEOUT
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def fsync_dir(folder: str | Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(str(folder), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def ensure_dir(folder: str | Path, *, private: bool = True) -> Path:
    """Create ``folder`` (and parents) if missing; a folder created for private data is 0700."""
    from pathlib import Path

    folder = Path(folder)
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR if private else 0o777)
    return folder


def make_private(path: str | Path) -> None:
    """Tighten an existing private file or folder to 0600/0700 (POSIX; ignored elsewhere)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        mode = PRIVATE_DIR if os.path.isdir(path) else PRIVATE_FILE
        os.chmod(path, mode)
