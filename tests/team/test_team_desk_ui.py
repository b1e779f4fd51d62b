"""The desk side of team mode: connecting, the window on a team workspace, offline honestly,
settings by role, moving a local workspace to the server (real server, real widgets)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from psycopg.conninfo import conninfo_to_dict

from sumbar_studio.core.errors import WorkspaceError
from sumbar_studio.core.model import Post
from sumbar_studio.core.settings import AppSettings
from sumbar_studio.core.store.postgres.connection import connect
from sumbar_studio.core.store.postgres.offline import SNAPSHOT_FILE
from sumbar_studio.core.store.postgres.workspace import TeamWorkspace
from sumbar_studio.core.timeutil import now_utc
from sumbar_studio.ui.background import wait_for_background

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path, monkeypatch):
    """Desk folders (default per login and server) under this test's folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def _post_this_week(ws, title: str, actor: str = "rina") -> int:
    when = now_utc().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    post = Post(title=title, caption="Teks unggahan.", platforms=["instagram"], scheduled_at=when)
    return ws.posts.add(post, actor).id


def _shown_titles(window) -> set[str]:
    model = window.queue.week_model
    return {row.title for row in model._rows}


@pytest.fixture
def team_window(qtbot, team_db, tmp_path):
    from sumbar_studio.ui.main_window import MainWindow

    ws = TeamWorkspace.open(team_db.conninfo("rina"))
    window = MainWindow(ws, AppSettings(user_name="Rina Marlina"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window
    window.connection.stop()
    if window._compose is not None:
        window.compose.shutdown()
    wait_for_background()
    window.close()
    ws.close()


# -- connecting ---------------------------------------------------------------------------------
def _fill(dialog, team_db, login: str, password: str = "") -> None:
    params = conninfo_to_dict(team_db.conninfo(login))
    dialog.host.setText(params["host"])
    dialog.port.setValue(int(params["port"]))
    dialog.database.setText(params["dbname"])
    dialog.login.setText(login)
    dialog.password.setText(password)


def test_the_connect_test_reports_the_server_and_errors_clearly(qtbot, team_db):
    from sumbar_studio.ui.dialogs.connect import ConnectDialog

    dialog = ConnectDialog(save_password=lambda *_a: None)
    qtbot.addWidget(dialog)
    _fill(dialog, team_db, "kabag")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.facts is not None, timeout=10_000)
    text = dialog.result.text()
    assert "Sambungan berhasil" in text and "PostgreSQL" in text
    assert "kabag" in text and "penyetuju" in text and "Hj. Kepala" in text
    assert "Tanpa TLS (soket lokal" in text  # a Unix socket: no TLS asked
    assert "skema server versi" in text

    dialog.login.setText("tidak_ada")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "Tidak dapat tersambung" in dialog.result.text(), timeout=10_000)
    assert 'login "tidak_ada" tidak ada di server' in dialog.result.text()

    dialog.login.setText("rina")
    dialog.port.setValue(1)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "Tidak dapat tersambung" in dialog.result.text(), timeout=10_000)
    assert "server tidak menjawab" in dialog.result.text()

    dialog.host.setText("server-humas.invalid")
    dialog.ca_file.setText(str(team_db.pg.server.sockdir / "tidak-ada.pem"))
    dialog.test_button.click()
    assert "sertifikat CA" in dialog.result.text() and "tidak ditemukan" in dialog.result.text()


def test_a_network_address_asks_for_tls_with_the_team_ca(qtbot, tmp_path):
    from sumbar_studio.ui.dialogs.connect import ConnectDialog

    ca = tmp_path / "tim-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.host.setText("server-humas")
    dialog.database.setText("sumbar")
    dialog.login.setText("rina")
    dialog.password.setText("rahasia")
    dialog.ca_file.setText(str(ca))
    params = conninfo_to_dict(dialog.address())
    assert params["sslmode"] == "verify-full" and params["sslrootcert"] == str(ca)
    assert "password" not in params


