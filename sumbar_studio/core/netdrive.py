"""Is a workspace folder on a network drive? Then a local (SQLite) workspace is refused there.

SQLite's WAL needs every process on one host ("WAL does not work over a network filesystem",
sqlite.org/wal.html) and network file locking, on Windows especially, is not dependable
(sqlite.org/useovernet.html): an office that puts the workspace on a share gets a damaged
database sooner or later. Team mode (a PostgreSQL server) is the way to share.

Recognised: UNC paths (``\\\\server\\share``), Windows drive letters mapped to a share (some
SQLite versions do not see those as remote), and on Linux/macOS folders on a network file
system (NFS, SMB/CIFS, SSHFS, WebDAV, ...), found from the mount table.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

from .errors import WorkspaceError

#: Mount types of network (or remote FUSE) file systems.
NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "afs",
        "ncpfs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "davfs",
        "fuse.sshfs",
        "sshfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.gvfsd-fuse",
        "fuse.s3fs",
        "fuse.glusterfs",
        "fuse.cephfs",
    }
)
DRIVE_REMOTE = 4  # GetDriveTypeW


def _windows_drive_type(root: str) -> int:  # pragma: no cover - Windows only
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) from the mount table; empty where there is none."""
    for table in ("/proc/self/mounts", "/etc/mtab"):
        try:
            text = Path(table).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        return parse_mounts(text)
    return []


def parse_mounts(text: str) -> list[tuple[str, str]]:
    found = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            # spaces in mount points are written as \040
            found.append((parts[1].replace("\\040", " "), parts[2]))
    return found


def network_location(
    path: str | os.PathLike,
    *,
    windows: bool | None = None,
    drive_type: Callable[[str], int] | None = None,
    mounts: list[tuple[str, str]] | None = None,
) -> str | None:
    """Why ``path`` is on a network drive ("UNC", "drive Z: (jaringan)", "cifs"), or None."""
    windows = sys.platform == "win32" if windows is None else windows
    text = os.fspath(path)
    if windows:
        win = PureWindowsPath(text)
        if text.startswith(("\\\\", "//")) or win.drive.startswith("\\\\"):
            if win.drive.upper().startswith(("\\\\?\\", "\\\\.\\")) and ":" in win.drive:
                return None  # \\?\C:\... is a local path in long form
            return "UNC"
        if win.drive.endswith(":"):
            probe = drive_type or _windows_drive_type
            if probe(win.drive + "\\") == DRIVE_REMOTE:
                return win.drive
        return None
    table = _mounts() if mounts is None else mounts
    target = Path(os.path.abspath(text))
    best, best_type = "", ""
    for point, fstype in table:
        point_path = Path(point)
        if (target == point_path or point_path in target.parents) and len(point) > len(best):
            best, best_type = point, fstype
    return best_type if best_type in NETWORK_FS else None


def refuse_network_workspace(path: str | os.PathLike, **probe) -> None:
    """Raise a clear, Indonesian refusal when a local workspace would live on a network drive."""
    where = network_location(path, **probe)
    if where is not None:
        raise WorkspaceError("team.network_workspace", path=os.fspath(path), where=where)
