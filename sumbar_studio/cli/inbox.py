"""``inbox add|list|show|assign|reply|close|stats|retention|export``: the Kotak Masukan.

Lists and exports mask the public's handles and contacts (UU 27/2022); ``show --reveal`` shows
them to the officer who answers. ``stats`` and ``export`` give aggregates unless asked for
entries (``export --entries``, still masked).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..core.errors import InvalidInput
from ..core.fileutil import write_text_atomic
from ..core.i18n import t
from ..core.inbox import EntryQuery, EntryStatus, InboxService
from ..core.inbox.model import Channel, Kind
from ..core.inbox.privacy import mask_contact, mask_handle, mask_link, mask_text
from ..core.inbox.replies import render_reply
from ..core.inbox.report import month_bounds_utc, monthly_report, parse_month, render_monthly_html
from ..core.inbox.stats import format_percent, format_work_hours
from ..core.timeutil import (
    format_wib_datetime,
    now_utc,
    parse_iso_week,
    parse_wib_datetime,
    to_wib,
    utc_to_db,
    week_bounds_utc,
)
from .common import actor, add_actor_option, add_json_option


def register(subparsers) -> None:
    inbox = subparsers.add_parser("inbox", help=t("inbox.cli_help"))
    sub = inbox.add_subparsers(dest="inbox_command", metavar=t("cli.command_metavar"))
    sub.required = True

    add = sub.add_parser("add", help=t("inbox.cli_add_help"))
    add.add_argument("text", nargs="?", default="", help=t("inbox.cli_text_help"))
    add.add_argument("--text-file", type=Path, metavar="FILE")
    add.add_argument("--channel", choices=[c.value for c in Channel])
    add.add_argument("--kind", choices=[k.value for k in Kind])
    add.add_argument("--sender", help=t("inbox.cli_sender_help"))
    add.add_argument("--contact", help=t("inbox.cli_contact_help"))
    add.add_argument("--topic", default="")
    add.add_argument("--received", metavar="'2026-12-03 09.15'", help=t("inbox.cli_received_help"))
    add.add_argument("--post", type=int, metavar="ID")
    add.add_argument("--url", default="", metavar="URL")
    add.add_argument("--screenshot", type=Path, metavar="FILE.png")
    add_actor_option(add)
    add_json_option(add)
    add.set_defaults(func=cmd_add)

    lst = sub.add_parser("list", help=t("inbox.cli_list_help"))
    lst.add_argument("--all", action="store_true", help=t("inbox.cli_all_help"))
    lst.add_argument("--overdue", action="store_true", help=t("inbox.cli_overdue_help"))
    lst.add_argument("--status", choices=[s.value for s in EntryStatus])
    lst.add_argument("--channel", choices=[c.value for c in Channel])
    lst.add_argument("--kind", choices=[k.value for k in Kind])
    lst.add_argument("--assignee")
    lst.add_argument("--month", metavar="2026-12")
    lst.add_argument("--limit", type=int, default=200)
    add_json_option(lst)
    lst.set_defaults(func=cmd_list)

    show = sub.add_parser("show", help=t("inbox.cli_show_help"))
    show.add_argument("id", type=int)
    show.add_argument("--reveal", action="store_true", help=t("inbox.cli_reveal_help"))
    add_actor_option(show)
    add_json_option(show)
    show.set_defaults(func=cmd_show)

    assign = sub.add_parser("assign", help=t("inbox.cli_assign_help"))
    assign.add_argument("id", type=int)
    assign.add_argument("--officer", metavar="NAMA")
    assign.add_argument("--forward", metavar="TUJUAN", help=t("inbox.cli_forward_help"))
    assign.add_argument("--note", default="")
    add_actor_option(assign)
    add_json_option(assign)
    assign.set_defaults(func=cmd_assign)

    reply = sub.add_parser("reply", help=t("inbox.cli_reply_help"))
    reply.add_argument("id", type=int)
    src = reply.add_mutually_exclusive_group()
    src.add_argument("--template", metavar="ID")
    src.add_argument("--text")
    src.add_argument("--text-file", type=Path, metavar="FILE")
    reply.add_argument("--approve-as", metavar="NAMA", help=t("inbox.cli_approve_help"))
    reply.add_argument("--sent", action="store_true", help=t("inbox.cli_sent_help"))
    add_actor_option(reply)
    add_json_option(reply)
    reply.set_defaults(func=cmd_reply)

    close = sub.add_parser("close", help=t("inbox.cli_close_help"))
    close.add_argument("id", type=int)
    how = close.add_mutually_exclusive_group(required=True)
    how.add_argument("--reason", help=t("inbox.cli_reason_help"))
    how.add_argument("--done", action="store_true", help=t("inbox.cli_done_help"))
    add_actor_option(close)
    add_json_option(close)
    close.set_defaults(func=cmd_close)

    stats = sub.add_parser("stats", help=t("inbox.cli_stats_help"))
    period = stats.add_mutually_exclusive_group()
    period.add_argument("--month", metavar="2026-12")
    period.add_argument("--week", metavar="2026-W49")
    stats.add_argument("--pdf", type=Path, metavar="FILE.pdf", help=t("inbox.cli_pdf_help"))
    add_json_option(stats)
    stats.set_defaults(func=cmd_stats)

    retention = sub.add_parser("retention", help=t("inbox.cli_retention_help"))
    retention.add_argument("--yes", action="store_true", help=t("inbox.cli_yes_help"))
    add_actor_option(retention)
    add_json_option(retention)
    retention.set_defaults(func=cmd_retention)

    export = sub.add_parser("export", help=t("inbox.cli_export_help"))
    export.add_argument("--month", metavar="2026-12", required=True)
    export.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    export.add_argument("--entries", action="store_true", help=t("inbox.cli_entries_help"))
    export.set_defaults(func=cmd_export)


def _service(ctx) -> InboxService:
    return InboxService(ctx.workspace())


def entry_dict(entry, *, revealed: tuple[str, str] | None = None) -> dict:
    return {
        "id": entry.id,
        "channel": str(entry.channel),
        "kind": str(entry.kind),
        "sender": revealed[0] if revealed else mask_handle(entry.sender),
        "contact": revealed[1] if revealed else mask_contact(entry.contact),
        "text": entry.text,
        "screenshot": entry.screenshot,
        "received_at": utc_to_db(entry.received_at),
        "topic": entry.topic,
        "post_id": entry.post_id,
        "post_url": entry.post_url if revealed else mask_link(entry.post_url, entry.sender),
        "status": str(entry.status),
        "assignee": entry.assignee,
        "forwarded_to": entry.forwarded_to,
        "forwarded_at": utc_to_db(entry.forwarded_at),
        "due_at": utc_to_db(entry.due_at),
        "first_answer_at": utc_to_db(entry.first_answer_at),
        "closed_at": utc_to_db(entry.closed_at),
        "close_reason": entry.close_reason,
        "response_minutes": entry.response_minutes,
        "closure_minutes": entry.closure_minutes,
        "erased_at": utc_to_db(entry.erased_at),
        "version": entry.version,
    }


def _read_text(value: str, path: Path | None) -> str:
    if path is not None:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(
                "inbox.cli_file_unreadable", path=str(path), detail=str(exc)
            ) from None
    return value or ""


def _line(entry, now) -> str:
    late = " ⚠" if entry.overdue(now) else ""
    due = format_wib_datetime(entry.due_at) if entry.due_at else "–"
    who = mask_handle(entry.sender) or "–"
    return (
        f"#{entry.id} [{entry.status.label()}] {entry.channel.label()} · {who} · "
        f"{entry.kind.label()} · {t('inbox.cli_due', when=due)}{late}\n"
        f"    {mask_text(entry.excerpt)}"
    )


def cmd_add(args, ctx) -> int:
    service = _service(ctx)
    text = _read_text(args.text, args.text_file)
    received = parse_wib_datetime(args.received) if args.received else None
    entry = service.quick_add(
        text,
        actor=actor(args),
        channel=args.channel,
        kind=args.kind,
        sender=args.sender,
        contact=args.contact,
        topic=args.topic,
        received_at=received,
        post_id=args.post,
        post_url=args.url,
        screenshot=args.screenshot,
    )
    if ctx.json:
        ctx.print_json(entry_dict(entry))
    else:
        ctx.print(
            t(
                "inbox.cli_added",
                id=entry.id,
                channel=entry.channel.label(),
                kind=entry.kind.label(),
                due=format_wib_datetime(entry.due_at),
            )
        )
    return 0


def cmd_list(args, ctx) -> int:
    service = _service(ctx)
    now = now_utc()
    query = EntryQuery(
        open_only=not (args.all or args.status or args.month),
        overdue_at=now if args.overdue else None,
        statuses=[EntryStatus(args.status)] if args.status else (),
        channel=args.channel,
        kind=args.kind,
        assignee=args.assignee,
        limit=args.limit,
    )
    if args.month:
        query.start, query.end = month_bounds_utc(*parse_month(args.month))
    rows = service.summaries(service.ids(query))
    if ctx.json:
        ctx.print_json(
            [
                {
                    "id": r.id,
                    "received_at": utc_to_db(r.received_at),
                    "channel": str(r.channel),
                    "kind": str(r.kind),
                    "sender": mask_handle(r.sender),
                    "topic": r.topic,
                    "status": str(r.status),
                    "assignee": r.assignee,
                    "forwarded_to": r.forwarded_to,
                    "due_at": utc_to_db(r.due_at),
                    "overdue": r.overdue(now),
                    "excerpt": mask_text(r.excerpt),
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        ctx.print(t("inbox.cli_none"))
    for r in rows:
        ctx.print(_line(r, now))
    return 0


def cmd_show(args, ctx) -> int:
    service = _service(ctx)
    entry = service.get(args.id)
    revealed = service.reveal(entry.id, actor=actor(args)) if args.reveal else None
    replies = service.replies(entry.id)
    history = service.history(entry.id)
    if ctx.json:
        data = entry_dict(entry, revealed=revealed)
        data["overdue"] = entry.overdue(now_utc())
        data["routes"] = [
            {
                "target": r.target,
                "kind": r.kind,
                "at": utc_to_db(r.at),
                "actor": r.actor,
                "note": r.note,
            }
            for r in service.routes(entry.id)
        ]
        data["replies"] = [
            {
                "id": r.id,
                "status": str(r.status),
                "body": r.body,
                "blocking": r.blocking,
                "warnings": r.warnings,
                "approved_by": r.approved_by,
                "sent_at": utc_to_db(r.sent_at),
            }
            for r in replies
        ]
        data["history"] = [
            {
                "at": utc_to_db(h.at),
                "actor": h.actor,
                "action": h.action,
                "old_status": h.old_status,
                "new_status": h.new_status,
            }
            for h in history
        ]
        ctx.print_json(data)
        return 0
    sender, contact = revealed or (mask_handle(entry.sender), mask_contact(entry.contact))
    ctx.print(
        f"#{entry.id} · {entry.status.label()} · {entry.channel.label()} · {entry.kind.label()}"
    )
    ctx.print(t("inbox.cli_show_from", sender=sender or "–", contact=contact or "–"))
    ctx.print(
        t(
            "inbox.cli_show_received",
            when=format_wib_datetime(entry.received_at),
            due=format_wib_datetime(entry.due_at) if entry.due_at else "–",
        )
    )
    if entry.topic:
        ctx.print(t("inbox.cli_show_topic", topic=entry.topic))
    if entry.assignee or entry.forwarded_to:
        ctx.print(
            t(
                "inbox.cli_show_routing",
                officer=entry.assignee or "–",
                target=entry.forwarded_to or "–",
            )
        )
    ctx.print("")
    ctx.print(entry.text or t("inbox.erased") if entry.erased_at else entry.text)
    for r in replies:
        ctx.print("")
        ctx.print(
            t(
                "inbox.cli_show_reply",
                id=r.id,
                status=r.status.label(),
                blocking=r.blocking,
                warnings=r.warnings,
            )
        )
        ctx.print(r.body)
    ctx.print("")
    for h in history:
        ctx.print(
            f"  {format_wib_datetime(h.at)} · {h.actor} · {h.action}"
            + (f" ({h.old_status} → {h.new_status})" if h.old_status != h.new_status else "")
        )
    return 0


def cmd_assign(args, ctx) -> int:
    service = _service(ctx)
    if not args.officer and not args.forward:
        raise InvalidInput("inbox.cli_assign_nothing")
    who = actor(args)
    entry = service.get(args.id)
    if args.officer:
        entry = service.assign(args.id, args.officer, actor=who)
    if args.forward:
        entry = service.forward(args.id, args.forward, actor=who, note=args.note)
    if ctx.json:
        ctx.print_json(entry_dict(entry))
    else:
        ctx.print(
            t(
                "inbox.cli_assigned",
                id=entry.id,
                officer=entry.assignee or "–",
                target=entry.forwarded_to or "–",
                status=entry.status.label(),
            )
        )
    return 0


def cmd_reply(args, ctx) -> int:
    service = _service(ctx)
    who = actor(args)
    entry = service.get(args.id)
    reply = service.draft(entry.id)
    body = None
    if args.template:
        body = render_reply(args.template, entry, officer=who)
    elif args.text or args.text_file:
        body = _read_text(args.text or "", args.text_file)
    if body is not None:
        reply = service.draft_reply(entry.id, body, actor=who, template_id=args.template or "")
    if reply is None:
        raise InvalidInput("inbox.reply_empty")
    if args.approve_as and not reply.blocking:
        reply = service.approve_reply(reply.id, args.approve_as, actor=who)
    sent = None
    if args.sent and not reply.blocking:
        sent = service.mark_sent(reply.id, actor=who)
        reply = service.repo.reply(reply.id)
    if ctx.json:
        ctx.print_json(
            {
                "id": reply.id,
                "entry": entry.id,
                "status": str(reply.status),
                "body": reply.body,
                "blocking": reply.blocking,
                "warnings": reply.warnings,
                "findings": reply.findings,
                "entry_status": str(sent.status) if sent else None,
            }
        )
    else:
        ctx.print(reply.body)
        ctx.print("")
        for f in reply.findings:
            ctx.print(f"  [{f['severity']}] {f['message']}")
        ctx.print(
            t(
                "inbox.cli_reply_state",
                id=reply.id,
                status=reply.status.label(),
                blocking=reply.blocking,
                warnings=reply.warnings,
            )
        )
    return 1 if reply.blocking else 0


def cmd_close(args, ctx) -> int:
    service = _service(ctx)
    if args.done:
        entry = service.finish(args.id, actor=actor(args))
    else:
        entry = service.close(args.id, args.reason or "", actor=actor(args))
    if ctx.json:
        ctx.print_json(entry_dict(entry))
    else:
        ctx.print(
            t(
                "inbox.cli_closed",
                id=entry.id,
                status=entry.status.label(),
                hours=format_work_hours(entry.closure_minutes),
            )
        )
    return 0


def _period(args):
    if args.week:
        year, week = parse_iso_week(args.week)
        start, end = week_bounds_utc(year, week)
        return start, end, args.week
    if args.month:
        year, month = parse_month(args.month)
    else:
        today = to_wib(now_utc())
        year, month = today.year, today.month
    start, end = month_bounds_utc(year, month)
    return start, end, f"{year}-{month:02d}"


def cmd_stats(args, ctx) -> int:
    ws = ctx.workspace()
    start, end, label = _period(args)
    stats = InboxService(ws).stats(start, end, label=label)
    if args.pdf:
        if args.week:
            raise InvalidInput("inbox.cli_pdf_month_only")
        from ..printing.plan_pdf import print_plan_pdf

        report = monthly_report(ws, *parse_month(label))
        pages = print_plan_pdf(render_monthly_html(report), args.pdf)
        if not ctx.json:
            ctx.print(t("inbox.cli_pdf_written", path=str(args.pdf), pages=pages))
    if ctx.json:
        ctx.print_json(stats.to_dict())
        return 0
    ctx.print(t("inbox.cli_stats_head", period=label))
    ctx.print(
        t(
            "inbox.cli_stats_line",
            received=stats.received,
            answered=stats.answered,
            within=stats.within_standard,
            percent=format_percent(stats.within_percent),
            median=format_work_hours(stats.median_response_minutes),
            closure=format_work_hours(stats.median_closure_minutes),
            open=stats.open,
            overdue=stats.overdue,
        )
    )
    for title, rows in (
        (t("inbox.by_channel"), stats.by_channel),
        (t("inbox.by_kind"), stats.by_kind),
        (t("inbox.by_target"), stats.by_target),
    ):
        ctx.print(f"{title}:")
        for b in rows:
            ctx.print(
                f"  {b.label}: {b.received} / {b.answered} / {b.within_standard} / "
                f"{b.open} / {b.overdue}"
            )
    return 0


def cmd_retention(args, ctx) -> int:
    service = _service(ctx)
    due = service.retention_due()
    if not args.yes:
        if ctx.json:
            ctx.print_json({"due": len(due), "erased": 0})
        else:
            ctx.print(t("inbox.cli_retention_ask", count=len(due)))
        return 0
    outcome = service.apply_retention(actor=actor(args))
    if ctx.json:
        ctx.print_json(
            {
                "due": len(due),
                "erased": outcome.erased,
                "screenshots_deleted": outcome.screenshots_deleted,
                "backup": str(outcome.backup) if outcome.backup else None,
            }
        )
    else:
        ctx.print(
            t("inbox.cli_retention_done", count=outcome.erased, backup=str(outcome.backup or "–"))
        )
    return 0


def cmd_export(args, ctx) -> int:
    service = _service(ctx)
    year, month = parse_month(args.month)
    start, end = month_bounds_utc(year, month)
    out = io.StringIO()
    writer = csv.writer(out)
    if args.entries:
        writer.writerow(
            [
                "id",
                "diterima_wib",
                "kanal",
                "jenis",
                "pengirim",
                "kontak",
                "topik",
                "status",
                "petugas",
                "diteruskan_ke",
                "batas_wib",
                "jam_kerja_tanggapan",
                "jam_kerja_selesai",
            ]
        )
        for entry_id in service.ids(EntryQuery(start=start, end=end)):
            e = service.get(entry_id)
            writer.writerow(
                [
                    e.id,
                    to_wib(e.received_at).strftime("%Y-%m-%d %H:%M"),
                    e.channel.value,
                    e.kind.value,
                    mask_handle(e.sender),
                    mask_contact(e.contact),
                    e.topic,
                    e.status.value,
                    e.assignee,
                    e.forwarded_to,
                    to_wib(e.due_at).strftime("%Y-%m-%d %H:%M") if e.due_at else "",
                    "" if e.response_minutes is None else round(e.response_minutes / 60, 2),
                    "" if e.closure_minutes is None else round(e.closure_minutes / 60, 2),
                ]
            )
    else:
        stats = service.stats(start, end, label=args.month)
        writer.writerow(
            ["kelompok", "nilai", "diterima", "dijawab", "sesuai_standar", "terbuka", "lewat_batas"]
        )
        writer.writerow(
            [
                "total",
                "",
                stats.received,
                stats.answered,
                stats.within_standard,
                stats.open,
                stats.overdue,
            ]
        )
        for group, rows in (
            ("kanal", stats.by_channel),
            ("jenis", stats.by_kind),
            ("tujuan", stats.by_target),
        ):
            for b in rows:
                writer.writerow(
                    [
                        group,
                        b.key or "-",
                        b.received,
                        b.answered,
                        b.within_standard,
                        b.open,
                        b.overdue,
                    ]
                )
    write_text_atomic(args.out, out.getvalue())
    ctx.print(t("inbox.cli_exported", path=str(args.out)))
    return 0
