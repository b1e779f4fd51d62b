"""Screenshots of the Kotak Masukan page (1366×768) and of the weekly plan's page "Tanggapan
masukan publik" (rendered from the real PDF with pdftoppm).

Writes to a temporary folder; with ``SUMBAR_SCREENSHOTS=1`` to docs/screenshots/
(inbox.png, plan-inbox.png).
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from sumbar_studio.core.inbox import InboxService, InboxSettings, save_inbox_settings
from sumbar_studio.core.settings import AppSettings, Person, TeamSettings
from sumbar_studio.core.timeutil import WIB

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore("propagateSizeHints")]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
OFFICER = "Rina Marlina, S.I.Kom."
HEAD = "Drs. Hendra Saputra, M.Si."
NOW = datetime(2026, 12, 10, 10, 20, tzinfo=WIB).astimezone(UTC)  # Thursday, week 50

SAMPLES = [
    # (received WIB, pasted, topic, officer, target, answered after hours)
    (
        (12, 7, 8, 5),
        "@uda_padang: Jalan provinsi di Lubuk Begalung rusak parah sejak bulan "
        "lalu, sudah dua motor jatuh. Kapan diperbaiki?",
        "Jalan rusak",
        OFFICER,
        "Komisi IV",
        None,
    ),
    (
        (12, 7, 19, 40),
        "[07/12/26 19.40] Budi Santoso: Assalamualaikum, mohon info jadwal reses "
        "anggota DPRD dapil Padang bulan ini?",
        "Jadwal reses",
        OFFICER,
        "",
        3,
    ),
    (
        (12, 8, 9, 12),
        "https://x.com/rina_sb/status/1866 Katanya DPRD mau menaikkan pajak "
        "kendaraan 50 persen tahun depan, apa benar?",
        "Pajak kendaraan",
        OFFICER,
        "PPID Sekretariat DPRD",
        5,
    ),
    (
        (12, 8, 14, 3),
        "Dari: Andi Saputra <andi.saputra@example.id>\nSaya usul agar rapat "
        "paripurna disiarkan langsung di kanal YouTube resmi.",
        "Siaran paripurna",
        "",
        "",
        None,
    ),
    (
        (12, 9, 10, 45),
        "https://www.instagram.com/p/DDa1b2C3x/ Terima kasih DPRD Sumbar sudah "
        "berkunjung ke sekolah kami, anak-anak senang sekali!",
        "Kunjungan sekolah",
        "",
        "",
        1,
    ),
    (
        (12, 9, 16, 20),
        "@minang.muda: Beasiswa daerah untuk mahasiswa tahun ini dibuka kapan? Syaratnya apa saja?",
        "Beasiswa daerah",
        "",
        "",
        None,
    ),
    (
        (12, 10, 7, 55),
        "wa.me/6281266001122 Lampu jalan di Jalan Khatib Sulaiman mati semua, gelap dan rawan.",
        "Lampu jalan",
        "",
        "",
        None,
    ),
]


def _register(ws):
    ws.save_team_settings(
        TeamSettings(
            people=[
                Person(OFFICER, "199001012015032001", "Pranata Humas"),
                Person("Fajri Ramadhan, S.Kom.", "199405102019031004", "Pranata Humas"),
                Person(HEAD, "197501011998031002", "Kepala Bagian", can_approve=True),
            ]
        )
    )
    save_inbox_settings(ws, InboxSettings(replies_need_approval=True))
    clock = {"now": NOW}
    service = InboxService(ws, clock=lambda: clock["now"])
    ids = []
    for (m, d, hh, mm), pasted, topic, officer, target, answered in SAMPLES:
        received = datetime(2026, m, d, hh, mm, tzinfo=WIB).astimezone(UTC)
        clock["now"] = received + timedelta(minutes=10)
        entry = service.quick_add(pasted, actor=OFFICER, topic=topic, received_at=received)
        ids.append(entry.id)
        if officer:
            service.assign(entry.id, officer, actor=OFFICER)
        if target:
            service.forward(entry.id, target, actor=OFFICER)
        if answered is not None:
            template = {
                "Jadwal reses": "informasi",
                "Pajak kendaraan": "klarifikasi",
                "Kunjungan sekolah": "terima_kasih",
            }[topic]
            from sumbar_studio.core.inbox.replies import render_reply

            reply = service.draft_reply(
                entry.id, render_reply(template, service.get(entry.id)), actor=OFFICER
            )
            service.approve_reply(reply.id, HEAD, actor=HEAD)
            clock["now"] = received + timedelta(hours=answered)
            service.mark_sent(reply.id, actor=OFFICER)
    clock["now"] = NOW
    return service, ids


def test_inbox_page_screenshot(qtbot, workspace, tmp_path, monkeypatch):
    from sumbar_studio.ui.inbox import page as page_module
    from sumbar_studio.ui.main_window import MainWindow

    out = DOCS if os.environ.get("SUMBAR_SCREENSHOTS") == "1" else tmp_path
    service, ids = _register(workspace)
    monkeypatch.setattr(page_module, "now_utc", lambda: NOW)
    window = MainWindow(workspace, AppSettings(user_name=OFFICER))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    page = window.inbox
    window.tabs.setCurrentWidget(page)
    page.refresh()
    page.select(ids[0])
    page.panel.template.setCurrentIndex(page.panel.template.findData("diteruskan"))
    page.panel.fill_from_template()
    page.panel.check_reply()
    page.form.paste.setPlainText(
        "@warga_solok: Kapan pembahasan Ranperda tentang pariwisata halal dimulai?"
    )
    gc.collect()
    QApplication.processEvents()
    assert page.model.rowCount() == 7  # all still open: answered ones stay open until done
    image = window.grab().toImage()
    assert (image.width(), image.height()) == (1366, 768)
    image.save(str(out / "inbox.png"))
    from sumbar_studio.ui.background import wait_for_background

    wait_for_background()
    window.close()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_plan_inbox_page_screenshot(workspace, tmp_path):
    from sumbar_studio.core.plan import build_plan, render_plan_html
    from sumbar_studio.printing.plan_pdf import print_plan_pdf

    out = DOCS if os.environ.get("SUMBAR_SCREENSHOTS") == "1" else tmp_path
    _register(workspace)
    plan = build_plan(workspace, 2026, 50, thumbnails=False)
    pdf = tmp_path / "rencana.pdf"
    pages = print_plan_pdf(render_plan_html(plan), pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-f",
            str(pages),
            "-l",
            str(pages),
            "-r",
            "110",
            "-png",
            "-singlefile",
            str(pdf),
            str(out / "plan-inbox"),
        ],
        check=True,
    )
    assert (out / "plan-inbox.png").stat().st_size > 10_000
