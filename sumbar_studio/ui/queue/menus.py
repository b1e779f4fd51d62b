"""The queue page's actions and where they go: shortcuts inside the page, and, when the page
lives in the main window, the window's Edit, File, Post, View and Help menus (the window is
reached through ui/pages.py's PageHost)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from ...core.i18n import t


class QueueMenus(QObject):
    """Builds the page's actions (kept as attributes of the page: ``page.find_action``, ...)."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        #: undo/redo in the window's Edit menu: shown only while the queue page is current
        self.menu_undo: list[QAction] = []

    def install(self) -> None:
        page = self.page
        page.undo_action = page.undo_stack.createUndoAction(page, t("queue.undo"))
        page.undo_action.setObjectName("queueUndo")
        page.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        page.redo_action = page.undo_stack.createRedoAction(page, t("queue.redo"))
        page.redo_action.setObjectName("queueRedo")
        page.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (page.undo_action, page.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            page.addAction(action)

        def make(text: str, slot, shortcut=None, name="") -> QAction:
            action = QAction(text, page)
            action.setObjectName(name)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                page.addAction(action)
            action.triggered.connect(slot)
            return action

        page.view_actions = [
            make(t("queue.view_list"), lambda: page.set_view("list"), "Alt+1", "showList"),
            make(t("queue.view_week"), lambda: page.set_view("week"), "Alt+2", "showWeek"),
            make(t("queue.view_month"), lambda: page.set_view("month"), "Alt+3", "showMonth"),
        ]
        page.find_action = make(t("queue.find"), self.focus_search, None, "queueFind")
        page.find_action.setShortcut(QKeySequence.StandardKey.Find)
        page.import_action = make(
            t("queue.import_csv_menu"), lambda: page.open_import(), None, "importCsv"
        )
        page.print_action = make(
            t("queue.print_plan_menu"), lambda: page.print_plan(), None, "printPlan"
        )
        page.print_action.setShortcut(QKeySequence("Ctrl+P"))
        page.save_plan_menu = make(
            t("window.plan_save_pdf_menu"), lambda: page.save_plan_pdf(), None, "savePlanPdf"
        )
        page.new_action = make(
            t("window.new_post"), page.tools.request_new_post, None, "queueNewPost"
        )
        page.duplicate_action = make(
            t("window.duplicate_post"), page.tools.duplicate_selected, None, "duplicatePost"
        )
        page.delete_action = make(
            t("window.delete_draft"), page.tools.delete_selected, None, "deleteDraft"
        )
        page.export_week_menu = make(
            t("queue.export_week_menu"), page.export_week, None, "exportWeek"
        )
        page.settings_action = make(
            t("queue.settings_menu"), lambda: page.open_settings(), None, "openSettings"
        )
        page.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        page.welcome_action = make(
            t("queue.welcome_menu"), lambda: page.show_welcome(), None, "showWelcome"
        )
        window = page.main_window
        if window is None:
            # a page on its own: the shortcuts work inside it
            for action in (page.find_action, page.print_action):
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                page.addAction(action)
            return
        # Ctrl+F and Ctrl+P work anywhere in the window, not only while the table has focus
        for action in (page.find_action, page.print_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
        self.menu_undo = [page.undo_action, page.redo_action]
        window.edit_menu.addActions(self.menu_undo)
        window.edit_menu.addSeparator()
        window.edit_menu.addAction(page.find_action)
        window.edit_menu.addAction(page.settings_action)
        file_menu = window.file_menu
        first = file_menu.actions()[-1] if file_menu.actions() else None
        for action in (
            page.import_action,
            page.export_week_menu,
            page.print_action,
            page.save_plan_menu,
        ):
            file_menu.insertAction(first, action) if first else file_menu.addAction(action)
        window.post_menu.addSeparator()
        window.post_menu.addActions([page.duplicate_action, page.delete_action])
        window.view_menu.addActions(page.view_actions)
        window.help_menu.addAction(page.welcome_action)
        window.tabs.currentChanged.connect(self.page_changed)

    def page_changed(self, _index: int) -> None:
        page = self.page
        visible = page.main_window is None or page.main_window.tabs.currentWidget() is page
        for action in self.menu_undo:
            action.setVisible(visible)

    def focus_search(self) -> None:
        page = self.page
        if page.main_window is not None and page.main_window.tabs.currentWidget() is not page:
            page.main_window.tabs.setCurrentWidget(page)
        page.search.setFocus()
        page.search.selectAll()
