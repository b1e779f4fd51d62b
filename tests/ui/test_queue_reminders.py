"""Reminders with a controllable clock: due timers, overdue at start-up, clock jumps."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sumbar_studio.core.model import Action, Approval, Post
from sumbar_studio.core.timeutil import to_utc
from sumbar_studio.ui.queue import QueuePage
from sumbar_studio.ui.queue.reminders import ReminderScheduler

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class Clock:
    def __init__(self, now: datetime):
        self.now = now
        self.mono = 1000.0

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float, *, wall_only: bool = False) -> None:
        self.now += timedelta(seconds=seconds)
        if not wall_only:
            self.mono += seconds


def scheduled(workspace, title: str, when: datetime) -> int:
    post = workspace.posts.add(
        Post(title=title, caption=f"{title}.", platforms=["instagram"], scheduled_at=when), "t"
    )
    workspace.posts.transition(post.id, Action.SUBMIT, "t")
    fresh = workspace.posts.get(post.id)
    workspace.posts.approve(post.id, Approval("K", "1", "Kabag", when, fresh.content_hash()), "K")
    workspace.posts.transition(post.id, Action.SCHEDULE, "t")
    return post.id


def test_a_timer_fires_when_a_post_becomes_due(qtbot, workspace):
    when = to_utc(datetime(2026, 12, 10, 9, 0))
    post_id = scheduled(workspace, "Rapat paripurna", when)
    clock = Clock(when - timedelta(milliseconds=300))
    scheduler = ReminderScheduler(workspace.posts, clock=clock, monotonic=clock.monotonic)
    with qtbot.assertNotEmitted(scheduler.remind, wait=0):
        scheduler.start()  # nothing due yet
    assert 0 <= scheduler.armed()[post_id] <= 400  # coarse timers may round up a little
    clock.advance(1)
    with qtbot.waitSignal(scheduler.remind, timeout=2000) as blocker:
        pass
    (reminder,) = blocker.args[0]
    assert reminder.post_id == post_id and not reminder.overdue
    assert scheduler.armed() == {}
    # the same post does not remind twice
    assert scheduler.fire() == []
    scheduler.stop()


def test_clock_jump_after_sleep_resyncs_and_reminds(qtbot, workspace):
    start = to_utc(datetime(2026, 12, 10, 8, 0))
    post_id = scheduled(workspace, "Ucapan Hari Ibu", start + timedelta(hours=2))
    clock = Clock(start)
    scheduler = ReminderScheduler(
        workspace.posts, clock=clock, monotonic=clock.monotonic, check_interval_ms=20
    )
    scheduler.start()
    assert scheduler.armed()[post_id] > 60 * 60 * 1000  # two hours away (capped timer)
    # the PC sleeps three hours: wall clock jumps, monotonic clock does not
    clock.advance(3 * 60 * 60, wall_only=True)
    with qtbot.waitSignal(scheduler.remind, timeout=2000) as blocker:
        pass  # the periodic wall-clock check notices the jump
    assert scheduler.jumps == 1
    assert [r.post_id for r in blocker.args[0]] == [post_id]
    assert blocker.args[0][0].overdue
    # a normal tick (both clocks move together) is not a jump
    clock.advance(30)
    assert scheduler.check_clock() is False
    scheduler.stop()


def test_moving_a_post_rearms_its_timer(qtbot, workspace):
    start = to_utc(datetime(2026, 12, 10, 8, 0))
    post_id = scheduled(workspace, "RDP", start + timedelta(hours=1))
    clock = Clock(start)
    scheduler = ReminderScheduler(workspace.posts, clock=clock, monotonic=clock.monotonic)
    scheduler.start()
    first = scheduler.armed()[post_id]
    workspace.posts.reschedule(post_id, start + timedelta(hours=3), "t")
    scheduler.resync()
    assert scheduler.armed()[post_id] - first > 100 * 60 * 1000
    scheduler.stop()


def test_overdue_posts_at_start_up_show_the_banner_with_its_actions(qtbot, workspace):
    now = to_utc(datetime(2026, 12, 10, 8, 0))
    overdue = scheduled(workspace, "Kunjungan kerja ke Agam", now - timedelta(hours=5))
    clock = Clock(now)
    page = QueuePage(workspace, None, clock=clock, monotonic=clock.monotonic)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=2000)
    assert "Terlambat terbit" in page.banner.label.text()
    assert "Kunjungan kerja ke Agam" in page.banner.label.text()
    # "tandai sudah terbit" opens the publish dialog for that post
    dialogs = []
    page.request_action = lambda pid, action: dialogs.append((pid, action))
    page.banner.publish_button.click()
    assert dialogs == [(overdue, Action.PUBLISH)]
    exports = []
    page.export_posts = lambda ids, *a, **k: exports.append(ids)
    page.banner.export_button.click()
    assert exports == [[overdue]]
    page.banner.dismiss_button.click()
    assert page.banner.isHidden()
    # a daily backup is made at start-up too, once the window is up
    qtbot.waitUntil(lambda: any("harian" in b.name for b in workspace.backups()), timeout=10000)
    page.reminders.stop()


def test_daily_backup_waits_until_the_window_is_up(qtbot, workspace, monkeypatch):
    """The day's first start copies the database: not in the turn that shows the window."""
    from sumbar_studio.ui.queue import upkeep

    monkeypatch.setattr(upkeep, "BACKUP_AFTER_START_MS", 50)
    page = QueuePage(workspace, None, autostart=False)
    qtbot.addWidget(page)
    page.show()
    page.start_background()
    assert not any("harian" in b.name for b in workspace.backups())
    qtbot.waitUntil(lambda: any("harian" in b.name for b in workspace.backups()), timeout=10000)
    page.stop_background()


def test_no_daily_backup_for_a_page_stopped_before_it_was_due(qtbot, workspace, monkeypatch):
    from sumbar_studio.ui.queue import upkeep

    monkeypatch.setattr(upkeep, "BACKUP_AFTER_START_MS", 50)
    page = QueuePage(workspace, None, autostart=False)
    qtbot.addWidget(page)
    page.start_background()
    page.stop_background()  # another workspace took the window's place
    qtbot.wait(200)
    assert not any("harian" in b.name for b in workspace.backups())
