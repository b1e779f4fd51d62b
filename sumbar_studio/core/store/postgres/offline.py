"""Offline, honestly: what a desk shows while the team server cannot be reached.

Team mode needs the server for every shared write. When it is gone (at start, or lost while the
app runs) the desk shows the queue it last loaded -- read-only, with the time it was loaded --
and refuses every write with a clear message; nothing is edited offline and nothing is synced
by hand afterwards.

- :class:`QueueSnapshot` keeps what the queue last showed (the post summaries of the loaded
  weeks and lists, and the posts that were opened) in the desk folder as JSON
  (``queue-snapshot.json``), so it survives a restart without the server.
- :class:`OfflineAwareRepository` wraps a desk's :class:`~.repository.PostgresPostRepository`:
  while online it passes every call through and records what was read; once a call finds the
  server unreachable (or the desk is told it is offline) reads are answered from the snapshot
  and writes raise :class:`ServerOffline`.
- :class:`UnreachableConnection` stands in for the connection of a desk that started without
  its server: every use is the app's "team.unreachable" message.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ...errors import NotFound, WorkspaceError
from ...fileutil import write_text_atomic
from ...i18n import t
from ...model import Post, Status
from ...timeutil import format_clock, now_utc, utc_from_db, utc_to_db
from ..protocol import PostQuery, PostSummary

SNAPSHOT_FILE = "queue-snapshot.json"
#: the most summaries kept (several loaded weeks and a list; the oldest seen are dropped)
MAX_SUMMARIES = 3000
#: the most whole posts kept (the ones opened or selected most recently)
MAX_POSTS = 200
#: a snapshot is written at most this often while reads go on (and always when going offline)
SAVE_EVERY_S = 5.0

#: reads the snapshot cannot answer offline: an empty answer is honest for these
EMPTY_OFFLINE = {"history": list, "event_keys": set, "media_rows": list}


class ServerOffline(WorkspaceError):
    """A write while the team server cannot be reached."""

    message_id = "team_desk.offline_write"


def is_unreachable(exc: BaseException) -> bool:
    return isinstance(exc, WorkspaceError) and exc.message_id in (
        "team.unreachable",
        ServerOffline.message_id,
    )


def wib_clock(moment: datetime | None) -> str:
    """``14.05`` (WIB) -- how the offline banner names a time."""
    return format_clock(moment) if moment else "?"


# -- the snapshot ---------------------------------------------------------------------------------
def _summary_to_json(s: PostSummary) -> dict:
    return {
        "id": s.id,
        "title": s.title,
        "status": str(s.status),
        "scheduled_at": utc_to_db(s.scheduled_at),
        "platforms": list(s.platforms),
        "assignee": s.assignee,
        "version": s.version,
        "updated_at": utc_to_db(s.updated_at),
        "template_id": s.template_id,
        "thumb_sha256": s.thumb_sha256,
    }


def _summary_from_json(d: dict) -> PostSummary:
    return PostSummary(
        id=int(d["id"]),
        title=str(d.get("title", "")),
        status=Status(d.get("status", "draft")),
        scheduled_at=utc_from_db(d.get("scheduled_at")),
        platforms=tuple(d.get("platforms") or ()),
        assignee=str(d.get("assignee", "")),
        version=int(d.get("version", 0)),
        updated_at=utc_from_db(d.get("updated_at")),
        template_id=str(d.get("template_id", "")),
        thumb_sha256=str(d.get("thumb_sha256", "")),
    )


def _post_to_json(post: Post) -> dict:
    from ..repository import _post_to_row  # noqa: PLC0415 -- the one row format of a post

    return {
        **_post_to_row(post),
        "id": post.id,
        "version": post.version,
        "created_at": utc_to_db(post.created_at),
        "updated_at": utc_to_db(post.updated_at),
    }


def _post_from_json(d: dict) -> Post:
    from ..repository import _row_to_post  # noqa: PLC0415

    return _row_to_post(d)  # type: ignore[arg-type]  # a dict reads like a row


class QueueSnapshot:
    """What the queue last showed, kept in the desk folder (see the module docstring)."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / SNAPSHOT_FILE
        self.summaries: dict[int, PostSummary] = {}
        self.posts: dict[int, dict] = {}
        self.loaded_at: datetime | None = None
        self._dirty = False
        self._saved_at = 0.0

    @classmethod
    def load(cls, folder: Path) -> QueueSnapshot:
        snap = cls(folder)
        try:
            data = json.loads(snap.path.read_text(encoding="utf-8"))
            snap.loaded_at = utc_from_db(data.get("loaded_at"))
            for row in data.get("summaries") or []:
                summary = _summary_from_json(row)
                snap.summaries[summary.id] = summary
            snap.posts = {int(k): v for k, v in (data.get("posts") or {}).items()}
        except (OSError, ValueError, TypeError, KeyError):
            pass  # no snapshot yet, or an unreadable one: an empty queue, said so
        return snap

    # -- recording (online) ------------------------------------------------------------------
    def record_summaries(self, rows: Sequence[PostSummary]) -> None:
        for row in rows:
            self.summaries.pop(row.id, None)  # the newest seen last
            self.summaries[row.id] = row
        while len(self.summaries) > MAX_SUMMARIES:
            self.summaries.pop(next(iter(self.summaries)))
        self._touched()

    def record_posts(self, posts: Sequence[Post]) -> None:
        for post in posts:
            if post.id is None:
                continue
            self.posts.pop(post.id, None)
            self.posts[post.id] = _post_to_json(post)
        while len(self.posts) > MAX_POSTS:
            self.posts.pop(next(iter(self.posts)))
        self._touched()

    def forget(self, post_id: int) -> None:
        self.summaries.pop(post_id, None)
        self.posts.pop(post_id, None)
        self._touched()

    def _touched(self) -> None:
        self.loaded_at = now_utc()
        self._dirty = True
        if time.monotonic() - self._saved_at >= SAVE_EVERY_S:
            self.save()

    def save(self) -> None:
        if not self._dirty:
            return
        payload = {
            "loaded_at": utc_to_db(self.loaded_at),
            "summaries": [_summary_to_json(s) for s in self.summaries.values()],
            "posts": {str(k): v for k, v in self.posts.items()},
        }
        with contextlib.suppress(OSError):  # a full disk must not stop the app; the next try
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, json.dumps(payload, ensure_ascii=False))
            self._dirty = False
            self._saved_at = time.monotonic()

    # -- answering (offline) -----------------------------------------------------------------
    def _matches(self, s: PostSummary, q: PostQuery) -> bool:
        if q.statuses and s.status not in q.statuses:
            return False
        if q.platform and q.platform not in s.platforms:
            return False
        if q.assignee and s.assignee != q.assignee:
            return False
        if q.start is not None and (s.scheduled_at is None or s.scheduled_at < q.start):
            return False
        if q.end is not None and (s.scheduled_at is None or s.scheduled_at >= q.end):
            return False
        if q.text:
            title = s.title.lower()
            if not all(word in title for word in q.text.lower().split()):
                return False
        return True

    def ids(self, q: PostQuery) -> list[int]:
        rows = [s for s in self.summaries.values() if self._matches(s, q)]
        if q.order in ("updated", "newest"):
            rows.sort(key=lambda s: (s.updated_at is None, s.updated_at or now_utc(), s.id))
            if q.order == "newest":
                rows.reverse()
        elif q.order == "title":
            rows.sort(key=lambda s: (s.title.lower(), s.id))
        elif q.order == "status":
            rows.sort(key=lambda s: (str(s.status), s.id))
        elif q.order == "id":
            rows.sort(key=lambda s: s.id)
        else:  # scheduled (and rank, which needs the server's search)
            rows.sort(key=lambda s: (s.scheduled_at is None, s.scheduled_at or now_utc(), s.id))
        if q.descending:
            rows.reverse()
        ids = [s.id for s in rows]
        if q.offset:
            ids = ids[q.offset :]
        if q.limit is not None:
            ids = ids[: q.limit]
        return ids

    def get(self, post_id: int) -> Post:
        if post_id in self.posts:
            return _post_from_json(self.posts[post_id])
        summary = self.summaries.get(post_id)
        if summary is None:
            raise NotFound("errors.not_found", what=f"{t('model.post')} #{post_id}")
        return Post(  # only what the list showed: title, status, time, platforms, assignee
            id=summary.id,
            title=summary.title,
            status=summary.status,
            scheduled_at=summary.scheduled_at,
            platforms=list(summary.platforms),
            assignee=summary.assignee,
            version=summary.version,
            updated_at=summary.updated_at,
        )

    def answer(self, name: str, *args, **kwargs) -> Any:
        if name == "ids":
            return self.ids(args[0] if args else kwargs["q"])
        if name == "count":
            q = args[0] if args else kwargs.get("q")
            return len(self.ids(q or PostQuery(order="id")))
        if name == "summaries":
            ids = args[0] if args else kwargs["ids"]
            return [self.summaries[i] for i in ids if i in self.summaries]
        if name == "get":
            return self.get(args[0] if args else kwargs["post_id"])
        if name == "get_many":
            ids = args[0] if args else kwargs["ids"]
            return [self.get(i) for i in ids if i in self.summaries or i in self.posts]
        if name == "query":
            q = args[0] if args else kwargs["q"]
            return [self.get(i) for i in self.ids(q)]
        if name == "assignees":
            return sorted({s.assignee for s in self.summaries.values() if s.assignee})
        if name in EMPTY_OFFLINE:
            return EMPTY_OFFLINE[name]()
        raise ServerOffline(since="?")


