"""The week calendar: Senin-Minggu columns, rows by hour of day (WIB), a card per post.

Reads its posts from a :class:`WeekModel`. Dragging a card to another day or time emits
``rescheduleRequested(post_id, when_utc)``; the page turns that into an undoable command.
"""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from ...core.i18n import t
from ...core.timeutil import WIB, format_clock, to_utc, to_wib
from .models import WeekModel
from .style import status_color

MIME_POST = "application/x-sumbar-post-id"
HEADER = 46
GUTTER = 52
MIN_HOUR_HEIGHT = 46
SNAP_MINUTES = 15
MAX_SIDE_BY_SIDE = 2


class WeekCalendar(QWidget):
    postSelected = Signal(int)
    postActivated = Signal(int)
    rescheduleRequested = Signal(int, object)  # post id, aware UTC datetime
    contextMenuRequested = Signal(int, QPoint)

    def __init__(self, model: WeekModel, thumbnails=None, parent=None, *, clock=None):
        super().__init__(parent)
        self.setObjectName("weekCalendar")
        self.model = model
        self.thumbnails = thumbnails
        self.clock = clock or (lambda: datetime.now(WIB))
        self.first_hour, self.last_hour = 7, 21  # rows shown: [first, last)
        self.selected_id: int | None = None
        #: who else has which post open (team workspace): post id -> names, marked with ✎
        self.editing: dict[int, list[str]] = {}
        self._cards: list[tuple[QRectF, object]] = []
        self._overflow: list[tuple[QRectF, list]] = []
        self._press: tuple[QPoint, int] | None = None
        self._drop_hint: tuple[int, int] | None = None  # (day index, minutes from midnight)
        self.setAcceptDrops(True)
        self.setMouseTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        model.modelReset.connect(self._model_changed)
        model.dataChanged.connect(self.update)
        if thumbnails is not None:
            thumbnails.ready.connect(lambda _id: self.update())
        self._model_changed()

    # -- geometry ---------------------------------------------------------------------------
    def _model_changed(self) -> None:
        hours = [to_wib(s.scheduled_at).hour for s in self.model.summaries()]
        self.first_hour = min([7, *hours])
        self.last_hour = max([21, *(h + 1 for h in hours)])
        self.updateGeometry()
        self._layout()
        self.update()

    def rows(self) -> int:
        return self.last_hour - self.first_hour

    def minimumSizeHint(self) -> QSize:
        return QSize(GUTTER + 7 * 90, HEADER + self.rows() * MIN_HOUR_HEIGHT)

    def sizeHint(self) -> QSize:
        return QSize(GUTTER + 7 * 150, HEADER + self.rows() * 56)

    def hour_height(self) -> float:
        return max(MIN_HOUR_HEIGHT, (self.height() - HEADER) / max(1, self.rows()))

    def col_width(self) -> float:
        return (self.width() - GUTTER) / 7

    def point_for(self, day: int, minutes: int) -> QPointF:
        """Top-left position of ``minutes`` after midnight on ``day`` (0 = Senin)."""
        y = HEADER + (minutes / 60 - self.first_hour) * self.hour_height()
        return QPointF(GUTTER + day * self.col_width(), y)

    def header_top(self) -> int:
        """Where the day header is drawn: at the top of the part on screen, so it stays
        visible while the week scrolls (the calendar sits in a QScrollArea)."""
        return max(0, -self.y()) if self.parentWidget() is not None else 0

    def slot_at(self, pos: QPointF | QPoint) -> tuple[int, int] | None:
        """(day index, minutes from midnight snapped to 15) under ``pos``, or None."""
        x, y = pos.x(), pos.y()
        if x < GUTTER or y < HEADER or y < self.header_top() + HEADER or x >= self.width():
            return None
        day = min(6, int((x - GUTTER) / self.col_width()))
        hours = self.first_hour + (y - HEADER) / self.hour_height()
        minutes = int(round(hours * 60 / SNAP_MINUTES)) * SNAP_MINUTES
        minutes = max(self.first_hour * 60, min(minutes, self.last_hour * 60 - SNAP_MINUTES))
        return day, min(minutes, 24 * 60 - SNAP_MINUTES)

    def datetime_for(self, day: int, minutes: int) -> datetime:
        local_day = self.model.days()[day]
        wall = datetime.combine(local_day, time(minutes // 60, minutes % 60), tzinfo=WIB)
        return to_utc(wall)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._layout()

    def _layout(self) -> None:
        self._cards, self._overflow = [], []
        slots: dict[tuple[int, int], list] = {}
        days = self.model.days()
        for s in self.model.summaries():
            local = to_wib(s.scheduled_at)
            day = (local.date() - days[0]).days
            if 0 <= day < 7:
                slots.setdefault((day, local.hour), []).append(s)
        hh, cw = self.hour_height(), self.col_width()
        for (day, hour), posts in slots.items():
            top = HEADER + (hour - self.first_hour) * hh
            shown = posts if len(posts) <= MAX_SIDE_BY_SIDE else posts[: MAX_SIDE_BY_SIDE - 1]
            slots_n = min(len(posts), MAX_SIDE_BY_SIDE)
            width = (cw - 6) / slots_n
            for i, s in enumerate(shown):
                rect = QRectF(GUTTER + day * cw + 3 + i * width, top + 2, width - 2, hh - 4)
                self._cards.append((rect, s))
            if len(posts) > len(shown):
                rect = QRectF(
                    GUTTER + day * cw + 3 + (slots_n - 1) * width, top + 2, width - 2, hh - 4
                )
                self._overflow.append((rect, posts[len(shown) :]))

    # -- hit testing ------------------------------------------------------------------------
    def card_at(self, pos: QPointF | QPoint):
        p = QPointF(pos)
        if p.y() < self.header_top() + HEADER:  # the header covers what scrolled under it
            return None
        for rect, summary in self._cards:
            if rect.contains(p):
                return summary
        return None

    def card_rect(self, post_id: int) -> QRectF | None:
        return next((r for r, s in self._cards if s.id == post_id), None)

    def overflow_at(self, pos) -> list | None:
        p = QPointF(pos)
        return next((posts for r, posts in self._overflow if r.contains(p)), None)

    def select(self, post_id: int | None) -> None:
        self.selected_id = post_id
        self.update()

    # -- painting ---------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        hh, cw = self.hour_height(), self.col_width()
        grid = QColor(pal.mid().color())
        grid.setAlpha(90)
        today = self.clock().astimezone(WIB).date()
        days = self.model.days()
        base_font = QFont(self.font())
        bold = QFont(base_font)
        bold.setBold(True)
        small = QFont(base_font)
        small.setPointSizeF(max(7.0, base_font.pointSizeF() * 0.85))
        # hour gutter and lines
        p.setFont(small)
        for r in range(self.rows() + 1):
            y = HEADER + r * hh
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(GUTTER, y), QPointF(self.width(), y))
            if r < self.rows():
                p.setPen(pal.placeholderText().color())
                p.drawText(
                    QRectF(0, y + 2, GUTTER - 6, 16),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    f"{self.first_hour + r:02d}.00",
                )
        for i in range(8):
            x = GUTTER + i * cw
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(x, 0), QPointF(x, HEADER + self.rows() * hh))
        # now line
        now = self.clock().astimezone(WIB)
        if now.date() in days:
            minutes = now.hour * 60 + now.minute
            if self.first_hour * 60 <= minutes < self.last_hour * 60:
                pt = self.point_for(days.index(now.date()), minutes)
                p.setPen(QPen(QColor("#b01e23"), 2))
                p.drawLine(pt, pt + QPointF(cw, 0))
        for rect, summary in self._cards:
            self._paint_card(p, rect, summary, base_font, bold, small)
        for rect, posts in self._overflow:
            p.setPen(QPen(grid, 1))
            p.setBrush(pal.alternateBase())
            p.drawRoundedRect(rect, 5, 5)
            p.setFont(bold)
            p.setPen(pal.text().color())
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, t("queue.more", count=len(posts)))
        if self._drop_hint is not None:
            day, minutes = self._drop_hint
            pt = self.point_for(day, minutes)
            p.setPen(QPen(QColor("#2563a8"), 2, Qt.PenStyle.DashLine))
            p.drawLine(pt, pt + QPointF(cw, 0))
            p.setFont(bold)
            label = f"{t(f'queue.weekday_{day}')} {minutes // 60:02d}.{minutes % 60:02d}"
            p.drawText(
                QRectF(pt.x() + 4, pt.y() - 18, cw - 8, 16), Qt.AlignmentFlag.AlignLeft, label
            )
        # the day header, last and at the top of what is on screen (it never scrolls away)
        top = self.header_top()
        p.fillRect(QRectF(0, top, self.width(), HEADER), pal.base())
        p.setPen(QPen(grid, 1))
        p.drawLine(QPointF(0, top + HEADER - 0.5), QPointF(self.width(), top + HEADER - 0.5))
        for i, day in enumerate(days):
            rect = QRectF(GUTTER + i * cw, top, cw, HEADER)
            if day == today:
                p.fillRect(rect, QColor("#fbeaea"))
            p.setFont(bold)
            p.setPen(pal.text().color() if day != today else QColor("#b01e23"))
            p.drawText(
                rect.adjusted(0, 4, 0, -HEADER / 2),
                Qt.AlignmentFlag.AlignCenter,
                t(f"queue.weekday_{i}"),
            )
            p.setFont(small)
            p.drawText(
                rect.adjusted(0, HEADER / 2 - 2, 0, -4),
                Qt.AlignmentFlag.AlignCenter,
                f"{day.day} {t(f'queue.month_short_{day.month}')}",
            )
        p.setPen(QPen(grid, 1))
        for i in range(8):
            x = GUTTER + i * cw
            p.drawLine(QPointF(x, top), QPointF(x, top + HEADER))
        p.end()

    def _paint_card(self, p: QPainter, rect: QRectF, s, font, bold, small) -> None:
        color = QColor(status_color(s.status))
        pen = QPen(QColor("#2563a8") if s.id == self.selected_id else color.darker(110))
        pen.setWidthF(2.2 if s.id == self.selected_id else 1)
        p.setPen(pen)
        p.setBrush(_tint(self.palette().base().color(), color))
        p.drawRoundedRect(rect, 5, 5)  # one antialiased shape: fill and border together
        p.fillRect(QRectF(rect.left(), rect.top() + 3, 4, rect.height() - 6), color)
        side = min(rect.height() - 6, 56.0)
        thumb_rect = QRectF(rect.left() + 7, rect.top() + 3, side, side)
        text_left = thumb_rect.right() + 5
        if rect.width() - side > 60:
            pixmap = self.thumbnails.get(s) if self.thumbnails is not None else None
            if pixmap is not None:
                p.drawPixmap(thumb_rect, pixmap, QRectF(pixmap.rect()))
            else:
                tile = QColor(color)
                tile.setAlpha(70)
                p.fillRect(thumb_rect, tile)
                p.setPen(color.darker(140))
                p.setFont(bold)
                initial = (s.template_id or s.title or "?")[:1].upper()
                p.drawText(thumb_rect, Qt.AlignmentFlag.AlignCenter, initial)
        else:
            text_left = rect.left() + 8
        text_rect = QRectF(
            text_left, rect.top() + 2, rect.right() - text_left - 3, rect.height() - 4
        )
        p.setPen(self.palette().text().color())
        p.setFont(bold)
        fm_bold = QFontMetrics(bold)
        line_h = fm_bold.height()
        clock = format_clock(s.scheduled_at)
        if s.id in self.editing:  # someone else has it open (team workspace)
            clock = f"✎ {clock}"
        p.drawText(
            QRectF(text_rect.left(), text_rect.top(), text_rect.width(), line_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            clock,
        )
        p.setFont(small)
        fm = QFontMetrics(small)
        lines_fit = max(1, int((text_rect.height() - line_h) // fm.height()))
        title_rect = QRectF(
            text_rect.left(), text_rect.top() + line_h, text_rect.width(), lines_fit * fm.height()
        )
        p.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            _elide_lines(s.title, fm, int(text_rect.width()), lines_fit),
        )

    # -- interaction ------------------------------------------------------------------------
    def event(self, ev) -> bool:
        if ev.type() == ev.Type.ToolTip:
            summary = self.card_at(ev.position().toPoint() if hasattr(ev, "position") else ev.pos())
            if summary is not None:
                text = (
                    f"{format_clock(summary.scheduled_at)} WIB — {summary.title}"
                    f"\n{summary.status.label()}"
                )
                if editors := self.editing.get(summary.id):
                    text += "\n" + t("live.editing_marker", names=", ".join(editors))
                QToolTip.showText(ev.globalPos(), text, self)
            else:
                posts = self.overflow_at(ev.pos())
                if posts:
                    QToolTip.showText(
                        ev.globalPos(),
                        "\n".join(f"{format_clock(s.scheduled_at)} {s.title}" for s in posts[:15]),
                        self,
                    )
                else:
                    QToolTip.hideText()
            return True
        return super().event(ev)

    def mousePressEvent(self, event) -> None:
        summary = self.card_at(event.position())
        if summary is not None and event.button() == Qt.MouseButton.LeftButton:
            self._press = (event.position().toPoint(), summary.id)
            self.select(summary.id)
            self.postSelected.emit(summary.id)
        elif summary is None:
            posts = self.overflow_at(event.position())
            if posts:
                self.select(posts[0].id)
                self.postSelected.emit(posts[0].id)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        start, post_id = self._press
        if (
            event.position().toPoint() - start
        ).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        self.start_drag(post_id)

    def mouseReleaseEvent(self, event) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        summary = self.card_at(event.position())
        if summary is not None:
            self.postActivated.emit(summary.id)

    def contextMenuEvent(self, event) -> None:
        summary = self.card_at(event.pos())
        if summary is not None:
            self.select(summary.id)
            self.postSelected.emit(summary.id)
            self.contextMenuRequested.emit(summary.id, event.globalPos())

    def mime_for(self, post_id: int) -> QMimeData:
        mime = QMimeData()
        mime.setData(MIME_POST, str(post_id).encode())
        return mime

    def start_drag(self, post_id: int) -> None:  # pragma: no cover - needs a real pointer
        rect = self.card_rect(post_id)
        drag = QDrag(self)
        drag.setMimeData(self.mime_for(post_id))
        if rect is not None:
            pixmap = QPixmap(rect.size().toSize())
            pixmap.fill(Qt.GlobalColor.transparent)
            self.render(pixmap, QPoint(), rect.toRect())
            drag.setPixmap(pixmap)
        drag.exec(Qt.DropAction.MoveAction)

    @staticmethod
    def _post_from(mime: QMimeData) -> int | None:
        if not mime.hasFormat(MIME_POST):
            return None
        try:
            return int(bytes(mime.data(MIME_POST)).decode())
        except ValueError:
            return None

    def dragEnterEvent(self, event) -> None:
        if self._post_from(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        slot = self.slot_at(event.position())
        if slot is None or self._post_from(event.mimeData()) is None:
            event.ignore()
            return
        self._drop_hint = slot
        self.update()
        event.acceptProposedAction()

    def dragLeaveEvent(self, _event) -> None:
        self._drop_hint = None
        self.update()

    def dropEvent(self, event) -> None:
        self._drop_hint = None
        post_id = self._post_from(event.mimeData())
        slot = self.slot_at(event.position())
        self.update()
        if post_id is None or slot is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.rescheduleRequested.emit(post_id, self.datetime_for(*slot))


def _tint(base: QColor, color: QColor, amount: float = 28 / 255) -> QColor:
    """``color`` laid at ``amount`` opacity over ``base``, as one opaque colour."""
    return QColor.fromRgbF(
        base.redF() + (color.redF() - base.redF()) * amount,
        base.greenF() + (color.greenF() - base.greenF()) * amount,
        base.blueF() + (color.blueF() - base.blueF()) * amount,
    )


def _elide_lines(text: str, fm: QFontMetrics, width: int, lines: int) -> str:
    """Word-wrap ``text`` into at most ``lines`` lines of ``width``, eliding the last one."""
    words, out, i = text.split(), [], 0
    while i < len(words) and len(out) < lines:
        line = words[i]
        i += 1
        while i < len(words) and fm.horizontalAdvance(line + " " + words[i]) <= width:
            line += " " + words[i]
            i += 1
        out.append(line)
    if i < len(words) and out:
        out[-1] = out[-1] + " " + " ".join(words[i:])
    return "\n".join(fm.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in out)


__all__ = ["MIME_POST", "WeekCalendar"]
