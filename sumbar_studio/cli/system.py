"""``doctor`` (health report) and ``restore`` (bring back a database backup)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.backup import restore_file
from ..core.diagnostics import build_report
from ..core.errors import WorkspaceError
from ..core.i18n import t
from ..core.targets import is_server_address
from ..core.workspace import (
    Workspace,
    default_workspace_dir,
    default_workspace_target,
    list_backups,
)
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
    code = 0 if report.healthy else 1  # integrity, schema or media problems
    if args.json:
        ctx.print_json(
            {
                "ok": report.ok,
                "healthy": report.healthy,
                "checks": [c.__dict__ for c in report.checks],
            }
        )
        return code
    for c in report.checks:
        mark = "✓" if c.ok else "!"
        ctx.print(f"{mark} {c.name}: {c.value}")
        if c.hint:
            ctx.print(f"    {c.hint}")
    if code:
        print(t("doctor.unhealthy"), file=sys.stderr)
    return code


def cmd_restore(args, ctx) -> int:
    if is_server_address(ctx.workspace_dir or default_workspace_target()):
        raise WorkspaceError("team.restore_on_server")
    folder = ctx.workspace_dir or default_workspace_dir()
    backups = list_backups(folder)
    if args.list or args.backup is None:
        if not backups:
            ctx.print(t("doctor.no_backups"))
        for b in backups:
            ctx.print(str(b))
        return 0
    kept = restore_file(folder, args.backup)
    with Workspace.open(folder) as ws:
        count = ws.posts.count()
    if kept is None:
        ctx.print(t("doctor.restored_empty", backup=str(args.backup), count=count))
    else:
        ctx.print(t("doctor.restored", backup=str(args.backup), kept=str(kept), count=count))
    return 0
