"""The register's team settings, kept in ``team.json`` under ``"inbox"`` (TeamSettings.inbox).

- ``service_hours``: the service standard, in working hours (24 = "1×24 jam kerja");
- ``office_hours``: per ISO weekday (1 = Monday) the WIB office window, ``["07:30", "16:00"]``;
- ``cuti_bersama``: extra collective-leave days the team adds (ISO dates) on top of the
  holidays library's list, ``days_off``: other days without service (ISO date -> name),
  ``working_days``: days that count as working although the library says otherwise (an SKB
  change);
- ``targets``: where an entry can be forwarded (komisi, the PPID, a unit), edited by the team;
- ``replies_need_approval``: replies are approved by a person who may approve before sending;
- ``retention_days``: how long personal data of a closed entry is kept.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date, time

from ..errors import InvalidInput
from .model import RouteKind

DEFAULT_OFFICE_HOURS = {
    1: ("07:30", "16:00"),
    2: ("07:30", "16:00"),
    3: ("07:30", "16:00"),
    4: ("07:30", "16:00"),
    5: ("07:30", "16:30"),
}


@dataclass(frozen=True)
class RoutingTarget:
    name: str
    kind: str = RouteKind.UNIT.value


def _default_targets() -> list[RoutingTarget]:
    komisi = [
        RoutingTarget(f"Komisi {n}", RouteKind.KOMISI.value) for n in ("I", "II", "III", "IV", "V")
    ]
    return komisi + [
        RoutingTarget("PPID Sekretariat DPRD", RouteKind.PPID.value),
        RoutingTarget("Bagian Umum dan Keuangan", RouteKind.UNIT.value),
        RoutingTarget("Bagian Persidangan dan Perundang-undangan", RouteKind.UNIT.value),
        RoutingTarget("Bagian Fasilitasi Penganggaran dan Pengawasan", RouteKind.UNIT.value),
    ]


@dataclass
class InboxSettings:
    service_hours: float = 24.0
    office_hours: dict[int, tuple[str, str]] = field(
        default_factory=lambda: dict(DEFAULT_OFFICE_HOURS)
    )
    cuti_bersama: list[str] = field(default_factory=list)
    days_off: dict[str, str] = field(default_factory=dict)
    working_days: list[str] = field(default_factory=list)
    use_holiday_library: bool = True
    targets: list[RoutingTarget] = field(default_factory=_default_targets)
    replies_need_approval: bool = True
    retention_days: int = 365

    # -- conversion -------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict | None) -> InboxSettings:
        data = dict(data or {})
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "office_hours" in values:
            values["office_hours"] = {
                int(k): (str(v[0]), str(v[1])) for k, v in values["office_hours"].items()
            }
        if "targets" in values:
            values["targets"] = [
                RoutingTarget(**t) if isinstance(t, dict) else RoutingTarget(str(t))
                for t in values["targets"]
            ]
        settings = cls(**values)
        settings.validate()
        return settings

    def to_dict(self) -> dict:
        data = asdict(self)
        data["office_hours"] = {str(k): list(v) for k, v in self.office_hours.items()}
        return data

    def validate(self) -> None:
        if not 0 < float(self.service_hours) <= 24 * 30:
            raise InvalidInput("inbox.settings_service_hours", value=self.service_hours)
        if int(self.retention_days) < 1:
            raise InvalidInput("inbox.settings_retention", value=self.retention_days)
        for day, (start, end) in self.office_hours.items():
            if not 1 <= day <= 7 or parse_clock(start) >= parse_clock(end):
                raise InvalidInput("inbox.settings_office_hours", day=day, start=start, end=end)
        for text in [*self.cuti_bersama, *self.days_off, *self.working_days]:
            try:
                date.fromisoformat(text)
            except ValueError:
                raise InvalidInput("errors.date_invalid", value=text) from None

    # -- lookups ----------------------------------------------------------------------------
    def target(self, name: str) -> RoutingTarget | None:
        return next((t for t in self.targets if t.name == name), None)

    def clock(self):
        from .clock import WorkingClock

        return WorkingClock.from_settings(self)


def parse_clock(text: str) -> time:
    hour, minute = str(text).replace(".", ":").split(":")
    return time(int(hour), int(minute))


def load_inbox_settings(workspace) -> InboxSettings:
    return InboxSettings.from_dict(getattr(workspace.team_settings(), "inbox", {}))


def save_inbox_settings(workspace, settings: InboxSettings) -> None:
    settings.validate()
    team = workspace.team_settings()
    team.inbox = settings.to_dict()
    workspace.save_team_settings(team)
