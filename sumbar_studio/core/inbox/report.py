"""The register's figures on paper: the weekly plan's page "Tanggapan masukan publik" and the
monthly report for the leadership (HTML for sumbar_studio.printing; no Qt here).

Aggregates only: the report never names a sender (UU 27/2022).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import InvalidInput
from ..i18n import t
from ..resources import template_path
from ..timeutil import WIB, format_plain_date, format_week_range, now_utc, to_wib, week_bounds_utc
from .config import load_inbox_settings
from .stats import InboxStats, format_hours_number, format_percent, format_work_hours


@dataclass
class InboxReport:
    title: str
    period_label: str
    stats: InboxStats
    service_hours: float
    institution: str = ""
    unit: str = ""
    website: str = ""
    logo_path: Path | None = None
    generated: str = ""

    @property
    def service_label(self) -> str:
        hours = f"{self.service_hours:g}".replace(".", ",")
        return t("inbox.service_standard", hours=hours)


def month_bounds_utc(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime.combine(date(year, month, 1), time(0), tzinfo=WIB)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    end = datetime.combine(nxt, time(0), tzinfo=WIB)
    return start.astimezone(UTC), end.astimezone(UTC)


def parse_month(text: str) -> tuple[int, int]:
    """``2026-12`` -> (2026, 12)."""
    try:
        year, month = (int(p) for p in text.strip().split("-"))
        date(year, month, 1)
        return year, month
    except ValueError:
        raise InvalidInput("inbox.month_invalid", value=text) from None


def month_label(year: int, month: int) -> str:
    return format_plain_date(date(year, month, 1)).split(" ", 1)[1]  # "Desember 2026"


def has_entries(workspace) -> bool:
    return workspace.store.has_rows("inbox_entries")


def weekly_report(
    workspace, year: int, week: int, *, now: datetime | None = None
) -> InboxReport | None:
    """The plan's page for ISO week ``year``-W``week``; None while the register is empty."""
    if not has_entries(workspace):
        return None
    from .service import InboxService

    start, end = week_bounds_utc(year, week)
    stats = InboxService(workspace).stats(start, end, now=now or now_utc())
    return InboxReport(
        title=t("inbox.plan_title"),
        period_label=format_week_range(year, week),
        stats=stats,
        service_hours=load_inbox_settings(workspace).service_hours,
    )


def monthly_report(workspace, year: int, month: int, *, now: datetime | None = None) -> InboxReport:
    from .service import InboxService

    start, end = month_bounds_utc(year, month)
    stats = InboxService(workspace).stats(start, end, now=now or now_utc())
    brand = workspace.brand()
    return InboxReport(
        title=t("inbox.report_title"),
        period_label=month_label(year, month),
        stats=stats,
        service_hours=load_inbox_settings(workspace).service_hours,
        institution=brand.name,
        unit=brand.tagline or "",
        website=brand.website,
        logo_path=brand.logo_path(),
        generated=t("plan.generated", when=to_wib(now or now_utc()).strftime("%d/%m/%Y %H.%M")),
    )


def report_helpers() -> dict[str, object]:
    """Globals the templates use to print figures."""
    return {
        "t": t,
        "work_hours": format_work_hours,
        "hours": format_hours_number,
        "percent": format_percent,
    }


def render_monthly_html(report: InboxReport) -> str:
    env = Environment(
        loader=FileSystemLoader(str(template_path("plan"))),
        autoescape=select_autoescape(["html", "j2", "html.j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(report_helpers())
    return env.get_template("inbox_month.html.j2").render(
        report=report,
        inbox=report,
        logo_url=report.logo_path.resolve().as_uri() if report.logo_path else "",
    )
