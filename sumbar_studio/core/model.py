"""The domain model: posts, their platform variants, media, card specs and the status workflow.

Plain dataclasses with no I/O. Persistence is the store's job (core/store), business rules
that need the store (audit, concurrency) are in core/services.py.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from .errors import TransitionRefused
from .i18n import t


class Status(StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    ARCHIVED = "archived"

    def label(self, lang: str | None = None) -> str:
        return t(f"model.status_{self.value}", lang=lang)


class Action(StrEnum):
    """Named workflow actions; each is one allowed edge of the status graph."""

    SUBMIT = "submit"  # draft -> review
    REQUEST_CHANGES = "request_changes"  # review -> draft ("changes requested")
    APPROVE = "approve"  # review -> approved
    SCHEDULE = "schedule"  # approved -> scheduled
    UNSCHEDULE = "unschedule"  # scheduled -> approved
    PUBLISH = "publish"  # scheduled -> published
    ARCHIVE = "archive"  # draft | published -> archived
    RESTORE = "restore"  # archived -> draft
    REOPEN = "reopen"  # approved | scheduled -> review (an edit after approval)

    def label(self, lang: str | None = None) -> str:
        return t(f"model.action_{self.value}", lang=lang)


#: Every allowed (from, action) -> to edge. Anything else is refused.
TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.DRAFT, Action.SUBMIT): Status.REVIEW,
    (Status.REVIEW, Action.REQUEST_CHANGES): Status.DRAFT,
    (Status.REVIEW, Action.APPROVE): Status.APPROVED,
    (Status.APPROVED, Action.SCHEDULE): Status.SCHEDULED,
    (Status.SCHEDULED, Action.UNSCHEDULE): Status.APPROVED,
    (Status.SCHEDULED, Action.PUBLISH): Status.PUBLISHED,
    (Status.DRAFT, Action.ARCHIVE): Status.ARCHIVED,
    (Status.PUBLISHED, Action.ARCHIVE): Status.ARCHIVED,
    (Status.ARCHIVED, Action.RESTORE): Status.DRAFT,
    (Status.APPROVED, Action.REOPEN): Status.REVIEW,
    (Status.SCHEDULED, Action.REOPEN): Status.REVIEW,
}

#: Statuses whose content was vouched for: editing them sends the post back to review.
APPROVED_STATES = frozenset({Status.APPROVED, Status.SCHEDULED})

#: Statuses whose content is the public record: it can no longer be edited.
READ_ONLY_STATES = frozenset({Status.PUBLISHED, Status.ARCHIVED})


def next_status(current: Status, action: Action) -> Status:
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise TransitionRefused(
            "model.transition_refused", action=action.label(), status=current.label()
        ) from None


def allowed_actions(current: Status) -> list[Action]:
    return [a for (s, a) in TRANSITIONS if s == current]


def action_between(current: Status, target: Status) -> Action:
    """The action that moves ``current`` to ``target`` (for ``set-status`` by target name)."""
    for (s, a), to in TRANSITIONS.items():
        if s == current and to == target:
            return a
    raise TransitionRefused("model.status_change_refused", old=current.label(), new=target.label())


@dataclass
class Media:
    """An image in the workspace media library, referenced by content hash."""

    sha256: str
    filename: str  # original file name, for display only
    alt_text: str = ""
    focal_x: float = 0.5  # 0..1 from the left
    focal_y: float = 0.5  # 0..1 from the top
    width: int = 0
    height: int = 0
    credit: str = ""


@dataclass
class CardSpec:
    """Which card template, with which field values, in which formats."""

    template_id: str = ""
    fields: dict[str, object] = field(default_factory=dict)
    formats: list[str] = field(default_factory=list)


@dataclass
class Approval:
    approver: str
    nip: str
    role: str
    at: datetime
    content_hash: str
    override_reason: str = ""


@dataclass
class Attestation:
    item: str
    officer: str
    at: datetime


@dataclass
class Post:
    title: str
    caption: str = ""
    platforms: list[str] = field(default_factory=list)
    #: Per-platform overrides. A platform absent here follows the master caption.
    variants: dict[str, str] = field(default_factory=dict)
    hashtags: list[str] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)
    card: CardSpec = field(default_factory=CardSpec)
    event_date: date | None = None
    place: str = ""
    source: str = ""
    photo_credit: str = ""
    assignee: str = ""
    scheduled_at: datetime | None = None  # aware UTC
    status: Status = Status.DRAFT
    approval: Approval | None = None
    attestations: dict[str, Attestation] = field(default_factory=dict)
    published_urls: dict[str, str] = field(default_factory=dict)
    id: int | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None

    # -- captions ---------------------------------------------------------------------------
    def caption_for(self, platform: str) -> str:
        """The text for ``platform``: its override, or the master caption."""
        return self.variants.get(platform, self.caption)

    def is_overridden(self, platform: str) -> bool:
        return platform in self.variants

    def override(self, platform: str, text: str) -> None:
        self.variants[platform] = text

    def follow_master(self, platform: str) -> None:
        """ "Kembalikan ke teks utama": drop the platform's override."""
        self.variants.pop(platform, None)

    def hashtag_line(self, limit: int | None = None) -> str:
        tags = [h if h.startswith("#") else f"#{h}" for h in self.hashtags if h.strip("#")]
        if limit is not None:
            tags = tags[:limit]
        return " ".join(tags)

    def full_caption(self, platform: str, hashtag_limit: int | None = None) -> str:
        """The caption exactly as it will be pasted: text, then hashtags not already in it."""
        text = self.caption_for(platform).rstrip()
        present = {w.lower() for w in text.split() if w.startswith("#")}
        tags = [h for h in self.hashtag_line(hashtag_limit).split() if h.lower() not in present]
        if hashtag_limit == 0:
            tags = []
        return f"{text}\n\n{' '.join(tags)}" if tags and text else (text or " ".join(tags))

    # -- approval ---------------------------------------------------------------------------
    def content_hash(self) -> str:
        """SHA-256 of exactly what an approver vouches for, which is exactly what an export
        carries: the texts (title, master caption, every platform's override, hashtags), the
        platforms, the card (template, every field as entered, formats), every post field a
        card or caption template resolves when a card field is left empty (place, event date,
        source, photo credit), and the media by content hash with alt text, focal point and
        credit. The schedule, the assignee and the workflow state are not content."""
        payload = {
            "v": 2,
            "title": self.title,
            "caption": self.caption,
            "variants": dict(sorted(self.variants.items())),
            "platforms": sorted(self.platforms),
            "hashtags": self.hashtags,
            "card": asdict(self.card),
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "place": self.place,
            "source": self.source,
            "photo_credit": self.photo_credit,
            "media": [
                [m.sha256, m.alt_text, round(m.focal_x, 4), round(m.focal_y, 4), m.credit]
                for m in self.media
            ],
        }
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
        import hashlib  # OpenSSL loads with the first hash, not at start-up

        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def legacy_content_hash(self) -> str:
        """The hash approvals carried before schema 3 (texts, card and media only); kept so
        the schema-3 migration can tell which old approvals still match their post."""
        payload = {
            "title": self.title,
            "caption": self.caption,
            "variants": dict(sorted(self.variants.items())),
            "platforms": sorted(self.platforms),
            "hashtags": self.hashtags,
            "card": asdict(self.card),
            "media": [
                [m.sha256, m.alt_text, round(m.focal_x, 4), round(m.focal_y, 4)] for m in self.media
            ],
        }
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
        import hashlib  # OpenSSL loads with the first hash, not at start-up

        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def approval_valid(self) -> bool:
        return self.approval is not None and self.approval.content_hash == self.content_hash()

    def copy(self) -> Post:
        return replace(
            self,
            platforms=list(self.platforms),
            variants=dict(self.variants),
            hashtags=list(self.hashtags),
            media=[replace(m) for m in self.media],
            card=CardSpec(self.card.template_id, dict(self.card.fields), list(self.card.formats)),
            attestations=dict(self.attestations),
            published_urls=dict(self.published_urls),
        )


@dataclass(frozen=True)
class AuditEntry:
    id: int
    post_id: int
    at: datetime
    actor: str
    action: str
    old_status: str | None
    new_status: str | None
    detail: dict


def post_to_dict(post: Post) -> dict:
    """JSON-ready form of a post (CLI ``--json``, manifests). Times as ISO 8601 with offset:
    ``scheduled_at`` in UTC and ``scheduled_wib`` in WIB (+07:00)."""
    from .timeutil import to_wib

    data = asdict(post)
    data["status"] = str(post.status)
    for key in ("scheduled_at", "created_at", "updated_at"):
        value = getattr(post, key)
        data[key] = value.isoformat() if value else None
    data["scheduled_wib"] = to_wib(post.scheduled_at).isoformat() if post.scheduled_at else None
    data["event_date"] = post.event_date.isoformat() if post.event_date else None
    if post.approval:
        data["approval"]["at"] = post.approval.at.isoformat()
    data["attestations"] = {
        k: {"officer": a.officer, "at": a.at.isoformat()} for k, a in post.attestations.items()
    }
    data["approval_valid"] = post.approval_valid()
    return data
