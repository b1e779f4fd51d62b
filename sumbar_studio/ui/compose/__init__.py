"""Compose page (post editor, card panel, checklist dock). Placeholder until it lands."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ComposePage(QWidget):
    postSaved = Signal(int)

    def __init__(self, workspace, main_window):
        super().__init__(main_window)
        self.workspace = workspace
        self.main_window = main_window
        layout = QVBoxLayout(self)
        self.label = QLabel("", self)
        layout.addWidget(self.label)
        self.post_id: int | None = None

    def load_post(self, post_id: int) -> None:
        self.post_id = post_id
        self.label.setText(self.workspace.posts.get(post_id).title)

    def new_post(self) -> None:
        self.post_id = None
        self.label.setText("")

    def flush(self) -> None:
        """Write any pending autosave now."""