@pytest.fixture
def os_keyring(tmp_path_factory):
    """The real OS keyring: the session's Secret Service, or a private unlocked gnome-keyring
    (the set-up of tests/core/test_accounts.py); skipped (failed in CI) when neither works."""
    import importlib.util
    import os
    import signal

    import keyring

    spec = importlib.util.spec_from_file_location(
        "_accounts_keyring", ROOT / "core" / "test_accounts.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    keys = (
        "DBUS_SESSION_BUS_ADDRESS",
        "HOME",
        "XDG_DATA_HOME",
        "XDG_RUNTIME_DIR",
        "GNOME_KEYRING_CONTROL",
        "SSH_AUTH_SOCK",
    )
    saved = {k: os.environ.get(k) for k in keys}
    pid = None
    try:
        backend = module._secret_service_backend()
    except Exception:  # noqa: BLE001 -- no session keyring: a private one
        try:
            backend, pid = module._private_keyring_backend(tmp_path_factory)
        except Exception as exc:  # noqa: BLE001
            module._restore(saved)
            if module.REQUIRE:
                pytest.fail(f"no keyring: {exc}")
            pytest.skip(f"no reachable Secret Service: {exc}")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
        module._restore(saved)
        if pid:
            os.kill(pid, signal.SIGTERM)


def test_connect_keeps_the_password_only_in_the_keyring(qtbot, team_db, os_keyring):
    import os

    from sumbar_studio.core.store.postgres.credentials import password_for
    from sumbar_studio.ui.dialogs.connect import ConnectDialog

    config = Path(os.environ["SUMBAR_CONFIG_DIR"])
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, team_db, "rina", "rahasia-rina-123")
    chosen: list[str] = []
    dialog.connectRequested.connect(chosen.append)
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: bool(chosen), timeout=10_000)
    address = chosen[0]
    assert "rahasia" not in address
    assert password_for(address) == "rahasia-rina-123"
    AppSettings(last_workspace=address).save()
    for path in config.rglob("*"):
        if path.is_file():
            assert b"rahasia-rina-123" not in path.read_bytes(), path


def test_the_app_remembers_the_server_address_and_opens_it_next_time(qtbot, team_db, monkeypatch):
    from sumbar_studio.ui.app import choose_workspace, open_target
    from sumbar_studio.ui.main_window import MainWindow

    monkeypatch.delenv("SUMBAR_WORKSPACE")  # no workspace named: the last one opens
    params = conninfo_to_dict(team_db.conninfo("rina"))
    url = (
        f"postgresql://rina:geheim@/{params['dbname']}?host={params['host']}&port={params['port']}"
    )
    settings = AppSettings(user_name="Rina")
    workspace = open_target(choose_workspace(settings, url))
    assert workspace.is_team
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    assert window.windowTitle().endswith(
        f"rina@{params['host']}:{params['port']}/{params['dbname']}"
    )
    assert "geheim" not in window.windowTitle()
    window.close()
    wait_for_background()
    workspace.close()
    saved = AppSettings.load().last_workspace
    assert "geheim" not in saved and "rina" in saved
    again = open_target(choose_workspace(AppSettings.load()))
    try:
        assert again.is_team and again.login() == "rina"
    finally:
        again.close()


def test_the_command_line_workspace_address_opens_the_window_on_the_server(qtbot, team_db):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from sumbar_studio.ui import app as app_module

    params = conninfo_to_dict(team_db.conninfo("rina"))
    url = f"postgresql://rina@/{params['dbname']}?host={params['host']}&port={params['port']}"
    seen = {}

    def look() -> None:
        windows = [w for w in app_module._windows if w.isVisible()]
        if not windows:
            QTimer.singleShot(50, look)
            return
        seen["title"] = windows[0].windowTitle()
        seen["team"] = windows[0].workspace.is_team
        windows[0].connection.stop()
        windows[0].close()

    QTimer.singleShot(0, look)
    QApplication.instance().setQuitOnLastWindowClosed(True)
    assert app_module.run(["--workspace", url]) == 0
    wait_for_background()
    assert seen["team"] and seen["title"].endswith(
        f"rina@{params['host']}:{params['port']}/{params['dbname']}"
    )


