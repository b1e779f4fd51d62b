"""The team's Kotak Masukan settings: service standard, office hours, cuti bersama and other
days off, the forwarding list, approval of replies and the retention period. Stored in
team.json with the other team settings (core/inbox/config.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from ...core.errors import InvalidInput, SumbarError
from ...core.i18n import t
from ...core.inbox.config import InboxSettings, RoutingTarget, load_inbox_settings
from ...core.inbox.config import save_inbox_settings as save
from ...core.inbox.model import RouteKind


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [ln.strip() for ln in edit.toPlainText().splitlines() if ln.strip()]


class InboxSettingsDialog(QDialog):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.setObjectName("inboxSettingsDialog")
        self.setWindowTitle(t("inbox.ui_settings"))
        self.workspace = workspace
        settings = load_inbox_settings(workspace)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.hours = QDoubleSpinBox(self)
        self.hours.setRange(1, 720)
        self.hours.setDecimals(1)
        self.hours.setValue(settings.service_hours)
        self.approval = QCheckBox(t("inbox.ui_settings_approval"), self)
        self.approval.setChecked(settings.replies_need_approval)
        self.retention = QSpinBox(self)
        self.retention.setRange(1, 3650)
        self.retention.setValue(settings.retention_days)
        self.office = QPlainTextEdit(self)
        self.office.setPlainText(
            "\n".join(f"{d} {a}-{b}" for d, (a, b) in sorted(settings.office_hours.items()))
        )
        self.targets = QPlainTextEdit(self)
        self.targets.setPlainText("\n".join(f"{x.name} | {x.kind}" for x in settings.targets))
        self.cuti = QPlainTextEdit(self)
        self.cuti.setPlainText("\n".join(settings.cuti_bersama))
        self.days_off = QPlainTextEdit(self)
        self.days_off.setPlainText("\n".join(f"{d} {n}" for d, n in settings.days_off.items()))
        self.working = QPlainTextEdit(self)
        self.working.setPlainText("\n".join(settings.working_days))
        for edit in (self.office, self.targets, self.cuti, self.days_off, self.working):
            edit.setMinimumHeight(64)
        form.addRow(t("inbox.ui_settings_hours"), self.hours)
        form.addRow("", self.approval)
        form.addRow(t("inbox.ui_settings_retention"), self.retention)
        form.addRow(t("inbox.ui_settings_office"), self.office)
        form.addRow(t("inbox.ui_settings_targets"), self.targets)
        form.addRow(t("inbox.ui_settings_cuti"), self.cuti)
        form.addRow(t("inbox.ui_settings_days_off"), self.days_off)
        form.addRow(t("inbox.ui_settings_working"), self.working)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setObjectName("inboxSettingsError")
        self.error.setStyleSheet("color: #b01e23;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def settings(self) -> InboxSettings:
        office = {}
        for line in _lines(self.office):
            try:
                day, span = line.split(None, 1)
                start, end = span.replace("–", "-").split("-")
                office[int(day)] = (start.strip(), end.strip())
            except ValueError:
                raise InvalidInput("inbox.ui_settings_line", line=line) from None
        targets = []
        for line in _lines(self.targets):
            name, _, kind = line.partition("|")
            kind = kind.strip() or RouteKind.UNIT.value
            if kind not in {k.value for k in RouteKind}:
                raise InvalidInput("inbox.ui_settings_line", line=line)
            targets.append(RoutingTarget(name.strip(), kind))
        days_off = {}
        for line in _lines(self.days_off):
            day, _, name = line.partition(" ")
            days_off[day] = name.strip() or t("inbox.ui_settings_day_off")
        settings = InboxSettings(
            service_hours=self.hours.value(),
            office_hours=office,
            cuti_bersama=_lines(self.cuti),
            days_off=days_off,
            working_days=_lines(self.working),
            targets=targets,
            replies_need_approval=self.approval.isChecked(),
            retention_days=self.retention.value(),
        )
        settings.validate()
        return settings

    def save(self) -> None:
        try:
            save(self.workspace, self.settings())
        except SumbarError as err:
            self.error.setText(err.user_message())
            return
        self.accept()
