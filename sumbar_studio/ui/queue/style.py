"""Colours of the queue views (status colours follow the marawa palette where they can)."""

from __future__ import annotations

from ...core.model import Status

STATUS_COLORS = {
    Status.DRAFT: "#8a8f98",
    Status.REVIEW: "#e0a526",
    Status.APPROVED: "#2e7d5b",
    Status.SCHEDULED: "#2563a8",
    Status.PUBLISHED: "#262626",  # marawa black: done; red stays reserved for problems
    Status.ARCHIVED: "#5e6166",
}


def status_color(status: Status) -> str:
    return STATUS_COLORS.get(status, "#8a8f98")
