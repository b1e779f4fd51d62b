"""Sambungkan ke server tim: where the team server is, a test, then connect.

The dialog asks host, port, database, login, password and the team's CA certificate. The
password goes only to the OS keyring (core/store/postgres/credentials.save_password), never to
a settings file; what the app remembers is the address without it (libpq ``host=... dbname=...
user=... sslmode=verify-full sslrootcert=...``). Over the network TLS with the server's
certificate checked against the team's CA (``verify-full``) is required; a Unix-socket host
(starting with "/") is this computer and needs none.

"Uji sambungan" connects once off the GUI thread and reports what the server says: its
version, TLS, this login's role and the person the staff table names -- or a clear Indonesian
reason. "Sambungkan" checks the same, keeps the password in the keyring and emits
:attr:`ConnectDialog.connectRequested` with the address; the caller opens the workspace.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ...core.errors import InvalidInput, SumbarError
from ...core.i18n import t
from ..background import run_in_background

ROLE_KEYS = ("officer", "approver", "viewer", "admin")


def explain(exc: BaseException, address: str = "") -> str:
    """A translated message for a failed connection (the server's words kept at the end)."""
    from ...core.store.postgres.connection import known_reason  # the one table of reasons

    text = str(getattr(exc, "detail", "") or exc)
    reason = known_reason(text, address)  # the address names the login and database
    if reason is not None:
        return t("team_desk.connect_failed", reason=reason, detail=_last_line(text))
    if isinstance(exc, SumbarError):
        return exc.user_message()
    return t("team_desk.connect_failed", reason=t("team_desk.reason_other"), detail=text)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def describe_facts(facts) -> str:
    """The server facts as one paragraph a person reads."""
    roles = ", ".join(t(f"team_desk.role_{r}") for r in facts.roles if r in ROLE_KEYS) or t(
        "team_desk.role_none"
    )
    tls = (
        t("team_desk.tls_on", version=facts.tls_version or "TLS")
        if facts.tls
        else t("team_desk.tls_off")
    )
    lines = [
        t("team_desk.facts_server", version=facts.server_version),
        tls,
        t("team_desk.facts_login", login=facts.login, roles=roles),
        t("team_desk.facts_person", person=facts.person)
        if facts.person
        else t("team_desk.facts_no_person"),
        t(
            "team_desk.facts_latency",
            ms=f"{facts.latency_ms:.0f}" if facts.latency_ms >= 1 else "<1",
            schema=facts.schema_version,
        ),
    ]
    if not facts.schema_version:
        lines.append(t("team.no_schema"))
    elif not facts.schema_matches:
        lines.append(
            t("team.schema_mismatch", server=facts.schema_version, app=facts.app_schema_version)
        )
    return "\n".join(lines)


def probe(address: str, password: str | None):
    """Connect once and read the server facts (worker thread; no Qt)."""
    from ...core.store.postgres.connection import connect
    from ...core.store.postgres.credentials import conninfo_for
    from ...core.store.postgres.health import server_facts

    conn = connect(conninfo_for(address, password=password), connect_timeout=8)
    try:
        return server_facts(conn, pings=3)
    finally:
        conn.close()


class ConnectDialog(QDialog):
    """See the module docstring."""

    #: the address (no password) to open, after a successful check
    connectRequested = Signal(str)

    def __init__(self, parent=None, *, address: str = "", save_password=None):
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(t("team_desk.connect_title"))
        self.setMinimumWidth(560)
        if save_password is None:
            from ...core.store.postgres.credentials import save_password as keep

            save_password = keep
        self._save_password = save_password
        self.facts = None
        self.last_error = ""
        self._busy = False

        layout = QVBoxLayout(self)
        self.intro = QLabel(t("team_desk.connect_intro"), self)
        self.intro.setObjectName("connectIntro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.host = QLineEdit(self)
        self.host.setObjectName("connectHost")
        self.host.setPlaceholderText("server-humas.dprd.local")
        self.port = QSpinBox(self)
        self.port.setObjectName("connectPort")
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("sumbar", self)
        self.database.setObjectName("connectDatabase")
        self.login = QLineEdit(self)
        self.login.setObjectName("connectLogin")
        self.password = QLineEdit(self)
        self.password.setObjectName("connectPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(t("team_desk.password_placeholder"))
        ca_row = QHBoxLayout()
        self.ca_file = QLineEdit(self)
        self.ca_file.setObjectName("connectCaFile")
        self.ca_file.setPlaceholderText(t("team_desk.ca_placeholder"))
        browse = QPushButton(t("settings.browse"), self)
        browse.setObjectName("connectCaBrowse")
        browse.clicked.connect(self._browse_ca)
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)
        form.addRow(t("team_desk.host"), self.host)
        form.addRow(t("team_desk.port"), self.port)
        form.addRow(t("team_desk.database"), self.database)
        form.addRow(t("team_desk.login"), self.login)
        form.addRow(t("team_desk.password"), self.password)
        form.addRow(t("team_desk.ca_file"), ca_row)
        layout.addLayout(form)
        self.hint = QLabel(t("team_desk.connect_hint"), self)
        self.hint.setObjectName("connectHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        layout.addWidget(self.hint)

        test_row = QHBoxLayout()
        self.test_button = QPushButton(t("team_desk.test"), self)
        self.test_button.setObjectName("connectTest")
        self.test_button.clicked.connect(self.test_connection)
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        layout.addLayout(test_row)
        self.result = QLabel(self)
        self.result.setObjectName("connectResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)

        self.buttons = QDialogButtonBox(self)
        self.connect_button = self.buttons.addButton(
            t("team_desk.connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setObjectName("connectAccept")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.connect_now)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if address:
            self.set_address(address)

    # -- the address -------------------------------------------------------------------------
    def set_address(self, address: str) -> None:
        from ...core.store.postgres.address import ServerAddress

        try:
            parsed = ServerAddress.parse(address)
        except InvalidInput:
            return
        self.host.setText(parsed.host)
        self.port.setValue(parsed.port)
        self.database.setText(parsed.database)
        self.login.setText(parsed.user)
        self.ca_file.setText(parsed.ca_file)

    def _safe_address(self) -> str:
        try:
            return self.address()
        except SumbarError:  # an address that cannot be built names nothing
            return ""

    def address(self) -> str:
        """The address to remember and open (never with the password)."""
        from pathlib import Path

        from ...core.store.postgres.address import ServerAddress

        host = self.host.text().strip()
        login = self.login.text().strip()
        database = self.database.text().strip()
        if not host or not login or not database:
            raise InvalidInput("team_desk.fields_required")
        ca = self.ca_file.text().strip()
        local = host.startswith("/")
        if not local and ca and not Path(ca).is_file():
            raise InvalidInput("team_desk.ca_missing", path=ca)
        return ServerAddress(
            host=host,
            database=database,
            user=login,
            port=self.port.value(),
            ca_file="" if local else ca,
        ).conninfo()

    def _browse_ca(self) -> None:
        chooser = QFileDialog(self, t("team_desk.ca_file"), self.ca_file.text())
        chooser.setNameFilter(t("team_desk.ca_filter"))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(self.ca_file.setText)
        chooser.open()

    # -- test and connect --------------------------------------------------------------------
    def _show(self, text: str, *, ok: bool) -> None:
        self.result.setStyleSheet("color: #2e7d32;" if ok else "color: #b01e23;")
        self.result.setText(text)
        if not ok:
            self.last_error = text
        self.adjustSize()  # the facts or the reason, whole

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.test_button.setEnabled(not busy)
        self.connect_button.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def test_connection(self, *, then_connect: bool = False) -> None:
        """Connect once in the background and show the server facts (or why not)."""
        if self._busy:
            return
        try:
            address = self.address()
        except SumbarError as err:
            self._show(err.user_message(), ok=False)
            return
        password = self.password.text() or None
        self.facts = None
        self._set_busy(True)
        self._show(t("team_desk.testing"), ok=True)
        run_in_background(
            lambda: probe(address, password),
            lambda facts: self._tested(address, facts, then_connect),
            self._failed,
            owner=self,
        )

    def _tested(self, address: str, facts, then_connect: bool) -> None:
        self._set_busy(False)
        self.facts = facts
        problem = not facts.schema_version or not facts.schema_matches
        self._show(
            t("team_desk.test_ok") + "\n" + describe_facts(facts),
            ok=not problem,
        )
        if then_connect and not problem:
            self._finish(address)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show(explain(exc, self._safe_address()), ok=False)

    def connect_now(self) -> None:
        """Check the connection, then keep the password in the keyring and hand over."""
        self.test_connection(then_connect=True)

    def _finish(self, address: str) -> None:
        password = self.password.text()
        if password:
            try:
                self._save_password(address, password)
            except Exception as exc:  # noqa: BLE001 -- no usable keyring: say so, keep nothing
                self._show(t("team_desk.keyring_failed", detail=str(exc)), ok=False)
                return
        self.accept()
        self.connectRequested.emit(address)


def open_connect_dialog(parent, on_address, *, address: str = "") -> ConnectDialog:
    """Open the dialog (non-blocking); ``on_address(address)`` runs after a good connect."""
    dialog = ConnectDialog(parent, address=address)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.connectRequested.connect(on_address)
    dialog.open()
    return dialog


__all__ = ["ConnectDialog", "describe_facts", "explain", "open_connect_dialog"]
