"""Where the editor's crash-recovery journal (journal.py) lives. Apart from the journal so the
main window can ask at start-up whether the last session ended uncleanly without loading it."""

from __future__ import annotations

from pathlib import Path

from ...core.settings import AppSettings

FILE_NAME = "open-session.json"


def journal_dir() -> Path:
    return AppSettings.path().parent / "session"
