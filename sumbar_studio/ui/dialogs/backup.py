"""Backups in the settings: retention, the list of backups, back up now, restore a chosen one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core import backup as backup_logic
from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.timeutil import format_clock, format_plain_date


class BackupPanel(QWidget):
    restored = Signal()

    def __init__(self, workspace, team_settings, parent=None):
        super().__init__(parent)
        self.setObjectName("backupPanel")
        self.workspace = workspace
        self.team = team_settings
        layout = QVBoxLayout(self)
        intro = QLabel(t("settings.backup_intro", path=str(workspace.backup_dir)), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.keep_days = QSpinBox(self)
        self.keep_days.setObjectName("keepDays")
        self.keep_days.setRange(1, 3650)
        self.keep_days.setValue(team_settings.backup_keep_days)
        self.keep_days.setSuffix(t("settings.days_suffix"))
        form.addRow(t("settings.backup_keep"), self.keep_days)
        layout.addLayout(form)
        self.list = QListWidget(self)
        self.list.setObjectName("backupList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.backup_now = QPushButton(t("settings.backup_now"), self)
        self.backup_now.setObjectName("backupNow")
        self.restore_button = QPushButton(t("settings.backup_restore"), self)
        self.restore_button.setObjectName("backupRestore")
        row.addWidget(self.backup_now)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.setObjectName("backupMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.backup_now.clicked.connect(self.make_backup)
        self.restore_button.clicked.connect(self.confirm_restore)
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.reload()

    def apply(self) -> None:
        self.team.backup_keep_days = self.keep_days.value()

    def reload(self) -> None:
        self.list.clear()
        for info in backup_logic.backups(self.workspace.path):
            label = t(
                f"settings.backup_label_{info.label}"
                if info.label in ("harian", "manual", "sebelum-pulih")
                else "settings.backup_label_other",
                label=info.label,
            )
            text = (
                f"{format_plain_date(info.taken_at.date())} {format_clock(info.taken_at)} — {label}"
                f" ({info.size / 1024:.0f} KB)"
            )
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.list.currentRow() >= 0)

    def selected_path(self):
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def make_backup(self):
        try:
            path = self.workspace.backup("manual")
        except (OSError, SumbarError) as exc:
            self.message.setText(t("settings.backup_failed", detail=str(exc)))
            return None
        self.message.setText(t("settings.backup_done", path=path.name))
        self.reload()
        return path

    def confirm_restore(self):
        path = self.selected_path()
        if not path:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            t("settings.backup_restore_title"),
            t("settings.backup_restore_confirm", name=path.rsplit("/", 1)[-1]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("restoreConfirm")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda code: self.restore(path) if code == QMessageBox.StandardButton.Yes else None
        )
        box.open()
        self.confirm_box = box
        return box

    def restore(self, path) -> bool:
        try:
            kept = backup_logic.restore_into(self.workspace, path)
        except (OSError, SumbarError) as exc:
            self.message.setText(t("settings.backup_restore_failed", detail=str(exc)))
            return False
        self.message.setText(t("settings.backup_restored", kept=kept.name))
        self.reload()
        self.restored.emit()
        return True
