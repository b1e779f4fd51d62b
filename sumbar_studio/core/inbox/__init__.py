"""Kotak Masukan: the register of the public's questions, complaints and aspirations.

Qt-free: model (channels, kinds, statuses), config (the team's settings in team.json), clock
(working hours with Indonesian holidays and cuti bersama), guess (fast entry from a paste),
privacy (masking, redaction), replies (templates and the checklist), service (the use cases;
the tables are core/store/inbox.py, reached through the workspace's store), stats and report
(figures, the plan page and the monthly PDF's HTML).
"""

from __future__ import annotations

import importlib

# imported on first use (PEP 562): the window counts overdue entries through .store alone,
# without the service's guessing, privacy and reply-check modules
_EXPORTS = {
    "InboxSettings": ".config",
    "RoutingTarget": ".config",
    "load_inbox_settings": ".config",
    "save_inbox_settings": ".config",
    "Channel": ".model",
    "Entry": ".model",
    "EntryStatus": ".model",
    "Kind": ".model",
    "Reply": ".model",
    "ReplyStatus": ".model",
    "InboxService": ".service",
    "EntryQuery": "..store.inbox",
}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


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
