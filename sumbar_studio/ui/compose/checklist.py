"""The checklist dock: items grouped by principle and ethics point, with automatic results,
manual attestations and the approval action.

:class:`ChecklistModel` is a tree (group -> item -> finding) over a core ``ChecklistResult``;
ticking a manual item does not change the model: it asks for an attestation, which the store
records, and the next check shows it.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import t
from ..background import run_in_background
from ..icons import icon
from . import backend

GROUP_ORDER = ("prinsip", "etika", "platform", "aksesibilitas")
STATUS_COLORS = {
    "pass": "#2e7d32",
    "warning": "#e69500",
    "blocking": "#d32f2f",
    "manual-pending": "#78909c",
    "info": "#1e88e5",
}


@cache
def status_icon(status: str) -> QIcon:
    icon = QIcon()
    for size in (16, 32):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor(STATUS_COLORS.get(status, "#78909c")))
        p.setPen(Qt.PenStyle.NoPen)
        m = size // 8
        p.drawEllipse(m, m, size - 2 * m, size - 2 * m)
        p.end()
        icon.addPixmap(pm)
    return icon


class _Node:
    __slots__ = ("kind", "parent", "children", "row", "payload", "status")

    def __init__(self, kind: str, parent: _Node | None, payload, status: str = ""):
        self.kind = kind  # "root" | "group" | "item" | "finding"
        self.parent = parent
        self.children: list[_Node] = []
        self.row = 0
        self.payload = payload
        self.status = status

    def add(self, node: _Node) -> _Node:
        node.row = len(self.children)
        self.children.append(node)
        return node


class ChecklistModel(QAbstractItemModel):
    attestRequested = Signal(str, bool)  # item id, ticked

    COLUMNS = 2
    ItemIdRole = Qt.ItemDataRole.UserRole + 1
    StatusRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self.root = _Node("root", None, None)
        self.result = None

    # -- content ----------------------------------------------------------------------------
    def set_result(self, result) -> None:
        self.beginResetModel()
        self.result = result
        self.root = _Node("root", None, None)
        if result is not None:
            groups: dict[str, _Node] = {}
            items = list(result.items)
            order = {g: i for i, g in enumerate(GROUP_ORDER)}
            for r in sorted(items, key=lambda r: order.get(r.item.group, len(order))):
                group = groups.get(r.item.group)
                if group is None:
                    group = self.root.add(_Node("group", self.root, r.item.group))
                    groups[r.item.group] = group
                status = str(getattr(r.status, "value", r.status))
                item = group.add(_Node("item", group, r, status))
                for f in r.findings:
                    item.add(_Node("finding", item, f, backend.severity_of(f)))
            for group in groups.values():
                rank = {"blocking": 0, "warning": 1, "manual-pending": 2, "pass": 3}
                worst = min(
                    (c.status for c in group.children), key=lambda s: rank.get(s, 9), default="pass"
                )
                group.status = worst
        self.endResetModel()

    # -- structure --------------------------------------------------------------------------
    def _node(self, index: QModelIndex | QPersistentModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self.root

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= self.COLUMNS or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        node = self._node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index=QModelIndex()):  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        parent = node.parent
        if parent is None or parent is self.root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return self.COLUMNS

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                (t("compose.checklist_item"), t("compose.checklist_status"))[section]
                if 0 <= section < self.COLUMNS
                else None
            )
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        node = self._node(index)
        if index.column() == 0 and node.kind == "item" and node.payload.item.manual:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    # -- data -------------------------------------------------------------------------------
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self._node(index)
        col = index.column()
        if node.kind == "group":
            return self._group_data(node, col, role)
        if node.kind == "item":
            return self._item_data(node, col, role)
        return self._finding_data(node, col, role)

    def _status_text(self, status: str) -> str:
        return t(f"compose.status_{status.replace('-', '_')}")

    def _group_data(self, node: _Node, col: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                t(f"compose.group_{node.payload}") if col == 0 else self._status_text(node.status)
            )
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return status_icon(node.status)
        if role == self.StatusRole:
            return node.status
        return None

    def _item_data(self, node: _Node, col: int, role):
        r = node.payload
        item = r.item
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return item.title()
            text = self._status_text(node.status)
            if r.findings:
                text += f" ({len(r.findings)})"
            return text
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return status_icon(node.status)
        if role == Qt.ItemDataRole.CheckStateRole and col == 0 and item.manual:
            return Qt.CheckState.Checked if r.attested_by else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = item.help()
            if item.manual:
                tip += "\n\n" + t("compose.attest_tip", text=item.attestation_text())
            if r.attested_by:
                tip += "\n" + t("compose.attested_by", name=r.attested_by)
            return tip
        if role == self.ItemIdRole:
            return item.id
        if role == self.StatusRole:
            return node.status
        return None

    def _finding_data(self, node: _Node, col: int, role):
        f = node.payload
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                platform = getattr(f, "platform", "") or ""
                name = backend.platform_names().get(platform, platform)
                return f"{name}: {f.message}" if name else f.message
            return t(f"compose.severity_{node.status}")
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return status_icon(node.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f.message
        if role == self.StatusRole:
            return node.status
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        node = self._node(index)
        if node.kind != "item" or not node.payload.item.manual:
            return False
        checked = (
            Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        )
        self.attestRequested.emit(node.payload.item.id, checked)
        return True

    # -- helpers for the dock and tests -----------------------------------------------------
    def item_index(self, item_id: str) -> QModelIndex:
        for group in self.root.children:
            for node in group.children:
                if node.payload.item.id == item_id:
                    return self.createIndex(node.row, 0, node)
        return QModelIndex()


class WrappingDelegate(QStyledItemDelegate):
    """Names in the first column wrap to the column's width (a narrow dock shows
    "Menjunjung kehormatan / lembaga" on two lines instead of "Menjunjung …")."""

    def __init__(self, tree: QTreeView):
        super().__init__(tree)
        self.tree = tree

    def _text_width(self, index: QModelIndex) -> int:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        # indentation, the check box and the status icon take the rest
        return self.tree.columnWidth(0) - self.tree.indentation() * (depth + 1) - 62

    def sizeHint(self, option, index):  # noqa: N802 - Qt API
        size = super().sizeHint(option, index)
        if index.column() != 0:
            return size
        text = str(index.data() or "")
        rect = option.fontMetrics.boundingRect(
            QRect(0, 0, max(40, self._text_width(index)), 10_000),
            int(Qt.TextFlag.TextWordWrap),
            text,
        )
        return QSize(size.width(), max(size.height(), rect.height() + 6))


class ChecklistDock(QDockWidget):
    """The dock: checklist tree, officer, submit/approve actions."""

    def __init__(self, page, *, check_ms: int = 400):
        super().__init__(t("compose.checklist_title"), page.main_window)
        self.page = page
        self.session = page.session
        self.workspace = page.workspace
        self.setObjectName("checklistDock")
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self._generation = 0
        self.result = None
        self.checks_run = 0

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        self.model = ChecklistModel(self)
        self.model.attestRequested.connect(self.attest)
        self.tree = QTreeView(body)
        self.tree.setObjectName("checklistTree")
        self.tree.setAccessibleName(t("compose.checklist_title"))
        self.tree.setModel(self.model)
        # item names wrap instead of being cut ("Menjunjung kehormatan…" on a laptop screen)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.header().sectionResized.connect(lambda *_a: self.tree.doItemsLayout())
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.tree, 1)

        self.summary = QLabel(body)
        self.summary.setObjectName("checklistSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        # approval
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        self.officer = QLabel(body)
        self.officer.setObjectName("officerLabel")
        form.addRow(t("compose.officer"), self.officer)
        self.approver = QComboBox(body)
        self.approver.setObjectName("approverCombo")
        self.approver.setAccessibleName(t("compose.approver"))
        # a long "name — role" must not widen the dock (and narrow the editor)
        self.approver.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.approver.setMinimumContentsLength(10)
        form.addRow(t("compose.approver"), self.approver)
        self.override = QLineEdit(body)
        self.override.setObjectName("overrideReasonEdit")
        self.override.setAccessibleName(t("compose.override_reason"))
        self.override.setPlaceholderText(t("compose.override_placeholder"))
        form.addRow(t("compose.override_reason"), self.override)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.submit_button = QPushButton(t("compose.submit_review"), body)
        self.submit_button.setObjectName("submitReviewButton")
        self.submit_button.setAccessibleName(t("compose.submit_review"))
        self.submit_button.clicked.connect(self.submit_for_review)
        self.approve_button = QPushButton(t("compose.approve"), body)
        self.approve_button.setObjectName("approveButton")
        self.approve_button.setAccessibleName(t("compose.approve"))
        self.approve_button.clicked.connect(self.approve)
        self.approve_button.setIcon(icon("compose-approve"))
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.approve_button)
        layout.addLayout(buttons)
        self._said_for: tuple | None = None  # (post id, status) a refusal was said for
        self.approval_label = QLabel(body)
        self.approval_label.setObjectName("approvalLabel")
        self.approval_label.setWordWrap(True)
        layout.addWidget(self.approval_label)
        self.setWidget(body)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.run_check)
        self.session.contentChanged.connect(self.timer.start)
        self.session.statusChanged.connect(lambda _s: self.refresh_actions())
        self.session.saved.connect(lambda _p: self.refresh_actions())
        self.load_people()
        self.refresh_actions()

    # -- people -----------------------------------------------------------------------------
    def load_people(self) -> None:
        self.approver.clear()
        for person in self.workspace.approvers():
            label = f"{person.name} — {person.role}" if person.role else person.name
            self.approver.addItem(label, person)
        if self.approver.count() == 0:
            team = getattr(self.workspace, "is_team", False)
            self.approver.addItem(
                t("compose.no_approvers_team" if team else "compose.no_approvers")
            )
        self.approver.setToolTip(self.approver.currentText())  # the whole text when cut off
        self.officer.setText(self.page.officer_name() or t("compose.officer_unknown"))

    # -- checks -----------------------------------------------------------------------------
    def run_check(self) -> None:
        self._generation += 1
        generation = self._generation
        post = self.session.post.copy()
        reports = dict(self.page.card_panel.reports) if hasattr(self.page, "card_panel") else {}
        run_in_background(
            lambda: backend.check_post(post, reports, self.workspace),
            lambda result: self._checked(generation, result),
            lambda exc: self._check_failed(generation, exc),
            owner=self,
        )

    def _checked(self, generation: int, result) -> None:
        if generation != self._generation:
            return
        self.checks_run += 1
        self.result = result
        self.model.set_result(result)
        for row in range(self.model.rowCount()):
            self.tree.expand(self.model.index(row, 0))
        if result is not None:
            self.summary.setText(
                t(
                    "compose.checklist_summary",
                    blocking=len(result.blocking),
                    warnings=len(getattr(result, "warnings", [])),
                )
            )
        self.refresh_actions()

    def _check_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.summary.setText(str(exc))

    # -- attestations -----------------------------------------------------------------------
    def attest(self, item_id: str, checked: bool) -> None:
        officer = self.page.officer_name()
        if not officer:
            self.page.ask_officer_name(lambda: self.attest(item_id, checked))
            return
        try:
            done = self.session.run_store_action(
                lambda pid: backend.attest(self.workspace, pid, item_id, officer, checked)
            )
        except Exception as exc:  # a domain error: say it in the dock
            self._show_error(exc)
            return
        if done is None:
            self._show_unsaved()
            return
        self.officer.setText(officer)
        self.run_check()

    # -- workflow ---------------------------------------------------------------------------
    def refresh_actions(self) -> None:
        from ...core.model import Status

        post = self.session.post
        status = post.status
        self.submit_button.setVisible(status == Status.DRAFT)
        self.submit_button.setEnabled(post.id is not None)
        blocking = bool(
            self.result is not None
            and (self.result.blocking or getattr(self.result, "pending_required", []))
        )
        can = status == Status.REVIEW and self.approver.currentData() is not None
        self.approve_button.setEnabled(can)
        self.override.setEnabled(status == Status.REVIEW and blocking)
        if post.approval is not None and post.approval_valid():
            a = post.approval
            from ...core.timeutil import format_wib_datetime

            self.approval_label.setStyleSheet("color: #2e7d32;")
            self.approval_label.setText(
                t("compose.approved_by", name=a.approver, nip=a.nip, when=format_wib_datetime(a.at))
            )
        elif self._said_for == (post.id, status):
            pass  # a refusal (why it cannot be submitted or approved) stays until things move on
        elif status == Status.REVIEW:
            self.approval_label.setStyleSheet("")
            self.approval_label.setText(t("compose.awaiting_approval"))
        else:
            self.approval_label.setStyleSheet("")
            self.approval_label.setText("")

    def submit_for_review(self) -> None:
        from ...core.model import Action

        actor = self.page.actor()
        try:
            done = self.session.run_store_action(
                lambda pid: self.workspace.posts.transition(
                    pid, Action.SUBMIT, actor, expected_version=self.session.post.version
                )
            )
        except Exception as exc:
            self._show_error(exc)
            return
        self.refresh_actions()
        if done is None:
            self._show_unsaved()

    def approve(self) -> None:
        person = self.approver.currentData()
        if person is None:
            return
        reason = self.override.text().strip()
        reports = dict(self.page.card_panel.reports)
        try:
            done = self.session.run_store_action(
                lambda pid: backend.approve_post(
                    self.workspace,
                    pid,
                    approver=person.name,
                    nip=person.nip,
                    role=person.role,
                    override_reason=reason,
                    card_reports=reports,
                )
            )
        except Exception as exc:
            self._show_error(exc)
            self.override.setEnabled(True)
            return
        if done is None:
            self._show_unsaved()
            return
        self.override.clear()
        self.refresh_actions()
        self.run_check()

    def _show_unsaved(self) -> None:
        self.approval_label.setStyleSheet("color: #c62828;")
        self.approval_label.setText(t("compose.store_action_unsaved"))

    def _show_error(self, exc: BaseException) -> None:
        from ...core.errors import SumbarError

        if not isinstance(exc, SumbarError):
            raise exc
        self.approval_label.setStyleSheet("color: #c62828;")
        self.approval_label.setText(exc.user_message())
        post = self.session.post
        self._said_for = (post.id, post.status)
