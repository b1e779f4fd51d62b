"""Export with cancel, the weekly plan's print preview, CSV import and the welcome dialog."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest

from sumbar_studio.core.model import Action, Approval, Post, Status
from sumbar_studio.core.timeutil import now_utc, to_utc
from sumbar_studio.ui.dialogs.export_progress import ExportDialog
from sumbar_studio.ui.queue import QueuePage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NOW = to_utc(datetime(2026, 12, 10, 8, 0))


def approved(workspace, title, when):
    post = workspace.posts.add(
        Post(
            title=title, caption=f"{title}. #DPRDSumbar", platforms=["instagram"], scheduled_at=when
        ),
        "t",
    )
    workspace.posts.transition(post.id, Action.SUBMIT, "t")
    fresh = workspace.posts.get(post.id)
    workspace.posts.approve(
        post.id, Approval("K", "1", "Kabag", now_utc(), fresh.content_hash()), "K"
    )
    return workspace.posts.get(post.id)


@pytest.fixture
def page(qtbot, workspace):
    p = QueuePage(workspace, None, clock=lambda: NOW, autostart=False)
    qtbot.addWidget(p)
    return p


def test_export_writes_bundles_into_place(qtbot, page, workspace, tmp_path):
    post = approved(workspace, "Rapat paripurna", NOW + timedelta(hours=2))
    out = tmp_path / "ekspor"
    dialog = page.export_posts([post.id], out)
    with qtbot.waitSignal(dialog.finished, timeout=60000):
        pass
    assert dialog.outcome == "done", dialog.error
    names = [p.name for p in out.iterdir()]
    assert len(names) == 1 and not names[0].startswith(".")
    assert (out / names[0] / "manifest.json").exists()
    assert page.last_export[0].path == out / names[0]


def test_cancelled_export_leaves_nothing_behind(qtbot, workspace, tmp_path):
    posts = [approved(workspace, f"Reses {i}", NOW + timedelta(hours=i)) for i in range(3)]
    out = tmp_path / "ekspor"
    first_done = threading.Event()
    release = threading.Event()

    def slow_export(ws, items, out_dir, *, progress, cancel, **kwargs):
        from sumbar_studio.core.export import ExportCancelled, export_posts

        def gated_progress(done, total):
            progress(done, total)
            if done == 1:
                first_done.set()
                release.wait(10)  # hold the worker until the officer has pressed Cancel

        return (
            export_posts(
                ws,
                items,
                out_dir,
                progress=gated_progress,
                cancel=cancel,
                workers=1,
                **{k: v for k, v in kwargs.items() if k != "workers"},
            )
            or ExportCancelled
        )

    dialog = ExportDialog(workspace, posts, out, export_fn=slow_export)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.start()
    qtbot.waitUntil(first_done.is_set, timeout=60000)
    # one bundle is finished (inside the staging folder) when the officer cancels
    assert any(out.iterdir())
    dialog.buttons.rejected.emit()
    release.set()
    with qtbot.waitSignal(dialog.finished, timeout=60000):
        pass
    assert dialog.outcome == "cancelled"
    assert list(out.iterdir()) == []


def test_export_refuses_unapproved_posts_with_a_message(qtbot, workspace, tmp_path):
    draft = workspace.posts.add(Post(title="Draf", platforms=["instagram"]), "t")
    dialog = ExportDialog(workspace, [draft], tmp_path / "ekspor")
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.outcome == "failed", timeout=30000)
    assert "Draf" in dialog.error
    assert list((tmp_path / "ekspor").iterdir()) == []


def test_weekly_plan_print_preview_paints_pages(qtbot, page, workspace):
    approved(workspace, "Rapat paripurna Ranperda", NOW + timedelta(hours=3))
    dialog = page.print_plan()
    assert dialog is not None and dialog.objectName() == "planPreview"
    qtbot.waitUntil(lambda: dialog.pages_painted >= 1, timeout=30000)
    assert "Rapat paripurna Ranperda" in dialog.html
    dialog.close()


def test_csv_import_with_bad_rows_previews_then_imports_only_valid_rows(
    qtbot, page, workspace, tmp_path
):
    path = tmp_path / "agenda.csv"
    path.write_text(
        "tanggal;jam;judul;tempat;template\n"
        "07/12/2026;09.00;Rapat Paripurna;Ruang Sidang Utama;agenda\n"
        "32/12/2026;09.00;Tanggal salah;Padang;\n"
        "08/12/2026;9 pagi;Jam salah;Padang;\n"
        "09/12/2026;10.00;Templat salah;Padang;tidak-ada\n"
        "10/12/2026;13.30;Sosialisasi Perda;Bukittinggi;berita\n",
        encoding="utf-8",
    )
    dialog = page.open_import(str(path))
    model = dialog.model
    assert model.rowCount() == 5
    states = [model.data(model.index(r, 1)) for r in range(5)]
    assert states == ["Siap", "Salah", "Salah", "Salah", "Siap"]
    assert "32/12/2026" in model.data(model.index(1, 7))
    assert "tidak-ada" in model.data(model.index(3, 7))
    assert "2 siap" in dialog.summary.text()
    assert workspace.posts.count() == 0  # nothing written yet
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    titles = sorted(p.title for p in workspace.posts.list())
    assert titles == ["Rapat Paripurna", "Sosialisasi Perda"]
    assert all(p.status == Status.DRAFT for p in workspace.posts.list())
    assert page.week_model.rowCount() == 2  # the page refreshed


def test_csv_with_only_bad_rows_cannot_be_imported(qtbot, page, workspace, tmp_path):
    path = tmp_path / "salah.csv"
    path.write_text("judul,tempat\nA,B\n", encoding="utf-8")
    dialog = page.open_import(str(path))
    assert not dialog.import_button.isEnabled()
    assert "tanggal" in dialog.summary.text()
    dialog.reject()


def test_welcome_offers_demo_or_empty(qtbot, workspace, tmp_path):
    from sumbar_studio.core.workspace import Workspace
    from sumbar_studio.ui.dialogs.welcome import WelcomeDialog

    def fake_demo():
        demo = tmp_path / "demo" / "workspace"
        with Workspace.open(demo) as ws:
            ws.posts.add(Post(title="Contoh unggahan"), "demo")
        return demo

    dialog = WelcomeDialog(workspace, builder=fake_demo)
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.workspaceFilled, timeout=30000):
        dialog.demo_button.click()
    assert [p.title for p in workspace.posts.list()] == ["Contoh unggahan"]
    assert not (tmp_path / "demo").exists()
    empty = WelcomeDialog(workspace, builder=fake_demo)
    qtbot.addWidget(empty)
    empty.open()
    empty.empty_button.click()
    assert empty.choice == "empty" and not empty.isVisible()


def test_page_show_welcome_uses_the_real_demo_when_installed(qtbot, page):
    dialog = page.show_welcome()
    assert dialog.objectName() == "welcomeDialog"
    dialog.empty_button.click()
