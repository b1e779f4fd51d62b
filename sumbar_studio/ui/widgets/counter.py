"""A compact length counter: "X 245/280", coloured by level (ok, amber, red)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

_STYLE = {
    "ok": "color: palette(text); background: palette(alternate-base);",
    "amber": "color: #5c3b00; background: #ffd98a;",
    "red": "color: #ffffff; background: #c62828;",
    "none": "color: palette(mid); background: palette(alternate-base);",
}


class CounterChip(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.level = ""
        self.set_level("ok")

    def set_level(self, level: str) -> None:
        if level == self.level:
            return
        self.level = level
        self.setStyleSheet(
            f"QLabel {{ {_STYLE.get(level, _STYLE['ok'])} border-radius: 4px; padding: 1px 6px; }}"
        )
