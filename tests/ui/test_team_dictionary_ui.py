"""The one place to teach the checker: "Tambahkan ke kamus tim" on a spelling finding in the
caption editor, and the member roster import in Settings > rule lists."""

from __future__ import annotations

import gc

import pytest

from sumbar_studio.core.checks import teamwords
from sumbar_studio.core.model import Post
from sumbar_studio.core.settings import AppSettings
from sumbar_studio.ui.compose import ComposePage, Timings
from sumbar_studio.ui.settings import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
FAST = Timings(autosave_ms=60, max_wait_ms=400, journal_ms=20, check_ms=10, checklist_ms=20)


@pytest.fixture
def main_window(qtbot, workspace, monkeypatch):
    from sumbar_studio.ui.main_window import MainWindow

    monkeypatch.setattr(ComposePage, "default_timings", FAST)
    window = MainWindow(workspace, AppSettings(user_name="Rina Marlina"))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    gc.collect()


def test_add_to_team_dictionary_from_the_finding_menu(qtbot, main_window, workspace):
    caption = "Reses membahas program sipadek bagi petani."
    post = workspace.posts.add(Post(title="Reses", caption=caption, platforms=["instagram"]), "r")
    main_window.open_post(post.id)
    page = main_window.compose
    edit = page.editor.master
    qtbot.waitUntil(lambda: any(f.rule == "bahasa.ejaan" for f in edit.findings), timeout=10000)
    finding = next(f for f in edit.findings if f.rule == "bahasa.ejaan")
    assert caption[finding.start : finding.end] == "sipadek"
    actions = edit.suggestion_actions(finding.start, edit)
    add = [a for a in actions if a.objectName() == "addToTeamDictionary"]
    assert add and add[0].text() == "Tambahkan ke kamus tim"
    gc.collect()
    add[0].trigger()
    qtbot.waitUntil(lambda: not any(f.rule == "bahasa.ejaan" for f in edit.findings), timeout=10000)
    assert teamwords.team_words(workspace.rules_dir) == ["sipadek"]
    # the checklist dock checks again as well: its spelling finding goes away too
    dock = main_window.compose.checklist
    qtbot.waitUntil(
        lambda: (
            dock.result is not None
            and not any(f.rule == "bahasa.ejaan" for f in dock.result.findings)
        ),
        timeout=10000,
    )
    # a non-spelling finding does not offer it
    edit.setPlainText("Rapat dimulai pukul 09:00 WIB.")
    qtbot.waitUntil(lambda: any(f.rule == "gaya.pukul" for f in edit.findings), timeout=10000)
    timing = next(f for f in edit.findings if f.rule == "gaya.pukul")
    names = [a.objectName() for a in edit.suggestion_actions(timing.start, edit)]
    assert "addToTeamDictionary" not in names


def test_settings_imports_the_roster_after_asking_and_shows_it(qtbot, workspace, tmp_path):
    csv_path = tmp_path / "anggota.csv"
    csv_path.write_text(
        "nama,fraksi,komisi,jabatan\nBudi Santoso,Fraksi Golkar,Komisi I,\n", encoding="utf-8"
    )
    dialog = SettingsDialog(workspace, AppSettings())
    qtbot.addWidget(dialog)
    dialog.open()
    assert (
        dialog.findChild(
            type(dialog.buttons.button(dialog.buttons.StandardButton.Save)), "rosterImport"
        )
        is not None
    )
    assert dialog.import_roster_file(str(csv_path))  # the shipped sample: nothing to lose
    assert "Budi Santoso\t" in dialog.rule_edits["roster.tsv"].toPlainText()
    assert "1 anggota diimpor" in dialog.rules_status.text()
    assert dialog.rule_tabs.currentWidget() is dialog.rule_edits["roster.tsv"]
    # a second import replaces the team's own list: it asks first, and "no" keeps it
    asked = []
    dialog.confirm = lambda text: asked.append(text) or False
    csv_path.write_text("nama\nSiti Rahmawati\n", encoding="utf-8")
    assert not dialog.import_roster_file(str(csv_path))
    assert asked and "1 anggota" in asked[0]
    assert "Budi Santoso" in (workspace.rules_dir / "roster.tsv").read_text(encoding="utf-8")
    dialog.confirm = lambda text: True
    assert dialog.import_roster_file(str(csv_path))
    assert list((workspace.rules_dir / "cadangan").glob("roster-*.tsv"))
    # a file without the name column is refused with a clear message
    bad = tmp_path / "salah.csv"
    bad.write_text("fraksi,komisi\nGolkar,I\n", encoding="utf-8")
    assert not dialog.import_roster_file(str(bad))
    assert "nama" in dialog.rules_status.text()
    gc.collect()
    assert dialog.save()
    assert "Siti Rahmawati" in (workspace.rules_dir / "roster.tsv").read_text(encoding="utf-8")
