"""The desk side of "offline, honestly" (core: core/store/postgres/offline.py).

:class:`ConnectionMonitor` watches a team workspace: a check every few seconds (the desk's own
connection broken, or a read that found the server gone, flips the workspace offline), and
while offline a retry on a timer that connects again. Going offline shows
:class:`OfflineBanner` ("Server tim tidak dapat dihubungi sejak HH.MM WIB -- antrean terakhir
dimuat pukul ..., hanya baca"), makes the pages read-only (the write buttons disabled with the
reason as their tooltip; the store refuses any write that gets through) and keeps the last
loaded queue on screen. Coming back re-reads everything shown (notifications sent meanwhile
were lost) and restores the buttons.

A local workspace has no monitor and no banner.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..core.errors import SumbarError
from ..core.i18n import t

#: how often a desk that is online checks the server can be reached (ms)
CHECK_MS = 15_000
#: how often a desk that is offline tries to connect again (ms)
RETRY_MS = 10_000


def probe_server(conninfo: str) -> None:
    """Connect once briefly and ask for nothing (worker thread; raises when unreachable)."""
    from ..core.store.postgres.connection import connect

    conn = connect(conninfo, connect_timeout=3)
    try:
        conn.execute("SELECT 1").fetchone()
    finally:
        conn.close()


def offline_text(workspace) -> str:
    from ..core.store.postgres.offline import wib_clock

    loaded = workspace.snapshot.loaded_at
    since = wib_clock(workspace.connectivity.offline_since)
    if loaded is None:
        return t("team_desk.offline_banner_empty", since=since)
    return t(
        "team_desk.offline_banner",
        since=since,
        loaded=_loaded_text(loaded),
        count=len(workspace.snapshot.summaries),
    )


def _loaded_text(moment) -> str:
    """The time the snapshot was read: the clock today, else the date too."""
    from ..core.timeutil import format_clock, now_utc, to_wib
    from .queue.models import format_when

    if to_wib(moment).date() == to_wib(now_utc()).date():
        return format_clock(moment)
    return format_when(moment)


class OfflineBanner(QWidget):
    """The strip above the pages while the team server cannot be reached."""

    retryRequested = Signal()
    draftsRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#offlineBanner { background: #fff4e5; border-bottom: 1px solid #e0a030; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel(self)
        self.label.setObjectName("offlineText")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #7a4100; font-weight: 600;")
        self.retry_button = QPushButton(t("team_desk.retry_now"), self)
        self.retry_button.setObjectName("offlineRetry")
        self.retry_button.clicked.connect(self.retryRequested)
        self.drafts_button = QPushButton(t("team_desk.menu_drafts"), self)
        self.drafts_button.setObjectName("offlineDrafts")
        self.drafts_button.setToolTip(t("team_desk.drafts_banner_hint"))
        self.drafts_button.clicked.connect(self.draftsRequested)
        row.addWidget(self.label, 1)
        row.addWidget(self.drafts_button)
        row.addWidget(self.retry_button)
        self.setVisible(False)

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(True)


def _is_viewer(workspace) -> bool:
    try:
        return bool(workspace.read_only_role())
    except SumbarError:  # offline at start: the roles are read again when it is back
        return False


class ConnectionMonitor(QObject):
    """See the module docstring. ``window`` is the main window (its pages and change channel)."""

    offlineChanged = Signal(bool)

    def __init__(self, window, workspace, *, check_ms: int = CHECK_MS, retry_ms: int = RETRY_MS):
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.banner = OfflineBanner(window)
        self.banner.retryRequested.connect(self.retry)
        opener = getattr(window, "open_local_drafts", None)
        if opener is not None:
            self.banner.draftsRequested.connect(opener)
        self._shown_offline = False
        #: a viewer (pembaca) login: read-only for good, online or not
        self.viewer = _is_viewer(workspace)
        self._probing = False
        self._stopped = False
        #: widgets disabled while offline, with what they were before
        self._disabled: list[tuple[QWidget, bool, str]] = []
        self.check_timer = QTimer(self)
        self.check_timer.setInterval(check_ms)
        self.check_timer.timeout.connect(self.check)
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(retry_ms)
        self.retry_timer.timeout.connect(self.retry)
        self.check_timer.start()
        if self.viewer and hasattr(window, "statusBar"):
            window.statusBar().showMessage(t("team_desk.viewer_status"))  # widgets: page_built
        # a read that finds the server gone shows the banner at once, not at the next check
        self._listener = lambda: QTimer.singleShot(0, self, self.check)
        workspace.connectivity.listeners.append(self._listener)
        if workspace.offline:
            QTimer.singleShot(0, self, self.check)

    @property
    def offline(self) -> bool:
        return self._shown_offline

    def stop(self) -> None:
        """The window closed: no more checks or reconnects for its workspace."""
        self.check_timer.stop()
        self.retry_timer.stop()
        if self._listener in self.workspace.connectivity.listeners:
            self.workspace.connectivity.listeners.remove(self._listener)
        self._stopped = True

    # -- detection ---------------------------------------------------------------------------
    def check(self) -> None:
        """Online: can the server still be reached? A short connection of its own is tried
        off the GUI thread (a vanished network must not freeze the window); a desk whose own
        connection broke while the server is there reconnects and re-reads. Offline and not
        yet shown (a read found the server gone): show it."""
        ws = self.workspace
        if self._stopped:
            return
        if ws.offline:
            if not self._shown_offline:
                self._go_offline()
            else:
                self.banner.show_text(offline_text(ws))
            return
        if self._probing:
            return
        self._probing = True
        from .background import run_in_background

        run_in_background(
            lambda: probe_server(ws.conninfo), self._probed, self._probe_failed, owner=self.banner
        )

    def _probed(self, _result=None) -> None:
        self._probing = False
        ws = self.workspace
        if self._stopped:
            return
        if ws.offline:
            self.check()
        elif not ws.connected:  # the server is there, this desk's connection is not
            self.retry()
        elif self._shown_offline:  # reconnected meanwhile (e.g. by the live feed)
            self._back_online()

    def _probe_failed(self, exc: BaseException) -> None:
        self._probing = False
        if self._stopped:
            return
        self.workspace.go_offline(str(exc))
        if not self._shown_offline:
            self._go_offline()

    def _go_offline(self) -> None:
        self._shown_offline = True
        self.banner.show_text(offline_text(self.workspace))
        self._set_read_only(True)
        self.retry_timer.start()
        self.offlineChanged.emit(True)
        # the pages show the snapshot now (a page that failed a read mid-way redraws)
        self.window.events.posts_changed([], "offline")

    def retry(self) -> bool:
        """Connect again; on success re-read everything shown. True when back online."""
        if self._stopped:
            return False
        if self.workspace.connected and not self.workspace.offline and not self._shown_offline:
            return True
        try:
            self.workspace.reconnect()
        except SumbarError as err:
            self.workspace.go_offline(str(err))
            if self._shown_offline:
                self.banner.show_text(offline_text(self.workspace))
            else:
                self._go_offline()
            return False
        self._back_online()
        return True

    def _back_online(self) -> None:
        was_shown, self._shown_offline = self._shown_offline, False
        self.retry_timer.stop()
        self.banner.setVisible(False)
        self._set_read_only(False)
        if was_shown:
            self.offlineChanged.emit(False)
        # notifications sent meanwhile were lost: re-read posts and settings
        self.window.events.replaced("reconnect")
        if was_shown:
            self._remind_local_drafts()

    def _remind_local_drafts(self) -> None:
        from ..core.store.postgres.localdrafts import LocalDrafts

        waiting = LocalDrafts(self.workspace.path).count()
        if waiting and hasattr(self.window, "statusBar"):
            self.window.statusBar().showMessage(t("team_desk.drafts_waiting", count=waiting))

    # -- read-only ---------------------------------------------------------------------------
    def write_widgets(self) -> list[QWidget]:
        """The buttons that write to the server (new, import, the post panel's actions,
        the editor)."""
        window = self.window
        found: list[QWidget] = []
        queue = getattr(window, "queue", None)
        if queue is not None:
            for name in ("new_button", "import_button"):
                widget = getattr(queue, name, None)
                if widget is not None:
                    found.append(widget)
            panel = getattr(queue, "panel", None)
            if panel is not None:
                found.append(panel)
        compose = getattr(window, "_compose", None)
        if compose is not None:
            found.append(compose)
        return found

    def _set_read_only(self, read_only: bool) -> None:
        """Offline (``read_only``) or a viewer's login: the write widgets disabled with the
        reason; otherwise as they were. Restored first, so a new reason replaces the old."""
        self._set_read_only_now(False)
        if read_only or self.viewer:  # back online, a viewer still changes nothing
            self._set_read_only_now(True)

    def _set_read_only_now(self, read_only: bool) -> None:
        reason = t(
            "team_desk.viewer_reason"
            if self.viewer and not self._shown_offline
            else "team_desk.read_only_reason"
        )
        if read_only:
            self._disabled = []
            for widget in self.write_widgets():
                self._disabled.append((widget, widget.isEnabled(), widget.toolTip()))
                widget.setEnabled(False)
                widget.setToolTip(reason)
            for action in self._write_actions():
                self._disabled.append((action, action.isEnabled(), action.toolTip()))
                action.setEnabled(False)
                action.setToolTip(reason)
        else:
            for widget, enabled, tip in self._disabled:
                with contextlib.suppress(RuntimeError):  # a widget Qt deleted meanwhile
                    widget.setEnabled(enabled)
                    widget.setToolTip(tip)
            self._disabled = []

    def _write_actions(self) -> list:
        actions = getattr(self.window, "team_write_actions", None)
        return list(actions() if callable(actions) else [])

    def page_built(self) -> None:
        """A page built while offline (or by a viewer) starts read-only too."""
        if self._shown_offline or self.viewer:
            self._set_read_only(self._shown_offline)
