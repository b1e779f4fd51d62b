"""Settings: brand kit with live sample, people, rule lists, platforms, backups, accounts."""

from __future__ import annotations

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtGui import QGuiApplication

from sumbar_studio.core.accounts import CredentialStore
from sumbar_studio.core.model import Post
from sumbar_studio.core.settings import AppSettings, OfficialAccount
from sumbar_studio.ui.settings import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.items = {}

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def get_password(self, service, username):
        return self.items.get((service, username))

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.items:
            raise PasswordDeleteError(username)
        del self.items[(service, username)]


def files_containing(root, needle):
    return [p for p in root.rglob("*") if p.is_file() and needle.encode() in p.read_bytes()]


@pytest.fixture
def make_dialog(qtbot, workspace):
    def make(backend):
        dialog = SettingsDialog(workspace, AppSettings(), credential_store=CredentialStore(backend))
        qtbot.addWidget(dialog)
        dialog.open()
        return dialog

    return make


def test_brand_people_rules_platforms_are_saved(qtbot, make_dialog, workspace):
    dialog = make_dialog(MemoryKeyring())
    brand = dialog.brand
    qtbot.waitUntil(lambda: brand.renders >= 1, timeout=30000)
    assert not brand.sample.pixmap().isNull()
    brand.color_edits["primary"].setText("#123456")
    brand.hashtags.setText("DPRDSumbar, #SumbarMaju")
    qtbot.waitUntil(lambda: brand.renders >= 2, timeout=30000)  # the sample followed the edit
    brand.color_edits["secondary"].setText("kuning")
    assert "secondary" in brand.error.text()
    assert not dialog.save()  # invalid colour: nothing saved
    brand.color_edits["secondary"].setText("#E0A526")
    row = dialog.people_model.add()
    people = dialog.people_model
    people.setData(people.index(row, 0), "Andi Pratama")
    people.setData(people.index(row, 1), "199001012015031002")
    people.setData(people.index(row, 3), 2, role=10)  # CheckStateRole, Checked
    dialog.preparer.setText("Andi Pratama")
    dialog.rule_edits["lexicon.txt"].appendPlainText("Bundo Kanduang")
    platforms = dialog.platform_model
    col = platforms.COLUMNS.index("hashtag_limit")
    assert platforms.setData(platforms.index(0, col), "3")
    assert not platforms.setData(platforms.index(0, col), "banyak")
    assert dialog.save()
    team = workspace.team_settings()
    assert team.brand["colors"]["primary"] == "#123456"
    assert team.brand["hashtags"] == ["#DPRDSumbar", "#SumbarMaju"]
    assert team.person("Andi Pratama").can_approve and team.preparer == "Andi Pratama"
    assert "Bundo Kanduang" in (workspace.path / "rules" / "lexicon.txt").read_text(
        encoding="utf-8"
    )
    assert '"hashtag_limit": 3' in (workspace.path / "platforms.json").read_text(encoding="utf-8")
    assert not (workspace.path / "rules" / "roster.tsv").exists()  # unchanged lists not copied


def test_accounts_keep_secrets_only_in_the_keyring_and_clipboard_clears(
    qtbot, make_dialog, workspace
):
    backend = MemoryKeyring()
    dialog = make_dialog(backend)
    panel = dialog.accounts
    panel.clipboard.timeout_ms = 100
    assert panel.keyring_ok and "tidak pernah" in panel.notice.text()
    row = panel.add_account()
    model = panel.model
    model.setData(model.index(row, 0), "instagram")
    model.setData(model.index(row, 1), "@dprdsumbar")
    model.setData(model.index(row, 2), "https://www.instagram.com/dprdsumbar")
    model.setData(model.index(row, 4), "Rina")
    secret = "Sandi-Rahasia-2026!"
    dialog_box = panel.ask_secret()
    dialog_box.setTextValue(secret)
    dialog_box.accept()
    assert backend.items == {}  # the keyring is written only when the dialog is accepted
    assert model.data(model.index(row, 5)) == "tersimpan di brankas"
    assert panel.copy_secret()
    assert QGuiApplication.clipboard().text() == secret
    with qtbot.waitSignal(panel.clipboard.cleared, timeout=2000):
        pass
    assert QGuiApplication.clipboard().text() != secret
    assert dialog.save()
    assert backend.items == {("SumbarStudio", "instagram:dprdsumbar"): secret}
    team = workspace.team_settings()
    assert team.accounts == [
        OfficialAccount(
            "instagram", "@dprdsumbar", "https://www.instagram.com/dprdsumbar", False, "Rina"
        )
    ]
    workspace.posts.add(Post(title="Ikuti akun resmi kami"), "Rina")
    workspace.backup("manual")
    assert files_containing(workspace.path, secret) == []


def test_without_a_keyring_the_panel_says_so_and_stores_nothing(qtbot, make_dialog, workspace):
    dialog = make_dialog(fail.Keyring())
    panel = dialog.accounts
    assert not panel.keyring_ok
    assert "tidak tersedia" in panel.notice.text()
    assert not panel.set_secret_button.isEnabled() and not panel.copy_secret_button.isEnabled()
    panel.add_account()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    assert not panel.store_secret(panel.current_account(), "tidak-boleh-tersimpan")
    assert "tidak tersedia" in panel.message.text()
    assert dialog.save()
    assert files_containing(workspace.path, "tidak-boleh-tersimpan") == []


