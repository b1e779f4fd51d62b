"""The public-input register's domain: channels, kinds, statuses and the allowed status changes.

An :class:`Entry` is one question, complaint, aspiration, appreciation or hoax report that
reached the team (a comment, a DM, a WhatsApp message, an e-mail, someone at the desk). Times
are aware UTC; they are shown in WIB.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from ..i18n import t


class Channel(StrEnum):
    INSTAGRAM_COMMENT = "instagram_komentar"
    INSTAGRAM_DM = "instagram_dm"
    FACEBOOK = "facebook"
    X = "x"
    TIKTOK = "tiktok"
    WHATSAPP = "whatsapp"
    EMAIL = "email"
    IN_PERSON = "langsung"

    def label(self, lang: str | None = None) -> str:
        return t(f"inbox.channel_{self.value}", lang=lang)

    @property
    def platform(self) -> str | None:
        """The platform catalogue id whose limits a reply on this channel must fit."""
        return _CHANNEL_PLATFORM.get(self)


_CHANNEL_PLATFORM = {
    Channel.INSTAGRAM_COMMENT: "instagram",
    Channel.INSTAGRAM_DM: "instagram",
    Channel.FACEBOOK: "facebook",
    Channel.X: "x",
    Channel.TIKTOK: "tiktok",
    Channel.WHATSAPP: "whatsapp",
}


class Kind(StrEnum):
    QUESTION = "pertanyaan"
    COMPLAINT = "pengaduan"
    ASPIRATION = "aspirasi"
    APPRECIATION = "apresiasi"
    HOAX = "hoaks"

    def label(self, lang: str | None = None) -> str:
        return t(f"inbox.kind_{self.value}", lang=lang)


class EntryStatus(StrEnum):
    NEW = "baru"
    HANDLING = "ditangani"
    ANSWERED = "dijawab"
    DONE = "selesai"
    CLOSED = "ditutup"

    def label(self, lang: str | None = None) -> str:
        return t(f"inbox.status_{self.value}", lang=lang)


OPEN_STATES = (EntryStatus.NEW, EntryStatus.HANDLING, EntryStatus.ANSWERED)
#: not yet answered: these count towards "overdue" once past their due time
UNANSWERED_STATES = (EntryStatus.NEW, EntryStatus.HANDLING)
FINAL_STATES = (EntryStatus.DONE, EntryStatus.CLOSED)

#: every allowed status change; anything else is refused by the service
TRANSITIONS: dict[EntryStatus, tuple[EntryStatus, ...]] = {
    EntryStatus.NEW: (EntryStatus.HANDLING, EntryStatus.ANSWERED, EntryStatus.CLOSED),
    EntryStatus.HANDLING: (EntryStatus.ANSWERED, EntryStatus.CLOSED),
    EntryStatus.ANSWERED: (EntryStatus.DONE, EntryStatus.HANDLING, EntryStatus.CLOSED),
    EntryStatus.DONE: (),
    EntryStatus.CLOSED: (),
}


class RouteKind(StrEnum):
    KOMISI = "komisi"
    PPID = "ppid"
    UNIT = "unit"

    def label(self, lang: str | None = None) -> str:
        return t(f"inbox.route_{self.value}", lang=lang)


class ReplyStatus(StrEnum):
    DRAFT = "draf"
    APPROVED = "disetujui"
    SENT = "terkirim"

    def label(self, lang: str | None = None) -> str:
        return t(f"inbox.reply_{self.value}", lang=lang)


@dataclass
class Entry:
    channel: Channel
    text: str
    received_at: datetime
    kind: Kind = Kind.QUESTION
    sender: str = ""  # public handle ("@warga_padang") or name
    contact: str = ""  # phone or e-mail, only when needed to answer
    topic: str = ""
    post_id: int | None = None  # the post it answers, when known
    post_url: str = ""
    screenshot: str = ""  # sha256 in the media library
    status: EntryStatus = EntryStatus.NEW
    assignee: str = ""
    forwarded_to: str = ""
    forwarded_kind: str = ""
    forwarded_at: datetime | None = None
    due_at: datetime | None = None
    first_answer_at: datetime | None = None
    closed_at: datetime | None = None
    close_reason: str = ""
    response_minutes: int | None = None  # working minutes, received -> first answer
    closure_minutes: int | None = None  # working minutes, received -> closed
    erased_at: datetime | None = None  # personal data erased (retention)
    id: int | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def overdue(self, now: datetime) -> bool:
        return (
            self.status in UNANSWERED_STATES
            and self.first_answer_at is None
            and self.due_at is not None
            and self.due_at < now
        )


@dataclass
class Reply:
    entry_id: int
    body: str
    template_id: str = ""
    status: ReplyStatus = ReplyStatus.DRAFT
    blocking: int = 0
    warnings: int = 0
    findings: list[dict] = field(default_factory=list)
    checked_hash: str = ""  # sha256 of the body the findings belong to
    approved_by: str = ""
    approved_at: datetime | None = None
    sent_by: str = ""
    sent_at: datetime | None = None
    id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class RoutingStep:
    entry_id: int
    target: str
    kind: str
    at: datetime
    actor: str
    note: str = ""


@dataclass(frozen=True)
class InboxAudit:
    entry_id: int
    at: datetime
    actor: str
    action: str
    old_status: str | None
    new_status: str | None
    detail: dict


@dataclass(frozen=True)
class EntrySummary:
    """The columns a list shows (personal data masked by the caller)."""

    id: int
    received_at: datetime
    channel: Channel
    kind: Kind
    sender: str
    topic: str
    status: EntryStatus
    assignee: str
    forwarded_to: str
    due_at: datetime | None
    first_answer_at: datetime | None
    excerpt: str

    def overdue(self, now: datetime) -> bool:
        return (
            self.status in UNANSWERED_STATES
            and self.first_answer_at is None
            and self.due_at is not None
            and self.due_at < now
        )
