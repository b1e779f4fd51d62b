"""``doctor`` (health report) and ``restore`` (bring back a database backup)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from ..core.diagnostics import build_report
from ..core.errors import InvalidInput
from ..core.i18n import t
from ..core.timeutil import now_utc, to_wib
from ..core.workspace import DB_NAME, Workspace, default_workspace_dir, list_backups
from .common import add_json_option


def register(subparsers) -> None:
    doctor = subparsers.add_parser("doctor", help=t("doctor.help"))
    add_json_option(doctor)
    doctor.set_defaults(func=cmd_doctor)

    restore = subparsers.add_parser("restore", help=t("doctor.restore_help"))
    restore.add_argument("backup", nargs="?", type=Path, help=t("doctor.restore_arg_help"))
    restore.add_argument("--list", action="store_true", help=t("doctor.restore_list_help"))
    restore.set_defaults(func=cmd_restore)


def cmd_doctor(args, ctx) -> int:
    report = build_report(ctx.workspace())
    if args.json:
        ctx.print_json({"ok": report.ok, "checks": [c.__dict__ for c in report.checks]})
        return 0
    for c in report.checks:
        mark = "✓" if c.ok else "!"
        ctx.print(f"{mark} {c.name}: {c.value}")
        if c.hint:
            ctx.print(f"    {c.hint}")
    return 0


def restore_backup(workspace_dir: Path, backup: Path) -> Path:
    """Replace the workspace database with ``backup``. The current file is kept aside
    (``sumbar.db.sebelum-pulih-<stamp>``), never overwritten. Returns that kept path."""
    try:
        check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        check.close()
    except sqlite3.DatabaseError:
        ok = False
    if not ok:
        raise InvalidInput("doctor.backup_invalid", path=str(backup))
    db = workspace_dir / DB_NAME
    stamp = to_wib(now_utc()).strftime("%Y%m%d-%H%M%S")
    kept = workspace_dir / f"{DB_NAME}.sebelum-pulih-{stamp}"
    if db.exists():
        os.replace(db, kept)
    for suffix in ("-wal", "-shm"):
        side = Path(str(db) + suffix)
        if side.exists():
            os.replace(side, Path(str(kept) + suffix))
    tmp = workspace_dir / f".{DB_NAME}.restore.tmp"
    shutil.copyfile(backup, tmp)
    os.replace(tmp, db)
    return kept


def cmd_restore(args, ctx) -> int:
    folder = ctx.workspace_dir or default_workspace_dir()
    backups = list_backups(folder)
    if args.list or args.backup is None:
        if not backups:
            ctx.print(t("doctor.no_backups"))
        for b in backups:
            ctx.print(str(b))
        return 0
    kept = restore_backup(folder, args.backup)
    with Workspace.open(folder) as ws:
        count = ws.posts.count()
    ctx.print(t("doctor.restored", backup=str(args.backup), kept=str(kept), count=count))
    return 0
