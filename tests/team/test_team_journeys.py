"""The daily journeys of issue 12 on a team workspace: the officer's and the approver's, through
the visible actions of the real main window on the real team server (two desks, two logins).

The same steps as tests/ui/test_journeys_window.py and test_journeys_compose.py take on a local
workspace -- and with their helpers: ``gc.collect()`` and processed events between steps, the
non-blocking dialogs the actions open, answered by their buttons.
"""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from sumbar_studio.core.model import Action, Post, Status
from sumbar_studio.core.settings import AppSettings, Person
from sumbar_studio.core.store.postgres.workspace import TeamWorkspace
from sumbar_studio.core.timeutil import iso_week_of, now_utc, to_wib
from sumbar_studio.ui.background import wait_for_background
from sumbar_studio.ui.compose import ComposePage

UI = Path(__file__).resolve().parents[1] / "ui"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"_team_{name}", UI / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_window_journeys = _module("test_journeys_window")
_compose_journeys = _module("test_journeys_compose")
settle = _window_journeys.settle
menu_action = _window_journeys.menu_action
shown = _window_journeys.shown
wait_shown = _window_journeys.wait_shown


def choose_folder(qtbot, window, folder: Path) -> None:
    """The export folder chosen in the chooser, then "Pilih"."""
    chooser = wait_shown(qtbot, window, "exportFolderDialog")
    folder.mkdir(parents=True, exist_ok=True)

    def chosen() -> bool:  # the dialog's folder model reads the new folder in the background
        chooser.selectFile(str(folder))
        return chooser.selectedFiles() == [str(folder)]

    qtbot.waitUntil(chosen, timeout=10_000)
    chooser.accept()
    settle(qtbot)


def finish_export(qtbot, window):
    """As the local journey's, but a refusal shown instead of the progress dialog is named."""

    def started() -> bool:
        return shown(window, "exportDialog") is not None or bool(window.queue.last_error)

    qtbot.waitUntil(started, timeout=30_000)
    assert shown(window, "exportDialog") is not None, window.queue.last_error
    return _window_journeys.finish_export(qtbot, window)


answer = _window_journeys.answer
manifests = _window_journeys.manifests
choose_files = _compose_journeys._choose_files
type_into = _compose_journeys.type_into
FAST = _window_journeys.FAST

WAIT = 15_000  # ms: the change feed on a loaded machine
pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", r"does not support raise\(\)", "grabbing the keyboard"
)
NAMES = {"rina": "Rina Marlina", "budi": "Budi Santoso", "kabag": "Hj. Kepala"}
#: the team as the approver set it up on the server (team.json): the one who may approve
HEAD = Person("Hj. Kepala", "197001012000031001", "Kepala Bagian", True)
OFFICER = Person("Rina Marlina", "199001012015032001", "Pranata Humas")
CAPTION = (
    "Padang - DPRD Provinsi Sumatera Barat menggelar rapat paripurna pengesahan Ranperda "
    "tentang APBD 2027 menjadi Perda. #DPRDSumbar"
)


@pytest.fixture(autouse=True)
def _own_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setattr(ComposePage, "default_timings", FAST)
    monkeypatch.setenv("SUMBAR_EXPORT_DIR", str(tmp_path / "ekspor"))


@pytest.fixture(autouse=True)
def _qt_language_restored():
    """Qt's translators and default locale are process-wide: leave them as found."""
    from PySide6.QtCore import QLocale

    from sumbar_studio.ui.qt_i18n import apply_language

    before = QLocale()
    apply_language()  # as create_application does at start-up (Qt's dialogs in Indonesian)
    yield
    apply_language("en")
    QLocale.setDefault(before)


