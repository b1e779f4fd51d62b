"""Input files read without surprises: only regular files, each kind within a size limit.

:func:`read_input` and :func:`check_input` open only regular files: a FIFO, a device or a
directory is refused at once (stat first, then open with ``O_NONBLOCK`` and check the open
descriptor again), and each kind of input has a size limit (a file growing while read is cut
at the limit with a clear error). Every failure is :class:`InvalidInput` with an Indonesian
message. (Writing is :mod:`.fileutil`'s; this module is apart so that a ``check`` of a text
file loads neither the writer nor :mod:`contextlib`.)
"""

from __future__ import annotations

import errno
import io
import os
import stat

from .errors import InvalidInput

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

#: Size limits per kind of input file (bytes).
LIMITS = {
    "text": 2 * 1024 * 1024,  # captions and texts to check: far above any platform's limit
    "template": 1024 * 1024,
    "image": 200 * 1024 * 1024,
    "csv": 50 * 1024 * 1024,
    "json": 10 * 1024 * 1024,
    "rules": 10 * 1024 * 1024,
    "manifest": 16 * 1024 * 1024,
    "database": 8 * 1024 * 1024 * 1024,
}


_NO_SPACE = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NO_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}


def os_reason(exc: OSError) -> str:
    """A short translated reason for an OS error (disk full, no permission, other)."""
    from .i18n import t

    if exc.errno in _NO_SPACE:
        return t("files.reason_no_space")
    if exc.errno in _NO_PERMISSION:
        return t("files.reason_no_permission")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
        return t("files.reason_no_folder")
    return exc.strerror or str(exc)


def check_input(path: str | Path, kind: str) -> os.stat_result:
    """Refuse anything but a regular file within the size limit of ``kind``, without opening
    it (so a FIFO or a device never blocks). Returns the stat result."""
    path = os.fspath(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InvalidInput("files.not_found", path=str(path)) from None
    except OSError as exc:
        raise InvalidInput(
            "files.unreadable", path=str(path), reason=os_reason(exc), detail=str(exc)
        ) from None
    _check_stat(path, st, kind)
    return st


def _check_stat(path: str | Path, st: os.stat_result, kind: str) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise InvalidInput("files.is_directory", path=str(path))
    if not stat.S_ISREG(st.st_mode):
        raise InvalidInput("files.not_regular", path=str(path))
    limit = LIMITS[kind]
    if st.st_size > limit:
        raise InvalidInput(
            "files.too_large", path=str(path), size=_mb(st.st_size), limit=_mb(limit)
        )


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n < 1024**3 else f"{n / 1024**3:.1f} GB"


def open_input(path: str | Path, kind: str) -> _Limited:
    """Open a regular input file for reading (binary), refusing FIFOs, devices, folders and
    files over the limit of ``kind``. The file is checked again after opening (it may have been
    swapped between the two looks). Use it in a ``with`` block: leaving it closes the file."""
    path = os.fspath(path)
    check_input(path, kind)
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_NOCTTY", 0)
        | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InvalidInput(
            "files.unreadable", path=str(path), reason=os_reason(exc), detail=str(exc)
        ) from None
    try:
        _check_stat(path, os.fstat(fd), kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    return _Limited(fh, LIMITS[kind], path)


class _Limited(io.BufferedIOBase):
    """Reads from a file but never more than ``limit`` bytes (a file growing while read)."""

    def __init__(self, fh, limit: int, path: str):
        super().__init__()
        self._fh, self._left, self.name = fh, limit, str(path)
        self._limit = limit

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        try:
            self._fh.close()
        finally:
            super().close()

    def seekable(self) -> bool:
        return self._fh.seekable()

    def seek(self, pos: int, whence: int = 0) -> int:
        result = self._fh.seek(pos, whence)
        self._left = self._limit - result
        return result

    def tell(self) -> int:
        return self._fh.tell()

    def read(self, size: int | None = -1) -> bytes:
        want = self._left + 1 if size is None or size < 0 else min(size, self._left + 1)
        data = self._fh.read(want)
        self._left -= len(data)
        if self._left < 0:
            raise InvalidInput(
                "files.too_large",
                path=self.name,
                size="> " + _mb(self._limit),
                limit=_mb(self._limit),
            )
        return data

    def read1(self, size: int = -1) -> bytes:
        return self.read(size)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_input(path: str | Path, kind: str) -> bytes:
    """The bytes of a regular input file, within the size limit of ``kind``."""
    with open_input(path, kind) as fh:
        return fh.read()


def read_input_text(path: str | Path, kind: str = "text") -> str:
    """A UTF-8 input text (a leading BOM is dropped); undecodable bytes are a clear error."""
    data = read_input(path, kind)
    try:  # utf-8, then the BOM dropped: what utf-8-sig does, without loading its codec
        text = data.decode("utf-8")
        return text[1:] if text.startswith("\ufeff") else text
    except UnicodeDecodeError:
        raise InvalidInput("files.not_utf8", path=str(path)) from None


def decode_text(data: bytes) -> str:
    """Text of a file a person made (CSV exports, word lists): UTF-16 with its BOM (Excel's
    "Unicode text"), UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
