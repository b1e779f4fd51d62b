"""Compose window: editor, inline findings, card preview, checklist dock, undo, autosave,
stale edits and crash recovery (pytest-qt, offscreen; Qt warnings fail a test)."""

from __future__ import annotations

from datetime import date

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
)

from sumbar_studio.core import i18n
from sumbar_studio.core.model import Post, Status
from sumbar_studio.core.settings import AppSettings, Person
from sumbar_studio.ui.background import wait_for_background
from sumbar_studio.ui.compose import ComposePage, Timings
from sumbar_studio.ui.compose.checklist import ChecklistModel
from sumbar_studio.ui.compose.journal import SessionJournal, content_of

FAST = Timings(autosave_ms=60, max_wait_ms=400, journal_ms=20, check_ms=10, checklist_ms=20)
APPROVER = Person("Drs. Hendra Saputra", "197805122005011003", "Kepala Bagian", True)
CAPTION = (
    "Padang, Senin (7/12/2026) — DPRD Provinsi Sumatera Barat menggelar rapat paripurna "
    "pengesahan Ranperda tentang Pengelolaan Keuangan Daerah menjadi Perda."
)


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "paripurna.jpg"
    img = Image.new("RGB", (1200, 800), (40, 90, 140))
    for x in range(0, 1200, 40):
        img.paste((200, 60 + x % 150, 40), (x, 300, x + 20, 500))
    img.save(path, quality=85)
    return path


@pytest.fixture
def main_window(qtbot, workspace, monkeypatch):
    from sumbar_studio.ui.main_window import MainWindow

    monkeypatch.setattr(ComposePage, "default_timings", FAST)
    team = workspace.team_settings()
    team.people = [Person("Rina Marlina", "", "Pranata Humas"), APPROVER]
    workspace.save_team_settings(team)
    settings = AppSettings(user_name="Rina Marlina")
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.compose.shutdown()
    wait_for_background()


@pytest.fixture
def page(main_window) -> ComposePage:
    return main_window.compose


def add_post(workspace, **kw) -> int:
    values = {
        "title": "Rapat paripurna",
        "caption": CAPTION,
        "platforms": ["instagram", "facebook", "x"],
    }
    values.update(kw)
    return workspace.posts.add(Post(**values), "tester").id


def open_post(main_window, post_id) -> ComposePage:
    main_window.open_post(post_id)
    return main_window.compose


def stored(workspace, post_id) -> Post:
    return workspace.posts.get(post_id)


# -- editor, counters, findings ------------------------------------------------------------
def test_typing_updates_counters_and_findings(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace, caption=""))
    editor = page.editor
    editor.master.setFocus()
    qtbot.keyClicks(editor.master, "Rapat dimulai pukul 09:00 wib di ruang sidang.")
    qtbot.waitUntil(lambda: bool(editor.master.findings), timeout=3000)
    rules = {f.rule for f in editor.master.findings}
    assert any("time" in r or "pukul" in r or "waktu" in r for r in rules), rules
    chip = editor.chips["x"]
    assert chip.text().startswith("X ") and "/280" in chip.text()
    assert chip.level == "ok"
    # over the X limit: the counter turns red
    qtbot.keyClicks(editor.master, " Lorem" * 50)
    qtbot.waitUntil(lambda: editor.chips["x"].level == "red", timeout=3000)
    assert editor.chips["instagram"].level == "ok"


def test_suggestion_replaces_text(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace, caption="Rapat dimulai pukul 09:00 WIB."))
    edit = page.editor.master
    qtbot.waitUntil(lambda: any(f.replacement for f in edit.findings), timeout=3000)
    finding = next(f for f in edit.findings if f.replacement)
    position = len(edit.toPlainText()[: finding.start].encode("utf-16-le")) // 2
    actions = edit.suggestion_actions(position, edit)
    assert actions and actions[0].text().startswith("Ganti dengan")
    actions[0].trigger()
    assert page.session.post.caption == (
        "Rapat dimulai pukul 09:00 WIB."[: finding.start]
        + finding.replacement
        + "Rapat dimulai pukul 09:00 WIB."[finding.end :]
    )
    assert edit.toPlainText() == page.session.post.caption
    # the context menu offers the same
    menu = edit.build_context_menu(edit.cursorRect().center())
    menu.deleteLater()


def test_tooltip_explains_in_indonesian(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace, caption="Rapat dimulai pukul 09:00 WIB."))
    edit = page.editor.master
    qtbot.waitUntil(lambda: bool(edit.findings), timeout=3000)
    finding = edit.findings[0]
    assert finding.message and edit._tooltip(finding)
    sels = edit.extraSelections()
    assert sels and sels[0].format.underlineStyle().name == "WaveUnderline"


