"""Post services: the business rules over the repository, shared by the CLI, the UI and tests.

- Only allowed status transitions succeed (model.TRANSITIONS).
- Saving changed content of an approved or scheduled post sends it back to review and clears
  the approval (the approval covered exactly the content hashed in ``Post.content_hash``).
- Saving a stale copy fails with StaleEdit (optimistic concurrency on ``version``).
- Every change is in the audit log: who, when, which fields, old -> new status.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from .checks.ruleids import current_detail
from .errors import InvalidInput, NotFound, StaleEdit
from .i18n import t
from .model import (
    APPROVED_STATES,
    READ_ONLY_STATES,
    Action,
    Approval,
    Attestation,
    AuditEntry,
    Post,
    Status,
    next_status,
)
from .platforms import default_catalog
from .store.protocol import PostQuery, PostRepository, PostSummary, changed_fields
from .text.cleaning import strip_bom
from .timeutil import day_bounds_utc, now_utc, week_bounds_utc


def _strip_boms(post: Post) -> None:
    """A byte order mark at the start of a caption (a Notepad file, a paste) is not text."""
    post.caption = strip_bom(post.caption)
    post.variants = {k: strip_bom(v) for k, v in post.variants.items()}


@dataclass(frozen=True)
class SaveOutcome:
    post: Post
    reopened: bool  # True when the edit sent an approved/scheduled post back to review


class PostService:
    def __init__(self, repository: PostRepository):
        self.repo: PostRepository = repository

    # -- reads ------------------------------------------------------------------------------
    def get(self, post_id: int) -> Post:
        return self.repo.get(post_id)

    def list(self, query: PostQuery | None = None) -> list[Post]:
        return self.repo.query(query or PostQuery())

    def ids(self, query: PostQuery | None = None) -> builtins.list[int]:
        return self.repo.ids(query or PostQuery())

    def summaries(self, ids: Sequence[int]) -> builtins.list[PostSummary]:
        return self.repo.summaries(ids)

    def count(self, query: PostQuery | None = None) -> int:
        return self.repo.count(query)

    def week(self, year: int, week: int) -> builtins.list[Post]:
        start, end = week_bounds_utc(year, week)
        return self.repo.query(PostQuery(start=start, end=end))

    def day(self, day: date) -> builtins.list[Post]:
        start, end = day_bounds_utc(day)
        return self.repo.query(PostQuery(start=start, end=end))

    def search(self, text: str, limit: int = 50) -> builtins.list[Post]:
        return self.repo.query(PostQuery(text=text, order="newest", limit=limit))

    def history(self, post_id: int) -> builtins.list[AuditEntry]:
        """The post's audit trail as it is shown: rows are never rewritten, so rule ids
        renamed since a row was written are shown under their names of today."""
        return [replace(e, detail=current_detail(e.detail)) for e in self.repo.history(post_id)]

    def assignees(self) -> builtins.list[str]:
        """Everyone a post is assigned to, sorted (for filters)."""
        return self.repo.assignees()

    def due(self, now: datetime | None = None) -> builtins.list[Post]:
        """Scheduled posts whose time has come (for reminders)."""
        return self.repo.query(PostQuery(statuses=[Status.SCHEDULED], end=now or now_utc()))

    # -- writes -----------------------------------------------------------------------------
    def _current(self, post_id: int, expected_version: int | None) -> Post:
        """The stored post, refusing with StaleEdit when the caller's copy is older."""
        post = self.repo.get(post_id)
        if expected_version is not None and post.version != expected_version:
            raise StaleEdit(
                "store.stale_edit", id=post_id, mine=expected_version, theirs=post.version
            )
        return post

    def validate(self, post: Post) -> None:
        if not post.title.strip():
            raise InvalidInput("store.title_required")
        catalog = default_catalog()
        for platform in [*post.platforms, *post.variants]:
            catalog.get(platform)  # raises for an unknown platform
        if post.card.template_id:
            from .cards.template import template_ids

            if post.card.template_id not in template_ids():
                raise InvalidInput(
                    "store.unknown_template",
                    value=post.card.template_id,
                    choices=", ".join(template_ids()),
                )

    def add(self, post: Post, actor: str) -> Post:
        self.validate(post)
        post = post.copy()
        _strip_boms(post)
        post.status = Status.DRAFT
        post.approval = None
        return self.repo.insert(post, actor)

    def save(self, post: Post, actor: str) -> Post:
        return self.save_with_outcome(post, actor).post

    def save_with_outcome(self, post: Post, actor: str) -> SaveOutcome:
        """Save an edited post. Content changes to an approved or scheduled post reopen review."""
        self.validate(post)
        with self.repo.transaction():
            if post.id is None:
                raise NotFound("errors.not_found", what=t("model.post"))
            stored = self.repo.get(post.id)
            if stored.version != post.version:
                raise StaleEdit(
                    "store.stale_edit", id=post.id, mine=post.version, theirs=stored.version
                )
            post = post.copy()
            _strip_boms(post)
            # status and approval only change through transitions, never through a save
            post.status, post.approval = stored.status, stored.approval
            if stored.status in READ_ONLY_STATES and changed_fields(stored, post):
                raise InvalidInput("store.read_only", status=stored.status.label())
            reopened = False
            if stored.status in APPROVED_STATES and post.content_hash() != stored.content_hash():
                post.status = next_status(stored.status, Action.REOPEN)
                post.approval = None
                reopened = True
            fields = changed_fields(stored, post)
            if not fields:
                return SaveOutcome(stored, False)
            saved = self.repo.update(
                post,
                actor,
                action="reopen" if reopened else "update",
                old_status=stored.status,
                detail={"changed": fields},
            )
        return SaveOutcome(saved, reopened)

    def transition(
        self,
        post_id: int,
        action: Action,
        actor: str,
        *,
        comment: str = "",
        expected_version: int | None = None,
        published_urls: dict[str, str] | None = None,
    ) -> Post:
        with self.repo.transaction():
            post = self._current(post_id, expected_version)
            old = post.status
            post.status = next_status(old, action)
            if action == Action.APPROVE:
                raise InvalidInput("store.approve_via_checklist")
            if action == Action.SUBMIT:
                _refuse_incomplete(post)
            if action == Action.SCHEDULE and post.scheduled_at is None:
                raise InvalidInput("store.schedule_needs_time")
            if action == Action.REQUEST_CHANGES and not comment.strip():
                # the officer must learn what to fix (the team server refuses it the same way)
                raise InvalidInput("team.reason_required")
            if action in (Action.REQUEST_CHANGES, Action.REOPEN, Action.RESTORE):
                post.approval = None
            if action == Action.PUBLISH and published_urls:
                post.published_urls.update(published_urls)
            detail: dict[str, Any] = {"comment": comment} if comment else {}
            if published_urls:
                detail["urls"] = published_urls
            return self.repo.update(post, actor, action=str(action), old_status=old, detail=detail)

    def approve(
        self,
        post_id: int,
        approval: Approval,
        actor: str,
        *,
        expected_version: int | None = None,
        overridden: Sequence[str] = (),
    ) -> Post:
        """Record an approval (review -> approved) with the hash of what was approved.

        Callers go through core.approval.approve_post, which refuses when blocking findings
        remain without a written override reason.
        """
        with self.repo.transaction():
            post = self._current(post_id, expected_version)
            old = post.status
            post.status = next_status(old, Action.APPROVE)
            if approval.content_hash != post.content_hash():
                raise StaleEdit("store.approval_outdated", id=post_id)
            post.approval = approval
            detail: dict[str, Any] = {
                "approver": approval.approver,
                "nip": approval.nip,
                "role": approval.role,
                "content_hash": approval.content_hash,
            }
            if approval.override_reason:
                detail["override_reason"] = approval.override_reason
                detail["overridden"] = list(overridden)
            return self.repo.update(post, actor, action="approve", old_status=old, detail=detail)

    def attest(self, post_id: int, item: str, officer: str, *, checked: bool = True) -> Post:
        """Tick (or untick) a manual checklist item in an officer's name."""
        with self.repo.transaction():
            post = self.repo.get(post_id)
            if checked:
                post.attestations[item] = Attestation(item, officer, now_utc())
            else:
                post.attestations.pop(item, None)
            return self.repo.update(
                post,
                officer,
                action="attest" if checked else "unattest",
                detail={"item": item},
            )

    def reschedule(
        self, post_id: int, when: datetime | None, actor: str, *, expected_version=None
    ) -> Post:
        """Move a post in time. Its approval stays: the time is not part of approved content."""
        with self.repo.transaction():
            post = self._current(post_id, expected_version)
            old_when = post.scheduled_at
            post.scheduled_at = when
            if when is None and post.status == Status.SCHEDULED:
                post.status = Status.APPROVED
            return self.repo.update(
                post,
                actor,
                action="reschedule",
                detail={"from": old_when, "to": when},
            )

    def delete(self, post_id: int, actor: str) -> None:
        """Delete a draft. Anything that went further stays on record (archive it instead);
        the team server refuses the same by itself."""
        post = self.get(post_id)
        if post.status != Status.DRAFT:
            raise InvalidInput("window.delete_only_drafts", status=post.status.label())
        self.repo.delete(post_id, actor)


def _refuse_incomplete(post: Post) -> None:
    """A post goes to review only with at least one platform and a caption to paste there."""
    missing = []
    if not post.platforms:
        missing.append(t("submit.no_platform"))
    if not any(post.caption_for(p).strip() for p in post.platforms) and not post.caption.strip():
        missing.append(t("submit.no_caption"))
    if missing:
        raise InvalidInput("submit.incomplete", missing=", ".join(missing))
