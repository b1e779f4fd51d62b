"""Compose window benchmarks: medians and ratios against baselines measured in the same run.

(a) keystroke -> updated card preview on screen, with a 12-megapixel photo loaded: a key typed
    into the card's title field, until the preview has painted the image rendered for it.
    Target <= 50 ms median. Baseline: the core render alone at the same scale (photo cached).
(b) start to an interactive window (a fresh process: interpreter, imports, workspace, main
    window with the compose page and a post loaded, first event-loop turn after show).
    Target <= 2 s. Baseline: a fresh process showing an empty QMainWindow.

Run: QT_QPA_PLATFORM=offscreen python3 benchmarks/bench_ui.py [--keys N] [--starts N]
Prints figures only; nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

EMPTY_WINDOW = textwrap.dedent(
    """
    import time; t0 = time.perf_counter()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    w = QMainWindow(); w.resize(1600, 1000); w.show()
    def ready():
        print("READY", time.perf_counter() - t0, flush=True); app.quit()
    QTimer.singleShot(0, ready)
    app.exec()
    """
)

COMPOSE_WINDOW = textwrap.dedent(
    """
    import time; t0 = time.perf_counter()
    import sys
    from PySide6.QtCore import QTimer
    from sumbar_studio.core.settings import AppSettings
    from sumbar_studio.core.workspace import Workspace
    from sumbar_studio.ui.app import create_application
    from sumbar_studio.ui.main_window import MainWindow
    app = create_application([])
    ws = Workspace.open(sys.argv[1])
    w = MainWindow(ws, AppSettings(user_name="Rina Marlina"))
    w.resize(1600, 1000); w.show()
    w.open_post(int(sys.argv[2]))
    def ready():
        print("READY", time.perf_counter() - t0, flush=True)
        w.compose.shutdown()
        from sumbar_studio.ui.background import wait_for_background
        wait_for_background(); app.quit()
    QTimer.singleShot(0, ready)
    app.exec()
    """
)


def start_time(script: str, *args: str) -> tuple[float, float]:
    """(seconds from spawning the process to its first event-loop turn after show, and the
    child's own figure from its first line of Python)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    line = child.stdout.readline()
    wall = time.perf_counter() - t0
    _out, err = child.communicate(timeout=120)
    if not line.startswith("READY"):
        raise RuntimeError(err)
    return wall, float(line.split()[1])


def bench_keystrokes(keys: int) -> None:
    from compose_demo import build_workspace
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from sumbar_studio.core.settings import AppSettings
    from sumbar_studio.ui.app import create_application
    from sumbar_studio.ui.background import wait_for_background
    from sumbar_studio.ui.compose import backend
    from sumbar_studio.ui.main_window import MainWindow

    _app = create_application([])  # noqa: F841 - keep the application alive
    tmp = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    os.environ.setdefault("SUMBAR_CONFIG_DIR", str(tmp / "config"))
    ws, post_id = build_workspace(tmp, photo_size=(4000, 3000))
    window = MainWindow(ws, AppSettings(user_name="Rina Marlina"))
    window.resize(1600, 1000)
    window.show()
    window.open_post(post_id)
    page = window.compose
    panel = page.card_panel
    panel.set_format("4x5")

    loop = QEventLoop()
    panel.preview.imagePainted.connect(loop.quit)

    def wait(pred, timeout_ms=30000):
        """Run the real event loop (no polling: the GUI thread sleeps as in the app) until
        ``pred()`` holds after the preview painted an image."""
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(loop.quit)
        guard.start(timeout_ms)
        while not pred():
            if not guard.isActive():
                raise TimeoutError
            loop.exec()
        guard.stop()

    t_first = time.perf_counter()
    wait(
        lambda: (
            not panel.renderer.busy
            and not panel.preview.image.isNull()
            and panel.preview.painted_key == panel.preview.image.cacheKey()
        )
    )
    first_ms = (time.perf_counter() - t_first) * 1000
    field = panel.field_widgets["title"]
    field.setFocus()
    field.end(False)

    latencies = []
    for i in range(keys):
        key = Qt.Key.Key_A + (i % 26)
        t0 = time.perf_counter()
        QTest.keyClick(field, key)
        generation = panel.renderer.generation
        wait(
            lambda g=generation: (
                panel.renderer.shown_generation >= g
                and panel.preview.painted_key == panel.preview.image.cacheKey()
            )
        )
        latencies.append((time.perf_counter() - t0) * 1000)
        QTest.qWait(150)  # typing speed: ~150 ms between keys; autosave and checks run too

    job = panel.make_job()
    renders = []
    for _ in range(max(5, keys // 2)):
        t0 = time.perf_counter()
        backend.render_preview(job)
        renders.append((time.perf_counter() - t0) * 1000)

    med = statistics.median(latencies)
    base = statistics.median(renders)
    size = panel.preview.image.size()
    print(
        f"(a) keystroke -> preview on screen, 12 MP photo, preview {size.width()}x"
        f"{size.height()} px (scale {job.scale}):"
    )
    print(f"    first preview after opening the post (decodes the photo): {first_ms:.0f} ms")
    print(
        f"    median {med:.1f} ms, p90 {sorted(latencies)[int(len(latencies) * 0.9) - 1]:.1f} ms"
        f" over {len(latencies)} keys   (target <= 50 ms)"
    )
    print(f"    baseline: core render alone at that scale, photo cached: median {base:.1f} ms")
    print(f"    ratio keystroke-to-screen / core render: {med / base:.2f}x")
    print(f"    stale results dropped: {panel.renderer.dropped}, renders: {panel.renderer.renders}")
    page.shutdown()
    wait_for_background()
    window.close()
    ws.close()
    QApplication.processEvents()


def bench_start(starts: int) -> None:
    from compose_demo import build_workspace

    tmp = Path(tempfile.mkdtemp(prefix="bench-start-"))
    ws, post_id = build_workspace(tmp, photo_size=(4000, 3000))
    ws_path = str(ws.path)
    ws.close()
    os.environ.setdefault("SUMBAR_CONFIG_DIR", str(tmp / "config"))
    empty, compose = [], []
    empty_in, compose_in = [], []
    for _ in range(starts):
        w, i = start_time(EMPTY_WINDOW)
        empty.append(w)
        empty_in.append(i)
        w, i = start_time(COMPOSE_WINDOW, ws_path, str(post_id))
        compose.append(w)
        compose_in.append(i)
    e, c = statistics.median(empty), statistics.median(compose)
    ei, ci = statistics.median(empty_in), statistics.median(compose_in)
    print(f"(b) start to an interactive window (median of {starts} fresh processes):")
    print(
        f"    empty QMainWindow:           {e * 1000:.0f} ms from spawn "
        f"({ei * 1000:.0f} ms from the first line of Python)"
    )
    print(
        f"    compose window, post loaded: {c * 1000:.0f} ms from spawn "
        f"({ci * 1000:.0f} ms from the first line of Python)   (target <= 2000 ms)"
    )
    print(f"    ratio compose / empty: {c / e:.2f}x wall, {ci / ei:.2f}x in-process")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()
    bench_keystrokes(args.keys)
    bench_start(args.starts)


if __name__ == "__main__":
    main()