def test_connect_is_in_the_file_menu_the_welcome_screen_and_the_settings(qtbot, team_window):
    from sumbar_studio.ui.dialogs.connect import ConnectDialog
    from sumbar_studio.ui.dialogs.welcome import WelcomeDialog

    window = team_window
    assert window.connect_action in window.file_menu.actions()
    window.connect_action.trigger()
    dialogs = [d for d in window.findChildren(ConnectDialog) if d.isVisible()]
    assert dialogs and dialogs[0].login.text() == "rina"  # this server, filled in
    dialogs[0].reject()
    assert not window.move_action.isEnabled()  # already on a team server

    welcome = WelcomeDialog(window.workspace, window.queue, open_workspace=window.open_workspace)
    qtbot.addWidget(welcome)
    assert welcome.team_button.isVisibleTo(welcome)
    assert isinstance(welcome.choose_team_server(), ConnectDialog)

    settings = window.open_settings()
    assert settings.findChild(type(settings.connect_button), "settingsConnect") is not None
    assert (
        settings.findChild(
            __import__("PySide6.QtWidgets", fromlist=["QLabel"]).QLabel, "workspacePath"
        ).text()
        == window.workspace.label()
    )
    assert isinstance(settings.open_connect(), ConnectDialog)


# -- offline ------------------------------------------------------------------------------------
def test_a_lost_server_shows_the_banner_and_the_last_queue_read_only(qtbot, team_db, team_window):
    window = team_window
    ws = window.workspace
    _post_this_week(ws, "Rapat paripurna")
    window.events.posts_changed([], "test")
    qtbot.waitUntil(lambda: "Rapat paripurna" in _shown_titles(window), timeout=5_000)
    assert not window.connection.banner.isVisible()

    team_db.cut_off()
    try:
        window.connection.check()
        qtbot.waitUntil(lambda: window.connection.banner.isVisible(), timeout=10_000)
        text = window.connection.banner.label.text()
        assert text.startswith("Server tim tidak dapat dihubungi sejak") and "WIB" in text
        assert "antrean terakhir dimuat pukul" in text and "hanya baca" in text
        assert "Rapat paripurna" in _shown_titles(window)  # the last loaded queue stays
        assert not window.queue.new_button.isEnabled()
        assert "Hanya baca" in window.queue.new_button.toolTip()
        assert not window.new_action.isEnabled()
        with pytest.raises(WorkspaceError) as err:
            _post_this_week(ws, "Luring")
        assert "tidak dapat dihubungi sejak" in str(err.value)
        snapshot = json.loads((ws.path / SNAPSHOT_FILE).read_text(encoding="utf-8"))
        assert "Rapat paripurna" in {row["title"] for row in snapshot["summaries"]}
        assert not window.connection.retry()  # still gone: stays offline
        assert window.connection.banner.isVisible()
    finally:
        team_db.reopen()
    # meanwhile another desk adds a post: coming back re-reads everything
    other = team_db.desk("budi")
    _post_this_week(other, "Dari meja Budi", "budi")
    assert window.connection.retry_timer.isActive()
    window.connection.retry_timer.setInterval(50)  # the automatic retry, sooner
    qtbot.waitUntil(lambda: not window.connection.banner.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: "Dari meja Budi" in _shown_titles(window), timeout=5_000)
    assert window.queue.new_button.isEnabled() and window.new_action.isEnabled()
    assert _post_this_week(ws, "Sesudah pulih")