@pytest.fixture
def desks(team_db, tmp_path, qtbot):
    """open(login) -> that person's main window on their own login, listening, 1366x768."""
    opened = []

    def open_(login: str):
        from sumbar_studio.ui.main_window import MainWindow

        ws = TeamWorkspace.open(team_db.conninfo(login), cache_dir=tmp_path / f"desk-{login}")
        window = MainWindow(ws, AppSettings(user_name=NAMES[login]))
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        opened.append((window, ws))
        qtbot.waitUntil(lambda: window.live.resync_count >= 1, timeout=WAIT)
        window.compose  # noqa: B018 - built now, not by the warm-up after the test
        settle(qtbot)
        return window

    yield open_
    for window, ws in opened:
        for widget in QApplication.topLevelWidgets():
            if widget is not window and widget.isVisible() and widget.window() is widget:
                widget.close()
        window.connection.stop()
        window.compose.shutdown()
        window.queue.reminders.stop()
        wait_for_background()
        window.close()
        ws.close()


def _team_on_the_server(team_db, tmp_path) -> None:
    """The approver sets the team up once (team.json on the server, for every desk)."""
    kabag = TeamWorkspace.open(team_db.conninfo("kabag"), cache_dir=tmp_path / "setup-kabag")
    try:
        team = kabag.team_settings()
        team.people = [OFFICER, HEAD]
        team.preparer, team.head_of_section = OFFICER.name, HEAD.name
        kabag.save_team_settings(team)
    finally:
        kabag.close()


def _server_post(team_db, post_id: int) -> Post:
    return team_db.desk("budi").posts.get(post_id)


def _photo(tmp_path: Path) -> Path:
    path = tmp_path / "paripurna.jpg"
    img = Image.new("RGB", (1200, 800), (40, 90, 140))
    img.paste((230, 230, 230), (300, 200, 700, 500))
    img.save(path, "JPEG", quality=85)
    return path


def _status_in_list(window, post_id: int) -> Status | None:
    model = window.queue.list_model
    row = model.row_of(post_id)
    summary = model.summary(row) if row >= 0 else None
    return summary.status if summary is not None else None


