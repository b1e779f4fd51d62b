"""Import posts from a CSV (the secretariat's agenda): choose a file, see every row with its
errors and warnings, then import the valid rows as drafts — nothing is written before that."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ...core import importer
from ...core.cards import list_templates
from ...core.errors import SumbarError
from ...core.i18n import t
from ..widgets.records import TranslatedHeaders

_ROOT = QModelIndex()


class ImportPreviewModel(TranslatedHeaders, QAbstractTableModel):
    HEADER_PREFIX = "queue.import_col_"
    COLUMNS = ("line", "state", "date", "time", "title", "place", "template", "messages")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.preview: importer.ImportPreview | None = None

    def set_preview(self, preview: importer.ImportPreview | None) -> None:
        self.beginResetModel()
        self.preview = preview
        self.endResetModel()

    def rows(self) -> list:
        return self.preview.rows if self.preview else []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows())

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows()):
            return None
        row = self.rows()[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "line":
                return str(row.line)
            if column == "state":
                if row.errors:
                    return t("queue.import_state_error")
                return (
                    t("queue.import_state_warning") if row.warnings else t("queue.import_state_ok")
                )
            if column == "messages":
                return "; ".join(row.errors + row.warnings)
            return row.values.get(column, "")
        if role == Qt.ItemDataRole.ForegroundRole and column in ("state", "messages"):
            if row.errors:
                return QBrush(QColor("#b01e23"))
            if row.warnings:
                return QBrush(QColor("#8a5a00"))
            return QBrush(QColor("#2e7d5b"))
        return None


class ImportDialog(QDialog):
    imported = Signal(list)  # new post ids

    def __init__(self, workspace, actor, parent=None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(t("queue.import_title"))
        self.resize(920, 520)
        self.workspace = workspace
        self.actor = actor
        self.preview: importer.ImportPreview | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(t("queue.import_intro"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPath")
        self.path_edit.setReadOnly(True)
        browse = QPushButton(t("queue.import_browse"), self)
        browse.setObjectName("importBrowse")
        browse.clicked.connect(self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = ImportPreviewModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("importPreview")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(t("queue.import_do"))
        self.import_button.setObjectName("importDo")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.commit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def browse(self) -> None:
        chooser = QFileDialog(
            self, t("queue.import_choose"), str(Path.home()), t("queue.import_filter")
        )
        chooser.setObjectName("importFileDialog")
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.fileSelected.connect(self.load)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.open()

    def load(self, path: str | Path) -> importer.ImportPreview:
        self.path_edit.setText(str(path))
        try:
            templates = {tp.id for tp in list_templates()}
        except SumbarError:  # a broken shipped template: import without checking template ids
            templates = None
        preview = importer.parse_file(
            path,
            existing=importer.existing_keys(self.workspace.posts),
            templates=templates,
        )
        self.preview = preview
        self.model.set_preview(preview)
        if preview.file_errors:
            text = "\n".join(preview.file_errors)
            self.summary.setStyleSheet("color: #b01e23;")
        else:
            text = t(
                "queue.import_summary",
                total=len(preview.rows),
                ok=len(preview.valid_rows),
                bad=len(preview.error_rows),
            )
            self.summary.setStyleSheet("")
        self.summary.setText(text)
        self.import_button.setEnabled(preview.can_commit)
        return preview

    def commit(self) -> None:
        if self.preview is None or not self.preview.can_commit:
            return
        try:
            actor = self.actor() if callable(self.actor) else str(self.actor)
            ids = importer.commit(self.preview, self.workspace.posts, actor)
        except SumbarError as err:
            self.summary.setText(err.user_message())
            self.summary.setStyleSheet("color: #b01e23;")
            return
        self.imported_ids = ids
        self.imported.emit(ids)
        self.accept()
