"""Pindahkan ruang kerja ke server tim: copy this local workspace to an empty team server.

The copy is core's ``transfer.push`` (one transaction: same post ids, photos by SHA-256, the
whole history, the shared files; approvals re-verified by the server's content hash, the ones
that no longer match arrive as drafts and are listed). It needs the server installer's login
(the one that may act as the owner), asked here like the connect dialog asks; the password is
used for this copy only and not kept. The dialog asks first with what will be copied, shows
the report, then offers to continue this window on the server with one's own login.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from ...core.errors import SumbarError
from ...core.i18n import t
from ..ask import ask
from .connect import ConnectDialog, explain, open_connect_dialog


def workspace_counts(workspace) -> dict[str, int | str]:
    """What the move copies: posts, photos, history rows, shared files."""
    from ...core.store.postgres.documents import shared_names

    conn = workspace.store.conn
    return {
        "posts": workspace.posts.count(),
        "photos": len(workspace.repository.media_rows()),
        "history": int(conn.execute("SELECT count(*) FROM audit").fetchone()[0]),
        "files": ", ".join(shared_names(workspace.path)) or "-",
    }


def report_text(report) -> str:
    lines = [
        t(
            "team_desk.move_done",
            posts=report.posts,
            photos=report.media,
            history=report.audit,
            files=", ".join(report.documents) or "-",
        )
    ]
    if report.demoted:
        lines.append(t("team_desk.move_demoted", count=len(report.demoted)))
        lines += [f"  #{pid} {title}" for pid, title, _stored, _actual in report.demoted]
    else:
        lines.append(t("team_desk.move_no_demoted"))
    return "\n".join(lines)


class MoveToServerDialog(ConnectDialog):
    """See the module docstring."""

    def __init__(self, workspace, parent=None, *, on_switch=None):
        super().__init__(parent, save_password=lambda _a, _p: None)
        #: ``on_switch(address)`` continues the window on the server (with one's own login)
        self.on_switch = on_switch
        self._server = ""
        self.setObjectName("moveToServerDialog")
        self.setWindowTitle(t("team_desk.move_title"))
        self.workspace = workspace
        self.report = None
        self.question = None
        self.login.setPlaceholderText(t("team_desk.move_login_hint"))
        self.password.setPlaceholderText("")
        self.hint.setText(t("team_desk.move_hint"))  # nothing is kept in the keyring here
        self.intro.setText(t("team_desk.move_intro", path=str(workspace.path)))
        self.connect_button.setText(t("team_desk.move_start"))
        self.connect_button.setObjectName("moveStart")
        self.switch_button = self.buttons.addButton(
            t("team_desk.move_switch"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.switch_button.setObjectName("moveSwitch")
        self.switch_button.setVisible(False)
        self.switch_button.clicked.connect(self.offer_switch)

    def _finish(self, address: str) -> None:
        """The installer's connection works: ask before copying (with what will be copied)."""
        try:
            counts = workspace_counts(self.workspace)
        except Exception as exc:  # noqa: BLE001 -- an unreadable local workspace: say why
            self._show(str(exc), ok=False)
            return
        self.question = ask(
            self,
            "moveQuestion",
            t("team_desk.move_title"),
            t("team_desk.move_confirm", server=_label(address), **counts),
            [
                ("move", t("team_desk.move_start"), "accept", lambda: self._move_soon(address)),
                ("cancel", t("team_desk.move_cancel"), "reject", None),
            ],
            informative=t("team_desk.move_confirm_hint"),
            default="move",
            icon=QMessageBox.Icon.Question,
        )

    def _move_soon(self, address: str) -> None:
        # after the question has closed (the copy takes a moment; the box is gone by then)
        QTimer.singleShot(0, self, lambda: self.run_move(address))

    def run_move(self, address: str) -> bool:
        """Run the copy now (one transaction on the server; the local workspace is unchanged)."""
        from ...core.store.postgres.connection import connect
        from ...core.store.postgres.credentials import conninfo_for
        from ...core.store.postgres.transfer import push

        self.setCursor(Qt.CursorShape.BusyCursor)
        try:
            conn = connect(conninfo_for(address, password=self.password.text() or None))
            try:
                self.report = push(self.workspace, conn)
            finally:
                conn.close()
        except SumbarError as err:
            self._show(
                explain(err, address) if "unreachable" in err.message_id else str(err), ok=False
            )
            return False
        finally:
            self.unsetCursor()
        self.password.clear()  # the installer's password was for this copy only
        self._show(report_text(self.report), ok=True)
        self.connect_button.setVisible(False)
        self.test_button.setEnabled(False)
        self.switch_button.setVisible(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:  # the copy is done: nothing left to cancel, only to close
            self.buttons.removeButton(cancel)
            cancel.deleteLater()
            self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._server = address
        return True

    def offer_switch(self):
        """Continue this window on the server: the connect dialog with the server filled in,
        for one's own login and password."""
        host = self.parentWidget()
        dialog = open_connect_dialog(
            host, self.on_switch or (lambda _a: None), address=self._server
        )
        dialog.login.clear()
        dialog.login.setFocus()
        self.accept()
        return dialog


def _label(address: str) -> str:
    from ...core.store.postgres.credentials import label

    return label(address)
