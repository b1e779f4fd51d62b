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
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
)

from sumbar_studio.core import i18n
from sumbar_studio.core.model import Post, Status
from sumbar_studio.core.settings import AppSettings, Person
from sumbar_studio.core.timeutil import WIB, now_utc, to_wib
from sumbar_studio.ui.background import wait_for_background
from sumbar_studio.ui.compose import ComposePage, Timings

#: offscreen-only notes when a popup opens (no window manager to raise it or grab keys)
pytestmark = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing", "propagateSizeHints"
)

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
    from sumbar_studio.ui.qt_i18n import apply_language

    monkeypatch.setattr(ComposePage, "default_timings", FAST)
    apply_language()  # as create_application does at start-up
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
        tomorrow, time(13, 0)
    )
    # nonsense is refused with an Indonesian message and the schedule kept
    type_into(qtbot, edit.line, "Belum dijadwalkan14122026 08.00")
    settle(qtbot)
    assert to_wib(page.session.post.scheduled_at).date() == tomorrow
    assert "tidak dikenali" in main_window.statusBar().currentMessage()
    # the clear button in the field removes the schedule
    from PySide6.QtWidgets import QToolButton

    click(qtbot, edit.line.findChild(QToolButton))
    settle(qtbot)
    assert page.session.post.scheduled_at is None
    assert edit.line.placeholderText() == "Belum dijadwalkan" and edit.line.text() == ""


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
    assert picker.screen().availableGeometry().contains(picker.frameGeometry())
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
    post = workspace.posts.add(
        Post(title="Reses", platforms=["instagram"], event_date=date(2027, 3, 15)), "t"
    )
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
    windows = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
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
    from sumbar_studio import cli
    from sumbar_studio.core.settings import AppSettings as Settings
    from sumbar_studio.ui.app import choose_language

    seen: dict[str, list[str]] = {}
    monkeypatch.setattr(cli, "gui_main", lambda argv: seen.setdefault("argv", list(argv)) and 0)
    cli.main(["--lang", "en"])
    assert choose_language(Settings(language="id"), seen["argv"]) == "en"

    saved = Settings(language="id")
    assert choose_language(saved, ["--lang", "en"]) == "en"
    assert choose_language(saved, ["--lang=en"]) == "en"
    assert choose_language(saved, []) == "id"
    monkeypatch.setenv("SUMBAR_LANG", "en")
    assert choose_language(saved, []) == "en"


# -- compose: one photo, several photos, submit, approve -------------------------------------