# -- the officer writes, the approver approves, the officer schedules, exports, prints, publishes
def test_a_post_from_the_queue_to_published_on_two_desks(qtbot, team_db, desks, tmp_path):
    _team_on_the_server(team_db, tmp_path)
    rina = desks("rina")
    queue, compose = rina.queue, rina.compose
    rina.tabs.setCurrentWidget(queue)
    queue.new_button.click()  # "Unggahan baru" in the queue
    settle(qtbot)
    assert rina.tabs.currentWidget() is compose
    type_into(qtbot, compose.editor.title, "Rapat paripurna APBD 2027", enter=False)
    compose.editor.master.setFocus()
    qtbot.keyClicks(compose.editor.master, CAPTION)
    qtbot.waitUntil(lambda: compose.post_id is not None and not compose.session.dirty, timeout=WAIT)
    post_id = compose.post_id
    choose_files(qtbot, compose.card_panel.photos, [_photo(tmp_path)])
    strip = compose.card_panel.photos
    strip.list.setCurrentRow(0)
    type_into(qtbot, strip.alt, "Suasana rapat paripurna", enter=False)
    qtbot.waitUntil(lambda: not compose.session.dirty, timeout=WAIT)  # autosaved on the server
    stored = _server_post(team_db, post_id)
    assert stored.caption == CAPTION and [m.filename for m in stored.media] == ["paripurna.jpg"]
    assert stored.media[0].alt_text == "Suasana rapat paripurna"
    compose.checklist.submit_button.click()
    settle(qtbot)
    assert _server_post(team_db, post_id).status == Status.REVIEW

    # the approver's desk hears of it and approves in the compose dock
    kabag = desks("kabag")
    kabag.queue.set_view("list")
    qtbot.waitUntil(lambda: _status_in_list(kabag, post_id) == Status.REVIEW, timeout=WAIT)
    kabag.open_post(post_id)
    settle(qtbot)
    page = kabag.compose
    assert page.session.post.status == Status.REVIEW
    assert page.session.post.media[0].filename == "paripurna.jpg"
    dock = page.checklist
    assert dock.approver.currentData() == HEAD
    qtbot.waitUntil(dock.approve_button.isEnabled, timeout=WAIT)
    dock.approve_button.click()
    settle(qtbot)
    if _server_post(team_db, post_id).status != Status.APPROVED:  # blocked: a reason
        dock.override.setText("Sudah diperiksa langsung oleh Kepala Bagian.")
        dock.approve_button.click()
        settle(qtbot)
    stored = _server_post(team_db, post_id)
    assert stored.status == Status.APPROVED, dock.approval_label.text()
    assert stored.approval.approver == "Hj. Kepala"  # the server names who approved
    assert stored.approval_valid()

    # back on the officer's desk: approved without a reload; schedule from the queue
    rina.tabs.setCurrentWidget(queue)
    queue.set_view("list")
    qtbot.waitUntil(lambda: _status_in_list(rina, post_id) == Status.APPROVED, timeout=WAIT)
    queue.select_post(post_id)
    settle(qtbot)
    queue.panel.buttons[Action.SCHEDULE].click()
    dialog = wait_shown(qtbot, rina, "scheduleDialog")
    tomorrow = to_wib(now_utc()).replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(
        days=1
    )
    dialog.edit.setValue(tomorrow)
    dialog.accept()
    settle(qtbot)
    stored = _server_post(team_db, post_id)
    assert stored.status == Status.SCHEDULED and stored.scheduled_at == tomorrow

    # export the day and the week of the schedule: image, caption, manifest
    queue.show_week(*iso_week_of(tomorrow))
    queue.set_view("week")
    settle(qtbot)
    queue.select_post(post_id)
    out_day = tmp_path / "ekspor-hari"
    queue.export_day_action.trigger()
    choose_folder(qtbot, rina, out_day)
    results = finish_export(qtbot, rina)
    assert [r.path.parent for r in results] == [out_day]
    [(name, manifest)] = manifests(out_day).items()
    assert not manifest["draft"]
    bundle = out_day / name
    files = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()]
    assert any(f.startswith("instagram/") and f.endswith(".jpg") for f in files), files
    captions = [f for f in files if f.endswith(".txt")]
    assert captions and any(
        "rapat paripurna" in (bundle / f).read_text(encoding="utf-8") for f in captions
    ), files
    out_week = tmp_path / "ekspor-minggu"
    menu_action(rina, "exportWeek").trigger()
    choose_folder(qtbot, rina, out_week)
    finish_export(qtbot, rina)
    assert len(manifests(out_week)) == 1

    # print preview of the plan, then "Simpan sebagai PDF"
    queue.print_button.click()
    preview = wait_shown(qtbot, rina, "planPreview")
    settle(qtbot)
    qtbot.waitUntil(lambda: preview.pages_painted >= 1, timeout=30_000)
    assert "Rapat paripurna APBD 2027" in preview.html
    preview.close()
    settle(qtbot)
    queue.save_plan_action.trigger()
    chooser = wait_shown(qtbot, rina, "planPdfDialog")
    target = tmp_path / "rencana.pdf"
    chooser.selectFile(str(target))
    chooser.accept()
    settle(qtbot)
    reader = PdfReader(str(target))
    assert len(reader.pages) >= 1
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Rapat paripurna APBD 2027" in text

    # mark published with the live address
    queue.select_post(post_id)
    queue.panel.buttons[Action.PUBLISH].click()
    dialog = wait_shown(qtbot, rina, "publishDialog")
    dialog.fields["instagram"].setText("https://www.instagram.com/p/paripurna2027")
    dialog.accept()
    settle(qtbot)
    stored = _server_post(team_db, post_id)
    assert stored.status == Status.PUBLISHED
    assert stored.published_urls["instagram"] == "https://www.instagram.com/p/paripurna2027"
    qtbot.waitUntil(lambda: _status_in_list(kabag, post_id) == Status.PUBLISHED, timeout=WAIT)

    # the approver's desk exports it too: the photo comes from the server, not a shared folder
    kabag.tabs.setCurrentWidget(kabag.queue)
    kabag.queue.select_post(post_id)
    for cached in (kabag.workspace.path / "media").rglob("*.jpg"):
        cached.unlink()  # as on a desk that never showed the photo
    kabag.queue.panel.export_button.click()
    out_kabag = tmp_path / "ekspor-kabag"
    choose_folder(qtbot, kabag, out_kabag)
    finish_export(qtbot, kabag)
    [bundle] = [p.parent for p in out_kabag.glob("*/manifest.json")]
    assert list(bundle.glob("instagram/*.jpg"))