def test_platform_variant_follows_master_until_overridden(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace))
    editor = page.editor
    tab = editor.tabs_by_platform["x"]
    assert tab.edit.toPlainText() == CAPTION and not tab.reset.isEnabled()
    editor.caption_tabs.setCurrentWidget(tab)
    tab.edit.moveCursor(tab.edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.edit, " #DPRDSumbar")
    assert page.session.post.variants["x"] == CAPTION + " #DPRDSumbar"
    assert tab.reset.isEnabled()
    # the master changes; X keeps its own text, Instagram follows
    editor.master.moveCursor(editor.master.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.master, "!")
    assert editor.tabs_by_platform["instagram"].edit.toPlainText() == CAPTION + "!"
    assert tab.edit.toPlainText() == CAPTION + " #DPRDSumbar"
    qtbot.mouseClick(tab.reset, Qt.MouseButton.LeftButton)
    assert "x" not in page.session.post.variants
    assert tab.edit.toPlainText() == CAPTION + "!"


def test_hashtag_set_and_details(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace))
    editor = page.editor
    index = editor.hashtag_set.findData("paripurna")
    editor.hashtag_set.activated.emit(index)
    assert "#RapatParipurna" in page.session.post.hashtags
    assert "#RapatParipurna" in editor.hashtags.text()
    qtbot.keyClicks(editor.place, "Gedung DPRD Sumbar")
    assert page.session.post.place == "Gedung DPRD Sumbar"
    page.editor.event_date.line.setFocus()
    qtbot.keyClicks(page.editor.event_date.line, "07/12/2026")
    qtbot.keyClick(page.editor.event_date.line, Qt.Key.Key_Return)
    assert page.session.post.event_date == date(2026, 12, 7)
    qtbot.waitUntil(lambda: not page.session.dirty, timeout=3000)
    assert stored(workspace, page.post_id).place == "Gedung DPRD Sumbar"


def test_schedule_is_wib(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace))
    edit = page.editor.schedule
    edit.line.setFocus()
    qtbot.keyClicks(edit.line, "7/12/2026 9.00")
    qtbot.keyClick(edit.line, Qt.Key.Key_Return)
    when = page.session.post.scheduled_at
    assert when is not None and when.hour == 2 and when.utcoffset().total_seconds() == 0


def test_caption_template_fills_from_post(qtbot, main_window, workspace):
    page = open_post(
        main_window, add_post(workspace, caption="", place="Padang", event_date=date(2026, 12, 7))
    )
    editor = page.editor
    if not editor.fill_caption.isEnabled():
        pytest.skip("no caption templates installed")
    editor.caption_template.setCurrentIndex(0)
    editor.fill_caption.click()
    # either the caption was filled, or the template said which field is missing
    caption = page.session.post.caption
    assert caption or main_window.statusBar().currentMessage()


# -- card panel -----------------------------------------------------------------------------
def _shown(panel) -> int:
    return panel.renderer.shown_generation


def test_template_format_and_focal_update_preview(qtbot, main_window, workspace, photo):
    page = open_post(main_window, add_post(workspace))
    panel = page.card_panel
    assert panel.preview.image.isNull()
    panel.set_template("berita")
    assert page.session.post.card.template_id == "berita"
    assert page.session.post.card.fields.get("title") == "Rapat paripurna"  # from the post
    qtbot.waitUntil(lambda: not panel.preview.image.isNull(), timeout=10000)
    square = panel.preview.image.size()
    assert abs(square.width() - square.height()) <= 2

    before = _shown(panel)
    panel.format_buttons["9x16"].click()
    qtbot.waitUntil(lambda: _shown(panel) > before, timeout=10000)
    size = panel.preview.image.size()
    assert size.height() > size.width() * 1.6
    assert panel.preview.safe_zone.get("top")

    # a photo, then a click on the preview moves the focal point and re-renders
    panel.use_photo_file(str(photo))
    qtbot.waitUntil(lambda: bool(page.session.post.media), timeout=10000)
    qtbot.waitUntil(lambda: not panel.renderer.busy, timeout=10000)
    media = page.session.post.media[0]
    assert (media.focal_x, media.focal_y) == (0.5, 0.5)
    before = _shown(panel)
    rect = panel.preview.card_rect()
    click = QPoint(int(rect.left() + rect.width() * 0.2), int(rect.top() + rect.height() * 0.3))
    qtbot.mouseClick(panel.preview, Qt.MouseButton.LeftButton, pos=click)
    media = page.session.post.media[0]
    assert media.focal_x < 0.5
    qtbot.waitUntil(lambda: _shown(panel) > before, timeout=10000)
    assert panel.preview.focal_point is not None


