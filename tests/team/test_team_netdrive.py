"""A local workspace on a network drive is refused with the reason and a pointer to team mode."""

from __future__ import annotations

import pytest

from sumbar_studio.core.errors import WorkspaceError
from sumbar_studio.core.netdrive import (
    DRIVE_REMOTE,
    network_location,
    parse_mounts,
    refuse_network_workspace,
)

MOUNTS = parse_mounts(
    "/dev/sda1 / ext4 rw 0 0\n"
    "//nas/humas /mnt/humas cifs rw,vers=3.0 0 0\n"
    "server:/export /srv/nfs nfs4 rw 0 0\n"
    "/dev/sdb1 /mnt/humas/lokal ext4 rw 0 0\n"
    "tmpfs /tmp tmpfs rw 0 0\n"
    "pengguna@host:/data /home/rina/Ruang\\040Tim fuse.sshfs rw 0 0\n"
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/mnt/humas/sumbar", "cifs"),
        ("/mnt/humas", "cifs"),
        ("/srv/nfs/ruang-kerja", "nfs4"),
        ("/home/rina/Ruang Tim/sumbar", "fuse.sshfs"),
        ("/mnt/humas/lokal/sumbar", None),  # a local disk mounted inside the share
        ("/mnt/humasku", None),  # a name that only starts like the share
        ("/tmp/sumbar", None),
        ("/home/rina/sumbar", None),
    ],
)
def test_network_file_systems_from_the_mount_table(path, expected):
    assert network_location(path, windows=False, mounts=MOUNTS) == expected


def _drives(remote: set[str]):
    return lambda root: DRIVE_REMOTE if root[:2].upper() in remote else 3


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"\\server-humas\bersama\sumbar", "UNC"),
        ("//server-humas/bersama/sumbar", "UNC"),
        (r"Z:\Sumbar Studio\ruang-kerja", "Z:"),
        (r"z:\sumbar", "z:"),
        (r"C:\Users\Rina\Documents\Sumbar", None),
        (r"\\?\C:\Users\Rina\Sumbar", None),
    ],
)
def test_unc_paths_and_mapped_drive_letters_on_windows(path, expected):
    assert network_location(path, windows=True, drive_type=_drives({"Z:"})) == expected


def test_the_refusal_says_why_and_points_to_team_mode():
    with pytest.raises(WorkspaceError) as err:
        refuse_network_workspace(r"Z:\Sumbar", windows=True, drive_type=_drives({"Z:"}))
    message = str(err.value)
    assert "drive jaringan (Z:)" in message and "server tim" in message
    refuse_network_workspace("/home/rina/sumbar", windows=False, mounts=MOUNTS)  # no error


def test_this_machines_temp_folder_is_local(tmp_path):
    assert network_location(tmp_path) is None
