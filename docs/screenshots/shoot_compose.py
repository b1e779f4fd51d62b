"""Screenshots of the compose page and the settings dialog at a laptop's screen size.

Run under an X server of exactly that size (no window manager needed), from the checkout:
    Xvfb :12 -screen 0 1280x720x24 &
    DISPLAY=:12 QT_QPA_PLATFORM=xcb PYTHONPATH=. python docs/screenshots/shoot_compose.py \
        1280 720 /tmp/shots
Writes compose-WxH.png, compose-photos-WxH.png, settings-WxH.png and settings-tabN-WxH.png.
"""
import os, sys, gc
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

W, H = int(sys.argv[1]), int(sys.argv[2])
out = Path(sys.argv[3]); lang = sys.argv[4] if len(sys.argv) > 4 else "id"
os.environ["SUMBAR_CONFIG_DIR"] = str(out / f"cfg-{W}")
from sumbar_studio.core import i18n
i18n.set_language(lang)
from sumbar_studio.core.demo import build_demo_workspace
from sumbar_studio.core.timeutil import iso_week_of, now_utc
ws_path = out / f"ws-{W}"
if not (ws_path / "sumbar.db").exists():
    build_demo_workspace(ws_path, iso_week_of(now_utc()))
from sumbar_studio.ui.app import create_application
app = create_application([])
from sumbar_studio.core.workspace import Workspace
from sumbar_studio.core.settings import AppSettings
from sumbar_studio.ui.main_window import MainWindow
ws = Workspace.open(ws_path)
win = MainWindow(ws, AppSettings(user_name="Rina Marlina, S.I.Kom."))
win.setGeometry(app.primaryScreen().availableGeometry()); win.show()
posts = ws.posts.list()
from sumbar_studio.core.model import Status
target = next((p for p in posts if p.status == Status.DRAFT and p.card.template_id), posts[0])

def step1():
    win.open_post(target.id)
    QTimer.singleShot(7000, step2)

def step2():
    app.processEvents()
    win.grab().save(str(out / f"compose-{W}x{H}.png"))
    win.compose.card_panel.lower_tabs.setCurrentIndex(1)
    app.processEvents()
    win.grab().save(str(out / f"compose-photos-{W}x{H}.png"))
    win.compose.card_panel.lower_tabs.setCurrentIndex(0)
    d = win.queue.open_settings()
    QTimer.singleShot(800, lambda: step3(d))

def step3(d):
    d.grab().save(str(out / f"settings-{W}x{H}.png"))
    for i in range(1, d.tabs.count()):
        d.tabs.setCurrentIndex(i); app.processEvents()
        d.grab().save(str(out / f"settings-tab{i}-{W}x{H}.png"))
    d.tabs.setCurrentIndex(0)
    print("window", win.geometry().getRect(), "settings", d.geometry().getRect(), "screen", app.primaryScreen().availableGeometry().getRect())
    ed = win.compose.editor
    from PySide6.QtWidgets import QScrollArea
    es = win.compose.findChild(QScrollArea, "editorScroll")
    print("editor hscroll visible", es.horizontalScrollBar().isVisible(), "vscroll", es.verticalScrollBar().isVisible(), "caption h", ed.master.height(), "editor", ed.size().toTuple(), "viewport", es.viewport().size().toTuple())
    tv = win.compose.card_panel.template_view
    print("templates hscroll", tv.horizontalScrollBar().isVisible(), tv.horizontalScrollBar().maximum())
    d.reject()
    win.close()
    app.quit()

QTimer.singleShot(500, step1)
app.exec()
ws.close()
