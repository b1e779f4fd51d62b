"""The queue page: views, filters, drag-to-reschedule with undo, the workflow and its history."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from sumbar_studio.core.model import Action, Post, Status
from sumbar_studio.core.settings import AppSettings, Person
from sumbar_studio.core.timeutil import WIB, iso_week_of, to_utc, to_wib
from sumbar_studio.ui.queue import QueuePage
from sumbar_studio.ui.queue.models import IdRole

# the offscreen platform plugin warns that it cannot propagate size hints of shown windows,
# nor raise a popup or let it grab keys (no window manager)
pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing"
)

# a fixed "now": Kamis, 10 Desember 2026, 08.00 WIB
NOW = to_utc(datetime(2026, 12, 10, 8, 0))


class Window:
    """The bits of MainWindow the page uses, without the compose page."""

    def __init__(self):
        self.settings = AppSettings(user_name="Rina")


@pytest.fixture
def page(qtbot, workspace):
    day = datetime(2026, 12, 7, tzinfo=WIB)  # Senin
    for i, (title, hour, dayoff) in enumerate(
        [
            ("Rapat paripurna Ranperda APBD", 9, 0),
            ("RDP Komisi IV", 14, 1),
            ("Kunjungan kerja ke Agam", 10, 3),
            ("Ucapan Hari Ibu", 7, 6),
        ]
    ):
        workspace.posts.add(
            Post(
                title=title,
                caption=f"{title}.",
                platforms=["instagram", "facebook"],
                assignee="Rina" if i % 2 else "Budi",
                scheduled_at=to_utc(day.replace(hour=hour) + timedelta(days=dayoff)),
            ),
            "tester",
        )
    workspace.posts.add(
        Post(title="Draf tanpa jadwal", caption="Draf tanpa jadwal.", platforms=["instagram"]),
        "tester",
    )
    team = workspace.team_settings()
    team.people = [Person("Hj. Kepala Bagian", "197501012000031001", "Kepala Bagian", True)]
    workspace.save_team_settings(team)
    p = QueuePage(workspace, None, clock=lambda: NOW, autostart=False)
    p.main_window = Window()
    qtbot.addWidget(p)
    p.resize(1300, 820)
    p.show()
    qtbot.waitExposed(p)
    return p


def titles_in_list(page):
    model = page.list_model
    return [model.data(model.index(r, 1)) for r in range(model.rowCount())]


def test_views_show_the_week_the_month_and_the_list(page):
    assert page.current_view() == "week"
    assert (page.week_model.year, page.week_model.week) == iso_week_of(NOW)
    assert page.week_model.rowCount() == 4
    assert "7 Desember" in page.period_label.text()
    page.set_view("month")
    index = page.month_model.index_of(datetime(2026, 12, 8).date())
    assert [s.title for s in page.month_model.posts_on(datetime(2026, 12, 8).date())] == [
        "RDP Komisi IV"
    ]
    assert index.isValid() and page.period_label.text() == "Desember 2026"
    page.set_view("list")
    assert page.list_model.total() == 5
    page.step(1)  # no-op in the list
    page.set_view("week")
    page.step(1)
    assert page.week_model.rowCount() == 0
    page.go_today()
    assert page.week_model.rowCount() == 4


def test_list_filters_search_and_sort(qtbot, page):
    page.set_view("list")
    page.search.setText("paripurna")
    qtbot.waitUntil(lambda: page.list_model.total() == 1, timeout=2000)
    page.search.clear()
    qtbot.waitUntil(lambda: page.list_model.total() == 5, timeout=2000)
    page.assignee_filter.setCurrentIndex(page.assignee_filter.findData("Rina"))
    assert sorted(titles_in_list(page)) == ["RDP Komisi IV", "Ucapan Hari Ibu"]
    page.assignee_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData(Status.REVIEW))
    assert page.list_model.total() == 0
    page.status_filter.setCurrentIndex(0)
    page.period_filter.setCurrentIndex(page.period_filter.findData("today"))
    assert titles_in_list(page) == ["Kunjungan kerja ke Agam"]  # Kamis 10 Desember
    page.period_filter.setCurrentIndex(page.period_filter.findData("week"))
    assert page.list_model.total() == 4
    page.period_filter.setCurrentIndex(page.period_filter.findData("all"))
    page.list_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert titles_in_list(page)[0] == "Draf tanpa jadwal"


def _drop(view, post_id, pos):
    mime = view.mime_for(post_id)
    event = QDropEvent(
        QPointF(pos),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(event)


def test_drag_to_another_day_and_time_reschedules_and_undo_restores(qtbot, page, workspace):
    view = page.week_view
    summary = page.week_model.summary(0)  # Senin 09.00
    assert view.card_rect(summary.id) is not None
    before = workspace.posts.get(summary.id).scheduled_at
    target = view.point_for(2, 15 * 60 + 30) + QPointF(view.col_width() / 2, 2)  # Rabu 15.30
    _drop(view, summary.id, target)
    moved = to_wib(workspace.posts.get(summary.id).scheduled_at)
    assert (moved.weekday(), moved.hour, moved.minute) == (2, 15, 30)
    assert page.undo_stack.count() == 1 and "Rabu" in page.undo_stack.undoText()
    assert page.week_model.summary(page.week_model.row_of(summary.id)).scheduled_at == moved
    page.undo_action.trigger()
    assert workspace.posts.get(summary.id).scheduled_at == before
    page.redo_action.trigger()
    assert to_wib(workspace.posts.get(summary.id).scheduled_at).hour == 15
    actions = [e.action for e in workspace.posts.history(summary.id)]
    assert actions == ["create", "reschedule", "reschedule", "reschedule"]
    # Ctrl+Z on the page is the same undo
    page.week_view.setFocus()
    qtbot.keyClick(page.week_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert workspace.posts.get(summary.id).scheduled_at == before
    # dropping outside the grid does nothing
    _drop(view, summary.id, QPointF(5, 5))
    assert workspace.posts.get(summary.id).scheduled_at == before


def test_drop_hint_snaps_to_quarter_hours(page):
    view = page.week_view
    day, minutes = view.slot_at(view.point_for(4, 11 * 60 + 7) + QPointF(3, 0))
    assert (day, minutes) == (4, 11 * 60)
    assert view.datetime_for(4, 11 * 60) == to_utc(datetime(2026, 12, 11, 11, 0))


def _run(page, qtbot, post_id, action, fill=None):
    dialog = page.request_action(post_id, action)
    if dialog is not None:
        qtbot.waitUntil(dialog.isVisible, timeout=2000)
        if fill:
            fill(dialog)
        dialog.accept()
    return page.workspace.posts.get(post_id)


def test_every_transition_through_the_panel_and_dialogs(qtbot, page, workspace):
    post_id = page.week_model.summary(0).id
    page.week_view.postSelected.emit(post_id)
    assert page.panel.post.id == post_id
    visible = {a for a, b in page.panel.buttons.items() if not b.isHidden()}
    assert visible == {Action.SUBMIT, Action.ARCHIVE}

    assert _run(page, qtbot, post_id, Action.SUBMIT).status == Status.REVIEW

    def comment(dialog):
        assert not dialog.ok_button().isEnabled()
        dialog.comment.setPlainText("Sebutkan nama ketua fraksi dengan lengkap.")

    assert _run(page, qtbot, post_id, Action.REQUEST_CHANGES, comment).status == Status.DRAFT
    _run(page, qtbot, post_id, Action.SUBMIT)

    def approve(dialog):
        dialog.reason.setPlainText("Uji: pemeriksaan manual sudah dilakukan kepala bagian.")

    post = _run(page, qtbot, post_id, Action.APPROVE, approve)
    assert post.status == Status.APPROVED, getattr(page, "last_error", "")
    assert post.approval.approver == "Hj. Kepala Bagian" and post.approval_valid()

    assert _run(page, qtbot, post_id, Action.SCHEDULE).status == Status.SCHEDULED
    assert _run(page, qtbot, post_id, Action.UNSCHEDULE).status == Status.APPROVED
    _run(page, qtbot, post_id, Action.SCHEDULE)

    def urls(dialog):
        dialog.fields["instagram"].setText("bukan tautan")
        assert not dialog.ok_button().isEnabled()
        dialog.fields["instagram"].setText("https://www.instagram.com/p/DPRDSumbar1/")
        assert dialog.ok_button().isEnabled()

    post = _run(page, qtbot, post_id, Action.PUBLISH, urls)
    assert post.status == Status.PUBLISHED
    assert post.published_urls == {"instagram": "https://www.instagram.com/p/DPRDSumbar1/"}
    assert _run(page, qtbot, post_id, Action.ARCHIVE).status == Status.ARCHIVED
    assert _run(page, qtbot, post_id, Action.RESTORE).status == Status.DRAFT

    # the audit history is visible in the panel, newest first, with the comment and URL
    page.panel.set_post(post_id)
    model = page.panel.history_model
    rows = [
        (model.data(model.index(r, 2)), model.data(model.index(r, 4)))
        for r in range(model.rowCount())
    ]
    assert rows[0][0] == "Pulihkan dari arsip"
    assert any("nama ketua fraksi" in detail for _a, detail in rows)
    assert any("instagram.com/p/DPRDSumbar1" in detail for _a, detail in rows)
    assert any("Hj. Kepala Bagian" in detail for _a, detail in rows)
    actors = {
        model.data(model.index(r, 2)): model.data(model.index(r, 1))
        for r in range(model.rowCount())
    }
    assert actors["Disetujui"] == "Hj. Kepala Bagian"  # approve_post records the approver
    assert actors["Ajukan untuk ditinjau"] == actors["Tandai sudah terbit"] == "Rina"


def test_refused_transition_shows_a_message_and_changes_nothing(qtbot, page, workspace):
    post_id = page.week_model.summary(0).id
    page.controller.transition(post_id, Action.PUBLISH)
    assert workspace.posts.get(post_id).status == Status.DRAFT
    assert "tidak bisa" in page.last_error
    box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "queueError")
    box.close()


def test_schedule_without_a_time_asks_for_one(qtbot, page, workspace):
    post = workspace.posts.list()[-1]
    assert post.scheduled_at is None
    workspace.posts.transition(post.id, Action.SUBMIT, "x")
    from sumbar_studio.core.model import Approval
    from sumbar_studio.core.timeutil import now_utc

    fresh = workspace.posts.get(post.id)
    workspace.posts.approve(
        post.id, Approval("K", "1", "Kabag", now_utc(), fresh.content_hash()), "K"
    )
    dialog = page.request_action(post.id, Action.SCHEDULE)
    assert dialog.objectName() == "scheduleDialog"
    dialog.edit.setValue(dialog.value() + timedelta(days=1))
    dialog.accept()
    scheduled = workspace.posts.get(post.id)
    assert scheduled.status == Status.SCHEDULED
    assert scheduled.scheduled_at - NOW == timedelta(days=1, hours=1)


def test_context_menu_lists_the_allowed_actions(page):
    post_id = page.week_model.summary(0).id
    menu = page.context_menu_for(post_id)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert "Ajukan untuk ditinjau" in texts and "Tandai sudah terbit" not in texts
    menu.deleteLater()


def test_week_day_header_stays_visible_while_scrolling(qtbot, page):
    page.set_view("week")
    page.resize(1100, 420)  # shorter than the day: the week scrolls
    qtbot.wait(20)
    bar = page.week_scroll.verticalScrollBar()
    assert bar.maximum() > 100

    def header_strip():
        QApplication.processEvents()
        image = page.week_scroll.viewport().grab().toImage()
        return image.copy(0, 0, image.width(), 40)

    top = header_strip()
    bar.setValue(bar.maximum())
    scrolled = header_strip()
    assert scrolled == top  # the same day names and dates, not the hours that scrolled up
    assert page.week_view.header_top() == bar.maximum()
    # the header covers the cards that scrolled under it: a click there selects nothing
    assert page.week_view.card_at(QPointF(200, bar.maximum() + 10)) is None


def test_history_and_week_columns_have_named_headings(page):
    from PySide6.QtCore import Qt as QtNs

    history = page.panel.history_model
    headings = [history.headerData(c, QtNs.Orientation.Horizontal) for c in history.COMPACT]
    assert all(isinstance(h, str) and not h.isdigit() for h in headings), headings
    week = page.week_model
    assert week.headerData(0, QtNs.Orientation.Horizontal) not in (None, "1")


def _approved_unscheduled(workspace, title="Reses Dapil II", event_date=None):
    from sumbar_studio.core.model import Approval

    post = workspace.posts.add(
        Post(title=title, caption=f"{title}.", platforms=["instagram"], event_date=event_date),
        "tester",
    )
    workspace.posts.transition(post.id, Action.SUBMIT, "tester")
    fresh = workspace.posts.get(post.id)
    workspace.posts.approve(post.id, Approval("K", "1", "Kabag", NOW, fresh.content_hash()), "K")
    return post.id


def _type(qtbot, dialog, text: str) -> None:
    line = dialog.edit.line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_schedule_dialog_uses_the_compose_field_and_enter_accepts(qtbot, page, workspace):
    from sumbar_studio.ui.widgets.when import WhenEdit

    post_id = _approved_unscheduled(workspace)
    dialog = page.request_action(post_id, Action.SCHEDULE)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    assert isinstance(dialog.edit, WhenEdit)
    # NOW is Kamis 08.00 WIB: it starts at the next common time an hour ahead, never 00.00
    assert dialog.value() == to_utc(datetime(2026, 12, 10, 9, 0))
    assert dialog.edit.line.text() == "Kam, 10/12/2026 09.00 WIB"
    assert dialog.ok_button().isEnabled()
    # a text that is not understood: the reason shows, OK stays disabled, Enter does nothing
    _type(qtbot, dialog, "besk 9")
    assert dialog.isVisible() and not dialog.ok_button().isEnabled()
    assert dialog.error.isVisible() and "tidak dikenali" in dialog.error.text()
    # the message takes the typing hint's place and the dialog makes room for it
    assert not dialog.hint.isVisible()
    assert dialog.height() >= dialog.layout().minimumSize().height()
    dialog.accept()  # nor does OK by any other way
    assert dialog.isVisible()
    assert workspace.posts.get(post_id).status == Status.APPROVED
    # typed the way compose understands it ("besok" from the page's clock), Enter accepts
    _type(qtbot, dialog, "besok 13.00")
    assert not dialog.isVisible()
    scheduled = workspace.posts.get(post_id)
    assert scheduled.status == Status.SCHEDULED
    assert scheduled.scheduled_at == to_utc(datetime(2026, 12, 11, 13, 0))


def test_schedule_dialog_starts_at_the_event_date_and_offers_the_common_times(
    qtbot, page, workspace
):
    post_id = _approved_unscheduled(workspace, event_date=datetime(2026, 12, 15).date())
    dialog = page.request_action(post_id, Action.SCHEDULE)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    assert dialog.value() == to_utc(datetime(2026, 12, 15, 9, 0))
    # the picker: an Indonesian calendar at the event date, a common time is one click
    qtbot.mouseClick(dialog.edit.button, Qt.MouseButton.LeftButton)
    picker = dialog.edit.picker
    qtbot.waitUntil(picker.isVisible, timeout=2000)
    assert picker.calendar.locale().monthName(12) == "Desember"
    assert picker.calendar.selectedDate().toPython() == datetime(2026, 12, 15).date()
    qtbot.mouseClick(
        picker.time_buttons[next(iter(picker.time_buttons))], Qt.MouseButton.LeftButton
    )
    assert not picker.isVisible()
    assert dialog.value() == to_utc(datetime(2026, 12, 15, 8, 0))
    # emptied: the reason shows and OK is disabled
    dialog.edit.line.clear()
    assert not dialog.ok_button().isEnabled() and "belum diisi" in dialog.error.text()
    dialog.reject()
    assert workspace.posts.get(post_id).scheduled_at is None


def test_every_way_to_schedule_opens_the_same_dialog(qtbot, page, workspace):
    post_id = _approved_unscheduled(workspace)
    label = Action.SCHEDULE.label()

    def opened():
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "scheduleDialog" and w.isVisible()
        ]
        return found[0] if found else None

    # the context menu of the list and the week view (both build context_menu_for)
    menu = page.context_menu_for(post_id)
    next(a for a in menu.actions() if a.text() == label).trigger()
    qtbot.waitUntil(lambda: opened() is not None, timeout=2000)
    dialog = opened()
    assert dialog.edit.objectName() == "when"
    dialog.reject()
    qtbot.waitUntil(lambda: opened() is None, timeout=2000)
    # the panel's button
    page.select_post(post_id)
    page.panel.buttons[Action.SCHEDULE].click()
    qtbot.waitUntil(lambda: opened() is not None, timeout=2000)
    _type(qtbot, opened(), "senin 13.00")
    assert workspace.posts.get(post_id).scheduled_at == to_utc(datetime(2026, 12, 14, 13, 0))


def test_export_menu_names_the_day_it_exports(qtbot, page, workspace):
    page.update_export_menu()
    # nothing selected: today (NOW is Kamis, 10 Desember 2026)
    assert page.export_day_action.text() == "Ekspor unggahan hari Kamis, 10 Desember 2026…"
    assert "hari ini bila" in page.export_day_action.statusTip()
    # a post scheduled on Selasa 8 Desember is selected: that day, which is what is exported
    tuesday = next(s for s in page.week_model.summaries() if "RDP" in s.title)
    page.week_view.postSelected.emit(tuesday.id)
    page.export_button.menu().aboutToShow.emit()
    assert page.export_day_action.text() == "Ekspor unggahan hari Selasa, 8 Desember 2026…"
    assert page.exporter.day_to_export() == datetime(2026, 12, 8).date()
    assert "Senin, 7 Desember" in page.export_week_action.toolTip()


# -- what the queue builds only when first needed (#14: the window shows sooner) --------------
def test_list_view_built_when_first_shown(page):
    assert page._list_view is None  # the week is shown first
    page.set_view("list")
    view = page.list_view
    assert page._list_view is view and page.stack.currentWidget() is view
    assert page.stack.count() == 3 and page.current_view() == "list"
    view.selectRow(0)  # its selection drives the panel as before
    assert page.panel.post.id == view.model().index(0, 0).data(IdRole)
    page.set_view("week")
    page.set_view("list")
    assert page.list_view is view  # built once


def test_period_range_dates_built_when_the_range_is_chosen(page):
    page.set_view("list")
    filters = page.filters
    assert filters._range is None
    page.period_filter.setCurrentIndex(page.period_filter.findData("range"))
    date_from, dash, date_to = filters._range
    row = filters.layout()
    at = row.indexOf(page.period_filter)
    assert [row.indexOf(w) for w in (date_from, dash, date_to)] == [at + 1, at + 2, at + 3]
    assert date_from.isVisible() and dash.isVisible() and date_to.isVisible()
    date_from.setDate(datetime(2026, 12, 8).date())
    date_to.setDate(datetime(2026, 12, 10).date())
    assert sorted(titles_in_list(page)) == ["Kunjungan kerja ke Agam", "RDP Komisi IV"]
    page.period_filter.setCurrentIndex(page.period_filter.findData("all"))
    assert not date_from.isVisible() and not date_to.isVisible()
    assert page.list_model.total() == 5


def test_comment_thread_built_with_the_first_post_shown(page, workspace):
    panel = page.panel
    assert panel._comments is None  # nothing selected yet: no thread built
    tab_text = panel.detail_tabs.tabText(1)
    post_id = page.week_model.summary(0).id
    workspace.posts.transition(post_id, Action.SUBMIT, "Rina")
    workspace.posts.transition(
        post_id, Action.REQUEST_CHANGES, "Budi", comment="Sebutkan nama ketua fraksi."
    )
    page.select_post(post_id)
    thread = panel._comments
    assert thread is not None and panel.detail_tabs.widget(1) is thread
    assert panel.detail_tabs.count() == 2
    assert "Sebutkan nama ketua fraksi." in thread.plain_text()
    assert panel.detail_tabs.tabText(1) != tab_text  # the count of the thread's entries
    assert panel.detail_tabs.currentIndex() == 0  # the history stays in front


def test_comment_tab_chosen_before_any_post_builds_the_thread(page):
    panel = page.panel
    panel.detail_tabs.setCurrentIndex(1)
    assert panel._comments is not None
    assert panel.detail_tabs.currentWidget() is panel.comments
    assert panel.detail_tabs.count() == 2
