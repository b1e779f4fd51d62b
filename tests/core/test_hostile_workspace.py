"""Workspace files under hostile conditions: odd folder names, crafted backups, restore while
open, a 0-byte database, damage detected before writing, permissions (issue #15 items 1, 3, 4,
16)."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading

import pytest

from sumbar_studio.core import backup
from sumbar_studio.core.errors import InvalidInput, SumbarError
from sumbar_studio.core.model import Post
from sumbar_studio.core.workspace import DB_NAME, Workspace, WorkspaceCorrupt


@pytest.mark.parametrize(
    "names",
    [
        ("Tim #1", "Tim #2"),
        ("50% siap", "50%25 siap"),
        ("apa?mode=ro", "apa?x"),
        ("a b #c?d%e", "a b #c?d%f"),
    ],
)
def test_special_characters_in_the_path_keep_each_database_in_its_own_folder(tmp_path, names):
    first, second = (tmp_path / n for n in names)
    with Workspace.open(first) as ws:
        ws.posts.add(Post(title="Satu"), "a")
    with Workspace.open(second) as ws:
        assert ws.posts.count() == 0  # not the first workspace's database
        ws.posts.add(Post(title="Dua"), "a")
    assert (first / DB_NAME).stat().st_size > 0 and (second / DB_NAME).stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)  # nothing outside
    with Workspace.open(first) as ws:
        assert [p.title for p in ws.posts.list()] == ["Satu"]
        snap = ws.backup("manual")
    backup.check_backup(snap)  # a backup in such a folder is readable too


# -- crafted and foreign backups ------------------------------------------------------------


def _snapshot(workspace, *titles):
    for title in titles:
        workspace.posts.add(Post(title=title, caption=f"Isi {title}"), "a")
    return workspace.backup("manual")


def _craft(path, *sql):
    conn = sqlite3.connect(path)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_restore_never_adopts_a_trigger_from_the_backup(workspace, tmp_path):
    snap = _snapshot(workspace, "Rapat paripurna")
    _craft(
        snap,
        "CREATE TRIGGER rewrite AFTER UPDATE ON posts BEGIN "
        "UPDATE posts SET caption = 'DIUBAH PENYUSUP' WHERE id = NEW.id; END",
        "CREATE TRIGGER wipe AFTER INSERT ON audit BEGIN DELETE FROM audit; END",
    )
    backup.restore_into(workspace, snap)
    post = workspace.posts.get(1)
    post.caption = "Keterangan baru"
    workspace.posts.save(post, "a")
    assert workspace.posts.get(1).caption == "Keterangan baru"
    assert workspace.repository.history(1)  # the audit trail survives
    triggers = workspace.store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    ).fetchall()
    assert triggers == []


def test_restore_refuses_a_view_in_place_of_a_table(workspace, tmp_path):
    workspace.posts.add(Post(title="Tetap"), "a")
    snap = _snapshot(workspace)
    _craft(
        snap,
        "DROP TABLE audit",
        "CREATE VIEW audit AS SELECT 1 AS id, 1 AS post_id, '' AS at, '' AS actor, "
        "'' AS action, NULL AS old_status, NULL AS new_status, '{}' AS detail",
    )
    with pytest.raises(InvalidInput, match="audit"):
        backup.restore_into(workspace, snap)
    assert [p.title for p in workspace.posts.list()] == ["Tetap"]


def test_restore_refuses_missing_tables_and_foreign_sqlite_files(workspace, tmp_path):
    workspace.posts.add(Post(title="Tetap"), "a")
    snap = _snapshot(workspace)
    _craft(snap, "DROP TABLE media")
    with pytest.raises(InvalidInput, match="media"):
        backup.restore_into(workspace, snap)
    foreign = tmp_path / "lain.db"
    _craft(
        foreign,
        "CREATE TABLE posts (id INTEGER PRIMARY KEY, judul TEXT)",
        "PRAGMA user_version = 2",
    )
    with pytest.raises(InvalidInput):
        backup.restore_into(workspace, foreign)
    with pytest.raises(InvalidInput):
        backup.restore_file(workspace.path, foreign)
    assert [p.title for p in workspace.posts.list()] == ["Tetap"]


def test_restore_refuses_rows_that_are_not_posts(workspace, tmp_path):
    snap = _snapshot(workspace, "Baik")
    _craft(snap, "UPDATE posts SET data = 'bukan json'")
    with pytest.raises(InvalidInput):
        backup.restore_into(workspace, snap)
    assert [p.title for p in workspace.posts.list()] == ["Baik"]


def test_restore_file_refuses_while_the_workspace_is_open(tmp_path):
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        snap = _snapshot(ws, "Satu")
        with pytest.raises(InvalidInput, match="proses lain"):
            backup.restore_file(path, snap)
    assert backup.restore_file(path, snap).exists()  # closed: allowed


def test_restore_into_refuses_while_another_process_has_it_open(workspace, tmp_path):
    import subprocess
    import sys

    snap = _snapshot(workspace, "Satu")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from sumbar_studio.core.workspace import Workspace\n"
            "ws = Workspace.open(sys.argv[1]); print('open', flush=True); time.sleep(30)",
            str(workspace.path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(InvalidInput, match="proses lain"):
            backup.restore_into(workspace, snap)
    finally:
        holder.kill()
        holder.wait()
    backup.restore_into(workspace, snap)  # alone again: allowed


# -- damage -------------------------------------------------------------------------------


def test_a_zero_byte_database_with_backups_is_damage_not_an_empty_workspace(tmp_path):
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        latest = _snapshot(ws, "Rapat")
    (path / DB_NAME).write_bytes(b"")
    with pytest.raises(WorkspaceCorrupt) as err:
        Workspace.open(path)
    assert latest.name in str(err.value) and "rusak" in str(err.value)
    assert (path / DB_NAME).stat().st_size == 0  # left as it was


def _damage_table_pages(db):
    """Overwrite the middle of the database (table pages) with garbage, keep the header."""
    data = bytearray(db.read_bytes())
    page = 4096
    for start in range(page * 2, len(data) - page, page * 3):
        data[start + 8 : start + 400] = b"\xff" * 392
    db.write_bytes(bytes(data))


def test_ordinary_commands_refuse_to_write_into_a_damaged_database(tmp_path):
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        for i in range(300):
            ws.posts.add(Post(title=f"Unggahan {i}", caption="kata " * 200), "a")
        ws.backup("harian")
    _damage_table_pages(path / DB_NAME)
    before = (path / DB_NAME).read_bytes()
    try:
        ws = Workspace.open(path)
    except WorkspaceCorrupt:
        return  # refused already at opening: fine
    with ws, pytest.raises(WorkspaceCorrupt, match="rusak"):
        ws.posts.add(Post(title="Jangan ditulis"), "a")
    assert (path / DB_NAME).read_bytes() == before


def test_processes_racing_to_create_one_workspace_never_see_it_as_damaged(tmp_path):
    import subprocess
    import sys

    code = (
        "import os, sys, time\nfrom sumbar_studio.core.workspace import Workspace\n"
        "from sumbar_studio.core.model import Post\n"
        "print('ready', flush=True)\n"
        "while not os.path.exists(sys.argv[2]): time.sleep(0.0005)\n"  # start together
        "with Workspace.open(sys.argv[1]) as ws: ws.posts.add(Post(title='x'), 'a')\n"
    )
    for round_ in range(4):
        path = tmp_path / f"baru-{round_}"
        go = tmp_path / f"mulai-{round_}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(path), str(go)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(8)
        ]
        for p in procs:
            assert p.stdout.readline().strip() == "ready"
        go.touch()
        errors: list[Exception] = []

        def local(path=path, errors=errors):
            try:
                with Workspace.open(path) as ws:
                    ws.posts.count()
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)

        thread = threading.Thread(target=local)
        thread.start()
        results = [(p.wait(), p.stderr.read()) for p in procs]
        thread.join()
        assert errors == []
        assert [err for rc, err in results if rc != 0] == []
        with Workspace.open(path) as ws:
            assert ws.posts.count() == 8


def test_a_full_disk_at_commit_is_not_reported_as_damage(workspace):
    workspace.posts.add(Post(title="Ada"), "a")
    workspace.store.conn.execute("PRAGMA max_page_count = 1")  # the "disk" is full now
    with pytest.raises(SumbarError) as err:
        workspace.posts.add(Post(title="Tidak muat", caption="x" * 50000), "a")
    assert "penuh" in str(err.value) and "rusak" not in str(err.value)
    assert [p.title for p in workspace.posts.list()] == ["Ada"]


def test_doctor_exits_non_zero_and_says_what_to_do_on_a_changed_media_file(tmp_path, capsys):
    from PIL import Image

    from sumbar_studio.cli import main

    path = tmp_path / "ws"
    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (64, 48), "navy").save(photo)
    with Workspace.open(path) as ws:
        media = ws.media.import_file(photo)
        stored = ws.media.path_for(media.sha256)
    assert main(["--workspace", str(path), "doctor"]) == 0
    Image.new("RGB", (64, 48), "red").save(stored, "JPEG")
    capsys.readouterr()
    assert main(["--workspace", str(path), "doctor"]) == 1
    out, err = capsys.readouterr()
    assert "isinya berubah" in out and "Impor ulang foto" in out and err.strip()


def test_doctor_exits_non_zero_on_a_missing_table(tmp_path, capsys):
    from sumbar_studio.cli import main

    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        ws.backup("manual")
        ws.store.conn.execute("DROP TABLE audit")
    assert main(["--workspace", str(path), "doctor"]) == 1
    out, _ = capsys.readouterr()
    assert "audit" in out and "sumbar-studio restore" in out


# -- permissions --------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_private_workspace_data_is_private(tmp_path):
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        ws.posts.add(Post(title="NIP 198001012006041001"), "a")
        ws.save_team_settings(ws.team_settings())
        made = ws.backup("manual")
        private = [path / DB_NAME, path / f"{DB_NAME}-wal", ws.team_settings_path, made]
        for file in private:
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        for folder in (path, ws.backup_dir):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_log_is_private_also_after_rotation(tmp_path):
    import logging

    from sumbar_studio.ui.logfile import PrivateRotatingFileHandler

    path = tmp_path / "log" / "sumbar-studio.log"
    path.parent.mkdir()
    handler = PrivateRotatingFileHandler(path, maxBytes=200, backupCount=2, encoding="utf-8")
    logger = logging.getLogger("sumbar_studio.test_private_log")
    logger.addHandler(handler)
    try:
        for i in range(20):
            logger.warning("Unggahan %d: NIP 198001012006041001", i)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(path.parent.iterdir())
    assert len(files) == 3
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_damage_found_while_reading_is_the_rusak_message_not_a_traceback(tmp_path, capsys):
    from sumbar_studio.cli import main

    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        for i in range(300):
            ws.posts.add(Post(title=f"Unggahan {i}", caption="kata " * 200), "a")
        latest = ws.backup("harian")
    _damage_table_pages(path / DB_NAME)
    code = main(["--workspace", str(path), "post", "list"])
    _, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    assert "rusak" in err and latest.name in err
