"""The checklist: PermenPAN-RB 83/2012 principles and ethics, Indonesian style, platform fit.

Public entry points: :func:`check_text` (fast, per keystroke) and :func:`check_post` (the whole
post, rolled up per checklist item). A pure rule engine: approval and attestation (a use case
over posts and cards) are in :mod:`sumbar_studio.core.approval`.

The names below are imported on first use (PEP 562), so importing a light submodule such as
``checks.findings`` does not load the rules engine and its regexes.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "ChecklistResult": ".engine",
    "ItemResult": ".engine",
    "ItemStatus": ".engine",
    "check_post": ".engine",
    "check_text": ".engine",
    "Finding": ".findings",
    "Severity": ".findings",
    "ChecklistItem": ".items",
    "ItemKind": ".items",
    "load_rules": ".rulesdata",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
