"""An editable table over a list of dataclass records (people, official accounts, ...).

Text columns edit the attribute of the same name; boolean columns are tick boxes. Subclasses
name their COLUMNS, the catalogue prefix of the headers, and override the hooks they need.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...core.i18n import t

_ROOT = QModelIndex()
Role = Qt.ItemDataRole


class TranslatedHeaders:
    """Column headings from the message catalogue: ``t(f"{HEADER_PREFIX}{column}")``.
    Mix into a QAbstractTableModel that names its COLUMNS."""

    COLUMNS: tuple[str, ...] = ()
    HEADER_PREFIX = ""

    def headerData(self, section: int, orientation, role: int = Role.DisplayRole):  # noqa: N802
        if (
            role == Role.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return t(f"{self.HEADER_PREFIX}{self.COLUMNS[section]}")
        return None


class RecordTableModel(TranslatedHeaders, QAbstractTableModel):
    READ_ONLY: frozenset[str] = frozenset()
    BOOL_COLUMNS: frozenset[str] = frozenset()  # shown as tick boxes

    def __init__(self, records: list, parent=None):
        super().__init__(parent)
        self.records = [replace(r) for r in records]  # edit copies; the caller saves them

    # -- hooks ------------------------------------------------------------------------------
    def display(self, row: int, column: str) -> Any:
        return getattr(self.records[row], column)

    def tooltip(self, row: int, column: str) -> str | None:
        return None

    def commit(self, row: int, column: str, value: Any) -> bool:
        """Store an edited value; return False to refuse it."""
        setattr(self.records[row], column, value)
        return True

    # -- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index, role: int = Role.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        column = self.COLUMNS[index.column()]
        if column in self.BOOL_COLUMNS:
            value = bool(getattr(record, column))
            if role == Role.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            if role == Role.DisplayRole:
                return t("settings.yes") if value else t("settings.no")
            return None
        if role == Role.DisplayRole:
            return self.display(index.row(), column)
        if role == Role.EditRole:
            return getattr(record, column, None)
        if role == Role.ToolTipRole:
            return self.tooltip(index.row(), column)
        return None

    def setData(self, index, value, role: int = Role.EditRole) -> bool:
        if not index.isValid():
            return False
        column = self.COLUMNS[index.column()]
        if column in self.READ_ONLY:
            return False
        if column in self.BOOL_COLUMNS and role == Role.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif column not in self.BOOL_COLUMNS and role == Role.EditRole:
            value = str(value).strip()
        else:
            return False
        if not self.commit(index.row(), column, value):
            return False
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.COLUMNS[index.column()]
        if column in self.READ_ONLY:
            return base
        if column in self.BOOL_COLUMNS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    # -- rows -------------------------------------------------------------------------------
    def append(self, record) -> int:
        row = len(self.records)
        self.beginInsertRows(QModelIndex(), row, row)
        self.records.append(record)
        self.endInsertRows()
        return row

    def take(self, row: int):
        if not 0 <= row < len(self.records):
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        record = self.records.pop(row)
        self.endRemoveRows()
        return record
