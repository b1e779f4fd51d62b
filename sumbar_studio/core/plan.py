"""The printed weekly content plan ("Rencana Konten Media Sosial") as plain data and HTML.

:func:`build_plan` collects the posts of an ISO week by day and time (WIB), with a thumbnail of
each card, a summary by platform and status, and the signatories from the team settings.
:func:`render_plan_html` turns it into HTML (Jinja2, autoescaped) in the subset QTextDocument
understands (tables for layout, no flexbox); sumbar_studio.printing paints it onto A4 landscape
pages. No Qt here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from PIL import Image

from .cards import PhotoRef, render
from .errors import SumbarError
from .fileutil import atomic_write
from .i18n import t
from .imaging import open_image
from .inbox.report import report_helpers, weekly_report
from .model import Post, Status
from .platforms import default_catalog
from .postcard import card_fields, formats_for, template_or_none
from .resources import template_path
from .timeutil import (
    format_clock,
    format_long_date,
    format_plain_date,
    format_week_range,
    now_utc,
    to_wib,
    week_days,
)

EXCERPT_CHARS = 200
THUMB_SCALE = 0.14  # a 1080-wide card -> ~150 px
#: statuses shown in the summary, in workflow order
SUMMARY_STATUSES = (
    Status.DRAFT,
    Status.REVIEW,
    Status.APPROVED,
    Status.SCHEDULED,
    Status.PUBLISHED,
)


@dataclass
class PlanEntry:
    post_id: int | None
    time: str  # "09.00" (WIB)
    platforms: list[str]  # display names
    title: str
    excerpt: str
    status: str  # Status value
    status_label: str
    officer: str
    thumbnail: Path | None = None

    @property
    def thumbnail_url(self) -> str:
        return self.thumbnail.resolve().as_uri() if self.thumbnail else ""


@dataclass
class PlanDay:
    day: date
    label: str  # "Senin, 7 Desember 2026"
    entries: list[PlanEntry] = field(default_factory=list)


@dataclass
class Signatory:
    caption: str  # "Disiapkan oleh" / "Mengetahui"
    position: str  # role, e.g. "Pranata Humas" / "Kepala Bagian"
    name: str
    nip: str


@dataclass
class WeeklyPlan:
    year: int
    week: int
    title: str
    week_label: str  # "Senin, 7 Desember - Minggu, 13 Desember 2026"
    institution: str
    unit: str
    website: str
    logo_path: Path | None
    days: list[PlanDay]
    platform_names: list[str]  # summary rows, in catalogue order
    status_labels: list[str]  # summary columns
    summary: dict[str, dict[str, int]]  # platform name -> status label -> count
    platform_totals: dict[str, int]
    status_totals: dict[str, int]
    total: int
    signatories: list[Signatory]
    place_date: str  # "Padang, 4 Desember 2026"
    generated: str
    inbox: object | None = None  # core.inbox.report.InboxReport: "Tanggapan masukan publik"

    @property
    def entries(self) -> list[PlanEntry]:
        return [e for d in self.days for e in d.entries]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The first ``limit`` characters of a caption, cut at a word, hashtags dropped."""
    words = [w for w in re.sub(r"\s+", " ", text or "").strip().split(" ") if not w.startswith("#")]
    flat = " ".join(words).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:—-") + " …"


