"""Command-line interface: parse, call a core service, print. No business logic here.

Each sub-command family lives in its own module exposing ``register(subparsers)``; the
parser sets ``func(args, ctx) -> int`` as the handler. User errors (``SumbarError``) become one
translated line on stderr and exit status 1, never a traceback.

Start-up cost: this module imports only argparse and the message catalogue. ``main`` imports
the one command module the command line names (:data:`COMMANDS`); ``--help`` lists every
command from that table without importing any of them, so it stays as quick as Python itself.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence

from .. import __version__
from ..core import i18n
from ..core.errors import SumbarError
from ..core.i18n import t
from ..core.text.cleaning import terminal_safe, terminal_safe_json

# argparse's own messages stay English, so _translate_argparse can match and translate them;
# going through gettext instead would search the disk for a catalogue on each one (about 30
# searches for --help, a millisecond of every start) and could only break that matching.
argparse._ = str

#: Sub-command modules, in help order. Each has ``register(subparsers)``.
COMMAND_MODULES = (
    "posts",
    "cards",
    "checks",
    "dictionary",
    "export",
    "inbox",
    "system",
    "team",
)

#: Every command in help order: (name, its module, the catalogue id of its one-line help). A
#: test checks it against what the modules register.
COMMANDS = (
    ("post", "posts", "cli_posts.post_help"),
    ("queue", "posts", "cli_posts.queue_help"),
    ("search", "posts", "cli_posts.search_help"),
    ("render", "cards", "cards.render_help"),
    ("templates", "cards", "cards.templates_help"),
    ("gallery", "cards", "cards.gallery_help"),
    ("check", "checks", "checks.cli_help"),
    ("dictionary", "dictionary", "ejaan.cli_kamus_help"),
    ("roster", "dictionary", "ejaan.cli_roster_help"),
    ("export", "export", "export.cli_export_help"),
    ("verify", "export", "export.cli_verify_help"),
    ("plan", "export", "export.cli_plan_help"),
    ("demo", "export", "export.cli_demo_help"),
    ("inbox", "inbox", "inbox.cli_help"),
    ("doctor", "system", "doctor.help"),
    ("restore", "system", "doctor.restore_help"),
    ("team", "team", "cli_team.help"),
)


def path_arg(text: str):
    """argparse ``type=`` for paths, importing pathlib only when a path is given."""
    from pathlib import Path

    return Path(text)


def workspace_arg(text: str):
    """argparse ``type=`` for ``--workspace``: a folder, or a team server's address
    (``postgresql://login@host/db``), kept as text."""
    from ..core.targets import is_server_address

    return text.strip() if is_server_address(text) else path_arg(text)


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns`` without importing shutil (and with it bz2 and
    lzma): argparse builds a formatter for every option it adds, even when nothing is shown."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        if width is None:  # as argparse computes it
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)

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
        line = t("cli.usage_error", prog=self.prog, detail=_translate_argparse(message))
        self.exit(1, terminal_safe(line) + "\n")  # the message may quote what was typed


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


class CliContext:
    """What a handler needs besides its arguments: the workspace (opened lazily) and output."""

    def __init__(self, workspace_dir=None, json: bool = False, stdout=None):
        self.workspace_dir = workspace_dir
        self.json = json
        self.stdout = sys.stdout if stdout is None else stdout
        self._workspace = None

    def workspace(self, create: bool = True):
        from ..core.workspace import Workspace

        if self._workspace is None:
            self._workspace = Workspace.open(self.workspace_dir, create=create)
        return self._workspace

    def print(self, text: str = "") -> None:
        print(terminal_safe(text), file=self.stdout)  # user text never drives the terminal

    def print_json(self, data: object) -> None:
        print(terminal_safe_json(data), file=self.stdout)

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


