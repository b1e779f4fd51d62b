"""Reminder timers (Vorta style): one single-shot QTimer per scheduled post in the next day,
plus a periodic wall-clock check that re-arms everything after sleep or a clock change.

The clocks are injectable: ``clock()`` returns the wall time (aware UTC) and ``monotonic()``
seconds that never jump, so tests drive time by hand. The logic of what is due is in
core/reminders.py; this class only decides *when* to ask.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSystemTrayIcon,
)

from ...core import reminders as logic
from ...core.i18n import t
from ...core.timeutil import format_wib_datetime, now_utc

#: the longest single-shot delay armed; longer waits re-arm at the horizon
MAX_TIMER_MS = 6 * 60 * 60 * 1000


class ReminderScheduler(QObject):
    remind = Signal(list)  # list[core.reminders.Reminder], new ones only
    resynced = Signal()

    def __init__(
        self,
        service,
        parent=None,
        *,
        clock: Callable[[], datetime] = now_utc,
        monotonic: Callable[[], float] = time.monotonic,
        check_interval_ms: int = 30_000,
        horizon: timedelta = logic.DEFAULT_HORIZON,
    ):
        super().__init__(parent)
        self.service = service
        self.clock = clock
        self.monotonic = monotonic
        self.horizon = horizon
        self._timers: dict[int, QTimer] = {}
        self._notified: set[tuple[int, datetime]] = set()
        self._anchor = (clock(), monotonic())
        self._horizon_timer = self._single_shot(self.resync)
        self._check = QTimer(self)
        self._check.setInterval(check_interval_ms)
        self._check.timeout.connect(self.check_clock)
        self.jumps = 0

    def _single_shot(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.CoarseTimer)
        timer.timeout.connect(slot)
        return timer

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> None:
        """At start-up: remind of overdue posts now, arm timers for the coming ones."""
        self.resync()
        self._check.start()
        self.fire()

    def stop(self) -> None:
        self._check.stop()
        self._horizon_timer.stop()
        for timer in self._timers.values():
            timer.stop()
            timer.deleteLater()
        self._timers.clear()

    def armed(self) -> dict[int, int]:
        """{post id: remaining ms} of the armed timers (for tests and diagnostics)."""
        return {pid: timer.remainingTime() for pid, timer in self._timers.items()}

    def resync(self) -> None:
        """Drop every timer and arm one per scheduled post within the horizon."""
        for timer in self._timers.values():
            timer.stop()
            timer.deleteLater()
        self._timers.clear()
        now = self.clock()
        self._anchor = (now, self.monotonic())
        for post_id, when in logic.upcoming(self.service, now, self.horizon):
            timer = self._single_shot(self.fire)
            timer.start(min(MAX_TIMER_MS, logic.delay_ms(now, when)))
            self._timers[post_id] = timer
        horizon_ms = int(self.horizon.total_seconds() * 1000) // 2
        self._horizon_timer.start(min(MAX_TIMER_MS, max(1000, horizon_ms)))
        self.resynced.emit()

    def fire(self) -> list:
        """Emit reminders for every due post not yet reminded of (at its current time)."""
        due = logic.due(self.service, self.clock())
        fresh = [r for r in due if r.key not in self._notified]
        self._notified.update(r.key for r in fresh)
        # a post that is due again later (moved) must be able to remind again
        current = {r.key for r in due}
        self._notified &= current | {r.key for r in fresh}
        if fresh:
            self.remind.emit(fresh)
        # timers whose post became due are spent
        for r in due:
            timer = self._timers.pop(r.post_id, None)
            if timer is not None:
                timer.stop()
                timer.deleteLater()
        return fresh

    def check_clock(self) -> bool:
        """Periodic: if wall time and monotonic time disagree, the PC slept or the clock was
        changed — re-arm the timers and remind of whatever became due. Returns True on a jump."""
        wall, mono = self.clock(), self.monotonic()
        anchor_wall, anchor_mono = self._anchor
        jumped = logic.clock_jumped(wall - anchor_wall, timedelta(seconds=mono - anchor_mono))
        self._anchor = (wall, mono)
        if jumped:
            self.jumps += 1
            self.resync()
            self.fire()
        return jumped

    def forget(self, post_id: int) -> None:
        self._notified = {k for k in self._notified if k[0] != post_id}


class ReminderBanner(QFrame):
    """In-app banner: "<n> unggahan sudah waktunya terbit" with the two actions."""

    exportRequested = Signal(int)
    publishRequested = Signal(int)
    openRequested = Signal(int)
    inboxRequested = Signal()  # the Kotak Masukan's overdue line was clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#reminderBanner { background: #fff4d6; border: 1px solid #e0a526; border-radius: 4px; }"
            " #reminderBanner QLabel { color: #3b2f0b; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setObjectName("reminderText")
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.linkActivated.connect(lambda _link: self._emit(self.openRequested))
        layout.addWidget(self.label, 1)
        self.export_button = QPushButton(t("queue.reminder_export"), self)
        self.export_button.setObjectName("reminderExport")
        self.publish_button = QPushButton(t("queue.reminder_publish"), self)
        self.publish_button.setObjectName("reminderPublish")
        self.dismiss_button = QPushButton(t("queue.reminder_dismiss"), self)
        self.dismiss_button.setObjectName("reminderDismiss")
        for b in (self.export_button, self.publish_button, self.dismiss_button):
            layout.addWidget(b)
        self.export_button.clicked.connect(lambda: self._emit(self.exportRequested))
        self.publish_button.clicked.connect(lambda: self._emit(self.publishRequested))
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.reminders: list = []
        # Kotak Masukan: public input past its response time (set by the main window)
        self.inbox_overdue = 0
        self.inbox_label = QLabel(self)
        self.inbox_label.setObjectName("reminderInbox")
        self.inbox_label.linkActivated.connect(lambda _link: self.inboxRequested.emit())
        layout.insertWidget(1, self.inbox_label)
        self.inbox_label.hide()
        self.hide()

    def _emit(self, signal) -> None:
        if self.reminders:
            signal.emit(self.reminders[0].post_id)

    def add(self, reminders: list) -> None:
        known = {r.post_id for r in self.reminders}
        self.reminders += [r for r in reminders if r.post_id not in known]
        self._update()

    def remove(self, post_id: int) -> None:
        self.reminders = [r for r in self.reminders if r.post_id != post_id]
        self._update()

    def dismiss_current(self) -> None:
        if self.reminders:
            self.reminders.pop(0)
        self._update()

    def current(self):
        return self.reminders[0] if self.reminders else None

    def set_inbox_overdue(self, count: int) -> None:
        self.inbox_overdue = count
        if count:
            self.inbox_label.setText(
                f'{t("inbox.ui_banner", count=count)} <a href="#inbox">{t("inbox.ui_banner_open")}</a>'
            )
        self.inbox_label.setVisible(count > 0)
        self._update()

    def _update(self) -> None:
        for button in (self.export_button, self.publish_button, self.dismiss_button):
            button.setVisible(bool(self.reminders))
        self.label.setVisible(bool(self.reminders))
        if not self.reminders:
            self.setVisible(self.inbox_overdue > 0)
            return
        first = self.reminders[0]
        key = "queue.reminder_overdue" if first.overdue else "queue.reminder_due"
        text = t(key, title=first.title, when=format_wib_datetime(first.scheduled_at))
        if len(self.reminders) > 1:
            text += " " + t("queue.reminder_more", count=len(self.reminders) - 1)
        self.label.setText(text)
        self.show()


def notify_tray(tray: QSystemTrayIcon | None, reminders: list) -> bool:
    """Show a tray notification when the desktop has a tray. Returns True when shown."""
    if tray is None or not reminders or not QSystemTrayIcon.isSystemTrayAvailable():
        return False
    if len(reminders) == 1:
        r = reminders[0]
        body = t("queue.tray_one", title=r.title, when=format_wib_datetime(r.scheduled_at))
    else:
        body = t("queue.tray_many", count=len(reminders))
    tray.showMessage(t("queue.tray_title"), body, QSystemTrayIcon.MessageIcon.Information, 15000)
    return True
