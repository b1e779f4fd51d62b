"""The queue's small controller: workflow actions and undoable rescheduling over PostService.

Widgets call these methods; the rules live in core (services, model.TRANSITIONS). Every change
emits :attr:`QueueController.postsChanged` so the views and the reminder timers re-read.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.model import Action, Post
from ...core.timeutil import format_wib_datetime


class RescheduleCommand(QUndoCommand):
    """Move a post to another time; undo moves it back (approval and status are kept)."""

    def __init__(self, controller: QueueController, post_id: int, old, new, title: str):
        when = format_wib_datetime(new) if new else t("queue.unscheduled")
        super().__init__(t("queue.undo_reschedule", title=title, when=when))
        self.controller = controller
        self.post_id, self.old, self.new = post_id, old, new
        self.done_once = True  # the controller already moved the post before pushing

    def _move(self, when) -> None:
        try:
            self.controller.workspace.posts.reschedule(self.post_id, when, self.controller.actor())
        except SumbarError as err:
            self.controller.errorRaised.emit(err.user_message())
        self.controller.postsChanged.emit([self.post_id])

    def redo(self) -> None:
        if self.done_once:
            self.done_once = False
            return
        self._move(self.new)

    def undo(self) -> None:
        self._move(self.old)


class QueueController(QObject):
    postsChanged = Signal(list)  # ids of changed posts ([] = anything may have changed)
    errorRaised = Signal(str)

    def __init__(self, workspace, actor=None, parent=None, undo_stack: QUndoStack | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self._actor = actor or (lambda: "petugas")
        self.undo_stack = undo_stack or QUndoStack(self)

    def actor(self) -> str:
        return self._actor() if callable(self._actor) else str(self._actor)

    # -- scheduling -------------------------------------------------------------------------
    def reschedule(self, post_id: int, when: datetime | None) -> bool:
        try:
            post = self.workspace.posts.get(post_id)
        except SumbarError as err:
            self.errorRaised.emit(err.user_message())
            return False
        if post.scheduled_at == when:
            return False
        try:
            self.workspace.posts.reschedule(post_id, when, self.actor())
        except SumbarError as err:  # nothing moved: nothing to undo
            self.errorRaised.emit(err.user_message())
            return False
        self.undo_stack.push(RescheduleCommand(self, post_id, post.scheduled_at, when, post.title))
        self.postsChanged.emit([post_id])
        return True

    # -- workflow ---------------------------------------------------------------------------
    def transition(
        self,
        post_id: int,
        action: Action,
        *,
        comment: str = "",
        urls: dict[str, str] | None = None,
        when: datetime | None = None,
    ) -> Post | None:
        """Apply one workflow action. Returns the saved post, or None (errorRaised told why)."""
        try:
            if action == Action.SCHEDULE and when is not None:
                self.workspace.posts.reschedule(post_id, when, self.actor())
            post = self.workspace.posts.transition(
                post_id, action, self.actor(), comment=comment, published_urls=urls
            )
        except SumbarError as err:
            self.errorRaised.emit(err.user_message())
            self.postsChanged.emit([post_id])
            return None
        self.postsChanged.emit([post_id])
        return post

    def approve(self, post_id: int, approver, *, override_reason: str = "") -> Post | None:
        """Approve in ``approver``'s name (a settings.Person) through the checklist's
        ``approve_post``, so blocking findings stop an approval."""
        from ...core.approval import approve_post  # its findings: not needed at start

        try:
            post = approve_post(
                self.workspace,
                post_id,
                approver=approver.name,
                nip=approver.nip,
                role=approver.role,
                override_reason=override_reason,
            )
        except SumbarError as err:
            self.errorRaised.emit(err.user_message())
            return None
        self.postsChanged.emit([post_id])
        return post

    # -- daily tools ------------------------------------------------------------------------
    def duplicate(self, post_id: int) -> Post | None:
        """A copy of the post as a new draft: same content and card, no schedule, no
        approval, no attestations ("(salinan)" after the title)."""
        try:
            original = self.workspace.posts.get(post_id)
            copy = original.copy()
            copy.id, copy.version = None, 0
            copy.title = t("window.copy_title", title=original.title)
            copy.scheduled_at = None
            copy.approval = None
            copy.attestations = {}
            copy.published_urls = {}
            copy.created_at = copy.updated_at = None
            stored = self.workspace.posts.add(copy, self.actor())
        except SumbarError as err:
            self.errorRaised.emit(err.user_message())
            return None
        self.postsChanged.emit([stored.id])
        return stored

    def delete_draft(self, post_id: int):
        """Delete a draft for good, after a backup of the database (returned). Only drafts:
        anything that went further stays on record (archive it instead)."""
        from ...core.model import Status

        try:
            post = self.workspace.posts.get(post_id)
            if post.status != Status.DRAFT:
                self.errorRaised.emit(t("window.delete_only_drafts", status=post.status.label()))
                return None
            backup = self.workspace.backup("sebelum-hapus")
            self.workspace.posts.delete(post_id, self.actor())
        except (SumbarError, OSError) as err:
            self.errorRaised.emit(err.user_message() if isinstance(err, SumbarError) else str(err))
            return None
        self.postsChanged.emit([post_id])
        return backup
