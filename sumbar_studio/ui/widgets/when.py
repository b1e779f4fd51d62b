"""Date and schedule entry the way an officer works: type it or pick it, in WIB.

:class:`WhenEdit` is a line edit with a calendar button. Typed text ("14/12 9.00", "besok 9.00",
"senin 13.00") is understood by the Qt-free :func:`core.timeutil.parse_schedule` on Enter or
when focus leaves; the empty state is a placeholder ("Belum dijadwalkan"), never text that typing
could run into. The picker opens at the current value, else the reference day (the event date),
else today; its calendar speaks the interface language; picking a day keeps the time already
set (or 09.00), and the common posting times are one click away. Setting a schedule by mouse
takes three clicks: the calendar button, a day, a time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import SumbarError
from ...core.i18n import language, t
from ...core.timeutil import (
    COMMON_TIMES,
    DEFAULT_TIME,
    WIB,
    format_clock,
    format_date,
    now_utc,
    parse_schedule,
    to_wib,
)


def ui_locale() -> QLocale:
    """The QLocale of the interface language (Indonesian month and day names)."""
    if language() == "id":
        return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class WhenPicker(QFrame):
    """The popup: a calendar, the common times and "clear"."""

    dayPicked = Signal(object)  # date
    timePicked = Signal(object)  # time
    cleared = Signal()

    def __init__(self, with_time: bool, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("whenPicker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("whenCalendar")
        self.calendar.setLocale(ui_locale())
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._day)
        self.calendar.activated.connect(self._day)
        layout.addWidget(self.calendar)
        self.time_buttons: dict[time, QPushButton] = {}
        if with_time:
            label = QLabel(t("dates.time_label"), self)
            layout.addWidget(label)
            row = QHBoxLayout()
            row.setSpacing(4)
            for clock in COMMON_TIMES:
                button = QPushButton(format_clock(clock), self)
                button.setObjectName(f"whenTime_{clock.hour:02d}{clock.minute:02d}")
                button.setCheckable(True)
                button.setAutoDefault(False)
                button.clicked.connect(lambda _=False, c=clock: self.timePicked.emit(c))
                row.addWidget(button)
                self.time_buttons[clock] = button
            layout.addLayout(row)
        bottom = QHBoxLayout()
        today = QPushButton(t("dates.today"), self)
        today.setObjectName("whenToday")
        today.setAutoDefault(False)
        today.clicked.connect(lambda: self._day(QDate.currentDate()))
        clear = QPushButton(t("dates.clear") if with_time else t("compose.no_date"), self)
        clear.setObjectName("whenClear")
        clear.setAutoDefault(False)
        clear.clicked.connect(self.cleared)
        bottom.addWidget(today)
        bottom.addStretch(1)
        bottom.addWidget(clear)
        layout.addLayout(bottom)

    def _day(self, qdate: QDate) -> None:
        self.calendar.setSelectedDate(qdate)
        self.dayPicked.emit(date(qdate.year(), qdate.month(), qdate.day()))

    def mark_time(self, clock: time | None) -> None:
        for value, button in self.time_buttons.items():
            button.setChecked(value == clock)

    def show_at(self, day: date, clock: time | None, below: QPoint, above: QPoint) -> None:
        """Open under the field, or over it when the screen ends below (a 768-px laptop)."""
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.mark_time(clock)
        self.adjustSize()
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        self.move(below)
        self.show()
        frame = self.frameGeometry()
        x = max(screen.left(), min(below.x(), screen.right() + 1 - frame.width()))
        y = below.y()
        if y + frame.height() > screen.bottom() + 1:
            y = above.y() - frame.height()
        y = max(screen.top(), min(y, screen.bottom() + 1 - frame.height()))
        self.move(QPoint(x, y))


class WhenEdit(QWidget):
    """A date (``with_time=False``, value: ``date``) or a WIB schedule (value: aware UTC)."""

    valueChanged = Signal(object)
    invalid = Signal(str)  # a message for the status bar

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        with_time: bool = True,
        empty_text: str | None = None,
        clock=None,
    ):
        super().__init__(parent)
        self.with_time = with_time
        #: "now" for typed words like "besok" (the page's clock; tests give a fixed one)
        self.clock = clock or now_utc
        self._value: date | datetime | None = None
        self._reference: date | None = None
        self._last_time: time = DEFAULT_TIME
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.line = QLineEdit(self)
        self.line.setObjectName("whenText")
        self.line.setPlaceholderText(empty_text or t("dates.not_scheduled"))
        self.line.setToolTip(t("dates.tip"))
        self.line.setClearButtonEnabled(True)
        self.line.editingFinished.connect(self.commit_text)  # Enter or leaving the field
        self.line.textChanged.connect(self._maybe_cleared)
        row.addWidget(self.line, 1)
        self.button = QToolButton(self)
        self.button.setObjectName("whenButton")
        self.button.setText("📅")
        self.button.setToolTip(t("dates.pick"))
        self.button.setAccessibleName(t("dates.pick"))
        self.button.clicked.connect(self.open_picker)
        row.addWidget(self.button)
        self.picker: WhenPicker | None = None
        self.setFocusProxy(self.line)
        # the whole value and the clear button fit: "Sen, 28/12/2026 09.00 WIB"
        width = self.line.fontMetrics().horizontalAdvance("Sen, 28/12/2026 09.00 WIB") + 44
        self.line.setMinimumWidth(width if with_time else width * 2 // 3)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt API
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    # -- value ----------------------------------------------------------------------------
    def value(self):
        return self._value

    def setValue(self, value) -> None:  # noqa: N802 - Qt naming like the other inputs
        if isinstance(value, datetime) and self.with_time:
            value = value.astimezone(UTC)
            self._last_time = to_wib(value).time()
        self._value = value
        self._show()

    def set_reference_day(self, day: date | None) -> None:
        """Where the picker opens when there is no value yet (e.g. the event date)."""
        self._reference = day

    def text_for(self, value) -> str:
        if value is None:
            return ""
        lang = language()
        if self.with_time:
            wib = to_wib(value)
            return f"{format_date(wib.date(), 'EEE, dd/MM/y', locale=lang)} {format_clock(wib)} WIB"
        return format_date(value, "EEE, dd/MM/y", locale=lang)

    def _show(self) -> None:
        self.line.setText(self.text_for(self._value))
        self.line.setStyleSheet("")

    def _set(self, value) -> None:
        changed = value != self._value
        self.setValue(value)
        if changed:
            self.valueChanged.emit(value)

    # -- typing ---------------------------------------------------------------------------
    def _maybe_cleared(self, text: str) -> None:
        """The clear button (or deleting everything) removes the value at once."""
        if not text and self._value is not None:
            self._set(None)

    def commit_text(self) -> None:
        text = self.line.text().strip()
        if text == self.text_for(self._value):
            return
        if not text:
            self._set(None)
            return
        try:
            moment = parse_schedule(
                text,
                now=self.clock(),
                default_day=self._current_day(),
                default_time=self._last_time,
            )
        except SumbarError as err:
            self.line.setStyleSheet("QLineEdit { border: 1px solid #c62828; }")
            self.line.setToolTip(err.user_message())
            self.invalid.emit(err.user_message())
            return
        self.line.setToolTip(t("dates.tip"))
        self._set(moment if self.with_time else to_wib(moment).date())

    def _current_day(self) -> date | None:
        if self._value is None:
            return None
        return to_wib(self._value).date() if isinstance(self._value, datetime) else self._value

    # -- picking --------------------------------------------------------------------------
    def open_picker(self) -> None:
        if self.picker is None:
            self.picker = WhenPicker(self.with_time, self)
            self.picker.dayPicked.connect(self._picked_day)
            self.picker.timePicked.connect(self._picked_time)
            self.picker.cleared.connect(self._cleared)
        day = self._current_day() or self._reference or to_wib(self.clock()).date()
        clock = to_wib(self._value).time() if isinstance(self._value, datetime) else None
        self.picker.show_at(
            day, clock, self.mapToGlobal(QPoint(0, self.height())), self.mapToGlobal(QPoint(0, 0))
        )

    def _picked_day(self, day: date) -> None:
        if self.with_time:
            self._set(datetime.combine(day, self._last_time, tzinfo=WIB).astimezone(UTC))
            if self.picker is not None:
                self.picker.mark_time(self._last_time)  # the time kept shows as chosen
        else:
            self._set(day)
            if self.picker is not None:
                self.picker.hide()

    def _picked_time(self, clock: time) -> None:
        self._last_time = clock
        day = self._current_day() or self.picker_day()
        self._set(datetime.combine(day, clock, tzinfo=WIB).astimezone(UTC))
        if self.picker is not None:
            self.picker.hide()

    def picker_day(self) -> date:
        if self.picker is not None:
            q = self.picker.calendar.selectedDate()
            return date(q.year(), q.month(), q.day())
        return self._reference or to_wib(self.clock()).date()

    def _cleared(self) -> None:
        self._set(None)
        if self.picker is not None:
            self.picker.hide()
