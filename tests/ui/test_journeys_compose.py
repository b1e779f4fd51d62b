"""Journeys through the compose page and the settings, driven by visible actions (typing,
clicks, keys) on the real main window, with ``gc.collect()`` and processed events between steps
(so a widget freed too early shows up as a crash, not a pass)."""

from __future__ import annotations

import gc
from datetime import date, datetime, time, timedelta

import pytest
import shiboken6
from PIL import Image
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QTableView

from sumbar_studio.core import i18n
from sumbar_studio.core.model import Post, Status
from sumbar_studio.core.settings import AppSettings, Person
from sumbar_studio.core.timeutil import WIB, now_utc, to_wib
from sumbar_studio.ui.background import wait_for_background
from sumbar_studio.ui.compose import ComposePage, Timings

#: offscreen-only notes when a popup opens (no window manager to raise it or grab keys)
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing",
                                       "propagateSizeHints")

FAST = Timings(autosave_ms=60, max_wait_ms=400, journal_ms=20, check_ms=10, checklist_ms=20)
APPROVER = Person("Drs. Hendra Saputra", "197805122005011003", "Kepala Bagian", True)
OFFICER = Person("Rina Marlina, S.I.Kom.", "198703142010012005", "Pranata Humas")


@pytest.fixture(autouse=True)
def _qt_language_restored():
    """Qt's translators and default locale are process-wide: leave them as found."""
    from PySide6.QtCore import QLocale

    from sumbar_studio.ui.qt_i18n import apply_language

    before = QLocale()
    yield
    apply_language("en")  # removes our translators
    QLocale.setDefault(before)


def settle(qtbot, ms: int = 20) -> None:
    gc.collect()
    QApplication.processEvents()
    qtbot.wait(ms)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(qtbot, line, text: str, enter: bool = True) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    if enter:
        qtbot.keyClick(line, Qt.Key.Key_Return)


@pytest.fixture
def photos(tmp_path):
    out = []
    for i, colour in enumerate(((40, 90, 140), (160, 60, 40), (30, 130, 70))):
        path = tmp_path / f"foto-{i + 1}.jpg"
        img = Image.new("RGB", (1200, 800), colour)
        img.paste((230, 230, 230), (100 + 200 * i, 200, 400 + 200 * i, 500))
        img.save(path, quality=85)
        out.append(path)
    return out


@pytest.fixture
def main_window(qtbot, workspace, monkeypatch):
    from sumbar_studio.ui.main_window import MainWindow

    monkeypatch.setattr(ComposePage, "default_timings", FAST)
    team = workspace.team_settings()
    team.people = [OFFICER, APPROVER]
    workspace.save_team_settings(team)
    window = MainWindow(workspace, AppSettings(user_name=OFFICER.name))
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    yield window
    if shiboken6.isValid(window):  # a language switch replaces (and deletes) the window
        window.compose.shutdown()
        window.close()
        window.deleteLater()
    wait_for_background()


def new_post(qtbot, window) -> ComposePage:
    window.new_post()
    settle(qtbot)
    return window.compose


# -- dates and times -----------------------------------------------------------------------

def test_typed_schedule_is_understood_in_wib(qtbot, main_window):
    page = new_post(qtbot, main_window)
    edit = page.editor.schedule
    assert edit.line.text() == "" and edit.line.placeholderText() == "Belum dijadwalkan"
    type_into(qtbot, edit.line, "14/12 9.00")
    settle(qtbot)
    today = to_wib(now_utc()).date()
    year = today.year if (today.month, today.day) <= (12, 14) else today.year + 1
    expected = datetime(year, 12, 14, 9, 0, tzinfo=WIB)
    assert page.session.post.scheduled_at == expected
    assert page.session.post.scheduled_at.utcoffset() == timedelta(0)  # stored in UTC
    assert edit.line.text().endswith(f"14/12/{year} 09.00 WIB")
    # typing over the shown value replaces it; nothing runs into the old text
    type_into(qtbot, edit.line, "besok 13.00")
    settle(qtbot)
    tomorrow = today + timedelta(days=1)
    assert to_wib(page.session.post.scheduled_at).replace(tzinfo=None) == datetime.combine(
        tomorrow, time(13, 0))
    # nonsense is refused with an Indonesian message and the schedule kept
    type_into(qtbot, edit.line, "Belum dijadwalkan14122026 08.00")
    settle(qtbot)
    assert to_wib(page.session.post.scheduled_at).date() == tomorrow
    assert "tidak dikenali" in main_window.statusBar().currentMessage()


