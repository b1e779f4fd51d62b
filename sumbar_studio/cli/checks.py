"""``check``: run the checklist over a post or a text file and print the findings.

Findings are grouped by checklist item (principle, ethics point, platform, accessibility) in
catalogue order, each with ``line:column``. Exit status 1 when anything blocks.
"""

from __future__ import annotations

import sys

from ..core.checks import check_post, check_text, load_rules
from ..core.checks.engine import roll_up
from ..core.checks.findings import Finding
from ..core.i18n import t
from ..core.platforms import default_catalog
from ..core.text.cleaning import strip_bom
from .common import add_json_option


def register(subparsers) -> None:
    p = subparsers.add_parser("check", help=t("checks.cli_help"))
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--post", type=int, metavar="ID", help=t("checks.cli_post_help"))
    source.add_argument("--text-file", metavar="F", help=t("checks.cli_text_file_help"))
    p.add_argument(
        "--platform",
        action="append",
        metavar="P",
        dest="platforms",
        help=t("checks.cli_platform_help"),
    )
    add_json_option(p)
    p.set_defaults(func=cmd_check)


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    from ..core.inputs import read_input_text

    return read_input_text(path, "text")  # regular files only, size-limited


def _platforms(requested: list[str] | None) -> list[str]:
    catalog = default_catalog()
    if not requested:
        return [p for p in catalog.ids() if catalog.get(p).caption_limit > 0]
    for p in requested:
        catalog.get(p)  # raises a clear error for an unknown platform
    return list(dict.fromkeys(requested))


def cmd_check(args, ctx) -> int:
    # a workspace's own rule lists apply when one is in use; plain text needs none
    use_workspace = args.post is not None or ctx.workspace_dir is not None
    rules = ctx.workspace().rules() if use_workspace else load_rules()
    if use_workspace:
        for warning in ctx.workspace().warnings():  # a broken team file: defaults, and say so
            print(warning, file=sys.stderr)
    if args.post is not None:
        post = ctx.workspace().posts.get(args.post)
        if args.platforms:
            post = post.copy()
            post.platforms = _platforms(args.platforms)
        from ..core.postcard import post_card_reports

        reports = post_card_reports(ctx.workspace(), post)
        result = check_post(post, rules=rules, card_reports=reports)
        findings, items, counts = result.findings, result.items, result.counts
    else:
        text = strip_bom(_read_text(args.text_file))  # a BOM would shift line-1 columns
        counts: dict[str, dict[str, object]] = {}
        findings = check_text(text, _platforms(args.platforms), rules=rules, counts=counts)
        items = roll_up(findings, rules)
    blocking = sum(1 for f in findings if f.blocking)
    if args.json:
        ctx.print_json(
            {
                "platforms": counts,
                "blocking": blocking,
                "warnings": sum(1 for f in findings if f.severity == "warning"),
                "info": sum(1 for f in findings if f.severity == "info"),
                "findings": [f.to_dict() for f in findings],
                "items": [
                    {
                        "id": r.item.id,
                        "group": r.item.group,
                        "title": r.item.title(),
                        "status": str(r.status),
                        "attested_by": r.attested_by,
                    }
                    for r in items
                ],
            }
        )
        return 1 if blocking else 0
    _print_human(ctx, findings, items, counts)
    return 1 if blocking else 0


def _where(f: Finding) -> str:
    place = (
        f.platform
        if f.platform
        else (t("checks.cli_master") if f.platform == "" else t("checks.cli_post"))
    )
    if f.line is not None:
        return f"{place} {f.line}:{f.column}"
    return place


def _print_human(ctx, findings: list[Finding], items, counts) -> None:
    ctx.print(t("checks.cli_counts"))
    for platform, c in counts.items():
        flag = "" if c["valid"] else t("checks.cli_over")
        ctx.print(
            t(
                "checks.cli_count_line",
                platform=platform,
                length=c["length"],
                limit=c["limit"] or "-",
                flag=flag,
            )
        )
    ctx.print()
    if not findings:
        ctx.print(t("checks.cli_no_findings"))
    current_group = None
    for r in items:
        if not r.findings:
            continue
        if r.item.group != current_group:
            current_group = r.item.group
            ctx.print(f"== {t(f'checks.group_{current_group}')} ==")
        ctx.print(f"[{r.status.label()}] {r.item.title()}")
        for f in r.findings:
            ctx.print(f"  {_where(f)}  {f.severity.label()}: {f.message}")
            if f.replacement is not None:
                fix = f.replacement or t("text_guard.fix_remove")  # "" means: delete it
                ctx.print(f"      {t('checks.cli_fix', replacement=fix)}")
            elif f.rule == "bahasa.ejaan":
                suggestions = f.fill_suggestions()
                if suggestions:
                    ctx.print(
                        f"      {t('checks.cli_suggest', suggestions=', '.join(suggestions))}"
                    )
    pending = [r for r in items if r.status == "manual-pending"]
    if pending:
        ctx.print()
        ctx.print(t("checks.cli_manual"))
        for r in pending:
            ctx.print(f"  [ ] {r.item.id}: {r.item.attestation_text()}")
    ctx.print()
    ctx.print(
        t(
            "checks.cli_summary",
            blocking=sum(1 for f in findings if f.blocking),
            warnings=sum(1 for f in findings if f.severity == "warning"),
            info=sum(1 for f in findings if f.severity == "info"),
        )
    )
    if any(f.blocking for f in findings):
        ctx.print(t("checks.cli_blocked"))
