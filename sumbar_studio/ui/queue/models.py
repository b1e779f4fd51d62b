"""Item models of the queue. They hold post ids and fetch rows lazily from the post service.

- :class:`PostListModel` — the list: all ids of a query up front (one indexed SQL query, a few
  bytes per post), rows exposed in steps of ``page_size`` through canFetchMore/fetchMore, and
  the shown columns read in pages through ``PostService.summaries`` into a small LRU.
- :class:`WeekModel` — the posts of one ISO week (one row per post), for the week calendar.
- :class:`MonthModel` — a 6 x 7 grid of days with the posts of each day, for the month view.
- :class:`HistoryModel` — a post's audit trail.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from datetime import date, datetime, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...core.i18n import t
from ...core.labels import field_labels, item_title
from ...core.model import AuditEntry, Status
from ...core.store.protocol import PostQuery, PostSummary
from ...core.timeutil import (
    WIB,
    format_clock,
    format_plain_date,
    to_wib,
    week_bounds_utc,
    week_days,
)
from ..widgets.records import TranslatedHeaders
from .style import status_color

IdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2
DateRole = Qt.ItemDataRole.UserRole + 3
PostsRole = Qt.ItemDataRole.UserRole + 4
InMonthRole = Qt.ItemDataRole.UserRole + 5

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def format_when(moment: datetime | None) -> str:
    if moment is None:
        return t("queue.unscheduled")
    local = to_wib(moment)
    return f"{local:%d/%m/%Y} {format_clock(local)}"


def platforms_text(platforms) -> str:
    from ...core.platforms import default_catalog

    catalog = default_catalog()
    return ", ".join(catalog.platforms[p].name if p in catalog.platforms else p for p in platforms)


class PostListModel(QAbstractTableModel):
    """Lazy table of posts for a :class:`PostQuery`."""

    COLUMNS = ("scheduled", "title", "status", "platforms", "assignee", "updated")
    #: column -> PostQuery.order (columns absent here do not sort)
    SORT_KEYS = {0: "scheduled", 1: "title", 2: "status", 4: "assignee", 5: "updated"}

    def __init__(self, service, parent=None, *, page_size: int = 200, cache_pages: int = 16):
        super().__init__(parent)
        self.service = service
        self.page_size = page_size
        self.cache_pages = cache_pages
        self._query = PostQuery()
        self._ids: list[int] = []
        self._loaded = 0
        self._pages: OrderedDict[int, dict[int, PostSummary]] = OrderedDict()
        self.summary_fetches = 0  # for tests and benchmarks: how many pages were read
        self._queried = False
        #: who else has which post open (team workspace): post id -> names; marked in the title
        self.editing: dict[int, list[str]] = {}

    # -- query ------------------------------------------------------------------------------
    @property
    def query(self) -> PostQuery:
        return self._query

    def set_query(self, query: PostQuery) -> None:
        self.beginResetModel()
        self._query = query
        self._queried = True
        self._ids = self.service.ids(replace(query, limit=None, offset=0))
        self._loaded = min(self.page_size, len(self._ids))
        self._pages.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the ids (after a change) and keep as many rows loaded as before."""
        loaded = self._loaded
        self.beginResetModel()
        self._ids = self.service.ids(replace(self._query, limit=None, offset=0))
        self._loaded = min(max(loaded, self.page_size), len(self._ids))
        self._pages.clear()
        self.endResetModel()

    def invalidate(self, post_ids=None) -> None:
        """Forget cached rows (all, or the pages holding ``post_ids``) and repaint them."""
        self._pages.clear()
        if self._loaded:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._loaded - 1, len(self.COLUMNS) - 1)
            )

    def set_editing(self, editing: dict[int, list[str]]) -> None:
        """Mark the posts someone else has open (repaints the title column)."""
        self.editing = dict(editing)
        if self._loaded:
            column = self.COLUMNS.index("title")
            self.dataChanged.emit(self.index(0, column), self.index(self._loaded - 1, column))

    def total(self) -> int:
        return len(self._ids)

    def post_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, post_id: int) -> int:
        try:
            return self._ids.index(post_id)
        except ValueError:
            return -1

    # -- lazy loading -----------------------------------------------------------------------
    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: _Index = _ROOT) -> bool:
        return not parent.isValid() and self._loaded < len(self._ids)

    def fetchMore(self, parent: _Index = _ROOT) -> None:
        if parent.isValid():
            return
        count = min(self.page_size, len(self._ids) - self._loaded)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + count - 1)
        self._loaded += count
        self.endInsertRows()

    def summary(self, row: int) -> PostSummary | None:
        if not 0 <= row < len(self._ids):
            return None
        page = row // self.page_size
        rows = self._pages.get(page)
        if rows is None:
            ids = self._ids[page * self.page_size : (page + 1) * self.page_size]
            rows = {s.id: s for s in self.service.summaries(ids)}
            self.summary_fetches += 1
            self._pages[page] = rows
            while len(self._pages) > self.cache_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows.get(self._ids[row])

    # -- data -------------------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._loaded:
            return None
        if role == IdRole:
            return self._ids[index.row()]
        s = self.summary(index.row())
        if s is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == SummaryRole:
            return s
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "scheduled":
                return format_when(s.scheduled_at)
            if column == "title":
                if editors := self.editing.get(s.id):
                    if role == Qt.ItemDataRole.ToolTipRole:
                        names = ", ".join(editors)
                        return f"{s.title}\n{t('live.editing_marker', names=names)}"
                    return f"✎ {s.title}"
                return s.title
            if column == "status":
                return s.status.label()
            if column == "platforms":
                return platforms_text(s.platforms)
            if column == "assignee":
                return s.assignee
            if column == "updated":
                return format_when(s.updated_at) if s.updated_at else ""
        if role == Qt.ItemDataRole.DecorationRole and column == "status":
            return QColor(status_color(s.status))
        if role == Qt.ItemDataRole.ForegroundRole and s.status == Status.ARCHIVED:
            return QBrush(QColor("#7a7a7a"))
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return t(f"queue.col_{self.COLUMNS[section]}")
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._query.order and descending == self._query.descending:
            return  # already in that order (QHeaderView asks again when sorting is enabled)
        if not self._queried:  # nothing read yet: remember the order for the first query
            self._query = replace(self._query, order=key, descending=descending)
            return
        self.set_query(replace(self._query, order=key, descending=descending))


