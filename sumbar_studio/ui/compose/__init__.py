"""Compose page: post editor, live card preview, checklist dock (issue 6)."""

from .page import ComposePage, Timings

__all__ = ["ComposePage", "Timings"]
