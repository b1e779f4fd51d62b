"""The change feed: what other desks did, as it happens (LISTEN/NOTIFY).

The server's AFTER triggers send ``{post_id, version, status}`` on ``sumbar_posts`` (and
comment, presence, Kotak Masukan and shared-file events on their own channels) when a
transaction commits. Notifications sent while a desk is disconnected are lost, so whenever the
feed (re)connects it first yields a :class:`Resync`: the caller re-reads everything it shows. A
desk then never misses a change, it only sometimes re-reads more than it had to.

Use from a worker thread (the UI wraps it in a QThread) or a loop::

    feed = ChangeFeed(conninfo)
    while running:
        for event in feed.events(timeout=1.0):
            ...
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import psycopg

from ...errors import WorkspaceError
from .connection import connect

POSTS = "sumbar_posts"
COMMENTS = "sumbar_comments"
PRESENCE = "sumbar_presence"
INBOX = "sumbar_inbox"
DOCUMENTS = "sumbar_documents"  # a shared file (team.json, platforms.json, rules/*) changed
CHANNELS = (POSTS, COMMENTS, PRESENCE, INBOX, DOCUMENTS)


@dataclass(frozen=True)
class PostChanged:
    post_id: int
    version: int
    status: str  # "deleted" when the post is gone


@dataclass(frozen=True)
class CommentAdded:
    post_id: int
    comment_id: int
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class PresenceChanged:
    post_id: int
    login: str


@dataclass(frozen=True)
class InboxChanged:
    """A Kotak Masukan entry was recorded or changed (routing, reply, status, retention)."""

    entry_id: int
    version: int
    status: str


@dataclass(frozen=True)
class DocumentChanged:
    """A shared file was written on the server (``put_document``): pull the desk copy."""

    name: str
    version: int
    login: str


@dataclass(frozen=True)
class Resync:
    """The feed (re)connected: changes made meanwhile were not announced; re-read."""

    reconnect: bool


Event = PostChanged | CommentAdded | PresenceChanged | InboxChanged | DocumentChanged | Resync


def parse(channel: str, payload: str) -> Event | None:
    try:
        data = json.loads(payload)
        if channel == POSTS:
            return PostChanged(int(data["post_id"]), int(data["version"]), str(data["status"]))
        if channel == COMMENTS:
            return CommentAdded(
                int(data["post_id"]), int(data["comment_id"]), tuple(data.get("mentions") or ())
            )
        if channel == PRESENCE:
            return PresenceChanged(int(data["post_id"]), str(data["login"]))
        if channel == INBOX:
            return InboxChanged(int(data["entry_id"]), int(data["version"]), str(data["status"]))
        if channel == DOCUMENTS:
            return DocumentChanged(str(data["name"]), int(data["version"]), str(data["login"]))
    except (ValueError, KeyError, TypeError):
        return None
    return None


class ChangeFeed:
    """A dedicated listening connection that reconnects by itself (with a growing pause)."""

    def __init__(
        self,
        conninfo: str,
        channels: Sequence[str] = CHANNELS,
        *,
        retry_delays: Sequence[float] = (0.5, 1, 2, 5, 10, 30),
        opener: Callable[[str], psycopg.Connection] = connect,
    ):
        self.conninfo = conninfo
        self.channels = tuple(channels)
        self._retry_delays = tuple(retry_delays)
        self._opener = opener
        self._conn: psycopg.Connection | None = None
        self._failures = 0
        self._next_attempt = 0.0
        self._connected_before = False
        self.last_error: str = ""

    @property
    def connected(self) -> bool:
        return self._conn is not None and not self._conn.closed

    def _open(self) -> bool:
        if time.monotonic() < self._next_attempt:
            return False
        try:
            conn = self._opener(self.conninfo)
            for channel in self.channels:
                conn.execute(f'LISTEN "{channel}"')  # autocommit: listening from now on
        except (psycopg.Error, WorkspaceError) as exc:
            self.last_error = str(exc)
            delay = self._retry_delays[min(self._failures, len(self._retry_delays) - 1)]
            self._failures += 1
            self._next_attempt = time.monotonic() + delay
            return False
        self._conn = conn
        self._failures = 0
        self.last_error = ""
        return True

    def _drop(self, exc: Exception) -> None:
        self.last_error = str(exc)
        if self._conn is not None:
            try:
                self._conn.close()
            except psycopg.Error:
                pass
        self._conn = None

    def events(self, timeout: float = 1.0) -> list[Event]:
        """Wait up to ``timeout`` seconds; return what arrived (all of it, in order).

        After a (re)connection the first event is :class:`Resync`."""
        if not self.connected:
            if not self._open():
                time.sleep(min(timeout, max(0.0, self._next_attempt - time.monotonic())))
                return []
            resync = Resync(reconnect=self._connected_before)
            self._connected_before = True
            return [resync]
        assert self._conn is not None
        found: list[psycopg.Notify] = []
        try:
            # stop_after=1 may still yield a few (all those in the same packet): keep them all
            found += self._conn.notifies(timeout=timeout, stop_after=1)
            if found:  # and whatever else has already arrived, without waiting
                found += self._conn.notifies(timeout=0)
        except psycopg.OperationalError as exc:
            self._drop(exc)
            return []
        events = [parse(n.channel, n.payload) for n in found]
        return [e for e in events if e is not None]

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