def test_a_desk_starting_without_its_server_shows_the_last_queue(qtbot, team_db):
    from sumbar_studio.ui.app import open_target
    from sumbar_studio.ui.main_window import MainWindow

    address = team_db.conninfo("rina")
    with pytest.raises(WorkspaceError):  # never used on this desk: nothing to show
        team_db.cut_off()
        try:
            open_target(address, offline_ok=True)
        finally:
            team_db.reopen()
    with TeamWorkspace.open(address) as ws:
        post_id = _post_this_week(ws, "Kunjungan kerja")
        ws.posts.summaries(ws.posts.ids())  # what the queue loads
    team_db.cut_off()
    try:
        ws = open_target(address, offline_ok=True)
        assert ws.offline and ws.posts.get(post_id).title == "Kunjungan kerja"
        window = MainWindow(ws, AppSettings(user_name="Rina"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.connection.banner.isVisible(), timeout=5_000)
        assert "antrean terakhir dimuat pukul" in window.connection.banner.label.text()
        qtbot.waitUntil(lambda: "Kunjungan kerja" in _shown_titles(window), timeout=5_000)
        assert not window.queue.new_button.isEnabled()
        window.connection.stop()
        window.close()
        wait_for_background()
        ws.close()
    finally:
        team_db.reopen()


def test_the_editor_journal_keeps_edits_the_lost_server_did_not_save(qtbot, team_db, team_window):
    from sumbar_studio.ui.compose.journal import FILE_NAME, journal_dir

    window = team_window
    post_id = _post_this_week(window.workspace, "Sebelum putus")
    window.open_post(post_id)
    session = window.compose.session
    team_db.cut_off()
    try:
        session.edit("title", "Judul yang belum tersimpan")
        assert not session.save_now()
        assert "tidak dapat dihubungi" in session.last_error
        journal = json.loads((journal_dir() / FILE_NAME).read_text(encoding="utf-8"))
        entry = journal["posts"][f"post-{post_id}"]
        assert not entry["saved"] and entry["content"]["title"] == "Judul yang belum tersimpan"
        assert not window.compose.journal.close()  # kept for the next start
        assert (journal_dir() / FILE_NAME).exists()
    finally:
        team_db.reopen()


# -- settings by role ---------------------------------------------------------------------------
def test_officers_see_the_team_settings_read_only_and_save_only_rule_lists(qtbot, team_db):
    from PySide6.QtWidgets import QAbstractItemView

    from sumbar_studio.ui.settings import SettingsDialog

    with TeamWorkspace.open(team_db.conninfo("rina")) as ws:
        dialog = SettingsDialog(ws, AppSettings())
        qtbot.addWidget(dialog)
        assert not dialog.may_edit_team
        notes = [n.text() for n in dialog.read_only_notes]
        assert notes and all("diubah oleh penyetuju atau admin" in n for n in notes)
        triggers = dialog.people_table.editTriggers()
        assert triggers == QAbstractItemView.EditTrigger.NoEditTriggers
        assert dialog.preparer.isReadOnly()
        assert not dialog.rule_edits["extra_words.txt"].isReadOnly()  # officers keep rules
        dialog.rule_edits["extra_words.txt"].setPlainText("paripurna\nreses\n")
        assert dialog.save(), dialog.error.text()
    with connect(team_db.conninfo()) as owner:
        names = {r[0] for r in owner.execute("SELECT name FROM sumbar.documents").fetchall()}
    assert "rules/extra_words.txt" in names and "team.json" not in names

    with TeamWorkspace.open(team_db.conninfo("kabag")) as ws:
        dialog = SettingsDialog(ws, AppSettings())
        qtbot.addWidget(dialog)
        assert dialog.may_edit_team and not dialog.read_only_notes
        dialog.preparer.setText("Hj. Kepala")
        assert dialog.save(), dialog.error.text()
        assert ws.team_settings().preparer == "Hj. Kepala"


# -- moving a local workspace -------------------------------------------------------------------
def test_moving_a_local_workspace_to_the_server(qtbot, team_db, tmp_path):

    from sumbar_studio.core.workspace import Workspace
    from sumbar_studio.ui.dialogs.connect import ConnectDialog
    from sumbar_studio.ui.dialogs.move_to_server import MoveToServerDialog

    local = Workspace.open(tmp_path / "lokal")
    try:
        first = _post_this_week(local, "Reses anggota", "Rina")
        local.posts.add(Post(title="Draf kedua", platforms=["instagram"]), "Rina")
        switched = []
        dialog = MoveToServerDialog(local, on_switch=switched.append)
        qtbot.addWidget(dialog)
        _fill(dialog, team_db, "postgres")  # the installer (superuser on the test server)
        dialog.connect_button.click()
        qtbot.waitUntil(lambda: dialog.question is not None, timeout=10_000)
        question = dialog.question.text()
        assert "2 unggahan" in question and "0 foto" in question
        dialog.question.choices["move"].click()
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
        assert dialog.report.posts == 2
        assert dialog.password.text() == ""  # the installer's password was for this copy only
        assert "tidak disimpan" in dialog.hint.text()
        assert "Pemindahan selesai: 2 unggahan" in dialog.result.text()
        assert "Semua persetujuan cocok" in dialog.result.text()
        assert dialog.switch_button.isVisibleTo(dialog)
        with TeamWorkspace.open(team_db.conninfo("kabag")) as server:
            assert server.posts.get(first).title == "Reses anggota"
        follow = dialog.offer_switch()
        assert isinstance(follow, ConnectDialog) and follow.login.text() == ""
        assert follow.database.text() == team_db.name
    finally:
        local.close()


def test_moving_to_a_server_that_already_has_posts_is_refused_clearly(qtbot, team_db, tmp_path):

    from sumbar_studio.core.workspace import Workspace
    from sumbar_studio.ui.dialogs.move_to_server import MoveToServerDialog

    team_db.desk("rina").posts.add(Post(title="Sudah ada", platforms=["instagram"]), "rina")
    local = Workspace.open(tmp_path / "lokal")
    try:
        local.posts.add(Post(title="Draf", platforms=["instagram"]), "Rina")
        dialog = MoveToServerDialog(local)
        qtbot.addWidget(dialog)
        _fill(dialog, team_db, "postgres")
        assert not dialog.run_move(dialog.address())
        assert "sudah berisi 1 unggahan" in dialog.result.text()
        assert dialog.report is None
    finally:
        local.close()


def test_photos_already_on_this_desk_still_show_offline(team_db, tmp_path):
    from PIL import Image

    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (40, 30), "navy").save(photo, "JPEG")
    ws = TeamWorkspace.open(team_db.conninfo("rina"))
    try:
        media = ws.media.import_file(photo, alt_text="Gedung DPRD")
        team_db.cut_off()
        try:
            assert ws.media.path_for(media.sha256).read_bytes() == photo.read_bytes()
            with pytest.raises(WorkspaceError):  # a photo never fetched here: the reason
                ws.media.path_for("ab" * 32)
        finally:
            team_db.reopen()
    finally:
        ws.close()