class WeekModel(TranslatedHeaders, QAbstractTableModel):
    """The posts of one ISO week (WIB), one row per post, ordered by time."""

    HEADER_PREFIX = "queue.week_col_"
    COLUMNS = ("day", "time", "title", "status")

    def __init__(self, service, parent=None):
        super().__init__(parent)
        self.service = service
        self.base_query = PostQuery()
        today = to_wib(datetime.now(WIB)).date().isocalendar()
        self.year, self.week = today.year, today.week
        self._rows: list[PostSummary] = []

    def days(self) -> list[date]:
        return week_days(self.year, self.week)

    def set_week(self, year: int, week: int, base_query: PostQuery | None = None) -> None:
        self.beginResetModel()
        self.year, self.week = year, week
        if base_query is not None:
            self.base_query = base_query
        start, end = week_bounds_utc(year, week)
        query = replace(
            self.base_query,
            start=start,
            end=end,
            order="scheduled",
            descending=False,
            limit=None,
            offset=0,
        )
        self._rows = self.service.summaries(self.service.ids(query))
        self.endResetModel()

    def refresh(self) -> None:
        self.set_week(self.year, self.week)

    def summaries(self) -> list[PostSummary]:
        return list(self._rows)

    def summary(self, row: int) -> PostSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, post_id: int) -> int:
        return next((i for i, s in enumerate(self._rows) if s.id == post_id), -1)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        if role == IdRole:
            return s.id
        if role == SummaryRole:
            return s
        if role == DateRole:
            return to_wib(s.scheduled_at).date()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = self.COLUMNS[index.column()]
            local = to_wib(s.scheduled_at)
            if column == "day":
                return format_plain_date(local.date())
            if column == "time":
                return format_clock(local)
            if column == "title":
                return s.title
            return s.status.label()
        return None


