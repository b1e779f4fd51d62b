"""Journeys through the real main window, the way a person takes them (issue 10).

Each test drives :class:`MainWindow` through what is on screen — menu and toolbar actions,
buttons, the non-blocking dialogs they open — and calls ``gc.collect()`` and processes events
between steps: that is what exposes a Qt object freed while a non-modal window still uses it
(the weekly plan's QPrinter was one, a segmentation fault no widget test saw).
"""

from __future__ import annotations

import gc
import json
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from sumbar_studio.core.model import Post, Status
from sumbar_studio.core.settings import AppSettings, Person
from sumbar_studio.core.timeutil import iso_week_of, now_utc, to_wib
from sumbar_studio.ui.background import wait_for_background
from sumbar_studio.ui.compose import ComposePage, Timings

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FAST = Timings(autosave_ms=60, max_wait_ms=400, journal_ms=20, check_ms=10, checklist_ms=20)
APPROVER = Person("Drs. Hendra Saputra, M.Si.", "197506181998031003", "Kepala Bagian", True)
OFFICER = Person("Rina Marlina, S.I.Kom.", "199203152019032011", "Pranata Humas Ahli Pertama")
CAPTION = (
    "Padang - DPRD Provinsi Sumatera Barat menggelar rapat paripurna pengesahan Ranperda "
    "tentang Pengelolaan Keuangan Daerah menjadi Perda. #DPRDSumbar"
)


# -- how a person acts ----------------------------------------------------------------------
def settle(qtbot, ms: int = 20) -> None:
    """Between two steps: collect garbage, let Qt deliver what is pending."""
    gc.collect()
    QApplication.processEvents()
    qtbot.wait(ms)
    gc.collect()


def menu_action(window, name: str) -> QAction:
    """The action called ``name`` in one of the window's menus (visible and enabled)."""
    for top in window.menuBar().actions():
        menu = top.menu()
        for action in menu.actions() if menu is not None else []:
            if action.objectName() == name:
                assert action.isVisible() and action.isEnabled(), name
                return action
    raise AssertionError(f"no menu action {name!r}")


def shown(window, name: str, cls=QWidget):
    """The visible widget (dialog, box) called ``name`` inside the window, newest last."""
    found = [w for w in window.findChildren(cls, name) if w.isVisible()]
    return found[-1] if found else None


def wait_shown(qtbot, window, name: str, timeout: int = 30000):
    qtbot.waitUntil(lambda: shown(window, name) is not None, timeout=timeout)
    return shown(window, name)


def choose_folder(qtbot, window, folder: Path, name: str = "exportFolderDialog") -> None:
    chooser = wait_shown(qtbot, window, name)
    folder.mkdir(parents=True, exist_ok=True)
    chooser.setDirectory(str(folder))  # open the folder, then "Pilih" with nothing typed
    settle(qtbot, 50)
    assert chooser.selectedFiles() == [str(folder)]
    chooser.accept()
    settle(qtbot)


def finish_export(qtbot, window):
    dialog = wait_shown(qtbot, window, "exportDialog")
    with qtbot.waitSignal(dialog.finished, timeout=90000):
        pass
    assert dialog.outcome == "done", dialog.error
    settle(qtbot)
    return dialog.results


def answer(qtbot, window, name: str, key: str) -> None:
    box = wait_shown(qtbot, window, name)
    box.choices[key].click()
    settle(qtbot)


def manifests(folder: Path) -> dict[str, dict]:
    return {
        p.parent.name: json.loads(p.read_text(encoding="utf-8"))
        for p in folder.glob("*/manifest.json")
    }


@pytest.fixture
def window(qtbot, workspace, monkeypatch):
    from sumbar_studio.ui.main_window import MainWindow

    monkeypatch.setattr(ComposePage, "default_timings", FAST)
    monkeypatch.setenv("SUMBAR_EXPORT_DIR", str(workspace.path.parent / "ekspor"))
    team = workspace.team_settings()
    team.people = [OFFICER, APPROVER]
    team.preparer, team.head_of_section = OFFICER.name, APPROVER.name
    workspace.save_team_settings(team)
    win = MainWindow(workspace, AppSettings(user_name=OFFICER.name))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()  # keyboard shortcuts go to the active window
    qtbot.waitActive(win)
    yield win
    for widget in QApplication.topLevelWidgets():
        if widget is not win and widget.isVisible():
            widget.close()
    win.compose.shutdown()
    win.queue.reminders.stop()
    wait_for_background()