# -- local drafts -------------------------------------------------------------------------------
def test_new_drafts_kept_offline_are_sent_when_the_server_is_back(qtbot, team_db, team_window):
    from sumbar_studio.core.model import Status
    from sumbar_studio.core.store.postgres.localdrafts import DRAFT_DIR
    from sumbar_studio.ui.dialogs.local_drafts import LocalDraftsDialog

    window = team_window
    ws = window.workspace
    team_db.cut_off()
    try:
        window.connection.check()
        qtbot.waitUntil(lambda: window.connection.banner.isVisible(), timeout=10_000)
        window.connection.retry_timer.stop()  # this test says when the server is back
        window.connection.banner.drafts_button.click()
        dialogs = [d for d in window.findChildren(LocalDraftsDialog) if d.isVisible()]
        assert dialogs
        dialog = dialogs[0]
        dialog.title.setText("Rapat dengar pendapat")
        dialog.caption.setPlainText("Komisi II menerima aspirasi nelayan.")
        dialog.platform_boxes["instagram"].setChecked(True)
        assert dialog.keep_new()
        assert not dialog.keep_new()  # no title: refused with the reason
        assert "Isi judul" in dialog.status.text()
        assert dialog.list.count() == 1 and "Rapat dengar pendapat" in dialog.list.item(0).text()
        assert not dialog.send_button.isEnabled()  # nothing is sent while offline
        assert not dialog.send_all() and "belum dapat dihubungi" in dialog.status.text()
        assert len(list((ws.path / DRAFT_DIR).glob("*.json"))) == 1
    finally:
        team_db.reopen()
    assert window.connection.retry()
    assert "1 draf lokal menunggu dikirim" in window.statusBar().currentMessage()
    assert dialog.send_button.isEnabled()
    assert dialog.send_all()
    assert "1 draf lokal dikirim" in dialog.status.text() and dialog.list.count() == 0
    [(title, post_id)] = dialog.report.sent
    stored = team_db.desk("kabag").posts.get(post_id)
    assert stored.title == "Rapat dengar pendapat" and stored.status == Status.DRAFT
    assert stored.platforms == ["instagram"] and stored.approval is None
    assert not list((ws.path / DRAFT_DIR).glob("*.json"))