def test_the_approver_approves_from_the_queue(qtbot, team_db, desks, tmp_path):
    _team_on_the_server(team_db, tmp_path)
    rina = team_db.desk("rina")
    post = rina.posts.add(
        Post(title="Reses Dapil II", caption=CAPTION, platforms=["instagram"]), "Rina Marlina"
    )
    rina.posts.transition(post.id, Action.SUBMIT, "Rina Marlina")
    kabag = desks("kabag")
    queue = kabag.queue
    queue.set_view("list")
    qtbot.waitUntil(lambda: _status_in_list(kabag, post.id) == Status.REVIEW, timeout=WAIT)
    queue.select_post(post.id)
    queue.panel.buttons[Action.APPROVE].click()
    dialog = wait_shown(qtbot, kabag, "approveDialog")
    assert dialog.approvers == [HEAD]
    dialog.reason.setPlainText("Sudah diperiksa langsung oleh Kepala Bagian.")
    dialog.accept()
    settle(qtbot)
    stored = _server_post(team_db, post.id)
    assert stored.status == Status.APPROVED, queue.last_error
    assert stored.approval.approver == "Hj. Kepala" and stored.approval_valid()
    assert "Hj. Kepala" in queue.panel.meta.text()


def test_duplicate_and_delete_a_draft_with_a_desk_snapshot(qtbot, team_db, desks):
    window = desks("rina")
    ws, queue = window.workspace, window.queue
    post = ws.posts.add(
        Post(title="Reses Dapil I", caption="Teks reses.", platforms=["instagram"]), "Rina Marlina"
    )
    queue.set_view("list")
    qtbot.waitUntil(lambda: queue.list_model.row_of(post.id) >= 0, timeout=WAIT)
    queue.select_post(post.id)
    menu_action(window, "duplicatePost").trigger()
    settle(qtbot)
    kabag = team_db.desk("kabag").posts
    titles = sorted(p.title for p in kabag.list())
    assert titles == ["Reses Dapil I", "Reses Dapil I (salinan)"], queue.last_error
    copy = next(p for p in kabag.list() if p.title.endswith("(salinan)"))
    qtbot.waitUntil(lambda: queue.selected_post_id() == copy.id, timeout=WAIT)
    menu_action(window, "deleteDraft").trigger()
    answer(qtbot, window, "deleteDraftQuestion", "cancel")  # asks first; refused keeps it
    assert kabag.count() == 2
    menu_action(window, "deleteDraft").trigger()
    answer(qtbot, window, "deleteDraftQuestion", "delete")
    assert [p.title for p in kabag.list()] == ["Reses Dapil I"], queue.last_error
    qtbot.waitUntil(lambda: queue.list_model.row_of(copy.id) < 0, timeout=WAIT)
    # the desk took a snapshot of the server's posts first: the deleted draft is in it
    [snapshot] = [b for b in ws.backups() if "sebelum-hapus" in b.name]
    import sqlite3

    conn = sqlite3.connect(snapshot)
    try:
        saved = {r[0] for r in conn.execute("SELECT title FROM posts")}
    finally:
        conn.close()
    assert "Reses Dapil I (salinan)" in saved
    assert str(snapshot) in queue.status_label.text()