def approved_post(qtbot, window, title: str) -> int:
    """New post → caption → submit → approve in the compose dock, by its buttons."""
    queue, compose = window.queue, window.compose
    window.tabs.setCurrentWidget(queue)
    queue.new_button.click()  # "Unggahan baru" in the queue
    settle(qtbot)
    assert window.tabs.currentWidget() is compose
    qtbot.keyClicks(compose.editor.title, title)
    compose.editor.master.setFocus()
    qtbot.keyClicks(compose.editor.master, CAPTION)
    qtbot.waitUntil(lambda: compose.post_id is not None and not compose.session.dirty, timeout=5000)
    settle(qtbot)
    dock = compose.checklist
    dock.submit_button.click()
    settle(qtbot)
    post_id = compose.post_id
    # the queue heard of it at once: the submitted post is in its list
    queue.set_view("list")
    assert queue.list_model.row_of(post_id) >= 0, "submitted post missing from the list"
    assert window.workspace.posts.get(post_id).status == Status.REVIEW
    assert dock.approver.currentData() == APPROVER
    dock.approve_button.click()
    settle(qtbot)
    if window.workspace.posts.get(post_id).status != Status.APPROVED:  # blocked: a reason
        dock.override.setText("Sudah diperiksa langsung oleh Kepala Bagian.")
        dock.approve_button.click()
        settle(qtbot)
    assert window.workspace.posts.get(post_id).status == Status.APPROVED
    return post_id


