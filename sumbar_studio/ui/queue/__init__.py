"""The queue page: list, week calendar and month overview over the post store, the selected
post's workflow and history, reminders, export, print, CSV import and settings.

Logic stays in core (services, reminders, importer, backup) and in the small
:class:`~.controller.QueueController`; this module wires widgets to it. The constructor builds
every widget first (nothing connected, nothing read), then connects the signals, then reads the
store, so no method ever runs on a half-built page. Helpers: the filter row (filters.py), menus
and shortcuts (menus.py), background upkeep (upkeep.py), export (exporting.py), the printed plan
(printing.py), window jobs (window_jobs.py), post tools (post_tools.py).
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.model import Action, Status
from ...core.store.protocol import PostQuery
from ...core.timeutil import (
    WIB,
    format_long_date,
    format_week_range,
    iso_week_of,
    now_utc,
    to_wib,
)
from ..events import ORIGIN_IMPORT, ORIGIN_QUEUE, events_of
from .controller import QueueController
from .exporting import QueueExporter
from .filters import QueueFilters
from .menus import QueueMenus
from .models import IdRole, MonthModel, PostListModel, WeekModel
from .panel import PostPanel
from .post_tools import PostTools
from .reminders import ReminderBanner, ReminderScheduler
from .thumbnails import ThumbnailCache
from .upkeep import QueueUpkeep
from .week_view import WeekCalendar
from .window_jobs import WindowJobs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

    from .printing import PlanActions

VIEWS = ("list", "week", "month")


class QueuePage(QWidget):
    openPostRequested = Signal(int)

    def __init__(
        self,
        workspace,
        main_window=None,
        *,
        clock=None,
        monotonic=None,
        autostart: bool = True,
        check_interval_ms: int = 30_000,
    ):
        super().__init__(main_window)
        self.setObjectName("queuePage")
        self.workspace = workspace
        self.main_window = main_window
        self.clock = clock or now_utc
        self.undo_stack = QUndoStack(self)
        #: the window's change channel: this page announces its writes and redraws on anyone's
        self.events = events_of(main_window, self)
        self.controller = QueueController(workspace, self.actor, self, self.undo_stack)
        self.thumbnails = ThumbnailCache(workspace, self)
        self._dialogs: list = []  # keep non-blocking dialogs alive
        self.tray: QSystemTrayIcon | None = None
        self.last_export: list = []
        self.last_question = None  # the last non-blocking question asked (tests answer it)
        self._reminders_running = False
        self.exporter = QueueExporter(self)
        self._plan: PlanActions | None = None  # print support loads when first used
        self.tools = PostTools(self)
        self.jobs = WindowJobs(self)
        self.upkeep = QueueUpkeep(self)
        self.reminders = ReminderScheduler(
            workspace.posts,
            self,
            clock=self.clock,
            monotonic=monotonic or time.monotonic,
            check_interval_ms=check_interval_ms,
        )
        #: the last message shown with show_error (for the status line and tests)
        self.last_error = ""
        # widgets first (nothing connected, nothing read), then signals, then the data
        self._build()
        self._connect()
        self.menus = QueueMenus(self)
        self.menus.install()
        self._load()
        if autostart:
            QTimer.singleShot(0, self, self.start_background)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(self._build_toolbar())
        self.filters = QueueFilters(self.workspace, self, today=self._wib_now().date())
        # the filter widgets, where menus and tests reach them
        self.search = self.filters.search
        self.status_filter = self.filters.status_filter
        self.platform_filter = self.filters.platform_filter
        self.assignee_filter = self.filters.assignee_filter
        self.period_filter = self.filters.period_filter
        from .mentions import MentionsButton  # a team workspace's "Disebut untuk saya"

        self.mentions = MentionsButton(self.workspace, self.filters)
        self.filters.layout().addWidget(self.mentions)
        layout.addWidget(self.filters)
        self.banner = ReminderBanner(self)
        layout.addWidget(self.banner)

        self.list_model = PostListModel(self.workspace.posts, self)
        self.week_model = WeekModel(self.workspace.posts, self)
        self.month_model = MonthModel(self.workspace.posts, self)

        # the list is built when first shown, like the month overview (the week is shown first)
        self._list_view: QTableView | None = None
        self._list_placeholder = QWidget(self)

        self.week_view = WeekCalendar(self.week_model, self.thumbnails, self, clock=self._wib_now)
        self.week_scroll = QScrollArea(self)
        self.week_scroll.setObjectName("weekScroll")
        self.week_scroll.setWidgetResizable(True)
        self.week_scroll.setWidget(self.week_view)

        # the month overview is built when first shown (its delegate and view classes cost the
        # start a few milliseconds of Qt type set-up)
        self._month_view = None
        self._month_placeholder = QWidget(self)

        self.stack = QStackedWidget(self)
        for widget in (self._list_placeholder, self.week_scroll, self._month_placeholder):
            self.stack.addWidget(widget)
        self.panel = PostPanel(self.workspace, self)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([1000, 330])
        layout.addWidget(self.splitter, 1)

        status_row = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("queueStatus")
        self.open_folder_button = QToolButton(self)
        self.open_folder_button.setObjectName("openExportFolder")
        self.open_folder_button.setText(t("window.open_folder"))
        self.open_folder_button.setToolTip(t("window.open_folder_hint"))
        self.open_folder_button.setVisible(False)
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.open_folder_button)
        layout.addLayout(status_row)

    def _connect(self) -> None:
        self.controller.postsChanged.connect(
            lambda ids: self.events.posts_changed(ids, ORIGIN_QUEUE)
        )
        self.controller.errorRaised.connect(self.show_error)
        self.events.postsChanged.connect(self._posts_changed)
        self.events.settingsChanged.connect(self._settings_changed)

        self.view_group.idClicked.connect(lambda i: self.set_view(VIEWS[i]))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.today_button.clicked.connect(self.go_today)
        self.next_button.clicked.connect(lambda: self.step(1))
        self.new_button.clicked.connect(self.tools.request_new_post)
        self.import_button.clicked.connect(self.open_import)
        self.print_button.clicked.connect(lambda: self.print_plan())
        self.settings_button.clicked.connect(self.open_settings)
        self.filters.changed.connect(self.apply_filters)

        self.week_view.postSelected.connect(self._select)
        self.week_view.postActivated.connect(self.openPostRequested)
        self.week_view.rescheduleRequested.connect(self.controller.reschedule)
        self.week_view.contextMenuRequested.connect(self._post_context_menu)
        # the day header is painted at the top of what is on screen: repaint it on scrolling
        self.week_scroll.verticalScrollBar().valueChanged.connect(
            lambda _v: self.week_view.update()
        )

        self.panel.actionRequested.connect(self.request_action)
        self.panel.openRequested.connect(self.openPostRequested)
        self.panel.exportRequested.connect(lambda pid: self.export_post(pid))
        self.panel.duplicateRequested.connect(lambda pid: self.tools.duplicate_post(pid))
        self.panel.deleteRequested.connect(lambda pid: self.tools.delete_draft(pid))
        self.open_folder_button.clicked.connect(self.exporter.open_folder)

        self.reminders.remind.connect(self.on_reminders)
        self.banner.exportRequested.connect(lambda pid: self.export_post(pid))
        self.banner.publishRequested.connect(lambda pid: self.request_action(pid, Action.PUBLISH))
        self.banner.openRequested.connect(self.openPostRequested)

        # a team workspace: who has which post open, new comments and mentions (ui/live.py)
        self.mentions.postChosen.connect(self.show_comments_of)
        self.live = self.main_window.live if self.main_window is not None else None
        if self.live is not None:
            self.live.presenceChanged.connect(self._presence_changed)
            self.live.commentsChanged.connect(self._comments_changed)
            self.live.mentionsChanged.connect(self.mentions.refresh)

    def _load(self) -> None:
        """The first read of the store: names for the filter, this week and month, the week
        view on screen (the other views read when first shown)."""
        self.filters.fill_assignees()
        self.mentions.refresh()
        today = self._wib_now()
        self.week_model.year, self.week_model.week = iso_week_of(today)
        self.month_model.year, self.month_model.month = today.year, today.month
        self._stale = set(VIEWS)
        self.set_view("week")
        self.update_export_menu()

    # -- helpers ----------------------------------------------------------------------------
    def actor(self) -> str:
        if self.main_window is not None:
            return self.main_window.settings.actor()
        from ...core.settings import AppSettings

        return AppSettings.load().actor()

    def _wib_now(self) -> datetime:
        return to_wib(self.clock())

    @property
    def plan(self) -> PlanActions:
        """The weekly plan's preview, PDF and printer (Qt's print support loads on first use)."""
        if self._plan is None:
            from .printing import PlanActions

            self._plan = PlanActions(self)
        return self._plan

    def show_error(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            t("queue.error_title"),
            message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("queueError")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_error = message
        box.open()

    def _keep(self, dialog) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(
            lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None
        )

    # -- toolbar; the queries of the filter row (filters.py) -----------------------------------
    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.view_group = QButtonGroup(self)
        self.view_buttons: dict[str, QToolButton] = {}
        for i, view in enumerate(VIEWS):
            button = QToolButton(self)
            button.setObjectName(f"view_{view}")
            button.setText(t(f"queue.view_{view}"))
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.view_group.addButton(button, i)
            self.view_buttons[view] = button
            bar.addWidget(button)
        bar.addSpacing(12)
        self.prev_button = QToolButton(self)
        self.prev_button.setObjectName("prevPeriod")
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(t("queue.prev"))
        self.today_button = QToolButton(self)
        self.today_button.setObjectName("todayButton")
        self.today_button.setText(t("queue.today"))
        self.next_button = QToolButton(self)
        self.next_button.setObjectName("nextPeriod")
        self.next_button.setText("▶")
        self.next_button.setToolTip(t("queue.next"))
        self.period_label = QLabel(self)
        self.period_label.setObjectName("periodLabel")
        font = self.period_label.font()
        font.setBold(True)
        self.period_label.setFont(font)
        for w in (self.prev_button, self.today_button, self.next_button, self.period_label):
            bar.addWidget(w)
        bar.addStretch(1)
        self.new_button = QToolButton(self)
        self.new_button.setObjectName("newPostButton")
        self.new_button.setText(t("window.new_post"))
        self.new_button.setToolTip(t("window.new_post_hint"))
        bar.addWidget(self.new_button)
        self.import_button = QToolButton(self)
        self.import_button.setObjectName("importButton")
        self.import_button.setText(t("queue.import_csv"))
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setText(t("queue.export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # leave room for the menu arrow, which some styles draw over the text otherwise
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.export_button.setMinimumWidth(
            self.export_button.fontMetrics().horizontalAdvance(t("queue.export")) + 34
        )
        menu = QMenu(self.export_button)
        menu.setToolTipsVisible(True)
        self.export_post_action = menu.addAction(t("queue.export_post"), self.export_selected)
        self.export_day_action = menu.addAction(t("queue.export_day"), self.export_day)
        self.export_week_action = menu.addAction(t("queue.export_week"), self.export_week)
        # the day and week named are the ones the actions export (the selection changes them)
        menu.aboutToShow.connect(self.update_export_menu)
        self.export_button.setMenu(menu)
        self.print_button = QToolButton(self)
        self.print_button.setObjectName("printButton")
        self.print_button.setText(t("queue.print_plan"))
        self.print_button.setToolTip(t("window.print_plan_hint"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        print_menu = QMenu(self.print_button)
        self.preview_plan_action = print_menu.addAction(
            t("window.plan_preview"), lambda: self.print_plan()
        )
        self.preview_plan_action.setObjectName("planPreviewAction")
        self.save_plan_action = print_menu.addAction(
            t("window.plan_save_pdf"), lambda: self.plan.save_plan_pdf()
        )
        self.save_plan_action.setObjectName("planSavePdf")
        self.printer_plan_action = print_menu.addAction(
            t("window.plan_printer"), lambda: self.plan.print_plan_to_printer()
        )
        self.printer_plan_action.setObjectName("planPrinter")
        self.print_button.setMenu(print_menu)
        self.print_button.setMinimumWidth(
            self.print_button.fontMetrics().horizontalAdvance(t("queue.print_plan")) + 34
        )
        self.settings_button = QToolButton(self)
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setText(t("queue.settings"))
        for w in (self.import_button, self.export_button, self.print_button, self.settings_button):
            bar.addWidget(w)
        return bar

    def base_query(self) -> PostQuery:
        """Filters shared by every view: status, platform, assignee, text."""
        return self.filters.base_query()

    def list_query(self) -> PostQuery:
        """The list's query: the filters, the period and the list's sort column."""
        header = self.list_view.horizontalHeader()
        order, descending = "scheduled", False
        key = PostListModel.SORT_KEYS.get(header.sortIndicatorSection())
        if key:
            order = key
            descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        return self.filters.list_query(self._wib_now(), order, descending)

    def apply_filters(self) -> None:
        """Re-query the current view with the filters (other views update when shown)."""
        self._stale = set(VIEWS)
        self._refresh_view(self.current_view())

    def _refresh_view(self, view: str) -> None:
        if view == "list":
            self.list_model.set_query(self.list_query())
        elif view == "week":
            self.week_model.set_week(self.week_model.year, self.week_model.week, self.base_query())
        else:
            self.month_model.set_month(
                self.month_model.year, self.month_model.month, self.base_query()
            )
        self._stale.discard(view)
        if view == self.current_view():
            self._update_status()
        self._update_period_label()

    # -- views and navigation ---------------------------------------------------------------
    def current_view(self) -> str:
        return VIEWS[self.stack.currentIndex()]

    @property
    def list_view(self) -> QTableView:
        """The list of posts, built on first use."""
        if self._list_view is None:
            view = QTableView(self)
            view.setObjectName("queueList")
            view.setModel(self.list_model)
            view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
            view.setSortingEnabled(True)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setAlternatingRowColors(True)
            view.setWordWrap(False)
            view.verticalHeader().hide()
            view.verticalHeader().setDefaultSectionSize(26)
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            # the title (stretching) keeps room at 1280×720: the other columns take what they need
            for column, width in ((0, 122), (2, 152), (3, 160), (4, 150), (5, 116)):
                header.resizeSection(column, width)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.doubleClicked.connect(
                lambda index: self.openPostRequested.emit(index.data(IdRole))
            )
            view.selectionModel().currentRowChanged.connect(
                lambda current, _prev: self._select(
                    current.data(IdRole) if current.isValid() else None
                )
            )
            view.customContextMenuRequested.connect(self._list_context_menu)
            current = self.stack.currentIndex()
            self.stack.insertWidget(VIEWS.index("list"), view)
            self.stack.removeWidget(self._list_placeholder)
            self._list_placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            self._list_view = view
        return self._list_view

    @property
    def month_view(self):
        """The month overview, built on first use."""
        if self._month_view is None:
            from .month_view import MonthView

            view = MonthView(self.month_model, self, clock=self._wib_now)
            view.dayActivated.connect(self.show_week_of)
            index = VIEWS.index("month")
            current = self.stack.currentIndex()
            self.stack.insertWidget(index, view)
            self.stack.removeWidget(self._month_placeholder)
            self._month_placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            self._month_view = view
        return self._month_view

    def set_view(self, view: str) -> None:
        if view == "month":
            self.month_view  # noqa: B018 - built before it is shown
        elif view == "list":
            self.list_view  # noqa: B018
        self.stack.setCurrentIndex(VIEWS.index(view))
        self.view_buttons[view].setChecked(True)
        self.period_filter.setEnabled(view == "list")
        if view in self._stale:
            self._refresh_view(view)
        self._update_status()
        self._update_period_label()

    def _update_status(self) -> None:
        view = self.current_view()
        if view == "list":
            self.status_label.setText(t("queue.list_count", count=self.list_model.total()))
        elif view == "week":
            shown = (self.week_model.year, self.week_model.week)
            count = self.week_model.rowCount()
            if shown == iso_week_of(self._wib_now()):
                self.status_label.setText(t("queue.week_count", count=count))
            else:
                self.status_label.setText(
                    t("window.week_count_other", count=count, week=format_week_range(*shown))
                )
        else:
            month = self.month_model
            count = sum(
                len(month.posts_on(month.date_at(r, c)))
                for r in range(month.ROWS)
                for c in range(month.COLS)
                if month.date_at(r, c).month == month.month
            )
            self.status_label.setText(t("queue.month_count", count=count))

    def _update_period_label(self) -> None:
        view = self.current_view()
        if view == "week":
            text = format_week_range(self.week_model.year, self.week_model.week)
        elif view == "month":
            text = f"{t(f'queue.month_{self.month_model.month}')} {self.month_model.year}"
        else:
            text = ""
        for w in (self.prev_button, self.next_button, self.today_button):
            w.setEnabled(view != "list")
        self.period_label.setText(text)

    def show_week(self, year: int, week: int) -> None:
        self.week_model.set_week(year, week, self.base_query())
        self._update_status()
        self._update_period_label()

    def show_month(self, year: int, month: int) -> None:
        self.month_model.set_month(year, month, self.base_query())
        self._update_status()
        self._update_period_label()

    def show_week_of(self, day: date) -> None:
        self.show_week(*iso_week_of(day))
        self.set_view("week")

    def step(self, direction: int) -> None:
        view = self.current_view()
        if view == "week":
            monday = date.fromisocalendar(self.week_model.year, self.week_model.week, 1)
            self.show_week(*iso_week_of(monday + timedelta(weeks=direction)))
        elif view == "month":
            month = self.month_model.month - 1 + direction
            self.show_month(self.month_model.year + month // 12, month % 12 + 1)

    def go_today(self) -> None:
        now = self._wib_now()
        self.show_week(*iso_week_of(now))
        self.show_month(now.year, now.month)
        self.set_view(self.current_view())

    def refresh(self) -> None:
        """Reload from the store (after an edit elsewhere, an import or a restore)."""
        self.filters.fill_assignees()
        self.thumbnails.clear()
        self.apply_filters()
        self.panel.refresh()
        self.sync_reminders()

    def _settings_changed(self) -> None:
        """People, brand or rules changed: names in the filter, thumbnails (brand), views."""
        self.filters.fill_assignees()
        self.thumbnails.clear()
        self.apply_filters()
        self.panel.refresh()

    def _posts_changed(self, ids: list, origin: str = ORIGIN_QUEUE) -> None:
        if origin == ORIGIN_IMPORT:
            self.filters.fill_assignees()
        self._stale = set(VIEWS)
        view = self.current_view()
        if view == "list":
            self.list_model.refresh()
        else:
            self._refresh_view(view)
        self.panel.refresh()
        self.sync_reminders()
        self.week_view.select(self.panel.post.id if self.panel.post else None)

    def sync_reminders(self) -> None:
        """Re-arm the reminders and bring the banner up to date (see upkeep.py)."""
        self.upkeep.sync_reminders()

    def _presence_changed(self) -> None:
        """Mark the posts someone else has open: list title, week card, panel."""
        editing = self.live.editing_map() if self.live is not None else {}
        self.list_model.set_editing(editing)
        self.week_view.editing = editing
        self.week_view.update()
        self.panel.set_editing(editing)

    def _comments_changed(self, ids: list) -> None:
        post = self.panel.post
        if post is not None and (not ids or post.id in ids):
            self.panel.comments.reload()

    def show_comments_of(self, post_id: int) -> None:
        """A post that mentions me: selected, with its comment thread in front."""
        self.select_post(post_id)
        self.panel.show_comments()

    # -- selection --------------------------------------------------------------------------
    def selected_post_id(self) -> int | None:
        return self.panel.post.id if self.panel.post else None

    def _select(self, post_id: int | None) -> None:
        self.panel.set_post(post_id)
        self.week_view.select(post_id)

    def select_post(self, post_id: int) -> None:
        """Select a post in the current view (and the panel)."""
        self._select(post_id)
        if self.current_view() == "list":
            row = self.list_model.row_of(post_id)
            while row >= self.list_model.rowCount() and self.list_model.canFetchMore():
                self.list_model.fetchMore()
            if row >= 0:
                self.list_view.selectionModel().setCurrentIndex(
                    self.list_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )

    def _list_context_menu(self, pos) -> None:
        index = self.list_view.indexAt(pos)
        if index.isValid():
            self._post_context_menu(index.data(IdRole), self.list_view.viewport().mapToGlobal(pos))

    def context_menu_for(self, post_id: int) -> QMenu:
        from ...core.model import allowed_actions

        self._select(post_id)
        menu = QMenu(self)
        menu.addAction(t("queue.open_post"), lambda: self.openPostRequested.emit(post_id))
        menu.addSeparator()
        post = self.panel.post
        for action in allowed_actions(post.status) if post else []:
            menu.addAction(action.label(), lambda a=action: self.request_action(post_id, a))
        menu.addSeparator()
        menu.addAction(t("queue.export_post"), lambda: self.export_post(post_id))
        menu.addAction(t("window.duplicate_post"), lambda: self.tools.duplicate_post(post_id))
        if post is not None and post.status == Status.DRAFT:
            menu.addAction(t("window.delete_draft"), lambda: self.tools.delete_draft(post_id))
        return menu

    def _post_context_menu(self, post_id: int, global_pos) -> None:  # pragma: no cover - popup
        menu = self.context_menu_for(post_id)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(global_pos)

    # -- workflow ---------------------------------------------------------------------------
    def request_action(self, post_id: int, action: Action):
        """Run a workflow action; actions that need input open a non-blocking dialog first.
        Returns the dialog when one was opened (tests fill and accept it)."""
        from ..dialogs import workflow

        try:
            post = self.workspace.posts.get(post_id)
        except SumbarError as err:
            self.show_error(err.user_message())
            return None
        dialog = None
        if action == Action.REQUEST_CHANGES:
            dialog = workflow.RequestChangesDialog(post, self)
            dialog.accepted.connect(
                lambda: self.controller.transition(post_id, action, comment=dialog.value())
            )
        elif action == Action.APPROVE:
            approvers = self.workspace.approvers()
            dialog = workflow.ApproveDialog(
                post, approvers, self, team=getattr(self.workspace, "is_team", False)
            )

            def approve():
                person, reason = dialog.value()
                self.controller.approve(post_id, person, override_reason=reason)

            dialog.accepted.connect(approve)
        elif action == Action.PUBLISH:
            dialog = workflow.PublishDialog(post, self)

            def publish():
                if self.controller.transition(post_id, action, urls=dialog.value()):
                    self.banner.remove(post_id)

            dialog.accepted.connect(publish)
        elif action == Action.SCHEDULE and post.scheduled_at is None:
            dialog = workflow.ScheduleDialog(post, self, clock=self.clock)
            dialog.accepted.connect(
                lambda: self.controller.transition(post_id, action, when=dialog.value())
            )
        else:
            self.controller.transition(post_id, action)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._keep(dialog)
        dialog.open()
        return dialog

    # -- background upkeep: tray, reminders, daily backup (see upkeep.py) ------------------
    def start_background(self) -> None:
        """Start-up work after the window shows: reminders (overdue ones now), the daily backup
        (a moment later, see upkeep.BACKUP_AFTER_START_MS)."""
        self.upkeep.start()

    def stop_background(self) -> None:
        """The window is done with this workspace (another one took its place)."""
        self.upkeep.stop()

    def on_reminders(self, reminders: list) -> None:
        self.upkeep.on_reminders(reminders)

    def run_daily_backup(self):
        return self.upkeep.run_daily_backup()

    # -- export and print -------------------------------------------------------------------
    def export_post(self, post_id: int) -> None:
        """Export one post: approved at once, a draft only when the officer says so."""
        self.select_post(post_id)
        self.exporter.export_selected()

    def export_selected(self) -> None:
        self.exporter.export_selected()

    def export_day(self) -> None:
        self.exporter.export_day()

    def update_export_menu(self) -> None:
        """Name the day and the week the export menu's entries export, and say how."""
        day = format_long_date(self.exporter.day_to_export())
        self.export_day_action.setText(t("queue.export_day", day=day))
        week = format_week_range(self.week_model.year, self.week_model.week)
        for action, text in (
            (self.export_post_action, t("queue.export_post_tip")),
            (self.export_day_action, t("queue.export_day_tip", day=day)),
            (self.export_week_action, t("queue.export_week_tip", week=week)),
        ):
            action.setToolTip(text)
            action.setStatusTip(text)

    def export_week(self) -> None:
        self.exporter.export_week()

    def export_folder(self) -> Path:
        return self.exporter.export_folder()

    def export_posts(
        self,
        post_ids: list[int],
        out_dir: Path | None = None,
        *,
        ask: bool = True,
        drafts: bool = False,
    ):
        """Export bundles with a cancellable progress dialog (see exporting.QueueExporter)."""
        return self.exporter.export_posts(post_ids, out_dir, ask_folder=ask, drafts=drafts)

    def _exported(self, results: list) -> None:
        self.last_export = results
        if results:
            folder = results[0].path.parent
            self.exporter.last_folder = folder
            self.status_label.setText(t("queue.exported", count=len(results), path=str(folder)))
            self.open_folder_button.setVisible(True)

    def print_plan(self, year: int | None = None, week: int | None = None):
        """The plan's print preview (see printing.PlanActions)."""
        return self.plan.print_plan(year, week)

    def save_plan_pdf(self, year: int | None = None, week: int | None = None, path=None):
        return self.plan.save_plan_pdf(year, week, path)

    # -- import, settings, welcome (window jobs, see window_jobs.py) ----------------------
    def open_import(self, path: str | None = None):
        return self.jobs.open_import(path)

    def open_settings(self):
        return self.jobs.open_settings()

    def show_welcome(self):
        return self.jobs.show_welcome()

    # -- page API (ui/pages.py) -------------------------------------------------------------
    def docks(self) -> list:
        return []

    def flush(self) -> None:
        """Nothing pending: every queue change is written at once."""

    def closeEvent(self, event) -> None:
        self.reminders.stop()
        super().closeEvent(event)


__all__ = ["QueuePage", "WIB"]
