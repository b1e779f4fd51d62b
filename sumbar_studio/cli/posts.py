"""``post add|edit|list|show|set-status|delete``, ``queue`` and ``search``."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..core.errors import InvalidInput
from ..core.i18n import t
from ..core.model import Action, Post, Status, action_between, post_to_dict
from ..core.platforms import default_catalog
from ..core.store.protocol import PostQuery
from ..core.timeutil import (
    format_clock,
    format_long_date,
    format_week_range,
    format_wib_datetime,
    parse_date,
    parse_iso_week,
    parse_wib_datetime,
    to_wib,
    week_bounds_utc,
    week_days,
)
from .common import actor, add_actor_option, add_json_option, parse_assignments


def register(subparsers) -> None:
    post = subparsers.add_parser("post", help=t("cli_posts.post_help"))
    post_sub = post.add_subparsers(dest="post_command", metavar=t("cli.command_metavar"))
    post_sub.required = True

    add = post_sub.add_parser("add", help=t("cli_posts.add_help"))
    add.add_argument("--title", required=True, help=t("cli_posts.title_help"))
    _content_options(add)
    add_actor_option(add)
    add_json_option(add)
    add.set_defaults(func=cmd_add)

    edit = post_sub.add_parser("edit", help=t("cli_posts.edit_help"))
    edit.add_argument("id", type=int)
    edit.add_argument("--title", help=t("cli_posts.title_help"))
    _content_options(edit)
    edit.add_argument(
        "--follow-master", action="append", metavar="PLATFORM", help=t("cli_posts.follow_help")
    )
    edit.add_argument("--expect-version", type=int, metavar="N", help=t("cli_posts.expect_help"))
    add_actor_option(edit)
    add_json_option(edit)
    edit.set_defaults(func=cmd_edit)

    lst = post_sub.add_parser("list", help=t("cli_posts.list_help"))
    lst.add_argument("--status", action="append", help=t("cli_posts.status_filter_help"))
    lst.add_argument("--platform", help=t("cli_posts.platform_filter_help"))
    lst.add_argument("--assignee", help=t("cli_posts.assignee_help"))
    lst.add_argument("--week", metavar="2026-W50", help=t("cli_posts.week_help"))
    lst.add_argument("--limit", type=int, default=200)
    add_json_option(lst)
    lst.set_defaults(func=cmd_list)

    show = post_sub.add_parser("show", help=t("cli_posts.show_help"))
    show.add_argument("id", type=int)
    show.add_argument("--history", action="store_true", help=t("cli_posts.history_help"))
    add_json_option(show)
    show.set_defaults(func=cmd_show)

    status = post_sub.add_parser("set-status", help=t("cli_posts.set_status_help"))
    status.add_argument("id", type=int)
    status.add_argument("status", metavar="STATUS", help=t("cli_posts.status_arg_help"))
    status.add_argument("--comment", default="", help=t("cli_posts.comment_help"))
    status.add_argument(
        "--url", action="append", metavar="PLATFORM=URL", help=t("cli_posts.url_help")
    )
    add_actor_option(status)
    add_json_option(status)
    status.set_defaults(func=cmd_set_status)

    approve = post_sub.add_parser("approve", help=t("cli_posts.approve_help"))
    approve.add_argument("id", type=int)
    approve.add_argument(
        "--approver", metavar="NAMA", default="", help=t("cli_posts.approver_help")
    )
    approve.add_argument(
        "--override", metavar="ALASAN", default="", help=t("cli_posts.override_help")
    )
    add_json_option(approve)
    approve.set_defaults(func=cmd_approve)

    attest = post_sub.add_parser("attest", help=t("cli_posts.attest_help"))
    attest.add_argument("id", type=int)
    attest.add_argument("item", metavar="BUTIR", help=t("cli_posts.attest_item_help"))
    add_actor_option(attest)
    attest.set_defaults(func=cmd_attest)

    delete = post_sub.add_parser("delete", help=t("cli_posts.delete_help"))
    delete.add_argument("id", type=int)
    delete.add_argument("--yes", action="store_true", help=t("cli_posts.yes_help"))
    add_actor_option(delete)
    delete.set_defaults(func=cmd_delete)

    queue = subparsers.add_parser("queue", help=t("cli_posts.queue_help"))
    queue.add_argument("--week", metavar="2026-W50", help=t("cli_posts.week_help"))
    add_json_option(queue)
    queue.set_defaults(func=cmd_queue)

    search = subparsers.add_parser("search", help=t("cli_posts.search_help"))
    search.add_argument("text", nargs="+")
    search.add_argument("--limit", type=int, default=50)
    add_json_option(search)
    search.set_defaults(func=cmd_search)


def _content_options(p) -> None:
    p.add_argument("--caption", help=t("cli_posts.caption_help"))
    p.add_argument(
        "--caption-file", type=Path, metavar="FILE", help=t("cli_posts.caption_file_help")
    )
    p.add_argument("--platform", action="append", help=t("cli_posts.platform_help"))
    p.add_argument(
        "--variant", action="append", metavar="PLATFORM=TEKS", help=t("cli_posts.variant_help")
    )
    p.add_argument("--hashtag", action="append", help=t("cli_posts.hashtag_help"))
    p.add_argument("--schedule", metavar="'2026-12-07 09:00'", help=t("cli_posts.schedule_help"))
    p.add_argument("--event-date", metavar="2026-12-07", help=t("cli_posts.event_help"))
    p.add_argument("--place", help=t("cli_posts.place_help"))
    p.add_argument("--source", help=t("cli_posts.source_help"))
    p.add_argument("--photo-credit", help=t("cli_posts.credit_help"))
    p.add_argument("--assignee", help=t("cli_posts.assignee_help"))
    p.add_argument("--template", help=t("cli_posts.template_help"))
    p.add_argument("--format", action="append", dest="formats", help=t("cli_posts.format_help"))
    p.add_argument("--set", action="append", metavar="FIELD=NILAI", help=t("cli_posts.set_help"))
    p.add_argument("--photo", type=Path, action="append", help=t("cli_posts.photo_help"))
    p.add_argument("--alt", action="append", help=t("cli_posts.alt_help"))


def _apply_content(post: Post, args, ws) -> None:
    catalog = default_catalog()
    if args.caption is not None:
        post.caption = args.caption
    if args.caption_file is not None:
        from ..core.inputs import read_input_text

        post.caption = read_input_text(args.caption_file, "text")  # regular files, size-limited
    if args.platform:
        for p in args.platform:
            catalog.get(p)
        post.platforms = list(dict.fromkeys(args.platform))
    for platform, text in parse_assignments(args.variant, "--variant").items():
        catalog.get(platform)
        post.override(platform, text)
    if args.hashtag:
        post.hashtags = [h if h.startswith("#") else f"#{h}" for h in args.hashtag]
    if args.schedule is not None:
        post.scheduled_at = parse_wib_datetime(args.schedule) if args.schedule else None
    if args.event_date is not None:
        post.event_date = parse_date(args.event_date) if args.event_date else None
    for attr in ("place", "source", "photo_credit", "assignee"):
        value = getattr(args, attr)
        if value is not None:
            setattr(post, attr, value)
    if args.template is not None:
        post.card.template_id = args.template
    if args.formats:
        for f in args.formats:
            catalog.format(f)
        post.card.formats = list(args.formats)
    post.card.fields.update(parse_assignments(args.set))
    if post.card.template_id:  # a photo path becomes a library photo now, never read later
        from ..core.postcard import template_or_none

        ws.media.import_card_photos(post, template_or_none(post.card.template_id))
    if args.photo:
        alts = args.alt or []
        post.media = [
            ws.media.import_file(path, alt_text=alts[i] if i < len(alts) else "")
            for i, path in enumerate(args.photo)
        ]
        post.card.fields.setdefault("photo", post.media[0].sha256)
    elif args.alt:
        for media, alt in zip(post.media, args.alt, strict=False):
            media.alt_text = alt


def cmd_add(args, ctx) -> int:
    ws = ctx.workspace()
    post = Post(title=args.title)
    _apply_content(post, args, ws)
    saved = ws.posts.add(post, actor(args))
    if args.json:
        ctx.print_json(post_to_dict(saved))
    else:
        ctx.print(t("cli_posts.added", id=saved.id, title=saved.title))
    return 0


def cmd_edit(args, ctx) -> int:
    ws = ctx.workspace()
    post = ws.posts.get(args.id)
    if args.expect_version is not None:
        post.version = args.expect_version
    if args.title is not None:
        post.title = args.title
    _apply_content(post, args, ws)
    for platform in args.follow_master or []:
        post.follow_master(platform)
    outcome = ws.posts.save_with_outcome(post, actor(args))
    if args.json:
        ctx.print_json(post_to_dict(outcome.post))
    else:
        ctx.print(t("cli_posts.saved", id=outcome.post.id, version=outcome.post.version))
        if outcome.reopened:
            ctx.print(t("cli_posts.reopened"))
    return 0


def _status_filter(values: list[str] | None) -> list[Status]:
    result = []
    for v in values or []:
        try:
            result.append(Status(v))
        except ValueError:
            raise InvalidInput(
                "errors.unknown_status", value=v, choices=", ".join(s.value for s in Status)
            ) from None
    return result


def _line(post: Post) -> str:
    when = (
        format_wib_datetime(post.scheduled_at) if post.scheduled_at else t("cli_posts.unscheduled")
    )
    return f"#{post.id:<5} {post.status.label():<18} {when:<42} {post.title}"


def cmd_list(args, ctx) -> int:
    ws = ctx.workspace()
    query = PostQuery(
        statuses=_status_filter(args.status),
        platform=args.platform,
        assignee=args.assignee,
        limit=args.limit,
    )
    if args.platform:
        default_catalog().get(args.platform)
    if args.week:
        query.start, query.end = week_bounds_utc(*parse_iso_week(args.week))
    posts = ws.posts.list(query)
    if args.json:
        ctx.print_json([post_to_dict(p) for p in posts])
    elif not posts:
        ctx.print(t("cli_posts.none"))
    else:
        for p in posts:
            ctx.print(_line(p))
    return 0


def cmd_show(args, ctx) -> int:
    ws = ctx.workspace()
    post = ws.posts.get(args.id)
    history = ws.posts.history(post.id) if args.history else []
    if args.json:
        data = post_to_dict(post)
        if args.history:
            data["history"] = [{**e.__dict__, "at": e.at.isoformat()} for e in history]
        ctx.print_json(data)
        return 0
    catalog = default_catalog()
    ctx.print(f"#{post.id} {post.title}")
    ctx.print(f"{t('cli_posts.f_status')}: {post.status.label()} (v{post.version})")
    if post.scheduled_at:
        ctx.print(f"{t('cli_posts.f_schedule')}: {format_wib_datetime(post.scheduled_at)}")
    if post.event_date:
        ctx.print(f"{t('cli_posts.f_event')}: {format_long_date(post.event_date)}")
    for label, value in (
        (t("cli_posts.f_place"), post.place),
        (t("cli_posts.f_source"), post.source),
        (t("cli_posts.f_credit"), post.photo_credit),
        (t("cli_posts.f_assignee"), post.assignee),
        (t("cli_posts.f_template"), post.card.template_id),
    ):
        if value:
            ctx.print(f"{label}: {value}")
    if post.approval:
        state = (
            t("cli_posts.approval_valid")
            if post.approval_valid()
            else t("cli_posts.approval_stale")
        )
        ctx.print(
            f"{t('cli_posts.f_approval')}: {post.approval.approver} ({post.approval.nip}) — {state}"
        )
    ctx.print("")
    ctx.print(post.caption)
    for platform in post.platforms:
        name = catalog.get(platform).name
        mark = (
            t("cli_posts.own_text")
            if post.is_overridden(platform)
            else t("cli_posts.follows_master")
        )
        ctx.print(f"\n[{name} — {mark}]")
        if post.is_overridden(platform):
            ctx.print(post.caption_for(platform))
    for m in post.media:
        ctx.print(
            f"\n{t('cli_posts.f_media')}: {m.filename} ({m.width}x{m.height}) sha256 {m.sha256[:12]}…"
        )
        ctx.print(f"  {t('cli_posts.f_alt')}: {m.alt_text or '—'}")
    for e in history:
        change = f"{e.old_status} → {e.new_status}" if e.new_status else ""
        ctx.print(f"{format_wib_datetime(e.at)}  {e.actor}  {e.action} {change}")
    return 0


def cmd_set_status(args, ctx) -> int:
    ws = ctx.workspace()
    post = ws.posts.get(args.id)
    value = args.status.strip().lower().replace("-", "_")
    if value in {a.value for a in Action}:
        action = Action(value)
    else:
        try:
            target = Status(value)
        except ValueError:
            choices = ", ".join([s.value for s in Status] + [a.value for a in Action])
            raise InvalidInput(
                "errors.unknown_status", value=args.status, choices=choices
            ) from None
        action = action_between(post.status, target)
    urls = parse_assignments(args.url, "--url")
    saved = ws.posts.transition(
        post.id, action, actor(args), comment=args.comment, published_urls=urls or None
    )
    if args.json:
        ctx.print_json(post_to_dict(saved))
    else:
        ctx.print(
            t(
                "cli_posts.status_changed",
                id=saved.id,
                old=post.status.label(),
                new=saved.status.label(),
            )
        )
    return 0


def cmd_approve(args, ctx) -> int:
    """The approver approves the post as it is now, through the checklist (core/approval.py):
    who approves is one of the workspace's approvers (on a team server: the person logged in,
    whom the server records)."""
    from ..core.approval import approve_post

    ws = ctx.workspace()
    people = ws.approvers()
    wanted = args.approver.strip().casefold()
    chosen = [p for p in people if not wanted or p.name.casefold() == wanted]
    if len(chosen) != 1:
        names = ", ".join(p.name for p in people) or "-"
        key = "cli_posts.approver_unknown" if wanted else "cli_posts.approver_choose"
        raise InvalidInput(key, name=args.approver, names=names)
    person = chosen[0]
    before = ws.posts.get(args.id)
    saved = approve_post(
        ws,
        args.id,
        approver=person.name,
        nip=person.nip,
        role=person.role,
        override_reason=args.override,
    )
    if args.json:
        ctx.print_json(post_to_dict(saved))
        return 0
    approval = saved.approval
    ctx.print(
        t(
            "cli_posts.approved",
            id=saved.id,
            old=before.status.label(),
            new=saved.status.label(),
            approver=approval.approver if approval else person.name,
            nip=approval.nip if approval else person.nip,
        )
    )
    return 0


def cmd_attest(args, ctx) -> int:
    from ..core.approval import attest

    officer = actor(args)
    saved = attest(ctx.workspace(), args.id, args.item, officer)
    ctx.print(t("cli_posts.attested", id=saved.id, item=args.item, officer=officer))
    return 0


def cmd_delete(args, ctx) -> int:
    ws = ctx.workspace()
    post = ws.posts.get(args.id)
    if not args.yes:
        raise InvalidInput("cli_posts.delete_needs_yes", id=post.id, title=post.title)
    ws.posts.delete(post.id, actor(args))
    ctx.print(t("cli_posts.deleted", id=post.id, title=post.title))
    return 0


def cmd_queue(args, ctx) -> int:
    ws = ctx.workspace()
    if args.week:
        year, week = parse_iso_week(args.week)
    else:
        from ..core.timeutil import iso_week_of, now_utc

        year, week = iso_week_of(now_utc())
    posts = ws.posts.week(year, week)
    by_day: dict = defaultdict(list)
    for p in posts:
        by_day[to_wib(p.scheduled_at).date()].append(p)
    if args.json:
        ctx.print_json(
            {
                "week": f"{year}-W{week:02d}",
                "days": [
                    {
                        "date": d.isoformat(),
                        "label": format_long_date(d),
                        "posts": [post_to_dict(p) for p in by_day.get(d, [])],
                    }
                    for d in week_days(year, week)
                ],
            }
        )
        return 0
    ctx.print(
        t("cli_posts.queue_title", week=f"{year}-W{week:02d}", range=format_week_range(year, week))
    )
    for d in week_days(year, week):
        ctx.print(f"\n{format_long_date(d)}")
        day_posts = by_day.get(d, [])
        if not day_posts:
            ctx.print(f"  {t('cli_posts.nothing_due')}")
        for p in day_posts:
            names = ", ".join(default_catalog().get(x).name for x in p.platforms)
            ctx.print(
                f"  {format_clock(p.scheduled_at)} WIB  #{p.id:<5} [{p.status.label()}] {p.title}  ({names})"
            )
    return 0


def cmd_search(args, ctx) -> int:
    ws = ctx.workspace()
    posts = ws.posts.search(" ".join(args.text), limit=args.limit)
    if args.json:
        ctx.print_json([post_to_dict(p) for p in posts])
    elif not posts:
        ctx.print(t("cli_posts.none"))
    else:
        for p in posts:
            ctx.print(_line(p))
    return 0