# -- the journeys ---------------------------------------------------------------------------
def test_a_post_from_new_to_exported_printed_and_saved(
    qtbot, window, workspace, tmp_path, monkeypatch
):
    queue = window.queue
    post_id = approved_post(qtbot, window, "Rapat paripurna Ranperda APBD")
    # the queue shows the approved post without being told to refresh
    window.tabs.setCurrentWidget(queue)
    settle(qtbot)
    queue.select_post(post_id)
    assert queue.panel.post.status == Status.APPROVED

    # schedule it from the queue panel: tomorrow 09.00 WIB
    queue.panel.buttons[next(a for a in queue.panel.buttons if a.value == "schedule")].click()
    dialog = wait_shown(qtbot, window, "scheduleDialog")
    tomorrow = to_wib(now_utc()).replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(
        days=1
    )
    dialog.edit.setValue(tomorrow)
    dialog.accept()
    settle(qtbot)
    assert workspace.posts.get(post_id).status == Status.SCHEDULED
    # a draft in the same week (not approved): skipped unless asked for
    draft = workspace.posts.add(
        Post(
            title="Draf kunjungan kerja",
            caption="Teks draf.",
            platforms=["instagram"],
            scheduled_at=tomorrow,
        ),
        "t",
    )
    window.events.posts_changed([draft.id], "test")
    queue.show_week(*iso_week_of(tomorrow))
    queue.set_view("week")
    settle(qtbot)
    assert queue.week_model.rowCount() == 2

    # export the post (panel button) → folder → bundle; "Buka folder" is offered
    out = tmp_path / "ekspor-post"
    queue.select_post(post_id)
    queue.panel.export_button.click()
    choose_folder(qtbot, window, out)
    results = finish_export(qtbot, window)
    assert [r.path.parent for r in results] == [out]
    assert queue.open_folder_button.isVisible()
    opened = []  # the desktop's file manager is outside the test: record what it is asked
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(
        QDesktopServices,
        "openUrl",
        staticmethod(lambda url: opened.append(url.toLocalFile()) or True),
    )
    queue.open_folder_button.click()
    assert opened == [str(out)]
    assert not manifests(out)[results[0].path.name]["draft"]

    # export the day: the draft is named as skipped, and included on request, watermarked
    out_day = tmp_path / "ekspor-hari"
    queue.export_day_action.trigger()
    box = wait_shown(qtbot, window, "exportSkippedQuestion")
    assert "1 unggahan" in box.text() and "belum disetujui" in box.text()
    box.choices["drafts"].click()
    settle(qtbot)
    choose_folder(qtbot, window, out_day)
    results = finish_export(qtbot, window)
    found = manifests(out_day)
    assert [r.path.parent for r in results] == [out_day, out_day], results
    assert len(found) == 2
    assert sorted(m["draft"] for m in found.values()) == [False, True]
    assert any(m["draft_mark"] == "DRAF — BELUM DISETUJUI" for m in found.values())

    # export the week from the File menu: only the approved one when the officer says so
    out_week = tmp_path / "ekspor-minggu"
    menu_action(window, "exportWeek").trigger()
    answer(qtbot, window, "exportSkippedQuestion", "ready")
    choose_folder(qtbot, window, out_week)
    finish_export(qtbot, window)
    assert len(manifests(out_week)) == 1
    # again into the same folder: asks before replacing; refused, the old bundle stays
    before = sorted(p.name for p in out_week.iterdir())
    menu_action(window, "exportWeek").trigger()
    answer(qtbot, window, "exportSkippedQuestion", "ready")
    choose_folder(qtbot, window, out_week)
    answer(qtbot, window, "exportOverwriteQuestion", "cancel")
    assert sorted(p.name for p in out_week.iterdir()) == before
    assert shown(window, "exportDialog") is None

    # print preview through Ctrl+P while the editor has focus: painted, nothing freed early
    window.tabs.setCurrentWidget(window.compose)
    window.activateWindow()
    qtbot.waitActive(window)
    window.compose.editor.master.setFocus()
    settle(qtbot)
    QTest.keyClick(window.compose.editor.master, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = wait_shown(qtbot, window, "planPreview")
    settle(qtbot)
    qtbot.waitUntil(lambda: preview.pages_painted >= 1, timeout=30000)
    settle(qtbot)
    preview.close()
    settle(qtbot)

    # "Simpan sebagai PDF" from the print button's menu: a save dialog with the plan's name
    queue.save_plan_action.trigger()
    chooser = wait_shown(qtbot, window, "planPdfDialog")
    year, week = queue.week_model.year, queue.week_model.week
    # it offers the plan's name in the folder of the last export
    assert chooser.selectedFiles() == [str(out_week / f"rencana-konten-{year}-W{week:02d}.pdf")]
    target = tmp_path / f"rencana-konten-{year}-W{week:02d}.pdf"
    chooser.selectFile(str(target))
    chooser.accept()
    settle(qtbot)
    reader = PdfReader(str(target))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Rencana Konten Media Sosial" in " ".join(text.split())
    assert "Rapat paripurna Ranperda APBD" in " ".join(text.split())
    assert str(target) in queue.status_label.text()


def test_print_plan_from_the_toolbar_survives_garbage_collection(qtbot, window, workspace):
    """On main this was a segmentation fault: the preview's QPrinter lived in a local."""
    workspace.posts.add(
        Post(
            title="Kunjungan kerja ke Agam",
            caption="Teks.",
            platforms=["instagram"],
            scheduled_at=now_utc() + timedelta(hours=2),
        ),
        "rina",
    )
    window.queue.go_today()  # re-reads the week
    window.queue.print_button.click()
    preview = wait_shown(qtbot, window, "planPreview")
    for _ in range(3):
        settle(qtbot)
    qtbot.waitUntil(lambda: preview.pages_painted >= 1, timeout=30000)
    assert "Kunjungan kerja ke Agam" in preview.html
    preview.close()
    settle(qtbot)
    # the printer chooser owns its printer too; cancelled, nothing is printed
    window.queue.printer_plan_action.trigger()
    chooser = wait_shown(qtbot, window, "planPrintDialog")
    settle(qtbot)
    assert chooser.printer is not None and chooser.pages_printed == 0
    chooser.reject()
    settle(qtbot)
    assert shown(window, "planPrintDialog") is None


def test_ctrl_f_finds_from_anywhere_in_the_window(qtbot, window):
    window.tabs.setCurrentWidget(window.compose)
    window.compose.editor.title.setFocus()
    settle(qtbot)
    QTest.keyClick(window.compose.editor.title, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert window.tabs.currentWidget() is window.queue
    assert window.queue.search.hasFocus()


def test_welcome_on_a_workspace_with_work_asks_and_keeps_everything(qtbot, window, workspace):
    for i in range(3):
        workspace.posts.add(Post(title=f"Pekerjaan nyata {i}", caption="Teks."), "rina")
    team_before = workspace.team_settings_path.read_bytes()
    window.events.posts_changed([], "test")
    menu_action(window, "showWelcome").trigger()
    welcome = wait_shown(qtbot, window, "welcomeDialog")
    welcome.demo_button.click()
    box = wait_shown(qtbot, window, "welcomeReplaceQuestion")
    assert "3 unggahan" in box.text() and "2 orang" in box.text()
    box.choices["keep"].click()  # refused: nothing changes
    settle(qtbot)
    assert workspace.posts.count() == 3
    assert workspace.team_settings_path.read_bytes() == team_before
    assert not [b for b in workspace.backups() if "sebelum-ganti" in b.name]
    assert "Tidak ada yang diubah" in welcome.status.text()

    # accepted: a full backup first (database and team file), then the demo replaces the work
    welcome.demo_button.click()
    with qtbot.waitSignal(welcome.workspaceFilled, timeout=60000):
        answer(qtbot, window, "welcomeReplaceQuestion", "replace")
    settle(qtbot)
    backup = next(b for b in workspace.backups() if "sebelum-ganti" in b.name)
    assert Path(f"{backup}.team.json").read_bytes() == team_before
    import sqlite3

    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT count(*) FROM posts").fetchone()[0] == 3
    conn.close()
    assert workspace.posts.count() > 3  # the demo
    # every page follows: the list, and the compose dock's approvers of the demo team
    window.queue.set_view("list")
    assert window.queue.list_model.total() == workspace.posts.count()
    approvers = [
        window.compose.checklist.approver.itemData(i)
        for i in range(window.compose.checklist.approver.count())
    ]
    demo_approvers = [p for p in workspace.team_settings().people if p.can_approve]
    assert approvers == demo_approvers


def test_welcome_opens_the_demo_beside_the_work(qtbot, window, workspace):
    workspace.posts.add(Post(title="Pekerjaan nyata", caption="Teks."), "rina")
    menu_action(window, "showWelcome").trigger()
    welcome = wait_shown(qtbot, window, "welcomeDialog")
    welcome.demo_button.click()
    answer(qtbot, window, "welcomeReplaceQuestion", "separate")
    qtbot.waitUntil(lambda: window.replaced_by is not None, timeout=60000)
    settle(qtbot)
    new = window.replaced_by
    assert new.isVisible() and not window.isVisible()
    assert new.workspace.path == workspace.path.parent / "ruang-kerja-contoh"
    assert new.workspace.posts.count() > 1
    assert [p.title for p in workspace.posts.list()] == ["Pekerjaan nyata"]  # untouched
    assert AppSettings.load().last_workspace == str(new.workspace.path)
    assert not window.queue._reminders_running and not window.queue.reminders.armed()
    new.compose.shutdown()
    new.queue.reminders.stop()
    wait_for_background()
    demo = new.workspace
    new.close()
    demo.close()  # the app closes it when it quits


def test_settings_change_is_seen_by_the_open_pages(qtbot, window, workspace):
    queue, compose = window.queue, window.compose
    post = workspace.posts.add(
        Post(title="Ucapan Hari Ibu", caption="Selamat Hari Ibu.", platforms=["instagram"]), "rina"
    )
    window.open_post(post.id)
    settle(qtbot)
    dock = compose.checklist
    assert dock.approver.count() == 1
    window.tabs.setCurrentWidget(queue)
    workspace.posts.reschedule(post.id, now_utc() + timedelta(hours=1), "rina")
    window.events.posts_changed([post.id], "test")
    queue.set_view("week")
    queue.go_today()
    settle(qtbot)
    cards_before = [(rect.height(), rect.width()) for rect, _s in queue.week_view._cards]
    assert cards_before
    menu_action(window, "openSettings").trigger()
    dialog = wait_shown(qtbot, window, "settingsDialog")
    row = dialog.people_model.add()
    dialog.people_model.people[row] = Person(
        "Hj. Sekretaris Dewan", "196801011990032001", "Sekretaris DPRD", True
    )
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    settle(qtbot)
    assert shown(window, "settingsDialog") is None
    # the compose dock lists the new approver, the queue's people filter the new name
    names = [dock.approver.itemText(i) for i in range(dock.approver.count())]
    assert any("Hj. Sekretaris Dewan" in n for n in names)
    filters = [queue.assignee_filter.itemText(i) for i in range(queue.assignee_filter.count())]
    assert "Hj. Sekretaris Dewan" in filters
    # the week keeps its cards as they were (same size, so the same lines of title)
    assert [(rect.height(), rect.width()) for rect, _s in queue.week_view._cards] == cards_before


def test_the_week_count_names_the_week_shown(qtbot, window, workspace):
    queue = window.queue
    queue.set_view("week")
    queue.go_today()
    settle(qtbot)
    assert "minggu ini" in queue.status_label.text()
    queue.next_button.click()
    settle(qtbot)
    assert "minggu ini" not in queue.status_label.text()
    assert queue.period_label.text() in queue.status_label.text()


def test_duplicate_and_delete_a_draft(qtbot, window, workspace):
    queue = window.queue
    post = workspace.posts.add(
        Post(title="Reses Dapil I", caption="Teks reses.", platforms=["instagram"]), "rina"
    )
    window.events.posts_changed([post.id], "test")
    queue.set_view("list")
    queue.select_post(post.id)
    menu_action(window, "duplicatePost").trigger()
    settle(qtbot)
    titles = sorted(p.title for p in workspace.posts.list())
    assert titles == ["Reses Dapil I", "Reses Dapil I (salinan)"]
    copy = next(p for p in workspace.posts.list() if p.title.endswith("(salinan)"))
    assert queue.selected_post_id() == copy.id and queue.list_model.row_of(copy.id) >= 0
    # delete asks; refused keeps it
    menu_action(window, "deleteDraft").trigger()
    answer(qtbot, window, "deleteDraftQuestion", "cancel")
    assert workspace.posts.count() == 2
    # accepted: a backup first, then it is gone from the store and the list
    menu_action(window, "deleteDraft").trigger()
    answer(qtbot, window, "deleteDraftQuestion", "delete")
    assert [p.title for p in workspace.posts.list()] == ["Reses Dapil I"]
    assert queue.list_model.row_of(copy.id) < 0
    assert [b for b in workspace.backups() if "sebelum-hapus" in b.name]
    # the same from the panel's buttons, by mouse
    queue.select_post(post.id)
    assert queue.panel.delete_button.isVisible()
    queue.panel.duplicate_button.click()
    settle(qtbot)
    second = queue.selected_post_id()
    assert second != post.id and workspace.posts.count() == 2
    queue.panel.delete_button.click()
    answer(qtbot, window, "deleteDraftQuestion", "delete")
    assert [p.title for p in workspace.posts.list()] == ["Reses Dapil I"]
    # a post past draft is never deleted, only archived
    from sumbar_studio.core.model import Action

    workspace.posts.transition(post.id, Action.SUBMIT, "rina")
    window.events.posts_changed([post.id], "test")
    queue.select_post(post.id)
    menu_action(window, "deleteDraft").trigger()
    settle(qtbot)
    assert workspace.posts.count() == 1 and "arsipkan" in queue.last_error


def test_overdue_banner_appears_without_a_restart(qtbot, window, workspace):
    from sumbar_studio.core.model import Action, Approval

    queue = window.queue
    qtbot.waitUntil(lambda: queue._reminders_running, timeout=5000)  # start-up work ran
    assert not queue.banner.isVisible()
    post = workspace.posts.add(
        Post(title="Reses Dapil II", caption="Teks reses. #DPRDSumbar", platforms=["instagram"]),
        "rina",
    )
    workspace.posts.transition(post.id, Action.SUBMIT, "rina")
    fresh = workspace.posts.get(post.id)
    workspace.posts.approve(
        post.id,
        Approval(APPROVER.name, APPROVER.nip, APPROVER.role, now_utc(), fresh.content_hash()),
        APPROVER.name,
    )
    queue.go_today()
    queue.select_post(post.id)
    settle(qtbot)
    # scheduled through the queue for three hours ago (it was forgotten): overdue at once
    queue.panel.buttons[next(a for a in queue.panel.buttons if a.value == "schedule")].click()
    dialog = wait_shown(qtbot, window, "scheduleDialog")
    past = now_utc() - timedelta(hours=3)
    dialog.edit.setValue(past)
    dialog.accept()
    settle(qtbot)
    assert workspace.posts.get(post.id).status == Status.SCHEDULED
    assert queue.banner.isVisible() and "Reses Dapil II" in queue.banner.label.text()
    # published (elsewhere in the window): no longer due, the banner goes
    workspace.posts.transition(
        post.id,
        Action.PUBLISH,
        "rina",
        published_urls={"instagram": "https://www.instagram.com/p/reses2"},
    )
    window.events.posts_changed([post.id], "test")
    settle(qtbot)
    assert not queue.banner.isVisible()


@pytest.mark.parametrize("choice", ["demo", "empty"])
def test_first_start_offers_the_demo_or_an_empty_workspace(qtbot, tmp_path, monkeypatch, choice):
    """``sumbar-studio`` on a fresh folder: the window with the welcome on top; the demo fills
    every page at once (week, list, the compose dock's approvers); empty starts a post."""
    from sumbar_studio import cli

    seen: dict = {}

    def journey(app) -> int:
        window = next(
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "mainWindow" and w.isVisible()
        )
        welcome = wait_shown(qtbot, window, "welcomeDialog")
        settle(qtbot)
        if choice == "demo":
            with qtbot.waitSignal(welcome.workspaceFilled, timeout=60000):
                welcome.demo_button.click()
            settle(qtbot)
            queue = window.queue
            seen["week"] = queue.week_model.rowCount()
            queue.set_view("list")
            seen["list"] = queue.list_model.total()
            seen["posts"] = window.workspace.posts.count()
            dock = window.compose.checklist
            seen["approvers"] = [dock.approver.itemData(i) for i in range(dock.approver.count())]
            seen["team"] = [p for p in window.workspace.team_settings().people if p.can_approve]
        else:
            welcome.empty_button.click()
            settle(qtbot)
            window.queue.new_button.click()
            settle(qtbot)
            seen["page"] = window.tabs.currentWidget() is window.compose
            seen["posts"] = window.workspace.posts.count()
        window.compose.shutdown()
        window.queue.reminders.stop()
        window.close()
        wait_for_background()
        return 0

    monkeypatch.setattr(QApplication, "exec", journey)
    assert cli.main(["--workspace", str(tmp_path / "ruang-kerja")]) == 0
    if choice == "demo":
        assert seen["posts"] > 5 and seen["list"] == seen["posts"]
        assert seen["week"] > 0
        assert seen["approvers"] == seen["team"] and seen["team"]
    else:
        assert seen == {"page": True, "posts": 0}


def test_the_editor_follows_a_change_made_in_the_queue(qtbot, window, workspace):
    """Changes requested in the queue while the post is open in the editor: the editor shows
    it at once, and the officer's next edit is saved (not refused as stale)."""
    from sumbar_studio.core.model import Action

    post = workspace.posts.add(
        Post(title="Rapat Banggar", caption=CAPTION, platforms=["instagram"]), "rina"
    )
    workspace.posts.transition(post.id, Action.SUBMIT, "rina")
    window.open_post(post.id)
    settle(qtbot)
    compose = window.compose
    assert compose.session.post.status == Status.REVIEW
    window.tabs.setCurrentWidget(window.queue)
    window.queue.go_today()
    window.queue.select_post(post.id)
    window.queue.panel.buttons[Action.REQUEST_CHANGES].click()
    dialog = wait_shown(qtbot, window, "requestChangesDialog")
    dialog.comment.setPlainText("Tambahkan nama narasumber.")
    dialog.accept()
    settle(qtbot)
    assert workspace.posts.get(post.id).status == Status.DRAFT
    assert compose.session.post.status == Status.DRAFT  # followed, no restart
    window.tabs.setCurrentWidget(compose)
    compose.editor.master.moveCursor(compose.editor.master.textCursor().MoveOperation.End)
    qtbot.keyClicks(compose.editor.master, " Narasumber: Ketua Banggar.")
    qtbot.waitUntil(lambda: not compose.session.dirty, timeout=5000)
    assert not compose.session.stale
    assert workspace.posts.get(post.id).caption.endswith("Narasumber: Ketua Banggar.")


def test_deleting_the_draft_open_in_the_editor_from_the_post_menu(qtbot, window, workspace):
    post = workspace.posts.add(
        Post(title="Draf salah ketik", caption="Teks.", platforms=["instagram"]), "rina"
    )
    window.open_post(post.id)
    settle(qtbot)
    assert window.tabs.currentWidget() is window.compose
    menu_action(window, "deleteDraft").trigger()  # Unggahan ▸ Hapus draf… means this post
    answer(qtbot, window, "deleteDraftQuestion", "delete")
    assert workspace.posts.count() == 0
    assert window.compose.post_id is None  # the editor let go of it: an empty new post
    window.compose.session.flush()
    assert workspace.posts.count() == 0  # and nothing was saved back
