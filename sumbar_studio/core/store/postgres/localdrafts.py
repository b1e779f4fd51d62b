"""Draf lokal: new drafts written while the team server cannot be reached, sent later.

A new post cannot conflict with anyone's work, so a desk that is offline may keep new drafts in
its desk folder (``draf-lokal/<key>.json``, one file each) and send them to the team queue when
the server is back ("Kirim ke server"): each is an ordinary create on the server, as a draft,
by this login. Nothing else is kept or synced offline: no edits of shared posts, no approvals
(a local draft never carries an approval, attestations or any status but draft).

A draft's file is removed only after the server has it; a draft the server refuses stays, with
the reason, and the ones after it are not tried (the report says which). A draft deleted here
is moved to ``draf-lokal/terhapus/`` first (the only copy is never just gone).
"""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ...errors import InvalidInput, SumbarError
from ...fileutil import ensure_dir, write_text_atomic
from ...model import Post, Status
from ...timeutil import now_utc, utc_from_db, utc_to_db
from .offline import _post_from_json, _post_to_json

DRAFT_DIR = "draf-lokal"
DELETED_DIR = "terhapus"


@dataclass(frozen=True)
class LocalDraft:
    key: str
    post: Post
    saved_at: datetime | None


@dataclass
class SendReport:
    #: (title, the id the server gave it)
    sent: list[tuple[str, int]] = field(default_factory=list)
    #: (title, the server's reason) of the draft that was refused; the rest were not tried
    failed: tuple[str, str] | None = None
    left: int = 0


def _as_new_draft(post: Post) -> Post:
    out = post.copy()
    out.id = None
    out.version = 0
    out.status = Status.DRAFT
    out.approval = None
    out.attestations = {}
    out.published_urls = {}
    return out


class LocalDrafts:
    def __init__(self, desk: Path):
        self.folder = Path(desk) / DRAFT_DIR

    def add(self, post: Post) -> LocalDraft:
        """Keep a new draft on this desk (only its content: never an id, status or approval)."""
        if not post.title.strip():
            raise InvalidInput("team_desk.draft_title_required")
        key = f"{now_utc().strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
        draft = _as_new_draft(post)
        saved = now_utc()
        ensure_dir(self.folder)
        payload = {"saved_at": utc_to_db(saved), "post": _post_to_json(draft)}
        write_text_atomic(self.folder / f"{key}.json", json.dumps(payload, ensure_ascii=False))
        return LocalDraft(key, draft, saved)

    def list(self) -> list[LocalDraft]:
        if not self.folder.is_dir():
            return []
        out = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                post = _as_new_draft(_post_from_json(data["post"]))
            except (OSError, ValueError, KeyError, TypeError):
                continue  # unreadable: left in place, never deleted
            out.append(LocalDraft(path.stem, post, utc_from_db(data.get("saved_at"))))
        return out

    def count(self) -> int:
        return len(self.list())

    def remove(self, key: str) -> Path | None:
        """Delete a local draft, keeping a copy in ``terhapus/``; returns the copy."""
        source = self.folder / f"{key}.json"
        if not source.is_file():
            return None
        target = ensure_dir(self.folder / DELETED_DIR) / source.name
        shutil.move(str(source), target)
        return target

    def send(self, posts, actor: str) -> SendReport:
        """Create each local draft on the server, oldest first (see the module docstring)."""
        report = SendReport()
        drafts = self.list()
        for index, draft in enumerate(drafts):
            try:
                stored = posts.add(draft.post, actor)
            except SumbarError as err:
                report.failed = (draft.post.title, err.user_message())
                report.left = len(drafts) - index
                return report
            (self.folder / f"{draft.key}.json").unlink(missing_ok=True)
            report.sent.append((draft.post.title, int(stored.id or 0)))
        return report