def test_template_thumbnails_wait_for_the_first_preview(qtbot, main_window, workspace):
    """Opening a post as the window appears: the preview first, the chooser's thumbnails
    after it, so they never compete with it."""
    page = open_post(main_window, add_post(workspace))
    panel = page.card_panel
    panel.set_template("berita")
    assert not panel.thumbnails_requested and not panel.templates.thumbs
    qtbot.waitUntil(lambda: not panel.preview.image.isNull(), timeout=10000)
    qtbot.waitUntil(lambda: panel.thumbnails_requested, timeout=10000)
    qtbot.waitUntil(
        lambda: len(panel.templates.thumbs) == len(panel.templates.templates), timeout=20000
    )


def test_template_thumbnails_come_without_any_preview(qtbot, main_window, monkeypatch):
    from sumbar_studio.ui.compose import card_panel

    monkeypatch.setattr(card_panel, "THUMBNAILS_AFTER_MS", 50)
    panel = card_panel.CardPanel(main_window.compose.session, None)
    qtbot.addWidget(panel)
    assert not panel.thumbnails_requested
    qtbot.waitUntil(
        lambda: len(panel.templates.thumbs) == len(panel.templates.templates), timeout=20000
    )
    assert panel.preview.image.isNull()  # (an empty post: no preview was rendered)


def test_stale_preview_results_are_dropped(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace))
    panel = page.card_panel
    panel.set_template("berita")
    qtbot.waitUntil(lambda: not panel.renderer.busy, timeout=10000)
    shown = []
    panel.renderer.imageReady.connect(lambda _i, _r, job: shown.append(job.generation))
    for word in ("Satu", "Dua", "Tiga", "Empat"):
        panel.field_widgets["title"].setText(word)
        panel.field_widgets["title"].textEdited.emit(word)
    qtbot.waitUntil(lambda: not panel.renderer.busy, timeout=10000)
    assert shown and shown[-1] == panel.renderer.generation
    assert all(g == panel.renderer.generation for g in shown[1:]) or len(shown) <= 2


def test_photo_dropped_on_card_panel_is_used(qtbot, main_window, workspace, photo):
    page = open_post(main_window, add_post(workspace))
    panel = page.card_panel
    panel.set_template("berita")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    target = panel.preview
    pos = QPointF(target.rect().center())
    enter_ok = []
    from PySide6.QtGui import QDragEnterEvent

    enter = QDragEnterEvent(
        pos.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    target.dragEnterEvent(enter)
    enter_ok.append(enter.isAccepted())
    drop = QDropEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    target.dropEvent(drop)
    assert enter_ok == [True] and drop.isAccepted()
    qtbot.waitUntil(lambda: bool(page.session.post.card.fields.get("photo")), timeout=10000)
    sha = page.session.post.card.fields["photo"]
    assert [m.sha256 for m in page.session.post.media] == [sha]
    assert page.session.post.media[0].filename == "paripurna.jpg"
    assert workspace.media.path_for(sha).exists()
    qtbot.waitUntil(lambda: not page.session.dirty, timeout=3000)
    assert stored(workspace, page.post_id).card.fields["photo"] == sha
    # alt text per image
    alt = panel.alt_edits["photo"]
    assert alt.isEnabled()
    qtbot.keyClicks(alt, "Suasana rapat paripurna")
    assert page.session.post.media[0].alt_text == "Suasana rapat paripurna"


# -- checklist dock and approval ------------------------------------------------------------
def test_checklist_dock_groups_and_attestation(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace))
    dock = page.checklist
    assert dock.objectName() == "checklistDock"
    qtbot.waitUntil(lambda: dock.model.rowCount() > 0, timeout=5000)
    groups = [dock.model.index(r, 0).data() for r in range(dock.model.rowCount())]
    assert groups[:2] == ["Prinsip", "Etika"]
    index = dock.model.item_index("kredibel")
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert dock.model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    post = stored(workspace, page.post_id)
    assert post.attestations["kredibel"].officer == "Rina Marlina"
    qtbot.waitUntil(
        lambda: (
            dock.model.item_index("kredibel").data(Qt.ItemDataRole.CheckStateRole)
            == Qt.CheckState.Checked
        ),
        timeout=5000,
    )


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_attestation_asks_officer_name_once(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace))
    page.settings.user_name = ""
    page.checklist.attest("kredibel", True)
    dialog = page.name_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("Yusuf Efendi")
    dialog.accept()
    assert AppSettings.load().user_name == "Yusuf Efendi"
    assert stored(workspace, page.post_id).attestations["kredibel"].officer == "Yusuf Efendi"


