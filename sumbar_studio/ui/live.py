"""Live on every desk: the team server's change feed, brought into the window's change channel.

For a team workspace the main window owns one :class:`LiveFeed`. A :class:`FeedThread` (a
QThread) runs core's :class:`~sumbar_studio.core.store.postgres.listen.ChangeFeed` and hands
what arrives to the GUI thread, where it becomes what every page already follows
(``ui/events.py``):

- ``PostChanged`` -> ``postsChanged(ids, "remote")`` (several within ``coalesce_ms`` in one go);
- ``Resync`` (the feed (re)connected: changes meanwhile were not announced) -> a full re-read:
  ``postsChanged([], "remote")`` and the shared files pulled again;
- ``DocumentChanged`` (team.json, platforms.json, rules/*) -> ``workspace.refresh_shared_files()``
  and ``settingsChanged`` when the desk copy changed;
- ``InboxChanged`` (a Kotak Masukan entry) -> :attr:`LiveFeed.inboxChanged` (the inbox page
  re-reads, the banner's overdue count follows);
- ``CommentAdded`` -> :attr:`LiveFeed.commentsChanged`; ``PresenceChanged`` -> the map of who
  has which post open (:meth:`LiveFeed.editors`, :attr:`LiveFeed.presenceChanged`).

Presence ("Sedang disunting oleh ..."): the compose page tells :meth:`LiveFeed.set_editing`
which post it shows; the thread sends ``heartbeat`` for it every ``heartbeat_s`` seconds and
``stop_editing`` when the page moves on or the window closes, on a connection of its own, so
the GUI thread never waits on the server for it. No hard locks: a stale save is still refused
by the version check.

A local workspace has no feed: :meth:`LiveFeed.for_window` returns None.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

from ..core.errors import SumbarError
from .events import ORIGIN_REMOTE

#: the feed waits this long for a notification before it looks at its commands again
POLL_S = 0.2
#: a heartbeat for the open post this often (the server counts one older than 90 s as gone)
HEARTBEAT_S = 30.0
#: the presence map is read again this often even without news (expired heartbeats)
PRESENCE_S = 45.0


#: feed threads asked to stop that were still connecting (see FeedThread.stop)
_finishing: set[QThread] = set()
#: a desk waits this long for the server when (re)connecting the feed or presence
CONNECT_TIMEOUT_S = 4


def _open_quickly(conninfo: str):
    from ..core.store.postgres.connection import connect

    return connect(conninfo, connect_timeout=CONNECT_TIMEOUT_S)


def join_names(names) -> str:
    """ "Budi", "Budi dan Rina", "Budi, Rina dan Dedi" (the catalogue's "and")."""
    from ..core.i18n import t

    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return t("live.names_and", first=", ".join(names[:-1]), last=names[-1])


class FeedThread(QThread):
    """The listening loop, off the GUI thread. Talks to the GUI only through its signals."""

    arrived = Signal(list)  # change-feed events, in order
    presence = Signal(object)  # dict {post_id: [names]}: who else has which post open now

    def __init__(
        self,
        conninfo: str,
        parent: QObject | None = None,
        *,
        poll_s: float = POLL_S,
        heartbeat_s: float = HEARTBEAT_S,
        presence_s: float = PRESENCE_S,
        retry_delays=(0.5, 1, 2, 5, 10, 30),
    ):
        super().__init__(parent)
        from ..core.store.postgres.listen import ChangeFeed

        self.conninfo = conninfo
        self.poll_s = poll_s
        self.heartbeat_s = heartbeat_s
        self.presence_s = presence_s
        self.feed = ChangeFeed(conninfo, retry_delays=retry_delays, opener=_open_quickly)
        self._commands: queue.SimpleQueue = queue.SimpleQueue()
        self._stopping = threading.Event()
        self._repo = None  # presence connection, opened when first needed
        self._editing: int | None = None
        self._next_heartbeat = 0.0
        self._next_presence = 0.0

    # -- called from the GUI thread ---------------------------------------------------------
    def set_editing(self, post_id: int | None) -> None:
        self._commands.put(post_id)

    def stop(self, wait_ms: int = 5_000) -> None:
        """Ask the loop to end and wait for it; a loop still stuck in a connection attempt is
        kept referenced until it ends (Qt aborts when a running QThread is destroyed)."""
        self._stopping.set()
        if not self.wait(wait_ms):
            _finishing.add(self)
            self.finished.connect(lambda: _finishing.discard(self))

    # -- the loop ---------------------------------------------------------------------------
    def run(self) -> None:  # noqa: D401 - QThread API
        from ..core.store.postgres.listen import PresenceChanged, Resync

        try:
            while not self._stopping.is_set():
                self._run_commands()
                events = self.feed.events(timeout=self.poll_s)
                if self._stopping.is_set():
                    break
                if events:
                    self.arrived.emit(events)
                now = time.monotonic()
                if any(isinstance(e, PresenceChanged | Resync) for e in events):
                    self._next_presence = 0.0
                if self.feed.connected and now >= self._next_presence:
                    self._read_presence()
        finally:
            if self._repo is not None:  # connected: release the open post at once
                with contextlib.suppress(Exception):
                    self._presence_call("stop_editing", self._editing)
            self._close()

    def _run_commands(self) -> None:
        changed = False
        wanted = self._editing
        while True:
            try:
                wanted = self._commands.get_nowait()
            except queue.Empty:
                break
            changed = True
        if changed and wanted != self._editing:
            if self._editing is not None:
                self._presence_call("stop_editing", self._editing)
            self._editing = wanted
            self._next_heartbeat = 0.0
        if self._editing is not None and time.monotonic() >= self._next_heartbeat:
            if self._presence_call("heartbeat", self._editing):
                self._next_heartbeat = time.monotonic() + self.heartbeat_s
            else:  # the server is away: try again with the next turn of the loop
                self._next_heartbeat = time.monotonic() + min(self.heartbeat_s, 2.0)

    def _presence_repo(self):
        if self._repo is None:
            from ..core.store.postgres.repository import PostgresPostRepository

            self._repo = PostgresPostRepository(_open_quickly(self.conninfo))
        return self._repo

    def _presence_call(self, name: str, post_id: int | None) -> bool:
        """Presence is best effort: a failure drops the connection and is tried again later."""
        if post_id is None:
            return True
        try:
            getattr(self._presence_repo(), name)(post_id)
        except SumbarError:  # psycopg errors arrive mapped (unreachable, server error)
            self._close()
            return False
        return True

    def _read_presence(self) -> None:
        self._next_presence = time.monotonic() + self.presence_s
        try:
            found = self._presence_repo().editing_now()
        except SumbarError:
            self._close()
            return
        self.presence.emit(found)

    def _close(self) -> None:
        repo, self._repo = self._repo, None
        if repo is not None:
            with contextlib.suppress(Exception):
                repo.connection.close()
        if self._stopping.is_set():
            with contextlib.suppress(Exception):
                self.feed.close()


class LiveFeed(QObject):
    """The GUI side: turns the feed's events into the window's change channel (see module)."""

    presenceChanged = Signal()  # :meth:`editors` may answer differently now
    commentsChanged = Signal(list)  # ids of posts with new comments
    mentionsChanged = Signal()  # a new comment mentions someone (perhaps this desk's person)
    inboxChanged = Signal(list)  # ids of Kotak Masukan entries changed at another desk

    def __init__(self, workspace, events, parent: QObject | None = None, *, coalesce_ms=50, **kw):
        super().__init__(parent)
        self.workspace = workspace
        self.events = events
        self._editors: dict[int, list[str]] = {}
        self._pending_ids: set[int] = set()
        self._pending_comments: set[int] = set()
        self._pending_documents = False
        self._pending_inbox: set[int] = set()
        self._pending_resync: bool | None = None
        self._mentions = False
        self.resync_count = 0  # full re-reads done (the first one: the feed is listening)
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(coalesce_ms)
        self._flush_timer.timeout.connect(self.flush)
        self.worker = FeedThread(workspace.conninfo, **kw)
        self.worker.arrived.connect(self._arrived)
        self.worker.presence.connect(self._presence)
        self._started = False

    @classmethod
    def for_window(cls, window, **kw) -> LiveFeed | None:
        """A started feed for the window's team workspace; None for a local workspace."""
        if not window.workspace.is_team:
            return None
        live = cls(window.workspace, window.events, window, **kw)
        live.start()
        app = QCoreApplication.instance()
        if app is not None:  # the app may quit without closing the window first
            app.aboutToQuit.connect(live.stop)
        return live

    def start(self) -> None:
        if not self._started:
            self._started = True
            self.worker.start()

    def stop(self) -> None:
        """Stop listening (the window closes): the open post is released first."""
        self._flush_timer.stop()
        if self._started:
            self.worker.stop()
            self._started = False

    @property
    def running(self) -> bool:
        return self.worker.isRunning()

    # -- presence ---------------------------------------------------------------------------
    def set_editing(self, post_id: int | None) -> None:
        """The post this desk has open in the editor (None: none)."""
        self.worker.set_editing(post_id)

    def editors(self, post_id: int | None) -> list[str]:
        """Names of the other people with ``post_id`` open now."""
        return list(self._editors.get(post_id, [])) if post_id is not None else []

    def editing_map(self) -> dict[int, list[str]]:
        return {k: list(v) for k, v in self._editors.items()}

    def _presence(self, found: dict) -> None:
        found = {int(k): list(v) for k, v in found.items()}
        if found != self._editors:
            self._editors = found
            self.presenceChanged.emit()

    # -- changes ----------------------------------------------------------------------------
    def _arrived(self, events: list) -> None:
        from ..core.store.postgres.listen import (
            CommentAdded,
            DocumentChanged,
            InboxChanged,
            PostChanged,
            Resync,
        )

        for event in events:
            if isinstance(event, PostChanged):
                self._pending_ids.add(event.post_id)
            elif isinstance(event, CommentAdded):
                self._pending_comments.add(event.post_id)
                self._mentions = self._mentions or bool(event.mentions)
            elif isinstance(event, DocumentChanged):
                self._pending_documents = True
            elif isinstance(event, InboxChanged):
                self._pending_inbox.add(event.entry_id)
            elif isinstance(event, Resync):
                self._pending_resync = bool(self._pending_resync) or event.reconnect
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush(self) -> None:
        """Deliver what arrived: one re-read for a burst of notifications."""
        self._flush_timer.stop()
        resync, self._pending_resync = self._pending_resync, None
        ids, self._pending_ids = self._pending_ids, set()
        comments, self._pending_comments = self._pending_comments, set()
        documents, self._pending_documents = self._pending_documents, False
        mentions, self._mentions = self._mentions, False
        inbox, self._pending_inbox = self._pending_inbox, set()
        if resync is not None:
            if resync:
                self._check_connection()
            documents = True
        if documents and self._refresh_documents():
            self.events.settingsChanged.emit()
        if resync is not None:
            self.events.posts_changed([], ORIGIN_REMOTE)
            self.commentsChanged.emit([])
            self.mentionsChanged.emit()
            self.inboxChanged.emit([])
            self.resync_count += 1
            return
        if ids:
            self.events.posts_changed(sorted(ids), ORIGIN_REMOTE)
        if comments:
            self.commentsChanged.emit(sorted(comments))
        if mentions:
            self.mentionsChanged.emit()
        if inbox:
            self.inboxChanged.emit(sorted(inbox))

    def _check_connection(self) -> None:
        """The feed lost its connection and got it back: the server may have dropped the
        window's connection too (a restart). Then open a new one before the re-read."""
        errors = self.workspace.store.closed_errors
        try:
            self.workspace.conn.execute("SELECT 1")
        except errors:
            with contextlib.suppress(*errors):
                self.workspace.reconnect()

    def _refresh_documents(self) -> bool:
        try:
            return bool(self.workspace.refresh_shared_files())
        except (*self.workspace.store.closed_errors, OSError):
            return False


__all__ = ["FeedThread", "LiveFeed", "join_names"]
