"""Helpers shared by CLI command modules."""

from __future__ import annotations

from ..core.errors import InvalidInput


def actor(args) -> str:
    from ..core.settings import AppSettings

    return getattr(args, "actor", None) or AppSettings.load().actor()


def parse_assignments(items: list[str] | None, what: str = "--set") -> dict[str, str]:
    """``["title=Rapat", "place=Padang"]`` -> dict; a malformed item is a clear user error."""
    result: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInput("cli_posts.assignment_invalid", option=what, value=item)
        result[key.strip()] = value
    return result


def add_actor_option(parser) -> None:
    from ..core.i18n import t

    parser.add_argument("--as", dest="actor", metavar="NAMA", help=t("cli_posts.as_help"))


def add_json_option(parser) -> None:
    from ..core.i18n import t

    parser.add_argument("--json", action="store_true", help=t("cli.json_help"))


def one_line_error(exc: BaseException, workspace_dir=None) -> str | None:
    """The one translated line for an OS, SQLite or team-server error that reached the CLI (full
    disk, read-only folder, a lock held past the busy timeout, a server refusal); None for
    anything else (a bug, which keeps its traceback)."""
    from ..core.i18n import t

    if isinstance(exc, OSError):
        from ..core.inputs import os_reason

        return t("files.os_error", path=exc.filename or "", reason=os_reason(exc))
    if type(exc).__module__.startswith("psycopg"):  # a team server error the core did not word
        from ..core.store.postgres.repository import server_error

        return server_error(exc).user_message()  # (--workspace, SUMBAR_WORKSPACE or --server)
    # a store error: damage found while reading gives the "rusak" message naming the latest
    # backup; a lock or a full disk: what it is
    from ..core.targets import is_server_address
    from ..core.workspace import default_workspace_dir, store_error

    if is_server_address(workspace_dir or ""):
        return None
    found = store_error(workspace_dir or default_workspace_dir(), exc)
    return found.user_message() if found is not None else None
