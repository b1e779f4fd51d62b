"""The checklist: PermenPAN-RB 83/2012 principles and ethics, Indonesian style, platform fit.

Public entry points: :func:`check_text` (fast, per keystroke) and :func:`check_post` (the whole
post, rolled up per checklist item); approval and attestation are in :mod:`.approval`.
"""

from .engine import ChecklistResult, ItemResult, ItemStatus, check_post, check_text
from .findings import Finding, Severity
from .items import ChecklistItem, ItemKind
from .rulesdata import load_rules

__all__ = [
    "ChecklistItem",
    "ChecklistResult",
    "Finding",
    "ItemKind",
    "ItemResult",
    "ItemStatus",
    "Severity",
    "check_post",
    "check_text",
    "load_rules",
]