def test_approval_recorded_then_invalidated_by_edit(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace))
    dock = page.checklist
    assert dock.submit_button.isVisible()
    dock.submit_button.click()
    assert page.session.post.status == Status.REVIEW
    assert dock.approve_button.isEnabled()
    assert dock.approver.currentData() == APPROVER
    dock.approve()
    if page.session.post.status != Status.APPROVED:  # blocked: override with a reason
        assert dock.override.isEnabled()
        dock.override.setText("Sudah diperiksa langsung oleh Kepala Bagian.")
        dock.approve()
    post = stored(workspace, page.post_id)
    assert post.status == Status.APPROVED and post.approval_valid()
    assert post.approval.nip == APPROVER.nip
    assert (
        "Disetujui" in main_window.status_label.text()
        or "disetujui" in main_window.status_label.text()
    )
    # an edit reopens review: shown in the status bar
    page.editor.master.moveCursor(page.editor.master.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.editor.master, " Tambahan.")
    qtbot.waitUntil(lambda: not page.session.dirty, timeout=3000)
    post = stored(workspace, page.post_id)
    assert post.status == Status.REVIEW and post.approval is None
    assert "dibuka kembali" in main_window.status_label.text()


# -- undo, autosave, conflicts ---------------------------------------------------------------
def test_undo_restores_across_caption_and_card(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace, caption="Awal."))
    editor = page.editor
    editor.master.moveCursor(editor.master.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.master, " Tambah")
    assert page.session.post.caption == "Awal. Tambah"
    assert page.session.undo_stack.count() == 1  # typing merged into one step
    page.card_panel.set_template("berita")
    title = page.card_panel.field_widgets["title"]
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " Baru")
    assert page.session.post.card.fields["title"] == "Rapat paripurna Baru"
    assert page.undo_action.shortcut().toString()  # standard shortcut present
    page.undo_action.trigger()
    assert page.session.post.card.fields["title"] == "Rapat paripurna"
    assert title.text() == "Rapat paripurna"
    page.undo_action.trigger()
    assert page.session.post.card.template_id == ""
    page.undo_action.trigger()
    assert page.session.post.caption == "Awal."
    assert editor.master.toPlainText() == "Awal."
    page.redo_action.trigger()
    assert editor.master.toPlainText() == "Awal. Tambah"
    # Ctrl+Z from inside the text goes to the same stack
    editor.master.setFocus()
    qtbot.keyClick(editor.master, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.session.post.caption == "Awal."
    qtbot.waitUntil(lambda: not page.session.dirty, timeout=3000)
    assert stored(workspace, page.post_id).caption == "Awal."


def test_autosave_without_save_button_and_flush(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace, caption=""))
    page.session.autosave_ms = 60_000  # only flush() can save now
    page.session.max_wait_ms = 60_000
    qtbot.keyClicks(page.editor.master, "Teks penting")
    assert stored(workspace, page.post_id).caption == ""
    main_window.close()  # closeEvent -> flush
    assert stored(workspace, page.post_id).caption == "Teks penting"


def test_new_post_is_created_on_first_autosave(qtbot, main_window, workspace):
    main_window.new_post()
    page = main_window.compose
    assert page.post_id is None
    qtbot.keyClicks(page.editor.master, "Kunjungan kerja Komisi I.")
    qtbot.waitUntil(lambda: page.post_id is not None, timeout=3000)
    post = stored(workspace, page.post_id)
    assert post.caption == "Kunjungan kerja Komisi I." and post.title == "Unggahan tanpa judul"


def test_new_post_platforms_and_format_switcher_come_from_platform_data(
    qtbot, main_window, workspace
):
    import json

    from sumbar_studio.core import platforms
    from sumbar_studio.core.resources import asset_path

    data = json.loads(asset_path("platforms.json").read_text(encoding="utf-8"))
    data["default_platforms"] = ["threads", "linkedin"]
    path = workspace.path / "platforms.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    platforms.use_workspace_catalog(path)
    try:
        main_window.new_post()
        assert main_window.compose.session.post.platforms == ["threads", "linkedin"]
    finally:
        platforms.use_workspace_catalog(None)
    buttons = main_window.compose.card_panel.format_buttons
    assert list(buttons) == list(data["formats"])


