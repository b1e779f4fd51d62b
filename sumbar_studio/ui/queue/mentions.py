"""The filter row's "@ Disebut untuk saya (n)" (a team workspace): the posts whose comments
mention this desk's person. Apart from the comment thread (comments.py), which the queue builds
only when a post's thread is first needed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMenu, QToolButton

from ...core.errors import SumbarError
from ...core.i18n import t


class MentionsButton(QToolButton):
    """ "@ Disebut untuk saya (n)": the posts whose comments mention this desk's person, still at
    work (not published or archived); choosing one selects it with its thread open."""

    postChosen = Signal(int)

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.setObjectName("mentionsButton")
        self.workspace = workspace
        self.post_ids: list[int] = []
        self.setToolTip(t("live.mentions_hint"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setMenu(QMenu(self))
        self.setVisible(bool(workspace.is_team))
        self.setText(t("live.mentions_button", count=0))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.text()) + 34)

    def refresh(self) -> None:
        if not self.workspace.is_team:
            return
        from ...core.model import READ_ONLY_STATES

        repo = self.workspace.posts.repo
        try:
            ids = repo.mentioning()
            summaries = [s for s in repo.summaries(ids) if s.status not in READ_ONLY_STATES]
        except SumbarError:
            return
        self.post_ids = [s.id for s in summaries]
        self.setText(t("live.mentions_button", count=len(summaries)))
        bold = self.font()
        bold.setBold(bool(summaries))
        self.setFont(bold)
        # room for the menu arrow, which some styles draw over the text otherwise
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.text()) + 34)
        menu = self.menu()
        menu.clear()
        if not summaries:
            menu.addAction(t("live.mentions_none")).setEnabled(False)
        for s in summaries[:25]:
            label = t("live.mention_item", id=s.id, title=s.title, status=s.status.label())
            menu.addAction(label, lambda pid=s.id: self.postChosen.emit(pid))


__all__ = ["MentionsButton"]
