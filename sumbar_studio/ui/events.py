"""One change channel for the whole window (the Anki pattern, see docs/architecture.md).

Every writer announces what it changed; every page listens and redraws what it shows, so no
list is loaded once and trusted forever. The main window owns one :class:`WorkspaceEvents`;
a page built without a window (tests) makes its own.

- ``postsChanged(ids, origin)``: posts were added, edited, moved, approved, deleted…
  ``ids`` lists them (``[]``: anything may have changed); ``origin`` names the writer
  (``"compose"``, ``"queue"``, ``"import"``…), so a page can skip what it did itself.
- ``settingsChanged()``: the team settings (people, brand, rules) or the user's settings.
- ``workspaceReplaced()``: the whole workspace content changed (welcome demo, restore).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

ORIGIN_COMPOSE = "compose"
ORIGIN_QUEUE = "queue"
ORIGIN_IMPORT = "import"
ORIGIN_RESTORE = "restore"
ORIGIN_WELCOME = "welcome"
ORIGIN_SETTINGS = "settings"
ORIGIN_REMOTE = "remote"  # another desk, announced by the team server (ui/live.py)


class WorkspaceEvents(QObject):
    postsChanged = Signal(list, str)  # post ids ([] = any), origin
    settingsChanged = Signal()
    workspaceReplaced = Signal()

    def posts_changed(self, ids, origin: str) -> None:
        self.postsChanged.emit([int(i) for i in ids if i is not None], origin)

    def replaced(self, origin: str = ORIGIN_RESTORE) -> None:
        """The workspace's whole content changed: posts and settings."""
        self.workspaceReplaced.emit()
        self.settingsChanged.emit()
        self.postsChanged.emit([], origin)


def events_of(main_window, fallback_parent) -> WorkspaceEvents:
    """The window's channel, or a private one for a page built on its own."""
    if main_window is not None:
        return main_window.events
    return WorkspaceEvents(fallback_parent)
