"""``export``, ``verify``, ``plan`` and ``demo``: bundles, their check, the weekly plan, a demo."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..core.i18n import t
from ..core.timeutil import parse_date, parse_iso_week
from .common import add_json_option


def register(subparsers) -> None:
    exp = subparsers.add_parser("export", help=t("export.cli_export_help"))
    which = exp.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--post", type=int, action="append", metavar="ID", help=t("export.cli_post_help")
    )
    which.add_argument("--day", metavar="2026-12-07", help=t("export.cli_day_help"))
    which.add_argument("--week", metavar="2026-W50", help=t("export.cli_week_help"))
    exp.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help=t("export.cli_out_help")
    )
    exp.add_argument("--zip", action="store_true", help=t("export.cli_zip_help"))
    exp.add_argument("--allow-unapproved", action="store_true", help=t("export.cli_allow_help"))
    exp.add_argument("--workers", type=int, metavar="N", help=t("export.cli_workers_help"))
    add_json_option(exp)
    exp.set_defaults(func=cmd_export)

    ver = subparsers.add_parser("verify", help=t("export.cli_verify_help"))
    ver.add_argument(
        "bundle", type=Path, nargs="+", metavar="BUNDLE", help=t("export.cli_bundle_arg_help")
    )
    add_json_option(ver)
    ver.set_defaults(func=cmd_verify)

    plan = subparsers.add_parser("plan", help=t("export.cli_plan_help"))
    plan.add_argument("--week", required=True, metavar="2026-W50", help=t("export.cli_week_help"))
    plan.add_argument(
        "-o", "--out", type=Path, metavar="FILE.pdf", help=t("export.cli_plan_out_help")
    )
    plan.add_argument("--printer", metavar="NAMA", help=t("export.cli_plan_printer_help"))
    plan.add_argument("--html", type=Path, metavar="FILE.html", help=t("export.cli_plan_html_help"))
    plan.set_defaults(func=cmd_plan)

    demo = subparsers.add_parser("demo", help=t("export.cli_demo_help"))
    demo.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help=t("export.cli_demo_out_help")
    )
    demo.add_argument("--week", metavar="2026-W50", help=t("export.cli_demo_week_help"))
    demo.set_defaults(func=cmd_demo)


# ----------------------------------------------------------------------------------------


def _select_posts(args, ws):
    if args.post:
        return [ws.posts.get(pid) for pid in args.post], None
    if args.day:
        day = parse_date(args.day)
        return ws.posts.day(day), args.day
    year, week = parse_iso_week(args.week)
    return ws.posts.week(year, week), f"{year}-W{week:02d}"


def _progress_printer(enabled: bool):
    if not enabled or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else "\r"
        print(
            t("export.cli_progress", done=done, total=total), end=end, file=sys.stderr, flush=True
        )

    return show


def cmd_export(args, ctx) -> int:
    from ..core.export import export_posts

    ws = ctx.workspace()
    for warning in ws.warnings():  # a broken team file: defaults, and say so
        print(warning, file=sys.stderr)
    posts, what = _select_posts(args, ws)
    if not posts:
        ctx.print(t("export.cli_nothing", what=what))
        return 0
    started = time.perf_counter()
    results = export_posts(
        ws,
        posts,
        args.out,
        allow_unapproved=args.allow_unapproved,
        make_zip=args.zip,
        workers=args.workers,
        progress=_progress_printer(not args.json),
    )
    seconds = time.perf_counter() - started
    if args.json:
        ctx.print_json(
            [
                {
                    "post_id": r.post_id,
                    "title": r.title,
                    "path": str(r.path),
                    "draft": r.draft,
                    "zip": str(r.zip_path) if r.zip_path else None,
                    "images": r.images,
                    "files": len(r.files) + 1,
                }
                for r in results
            ]
        )
        return 0
    for r in results:
        draft = t("export.cli_bundle_draft") if r.draft else ""
        ctx.print(t("export.cli_bundle", path=r.path, images=r.images, draft=draft))
        if r.zip_path:
            ctx.print(t("export.cli_zip", path=r.zip_path))
    ctx.print(
        t(
            "export.cli_done",
            count=len(results),
            out=Path(args.out).resolve(),
            seconds=f"{seconds:.1f}".replace(".", ","),
        )
    )
    return 0


def cmd_verify(args, ctx) -> int:
    from ..core.export import verify_bundle

    reports = [verify_bundle(path) for path in args.bundle]
    if args.json:
        ctx.print_json([r.to_dict() for r in reports])
        return 0 if all(r.ok for r in reports) else 1
    for report in reports:
        if report.error:
            ctx.print(report.error)
            continue
        if report.ok and not report.extra:
            ctx.print(t("export.cli_verify_ok", count=report.checked))
            continue
        if report.ok:
            ctx.print(t("export.cli_verify_ok", count=report.checked))
        else:
            ctx.print(t("export.cli_verify_bad", path=report.path))
        for f in report.missing:
            ctx.print(t("export.cli_verify_missing", file=f))
        for f, reason in report.altered:
            ctx.print(t("export.cli_verify_altered", file=f, reason=reason))
        for f in report.extra:
            ctx.print(t("export.cli_verify_extra", file=f))
    return 0 if all(r.ok for r in reports) else 1


def cmd_plan(args, ctx) -> int:
    from ..core.errors import InvalidInput
    from ..core.plan import build_plan, render_plan_html

    if not args.out and not args.printer:
        raise InvalidInput("export.cli_plan_need_out")
    year, week = parse_iso_week(args.week)
    ws = ctx.workspace()
    plan = build_plan(ws, year, week)
    html = render_plan_html(plan)
    if args.html:
        from ..core.fileutil import write_text_atomic

        write_text_atomic(args.html, html, private=False)
    label = f"{year}-W{week:02d}"
    try:
        from ..printing.plan_pdf import print_plan_pdf, print_plan_to_printer
    except ImportError as exc:
        ctx.print(t("export.cli_printing_unavailable", detail=str(exc)))
        return 1
    if args.out:
        pages = print_plan_pdf(html, args.out, logo=plan.logo_path)
        ctx.print(
            t(
                "export.cli_plan_written",
                week=label,
                posts=plan.total,
                pages=pages,
                path=Path(args.out).resolve(),
            )
        )
    if args.printer:
        pages = print_plan_to_printer(html, args.printer, logo=plan.logo_path)
        ctx.print(
            t(
                "export.cli_plan_printed",
                week=label,
                posts=plan.total,
                pages=pages,
                printer=args.printer,
            )
        )
    return 0


def cmd_demo(args, ctx) -> int:
    from ..core.demo import build_demo_workspace
    from ..core.export import export_posts
    from ..core.plan import build_plan, render_plan_html
    from ..core.workspace import Workspace

    out = Path(args.out).expanduser()
    week = parse_iso_week(args.week) if args.week else None
    ws_path = out / "ruang-kerja"
    build_demo_workspace(ws_path, week=week)
    with Workspace.open(ws_path) as ws:
        year, wk = week or _demo_week(ws)
        posts = ws.posts.week(year, wk)
        label = f"{year}-W{wk:02d}"
        ctx.print(
            t("export.cli_demo_workspace", path=ws_path.resolve(), count=len(posts), week=label)
        )
        bundles = out / "bundel"
        results = export_posts(
            ws, posts, bundles, allow_unapproved=True, progress=_progress_printer(True)
        )
        ctx.print(t("export.cli_demo_bundles", path=bundles.resolve(), count=len(results)))
        plan = build_plan(ws, year, wk)
        html = render_plan_html(plan)
    try:
        from ..printing.plan_pdf import print_plan_pdf
    except ImportError as exc:
        ctx.print(t("export.cli_printing_unavailable", detail=str(exc)))
        return 1
    pdf = out / f"rencana-konten-{label}.pdf"
    print_plan_pdf(html, pdf, logo=plan.logo_path)
    ctx.print(t("export.cli_demo_plan", path=pdf.resolve()))
    ctx.print(t("export.cli_demo_next", ws=ws_path, week=label))
    return 0


def _demo_week(ws) -> tuple[int, int]:
    from ..core.timeutil import iso_week_of

    posts = [p for p in ws.posts.list() if p.scheduled_at]
    return iso_week_of(posts[0].scheduled_at)
