"""What a post store offers the rest of the core, whatever the back end.

:class:`PostRepository` is exactly what the services (core/services.py), the media library
(core/media.py) and the CSV importer (core/importer.py) call; the SQLite repository
(store/repository.py) and the team server's PostgreSQL repository (store/postgres/repository.py)
both provide it, and mypy checks that they do (``.ci/run``). Query and row types live here too,
so callers never import a back end to describe what they want.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, Protocol

from ..model import AuditEntry, Post, Status


@dataclass
class PostQuery:
    """Which posts to list. Empty fields do not filter."""

    statuses: Sequence[Status] = ()
    platform: str | None = None
    assignee: str | None = None
    start: datetime | None = None  # scheduled_at >= start (UTC)
    end: datetime | None = None  # scheduled_at < end (UTC)
    text: str | None = None  # full-text search (words, prefix on the last one)
    order: str = "scheduled"  # scheduled | updated | title | status | id | newest | rank
    descending: bool = False
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class PostSummary:
    """The columns a list or calendar shows, without decoding a whole post."""

    id: int
    title: str
    status: Status
    scheduled_at: datetime | None
    platforms: tuple[str, ...]
    assignee: str
    version: int
    updated_at: datetime | None
    template_id: str = ""
    thumb_sha256: str = ""


@dataclass(frozen=True)
class MediaRecord:
    """One photo of the media library as the store knows it (the bytes live elsewhere)."""

    sha256: str
    ext: str
    original_name: str
    width: int
    height: int
    bytes: int
    added_at: datetime | None = None


def changed_fields(old: Post, new: Post) -> list[str]:
    """Names of the post fields that differ (for the audit log)."""
    skip = {"version", "created_at", "updated_at", "id"}
    a, b = asdict(old), asdict(new)
    return sorted(k for k in a if k not in skip and a[k] != b[k])


class PostRepository(Protocol):
    """Whole posts in and out, an audit trail, optimistic concurrency on ``Post.version``."""

    def transaction(self) -> AbstractContextManager[Any]:
        """One write transaction; nested calls join the outer one."""
        ...

    # reads
    def get(self, post_id: int) -> Post: ...
    def get_many(self, ids: Sequence[int]) -> list[Post]: ...
    def query(self, q: PostQuery) -> list[Post]: ...
    def ids(self, q: PostQuery) -> list[int]: ...
    def count(self, q: PostQuery | None = None) -> int: ...
    def summaries(self, ids: Sequence[int]) -> list[PostSummary]: ...
    def assignees(self) -> list[str]: ...
    def history(self, post_id: int) -> list[AuditEntry]: ...
    def event_keys(self) -> set[tuple[str, date]]:
        """(lower-cased title, event date) of every post with an event date (import
        duplicate warnings)."""
        ...

    # writes
    def insert(self, post: Post, actor: str, *, action: str = "create") -> Post: ...
    def update(
        self,
        post: Post,
        actor: str,
        *,
        action: str = "update",
        old_status: Status | None = None,
        detail: dict | None = None,
    ) -> Post: ...
    def delete(self, post_id: int, actor: str) -> None: ...

    # media rows
    def add_media_row(
        self, sha256: str, ext: str, original_name: str, width: int, height: int, size: int
    ) -> None: ...
    def media_row(self, sha256: str) -> MediaRecord | None: ...
    def media_rows(self) -> list[MediaRecord]: ...


__all__ = ["MediaRecord", "PostQuery", "PostRepository", "PostSummary", "changed_fields"]
