"""Daily backups with retention, and restore (into an open workspace and file-level)."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from sumbar_studio.core import backup
from sumbar_studio.core.errors import InvalidInput
from sumbar_studio.core.model import Post
from sumbar_studio.core.timeutil import now_utc, to_wib
from sumbar_studio.core.workspace import Workspace


def _copy_as(source, folder, when, label):
    name = f"sumbar-{to_wib(when):%Y%m%d-%H%M%S}-{label}.db"
    shutil.copyfile(source, folder / name)
    return folder / name


def test_one_daily_backup_per_day(workspace):
    made, _ = backup.run_daily(workspace)
    assert made is not None and made.exists()
    again, _ = backup.run_daily(workspace)
    assert again is None
    assert [b.label for b in backup.backups(workspace.path)] == ["harian"]


def test_retention_prunes_only_old_daily_backups(workspace):
    team = workspace.team_settings()
    team.backup_keep_days = 7
    workspace.save_team_settings(team)
    first = workspace.backup("manual")
    now = now_utc()
    old_daily = _copy_as(first, workspace.backup_dir, now - timedelta(days=20), "harian")
    recent_daily = _copy_as(first, workspace.backup_dir, now - timedelta(days=3), "harian")
    old_manual = _copy_as(first, workspace.backup_dir, now - timedelta(days=40), "manual")
    made, removed = backup.run_daily(workspace, now)
    assert made is not None
    assert removed == [old_daily]
    assert recent_daily.exists() and old_manual.exists() and first.exists()


def test_backup_restore_round_trip_in_an_open_workspace(workspace):
    kept_post = workspace.posts.add(Post(title="Rapat paripurna"), "a")
    snapshot = workspace.backup("manual")
    workspace.posts.add(Post(title="Ditambah setelah cadangan"), "a")
    workspace.posts.delete(kept_post.id, "a")
    assert [p.title for p in workspace.posts.list()] == ["Ditambah setelah cadangan"]
    before = backup.restore_into(workspace, snapshot)
    assert [p.title for p in workspace.posts.list()] == ["Rapat paripurna"]
    # the same Workspace object keeps working (writes, FTS) after the restore
    workspace.posts.add(Post(title="Sesudah pemulihan"), "a")
    assert [p.title for p in workspace.posts.search("pemulihan")] == ["Sesudah pemulihan"]
    # and the restore itself can be undone from the "sebelum-pulih" backup
    backup.restore_into(workspace, before)
    assert [p.title for p in workspace.posts.list()] == ["Ditambah setelah cadangan"]


def test_restore_file_for_a_closed_workspace(tmp_path):
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        ws.posts.add(Post(title="Satu"), "a")
        snap = ws.backup("manual")
        ws.posts.add(Post(title="Dua"), "a")
    kept = backup.restore_file(path, snap)
    assert kept.exists()
    with Workspace.open(path) as ws:
        assert [p.title for p in ws.posts.list()] == ["Satu"]


def test_a_damaged_backup_is_refused_and_nothing_changes(workspace, tmp_path):
    workspace.posts.add(Post(title="Tetap"), "a")
    bad = tmp_path / "sumbar-20260101-000000-manual.db"
    bad.write_bytes(b"not a database" * 100)
    with pytest.raises(InvalidInput):
        backup.restore_into(workspace, bad)
    assert [p.title for p in workspace.posts.list()] == ["Tetap"]