def build_parser(command: str | None = "*") -> argparse.ArgumentParser:
    """The parser with every command registered (``"*"``), or with only ``command``'s module
    registered and every other command listed by name and help only (``None``: none
    registered). A listed command costs no parser object and no import; should argparse pick
    one anyway (an abbreviated option hid it from :func:`_command_in`), ``main`` registers it
    and parses again."""
    parser = _Parser(prog="sumbar-studio", description=t("cli.description"))
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help=t("cli.version_help")
    )
    parser.add_argument(
        "--workspace", metavar="DIR|URL", type=workspace_arg, help=t("cli.workspace_help")
    )
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=t("cli.lang_help"))
    if command == "*":
        sub = parser.add_subparsers(
            dest="command", metavar=t("cli.command_metavar"), parser_class=_Parser
        )
        for name in COMMAND_MODULES:
            importlib.import_module(f"{__name__}.{name}").register(sub)
        return parser
    wanted = next((module for name, module, _ in COMMANDS if name == command), None)
    real = {name for name, module, _ in COMMANDS if module == wanted}

    def make_parser(**kwargs):
        name = kwargs["prog"].rsplit(" ", 1)[-1]
        return _Parser(**kwargs) if name in real else _ListedCommand()

    sub = parser.add_subparsers(
        dest="command", metavar=t("cli.command_metavar"), parser_class=make_parser
    )
    registered = False
    for name, module, help_id in COMMANDS:
        if module != wanted:
            sub.add_parser(name, help=t(help_id))
        elif not registered:
            importlib.import_module(f"{__name__}.{module}").register(sub)
            registered = True
    return parser


class _ListedCommand:
    """Stands in for a command's parser in ``--help``: parses nothing, so ``main`` sees the
    command without its handler and builds the real parser."""

    def parse_known_args(self, args=None, namespace=None):
        return (namespace if namespace is not None else argparse.Namespace()), []


#: Top-level options that take a value (the command is the first other bare word).
_VALUE_OPTIONS = ("--workspace", "--lang")


def _command_in(argv: Sequence[str]) -> str | None:
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUE_OPTIONS:
            skip = True
        elif arg == "--":
            continue
        elif not arg.startswith("-"):
            return arg
    return None


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    own_process = argv is None  # the console script: this command is the whole process
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language_from_argv(argv) or os.environ.get(i18n.ENV_LANG)
    if lang in i18n.LANGUAGES:
        i18n.set_language(lang)
    if not argv or argv[0] in ("gui",):
        return gui_main(argv[1:])
    command = _command_in(argv)
    if own_process and command is not None:
        _short_lived_process()
    parser = build_parser(command)
    try:
        args = parser.parse_args(argv)
        if getattr(args, "command", None) and not getattr(args, "func", None):
            # the command hid behind an abbreviated option (--work DIR): register it and redo
            args = build_parser(args.command).parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors
        return int(exit_.code or 0)
    if not getattr(args, "func", None):  # no sub-command: the desktop window
        gui_args = ["--workspace", str(args.workspace)] if args.workspace else []
        return gui_main(gui_args + (["--lang", args.lang] if args.lang else []))
    ctx = CliContext(workspace_dir=args.workspace, json=getattr(args, "json", False))
    try:
        return int(args.func(args, ctx) or 0)
    except SumbarError as err:
        print(terminal_safe(err.user_message()), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into a reader that stopped early (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a file or database error the core did not word: still one line
        from .common import one_line_error

        message = one_line_error(exc, ctx.workspace_dir)
        if message is None:
            raise
        print(message, file=sys.stderr)
        return 1
    finally:
        ctx.close()


def _short_lived_process() -> None:
    """A command runs for a moment and exits. The caches it loads (rules, dictionary, compiled
    patterns) are tens of thousands of objects that live until exit: collect less often while
    it runs, and at exit move everything out of the collector's sight (``gc.freeze``) so the
    interpreter's last collections do not walk it all again. Together about 7 ms of a 60 ms
    ``check`` (issue #14). The desktop window keeps Python's defaults."""
    import atexit
    import gc

    gc.set_threshold(20_000, 20, 20)
    atexit.register(gc.freeze)  # registered first, so it runs after the caches' own handlers


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
