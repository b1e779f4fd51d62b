"""Work the queue page keeps running in the background for the open workspace: the tray icon,
the posting reminders (timers and the banner) and the daily backup. The main window starts it
after the first paint and stops it when another workspace takes the window's place
(``Page.stop_background``, ui/pages.py).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QSystemTrayIcon

from ...core.errors import SumbarError
from ...core.i18n import t
from .reminders import notify_tray

#: how often the daily backup checks whether today's backup exists
BACKUP_CHECK_MS = 60 * 60 * 1000
#: the first check waits this long after start-up (the day's first start copies the database:
#: not while the window is being shown)
BACKUP_AFTER_START_MS = 1500


class QueueUpkeep(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.backup_timer: QTimer | None = None

    def start(self) -> None:
        page = self.page
        if QSystemTrayIcon.isSystemTrayAvailable() and page.tray is None:
            from ..icons import app_icon

            page.tray = QSystemTrayIcon(app_icon(), page)
            page.tray.setToolTip("Sumbar Studio")
            page.tray.messageClicked.connect(self._raise_window)
            page.tray.show()
        page.reminders.start()
        page._reminders_running = True
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(page.run_daily_backup)
        self.backup_timer.start()
        QTimer.singleShot(BACKUP_AFTER_START_MS, self, self._first_backup)

    def stop(self) -> None:
        """No more reminders, tray icon or backup timer for this workspace."""
        page = self.page
        page.reminders.stop()
        page._reminders_running = False
        if self.backup_timer is not None:
            self.backup_timer.stop()
        if page.tray is not None:
            page.tray.hide()

    def sync_reminders(self) -> None:
        """Re-arm the reminder timers and bring the banner up to date at once: a post that
        became due (scheduled in the past, a demo adopted) shows now, not after a restart; one
        that is no longer due (published, moved, deleted) leaves the banner."""
        page = self.page
        page.reminders.resync()
        if not page._reminders_running:
            return
        from ...core.reminders import due

        still_due = {r.post_id for r in due(page.workspace.posts, page.clock())}
        for reminder in list(page.banner.reminders):
            if reminder.post_id not in still_due:
                page.banner.remove(reminder.post_id)
        page.reminders.fire()

    def on_reminders(self, reminders: list) -> None:
        self.page.banner.add(reminders)
        notify_tray(self.page.tray, reminders)

    def _first_backup(self) -> None:
        if self.backup_timer is not None and self.backup_timer.isActive():  # not stopped since
            self.page.run_daily_backup()

    def run_daily_backup(self):
        from ...core import backup as backup_logic

        page = self.page
        try:
            return backup_logic.run_daily(page.workspace, page.clock())
        except (OSError, SumbarError) as exc:  # a failed backup must not stop the work
            page.status_label.setText(t("queue.backup_failed", detail=str(exc)))
            return None, []

    def _raise_window(self) -> None:  # pragma: no cover - desktop only
        window = self.page.window()
        window.showNormal()
        window.raise_()
        window.activateWindow()
