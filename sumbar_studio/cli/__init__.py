"""Command-line interface: parse, call a core service, print. No business logic here.

Each sub-command family lives in its own module exposing ``register(subparsers)``; the
parser sets ``func(args, ctx) -> int`` as the handler. User errors (``SumbarError``) become one
translated line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..core import i18n
from ..core.errors import SumbarError
from ..core.i18n import t

#: Sub-command modules, in help order. Each has ``register(subparsers)``.
COMMAND_MODULES = ("posts", "cards", "checks", "dictionary", "export", "system")


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        if prefix is None:  # argparse passes "" when it builds a sub-command's prog
            prefix = t("cli.usage_prefix") + " "
        super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with translated help headings, reporting usage errors as one translated line
    with exit status 1."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = t("cli.positionals_title")
        self._optionals.title = t("cli.options_title")
        self.add_argument("-h", "--help", action="help", help=t("cli.help_help"))

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(
            1, t("cli.usage_error", prog=self.prog, detail=_translate_argparse(message)) + "\n"
        )


#: argparse's own (English, gettext-only) messages, matched and said again in our catalogue.
_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (?P<args>.+)", "cli.arg_required"),
    (r"one of the arguments (?P<args>.+) is required", "cli.arg_one_of"),
    (r"unrecognized arguments: (?P<args>.+)", "cli.arg_unknown"),
    (
        r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",
        "cli.arg_choice",
    ),
    (r"argument (?P<arg>\S+): invalid \w+ value: (?P<value>.+)", "cli.arg_type"),
    (r"argument (?P<arg>\S+): expected one argument", "cli.arg_expected"),
    (r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)", "cli.arg_conflict"),
)


def _translate_argparse(message: str) -> str:
    for pattern, message_id in _ARGPARSE_MESSAGES:
        match = re.fullmatch(pattern, message)
        if match:
            return t(message_id, **match.groupdict())
    return message


@dataclass
class CliContext:
    """What a handler needs besides its arguments: the workspace (opened lazily) and output."""

    workspace_dir: Path | None
    json: bool = False
    stdout: object = field(default_factory=lambda: sys.stdout)
    _workspace: object = None

    def workspace(self, create: bool = True):
        from ..core.workspace import Workspace

        if self._workspace is None:
            self._workspace = Workspace.open(self.workspace_dir, create=create)
        return self._workspace

    def print(self, text: str = "") -> None:
        print(text, file=self.stdout)

    def print_json(self, data: object) -> None:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str), file=self.stdout)

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sumbar-studio", description=t("cli.description"))
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help=t("cli.version_help")
    )
    parser.add_argument("--workspace", metavar="DIR", type=Path, help=t("cli.workspace_help"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=t("cli.lang_help"))
    sub = parser.add_subparsers(
        dest="command", metavar=t("cli.command_metavar"), parser_class=_Parser
    )
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language_from_argv(argv) or os.environ.get(i18n.ENV_LANG)
    if lang in i18n.LANGUAGES:
        i18n.set_language(lang)
    if not argv or argv[0] in ("gui",):
        return gui_main(argv[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors
        return int(exit_.code or 0)
    if not getattr(args, "func", None):  # no sub-command: the desktop window
        return gui_main(["--workspace", str(args.workspace)] if args.workspace else [])
    ctx = CliContext(workspace_dir=args.workspace, json=getattr(args, "json", False))
    try:
        return int(args.func(args, ctx) or 0)
    except SumbarError as err:
        print(err.user_message(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into a reader that stopped early (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        ctx.close()


def gui_main(argv: Sequence[str] | None = None) -> int:
    """Open the desktop window (the gui-script entry point and ``sumbar-studio`` alone)."""
    try:
        from ..ui.app import run
    except ImportError as exc:  # the UI is optional for headless use
        print(t("cli.gui_unavailable", detail=str(exc)), file=sys.stderr)
        return 1
    return run(list(argv or []))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