def test_stale_edit_is_shown_never_overwritten(qtbot, main_window, workspace):
    post_id = add_post(workspace)
    page = open_post(main_window, post_id)
    other = stored(workspace, post_id)
    other.caption = "Versi rekan kerja."
    workspace.posts.save(other, "rekan")
    qtbot.keyClicks(page.editor.master, "Saya ")
    qtbot.waitUntil(lambda: page.session.stale, timeout=3000)
    assert page.banner.isVisible()
    assert "orang lain" in page.banner_text.text()
    assert "TIDAK" in main_window.status_label.text()
    assert stored(workspace, post_id).caption == "Versi rekan kerja."
    page.reload_button.click()
    assert page.session.post.caption == "Versi rekan kerja."
    assert not page.banner.isVisible()


# -- recovery --------------------------------------------------------------------------------
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_recovery_prompt_after_unclean_exit(qtbot, workspace, monkeypatch):
    from sumbar_studio.ui.main_window import MainWindow

    monkeypatch.setattr(ComposePage, "default_timings", FAST)
    post_id = add_post(workspace)
    post = stored(workspace, post_id)
    # the previous session died with an unsaved edit in its journal
    journal = SessionJournal()
    journal.open()
    edited = post.copy()
    edited.caption = CAPTION + " Kalimat yang belum tersimpan."
    journal.record(edited, saved=False)
    assert journal.path.exists()

    window = MainWindow(workspace, AppSettings(user_name="Rina Marlina"))
    qtbot.addWidget(window)
    window.show()
    page = window.compose
    qtbot.waitUntil(
        lambda: page.recovery_dialog is not None and page.recovery_dialog.isVisible(), timeout=3000
    )
    box = page.recovery_dialog
    assert "belum tersimpan" in box.text()
    restore = next(b for b in box.buttons() if b.text() == "Pulihkan")
    restore.click()
    assert page.session.post.caption.endswith("Kalimat yang belum tersimpan.")
    qtbot.waitUntil(lambda: not page.session.dirty, timeout=3000)
    assert stored(workspace, post_id).caption.endswith("Kalimat yang belum tersimpan.")
    page.undo_action.trigger()  # the restore is one undoable step
    assert page.session.post.caption == CAPTION
    window.close()
    wait_for_background()
    assert not journal.path.exists()  # clean exit removes the marker


def test_clean_exit_removes_session_marker(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace))
    assert page.journal.path.exists()
    qtbot.keyClicks(page.editor.master, "x")
    main_window.close()
    assert not page.journal.path.exists()
    assert SessionJournal().take_previous() == []


def test_journal_content_round_trip(workspace):
    from sumbar_studio.ui.compose.journal import apply_content

    post = stored(workspace, add_post(workspace, event_date=date(2026, 12, 7)))
    data = content_of(post)
    again = apply_content(Post(title=""), data)
    assert content_of(again) == data


# -- models, accessibility, language -------------------------------------------------------
def test_item_models_pass_modeltester(qtbot, qtmodeltester, main_window, workspace):
    page = open_post(main_window, add_post(workspace, caption="Rapat pukul 09:00 wib."))
    dock = page.checklist
    qtbot.waitUntil(lambda: dock.model.rowCount() > 0, timeout=5000)
    qtmodeltester.check(dock.model)
    qtmodeltester.check(ChecklistModel())
    qtmodeltester.check(page.card_panel.templates)


def test_every_input_has_an_accessible_name(qtbot, main_window, workspace):
    page = open_post(main_window, add_post(workspace))
    page.card_panel.set_template("berita")
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton)
    missing = []
    for root in (page, page.checklist):
        for w in root.findChildren(kinds[0].__mro__[1]):
            if not isinstance(w, kinds) or not w.isVisibleTo(root):
                continue
            parent = w.parent()
            if isinstance(parent, QComboBox | QAbstractSpinBox):  # a combo's own line edit
                continue
            if w.objectName().startswith("qt_") or type(w).__name__ in ("QTabBar",):
                continue
            if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text()):
                missing.append((type(w).__name__, w.objectName()))
    assert not missing, missing


def test_docks_have_object_names_and_layout_is_remembered(qtbot, main_window):
    from PySide6.QtWidgets import QDockWidget

    for dock in main_window.findChildren(QDockWidget):
        assert dock.objectName()
    main_window.save_layout()
    assert AppSettings.load().window_state.get("state")


def test_english_switch(qtbot, workspace, monkeypatch):
    from sumbar_studio.ui.main_window import MainWindow

    monkeypatch.setattr(ComposePage, "default_timings", FAST)
    i18n.set_language("en")
    window = MainWindow(workspace, AppSettings(user_name="Rina"))
    qtbot.addWidget(window)
    page = window.compose
    assert page.editor.master.accessibleName() == "Master text"
    assert page.checklist.windowTitle() == "Checklist"
    page.shutdown()
    wait_for_background()
