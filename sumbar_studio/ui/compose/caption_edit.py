"""A caption editor that shows checklist findings inline.

Findings are wavy underlines (ExtraSelections: red for blocking, amber for warnings, blue for
hints); hovering shows the Indonesian explanation; the context menu offers "Ganti dengan ..."
for each suggestion. Findings carry Python string offsets; the text document counts UTF-16
code units, so offsets are converted (an emoji before a finding would otherwise shift it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from ...core.i18n import t
from ...core.text.cleaning import BOM
from ..widgets import StackPlainTextEdit
from ..widgets.inputs import stack_context_menu
from . import backend

SEVERITY_COLORS = {
    "blocking": QColor("#d32f2f"),
    "warning": QColor("#e69500"),
    "info": QColor("#1e88e5"),
}


def utf16_offsets(text: str) -> list[int]:
    """Python index -> UTF-16 position, for every index 0..len(text)."""
    out = [0] * (len(text) + 1)
    pos = 0
    for i, ch in enumerate(text):
        out[i] = pos
        pos += 2 if ord(ch) > 0xFFFF else 1
    out[len(text)] = pos
    return out


class CaptionEdit(StackPlainTextEdit):
    #: (python start, python end, replacement) against the text the findings were made for
    replaceRequested = Signal(int, int, str)
    #: a word of a spelling finding the officer wants in the team dictionary
    addWordRequested = Signal(str)
    #: rules whose findings offer "Tambahkan ke kamus tim"
    SPELLING_RULES = frozenset({"bahasa.ejaan", "bahasa.nama"})

    def __init__(self, parent: QWidget | None = None, undo_stack=None):
        super().__init__(parent, undo_stack)
        self.findings: list = []
        self._findings_text = ""
        self._spans: list[tuple[int, int, object]] = []  # UTF-16 spans of shown findings
        self.setMouseTracking(True)
        self.setTabChangesFocus(True)
        self.offers_team_dictionary = False  # set by the owner that handles addWordRequested

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt API
        """Paste without a byte order mark: some editors put one before copied text, and it
        would be pasted into the platform (and shift every column of line 1)."""
        text = source.text() if source.hasText() else ""
        if BOM in text:
            self.insertPlainText(text.replace(BOM, ""))
            return
        super().insertFromMimeData(source)

    # -- findings ---------------------------------------------------------------------------
    def set_findings(self, findings: list, text: str) -> None:
        """Show ``findings`` computed for ``text`` (ignored if the text changed since)."""
        if text != self.toPlainText():
            return
        self._findings_text = text
        self.findings = [
            f
            for f in findings
            if getattr(f, "start", None) is not None
            and getattr(f, "end", None) is not None
            and 0 <= f.start <= f.end <= len(text)
        ]
        offsets = utf16_offsets(text)
        selections = []
        self._spans = []
        for f in sorted(self.findings, key=lambda f: backend.severity_of(f) == "blocking"):
            start, end = offsets[f.start], offsets[f.end]
            if end == start:  # a point finding: mark one character
                end = min(start + 1, offsets[-1])
            self._spans.append((start, end, f))
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(SEVERITY_COLORS.get(backend.severity_of(f), QColor("#1e88e5")))
            fmt.setToolTip(self._tooltip(f))
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self.setExtraSelections(selections)

    def finding_at(self, position: int):
        """The most severe finding covering a UTF-16 document position."""
        hits = [f for s, e, f in self._spans if s <= position < e or (s == e == position)]
        if not hits:
            return None
        rank = {"blocking": 0, "warning": 1, "info": 2}
        return min(hits, key=lambda f: rank.get(backend.severity_of(f), 3))

    def _tooltip(self, finding) -> str:
        message = getattr(finding, "message", "") or ""
        platform = getattr(finding, "platform", "") or ""
        if platform:
            name = backend.platform_names().get(platform, platform)
            message = f"{name}: {message}"
        severity = backend.severity_of(finding)
        label = t(f"compose.severity_{severity}") if severity else ""
        return f"<b>{label}</b><br>{message}" if label else message

    # -- tooltip and context menu -----------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cursor = self.cursorForPosition(self.viewport().mapFrom(self, event.pos()))
            finding = self.finding_at(cursor.position())
            if finding is not None:
                QToolTip.showText(event.globalPos(), self._tooltip(finding), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def suggestion_actions(self, position: int, parent) -> list[QAction]:
        """ "Ganti dengan ..." actions (owned by ``parent``) for the finding at ``position``."""
        finding = self.finding_at(position)
        if finding is None:
            return []
        actions = []
        for text in backend.finding_suggestions(finding)[:5]:
            label = t("compose.replace_with", text=text) if text else t("compose.remove_text")
            action = QAction(label, parent)
            action.setData(text)
            action.triggered.connect(lambda _=False, f=finding, s=text: self.apply_suggestion(f, s))
            actions.append(action)
        if self.offers_team_dictionary and getattr(finding, "rule", "") in self.SPELLING_RULES:
            word = str(
                getattr(finding, "params", {}).get("word")
                or self._findings_text[finding.start : finding.end]
            )
            action = QAction(t("ejaan.kamus_tambah"), parent)
            action.setObjectName("addToTeamDictionary")
            action.setData(word)
            action.triggered.connect(lambda _=False, w=word: self.addWordRequested.emit(w))
            actions.append(action)
        return actions

    def apply_suggestion(self, finding, text: str) -> None:
        if self.toPlainText() != self._findings_text:
            return  # the text moved on since the check; the next check offers it again
        self.replaceRequested.emit(finding.start, finding.end, text)

    def build_context_menu(self, pos: QPoint) -> QMenu:
        # Undo/Redo do the editor's shared stack, not the document's own history
        menu = stack_context_menu(self.createStandardContextMenu(pos), self.undo_stack)
        position = self.cursorForPosition(pos).position()
        first = menu.actions()[0] if menu.actions() else None
        actions = self.suggestion_actions(position, menu)
        if actions:
            menu.insertActions(first, actions)
            menu.insertSeparator(first)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        menu = self.build_context_menu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())