def test_a_local_draft_is_deleted_only_after_asking_and_a_copy_stays(qtbot, team_db, team_window):
    from sumbar_studio.core.store.postgres.localdrafts import DELETED_DIR, DRAFT_DIR

    dialog = team_window.open_local_drafts()
    dialog.title.setText("Draf coba")
    assert dialog.keep_new()
    dialog.ask_delete()
    dialog.question.choices["keep"].click()
    assert dialog.list.count() == 1
    dialog.ask_delete()
    dialog.question.choices["delete"].click()
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=2_000)
    copies = list((team_window.workspace.path / DRAFT_DIR / DELETED_DIR).glob("*.json"))
    assert len(copies) == 1 and "Draf coba" in copies[0].read_text(encoding="utf-8")


def test_a_read_that_finds_the_server_gone_shows_the_banner_at_once(qtbot, team_db, team_window):
    window = team_window
    _post_this_week(window.workspace, "Sidang paripurna")
    window.events.posts_changed([], "test")
    qtbot.waitUntil(lambda: "Sidang paripurna" in _shown_titles(window), timeout=5_000)
    window.connection.check_timer.stop()  # no periodic check: the failed read alone
    team_db.cut_off()
    try:
        window.events.posts_changed([], "test")  # the queue re-reads, the server is gone
        qtbot.waitUntil(lambda: window.connection.banner.isVisible(), timeout=5_000)
        assert "Sidang paripurna" in _shown_titles(window)
    finally:
        team_db.reopen()


def test_a_closed_window_stops_checking_its_server(qtbot, team_db, team_window):
    window = team_window
    window.close()
    assert not window.connection.check_timer.isActive()
    assert window.connection.retry() is False  # a closed window never reconnects


