"""Kotak Masukan: the register of the public's questions, complaints and aspirations.

Qt-free: model (channels, kinds, statuses), config (the team's settings in team.json), clock
(working hours with Indonesian holidays and cuti bersama), guess (fast entry from a paste),
privacy (masking, redaction), replies (templates and the checklist), service (the use cases;
the tables are core/store/inbox.py, reached through the workspace's store), stats and report
(figures, the plan page and the monthly PDF's HTML).
"""

from __future__ import annotations

from ..store.inbox import EntryQuery
from .config import InboxSettings, RoutingTarget, load_inbox_settings, save_inbox_settings
from .model import Channel, Entry, EntryStatus, Kind, Reply, ReplyStatus
from .service import InboxService

__all__ = [
    "Channel",
    "Entry",
    "EntryQuery",
    "EntryStatus",
    "InboxService",
    "InboxSettings",
    "Kind",
    "Reply",
    "ReplyStatus",
    "RoutingTarget",
    "load_inbox_settings",
    "save_inbox_settings",
]
