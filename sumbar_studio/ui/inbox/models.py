"""The Kotak Masukan list: a table model holding entry ids, fetching rows in chunks.

Handles are masked (UU 27/2022): the list never shows a sender whole.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.inbox import EntryQuery
from ...core.inbox.privacy import mask_handle, mask_text
from ...core.timeutil import format_clock, to_wib
from ..widgets.records import TranslatedHeaders

IdRole = Qt.ItemDataRole.UserRole + 1
OverdueRole = Qt.ItemDataRole.UserRole + 2
CHUNK = 200
OVERDUE_COLOR = "#b01e23"


def short_wib(moment: datetime | None) -> str:
    if moment is None:
        return "–"
    local = to_wib(moment)
    return f"{local.day:02d}/{local.month:02d} {format_clock(local)}"


class InboxListModel(TranslatedHeaders, QAbstractTableModel):
    COLUMNS = (
        "id",
        "received",
        "channel",
        "sender",
        "kind",
        "summary",
        "status",
        "assignee",
        "due",
    )
    HEADER_PREFIX = "inbox.ui_col_"

    def __init__(self, service, parent=None, *, clock: Callable[[], datetime]):
        super().__init__(parent)
        self.service = service
        self.clock = clock
        self.query = EntryQuery(open_only=True)
        self._ids: list[int] = []
        self._rows: dict[int, object] = {}
        self.error = ""  # why the last reload found nothing (a store error), else ""

    # -- loading ----------------------------------------------------------------------------
    def set_query(self, query: EntryQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Read the list again; a read the store refuses (the team server cannot be reached)
        leaves it empty with the reason in :attr:`error` for the page to say."""
        self.beginResetModel()
        try:
            self._ids = self.service.ids(self.query)
            self.error = ""
        except SumbarError as err:
            self._ids = []
            self.error = err.user_message()
        self._rows = {}
        self.endResetModel()

    def _summary(self, row: int):
        entry_id = self._ids[row]
        if entry_id not in self._rows:
            start = (row // CHUNK) * CHUNK
            chunk = self._ids[start : start + CHUNK]
            for s in self.service.summaries(chunk):
                self._rows[s.id] = s
        return self._rows.get(entry_id)

    def entry_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, entry_id: int) -> int:
        try:
            return self._ids.index(entry_id)
        except ValueError:
            return -1

    # -- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return t(f"{self.HEADER_PREFIX}{self.COLUMNS[section]}")
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        s = self._summary(index.row())
        if s is None:
            return None
        column = self.COLUMNS[index.column()]
        overdue = s.overdue(self.clock())
        if role == IdRole:
            return s.id
        if role == OverdueRole:
            return overdue
        if role == Qt.ItemDataRole.ForegroundRole and overdue and column in ("due", "status"):
            return QBrush(QColor(OVERDUE_COLOR))
        if role == Qt.ItemDataRole.ToolTipRole and column == "summary":
            return mask_text(s.excerpt)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "id":
            return str(s.id)
        if column == "received":
            return short_wib(s.received_at)
        if column == "channel":
            return s.channel.label()
        if column == "sender":
            return mask_handle(s.sender) or "–"
        if column == "kind":
            return s.kind.label()
        if column == "summary":
            excerpt = mask_text(s.excerpt)
            return f"{s.topic} — {excerpt}" if s.topic else excerpt
        if column == "status":
            label = s.status.label()
            return f"{label} · {t('inbox.ui_overdue')}" if overdue else label
        if column == "assignee":
            return s.assignee or (s.forwarded_to and f"→ {s.forwarded_to}") or "–"
        if column == "due":
            return short_wib(s.due_at) if s.first_answer_at is None else t("inbox.ui_answered")
        return None
