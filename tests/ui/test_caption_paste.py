"""Pasting a caption that starts with a byte order mark leaves no BOM in the editor (#15 item 17)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QMimeData

from sumbar_studio.ui.compose.caption_edit import CaptionEdit


def test_paste_with_bom_inserts_the_text_without_it(qtbot):
    edit = CaptionEdit()
    qtbot.addWidget(edit)
    mime = QMimeData()
    mime.setText("\ufeffRapat paripurna DPRD Sumbar.")
    edit.insertFromMimeData(mime)
    assert edit.toPlainText() == "Rapat paripurna DPRD Sumbar."
    gc.collect()
    qtbot.wait(1)
    plain = QMimeData()
    plain.setText(" Lanjut.")
    edit.insertFromMimeData(plain)
    assert edit.toPlainText() == "Rapat paripurna DPRD Sumbar. Lanjut."
