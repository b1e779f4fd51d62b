"""A post's comment thread (the queue panel's "Komentar" tab), with @mention of a colleague.

On a team workspace the thread is the server's ``comments`` of the post; a comment may mention
people by login (``@budi``), completed from the staff list as one types ``@``. Names are shown,
not logins. Requests for changes ("Minta perbaikan") appear in the thread too, with their reason,
read from the post's history -- so the officer finds the reason where the talk is, and a local
workspace (one officer, a local approver, no comment table) still shows it.
"""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.model import Action
from ...core.timeutil import format_wib_datetime
from .mentions import MentionsButton

#: an @mention: a login (lower-case letters, digits, dot, underscore, hyphen), not inside a word
MENTION = re.compile(r"(?<![\w.@])@([a-z0-9][a-z0-9._-]*)", re.IGNORECASE)
_COMPLETION = re.compile(r"\(@([^)\s]+)\)$")


def mentions_in(text: str) -> list[str]:
    """The logins ``text`` mentions, in order, once each (unknown ones too: the server says
    which one it does not know)."""
    found: list[str] = []
    for match in MENTION.finditer(text):
        login = match.group(1).rstrip(".-").lower()
        if login and login not in found:
            found.append(login)
    return found


class MentionEdit(QLineEdit):
    """A one-line comment box: typing ``@`` offers the team by name, choosing inserts the login."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.people: list[tuple[str, str]] = []
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setWidget(self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_.activated[str].connect(self.insert_completion)
        self.textEdited.connect(self._maybe_complete)

    def set_people(self, people: list[tuple[str, str]]) -> None:
        self.people = list(people)
        self._model.setStringList([f"{name} (@{login})" for login, name in self.people])

    def _typed_mention(self) -> re.Match | None:
        return re.search(r"(?<![\w.@])@([\w.-]*)$", self.text()[: self.cursorPosition()])

    def _maybe_complete(self, _text: str = "") -> None:
        typed = self._typed_mention()
        if typed is None or not self.people:
            self.completer_.popup().hide()
            return
        self.completer_.setCompletionPrefix(typed.group(1))
        if self.completer_.completionCount():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def insert_completion(self, choice: str) -> None:
        """``choice`` is a completer line "Name (@login)": the typed ``@…`` becomes ``@login``."""
        found = _COMPLETION.search(choice)
        typed = self._typed_mention()
        if found is None or typed is None:
            return
        cursor = self.cursorPosition()
        start = typed.start()
        text = self.text()
        inserted = f"@{found.group(1)} "
        self.setText(text[:start] + inserted + text[cursor:])
        self.setCursorPosition(start + len(inserted))


class CommentThread(QWidget):
    """The thread of one post; ``countChanged`` when the number of its comments changes."""

    countChanged = Signal(int)

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.setObjectName("commentThread")
        self.workspace = workspace
        self.post_id: int | None = None
        self.entries: list[dict] = []
        self._names: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.view = QTextBrowser(self)
        self.view.setObjectName("commentView")
        self.view.setOpenExternalLinks(False)
        layout.addWidget(self.view, 1)
        self.note = QLabel(t("live.comments_local"), self)
        self.note.setObjectName("commentsLocalNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5f6b7a;")
        layout.addWidget(self.note)
        row = QHBoxLayout()
        self.input = MentionEdit(self)
        self.input.setObjectName("commentInput")
        self.input.setPlaceholderText(t("live.comment_placeholder"))
        self.input.setAccessibleName(t("live.comment_placeholder"))
        self.input.returnPressed.connect(self._return_pressed)
        self.send_button = QPushButton(t("live.comment_send"), self)
        self.send_button.setObjectName("commentSend")
        self.send_button.clicked.connect(self.send)
        self.send_button.setEnabled(False)
        self.input.textChanged.connect(
            lambda text: self.send_button.setEnabled(
                self.post_id is not None and bool(text.strip())
            )
        )
        row.addWidget(self.input, 1)
        row.addWidget(self.send_button)
        layout.addLayout(row)
        self.error = QLabel(self)
        self.error.setObjectName("commentError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b01e23;")
        self.error.hide()
        layout.addWidget(self.error)
        team = bool(workspace.is_team)
        self.note.setVisible(not team)
        self.input.setVisible(team)
        self.send_button.setVisible(team)
        if team:
            self.load_people()

    @property
    def team(self) -> bool:
        return bool(self.workspace.is_team)

    def load_people(self) -> None:
        try:
            people = self.workspace.posts.repo.people()
        except SumbarError:
            people = []
        self._names = dict(people)
        self.input.set_people(people)

    # -- reading ----------------------------------------------------------------------------
    def set_post(self, post_id: int | None, history=None) -> None:
        """Show ``post_id``'s thread (``history``: its audit entries, when already read)."""
        if post_id != self.post_id:
            self.input.clear()
            self.error.hide()
        self.post_id = post_id
        self.reload(history)

    def reload(self, history=None) -> None:
        self.entries = self._read(history) if self.post_id is not None else []
        self._render()
        self.countChanged.emit(len(self.entries))

    def _read(self, history=None) -> list[dict]:
        assert self.post_id is not None
        entries: list[dict] = []
        try:
            if history is None:
                history = self.workspace.posts.history(self.post_id)
            for entry in history:
                reason = (entry.detail or {}).get("comment", "")
                if entry.action == Action.REQUEST_CHANGES.value and reason:
                    entries.append(
                        {
                            "at": entry.at,
                            "person": entry.actor,
                            "body": t("live.request_changes_entry", reason=reason),
                            "mentions": [],
                            "request": True,
                        }
                    )
            if self.team:
                for c in self.workspace.posts.repo.comments(self.post_id):
                    entries.append({**c, "at": c["created_at"], "request": False})
        except SumbarError:
            return []
        entries.sort(key=lambda e: e["at"])
        return entries

    def _render(self) -> None:
        if not self.entries:
            self.view.setHtml(f"<p style='color:#5f6b7a'>{escape(t('live.comments_empty'))}</p>")
            return
        parts = []
        for e in self.entries:
            when = format_wib_datetime(e["at"]) if e["at"] else ""
            body = escape(e["body"])
            body = MENTION.sub(
                lambda m: f"<b>@{escape(self._names.get(m.group(1).lower(), m.group(1)))}</b>",
                body,
            )
            color = "#8e1b1b" if e["request"] else "#1f2933"
            parts.append(
                f"<p style='margin:0 0 8px 0'><b>{escape(e['person'])}</b>"
                f" <span style='color:#5f6b7a'>· {escape(when)}</span><br>"
                f"<span style='color:{color}'>{body}</span></p>"
            )
        self.view.setHtml("".join(parts))

    def plain_text(self) -> str:
        return self.view.toPlainText()

    # -- writing ----------------------------------------------------------------------------
    def _return_pressed(self) -> None:
        if not self.input.completer_.popup().isVisible():
            self.send()

    def send(self) -> bool:
        body = self.input.text().strip()
        if self.post_id is None or not body or not self.team:
            return False
        mentions = mentions_in(body)
        try:
            self.workspace.posts.repo.add_comment(self.post_id, body, mentions)
        except SumbarError as err:
            self.error.setText(err.user_message())
            self.error.show()
            return False
        self.error.hide()
        self.input.clear()
        self.reload()
        return True


__all__ = ["CommentThread", "MentionEdit", "MentionsButton", "mentions_in"]
