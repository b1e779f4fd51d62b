"""Background work, Anki style: run ``fn`` on a worker, deliver the result on the GUI thread.

Never touch widgets inside ``fn``. ``on_done(result)`` and ``on_error(exc)`` run on the GUI
thread. Rendering and exports go through :data:`serial_pool` (one worker) so they never race
on the same files; cheap independent work may use the global pool.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # delivered to on_error on the GUI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._deliver(self.relay.failed, exc)
        else:
            self._deliver(self.relay.done, result)

    @staticmethod
    def _deliver(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the owner (a closed window, its page) is gone: nobody to tell
            pass


_serial_pool: QThreadPool | None = None
_live: set[_Relay] = set()


def serial_pool() -> QThreadPool:
    global _serial_pool
    if _serial_pool is None:
        _serial_pool = QThreadPool()
        _serial_pool.setMaxThreadCount(1)
    return _serial_pool


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    serial: bool = False,
    owner: QObject | None = None,
    priority: int = 0,
) -> None:
    """Run ``fn()`` off the GUI thread. Errors without ``on_error`` go to the excepthook.

    ``owner`` is the widget the callbacks belong to: when it has been deleted by the time the
    work finishes (a dialog closed meanwhile), the result is dropped instead of delivered to a
    dead object. The relay itself is never parented to it, so deleting the owner can't delete
    the relay while the worker still emits to it.

    ``priority``: queued work of higher priority starts first (thumbnails use -1, so the card
    preview a person waits for never queues behind them).
    """
    relay = _Relay()
    _live.add(relay)

    def finish(callback, value):
        _live.discard(relay)
        relay.deleteLater()
        if callback is not None and (owner is None or isValid(owner)):
            callback(value)

    def fail(exc):
        if on_error is not None:
            finish(on_error, exc)
        else:
            finish(None, None)
            from .excepthook import report_exception

            report_exception(type(exc), exc, exc.__traceback__)

    relay.done.connect(lambda result: finish(on_done, result))
    relay.failed.connect(fail)
    pool = serial_pool() if serial else QThreadPool.globalInstance()
    pool.start(_Task(fn, relay), priority)


def wait_for_background(msecs: int = 30000) -> bool:
    """Block until queued work finished (tests and application shutdown)."""
    ok = serial_pool().waitForDone(msecs)
    return QThreadPool.globalInstance().waitForDone(msecs) and ok
