"""The queue page's filter row: text, status, platform, assignee and, for the list, a period.

It owns its widgets and turns them into a :class:`~sumbar_studio.core.store.protocol.PostQuery`;
the page re-queries its views when :attr:`QueueFilters.changed` fires (typed text after a short
pause, any other choice at once).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ...core.i18n import t
from ...core.model import Status
from ...core.platforms import default_catalog
from ...core.store.protocol import PostQuery
from ...core.timeutil import day_bounds_utc, iso_week_of, week_bounds_utc

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDateEdit

PERIODS = ("all", "today", "week", "month", "upcoming", "range")

#: how long typing pauses before the views re-query
SEARCH_DELAY_MS = 200


class QueueFilters(QWidget):
    changed = Signal()

    def __init__(self, workspace, parent: QWidget, *, today: date):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("queueFilters")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(t("queue.search_placeholder"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(t("queue.all_statuses"), None)
        for status in Status:
            self.status_filter.addItem(status.label(), status)
        self.platform_filter = QComboBox(self)
        self.platform_filter.setObjectName("platformFilter")
        self.platform_filter.addItem(t("queue.all_platforms"), None)
        for pid, platform in default_catalog().platforms.items():
            self.platform_filter.addItem(platform.name, pid)
        self.assignee_filter = QComboBox(self)
        self.assignee_filter.setObjectName("assigneeFilter")
        self.assignee_filter.addItem(t("queue.all_assignees"), None)
        self.period_filter = QComboBox(self)
        self.period_filter.setObjectName("periodFilter")
        for period in PERIODS:
            self.period_filter.addItem(t(f"queue.period_{period}"), period)
        # the "from – to" dates of the period "range" are built when that period is first chosen
        self._today = today
        self._range: tuple[QDateEdit, QLabel, QDateEdit] | None = None
        row.addWidget(self.search, 2)
        for w in (
            self.status_filter,
            self.platform_filter,
            self.assignee_filter,
            self.period_filter,
        ):
            row.addWidget(w)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (
            self.status_filter,
            self.platform_filter,
            self.assignee_filter,
            self.period_filter,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def _range_widgets(self) -> tuple[QDateEdit, QLabel, QDateEdit]:
        """The period "range"'s dates (from, the dash, to), placed after the period's box."""
        if self._range is None:
            from PySide6.QtWidgets import QDateEdit

            date_from = QDateEdit(self._today, self)
            date_from.setObjectName("dateFrom")
            date_to = QDateEdit(self._today + timedelta(days=30), self)
            date_to.setObjectName("dateTo")
            dash = QLabel("–", self)
            for edit in (date_from, date_to):
                edit.setCalendarPopup(True)
                edit.setDisplayFormat("dd/MM/yyyy")
            row = self.layout()
            at = row.indexOf(self.period_filter) + 1
            for i, w in enumerate((date_from, dash, date_to)):
                w.setVisible(False)
                row.insertWidget(at + i, w)
            date_from.dateChanged.connect(lambda _d: self.changed.emit())
            date_to.dateChanged.connect(lambda _d: self.changed.emit())
            self._range = (date_from, dash, date_to)
        return self._range

    @property
    def date_from(self) -> QDateEdit:
        return self._range_widgets()[0]

    @property
    def range_label(self) -> QLabel:
        return self._range_widgets()[1]

    @property
    def date_to(self) -> QDateEdit:
        return self._range_widgets()[2]

    def fill_assignees(self) -> None:
        """Everyone with a post, and the team's people; the current choice is kept."""
        combo = self.assignee_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(t("queue.all_assignees"), None)
        names = set(self.workspace.posts.assignees())
        names.update(p.name for p in self.workspace.team_settings().people)
        for name in sorted(names, key=str.lower):
            combo.addItem(name, name)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def base_query(self) -> PostQuery:
        """Filters shared by every view: status, platform, assignee, text."""
        status = self.status_filter.currentData()
        return PostQuery(
            statuses=[status] if status else (),
            platform=self.platform_filter.currentData(),
            assignee=self.assignee_filter.currentData(),
            text=self.search.text().strip() or None,
        )

    def list_query(self, now: datetime, order: str, descending: bool) -> PostQuery:
        """The list's query: the shared filters, the period around ``now`` (WIB) and the
        list's sort order. The date range shows only while the period is "range"."""
        period = self.period_filter.currentData()
        if period == "range" or self._range is not None:
            for w in self._range_widgets():
                w.setVisible(period == "range")
        start = end = None
        if period == "today":
            start, end = day_bounds_utc(now.date())
        elif period == "week":
            start, end = week_bounds_utc(*iso_week_of(now))
        elif period == "month":
            first = now.date().replace(day=1)
            nxt = (first + timedelta(days=32)).replace(day=1)
            start, end = day_bounds_utc(first)[0], day_bounds_utc(nxt)[0]
        elif period == "upcoming":
            start = now
        elif period == "range":
            d1 = self.date_from.date().toPython()
            d2 = self.date_to.date().toPython()
            start, end = day_bounds_utc(min(d1, d2))[0], day_bounds_utc(max(d1, d2))[1]
        return replace(self.base_query(), start=start, end=end, order=order, descending=descending)