def test_search_and_filter_the_team_queue(qtbot, team_db, desks):
    rina = team_db.desk("rina")
    rina.posts.add(Post(title="Rapat Banggar", caption="Anggaran.", platforms=["instagram"]), "r")
    other = rina.posts.add(
        Post(
            title="Kunjungan kerja Komisi IV", caption="Jembatan Pasaman.", platforms=["instagram"]
        ),
        "r",
    )
    rina.posts.transition(other.id, Action.SUBMIT, "r")
    window = desks("budi")
    queue = window.queue
    queue.set_view("list")
    settle(qtbot)
    assert queue.list_model.total() == 2
    type_into(qtbot, queue.search, "jembat", enter=False)  # a word of the caption, a prefix
    qtbot.waitUntil(lambda: queue.list_model.total() == 1, timeout=WAIT)
    assert queue.list_model.row_of(other.id) >= 0
    queue.search.clear()
    qtbot.waitUntil(lambda: queue.list_model.total() == 2, timeout=WAIT)
    queue.status_filter.setCurrentIndex(queue.status_filter.findData(Status.REVIEW))
    qtbot.waitUntil(lambda: queue.list_model.total() == 1, timeout=WAIT)
    assert queue.list_model.row_of(other.id) >= 0


def test_settings_saved_by_the_approver_reach_another_desk(qtbot, team_db, desks):
    kabag = desks("kabag")
    rina = desks("rina")
    menu_action(kabag, "openSettings").trigger()
    dialog = wait_shown(qtbot, kabag, "settingsDialog")
    assert dialog.may_edit_team
    row = dialog.people_model.add()
    dialog.people_model.people[row] = HEAD
    dialog.preparer.setText("Rina Marlina")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    settle(qtbot)
    assert shown(kabag, "settingsDialog") is None, dialog.error.text()
    from sumbar_studio.core.store.postgres.connection import connect

    with connect(team_db.conninfo()) as owner:
        names = {r[0] for r in owner.execute("SELECT name FROM sumbar.documents").fetchall()}
    assert "team.json" in names
    # the other desk follows (the feed announces the document; refresh_shared_files pulls it)
    qtbot.waitUntil(lambda: rina.workspace.team_settings().preparer == "Rina Marlina", timeout=WAIT)
    assert rina.workspace.refresh_shared_files() == []  # already up to date
    assert rina.workspace.team_settings().people == [HEAD]
    # the open pages follow: the queue's people filter names the new person
    filters = rina.queue.assignee_filter
    qtbot.waitUntil(
        lambda: "Hj. Kepala" in [filters.itemText(i) for i in range(filters.count())],
        timeout=WAIT,
    )


