"""The Kotak Masukan page through its visible actions (pytest-qt), one journey end to end:
paste a complaint -> assign -> forward to a komisi -> reply drafted and checked (a NIK blocks)
-> approved -> copied and marked sent -> it leaves the overdue list and the banner."""

from __future__ import annotations

import gc
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from sumbar_studio.core.inbox import EntryStatus, InboxService
from sumbar_studio.core.settings import AppSettings, Person, TeamSettings
from sumbar_studio.core.timeutil import WIB
from sumbar_studio.ui.inbox import page as page_module
from sumbar_studio.ui.inbox.models import IdRole, InboxListModel
from sumbar_studio.ui.main_window import MainWindow

OFFICER = "Rina Marlina, S.I.Kom."
HEAD = "Drs. Hendra Saputra, M.Si."
COMPLAINT = (
    "@uda_padang: Jalan provinsi di Lubuk Begalung rusak parah sejak bulan lalu, kapan diperbaiki?"
)


class Clock:
    def __init__(self, moment):
        self.now = moment

    def __call__(self):
        return self.now


def step(qtbot):
    gc.collect()
    QApplication.processEvents()
    qtbot.wait(1)


@pytest.fixture
def team_ws(workspace):
    workspace.save_team_settings(
        TeamSettings(
            people=[
                Person(OFFICER, "199001012015032001", "Pranata Humas"),
                Person(HEAD, "197501011998031002", "Kepala Bagian", can_approve=True),
            ]
        )
    )
    return workspace


@pytest.fixture
def window(qtbot, team_ws, monkeypatch):
    clock = Clock(datetime(2026, 12, 3, 10, 0, tzinfo=WIB).astimezone(UTC))  # Thursday
    monkeypatch.setattr(page_module, "now_utc", clock)
    win = MainWindow(team_ws, AppSettings(user_name=OFFICER))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.clock = clock
    yield win
    win.close()


