"""The month overview: a 6 x 7 grid (Senin first) listing each day's posts."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QTableView,
)

from ...core.i18n import t
from ...core.timeutil import WIB, format_clock
from .models import DateRole, InMonthRole, MonthModel, PostsRole
from .style import status_color


class MonthDelegate(QStyledItemDelegate):
    def __init__(self, parent=None, clock=None):
        super().__init__(parent)
        self.clock = clock or (lambda: datetime.now(WIB))

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        painter.save()
        rect = QRectF(option.rect)
        pal = option.palette
        in_month = index.data(InMonthRole)
        day = index.data(DateRole)
        posts = index.data(PostsRole) or []
        painter.fillRect(rect, pal.base() if in_month else pal.alternateBase())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            highlight = QColor(pal.highlight().color())
            highlight.setAlpha(40)
            painter.fillRect(rect, highlight)
        font = QFont(option.font)
        bold = QFont(font)
        bold.setBold(True)
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        today = self.clock().astimezone(WIB).date()
        painter.setFont(bold)
        number_rect = QRectF(rect.left() + 6, rect.top() + 3, rect.width() - 12, 18)
        if day == today:
            painter.setPen(QColor("#b01e23"))
        else:
            painter.setPen(pal.text().color() if in_month else pal.placeholderText().color())
        painter.drawText(
            number_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(day.day)
        )
        if posts:
            painter.setFont(small)
            painter.setPen(pal.placeholderText().color())
            painter.drawText(
                number_rect,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                t("queue.post_count", count=len(posts)),
            )
        fm = QFontMetrics(small)
        line_h = fm.height() + 2
        top = number_rect.bottom() + 3
        available = int((rect.bottom() - top - 2) // line_h)
        shown = posts if len(posts) <= available else posts[: max(0, available - 1)]
        painter.setFont(small)
        for i, s in enumerate(shown):
            y = top + i * line_h
            dot = QRectF(rect.left() + 6, y + line_h / 2 - 3.5, 7, 7)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(status_color(s.status)))
            painter.drawEllipse(dot)
            painter.setPen(pal.text().color())
            text = f"{format_clock(s.scheduled_at)} {s.title}"
            width = int(rect.width() - 24)
            painter.drawText(
                QRectF(dot.right() + 5, y, width, line_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(text, Qt.TextElideMode.ElideRight, width),
            )
        if len(shown) < len(posts) and available > 0:
            y = top + len(shown) * line_h
            painter.setPen(pal.placeholderText().color())
            painter.drawText(
                QRectF(rect.left() + 6, y, rect.width() - 12, line_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                t("queue.more", count=len(posts) - len(shown)),
            )
        grid = QColor(pal.mid().color())
        grid.setAlpha(90)
        painter.setPen(grid)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.restore()


class MonthView(QTableView):
    dayActivated = Signal(object)  # date

    def __init__(self, model: MonthModel, parent=None, clock=None):
        super().__init__(parent)
        self.setObjectName("monthView")
        self.setModel(model)
        self.setItemDelegate(MonthDelegate(self, clock))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setShowGrid(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setMinimumSectionSize(64)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.doubleClicked.connect(lambda index: self.dayActivated.emit(index.data(DateRole)))
