"""The register of the institution's official accounts, with passwords in the OS keyring.

The table (platform, handle, profile URL, verified, responsible officer) is team data saved in
team.json. The password column only says whether the keyring holds one; the secret itself is
entered in a password field, sent straight to core.accounts.CredentialStore, and can be copied
to the clipboard, which clears itself after a short time. Where no keyring backend exists the
panel says so and stores nothing.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.accounts import (
    CredentialChanges,
    CredentialStore,
    account_key,
    duplicate_accounts,
)
from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.platforms import default_catalog
from ...core.settings import OfficialAccount
from ..widgets.records import RecordTableModel

_ROOT = QModelIndex()
CLIPBOARD_CLEAR_MS = 30_000


class ClipboardGuard(QObject):
    """Put a secret on the clipboard and clear it after ``timeout_ms`` — only if the clipboard
    still holds that secret (the officer may have copied something else since)."""

    cleared = Signal()

    def __init__(self, parent=None, timeout_ms: int = CLIPBOARD_CLEAR_MS):
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self._secret: str | None = None

    def copy(self, secret: str) -> None:
        mime = QMimeData()
        mime.setText(secret)
        # ask clipboard managers (KDE Klipper, others honouring the hint) not to keep it
        mime.setData("x-kde-passwordManagerHint", b"secret")
        QGuiApplication.clipboard().setMimeData(mime)
        self._secret = secret
        self._timer.start(self.timeout_ms)

    def clear(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._secret is not None and clipboard.text() == self._secret:
            clipboard.clear()
        self._secret = None
        self.cleared.emit()


class PlatformDelegate(QStyledItemDelegate):
    """The platform cell is a choice from the platform list, never free text."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        combo = QComboBox(parent)
        combo.setObjectName("accountPlatformCombo")
        for pid, platform in default_catalog().platforms.items():
            combo.addItem(platform.name, pid)
        return combo

    def setEditorData(self, editor, index) -> None:  # noqa: N802 - Qt API
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(max(0, editor.findData(value)))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 - Qt API
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class AccountsModel(RecordTableModel):
    refused = Signal(str)

    """The register of official accounts; the secret column only says whether the OS
    keyring holds a password, never the password itself."""

    COLUMNS = ("platform", "handle", "profile_url", "verified", "responsible", "secret")
    HEADER_PREFIX = "settings.account_"
    READ_ONLY = frozenset({"secret"})
    BOOL_COLUMNS = frozenset({"verified"})

    def __init__(self, accounts: list[OfficialAccount], store: CredentialStore, parent=None):
        super().__init__(accounts, parent)
        self.store = store
        #: keyring changes wait here until the Settings dialog is accepted
        self.changes = CredentialChanges(store, self.accounts)  # the edited copies
        self._has: dict[int, bool] = {}
        self.refresh_secrets()

    @property
    def accounts(self) -> list[OfficialAccount]:
        return self.records

    def refresh_secrets(self) -> None:
        available = self.store.available()
        self._has = {i: (available and self.changes.has(a)) for i, a in enumerate(self.accounts)}
        if self.accounts:
            col = self.COLUMNS.index("secret")
            self.dataChanged.emit(self.index(0, col), self.index(len(self.accounts) - 1, col))

    def display(self, row: int, column: str):
        if column == "secret":
            return t("settings.secret_stored") if self._has.get(row) else "—"
        value = getattr(self.accounts[row], column)
        if column == "platform":
            catalog = default_catalog()
            if not value:
                return t("prefs.account_choose_platform")
            return catalog.platforms[value].name if value in catalog.platforms else value
        return value

    def tooltip(self, row: int, column: str):
        return None if column == "secret" else getattr(self.accounts[row], column)

    def commit(self, row: int, column: str, value) -> bool:
        account = self.accounts[row]
        old = replace(account)
        setattr(account, column, value)
        if column in ("platform", "handle"):
            # "@BeritaDPRD" and "beritadprd" are one account: a second one is refused (they
            # would share one keyring entry); the entry itself moves only on accept
            key = account_key(account)
            if any(account_key(a) == key for a in self.accounts if a is not account):
                setattr(account, column, getattr(old, column))
                self.refused.emit(t("accounts.duplicate", key=key))
                return False
        return True

    def add(self, account: OfficialAccount) -> int:
        taken = {account_key(a) for a in self.accounts}
        base, n = account.handle, 2
        while account_key(account) in taken:  # a new row never shares a key with another
            account.handle = f"{base}{n}"
            n += 1
        row = self.append(account)
        self._has[row] = False
        return row

    def remove(self, row: int) -> OfficialAccount | None:
        account = self.take(row)
        if account is not None:
            self.refresh_secrets()
        return account