def test_journey_paste_assign_forward_reply_sent(qtbot, window):
    page = window.inbox
    window.tabs.setCurrentWidget(page)
    step(qtbot)
    assert window.tabs.tabText(window.tabs.indexOf(page)) == "Kotak Masukan"

    # 1. paste a complaint (received Monday morning: past its 24 working hours by Thursday)
    QGuiApplication.clipboard().setText(COMPLAINT)
    form = page.form
    form.paste.setFocus()
    qtbot.keyClick(form.paste, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    step(qtbot)
    assert form.sender.text() == "@uda_padang"
    assert form.kind.currentData() == "pengaduan"
    assert "@uda_padang" in form.guess_label.text()
    qtbot.keyClicks(form.topic, "Jalan rusak")
    qtbot.keyClicks(form.received, "2026-11-30 08.00")
    form.paste.setFocus()
    qtbot.keyClick(form.paste, Qt.Key.Key_Return)
    step(qtbot)
    assert form.paste.toPlainText() == ""  # recorded and cleared for the next one
    assert page.model.rowCount() == 1
    index = page.model.index(0, 3)
    assert index.data() == "@ud•••"  # masked in the list
    entry_id = page.model.index(0, 0).data(IdRole)
    assert page.panel.entry is not None and page.panel.entry.id == entry_id
    assert "lewat batas" in page.model.index(0, 6).data()
    assert page.overdue_count == 1
    banner = window.queue.banner
    assert banner.inbox_overdue == 1 and not banner.isHidden()
    assert "1 masukan publik lewat batas" in banner.inbox_label.text()

    # contacts are only for who answers: not yet assigned, so the reveal is refused
    panel = page.panel
    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert "UU 27/2022" in page.status.text() and not panel.reveal_button.isChecked()
    assert "@ud•••" in panel.meta.text()

    # 2. assign
    panel.officer.setCurrentText(OFFICER)
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert panel.entry.assignee == OFFICER and panel.entry.status == EntryStatus.HANDLING
    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert "@uda_padang" in panel.meta.text()
    panel.kind.setCurrentIndex(panel.kind.findData("pengaduan"))
    panel.topic.setText("Jalan provinsi rusak")
    qtbot.mouseClick(panel.save_facts, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert panel.entry.topic == "Jalan provinsi rusak"

    # 3. forward to a komisi
    panel.target.setCurrentText("Komisi IV")
    qtbot.mouseClick(panel.forward_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert panel.entry.forwarded_to == "Komisi IV"
    assert "Komisi IV" in page.status.text()

    # 4. a reply with a NIK is blocked; the template's reply passes
    panel.reply_edit.setPlainText("Mohon kirim NIK Bapak 1371014506900001 ke kami.")
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert "memblokir" in panel.reply_state.text()
    assert any("NIK" in panel.findings.item(i).text() for i in range(panel.findings.count()))
    assert not panel.send_button.isEnabled() and not panel.approve_button.isEnabled()
    panel.template.setCurrentIndex(panel.template.findData("diteruskan"))
    qtbot.mouseClick(panel.fill_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    reply_text = panel.reply_edit.toPlainText()
    assert "Komisi IV" in reply_text and "@uda_padang" in reply_text
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert "tidak ada yang memblokir" in panel.reply_state.text()
    assert not panel.send_button.isEnabled()  # the team requires approval first

    # 5. approved, copied and marked sent
    panel.approver.setCurrentText(HEAD)
    qtbot.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert panel.send_button.isEnabled()
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert QGuiApplication.clipboard().text() == reply_text
    assert panel.entry.status == EntryStatus.ANSWERED
    assert panel.entry.first_answer_at == window.clock.now
    assert "Balasan terkirim" in panel.reply_state.text()
    assert not panel.send_button.isEnabled()  # sent once; a follow-up is checked again

    # 6. it leaves the overdue list and the banner
    page.view.setCurrentIndex(page.view.findData("overdue"))
    step(qtbot)
    assert page.model.rowCount() == 0
    assert page.overdue_count == 0 and banner.isHidden()
    page.view.setCurrentIndex(page.view.findData("open"))
    step(qtbot)
    assert page.model.rowCount() == 1 and page.model.index(0, 8).data() == "dijawab"
    history = [panel.history.item(i).text() for i in range(panel.history.count())]
    assert any("diteruskan" in h and "Komisi IV" in h for h in history)
    assert any("balasan terkirim" in h for h in history)

    # 7. closing needs a reason; "selesai" closes it
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert "alasan" in page.status.text()
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert InboxService(window.workspace).get(entry_id).status == EntryStatus.DONE
    assert page.model.rowCount() == 0  # no longer open
    banner_link = []
    banner.inboxRequested.connect(lambda: banner_link.append(True))
    banner.set_inbox_overdue(2)
    banner.inbox_label.linkActivated.emit("#inbox")
    assert banner_link and window.tabs.currentWidget() is page


def test_a_bad_entry_gets_a_clear_message(qtbot, window):
    page = window.inbox
    qtbot.mouseClick(page.form.add_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert "kosong" in page.status.text() and page.model.rowCount() == 0
    page.form.paste.setPlainText("halo")
    page.form.received.setText("kemarin sore")
    qtbot.mouseClick(page.form.add_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    assert "tidak sah" in page.status.text() or "tidak dikenali" in page.status.text()
    assert page.form.paste.toPlainText() == "halo"  # nothing typed is lost


def test_list_model_passes_the_model_tester(qtmodeltester, team_ws):
    service = InboxService(team_ws)
    for i in range(5):
        service.add(channel="whatsapp", text=f"pertanyaan {i}", actor=OFFICER)
    model = InboxListModel(service, clock=service.clock)
    model.reload()
    qtmodeltester.check(model)
    assert model.rowCount() == 5


def test_monthly_report_from_the_page(qtbot, window, tmp_path):
    from pypdf import PdfReader

    page = window.inbox
    InboxService(window.workspace).add(
        channel="email", text="usul", kind="aspirasi", actor=OFFICER, received_at=window.clock.now
    )
    out = page.write_report(tmp_path / "laporan.pdf")
    assert out is not None and out.is_file()
    text = " ".join(PdfReader(str(out)).pages[0].extract_text().split())
    assert "Laporan Tanggapan Masukan Publik" in text and "Aspirasi" in text


def test_settings_dialog_saves_the_team_lists(qtbot, window):
    from sumbar_studio.core.inbox import load_inbox_settings
    from sumbar_studio.ui.inbox.settings_dialog import InboxSettingsDialog

    dialog = InboxSettingsDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.cuti.setPlainText("2027-01-02")
    dialog.targets.setPlainText("Komisi I | komisi\nPPID | ppid\nBagian Umum | unit")
    dialog.hours.setValue(16)
    dialog.save()
    saved = load_inbox_settings(window.workspace)
    assert saved.cuti_bersama == ["2027-01-02"] and saved.service_hours == 16
    assert [x.kind for x in saved.targets] == ["komisi", "ppid", "unit"]
    dialog2 = InboxSettingsDialog(window.workspace, window)
    qtbot.addWidget(dialog2)
    dialog2.targets.setPlainText("Komisi I | partai")
    dialog2.save()
    assert "tidak dapat dibaca" in dialog2.error.text()


def test_list_shows_no_contact_details(qtbot, team_ws):
    service = InboxService(team_ws)
    service.add(
        channel="whatsapp",
        actor=OFFICER,
        sender="Budi Santoso",
        text="hubungi saya di 0812-3456-7890 atau budi.s@gmail.com",
    )
    model = InboxListModel(service, clock=service.clock)
    model.reload()
    shown = " ".join(str(model.index(0, c).data()) for c in range(model.columnCount()))
    assert "3456" not in shown and "gmail" not in shown and "Budi Santoso" not in shown
    assert "Bu••• S•••" in shown


def test_a_pasted_screenshot_is_attached_as_media(qtbot, window):
    from PySide6.QtGui import QColor, QImage

    page = window.inbox
    window.tabs.setCurrentWidget(page)
    image = QImage(240, 160, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    QGuiApplication.clipboard().setImage(image)
    page.form.paste.setFocus()
    qtbot.keyClick(page.form.paste, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    step(qtbot)
    assert page.form.screenshot is not None and page.form.attach_label.text()
    assert page.form.paste.toPlainText() == ""
    page.form.channel.setCurrentIndex(page.form.channel.findData("instagram_dm"))
    qtbot.mouseClick(page.form.add_button, Qt.MouseButton.LeftButton)
    step(qtbot)
    entry = page.panel.entry
    assert entry is not None and len(entry.screenshot) == 64 and entry.text == ""
    assert window.workspace.media.path_for(entry.screenshot).is_file()
    assert page.panel.shot.pixmap() is not None and not page.panel.shot.pixmap().isNull()
