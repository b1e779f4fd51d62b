"""The comment box's @mention: typing "@" offers the team by name; Enter in the list inserts the
login and does not send the comment."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from sumbar_studio.ui.queue.comments import MentionEdit, mentions_in

pytestmark = pytest.mark.qt_log_ignore(r"does not support raise\(\)", "grabbing the keyboard")


def test_enter_in_the_completion_list_inserts_the_login_and_does_not_send(qtbot):
    box = MentionEdit()
    qtbot.addWidget(box)
    box.set_people([("budi", "Budi Santoso"), ("kabag", "Hj. Kepala"), ("rina", "Rina Marlina")])
    sent = []
    box.returnPressed.connect(lambda: sent.append(box.completer_.popup().isVisible()))
    box.show()
    box.setFocus()
    qtbot.keyClicks(box, "Mohon cek, @kep")  # a part of the name finds the person
    assert box.completer_.popup().isVisible()
    assert box.completer_.currentCompletion() == "Hj. Kepala (@kabag)"
    qtbot.keyClick(box.completer_.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(box.completer_.popup(), Qt.Key.Key_Return)
    assert box.text() == "Mohon cek, @kabag "
    assert sent == [True]  # the comment thread sends only when no list is open
    qtbot.keyClicks(box, "dan @zz")
    assert not box.completer_.popup().isVisible()  # nobody by that name: no list


def test_mentions_are_the_logins_after_an_at_sign():
    text = "@budi tolong, juga @Kabag. Surel humas@dprd.go.id bukan sebutan; @budi lagi"
    assert mentions_in(text) == ["budi", "kabag"]