class AccountsPanel(QWidget):
    def __init__(
        self,
        team_settings,
        store: CredentialStore | None = None,
        parent=None,
        *,
        clipboard_ms: int = CLIPBOARD_CLEAR_MS,
    ):
        super().__init__(parent)
        self.setObjectName("accountsPanel")
        self.team = team_settings
        self.store = store or CredentialStore()
        self.clipboard = ClipboardGuard(self, clipboard_ms)
        layout = QVBoxLayout(self)
        self.notice = QLabel(self)
        self.notice.setObjectName("keyringNotice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.model = AccountsModel(team_settings.accounts, self.store, self)
        self.table = QTableView(self)
        self.table.setObjectName("accountsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegateForColumn(
            AccountsModel.COLUMNS.index("platform"), PlatformDelegate(self.table)
        )
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(t("settings.account_add"), self)
        self.add_button.setObjectName("accountAdd")
        self.remove_button = QPushButton(t("settings.account_remove"), self)
        self.remove_button.setObjectName("accountRemove")
        self.set_secret_button = QPushButton(t("settings.secret_set"), self)
        self.set_secret_button.setObjectName("secretSet")
        self.copy_secret_button = QPushButton(t("settings.secret_copy"), self)
        self.copy_secret_button.setObjectName("secretCopy")
        self.forget_secret_button = QPushButton(t("settings.secret_forget"), self)
        self.forget_secret_button.setObjectName("secretForget")
        for b in (self.add_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        for b in (self.set_secret_button, self.copy_secret_button, self.forget_secret_button):
            row.addWidget(b)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.setObjectName("accountsMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add_account)
        self.remove_button.clicked.connect(self.remove_account)
        self.set_secret_button.clicked.connect(self.ask_secret)
        self.copy_secret_button.clicked.connect(self.copy_secret)
        self.forget_secret_button.clicked.connect(self.forget_secret)
        self.model.refused.connect(self.message.setText)
        self.clipboard.cleared.connect(
            lambda: self.message.setText(t("settings.clipboard_cleared"))
        )
        self._update_notice()

    def _update_notice(self) -> None:
        self.keyring_ok = self.store.available()
        if self.keyring_ok:
            self.notice.setText(t("settings.keyring_ok", backend=self.store.backend_name()))
            self.notice.setStyleSheet("")
        else:
            self.notice.setText(t("settings.keyring_missing"))
            self.notice.setStyleSheet("color: #b01e23;")
        for b in (self.set_secret_button, self.copy_secret_button, self.forget_secret_button):
            b.setEnabled(self.keyring_ok)

    def problems(self) -> list[str]:
        out = []
        for i, a in enumerate(self.model.accounts):
            if not (a.platform or a.handle.strip() or a.profile_url.strip()):
                continue  # a blank row added and never filled: dropped on save
            if not a.platform or not a.handle.strip():
                out.append(t("prefs.account_incomplete", row=i + 1))
        dup = duplicate_accounts(self._filled())
        if dup:
            out.append(t("accounts.duplicate", key=", ".join(dup)))
        return out

    def _filled(self) -> list:
        return [
            a
            for a in self.model.accounts
            if a.platform or a.handle.strip() or a.profile_url.strip()
        ]

    def apply(self) -> None:
        """On accept: carry out the keyring changes, then take the register into the team
        settings (blank rows dropped). Raises SumbarError (nothing else changed in the team
        settings)."""
        self.model.changes.apply(self.model.accounts)
        self.team.accounts = [OfficialAccount(**vars(a)) for a in self._filled()]

    def current_account(self) -> OfficialAccount | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.accounts[index.row()]

    def add_account(self) -> int:
        """An empty row, its platform cell open for a choice."""
        row = self.model.add(OfficialAccount(platform="", handle=""))
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        if self.table.isVisible():
            self.table.edit(index)
        return row

    def remove_account(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove(index.row())  # its password is forgotten only on accept

    def ask_secret(self):
        account = self.current_account()
        if account is None:
            self.message.setText(t("settings.account_select"))
            return None
        dialog = QInputDialog(self)
        dialog.setObjectName("secretDialog")
        dialog.setWindowTitle(t("settings.secret_set"))
        dialog.setLabelText(
            t("settings.secret_prompt", account=f"{account.platform} {account.handle}")
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(lambda text: self.store_secret(account, text))
        dialog.open()
        return dialog

    def store_secret(self, account: OfficialAccount, secret: str) -> bool:
        try:
            self.model.changes.set_secret(account, secret)  # stored on accept
        except SumbarError as err:
            self.message.setText(err.user_message())
            self._update_notice()
            return False
        self.model.refresh_secrets()
        self.message.setText(t("settings.secret_saved"))
        return True

    def copy_secret(self) -> bool:
        account = self.current_account()
        if account is None:
            self.message.setText(t("settings.account_select"))
            return False
        try:
            secret = self.model.changes.secret(account)
        except SumbarError as err:
            self.message.setText(err.user_message())
            return False
        if secret is None:
            self.message.setText(t("settings.secret_none"))
            return False
        self.clipboard.copy(secret)
        self.message.setText(t("settings.secret_copied", seconds=self.clipboard.timeout_ms // 1000))
        return True

    def forget_secret(self) -> None:
        account = self.current_account()
        if account is None:
            return
        self.model.changes.forget(account)  # forgotten on accept
        self.model.refresh_secrets()
        self.message.setText(t("settings.secret_forgotten"))
