"""The seam between the main window and its pages (compose, queue, Kotak Masukan).

``Page`` is what the window asks of every page; ``PageHost`` is what a page may ask of the
window it lives in. Both are ``typing.Protocol``s, so the pages never import the window (an
import contract keeps it so) and the window never needs to guess with ``getattr`` what a page
offers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QMenu, QTabWidget

    from ..core.settings import AppSettings
    from .events import WorkspaceEvents
    from .live import LiveFeed


@runtime_checkable
class Page(Protocol):
    """A page of the main window."""

    def docks(self) -> list[QDockWidget]:
        """The page's dock widgets: the window shows them only while the page is current."""
        ...

    def flush(self) -> None:
        """Write anything pending now: the window is closing."""
        ...

    def stop_background(self) -> None:
        """Another workspace took the window's place: stop the page's timers, tray icon and
        other work that would go on for the old workspace."""
        ...


class PageHost(Protocol):
    """What a page may use of the main window."""

    settings: AppSettings
    events: WorkspaceEvents
    live: LiveFeed | None  # a team workspace's change feed (ui/live.py); None when local
    tabs: QTabWidget
    file_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    post_menu: QMenu
    help_menu: QMenu

    @property
    def compose(self) -> Any:
        """The compose page (built on first use)."""
        ...

    def addAction(self, action: QAction) -> None: ...  # noqa: N802 - Qt's name

    def new_post(self) -> None: ...

    def open_post(self, post_id: int) -> None: ...

    def show_post_status(self, text: str) -> None: ...

    def open_settings(self) -> Any:
        """Pengaturan (the settings dialog), opened and returned."""
        ...

    def open_workspace(self, path: str | Path) -> Any: ...