def test_the_move_report_lists_approvals_that_arrive_as_drafts(qtbot, team_db, tmp_path):
    import importlib.util

    from PySide6.QtWidgets import QDialogButtonBox

    from sumbar_studio.ui.dialogs.move_to_server import MoveToServerDialog

    spec = importlib.util.spec_from_file_location(
        "_team_transfer", Path(__file__).with_name("test_team_transfer.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    local, (_a, _b, c, _gone) = module._local_workspace(tmp_path / "lokal", tmp_path)
    try:
        dialog = MoveToServerDialog(local)
        qtbot.addWidget(dialog)
        _fill(dialog, team_db, "postgres")
        assert dialog.run_move(dialog.address())
        text = dialog.result.text()
        assert "3 unggahan, 1 foto" in text
        assert "1 persetujuan tidak cocok lagi" in text and f"#{c} Kunjungan Komisi IV" in text
        # done: nothing left to cancel, the dialog offers to close
        buttons = dialog.buttons
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel) is None
        assert buttons.button(QDialogButtonBox.StandardButton.Close) is not None
    finally:
        local.close()


def test_without_a_keyring_connect_says_so_and_keeps_nothing(qtbot, team_db):
    import keyring
    from keyring.backends import fail

    from sumbar_studio.ui.dialogs.connect import ConnectDialog

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = ConnectDialog()
        qtbot.addWidget(dialog)
        _fill(dialog, team_db, "rina", "rahasia-rina-123")
        chosen: list[str] = []
        dialog.connectRequested.connect(chosen.append)
        dialog.connect_button.click()
        qtbot.waitUntil(lambda: "keyring" in dialog.result.text(), timeout=10_000)
        assert "Sambungan tidak dibuat" in dialog.result.text() and not chosen
    finally:
        keyring.set_keyring(previous)


def test_settings_offline_are_read_only_and_personal_ones_still_save(qtbot, team_db):
    from sumbar_studio.ui.settings import SettingsDialog

    ws = TeamWorkspace.open(team_db.conninfo("kabag"))
    try:
        team_db.cut_off("kabag")
        try:
            ws.go_offline("test")
            settings = AppSettings()
            dialog = SettingsDialog(ws, settings)
            qtbot.addWidget(dialog)
            assert not dialog.may_edit_team  # even an approver: nothing shared offline
            assert all("tidak dapat dihubungi" in n.text() for n in dialog.read_only_notes)
            assert dialog.rule_edits["extra_words.txt"].isReadOnly()
            dialog.user_name.setText("Hj. Kepala")
            assert dialog.save(), dialog.error.text()
            assert AppSettings.load().user_name == "Hj. Kepala"
        finally:
            team_db.reopen()
    finally:
        ws.close()


def test_printing_the_plan_offline_says_why_instead_of_doing_nothing(qtbot, team_db, team_window):
    """Found walking the window: with the server gone, "Cetak rencana" did nothing at all (a
    raw driver error escaped the inbox part of the plan)."""
    team_db.cut_off("rina")
    try:
        team_window.workspace.go_offline("test")
        assert team_window.queue.print_plan() is None
        assert "Server tim tidak dapat dihubungi" in team_window.queue.last_error
    finally:
        team_db.reopen()


def test_a_viewer_login_sees_everything_and_changes_nothing(qtbot, team_db):
    from sumbar_studio.ui.main_window import MainWindow

    team_db.desk("rina").posts.add(Post(title="Untuk dibaca", platforms=["instagram"]), "rina")
    ws = TeamWorkspace.open(team_db.conninfo("tamu"))
    window = MainWindow(ws, AppSettings(user_name="Tamu Pembaca"))
    qtbot.addWidget(window)
    try:
        window.show()
        queue = window.queue
        assert ws.read_only_role() and window.connection.viewer
        assert not queue.new_button.isEnabled() and not queue.panel.isEnabled()
        assert "pembaca" in queue.new_button.toolTip()
        assert queue.list_model.total() == 1 or queue.week_model is not None  # reads work
        window.compose  # noqa: B018 - a page built later starts read-only too
        assert not window.compose.isEnabled()
        # offline and back: still read-only, with the viewer's reason again
        window.connection._go_offline()
        assert "server tim" in queue.new_button.toolTip()
        window.connection._back_online()
        assert not queue.new_button.isEnabled() and "pembaca" in queue.new_button.toolTip()
    finally:
        window.connection.stop()
        window.compose.shutdown()
        wait_for_background()
        window.close()
        ws.close()
    # an officer's window is not read-only
    rina = TeamWorkspace.open(team_db.conninfo("rina"))
    try:
        assert not rina.read_only_role()
    finally:
        rina.close()