def _choose_files(qtbot, strip, paths) -> None:
    """Click "Tambah foto…", pick files in the (Qt, Indonesian) file dialog, accept."""
    from PySide6.QtWidgets import QFileDialog

    tabs = strip.window().compose.card_panel.lower_tabs
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    settle(qtbot)
    assert strip.isVisible()
    click(qtbot, strip.add_button)
    settle(qtbot)
    dialog = strip.findChild(QFileDialog, "photosFileDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.setDirectory(str(paths[0].parent))
    # Qt's own dialog speaks Indonesian
    assert dialog.findChild(QLabel, "fileNameLabel").text() == "&Nama berkas:"
    assert dialog.findChild(QLabel, "lookInLabel").text() == "&Cari di:"
    assert dialog.findChild(QLabel, "fileTypeLabel").text() == "&Jenis berkas:"
    assert {b.text() for b in dialog.findChild(QDialogButtonBox).buttons()} == {"&Buka", "Batal"}
    name_edit = dialog.findChild(QLineEdit, "fileNameEdit")
    names = paths[0].name if len(paths) == 1 else " ".join(f'"{p.name}"' for p in paths)
    type_into(qtbot, name_edit, names)  # typed into "Nama berkas", then Enter
    qtbot.waitUntil(lambda: len(strip.session.post.media) >= len(paths), timeout=10000)
    settle(qtbot)


def _item_status(dock, item_id: str):
    return next(r.status for r in dock.result.items if r.item.id == item_id)


def _approve(qtbot, page) -> None:
    dock = page.checklist
    qtbot.waitUntil(lambda: dock.approve_button.isEnabled(), timeout=3000)
    click(qtbot, dock.approve_button)
    settle(qtbot)
    if page.session.post.status != Status.APPROVED:  # blocked findings: a written reason
        type_into(qtbot, dock.override, "Sudah diperiksa langsung oleh Kepala Bagian.", enter=False)
        click(qtbot, dock.approve_button)
        settle(qtbot)


def test_compose_with_several_photos_submit_and_approve(
    qtbot, main_window, workspace, photos, tmp_path
):
    from sumbar_studio.core.checks.engine import ItemStatus
    from sumbar_studio.core.export import export_posts

    _menu_action(main_window, "Unggahan &baru").trigger()
    settle(qtbot)
    page = main_window.compose
    editor, dock = page.editor, page.checklist
    type_into(qtbot, editor.title, "Rapat paripurna APBD 2027", enter=False)
    # no caption yet: submitting is refused, and "Sesuai platform" does not pass
    qtbot.waitUntil(lambda: page.post_id is not None, timeout=3000)
    qtbot.waitUntil(lambda: dock.result is not None, timeout=3000)
    click(qtbot, dock.submit_button)
    settle(qtbot)
    assert page.session.post.status == Status.DRAFT
    assert "keterangan masih kosong" in dock.approval_label.text()
    dock.refresh_actions()  # as when the checklist finishes again: the reason stays said
    assert "keterangan masih kosong" in dock.approval_label.text()
    qtbot.waitUntil(lambda: _item_status(dock, "platform") == ItemStatus.BLOCKING, timeout=3000)
    # no platform either
    for action in editor.platform_actions.values():
        if action.isChecked():
            action.trigger()
    settle(qtbot)
    click(qtbot, dock.submit_button)
    settle(qtbot)
    assert "belum ada platform" in dock.approval_label.text()
    editor.platform_actions["instagram"].trigger()
    editor.platform_actions["facebook"].trigger()
    editor.master.setFocus()
    qtbot.keyClicks(
        editor.master,
        "Padang, Senin (7/12/2026) - DPRD Provinsi Sumatera Barat "
        "menggelar rapat paripurna pengesahan APBD 2027. #DPRDSumbar",
    )
    type_into(qtbot, editor.source, "Bagian Humas DPRD Sumbar", enter=False)
    type_into(qtbot, editor.credit, "Humas DPRD Sumbar", enter=False)
    # the officer: "Rina" means the one Rina on the team
    type_into(qtbot, editor.assignee.lineEdit(), "Rina")
    settle(qtbot)
    assert page.session.post.assignee == OFFICER.name
    # one photo, then two more: a carousel of three in the chosen order
    strip = page.card_panel.photos
    _choose_files(qtbot, strip, photos[:1])
    assert [m.filename for m in page.session.post.media] == ["foto-1.jpg"]
    _choose_files(qtbot, strip, photos[1:])
    assert [m.filename for m in page.session.post.media] == [
        "foto-1.jpg",
        "foto-2.jpg",
        "foto-3.jpg",
    ]
    strip.list.setCurrentRow(2)
    click(qtbot, strip.left)  # foto-3 one place earlier
    settle(qtbot)
    assert [m.filename for m in page.session.post.media] == [
        "foto-1.jpg",
        "foto-3.jpg",
        "foto-2.jpg",
    ]
    for row, words in enumerate(
        (
            "Suasana rapat paripurna",
            "Pimpinan DPRD membuka sidang",
            "Anggota dewan menyampaikan pandangan",
        )
    ):
        strip.list.setCurrentRow(row)
        type_into(qtbot, strip.alt, words, enter=False)
    settle(qtbot)
    assert [m.alt_text for m in page.session.post.media][1] == "Pimpinan DPRD membuka sidang"
    strip.list.setCurrentRow(2)
    click(qtbot, strip.remove_button)
    settle(qtbot)
    assert len(page.session.post.media) == 2
    qtbot.waitUntil(lambda: not page.session.dirty, timeout=3000)
    # copy the caption for Instagram, exactly as pasted there
    editor.caption_tabs.setCurrentWidget(editor.tabs_by_platform["instagram"])
    click(qtbot, editor.tabs_by_platform["instagram"].copy)
    assert QApplication.clipboard().text() == page.session.post.full_caption("instagram", 30)
    assert "disalin" in main_window.statusBar().currentMessage()
    # submit, then approve in the dock
    click(qtbot, dock.submit_button)
    settle(qtbot)
    assert page.session.post.status == Status.REVIEW
    _approve(qtbot, page)
    stored = workspace.posts.get(page.post_id)
    assert stored.status == Status.APPROVED and stored.approval_valid()
    assert [m.filename for m in stored.media] == ["foto-1.jpg", "foto-3.jpg"]
    # the export writes one image per photo per format
    bundle = export_posts(workspace, [stored], tmp_path / "out", workers=1)[0]
    images = sorted(f["path"] for f in bundle.files if str(f["path"]).endswith(".jpg"))
    instagram = [p for p in images if p.startswith("instagram/")]
    assert instagram and len(instagram) % 2 == 0
    assert {p.rsplit("_", 1)[1] for p in instagram} == {"01.jpg", "02.jpg"}
    # the approval covers the photos: a new alt text sends the post back to review
    strip.list.setCurrentRow(0)
    type_into(qtbot, strip.alt, "Ruang sidang utama", enter=False)
    qtbot.waitUntil(lambda: not page.session.dirty, timeout=3000)
    settle(qtbot)
    assert workspace.posts.get(page.post_id).status == Status.REVIEW


# -- settings: people, NIP, accounts, logo ---------------------------------------------------


def _open_settings(qtbot, window):
    _menu_action(window, "Pengaturan…").trigger()
    settle(qtbot)
    dialog = window.queue.findChild(QDialog, "settingsDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def _edit_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Click a cell, F2, type, Enter: as a person edits a table."""
    table.setFocus()
    index = table.model().index(row, column)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(table, Qt.Key.Key_F2)
    settle(qtbot)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle(qtbot)


def test_settings_people_and_accounts_as_a_person_edits_them(qtbot, main_window, workspace):
    from PySide6.QtWidgets import QComboBox

    dialog = _open_settings(qtbot, main_window)
    # column headings are words, not numbers
    people = dialog.people_table
    headings = [
        people.model().headerData(c, Qt.Orientation.Horizontal)
        for c in range(people.model().columnCount())
    ]
    assert headings == ["Nama", "NIP", "Jabatan", "Boleh menyetujui"]
    accounts = dialog.accounts.table
    account_headings = [
        accounts.model().headerData(c, Qt.Orientation.Horizontal)
        for c in range(accounts.model().columnCount())
    ]
    assert all(isinstance(h, str) and not h.isdigit() for h in account_headings)
    # a wrong NIP is said at once, with what is wrong
    dialog.tabs.setCurrentIndex(1)
    settle(qtbot)
    click(qtbot, dialog.findChild(QPushButton, "personAdd"))
    row = people.model().rowCount() - 1
    _edit_cell(qtbot, people, row, 0, "Sari Dewi")
    _edit_cell(qtbot, people, row, 1, "12345")
    assert dialog.people_problems.isVisible()
    assert "Sari Dewi" in dialog.people_problems.text()
    assert "18 angka" in dialog.people_problems.text()
    click(qtbot, next(b for b in dialog.buttons.buttons() if b.text() == "Simpan"))
    settle(qtbot)
    assert dialog.isVisible() and "18 angka" in dialog.error.text()
    _edit_cell(qtbot, people, row, 1, "19900101 201503 2 001")
    assert not dialog.people_problems.isVisible()
    # "Tambah akun" adds an empty row whose platform is a choice
    dialog.tabs.setCurrentWidget(dialog.accounts)
    settle(qtbot)
    before = accounts.model().rowCount()
    click(qtbot, dialog.accounts.add_button)
    settle(qtbot)
    assert accounts.model().rowCount() == before + 1
    new = dialog.accounts.model.accounts[-1]
    assert (new.platform, new.handle) == ("", "")
    combo = accounts.findChild(QComboBox, "accountPlatformCombo")
    assert combo is not None and combo.isVisible()
    assert combo.findData("instagram") >= 0 and combo.findData("tiktok") >= 0
    combo.setCurrentIndex(combo.findData("tiktok"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    settle(qtbot)
    _edit_cell(qtbot, accounts, before, 1, "@dprdsumbar")
    click(qtbot, next(b for b in dialog.buttons.buttons() if b.text() == "Simpan"))
    settle(qtbot)
    team = workspace.team_settings()
    assert team.person("Sari Dewi").nip == "19900101 201503 2 001"
    assert [(a.platform, a.handle) for a in team.accounts][-1] == ("tiktok", "@dprdsumbar")


def test_logo_not_set_is_said_in_compose_and_settings(qtbot, main_window, workspace):
    post = workspace.posts.add(Post(title="Rapat", caption="Rapat.", platforms=["instagram"]), "t")
    main_window.open_post(post.id)
    settle(qtbot)
    panel = main_window.compose.card_panel
    panel.set_template("berita")
    settle(qtbot)
    assert panel.logo_hint.isVisible()
    click(qtbot, panel.set_logo_button)
    settle(qtbot)
    dialog = main_window.queue.findChild(QDialog, "settingsDialog")
    assert dialog.tabs.currentWidget() is dialog.brand
    assert dialog.brand.logo_hint.isVisible()
    type_into(qtbot, dialog.brand.logo_edit, "/srv/humas/logo-dprd-sumbar.png", enter=False)
    assert not dialog.brand.logo_hint.isVisible()
    dialog.reject()


def test_history_lines_name_items_and_fields_in_words():
    from sumbar_studio.ui.queue.models import detail_text

    text = detail_text({"item": "etika_8_keterbukaan", "changed": ["caption", "media"]})
    assert "etika_8" not in text and "Keterbukaan informasi publik" in text
    assert "Keterangan, Foto" in text and "caption" not in text


# -- small screens ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_compose_fits_a_laptop_screen(qtbot, main_window, workspace, size):
    from PySide6.QtWidgets import QScrollArea

    post = workspace.posts.add(
        Post(
            title="Reses Anggota DPRD Dapil Sumbar II di Padang Pariaman",
            caption="Padang Pariaman — Anggota DPRD Provinsi Sumatera Barat menyerap aspirasi "
            "masyarakat dalam masa reses.",
            platforms=["instagram", "facebook", "x", "tiktok"],
            place="Padang Pariaman",
            source="Bagian Humas",
            event_date=date(2026, 12, 3),
            scheduled_at=datetime(2026, 12, 3, 2, tzinfo=WIB),
            assignee=OFFICER.name,
        ),
        "t",
    )
    team = workspace.team_settings()  # a long "name — role" in the dock's approver list
    team.people[1].role = "Kepala Bagian Persidangan dan Perundang-undangan"
    workspace.save_team_settings(team)
    main_window.compose.checklist.load_people()
    main_window.resize(*size)
    main_window.open_post(post.id)
    page = main_window.compose
    page.card_panel.set_template("berita")
    settle(qtbot, 100)
    editor_scroll = page.findChild(QScrollArea, "editorScroll")
    assert not editor_scroll.horizontalScrollBar().isVisible()
    assert page.editor.master.height() >= 150  # room to write the caption
    # every field of the editor is inside the visible width
    right = editor_scroll.viewport().mapToGlobal(editor_scroll.viewport().rect().topRight()).x()
    for widget in (
        page.editor.place,
        page.editor.credit,
        page.editor.assignee,
        page.editor.schedule.line,
    ):
        assert widget.mapToGlobal(widget.rect().topRight()).x() <= right + 1, widget.objectName()
    # all six card templates in view, no scrolling
    view = page.card_panel.template_view
    model = view.model()
    assert model.rowCount() == 6
    for row in range(model.rowCount()):
        rect = view.visualRect(model.index(row, 0))
        assert view.viewport().rect().contains(rect), (row, rect, view.viewport().rect())
    # the first card field is on screen
    first = next(iter(page.card_panel.field_widgets.values()))
    assert not first.visibleRegion().isEmpty()
    # checklist names are whole (wrapped, not cut)
    tree = page.checklist.tree
    qtbot.waitUntil(lambda: page.checklist.result is not None, timeout=3000)
    tree.expandAll()
    settle(qtbot)
    metrics = tree.fontMetrics()
    width = tree.columnWidth(0)
    for group in range(tree.model().rowCount()):
        parent = tree.model().index(group, 0)
        for row in range(tree.model().rowCount(parent)):
            index = tree.model().index(row, 0, parent)
            rect = tree.visualRect(index)
            needed = metrics.boundingRect(
                0,
                0,
                max(40, width - tree.indentation() * 2 - 62),
                10_000,
                int(Qt.TextFlag.TextWordWrap),
                str(index.data()),
            ).height()
            assert rect.height() >= needed, index.data()


def test_settings_dialog_fits_the_screen(qtbot, main_window, monkeypatch):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    # a 1280x720 laptop with a 40-px taskbar (offscreen has no such screen of its own)
    laptop = QRect(0, 0, 1280, 680)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(laptop))
    dialog = _open_settings(qtbot, main_window)
    frame = 30  # a window manager's title bar
    assert dialog.width() <= laptop.width() and dialog.height() + frame <= laptop.height()
    # every tab's content fits in that size
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        settle(qtbot)
        need = dialog.minimumSizeHint()
        assert need.width() <= dialog.width() and need.height() <= dialog.height(), (
            dialog.tabs.tabText(index),
            need,
            dialog.size(),
        )
    dialog.reject()


def test_qt_dialog_strings_are_indonesian_and_english_when_chosen(qtbot):
    from PySide6.QtCore import QCoreApplication

    from sumbar_studio.ui.qt_i18n import apply_language

    apply_language("id")
    tr = QCoreApplication.translate
    assert tr("QPlatformTheme", "Cancel") == "Batal"
    assert tr("QPrintPreviewDialog", "Print Preview") == "Pratinjau cetak"
    assert tr("QPrintDialog", "Print range") == "Rentang cetak"
    assert tr("QFileDialog", "File &name:") == "&Nama berkas:"
    assert tr("QShortcut", "Ctrl") == "Ctrl"  # untranslated texts stay as Qt wrote them
    apply_language("en")
    assert tr("QPlatformTheme", "Cancel") == "Cancel"


def test_context_menu_undo_is_the_editors_undo_in_indonesian(qtbot, main_window, workspace):
    post = workspace.posts.add(Post(title="Rapat", caption="Rapat.", platforms=["instagram"]), "t")
    main_window.open_post(post.id)
    settle(qtbot)
    page = main_window.compose
    title = page.editor.title
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " paripurna")
    settle(qtbot)
    assert page.session.post.title == "Rapat paripurna"
    from sumbar_studio.ui.widgets.inputs import stack_context_menu

    for widget in (title, page.editor.master):
        menu = stack_context_menu(widget.createStandardContextMenu(), widget.undo_stack)
        texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
        assert texts[:2] == ["&Urungkan", "U&langi"] and "Pilih semua" in texts
        menu.deleteLater()
    menu = page.editor.master.build_context_menu(page.editor.master.rect().center())
    undo = next(a for a in menu.actions() if a.objectName() == "edit-undo")
    assert undo.isEnabled()
    undo.trigger()  # the title edit, made in another field, is undone: one history
    settle(qtbot)
    assert page.session.post.title == "Rapat"
    menu.deleteLater()


def test_missing_card_fields_are_named_by_their_labels():
    from sumbar_studio.core.cards import load_brand, render

    result = render("berita", {"title": "Rapat paripurna"}, load_brand(), "1x1", scale=0.25)
    said = " ".join(result.report.warnings)
    assert "Kolom wajib belum diisi" in said
    assert "Foto kegiatan" in said and ": photo" not in said
