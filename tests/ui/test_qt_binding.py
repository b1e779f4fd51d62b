"""Guard against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 wheels on Python 3.11 take one reference off ``None`` in every call that
returns nothing; after a few thousand paint calls the interpreter aborts ("none_dealloc").
pyproject.toml excludes that release; this test catches any other build that does the same.
"""

import sys

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qapp):
    label = QLabel()
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(300):
        label.setText("x")
        painter.setPen(QColor("red"))
        painter.fillRect(0, 0, 2, 2, QColor("blue"))
    painter.end()
    assert sys.getrefcount(None) - before > -50
