"""The Kotak Masukan page (public input register) over core/inbox."""

from __future__ import annotations

from .page import InboxPage

__all__ = ["InboxPage"]