def build_plan(
    workspace,
    year: int,
    week: int,
    *,
    sign_date: date | None = None,
    thumbnails: bool = True,
    thumb_dir: Path | None = None,
) -> WeeklyPlan:
    """The content plan of ISO week ``year``-W``week`` (archived posts left out)."""
    catalog = default_catalog()
    settings = workspace.team_settings()
    brand = workspace.brand()
    posts = [p for p in workspace.posts.week(year, week) if p.status != Status.ARCHIVED]
    posts.sort(key=lambda p: (p.scheduled_at, p.id or 0))
    thumb_dir = thumb_dir or (workspace.path / "cache" / "plan-thumbs")

    days = [PlanDay(d, format_long_date(d)) for d in week_days(year, week)]
    by_date = {d.day: d for d in days}
    status_labels = [s.label() for s in SUMMARY_STATUSES]
    platform_ids = [pid for pid in catalog.ids() if any(pid in p.platforms for p in posts)]
    platform_names = [catalog.get(pid).name for pid in platform_ids]
    summary = {name: dict.fromkeys(status_labels, 0) for name in platform_names}
    status_totals = dict.fromkeys(status_labels, 0)

    for post in posts:
        when = to_wib(post.scheduled_at)
        names = [catalog.platforms[p].name if p in catalog.platforms else p for p in post.platforms]
        label = post.status.label()
        entry = PlanEntry(
            post_id=post.id,
            time=format_clock(when),
            platforms=names,
            title=post.title,
            excerpt=excerpt(post.caption),
            status=str(post.status),
            status_label=label,
            officer=post.assignee or "—",
            thumbnail=_thumbnail(workspace, post, brand, thumb_dir) if thumbnails else None,
        )
        by_date[when.date()].entries.append(entry)
        status_totals.setdefault(label, 0)
        status_totals[label] += 1
        for name in names:
            if name in summary:
                summary[name].setdefault(label, 0)
                summary[name][label] += 1
    for label in list(status_totals):
        if label not in status_labels:
            status_labels.append(label)
    platform_totals = {name: sum(row.values()) for name, row in summary.items()}

    signatories = []
    for caption_id, name in (
        ("plan.prepared_by", settings.preparer),
        ("plan.acknowledged_by", settings.head_of_section),
    ):
        person = settings.person(name) if name else None
        default_role = t(
            "plan.role_preparer" if caption_id == "plan.prepared_by" else "plan.role_head"
        )
        signatories.append(
            Signatory(
                caption=t(caption_id),
                position=(person.role if person and person.role else default_role),
                name=name or "",
                nip=person.nip if person else "",
            )
        )
    sign_day = sign_date or to_wib(now_utc()).date()
    return WeeklyPlan(
        year=year,
        week=week,
        title=t("plan.title"),
        week_label=format_week_range(year, week),
        institution=brand.name,
        unit=brand.tagline or "",
        website=brand.website,
        logo_path=brand.logo_path(),
        days=days,
        platform_names=platform_names,
        status_labels=status_labels,
        summary=summary,
        platform_totals=platform_totals,
        status_totals=status_totals,
        total=len(posts),
        signatories=signatories,
        place_date=f"{settings.city or 'Padang'}, {format_plain_date(sign_day)}",
        generated=t("plan.generated", when=to_wib(now_utc()).strftime("%d/%m/%Y %H.%M")),
        inbox=weekly_report(workspace, year, week),
    )


def _thumbnail(workspace, post: Post, brand, folder: Path) -> Path | None:
    """A small PNG of the post's card (first platform's first format), cached by content."""
    template = template_or_none(post.card.template_id)
    if template is None:
        return _photo_thumbnail(workspace, post, folder)
    catalog = default_catalog()
    first = post.platforms[0] if post.platforms else None
    formats = (
        formats_for(catalog.get(first).formats, post, template)
        if first in catalog.platforms
        else list(template.formats)
    )
    fmt = formats[0] if formats and formats[0] in template.formats else template.formats[0]
    key = hashlib.sha256(
        f"{post.content_hash()}|{template.id}|{template.version}|{fmt}|{THUMB_SCALE}|"
        f"{brand.to_dict()}".encode()
    ).hexdigest()[:32]
    path = folder / f"{key}.png"
    if path.is_file():
        return path
    fields = card_fields(workspace, post, template)
    fields = {
        k: (PhotoRef.coerce(v) if isinstance(v, dict) and "path" in v else v)
        for k, v in fields.items()
    }
    try:
        image = render(template, fields, brand, fmt, THUMB_SCALE).image
    except (SumbarError, OSError):
        return _photo_thumbnail(workspace, post, folder)
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, "wb") as fh:
        image.save(fh, "PNG", optimize=False, compress_level=3)
    return path


def _photo_thumbnail(workspace, post: Post, folder: Path) -> Path | None:
    if not post.media:
        return None
    sha = post.media[0].sha256
    path = folder / f"foto-{sha[:32]}.png"
    if path.is_file():
        return path
    try:
        with open_image(workspace.media.path_for(sha)) as src:
            src.draft("RGB", (300, 300))
            img = src.convert("RGB")
            img.thumbnail((160, 160), Image.Resampling.LANCZOS)
    except (SumbarError, OSError):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, "wb") as fh:
        img.save(fh, "PNG")
    return path


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(template_path("plan"))),
        autoescape=select_autoescape(["html", "j2", "html.j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["t"] = t
    env.globals.update(report_helpers())  # the inbox page's figures
    return env


def render_plan_html(plan: WeeklyPlan, template: str = "weekly.html.j2") -> str:
    """The plan as HTML for QTextDocument (also readable in a browser)."""
    return (
        _environment()
        .get_template(template)
        .render(
            plan=plan,
            labels=_labels(),
            status_colors=STATUS_COLORS,
            logo_url=plan.logo_path.resolve().as_uri() if plan.logo_path else "",
        )
    )


STATUS_COLORS = {
    "draft": "#8A8B8D",
    "review": "#C77C02",
    "approved": "#2E7D32",
    "scheduled": "#1F5FA8",
    "published": "#17181A",
    "archived": "#8A8B8D",
}


def _labels() -> dict[str, str]:
    keys = (
        "col_time",
        "col_preview",
        "col_platforms",
        "col_title",
        "col_status",
        "col_officer",
        "no_posts",
        "summary",
        "summary_platform",
        "total",
        "nip",
        "week_of",
        "posts_count",
        "caption",
    )
    return {k: t(f"plan.{k}") for k in keys}
