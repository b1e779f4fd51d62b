"""The Kotak Masukan page (beside Antrean and Penyusun): fast entry on top, the register on the
left (open entries first, the most urgent on top, overdue in red), the selected entry on the
right. The page tells the window how many entries are overdue (``overdueChanged``), so the
reminders banner can say so on every page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.inbox import EntryQuery, InboxService
from ...core.inbox.model import Channel, Kind
from ...core.timeutil import now_utc, to_wib
from ..pages import PageHost
from .entry_form import EntryForm
from .models import IdRole, InboxListModel
from .panel import EntryPanel

VIEWS = ("open", "overdue", "mine", "all")
CHECK_INTERVAL_MS = 60_000


class InboxPage(QWidget):
    overdueChanged = Signal(int)

    def __init__(
        self,
        workspace,
        main_window: PageHost | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        autostart: bool = True,
    ):
        super().__init__(main_window)
        self.setObjectName("inboxPage")
        self.workspace = workspace
        self.main_window = main_window
        self.clock = clock or now_utc
        self.service = InboxService(workspace, clock=self.clock)
        self.overdue_count = 0
        self._dialogs: list = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        self.form = EntryForm(self)
        self.form.submitted.connect(self.add_from_form)
        layout.addWidget(self.form)

        bar = QHBoxLayout()
        self.view = QComboBox(self)
        self.view.setObjectName("inboxView")
        for key in VIEWS:
            self.view.addItem(t(f"inbox.ui_view_{key}"), key)
        self.channel_filter = QComboBox(self)
        self.channel_filter.setObjectName("inboxChannelFilter")
        self.channel_filter.addItem(t("inbox.ui_all_channels"), "")
        for channel in Channel:
            self.channel_filter.addItem(channel.label(), channel.value)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("inboxKindFilter")
        self.kind_filter.addItem(t("inbox.ui_all_kinds"), "")
        for kind in Kind:
            self.kind_filter.addItem(kind.label(), kind.value)
        self.search = QLineEdit(self)
        self.search.setObjectName("inboxSearch")
        self.search.setPlaceholderText(t("inbox.ui_search"))
        self.search.setClearButtonEnabled(True)
        for combo in (self.view, self.channel_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.search.returnPressed.connect(self.apply_filters)
        self.month = QDateEdit(self)
        self.month.setObjectName("inboxReportMonth")
        self.month.setDisplayFormat("MM/yyyy")
        today = to_wib(self.clock())
        self.month.setDate(QDate(today.year, today.month, 1))
        self.report_button = QPushButton(t("inbox.ui_report"), self)
        self.report_button.setObjectName("inboxReport")
        self.report_button.clicked.connect(self.choose_report_file)
        self.retention_button = QPushButton(t("inbox.ui_retention", count=0), self)
        self.retention_button.setObjectName("inboxRetention")
        self.retention_button.clicked.connect(self.ask_retention)
        self.settings_button = QPushButton(t("inbox.ui_settings"), self)
        self.settings_button.setObjectName("inboxSettings")
        self.settings_button.clicked.connect(self.open_settings)
        for widget, stretch in (
            (self.view, 0),
            (self.channel_filter, 0),
            (self.kind_filter, 0),
            (self.search, 1),
            (QLabel(t("inbox.ui_month"), self), 0),
            (self.month, 0),
            (self.report_button, 0),
            (self.retention_button, 0),
            (self.settings_button, 0),
        ):
            bar.addWidget(widget, stretch)
        layout.addLayout(bar)

        self.model = InboxListModel(self.service, self, clock=self.clock)
        self.table = QTableView(self)
        self.table.setObjectName("inboxList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (0, 36),
            (1, 80),
            (2, 122),
            (3, 80),
            (4, 96),
            (6, 150),
            (7, 112),
            (8, 80),
        ):
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.panel.set_entry(
                current.data(IdRole) if current.isValid() else None
            )
        )

        self.panel = EntryPanel(self.service, self.actor, self, clock=self.clock)
        self.panel.changed.connect(self._entry_changed)
        self.panel.message.connect(self.show_message)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([930, 430])
        layout.addWidget(self.splitter, 1)

        self.status = QLabel(self)
        self.status.setObjectName("inboxStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self._background_check)
        self.apply_filters()
        if autostart:
            QTimer.singleShot(0, self, self.start_background)

    # -- helpers ----------------------------------------------------------------------------
    def actor(self) -> str:
        if self.main_window is not None:
            return self.main_window.settings.actor()
        from ...core.settings import AppSettings

        return AppSettings.load().actor()

    def start_background(self) -> None:
        if self._background_check():
            self._timer.start()

    def _background_check(self) -> bool:
        """The timer's check: a workspace closed under the page (the window closing) stops
        it quietly instead of raising into the event loop."""
        try:
            self.check_overdue()
        except self.workspace.store.closed_errors:
            self._timer.stop()
            return False
        return True

    def show_message(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b01e23;" if error else "color: #2e7d5b;")
        self.status.setText(text)

    # -- page API (ui/pages.py) -------------------------------------------------------------
    def docks(self) -> list:
        return []

    def flush(self) -> None:
        """Nothing pending: an entry is written when it is saved."""

    def stop_background(self) -> None:
        """No more overdue checks for a workspace the window has left."""
        self._timer.stop()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        # people and targets may have changed in Settings while another page was shown
        super().showEvent(event)
        self.panel.reload_lists()
        self.model.reload()

    # -- list -------------------------------------------------------------------------------
    def current_query(self) -> EntryQuery:
        view = self.view.currentData()
        query = EntryQuery(
            open_only=view in ("open", "mine"),
            overdue_at=self.clock() if view == "overdue" else None,
            channel=self.channel_filter.currentData() or None,
            kind=self.kind_filter.currentData() or None,
            text=self.search.text().strip() or None,
            limit=None if view != "all" else 5000,
        )
        if view == "mine":
            query.assignee = self.actor()
        return query

    def apply_filters(self) -> None:
        selected = (
            self.panel.entry.id if getattr(self, "panel", None) and self.panel.entry else None
        )
        self.model.set_query(self.current_query())
        if self.model.error:
            self.show_message(self.model.error, True)
        self.select(selected)
        self._check_overdue_or_say()

    def _check_overdue_or_say(self) -> None:
        """The overdue count after a visible step; a store error is said, not raised."""
        try:
            self.check_overdue()
        except SumbarError as err:
            self.show_message(err.user_message(), True)

    def select(self, entry_id: int | None) -> None:
        row = self.model.row_of(entry_id) if entry_id is not None else -1
        if row >= 0:
            self.table.selectRow(row)
            self.panel.set_entry(entry_id)
        elif entry_id is not None:
            self.panel.set_entry(entry_id)  # still shown, though filtered out of the list
        else:
            self.table.clearSelection()
            self.panel.set_entry(None)

    def _entry_changed(self, entry_id: int) -> None:
        self.model.reload()
        self.select(entry_id)
        self._check_overdue_or_say()

    def refresh(self) -> None:
        self.panel.reload_lists()
        self.apply_filters()

    def changed_elsewhere(self, ids: list) -> None:
        """Entries changed at another desk (team mode): the list, the open entry and the
        overdue count follow without a reload."""
        current = self.panel.entry.id if self.panel.entry is not None else None
        self.model.reload()
        if current is not None and (not ids or current in ids):
            self.select(current)
        self._check_overdue_or_say()

    def check_overdue(self) -> int:
        count = self.service.overdue_count(self.clock())
        if count != self.overdue_count:
            self.overdue_count = count
            self.overdueChanged.emit(count)
        due = len(self.service.retention_due(self.clock()))
        self.retention_button.setText(t("inbox.ui_retention", count=due))
        self.retention_button.setEnabled(due > 0)
        return count

    # -- actions ----------------------------------------------------------------------------
    def add_from_form(self, _values: dict | None = None) -> None:
        try:
            values = self.form.values()
            entry = self.service.add(actor=self.actor(), **values)
        except SumbarError as err:
            self.show_message(err.user_message(), True)
            return
        self.form.clear()
        self.show_message(
            t("inbox.ui_added", id=entry.id, channel=entry.channel.label(), kind=entry.kind.label())
        )
        self.model.reload()
        self.select(entry.id)
        self.check_overdue()

    def choose_report_file(self) -> None:
        date = self.month.date()
        dialog = QFileDialog(self, t("inbox.ui_report"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("PDF (*.pdf)")
        dialog.selectFile(f"laporan-masukan-publik-{date.year()}-{date.month():02d}.pdf")
        dialog.fileSelected.connect(self.write_report)
        self._dialogs.append(dialog)
        dialog.open()

    def write_report(self, path: str | Path) -> Path | None:
        from ...core.inbox.report import monthly_report, render_monthly_html
        from ...printing.plan_pdf import print_plan_pdf

        date = self.month.date()
        try:
            report = monthly_report(self.workspace, date.year(), date.month(), now=self.clock())
            pages = print_plan_pdf(render_monthly_html(report), path)
        except (SumbarError, OSError) as err:
            self.show_message(str(err), True)
            return None
        self.show_message(t("inbox.cli_pdf_written", path=str(path), pages=pages))
        return Path(path)

    def ask_retention(self) -> None:
        count = len(self.service.retention_due(self.clock()))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            t("inbox.ui_retention_title"),
            t("inbox.ui_retention_ask", count=count, days=self.service.settings().retention_days),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(
            lambda result: result == QMessageBox.StandardButton.Yes and self.run_retention()
        )
        self._dialogs.append(box)
        box.open()

    def run_retention(self) -> int:
        try:
            outcome = self.service.apply_retention(actor=self.actor())
        except (SumbarError, OSError) as err:
            self.show_message(str(err), True)
            return 0
        self.show_message(
            t("inbox.cli_retention_done", count=outcome.erased, backup=str(outcome.backup or "–"))
        )
        self.refresh()
        return outcome.erased

    def open_settings(self) -> None:
        from .settings_dialog import InboxSettingsDialog

        dialog = InboxSettingsDialog(self.workspace, self)
        dialog.accepted.connect(self.refresh)
        self._dialogs.append(dialog)
        dialog.open()
