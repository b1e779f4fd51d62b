"""Attestation and approval: who vouched for what, recorded with a hash of exactly what.

A use case over the workspace, its posts, the card (core/postcard.py) and the checklist
(core/checks, a pure rule engine); it lives beside the other use cases, not inside checks/.

* :func:`attest` — an officer ticks a manual checklist item ("fakta dan sumber sudah
  diverifikasi") in their own name.
* :func:`approve_post` — the approver (name, NIP, role) approves the post as it is now. The
  checklist runs first: blocking findings, or required attestations not yet ticked, refuse the
  approval with :class:`ApprovalBlocked` unless a written override reason is given, which is
  recorded with the approval in the audit log. The approval carries ``post.content_hash()``,
  which covers exactly what an export carries (texts, platforms, card template, fields and
  formats, the place and event date a card falls back to, source and credits, photos by
  SHA-256 with alt text and focal point); any later change to those no longer matches it
  (``Post.approval_valid()``), and saving such a change sends the post back to review. The
  card is judged from verified photos: a library file that no longer matches its hash is
  refused (``media.MediaTampered``) rather than approved.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from .checks.findings import Finding
from .errors import InvalidInput, SumbarError
from .model import Approval, Post
from .timeutil import now_utc

if TYPE_CHECKING:
    from .checks.engine import ChecklistResult


class ApprovalBlocked(SumbarError):
    """Blocking findings (or missing required attestations) and no override reason."""

    message_id = "checks.approval_blocked"

    def __init__(
        self,
        message_id: str | None = None,
        /,
        *,
        result: ChecklistResult | None = None,
        detail: str = "",
        **params: object,
    ):
        self.result = result
        super().__init__(message_id, detail=detail, **params)

    @property
    def findings(self) -> list[Finding]:
        return self.result.blocking if self.result else []


_NIP = re.compile(r"^\d{18}$")


def _normalise_nip(nip: str) -> str:
    return re.sub(r"[\s.]", "", nip or "")


def approve_post(
    workspace,
    post_id: int,
    *,
    approver: str,
    nip: str,
    role: str,
    override_reason: str = "",
    now: datetime | None = None,
    card_reports: dict[str, object] | None = None,
) -> Post:
    approver, role, reason = approver.strip(), role.strip(), override_reason.strip()
    nip_digits = _normalise_nip(nip)
    if not approver or not nip_digits or not role:
        raise InvalidInput("checks.approver_required")
    if not _NIP.match(nip_digits):
        raise InvalidInput("checks.nip_invalid", nip=nip)
    post = workspace.posts.get(post_id)
    _verify_media(workspace, post)  # the photos vouched for are the photos the hash names
    moment = now or now_utc()
    rules = workspace.rules()
    if card_reports is None:  # judge the card as it will be exported
        from .postcard import post_card_reports

        card_reports = post_card_reports(workspace, post)
    from .checks.engine import (
        check_post,  # the rules engine loads when an approval is first checked
    )

    result = check_post(post, card_reports=card_reports, now=moment, rules=rules)
    if not reason:
        blocking = result.blocking
        if blocking:
            items = sorted({f.item for f in blocking})
            titles = ", ".join(rules.item(i).title() for i in items)
            raise ApprovalBlocked(
                "checks.approval_blocked",
                result=result,
                count=len(blocking),
                items=titles,
                detail="; ".join(f"{f.rule}@{f.platform}:{f.start}" for f in blocking),
            )
        pending = result.pending_required
        if pending:
            titles = ", ".join(r.item.title() for r in pending)
            raise ApprovalBlocked("checks.approval_pending", result=result, items=titles)
    approval = Approval(
        approver=approver,
        nip=nip_digits,
        role=role,
        at=moment,
        content_hash=post.content_hash(),
        override_reason=reason,
    )
    overridden = sorted({f.rule for f in result.blocking}) if reason else []
    overridden += [r.item.id for r in result.pending_required] if reason else []
    return workspace.posts.approve(
        post_id, approval, approver, expected_version=post.version, overridden=overridden
    )


def _verify_media(workspace, post: Post) -> None:
    """Every library photo the post shows still hashes to its SHA-256 (else MediaTampered)."""
    from .media import media_sha

    names = {m.sha256: m.filename for m in post.media}
    for value in post.card.fields.values():
        sha = media_sha(value)
        if sha is not None:
            names.setdefault(sha, "")
    for sha, name in names.items():
        workspace.media.verified_path(sha, name=name)


def attest(workspace, post_id: int, item_id: str, officer: str) -> Post:
    """Tick the manual checklist item ``item_id`` in ``officer``'s name."""
    rules = workspace.rules()
    try:
        item = rules.item(item_id)
    except KeyError:
        choices = ", ".join(i.id for i in rules.items if i.manual)
        raise InvalidInput("checks.unknown_item", item=item_id, choices=choices) from None
    if not item.manual:
        raise InvalidInput("checks.not_manual_item", item=item_id)
    officer = officer.strip()
    if not officer:
        raise InvalidInput("checks.approver_required")
    return workspace.posts.attest(post_id, item_id, officer)