# -- the repository wrapper ----------------------------------------------------------------------
class Connectivity:
    """Whether this desk is cut off from its server, and since when."""

    def __init__(self) -> None:
        self.offline_since: datetime | None = None
        self.reason = ""
        #: called (no arguments) when the desk goes offline, e.g. to show the banner at once
        self.listeners: list = []

    @property
    def offline(self) -> bool:
        return self.offline_since is not None

    def lost(self, reason: str = "") -> None:
        first = self.offline_since is None
        if first:
            self.offline_since = now_utc()
        self.reason = reason or self.reason
        if first:
            for listener in list(self.listeners):
                with contextlib.suppress(Exception):  # a listener must not stop the read
                    listener()

    def restored(self) -> None:
        self.offline_since = None
        self.reason = ""


class OfflineAwareRepository:
    """See the module docstring. Every attribute not listed here is the real repository's."""

    def __init__(self, inner, snapshot: QueueSnapshot, connectivity: Connectivity):
        self._inner = inner
        self.snapshot = snapshot
        self.connectivity = connectivity

    def _offline_error(self) -> ServerOffline:
        return ServerOffline(since=wib_clock(self.connectivity.offline_since))

    def _lost(self, exc: BaseException) -> None:
        self.connectivity.lost(str(exc))
        self.snapshot.save()

    def _read(self, name: str, *args, **kwargs) -> Any:
        if not self.connectivity.offline:
            try:
                result = getattr(self._inner, name)(*args, **kwargs)
            except WorkspaceError as exc:
                if not is_unreachable(exc):
                    raise
                self._lost(exc)
            else:
                if name == "summaries":
                    self.snapshot.record_summaries(result)
                elif name == "get":
                    self.snapshot.record_posts([result])
                return result
        return self.snapshot.answer(name, *args, **kwargs)

    def _write(self, name: str, *args, **kwargs) -> Any:
        if self.connectivity.offline:
            raise self._offline_error()
        try:
            result = getattr(self._inner, name)(*args, **kwargs)
        except WorkspaceError as exc:
            if is_unreachable(exc):
                self._lost(exc)
            raise
        if isinstance(result, Post):
            self.snapshot.record_posts([result])
        if name == "delete":
            self.snapshot.forget(args[0] if args else kwargs["post_id"])
        return result

    # reads
    def get(self, post_id: int) -> Post:
        return self._read("get", post_id)

    def get_many(self, ids: Sequence[int]) -> list[Post]:
        return self._read("get_many", ids)

    def query(self, q: PostQuery) -> list[Post]:
        return self._read("query", q)

    def ids(self, q: PostQuery) -> list[int]:
        return self._read("ids", q)

    def count(self, q: PostQuery | None = None) -> int:
        return self._read("count", q)

    def summaries(self, ids: Sequence[int]) -> list[PostSummary]:
        return self._read("summaries", ids)

    def assignees(self) -> list[str]:
        return self._read("assignees")

    def history(self, post_id: int):
        return self._read("history", post_id)

    def event_keys(self):
        return self._read("event_keys")

    def media_row(self, sha256: str):
        if self.connectivity.offline:
            return None
        return self._inner.media_row(sha256)

    def media_rows(self):
        return self._read("media_rows") if self.connectivity.offline else self._inner.media_rows()

    # writes
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        if self.connectivity.offline:
            raise self._offline_error()
        with self._inner.transaction() as conn:
            yield conn

    def insert(self, post: Post, actor: str, *, action: str = "create") -> Post:
        return self._write("insert", post, actor, action=action)

    def update(self, post: Post, actor: str, **kwargs) -> Post:
        return self._write("update", post, actor, **kwargs)

    def delete(self, post_id: int, actor: str) -> None:
        return self._write("delete", post_id, actor)

    def add_media_row(self, *args, **kwargs):
        return self._write("add_media_row", *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        """The server's own extras (transition, approve, comments, presence...): writes, or
        reads only the server can answer; refused offline with the reason."""
        attr = getattr(self._inner, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            return self._write(name, *args, **kwargs)

        return call


class UnreachableConnection:
    """The connection of a desk that started without its server (see the module)."""

    closed = True
    broken = True

    def __init__(self, reason: str):
        self.reason = reason

    def _refuse(self, *_args, **_kwargs):
        raise WorkspaceError("team.unreachable", reason=self.reason)

    execute = cursor = transaction = notifies = _refuse

    def close(self) -> None:
        pass
