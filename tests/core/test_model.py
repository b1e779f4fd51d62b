"""Status workflow and post content rules."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest

from sumbar_studio.core.errors import TransitionRefused
from sumbar_studio.core.model import (
    TRANSITIONS,
    Action,
    CardSpec,
    Media,
    Post,
    Status,
    action_between,
    allowed_actions,
    next_status,
)

EXPECTED = {
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


def test_transition_table_is_exactly_the_documented_workflow():
    assert TRANSITIONS == EXPECTED


@pytest.mark.parametrize(("status", "action"), list(itertools.product(Status, Action)))
def test_every_status_action_pair(status, action):
    if (status, action) in EXPECTED:
        assert next_status(status, action) == EXPECTED[(status, action)]
    else:
        with pytest.raises(TransitionRefused) as err:
            next_status(status, action)
        assert "tidak bisa" in str(err.value)  # an Indonesian sentence, not a key


def test_action_between_finds_edges_and_refuses_jumps():
    assert action_between(Status.DRAFT, Status.REVIEW) == Action.SUBMIT
    assert action_between(Status.SCHEDULED, Status.PUBLISHED) == Action.PUBLISH
    with pytest.raises(TransitionRefused):
        action_between(Status.DRAFT, Status.PUBLISHED)
    assert set(allowed_actions(Status.REVIEW)) == {Action.APPROVE, Action.REQUEST_CHANGES}


def test_variant_follows_master_until_overridden():
    post = Post(title="Reses", caption="Teks utama", platforms=["instagram", "x"])
    assert post.caption_for("x") == "Teks utama"
    post.override("x", "Teks pendek untuk X")
    post.caption = "Teks utama baru"
    assert post.caption_for("x") == "Teks pendek untuk X"
    assert post.caption_for("instagram") == "Teks utama baru"
    post.follow_master("x")
    assert post.caption_for("x") == "Teks utama baru"


def test_full_caption_appends_missing_hashtags_within_limit():
    post = Post(
        title="t",
        caption="Rapat paripurna #DPRDSumbar",
        hashtags=["#DPRDSumbar", "Sumbar", "#Reses"],
    )
    assert post.full_caption("instagram") == "Rapat paripurna #DPRDSumbar\n\n#Sumbar #Reses"
    assert post.full_caption("x", hashtag_limit=2) == "Rapat paripurna #DPRDSumbar\n\n#Sumbar"
    assert post.full_caption("whatsapp", hashtag_limit=0) == "Rapat paripurna #DPRDSumbar"


def test_content_hash_covers_texts_card_fields_resolved_and_media_but_not_schedule():
    post = Post(
        title="t",
        caption="a",
        card=CardSpec("berita", {"title": "x"}, ["4x5"]),
        media=[Media("ab" * 32, "f.jpg", alt_text="alt")],
    )
    base = post.content_hash()
    for change in (
        lambda p: setattr(p, "caption", "b"),
        lambda p: p.override("x", "c"),
        lambda p: p.card.fields.update(title="y"),
        lambda p: setattr(p.media[0], "alt_text", "lain"),
        lambda p: setattr(p.media[0], "focal_x", 0.2),
        lambda p: p.hashtags.append("#baru"),
        # what a card resolves from the post when its own field is empty (#15 item 7)
        lambda p: setattr(p, "place", "Bukittinggi"),
        lambda p: setattr(p, "event_date", date(2026, 12, 8)),
        lambda p: setattr(p, "source", "Humas"),
        lambda p: setattr(p, "photo_credit", "Humas/Rina"),
        lambda p: setattr(p.media[0], "credit", "Rina"),
        lambda p: p.card.formats.append("1x1"),
        lambda p: p.platforms.append("x"),
    ):
        changed = post.copy()
        change(changed)
        assert changed.content_hash() != base
    moved = post.copy()
    moved.assignee = "Rina"
    moved.scheduled_at = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)
    assert moved.content_hash() == base
