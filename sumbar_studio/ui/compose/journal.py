"""Crash-recovery journal of the editor: an "open session" marker with unsaved edits.

While the app runs, ``<config>/session/open-session.json`` exists and holds, per post being
edited, the editable content and the version it was based on, marked ``saved`` once the store
has it. A clean exit with nothing pending removes the file. If it is still there at the next
start, the previous session ended uncleanly (crash, power cut, SIGKILL) and any entry whose
content differs from the stored post is offered for restoring. Written atomically. Qt-free.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from ...core.fileutil import write_text_atomic
from ...core.model import CardSpec, Media, Post
from ...core.timeutil import now_utc, utc_from_db, utc_to_db
from .journal_path import FILE_NAME, journal_dir  # noqa: F401 - the journal's names too

#: the fields an officer edits in the compose window (what a journal entry restores)
EDITABLE = (
    "title",
    "caption",
    "platforms",
    "variants",
    "hashtags",
    "media",
    "card",
    "event_date",
    "place",
    "source",
    "photo_credit",
    "assignee",
    "scheduled_at",
)


def content_of(post: Post) -> dict:
    data = {}
    for name in EDITABLE:
        value = getattr(post, name)
        if name == "media":
            value = [asdict(m) for m in value]
        elif name == "card":
            value = asdict(value)
        elif name == "event_date":
            value = value.isoformat() if value else None
        elif name == "scheduled_at":
            value = utc_to_db(value)
        elif isinstance(value, list | dict):
            value = json.loads(json.dumps(value, default=str))
        data[name] = value
    return data


def apply_content(post: Post, data: dict) -> Post:
    """A copy of ``post`` with the journal's content on it."""
    out = post.copy()
    for name in EDITABLE:
        if name not in data:
            continue
        value = data[name]
        if name == "media":
            value = [Media(**m) for m in value]
        elif name == "card":
            value = CardSpec(**value)
        elif name == "event_date":
            value = date.fromisoformat(value) if value else None
        elif name == "scheduled_at":
            value = utc_from_db(value)
        setattr(out, name, value)
    return out


@dataclass
class PendingEdit:
    key: str  # "post-<id>" or "new"
    post_id: int | None
    base_version: int
    at: datetime
    content: dict
    saved: bool


class SessionJournal:
    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else journal_dir()
        self.path = self.folder / FILE_NAME
        self._entries: dict[str, dict] = {}
        self._open = False

    # -- previous session -------------------------------------------------------------------
    def take_previous(self) -> list[PendingEdit]:
        """Entries an unclean previous session left unsaved (the file is consumed)."""
        if not self.path.exists():
            return []
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            data = {}
        try:
            os.replace(self.path, self.path.with_suffix(".previous.json"))
        except OSError:
            pass
        out = []
        for key, entry in (data.get("posts") or {}).items():
            try:
                out.append(
                    PendingEdit(
                        key=key,
                        post_id=entry.get("post_id"),
                        base_version=int(entry.get("base_version", 0)),
                        at=utc_from_db(entry.get("at")) or now_utc(),
                        content=entry["content"],
                        saved=bool(entry.get("saved")),
                    )
                )
            except (KeyError, TypeError, ValueError):
                continue
        return out

    # -- this session -----------------------------------------------------------------------
    def open(self) -> None:
        self._open = True
        self._flush()

    def record(self, post: Post, *, saved: bool, key: str | None = None) -> None:
        key = key or (f"post-{post.id}" if post.id is not None else "new")
        if saved and key in self._entries and self._entries[key].get("saved"):
            return  # nothing new to write
        self._entries[key] = {
            "post_id": post.id,
            "base_version": post.version,
            "at": utc_to_db(now_utc()),
            "saved": saved,
            "content": content_of(post),
        }
        if saved:  # only unsaved content is worth keeping
            self._entries[key]["content"] = {}
        self._flush()

    def forget(self, key: str) -> None:
        if self._entries.pop(key, None) is not None:
            self._flush()

    def pending(self) -> bool:
        return any(not e["saved"] for e in self._entries.values())

    def close(self) -> bool:
        """Clean exit: remove the marker unless edits are still unsaved. True when removed."""
        if self.pending():
            self._flush()
            return False
        self._open = False
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        return True

    def _flush(self) -> None:
        if not self._open:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        payload = {"pid": os.getpid(), "posts": self._entries}
        write_text_atomic(self.path, json.dumps(payload, ensure_ascii=False, indent=1))
