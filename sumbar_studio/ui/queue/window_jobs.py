"""Jobs the main window will own, done from the queue page for now: CSV import, settings and
the welcome screen. Each announces what it changed on the window's change channel
(ui/events.py) instead of refreshing pages itself.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from ..events import ORIGIN_IMPORT, ORIGIN_SETTINGS, ORIGIN_WELCOME


class WindowJobs(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page

    def open_import(self, path: str | None = None):
        from ..dialogs.import_csv import ImportDialog

        dialog = ImportDialog(self.page.workspace, self.page.actor, self.page)
        dialog.imported.connect(lambda ids: self.page.events.posts_changed(ids, ORIGIN_IMPORT))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.page._keep(dialog)
        dialog.open()
        if path:
            dialog.load(path)
        return dialog

    def open_settings(self):
        from ..settings import SettingsDialog

        window = self.page.main_window
        settings = window.settings if window is not None else None
        dialog = SettingsDialog(self.page.workspace, settings, self.page)
        dialog.saved.connect(self.page.events.settingsChanged)
        dialog.restored.connect(lambda: self.page.events.replaced(ORIGIN_SETTINGS))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.page._keep(dialog)
        dialog.open()
        return dialog

    def show_welcome(self):
        """The welcome screen; on a workspace that holds work it asks before anything is
        replaced (see dialogs/welcome.py)."""
        from ..dialogs.welcome import WelcomeDialog

        window = self.page.main_window
        dialog = WelcomeDialog(
            self.page.workspace,
            self.page,
            open_workspace=window.open_workspace if window is not None else None,
        )
        dialog.workspaceFilled.connect(lambda: self.page.events.replaced(ORIGIN_WELCOME))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.page._keep(dialog)
        dialog.open()
        return dialog