def test_picker_opens_at_today_in_indonesian_and_schedules_in_three_clicks(qtbot, main_window):
    page = new_post(qtbot, main_window)
    edit = page.editor.schedule
    click(qtbot, edit.button)  # 1
    settle(qtbot)
    picker = edit.picker
    assert picker is not None and picker.isVisible()
    calendar = picker.calendar
    assert calendar.selectedDate() == QDate.currentDate()
    assert calendar.locale().monthName(12) == "Desember"
    assert calendar.locale().dayName(1) == "Senin"
    table = calendar.findChild(QTableView, "qt_calendar_calendarview")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # 2: the next day, keeping 09.00 (not 00.00)
    settle(qtbot)
    tomorrow = to_wib(now_utc()).date() + timedelta(days=1)
    when = to_wib(page.session.post.scheduled_at)
    assert (when.date(), when.time()) == (tomorrow, time(9, 0))
    click(qtbot, picker.time_buttons[time(16, 0)])  # 3: a common time, one click
    settle(qtbot)
    when = to_wib(page.session.post.scheduled_at)
    assert (when.date(), when.time()) == (tomorrow, time(16, 0))
    assert not picker.isVisible()
    qtbot.waitUntil(lambda: not page.session.dirty, timeout=3000)
    stored = page.workspace.posts.get(page.post_id)
    assert to_wib(stored.scheduled_at).time() == time(16, 0)


def test_picker_opens_at_the_event_date(qtbot, main_window, workspace):
    post = workspace.posts.add(Post(title="Reses", platforms=["instagram"],
                                    event_date=date(2027, 3, 15)), "t")
    main_window.open_post(post.id)
    settle(qtbot)
    edit = main_window.compose.editor.schedule
    click(qtbot, edit.button)
    settle(qtbot)
    assert edit.picker.calendar.selectedDate() == QDate(2027, 3, 15)
    edit.picker.hide()


def test_english_picker_speaks_english(qtbot, workspace, monkeypatch):
    from sumbar_studio.ui.widgets.when import WhenEdit

    i18n.set_language("en")
    edit = WhenEdit()
    qtbot.addWidget(edit)
    edit.show()
    click(qtbot, edit.button)
    settle(qtbot)
    assert edit.picker.calendar.locale().monthName(12) == "December"
    assert edit.line.placeholderText() == "Not scheduled"
    edit.picker.hide()


def test_event_date_typed_keeps_status_of_posts(qtbot, main_window, workspace):
    post = workspace.posts.add(Post(title="Reses", platforms=["instagram"]), "t")
    main_window.open_post(post.id)
    settle(qtbot)
    page = main_window.compose
    type_into(qtbot, page.editor.event_date.line, "7/12/2026")
    settle(qtbot)
    assert page.session.post.event_date == date(2026, 12, 7)
    assert page.session.post.status == Status.DRAFT


# -- language --------------------------------------------------------------------------------

def _menu_action(window, text: str):
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text() == text:
                return action
    raise AssertionError(f"no menu item {text!r}")


def _standard_button_texts(dialog) -> list[str]:
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    return [b.text() for b in box.buttons()]


def _context_menu_texts(line) -> list[str]:
    menu = line.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    menu.deleteLater()
    return texts


def test_language_switch_in_settings_applies_at_once(qtbot, main_window, workspace):
    from PySide6.QtWidgets import QComboBox

    from sumbar_studio.ui.main_window import MainWindow
    from sumbar_studio.ui.qt_i18n import apply_language

    apply_language("id")
    post = workspace.posts.add(Post(title="Rapat paripurna", platforms=["instagram"]), "t")
    main_window.open_post(post.id)
    settle(qtbot)
    # Qt's own strings are Indonesian
    assert "&Salin" in _context_menu_texts(main_window.compose.editor.title)
    _menu_action(main_window, "Pengaturan…").trigger()
    settle(qtbot)
    dialog = main_window.queue.findChild(QDialog, "settingsDialog")
    assert dialog is not None
    assert _standard_button_texts(dialog) == ["Simpan", "Batal"]
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 3)  # Ruang kerja
    combo = dialog.findChild(QComboBox, "language")
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("en"))
    save = next(b for b in dialog.buttons.buttons() if b.text() == "Simpan")
    click(qtbot, save)
    settle(qtbot, 60)
    windows = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, MainWindow) and w.isVisible()]
    assert len(windows) == 1 and windows[0] is not main_window
    window = windows[0]
    try:
        assert i18n.language() == "en"
        assert [a.text() for a in window.menuBar().actions()][0] == "&File"
        assert window.tabs.tabText(window.tabs.indexOf(window.compose)) == "Compose"
        assert window.compose.post_id == post.id  # the open post stays open
        assert "&Copy" in _context_menu_texts(window.compose.editor.title)
        _menu_action(window, "Settings…").trigger()
        settle(qtbot)
        english = window.queue.findChild(QDialog, "settingsDialog")
        assert _standard_button_texts(english) == ["Save", "Cancel"]
        english.reject()
        assert AppSettings.load().language == "en"
    finally:
        window.compose.shutdown()
        window.close()
        window.deleteLater()
        i18n.set_language("id")


def test_lang_en_on_the_command_line_reaches_the_window(monkeypatch, tmp_path):
    from sumbar_studio.core.settings import AppSettings as Settings
    from sumbar_studio.ui.app import choose_language

    saved = Settings(language="id")
    assert choose_language(saved, ["--lang", "en"]) == "en"
    assert choose_language(saved, ["--lang=en"]) == "en"
    assert choose_language(saved, []) == "id"
    monkeypatch.setenv("SUMBAR_LANG", "en")
    assert choose_language(saved, []) == "en"