def test_backup_now_and_restore_from_the_settings(qtbot, make_dialog, workspace):
    workspace.posts.add(Post(title="Sebelum cadangan"), "a")
    dialog = make_dialog(MemoryKeyring())
    panel = dialog.backup
    path = panel.make_backup()
    assert path is not None and panel.list.count() == 1
    workspace.posts.add(Post(title="Sesudah cadangan"), "a")
    panel.list.setCurrentRow(0)
    with qtbot.waitSignal(dialog.restored):
        box = panel.confirm_restore()
        box.done(box.standardButton(box.button(box.StandardButton.Yes)))
    assert [p.title for p in workspace.posts.list()] == ["Sebelum cadangan"]
    assert panel.list.count() == 2  # plus the "sebelum-pulih" copy
    assert (
        "sebelum pemulihan" in panel.list.item(0).text()
        or "sebelum pemulihan" in panel.list.item(1).text()
    )


def _panel_with_stored_account(make_dialog, workspace, handle="@BeritaDPRD"):
    team = workspace.team_settings()
    team.accounts = [OfficialAccount("instagram", handle)]
    workspace.save_team_settings(team)
    backend = MemoryKeyring()
    CredentialStore(backend).set(team.accounts[0], "sandi-lama")
    dialog = make_dialog(backend)
    panel = dialog.accounts
    panel.table.setCurrentIndex(panel.model.index(0, 1))
    return backend, dialog, panel


def test_remove_then_cancel_keeps_the_password(qtbot, make_dialog, workspace):
    backend, dialog, panel = _panel_with_stored_account(make_dialog, workspace)
    panel.remove_account()
    assert panel.model.rowCount() == 0
    assert backend.items == {("SumbarStudio", "instagram:beritadprd"): "sandi-lama"}
    dialog.reject()
    assert backend.items == {("SumbarStudio", "instagram:beritadprd"): "sandi-lama"}
    assert [a.handle for a in workspace.team_settings().accounts] == ["@BeritaDPRD"]


def test_remove_then_accept_forgets_the_password(qtbot, make_dialog, workspace):
    backend, dialog, panel = _panel_with_stored_account(make_dialog, workspace)
    panel.remove_account()
    assert dialog.save()
    assert backend.items == {}
    assert workspace.team_settings().accounts == []


def test_rename_then_cancel_keeps_the_entry_and_accept_moves_it(qtbot, make_dialog, workspace):
    backend, dialog, panel = _panel_with_stored_account(make_dialog, workspace)
    model = panel.model
    assert model.setData(model.index(0, 1), "@dprd_sumbar_baru")
    assert backend.items == {("SumbarStudio", "instagram:beritadprd"): "sandi-lama"}
    assert model.data(model.index(0, 5)) == "tersimpan di brankas"  # still its password
    dialog.reject()
    assert backend.items == {("SumbarStudio", "instagram:beritadprd"): "sandi-lama"}
    dialog2 = make_dialog(backend)
    model2 = dialog2.accounts.model
    assert model2.setData(model2.index(0, 1), "@dprd_sumbar_baru")
    assert dialog2.save()
    assert backend.items == {("SumbarStudio", "instagram:dprd_sumbar_baru"): "sandi-lama"}


def test_forget_and_set_wait_for_accept(qtbot, make_dialog, workspace):
    backend, dialog, panel = _panel_with_stored_account(make_dialog, workspace)
    panel.forget_secret()
    assert panel.model.data(panel.model.index(0, 5)) == "—"
    assert backend.items  # not yet
    dialog.reject()
    assert backend.items == {("SumbarStudio", "instagram:beritadprd"): "sandi-lama"}


def test_one_handle_in_two_spellings_is_one_account(qtbot, make_dialog, workspace):
    backend, dialog, panel = _panel_with_stored_account(make_dialog, workspace)
    model = panel.model
    row = panel.add_account()  # an empty row; the platform is chosen first
    assert model.setData(model.index(row, 0), "instagram")
    assert model.setData(model.index(row, 1), "beritadprd") is False  # refused: same account
    assert "sudah ada" in panel.message.text()
    assert model.accounts[row].handle != "beritadprd"
    assert model.setData(model.index(row, 1), "beritadprd_foto")  # a different account
    panel.table.setCurrentIndex(model.index(row, 1))
    assert panel.store_secret(model.accounts[row], "sandi-lain")
    assert dialog.save()
    assert backend.items[("SumbarStudio", "instagram:beritadprd")] == "sandi-lama"  # untouched
    assert len(backend.items) == 2


def test_a_register_with_duplicate_handles_is_refused_on_save(qtbot, make_dialog, workspace):
    team = workspace.team_settings()
    team.accounts = [
        OfficialAccount("instagram", "@BeritaDPRD"),
        OfficialAccount("instagram", "beritadprd"),
    ]
    workspace.save_team_settings(team)
    dialog = make_dialog(MemoryKeyring())
    assert not dialog.save()
    assert "sudah ada" in dialog.error.text()


def test_settings_open_over_broken_team_rule_and_platform_files(qtbot, make_dialog, workspace):
    (workspace.path / "rules").mkdir(exist_ok=True)
    (workspace.path / "rules" / "lexicon.txt").write_bytes(b"DPRD\n\xff\xfe rusak\n")
    (workspace.path / "platforms.json").write_text('{"formats": ', encoding="utf-8")
    dialog = make_dialog(MemoryKeyring())
    assert "DPRD" in dialog.rule_edits["lexicon.txt"].toPlainText()
    assert dialog.platform_model.rowCount() > 0  # the shipped platform data, to start from
