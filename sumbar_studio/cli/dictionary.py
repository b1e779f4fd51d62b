"""``dictionary`` (the team's own spelling dictionary) and ``roster`` (the member list from a
CSV): both change the workspace's ``rules/`` folder, which the checklist reads."""

from __future__ import annotations

from ..core.checks import teamwords
from ..core.errors import InvalidInput
from ..core.i18n import t
from .common import add_json_option


def register(subparsers) -> None:
    p = subparsers.add_parser("dictionary", help=t("ejaan.cli_kamus_help"))
    sub = p.add_subparsers(dest="dictionary_command", required=True)
    for name in ("add", "remove"):
        q = sub.add_parser(name, help=t("ejaan.cli_kamus_help"))
        q.add_argument("word", help=t("ejaan.cli_kamus_word_help"))
        q.set_defaults(func=cmd_dictionary)
    q = sub.add_parser("list", help=t("ejaan.cli_kamus_help"))
    add_json_option(q)
    q.set_defaults(func=cmd_dictionary)

    r = subparsers.add_parser("roster", help=t("ejaan.cli_roster_help"))
    rsub = r.add_subparsers(dest="roster_command", required=True)
    imp = rsub.add_parser("import", help=t("ejaan.cli_roster_help"))
    imp.add_argument("file", help=t("ejaan.cli_roster_file_help"))
    imp.add_argument("--yes", action="store_true", help=t("ejaan.cli_yes_help"))
    imp.set_defaults(func=cmd_roster_import)


def cmd_dictionary(args, ctx) -> int:
    rules_dir = ctx.workspace().rules_dir
    command = args.dictionary_command
    if command == "list":
        words = teamwords.team_words(rules_dir)
        if getattr(args, "json", False):
            ctx.print_json({"words": words})
        else:
            for word in words:
                ctx.print(word)
            if not words:
                ctx.print(t("ejaan.kamus_kosong"))
        return 0
    if command == "add":
        added = teamwords.add_team_word(rules_dir, args.word)
        ctx.workspace().shared_files_changed()  # team mode: the whole team's dictionary
        ctx.print(t("ejaan.kamus_ditambah" if added else "ejaan.kamus_sudah_ada", word=args.word))
        return 0
    if not teamwords.remove_team_word(rules_dir, args.word):
        raise InvalidInput("ejaan.kamus_tidak_ada", word=args.word)
    ctx.workspace().shared_files_changed()
    ctx.print(t("ejaan.kamus_dihapus", word=args.word))
    return 0


def cmd_roster_import(args, ctx) -> int:
    rules_dir = ctx.workspace().rules_dir
    parsed = teamwords.read_roster_file(args.file)
    for warning in parsed.warnings:
        ctx.print(warning)
    current = teamwords.member_count(rules_dir)
    if current and not args.yes:
        raise InvalidInput("ejaan.roster_perlu_yes", count=current)
    path, backup = teamwords.import_roster(rules_dir, parsed.members)
    ctx.workspace().shared_files_changed()
    ctx.print(t("ejaan.roster_diimpor", count=len(parsed.members), path=str(path)))
    if backup is not None:
        ctx.print(t("ejaan.roster_cadangan", path=str(backup)))
    return 0
