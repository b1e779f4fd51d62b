"""EditorSession: the post being edited, its undo stack, autosave and recovery journal.

Widgets never change a Post themselves: they call :meth:`EditorSession.edit` with a field key
and a value, and listen to :attr:`EditorSession.fieldChanged` to show values (after an undo, a
recovery or a reload). Every edit is one QUndoCommand; consecutive typing in one field merges
into one command. Saving goes through ``PostService`` only:

* debounced autosave (``autosave_ms`` after the last change, at most ``max_wait_ms`` after the
  first unsaved one, so continuous typing is saved too), plus :meth:`flush` on close;
* a StaleEdit (someone else saved meanwhile) stops autosave and is reported, never overwritten
  unless the officer explicitly chooses to;
* a save that reopens review of an approved post is reported (``reopened``).

Field keys: ``title``, ``caption``, ``variant:<platform>`` (None = follows the master),
``hashtags``, ``platforms``, ``event_date``, ``place``, ``source``, ``photo_credit``,
``assignee``, ``scheduled_at``, ``card.template``, ``card.formats``, ``card.field:<id>``,
``media`` (the whole list), ``media.alt:<sha>``, ``media.focal:<sha>``.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ...core.errors import StaleEdit, SumbarError
from ...core.i18n import t
from ...core.model import Post, Status
from .journal import SessionJournal, apply_content, content_of

_MERGE_ID = 0x5B5
MERGE_WINDOW_S = 2.0

#: field keys whose edits are typing (merged into one undo step)
_TYPING_PREFIXES = (
    "title",
    "caption",
    "variant:",
    "place",
    "source",
    "photo_credit",
    "assignee",
    "card.field:",
    "media.alt:",
    "hashtags",
)


def _is_typing(key: str) -> bool:
    return key.startswith(_TYPING_PREFIXES)


def get_value(post: Post, key: str) -> Any:
    if key.startswith("variant:"):
        return post.variants.get(key.split(":", 1)[1])
    if key == "card.template":
        return post.card.template_id
    if key == "card.formats":
        return list(post.card.formats)
    if key.startswith("card.field:"):
        return post.card.fields.get(key.split(":", 1)[1])
    if key == "media":
        return [replace(m) for m in post.media]
    if key.startswith("media.alt:") or key.startswith("media.focal:"):
        sha = key.split(":", 1)[1]
        media = next((m for m in post.media if m.sha256 == sha), None)
        if media is None:
            return None
        return media.alt_text if key.startswith("media.alt:") else (media.focal_x, media.focal_y)
    value = getattr(post, key)
    return list(value) if isinstance(value, list) else value


def set_value(post: Post, key: str, value: Any) -> None:
    if key.startswith("variant:"):
        platform = key.split(":", 1)[1]
        if value is None:
            post.follow_master(platform)
        else:
            post.override(platform, value)
    elif key == "card.template":
        post.card.template_id = value or ""
    elif key == "card.formats":
        post.card.formats = list(value or [])
    elif key.startswith("card.field:"):
        fid = key.split(":", 1)[1]
        if value in (None, ""):
            post.card.fields.pop(fid, None)
        else:
            post.card.fields[fid] = value
    elif key == "media":
        post.media = [replace(m) for m in value]
    elif key.startswith("media.alt:") or key.startswith("media.focal:"):
        sha = key.split(":", 1)[1]
        media = next((m for m in post.media if m.sha256 == sha), None)
        if media is None:
            return
        if key.startswith("media.alt:"):
            media.alt_text = value or ""
        else:
            media.focal_x, media.focal_y = value
    else:
        setattr(post, key, list(value) if isinstance(value, list) else value)


class EditCommand(QUndoCommand):
    """One edit of one or more fields: {key: (old, new)}."""

    def __init__(
        self,
        session: EditorSession,
        changes: dict[str, tuple[Any, Any]],
        text: str,
        mergeable: bool,
    ):
        super().__init__(text)
        self.session = session
        self.changes = changes
        self.mergeable = mergeable
        self.at = time.monotonic()

    def id(self) -> int:  # noqa: A003 - Qt API
        return _MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, EditCommand) or not other.mergeable:
            return False
        if other.changes.keys() != self.changes.keys() or other.at - self.at > MERGE_WINDOW_S:
            return False
        for key, (_old, new) in other.changes.items():
            self.changes[key] = (self.changes[key][0], new)
        self.at = other.at
        return True

    def redo(self) -> None:
        self.session._apply({k: new for k, (_old, new) in self.changes.items()})

    def undo(self) -> None:
        self.session._apply({k: old for k, (old, _new) in self.changes.items()})


class EditorSession(QObject):
    fieldChanged = Signal(str)  # a field key (see module doc)
    postLoaded = Signal()  # a whole post replaced the previous one
    contentChanged = Signal()  # anything in the content changed (checks, counters, preview)
    saved = Signal(object)  # the stored Post
    saveStateChanged = Signal(str)  # "dirty" | "saved" | "error" | "stale"
    staleDetected = Signal(str)  # user message
    saveFailed = Signal(str)  # user message
    reopened = Signal()  # an approved post went back to review because of an edit
    statusChanged = Signal(object)  # Status
    storeActionDone = Signal(object)  # the stored Post after a transition/attestation/approval

    def __init__(
        self,
        workspace,
        actor: str,
        *,
        autosave_ms: int = 800,
        max_wait_ms: int = 2000,
        journal: SessionJournal | None = None,
        journal_ms: int = 250,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.workspace = workspace
        self.actor = actor
        self.post: Post = Post(title="")
        self.undo_stack = QUndoStack(self)
        self.journal = journal
        self.max_wait_ms = max_wait_ms
        self.dirty = False
        self.stale = False
        self.last_error = ""
        self._first_dirty: float | None = None
        self._applying = False
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.save_now)
        self._journal_timer = QTimer(self)
        self._journal_timer.setSingleShot(True)
        self._journal_timer.setInterval(journal_ms)
        self._journal_timer.timeout.connect(self._write_journal)

    # -- configuration ----------------------------------------------------------------------
    @property
    def autosave_ms(self) -> int:
        return self._autosave.interval()

    @autosave_ms.setter
    def autosave_ms(self, value: int) -> None:
        self._autosave.setInterval(value)

    # -- loading ----------------------------------------------------------------------------
    def load(self, post_id: int) -> None:
        self.flush()
        self._replace(self.workspace.posts.get(post_id))

    def new(self, template: Post | None = None) -> None:
        self.flush()
        post = template or Post(title="")
        post.id = None
        self._replace(post)

    def _replace(self, post: Post) -> None:
        self.post = post
        self.dirty = False
        self.stale = False
        self._first_dirty = None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.postLoaded.emit()
        self.contentChanged.emit()
        self.statusChanged.emit(post.status)
        self.saveStateChanged.emit("saved")

    # -- editing ----------------------------------------------------------------------------
    def value(self, key: str) -> Any:
        return get_value(self.post, key)

    def edit(self, key: str, value: Any, text: str = "") -> None:
        """Change one field (an undoable step; typing in one field merges)."""
        self.edit_many({key: value}, text or t("compose.undo_edit"), mergeable=_is_typing(key))

    def edit_many(self, values: dict[str, Any], text: str, *, mergeable: bool = False) -> None:
        if self._applying:
            return
        changes = {}
        for key, new in values.items():
            old = get_value(self.post, key)
            if old != new:
                changes[key] = (old, new)
        if not changes:
            return
        self.undo_stack.push(EditCommand(self, changes, text, mergeable))

    def _apply(self, values: dict[str, Any]) -> None:
        self._applying = True
        try:
            for key, value in values.items():
                set_value(self.post, key, value)
            for key in values:
                self.fieldChanged.emit(key)
        finally:
            self._applying = False
        self._mark_dirty()
        self.contentChanged.emit()

    def _mark_dirty(self) -> None:
        now = time.monotonic()
        if not self.dirty:
            self._first_dirty = now
        self.dirty = True
        self.saveStateChanged.emit("stale" if self.stale else "dirty")
        if not self._journal_timer.isActive():
            self._journal_timer.start()
        if self.stale:
            return
        waited_ms = (now - (self._first_dirty or now)) * 1000
        if waited_ms >= self.max_wait_ms:
            self.save_now()
        else:
            self._autosave.start(
                min(self._autosave.interval(), max(0, int(self.max_wait_ms - waited_ms)))
            )

    # -- saving -----------------------------------------------------------------------------
    def flush(self) -> None:
        """Write any pending change now (on close, before a store action)."""
        self._autosave.stop()
        if self.dirty and not self.stale:
            self.save_now()
        if self._journal_timer.isActive() or self.dirty:
            self._journal_timer.stop()
            self._write_journal()

    def save_now(self) -> bool:
        self._autosave.stop()
        if not self.dirty:
            return True
        if self.stale:
            return False
        posts = self.workspace.posts
        snapshot = self.post.copy()
        if not snapshot.title.strip():
            snapshot.title = t("compose.untitled")
        try:
            if snapshot.id is None:
                stored = posts.add(snapshot, self.actor)
                reopened = False
                if self.journal is not None:
                    self.journal.forget("new")
            else:
                outcome = posts.save_with_outcome(snapshot, self.actor)
                stored, reopened = outcome.post, outcome.reopened
        except StaleEdit as err:
            self.stale = True
            self.last_error = err.user_message()
            self._write_journal()
            self.saveStateChanged.emit("stale")
            self.staleDetected.emit(self.last_error)
            return False
        except SumbarError as err:
            self.last_error = err.user_message()
            self._write_journal()
            self.saveStateChanged.emit("error")
            self.saveFailed.emit(self.last_error)
            return False
        self._adopt(stored)
        if snapshot.title != self.post.title:  # an untitled post got its default title
            self.post.title = snapshot.title
            self.fieldChanged.emit("title")
        self.dirty = False
        self._first_dirty = None
        self.last_error = ""
        if self.journal is not None:
            self.journal.record(self.post, saved=True)
        self.saveStateChanged.emit("saved")
        self.saved.emit(stored)
        if reopened:
            self.reopened.emit()
        return True

    def _adopt(self, stored: Post) -> None:
        """Take the store's bookkeeping (id, version, status, approval) onto the working copy."""
        old_status = self.post.status
        self.post.id = stored.id
        self.post.version = stored.version
        self.post.status = stored.status
        self.post.approval = stored.approval
        self.post.attestations = dict(stored.attestations)
        self.post.created_at, self.post.updated_at = stored.created_at, stored.updated_at
        if stored.status != old_status:
            self.statusChanged.emit(stored.status)

    def _write_journal(self) -> None:
        if self.journal is None:
            return
        if self.dirty:
            self.journal.record(self.post, saved=False)

    # -- store actions (transitions, attestations, approvals) -------------------------------
    def run_store_action(self, fn) -> Post | None:
        """Save pending edits, run ``fn(post_id) -> Post`` and adopt its result."""
        self.flush()
        if self.dirty or self.post.id is None:
            return None
        stored = fn(self.post.id)
        if isinstance(stored, Post):
            self._adopt(stored)
        else:
            self._adopt(self.workspace.posts.get(self.post.id))
        self.contentChanged.emit()
        self.storeActionDone.emit(self.post)
        return self.post

    # -- conflicts --------------------------------------------------------------------------
    def reload_from_store(self) -> None:
        """Drop local edits (after a StaleEdit): show what is stored now."""
        if self.post.id is None:
            return
        key = f"post-{self.post.id}"
        self._replace(self.workspace.posts.get(self.post.id))
        if self.journal is not None:
            self.journal.forget(key)

    def overwrite_stored(self) -> bool:
        """The officer chose to keep their version over the other one (explicit, never silent)."""
        if self.post.id is None:
            return False
        stored = self.workspace.posts.get(self.post.id)
        self.post.version = stored.version
        self.stale = False
        self.dirty = True
        return self.save_now()

    # -- recovery ---------------------------------------------------------------------------
    def restore_content(self, content: dict) -> None:
        """Apply recovered content on top of the loaded post as one undoable step."""
        recovered = apply_content(self.post, content)
        current = content_of(self.post)
        values = {}
        for name, value in content_of(recovered).items():
            if current.get(name) != value:
                values[name] = get_value(recovered, name if name != "card" else "card.template")
        # card is nested: restore its parts as separate keys
        if content_of(recovered)["card"] != current["card"]:
            values.pop("card.template", None)
            values["card.template"] = recovered.card.template_id
            values["card.formats"] = list(recovered.card.formats)
            for fid in set(self.post.card.fields) | set(recovered.card.fields):
                values[f"card.field:{fid}"] = recovered.card.fields.get(fid)
        values.pop("card", None)
        variants = values.pop("variants", None)
        if variants is not None:
            for platform in set(self.post.variants) | set(recovered.variants):
                values[f"variant:{platform}"] = recovered.variants.get(platform)
        self.edit_many(values, t("compose.undo_restore"))

    def status(self) -> Status:
        return self.post.status
