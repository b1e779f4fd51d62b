"""The register's use cases, shared by the CLI, the UI and the tests.

- An entry's due time comes from the team's service standard counted in working hours
  (clock.py); it is fixed when the entry is recorded, so a later settings change does not move
  old deadlines.
- Status changes follow model.TRANSITIONS: baru -> ditangani -> dijawab -> selesai, or
  ditutup with a written reason; "dijawab" only by sending a reply that passed the checklist
  (and was approved where the team requires it).
- Time to first answer and to closure are measured per entry, in working minutes.
- Every change is in the register's audit trail (who, when, old -> new status); the trail
  holds no personal data of the public.
- Retention: the personal data of entries closed longer than the team's retention period is
  erased (handle, contact, text, screenshot, personal data in replies); counts and times stay.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..errors import InvalidInput, TransitionRefused
from ..store.inbox import EntryQuery
from ..timeutil import now_utc, to_utc
from .config import InboxSettings, load_inbox_settings
from .guess import guess_entry
from .model import (
    FINAL_STATES,
    TRANSITIONS,
    UNANSWERED_STATES,
    Channel,
    Entry,
    EntryStatus,
    Kind,
    Reply,
    ReplyStatus,
    RoutingStep,
)
from .privacy import redact
from .replies import body_hash, check_reply

MAX_TEXT = 20_000


@dataclass(frozen=True)
class RetentionOutcome:
    erased: int
    screenshots_deleted: int
    backup: Path | None


class InboxService:
    def __init__(self, workspace, *, clock: Callable[[], datetime] = now_utc):
        self.workspace = workspace
        self.repo = workspace.store.inbox_repository()
        self.clock = clock

    # -- settings ---------------------------------------------------------------------------
    def settings(self) -> InboxSettings:
        return load_inbox_settings(self.workspace)

    def _people(self) -> list:
        return self.workspace.team_settings().people

    # -- reads ------------------------------------------------------------------------------
    def get(self, entry_id: int) -> Entry:
        return self.repo.get(entry_id)

    def ids(self, query: EntryQuery | None = None) -> list[int]:
        return self.repo.ids(query or EntryQuery())

    def count(self, query: EntryQuery | None = None) -> int:
        return self.repo.count(query or EntryQuery())

    def summaries(self, ids):
        return self.repo.summaries(ids)

    def open_list(self, limit: int | None = 200):
        """Open entries, the most urgent (earliest due) first."""
        return self.repo.summaries(self.repo.ids(EntryQuery(open_only=True, limit=limit)))

    def overdue(self, now: datetime | None = None):
        now = now or self.clock()
        return self.repo.summaries(self.repo.ids(EntryQuery(overdue_at=now)))

    def overdue_count(self, now: datetime | None = None) -> int:
        return self.repo.count(EntryQuery(overdue_at=now or self.clock()))

    def history(self, entry_id: int):
        return self.repo.history(entry_id)

    def routes(self, entry_id: int):
        return self.repo.routes(entry_id)

    def replies(self, entry_id: int) -> list[Reply]:
        return self.repo.replies(entry_id)

    def draft(self, entry_id: int) -> Reply | None:
        """The reply being drafted (the latest one not sent), if any."""
        unsent = [r for r in self.repo.replies(entry_id) if r.status != ReplyStatus.SENT]
        return unsent[-1] if unsent else None

    def may_reveal(self, entry: Entry, actor: str) -> bool:
        """Contact details are for who answers: the assigned officer and those who approve.
        A workspace without a list of people (one officer alone) shows them to its user."""
        people = self._people()
        if not people:
            return True
        person = next((p for p in people if p.name == actor), None)
        return actor == entry.assignee or bool(person and person.can_approve)

    def reveal(self, entry_id: int, *, actor: str) -> tuple[str, str]:
        """The sender's handle and contact, whole; every look is in the audit trail."""
        entry = self.repo.get(entry_id)
        if not self.may_reveal(entry, actor):
            raise InvalidInput("inbox.reveal_refused", name=actor)
        with self.repo.transaction() as c:
            self.repo.audit(c, entry.id, actor, "reveal", str(entry.status), str(entry.status), {})
        return entry.sender, entry.contact

    # -- recording --------------------------------------------------------------------------
    def add(
        self,
        *,
        channel: Channel | str,
        text: str = "",
        actor: str,
        received_at: datetime | None = None,
        kind: Kind | str = Kind.QUESTION,
        sender: str = "",
        contact: str = "",
        topic: str = "",
        post_id: int | None = None,
        post_url: str = "",
        screenshot: str | Path | None = None,
    ) -> Entry:
        try:
            channel = Channel(channel)
        except ValueError:
            raise InvalidInput(
                "inbox.channel_unknown", value=channel, choices=", ".join(c.value for c in Channel)
            ) from None
        try:
            kind = Kind(kind)
        except ValueError:
            raise InvalidInput(
                "inbox.kind_unknown", value=kind, choices=", ".join(k.value for k in Kind)
            ) from None
        text = (text or "").strip()
        if len(text) > MAX_TEXT:
            raise InvalidInput("inbox.text_too_long", limit=MAX_TEXT)
        sha = ""
        if screenshot:
            sha = self.workspace.media.import_file(screenshot).sha256
        if not text and not sha:
            raise InvalidInput("inbox.text_empty")
        if post_id is not None:
            self.workspace.posts.get(post_id)  # NotFound when the post does not exist
        received = to_utc(received_at) if received_at else self.clock()
        settings = self.settings()
        due = settings.clock().due(received, settings.service_hours)
        entry = Entry(
            channel=channel,
            text=text,
            received_at=received,
            kind=kind,
            sender=sender.strip(),
            contact=contact.strip(),
            topic=topic.strip(),
            post_id=post_id,
            post_url=post_url.strip(),
            screenshot=sha,
            due_at=due,
        )
        return self.repo.insert(entry, actor, {"channel": str(channel), "kind": str(kind)})

    def quick_add(self, pasted: str, *, actor: str, **overrides) -> Entry:
        """Record a pasted message; what the text tells (channel, handle, contact, kind, link,
        time) fills whatever ``overrides`` leave empty."""
        guess = guess_entry(pasted)
        values: dict[str, Any] = {
            "channel": guess.channel or Channel.INSTAGRAM_COMMENT,
            "text": guess.text,
            "sender": guess.sender,
            "contact": guess.contact,
            "kind": guess.kind or Kind.QUESTION,
            "post_url": guess.post_url,
            "received_at": guess.received_at,
        }
        values.update({k: v for k, v in overrides.items() if v not in (None, "")})
        return self.add(actor=actor, **values)

    def edit(self, entry_id: int, *, actor: str, **fields) -> Entry:
        """Change the recorded facts (kind, topic, sender, contact, link, channel)."""
        entry = self.repo.get(entry_id)
        allowed = {
            "kind": Kind,
            "topic": str,
            "sender": str,
            "contact": str,
            "post_url": str,
            "channel": Channel,
        }
        changed = []
        for name, value in fields.items():
            if name not in allowed or value is None:
                continue
            try:
                value = allowed[name](value)
            except ValueError:
                raise InvalidInput(f"inbox.{name}_unknown", value=value, choices="") from None
            if getattr(entry, name) != value:
                setattr(
                    entry,
                    name,
                    value.strip()
                    if isinstance(value, str) and not isinstance(value, Kind | Channel)
                    else value,
                )
                changed.append(name)
        if not changed:
            return entry
        return self.repo.update(entry, actor, "edit", str(entry.status), {"fields": changed})

    # -- routing and status -----------------------------------------------------------------
    def _start_handling(self, entry: Entry) -> None:
        if entry.status == EntryStatus.NEW:
            entry.status = EntryStatus.HANDLING

    def _refuse_final(self, entry: Entry) -> None:
        if entry.status in FINAL_STATES:
            raise TransitionRefused("inbox.final", id=entry.id, status=entry.status.label())

    def assign(self, entry_id: int, officer: str, *, actor: str) -> Entry:
        entry = self.repo.get(entry_id)
        self._refuse_final(entry)
        officer = officer.strip()
        people = self._people()
        if not officer:
            raise InvalidInput("inbox.officer_empty")
        if people and officer not in {p.name for p in people}:
            raise InvalidInput(
                "inbox.officer_unknown", name=officer, choices=", ".join(p.name for p in people)
            )
        old = str(entry.status)
        entry.assignee = officer
        self._start_handling(entry)
        return self.repo.update(entry, actor, "assign", old, {"officer": officer})

    def forward(
        self, entry_id: int, target: str, *, actor: str, note: str = "", at: datetime | None = None
    ) -> Entry:
        entry = self.repo.get(entry_id)
        self._refuse_final(entry)
        found = self.settings().target(target.strip())
        if found is None:
            raise InvalidInput(
                "inbox.target_unknown",
                name=target,
                choices=", ".join(t.name for t in self.settings().targets),
            )
        when = to_utc(at) if at else self.clock()
        old = str(entry.status)
        entry.forwarded_to, entry.forwarded_kind, entry.forwarded_at = (
            found.name,
            found.kind,
            when,
        )
        self._start_handling(entry)
        with self.repo.transaction() as c:
            self.repo.add_route(
                c, RoutingStep(entry_id, found.name, found.kind, when, actor, note.strip())
            )
            return self.repo.update(
                entry, actor, "forward", old, {"target": found.name, "kind": found.kind}
            )

    def set_status(
        self, entry_id: int, status: EntryStatus | str, *, actor: str, reason: str = ""
    ) -> Entry:
        entry = self.repo.get(entry_id)
        try:
            status = EntryStatus(status)
        except ValueError:
            raise InvalidInput(
                "inbox.status_unknown",
                value=status,
                choices=", ".join(s.value for s in EntryStatus),
            ) from None
        if status not in TRANSITIONS[entry.status]:
            raise TransitionRefused(
                "inbox.transition_refused", old=entry.status.label(), new=status.label()
            )
        if status == EntryStatus.ANSWERED:
            raise TransitionRefused("inbox.answer_by_reply")
        reason = reason.strip()
        if status == EntryStatus.CLOSED and not reason:
            raise InvalidInput("inbox.reason_required")
        old = str(entry.status)
        entry.status = status
        if status in FINAL_STATES:
            now = self.clock()
            entry.closed_at = now
            entry.closure_minutes = self.settings().clock().working_minutes(entry.received_at, now)
            entry.close_reason = reason
        return self.repo.update(entry, actor, "status", old, {"reason": reason} if reason else {})

    def close(self, entry_id: int, reason: str, *, actor: str) -> Entry:
        return self.set_status(entry_id, EntryStatus.CLOSED, actor=actor, reason=reason)

    def finish(self, entry_id: int, *, actor: str) -> Entry:
        return self.set_status(entry_id, EntryStatus.DONE, actor=actor)

    # -- replies ----------------------------------------------------------------------------
    def _check(self, reply: Reply, entry: Entry) -> Reply:
        findings = check_reply(reply.body, entry.channel, rules=self.workspace.rules())
        reply.findings = [f.to_dict() for f in findings]
        reply.blocking = sum(1 for f in findings if f.blocking)
        reply.warnings = sum(1 for f in findings if f.severity == "warning")
        reply.checked_hash = body_hash(reply.body)
        return reply

    def draft_reply(self, entry_id: int, body: str, *, actor: str, template_id: str = "") -> Reply:
        """Save (and check) the reply being drafted; editing an approved draft needs a new
        approval."""
        entry = self.repo.get(entry_id)
        self._refuse_final(entry)
        body = (body or "").strip()
        if not body:
            raise InvalidInput("inbox.reply_empty")
        reply = self.draft(entry_id) or Reply(entry_id=entry_id, body=body)
        changed = reply.id is None or reply.body != body
        reply = replace(reply, body=body, template_id=template_id or reply.template_id)
        if changed:
            reply.status, reply.approved_by, reply.approved_at = ReplyStatus.DRAFT, "", None
        self._check(reply, entry)
        old = str(entry.status)
        self._start_handling(entry)
        with self.repo.transaction() as c:
            reply_id = self.repo.save_reply(c, reply)
            self.repo.update(
                entry,
                actor,
                "reply_draft",
                old,
                {"reply": reply_id, "blocking": reply.blocking, "warnings": reply.warnings},
            )
        return self.repo.reply(reply_id)

    def approve_reply(self, reply_id: int, approver: str, *, actor: str) -> Reply:
        reply = self.repo.reply(reply_id)
        entry = self.repo.get(reply.entry_id)
        # an approver in the team settings, or (team server) the approver logged in; the
        # server checks the login itself and records its own staff name
        allowed = [p for p in self._people() if p.can_approve] + self.workspace.approvers()
        if not any(p.name == approver for p in allowed):
            raise InvalidInput("inbox.approver_refused", name=approver)
        self._check(reply, entry)
        if reply.blocking:
            raise TransitionRefused("inbox.reply_blocked", count=reply.blocking)
        if reply.status == ReplyStatus.SENT:
            raise TransitionRefused("inbox.reply_already_sent")
        reply.status, reply.approved_by, reply.approved_at = (
            ReplyStatus.APPROVED,
            approver,
            self.clock(),
        )
        with self.repo.transaction() as c:
            self.repo.save_reply(c, reply)
            self.repo.update(
                entry,
                actor,
                "reply_approve",
                str(entry.status),
                {"reply": reply_id, "approver": approver, "hash": reply.checked_hash},
            )
        return self.repo.reply(reply_id)

    def mark_sent(self, reply_id: int, *, actor: str, at: datetime | None = None) -> Entry:
        """The reply was pasted on the platform: record it as the entry's answer."""
        reply = self.repo.reply(reply_id)
        entry = self.repo.get(reply.entry_id)
        self._refuse_final(entry)
        if reply.status == ReplyStatus.SENT:
            raise TransitionRefused("inbox.reply_already_sent")
        self._check(reply, entry)  # the rules may have changed since the draft was checked
        if reply.blocking:
            raise TransitionRefused("inbox.reply_blocked", count=reply.blocking)
        settings = self.settings()
        if settings.replies_need_approval and reply.status != ReplyStatus.APPROVED:
            raise TransitionRefused("inbox.reply_needs_approval")
        when = to_utc(at) if at else self.clock()
        reply.status, reply.sent_by, reply.sent_at = ReplyStatus.SENT, actor, when
        old = str(entry.status)
        if entry.first_answer_at is None:
            entry.first_answer_at = when
            entry.response_minutes = settings.clock().working_minutes(entry.received_at, when)
        if entry.status in UNANSWERED_STATES:
            entry.status = EntryStatus.ANSWERED
        with self.repo.transaction() as c:
            self.repo.save_reply(c, reply)
            return self.repo.update(entry, actor, "reply_sent", old, {"reply": reply_id})

    # -- retention --------------------------------------------------------------------------
    def retention_due(self, now: datetime | None = None) -> list[int]:
        """Closed entries whose personal data has passed the retention period."""
        now = now or self.clock()
        limit = now - timedelta(days=self.settings().retention_days)
        return self.repo.closed_before(limit)

    def apply_retention(
        self, *, actor: str, now: datetime | None = None, backup: bool = True
    ) -> RetentionOutcome:
        now = now or self.clock()
        due = self.retention_due(now)
        if not due:
            return RetentionOutcome(0, 0, None)
        backup_path = self.workspace.backup("pra-retensi") if backup else None
        shots: set[str] = set()
        for entry_id in due:
            entry = self.repo.get(entry_id)
            names = (entry.sender, entry.contact)
            if entry.screenshot:
                shots.add(entry.screenshot)
            for reply in self.repo.replies(entry_id):
                reply.body = redact(reply.body, *names)
                reply.findings = []
                with self.repo.transaction() as c:
                    self.repo.save_reply(c, reply)
            if entry.sender and entry.sender.lstrip("@").lower() in entry.post_url.lower():
                entry.post_url = ""
            entry.sender = entry.contact = entry.text = entry.screenshot = ""
            entry.close_reason = redact(entry.close_reason, *names)
            entry.erased_at = now
            with self.repo.transaction() as c:
                self.repo.clear_routing_notes(c, entry_id)
                self.repo.update(entry, actor, "retention_erase", str(entry.status), {})
        deleted = sum(1 for sha in shots if self._delete_unused_media(sha))
        return RetentionOutcome(len(due), deleted, backup_path)

    def _delete_unused_media(self, sha: str) -> bool:
        if self.repo.media_in_use(sha):
            return False
        try:
            path = self.workspace.media.path_for(sha)
        except Exception:  # noqa: BLE001 - no row: nothing to delete
            return False
        path.unlink(missing_ok=True)
        self.repo.delete_media_row(sha)
        return True

    # -- statistics -------------------------------------------------------------------------
    def stats(
        self, start: datetime, end: datetime, *, now: datetime | None = None, label: str = ""
    ):
        from .stats import compute_stats

        return compute_stats(self.repo, start, end, now or self.clock(), label=label)
