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
