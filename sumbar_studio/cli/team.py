"""``team``: set up a team server and move a workspace to it or back.

    team init   --server URL [--admin LOGIN --name NAMA --nip NIP]
    team login  --server URL LOGIN --name NAMA [--nip NIP] [--title JABATAN] [--role officer]
    team push   --server URL            (the --workspace in use -> an empty server)
    team pull   --server URL FOLDER     (the server -> a new local workspace)
    team status --server URL            (schema version, posts, audit chain)

URL is ``postgresql://login@host/db`` or a libpq conninfo; default: $SUMBAR_TEAM_SERVER, then
a server address in --workspace or $SUMBAR_WORKSPACE.
Passwords are never taken on the command line: libpq reads them from ~/.pgpass or PGPASSWORD.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import InvalidInput
from ..core.i18n import t
from .common import add_json_option

ENV_SERVER = "SUMBAR_TEAM_SERVER"


def register(subparsers) -> None:
    team = subparsers.add_parser("team", help=t("cli_team.help"))
    sub = team.add_subparsers(dest="team_command", metavar=t("cli.command_metavar"))
    sub.required = True

    def server_option(p):
        p.add_argument("--server", metavar="URL", help=t("cli_team.server_help"))
        return p

    init = server_option(sub.add_parser("init", help=t("cli_team.init_help")))
    init.add_argument("--admin", metavar="LOGIN", help=t("cli_team.admin_help"))
    init.add_argument("--name", metavar="NAMA", default="", help=t("cli_team.name_help"))
    init.add_argument("--nip", default="", help=t("cli_team.nip_help"))
    init.set_defaults(func=cmd_init)

    login = server_option(sub.add_parser("login", help=t("cli_team.login_help")))
    login.add_argument("login", metavar="LOGIN")
    login.add_argument("--name", metavar="NAMA", required=True, help=t("cli_team.name_help"))
    login.add_argument("--nip", default="", help=t("cli_team.nip_help"))
    login.add_argument("--title", metavar="JABATAN", default="", help=t("cli_team.title_help"))
    login.add_argument(
        "--role",
        choices=["officer", "approver", "viewer", "admin"],
        default="officer",
        help=t("cli_team.role_help"),
    )
    login.set_defaults(func=cmd_login)

    push = server_option(sub.add_parser("push", help=t("cli_team.push_help")))
    add_json_option(push)
    push.set_defaults(func=cmd_push)

    pull = server_option(sub.add_parser("pull", help=t("cli_team.pull_help")))
    pull.add_argument("folder", type=Path, metavar="FOLDER")
    add_json_option(pull)
    pull.set_defaults(func=cmd_pull)

    status = server_option(sub.add_parser("status", help=t("cli_team.status_help")))
    add_json_option(status)
    status.set_defaults(func=cmd_status)


def _connect(args):
    from ..core.store.postgres.connection import connect
    from ..core.store.postgres.credentials import conninfo_for
    from ..core.targets import is_server_address
    from ..core.workspace import default_workspace_target

    server = args.server or os.environ.get(ENV_SERVER)
    workspace = getattr(args, "workspace", None) or default_workspace_target()
    if not server and is_server_address(workspace):
        server = str(workspace)  # --workspace/SUMBAR_WORKSPACE postgresql://... names it too
    if not server:
        raise InvalidInput("cli_team.server_required", env=ENV_SERVER)
    return connect(conninfo_for(server))


def cmd_init(args, ctx) -> int:
    from ..core.store.postgres.admin import StaffMember, init_server

    admin = None
    if args.admin:
        admin = StaffMember(args.admin, args.name or args.admin, args.nip, "Admin", "admin")
    with _connect(args) as conn:
        reached = init_server(conn, admin)
        from ..core.store.postgres.admin import schema_version

        version = schema_version(conn)
    ctx.print(t("cli_team.initialised", version=version, applied=len(reached)))
    if admin:
        ctx.print(t("cli_team.login_created", login=admin.login, role="admin"))
    return 0


def cmd_login(args, ctx) -> int:
    from ..core.store.postgres.admin import StaffMember, create_login

    member = StaffMember(args.login, args.name, args.nip, args.title, args.role)
    with _connect(args) as conn:
        create_login(conn, member)
    ctx.print(t("cli_team.login_created", login=member.login, role=member.group))
    return 0


def cmd_push(args, ctx) -> int:
    from ..core.store.postgres.transfer import push

    with _connect(args) as conn:
        report = push(ctx.workspace(create=False), conn)
    if args.json:
        ctx.print_json(report.__dict__)
        return 0
    ctx.print(
        t(
            "cli_team.pushed",
            posts=report.posts,
            inbox=report.inbox,
            media=report.media,
            audit=report.audit,
        )
    )
    for post_id, title, *_ in report.demoted:
        ctx.print("  " + t("cli_team.demoted", id=post_id, title=title))
    return 0


def cmd_pull(args, ctx) -> int:
    from ..core.store.postgres.transfer import pull

    with _connect(args) as conn:
        workspace, report = pull(conn, args.folder)
        workspace.close()
    if args.json:
        ctx.print_json(report.__dict__)
        return 0
    ctx.print(
        t(
            "cli_team.pulled",
            folder=str(args.folder),
            posts=report.posts,
            inbox=report.inbox,
            media=report.media,
        )
    )
    return 0


def cmd_status(args, ctx) -> int:
    from ..core.store.postgres.health import server_facts
    from ..core.store.postgres.repository import PostgresPostRepository

    with _connect(args) as conn:
        facts = server_facts(conn)
        repo = PostgresPostRepository(conn)
        ready = facts.schema_version > 0
        info = {
            **facts.__dict__,
            "latency_ms": round(facts.latency_ms, 2),
            "posts": repo.count() if ready else 0,
            "audit_broken_at": repo.verify_audit() if ready else None,
        }
    if args.json:
        ctx.print_json(info)
        return 0
    ctx.print(
        t(
            "cli_team.status",
            server=facts.server_version,
            tls=t("cli_team.tls_on", version=facts.tls_version)
            if facts.tls
            else t("cli_team.tls_off"),
            login=facts.login,
            person=facts.person or "-",
            roles=", ".join(facts.roles) or "-",
            latency=f"{facts.latency_ms:.1f}",
            schema_version=facts.schema_version,
            app_schema_version=facts.app_schema_version,
            posts=info["posts"],
        )
    )
    if not facts.schema_matches:
        ctx.print(t("cli_team.schema_differs"))
        return 1
    if info["audit_broken_at"] is not None:
        ctx.print(t("cli_team.audit_broken", id=info["audit_broken_at"]))
        return 1
    ctx.print(t("cli_team.audit_ok"))
    return 0