def test_the_inbox_on_the_server_record_an_entry_and_draft_a_reply(qtbot, team_db, desks, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from sumbar_studio.core.inbox import EntryStatus

    _team_on_the_server(team_db, tmp_path)
    window = desks("rina")
    page = window.inbox
    window.tabs.setCurrentWidget(page)
    settle(qtbot)
    QGuiApplication.clipboard().setText(
        "@uda_padang: Jalan provinsi di Lubuk Begalung rusak parah, kapan diperbaiki?"
    )
    form = page.form
    form.paste.setFocus()
    qtbot.keyClick(form.paste, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    qtbot.keyClicks(form.topic, "Jalan rusak")
    form.paste.setFocus()
    qtbot.keyClick(form.paste, Qt.Key.Key_Return)
    settle(qtbot)
    assert page.model.rowCount() == 1, page.status.text()
    panel = page.panel
    panel.officer.setCurrentText(OFFICER.name)
    panel.assign_button.click()
    settle(qtbot)
    assert panel.entry.status == EntryStatus.HANDLING, page.status.text()
    panel.template.setCurrentIndex(max(panel.template.findData("diteruskan"), 0))
    panel.target.setCurrentText("Komisi IV")
    panel.forward_button.click()
    settle(qtbot)
    panel.fill_button.click()
    settle(qtbot)
    assert "@uda_padang" in panel.reply_edit.toPlainText()
    panel.check_button.click()
    settle(qtbot)
    assert "tidak ada yang memblokir" in panel.reply_state.text(), panel.reply_state.text()
    # the approver's desk: the entry arrives, its reply is approved in Hj. Kepala's name
    kabag = desks("kabag")
    other = kabag.inbox
    kabag.tabs.setCurrentWidget(other)
    qtbot.waitUntil(lambda: other.model.rowCount() == 1, timeout=WAIT)
    other.select(panel.entry.id)
    settle(qtbot)
    kpanel = other.panel
    assert "@uda_padang" in kpanel.reply_edit.toPlainText()
    assert [kpanel.approver.itemText(i) for i in range(kpanel.approver.count())] == [HEAD.name]
    kpanel.approve_button.click()
    settle(qtbot)
    draft = kpanel.service.draft(panel.entry.id)
    assert draft.approved_by == "Hj. Kepala", other.status.text()
    # back at the officer's desk: copied and marked sent
    qtbot.waitUntil(lambda: panel.send_button.isEnabled(), timeout=WAIT)
    panel.send_button.click()
    settle(qtbot)
    assert panel.entry.status == EntryStatus.ANSWERED, page.status.text()


def test_the_days_actions_with_the_server_gone_say_why(qtbot, team_db, desks, tmp_path):
    """Every action of the day, taken while the server cannot be reached: a translated reason
    (never a raw driver error, never nothing at all), and no exception in the event loop."""
    rina_desk = team_db.desk("rina")
    when = now_utc().replace(minute=0, second=0, microsecond=0) + timedelta(hours=2)
    post = rina_desk.posts.add(
        Post(title="Sidang paripurna", caption=CAPTION, platforms=["instagram"], scheduled_at=when),
        "Rina Marlina",
    )
    window = desks("rina")
    queue = window.queue
    queue.set_view("list")
    qtbot.waitUntil(lambda: queue.list_model.row_of(post.id) >= 0, timeout=WAIT)
    queue.select_post(post.id)
    window.connection.check_timer.stop()
    team_db.cut_off("rina")
    try:
        errors = []

        def said() -> str:
            text = queue.last_error or ""
            errors.append(text)
            assert "psycopg" not in text.lower() and "server closed" not in text.lower(), text
            return text

        queue.last_error = ""
        menu_action(window, "duplicatePost").trigger()
        settle(qtbot)
        assert "tidak dapat dihubungi" in said()
        qtbot.waitUntil(lambda: window.connection.banner.isVisible(), timeout=WAIT)
        queue.last_error = ""
        menu_action(window, "deleteDraft").trigger()  # asks first, then says why it cannot
        answer(qtbot, window, "deleteDraftQuestion", "delete")
        assert "tidak dapat dihubungi" in said()
        assert not [b for b in window.workspace.backups() if "sebelum-hapus" in b.name]
        queue.last_error = ""
        queue.print_plan()
        settle(qtbot)
        assert shown(window, "planPreview") is None and "tidak dapat dihubungi" in said()
        queue.last_error = ""
        queue.save_plan_action.trigger()
        chooser = wait_shown(qtbot, window, "planPdfDialog")
        chooser.selectFile(str(tmp_path / "rencana-offline.pdf"))
        chooser.accept()
        settle(qtbot)
        assert "tidak dapat dihubungi" in said()
        assert not (tmp_path / "rencana-offline.pdf").exists()
        queue.last_error = ""
        queue.export_day_action.trigger()
        settle(qtbot)
        answer(qtbot, window, "exportSkippedQuestion", "drafts")
        chooser = wait_shown(qtbot, window, "exportFolderDialog")
        chooser.fileSelected.emit(str(tmp_path / "ekspor-offline"))  # as "Pilih" does
        chooser.close()
        settle(qtbot)
        # the last loaded queue is still there to export (the photos a desk has are cached)
        dialog = wait_shown(qtbot, window, "exportDialog")
        with qtbot.waitSignal(dialog.finished, timeout=90_000):
            pass
        assert dialog.outcome == "done", dialog.error
        assert len(manifests(tmp_path / "ekspor-offline")) == 1
        said()
        # the settings open read-only, with the reason
        menu_action(window, "openSettings").trigger()
        dialog = wait_shown(qtbot, window, "settingsDialog")
        assert not dialog.may_edit_team
        dialog.reject()
        settle(qtbot)
        window.tabs.setCurrentWidget(window.inbox)
        settle(qtbot)
        # the Kotak Masukan page opens and says why its register cannot be read now
        status = window.inbox.status.text()
        assert "tidak dapat dihubungi" in status and "psycopg" not in status.lower()
        assert window.inbox.model.rowCount() == 0
    finally:
        team_db.reopen()


def test_the_approver_is_the_one_logged_in_even_before_the_team_is_set_up(qtbot, team_db, desks):
    """The server names the approver from its staff list, whoever the window offers: so the
    window offers exactly the person logged in (an approver), also with no team.json yet."""
    rina_desk = team_db.desk("rina")
    post = rina_desk.posts.add(
        Post(title="Reses Dapil III", caption=CAPTION, platforms=["instagram"]), "Rina Marlina"
    )
    rina_desk.posts.transition(post.id, Action.SUBMIT, "Rina Marlina")
    kabag = desks("kabag")
    assert kabag.workspace.team_settings().people == []  # nobody set up in the settings
    kabag.open_post(post.id)
    settle(qtbot)
    dock = kabag.compose.checklist
    assert dock.approver.count() == 1
    assert dock.approver.currentData() == HEAD  # name, NIP and title from the staff list
    kabag.inbox.panel.reload_lists()
    assert kabag.inbox.panel.approver.currentText() == HEAD.name  # a reply's approver too
    kabag.queue.set_view("list")
    kabag.queue.select_post(post.id)
    kabag.queue.panel.buttons[Action.APPROVE].click()
    dialog = wait_shown(qtbot, kabag, "approveDialog")
    assert dialog.approvers == [HEAD]
    dialog.reason.setPlainText("Sudah diperiksa langsung oleh Kepala Bagian.")
    dialog.accept()
    settle(qtbot)
    stored = _server_post(team_db, post.id)
    assert stored.status == Status.APPROVED, kabag.queue.last_error
    assert stored.approval.approver == "Hj. Kepala"

    # an officer's desk offers nobody (the server would refuse), and says where approval is
    rina = desks("rina")
    rina.open_post(post.id)
    settle(qtbot)
    dock = rina.compose.checklist
    assert dock.approver.currentData() is None
    assert "penyetuju" in dock.approver.currentText()
    assert not dock.approve_button.isEnabled()


def test_every_read_on_a_lost_connection_is_the_apps_own_error(team_db):
    """No raw driver error reaches a window: each read of the repository, the inbox register
    and the desk's photos on a connection that went away says "tidak dapat dihubungi"."""
    import psycopg

    from sumbar_studio.core.errors import WorkspaceError
    from sumbar_studio.core.store.postgres.inbox import PostgresInboxRepository
    from sumbar_studio.core.store.protocol import PostQuery

    repo = team_db.repository("rina")
    inbox = PostgresInboxRepository(repo)
    repo.connection.close()
    sha = "ab" * 32
    calls = {
        "login": (),
        "get": (1,),
        "get_many": ([1],),
        "query": (PostQuery(),),
        "ids": (PostQuery(),),
        "count": (),
        "summaries": ([1],),
        "assignees": (),
        "event_keys": (),
        "editors": (1,),
        "editing_now": (),
        "people": (),
        "comments": (1,),
        "mentioning": ("rina",),
        "history": (1,),
        "media_row": (sha,),
        "media_rows": (),
        "media_problems": (),
        "media_bytes": (sha,),
    }
    for name, args in calls.items():
        with pytest.raises(WorkspaceError) as said:
            getattr(repo, name)(*args)
        assert not isinstance(said.value, psycopg.Error), name
        assert "tidak dapat dihubungi" in said.value.user_message(), name
    from sumbar_studio.core.store.inbox import EntryQuery

    with pytest.raises(WorkspaceError):
        inbox.ids(EntryQuery())
