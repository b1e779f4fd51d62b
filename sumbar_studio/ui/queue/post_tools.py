"""Daily tools of the queue: a new post, duplicate a post, delete a draft.

A helper that takes the page (the way Vorta peels concerns off a big tab). Deleting asks
first and takes a backup; only drafts can be deleted — anything that went further stays on
record and is archived instead.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.model import Status


class PostTools(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page

    def request_new_post(self) -> None:
        """ "Unggahan baru": the window opens an empty post in the editor."""
        if self.page.main_window is not None:
            self.page.main_window.new_post()

    def duplicate_post(self, post_id: int):
        """A copy of the post as a new unscheduled draft, selected and announced."""
        copy = self.page.controller.duplicate(post_id)
        if copy is not None:
            self.page.select_post(copy.id)
            self.page.status_label.setText(t("window.duplicated", title=copy.title))
        return copy

    def delete_draft(self, post_id: int):
        """Delete a draft after asking; a backup is taken first. Other states are archived,
        not deleted (the question says so). Returns the question box."""
        from PySide6.QtWidgets import QMessageBox

        from ..ask import ask

        try:
            post = self.page.workspace.posts.get(post_id)
        except SumbarError as err:
            self.page.show_error(err.user_message())
            return None
        if post.status != Status.DRAFT:
            self.page.show_error(t("window.delete_only_drafts", status=post.status.label()))
            return None
        self.page.last_question = ask(
            self.page,
            "deleteDraftQuestion",
            t("window.delete_title"),
            t("window.delete_text", title=post.title),
            [
                (
                    "delete",
                    t("window.delete_confirm"),
                    "destructive",
                    lambda: self._delete_confirmed(post_id),
                ),
                ("cancel", t("window.cancel"), "reject", None),
            ],
            informative=t("window.delete_backup_hint"),
            default="cancel",
            icon=QMessageBox.Icon.Warning,
        )
        return self.page.last_question

    def _delete_confirmed(self, post_id: int) -> None:
        backup = self.page.controller.delete_draft(post_id)
        if backup is not None:
            self.page.status_label.setText(t("window.deleted", path=str(backup)))

    def duplicate_selected(self) -> None:
        post_id = self.menu_post_id()
        if post_id is not None:
            self.duplicate_post(post_id)

    def delete_selected(self) -> None:
        post_id = self.menu_post_id()
        if post_id is not None:
            self.delete_draft(post_id)

    def menu_post_id(self) -> int | None:
        """The post a Unggahan-menu action means: the one in the editor while it is shown,
        else the one selected in the queue."""
        window = self.page.main_window
        if window is not None and window.tabs.currentWidget() is window.compose:
            post_id = window.compose.post_id
        else:
            post_id = self.page.selected_post_id()
        if post_id is None:
            self.page.show_error(t("queue.nothing_selected"))
        return post_id