class MonthModel(QAbstractTableModel):
    """Six weeks of seven days (Senin first) covering one month; each cell lists its posts."""

    ROWS, COLS = 6, 7

    def __init__(self, service, parent=None):
        super().__init__(parent)
        self.service = service
        self.base_query = PostQuery()
        now = datetime.now(WIB)
        self.year, self.month = now.year, now.month
        self._first = date(self.year, self.month, 1)
        self._days: dict[date, list[PostSummary]] = {}

    def grid_start(self) -> date:
        first = date(self.year, self.month, 1)
        return first - timedelta(days=first.weekday())

    def set_month(self, year: int, month: int, base_query: PostQuery | None = None) -> None:
        self.beginResetModel()
        self.year, self.month = year, month
        if base_query is not None:
            self.base_query = base_query
        start_day = self.grid_start()
        start = datetime.combine(start_day, datetime.min.time(), tzinfo=WIB)
        end = start + timedelta(days=self.ROWS * self.COLS)
        query = replace(
            self.base_query,
            start=start,
            end=end,
            order="scheduled",
            descending=False,
            limit=None,
            offset=0,
        )
        self._days = {}
        for s in self.service.summaries(self.service.ids(query)):
            self._days.setdefault(to_wib(s.scheduled_at).date(), []).append(s)
        self.endResetModel()

    def refresh(self) -> None:
        self.set_month(self.year, self.month)

    def date_at(self, row: int, column: int) -> date:
        return self.grid_start() + timedelta(days=row * self.COLS + column)

    def index_of(self, day: date) -> QModelIndex:
        offset = (day - self.grid_start()).days
        if not 0 <= offset < self.ROWS * self.COLS:
            return QModelIndex()
        return self.index(offset // self.COLS, offset % self.COLS)

    def posts_on(self, day: date) -> list[PostSummary]:
        return list(self._days.get(day, []))

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else self.ROWS

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else self.COLS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        day = self.date_at(index.row(), index.column())
        posts = self._days.get(day, [])
        if role == Qt.ItemDataRole.DisplayRole:
            return str(day.day)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [format_plain_date(day)]
            lines += [f"{format_clock(s.scheduled_at)} {s.title}" for s in posts[:12]]
            if len(posts) > 12:
                lines.append(t("queue.more", count=len(posts) - 12))
            return "\n".join(lines)
        if role == DateRole:
            return day
        if role == PostsRole:
            return posts
        if role == InMonthRole:
            return day.month == self.month
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.COLS:
            return t(f"queue.weekday_{section}")
        if orientation == Qt.Orientation.Vertical and 0 <= section < self.ROWS:
            return str(self.date_at(section, 0).isocalendar().week)
        return None


class HistoryModel(TranslatedHeaders, QAbstractTableModel):
    """A post's audit trail: when, who, what, status change, details (newest first)."""

    HEADER_PREFIX = "queue.history_"
    COLUMNS = ("at", "actor", "action", "status", "detail", "when_who", "entry")
    #: the two columns a narrow panel shows: "when, who" and "what, details"
    COMPACT = (5, 6)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[AuditEntry] = []

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._rows = list(reversed(entries))
        self.endResetModel()

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def entry(self, row: int) -> AuditEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        e = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "at":
            return format_when(e.at)
        if column == "actor":
            return e.actor
        if column == "action":
            return action_label(e.action)
        if column == "status":
            return status_change(e)
        if column == "when_who":
            return f"{format_when(e.at)}\n{e.actor}"
        if column == "entry":
            lines = [action_label(e.action)]
            if change := status_change(e):
                lines[0] += f" ({change})"
            if detail := detail_text(e.detail):
                lines.append(detail)
            return "\n".join(lines)
        return detail_text(e.detail)


def status_change(e: AuditEntry) -> str:
    if not e.new_status:
        return ""
    old = Status(e.old_status).label() if e.old_status else "—"
    return f"{old} → {Status(e.new_status).label()}"


def action_label(action: str) -> str:
    key = f"queue.audit_{action}"
    text = t(key)
    if text != key:
        return text
    model_key = f"model.action_{action}"
    text = t(model_key)
    return action if text == model_key else text


def detail_text(detail: dict) -> str:
    parts = []
    if comment := detail.get("comment"):
        parts.append(t("queue.detail_comment", text=comment))
    if urls := detail.get("urls"):
        parts.append(", ".join(f"{k}: {v}" for k, v in urls.items()))
    if approver := detail.get("approver"):
        parts.append(t("queue.detail_approver", name=approver, nip=detail.get("nip", "")))
    if reason := detail.get("override_reason"):
        parts.append(t("queue.detail_override", text=reason))
    if "to" in detail and "from" in detail:
        parts.append(
            t("queue.detail_moved", old=_moment(detail.get("from")), new=_moment(detail.get("to")))
        )
    if changed := detail.get("changed"):
        parts.append(t("queue.detail_changed", fields=field_labels(changed)))
    if item := detail.get("item"):
        parts.append(item_title(item))
    return "; ".join(parts)


def _moment(value) -> str:
    if not value:
        return t("queue.unscheduled")
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return format_when(moment)
