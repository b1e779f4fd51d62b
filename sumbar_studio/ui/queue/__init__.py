"""Queue page (list, week calendar, month overview). Placeholder until it lands."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget


class QueuePage(QWidget):
    openPostRequested = Signal(int)

    def __init__(self, workspace, main_window):
        super().__init__(main_window)
        self.workspace = workspace
        self.main_window = main_window
        QVBoxLayout(self)

    def refresh(self) -> None:
        """Reload from the store."""
