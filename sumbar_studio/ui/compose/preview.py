"""Live card preview: rendered off the GUI thread, coalesced, newest request wins.

:class:`PreviewRenderer` sends each request to the single render worker (background.py's
serial pool). While one render runs, further requests only remember the newest job; when the
running one ends, its image is shown only if no newer request came meanwhile, and the newest
job starts at once. An optional debounce delay (``debounce_ms``) waits for a pause before the
first render; the default is 0: the first keystroke renders at once and later ones coalesce,
so the preview follows typing with one render of latency at most.

:class:`PreviewView` paints the image at device-pixel scale with the format's safe zone,
marks the focal point, turns a click into a new focal point, and accepts dropped photos.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.errors import SumbarError
from ...core.i18n import t
from ..background import run_in_background
from . import backend

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif"}


def pil_to_qimage(image) -> QImage:
    """A deep-copied QImage of a PIL image (safe to build on a worker thread)."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    qimg = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888)
    return qimg.copy()


class PreviewRenderer(QObject):
    imageReady = Signal(QImage, object, object)  # image, layout report, job
    failed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(
        self,
        render_fn=backend.render_preview,
        *,
        debounce_ms: int = 0,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.render_fn = render_fn
        self.generation = 0  # of the newest request
        self.shown_generation = -1
        self.renders = 0  # finished renders (tests, benchmark)
        self.dropped = 0  # results discarded as stale
        self.last_ms = 0.0
        self._running = False
        self._pending: backend.RenderJob | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start_pending)

    @property
    def busy(self) -> bool:
        return self._running or self._pending is not None

    def request(self, job: backend.RenderJob) -> int:
        self.generation += 1
        job.generation = self.generation
        self._pending = job
        if not self._running:
            if self._timer.interval() > 0:
                self._timer.start()
            else:
                self._start_pending()
        return self.generation

    def _start_pending(self) -> None:
        job, self._pending = self._pending, None
        if job is None or self._running:
            return
        self._running = True
        self.busyChanged.emit(True)
        render_fn = self.render_fn

        def work():
            started = time.perf_counter()
            result = render_fn(job)
            image = pil_to_qimage(result.image)
            return job, image, result.report, (time.perf_counter() - started) * 1000

        run_in_background(work, self._done, self._error, serial=True, owner=self)

    def _done(self, payload) -> None:
        job, image, report, ms = payload
        self._running = False
        self.renders += 1
        self.last_ms = ms
        if job.generation == self.generation:
            self.shown_generation = job.generation
            self.imageReady.emit(image, report, job)
        else:
            self.dropped += 1
        self._continue()

    def _error(self, exc: BaseException) -> None:
        self._running = False
        message = exc.user_message() if isinstance(exc, SumbarError) else str(exc)
        if self._pending is None:
            self.failed.emit(message)
        self._continue()

    def _continue(self) -> None:
        if self._pending is not None:
            self._start_pending()
        else:
            self.busyChanged.emit(False)


class PreviewView(QWidget):
    """The rendered card, scaled to fit, with safe zone, focal marker, click and drop."""

    focalClicked = Signal(float, float)  # card fractions (0..1) of the click
    photoDropped = Signal(str)  # a local image file path
    imagePainted = Signal()  # an image reached the screen (benchmark)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cardPreview")
        self.setAccessibleName(t("compose.preview"))
        self.setAccessibleDescription(t("compose.preview_help"))
        self.setAcceptDrops(True)
        self.setMinimumSize(160, 160)  # fits beside the card fields on a 1280x720 screen
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.image = QImage()
        self.format_size = QSize(1080, 1080)
        self.safe_zone: dict[str, int] = {}
        self.show_safe_zone = True
        self.focal_point: tuple[float, float] | None = None
        self.message = t("compose.preview_empty")
        self._drag_active = False
        self.painted_key = 0  # cacheKey of the image last painted (benchmark: "on screen")

    # -- state ------------------------------------------------------------------------------
    def set_format(self, width: int, height: int, safe_zone: dict[str, int]) -> None:
        self.format_size = QSize(width, height)
        self.safe_zone = dict(safe_zone or {})
        self.update()

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.message = ""
        self.update()

    def set_message(self, text: str) -> None:
        self.message = text
        if text:
            self.image = QImage()
        self.update()

    def set_focal_marker(self, point: tuple[float, float] | None) -> None:
        self.focal_point = point
        self.update()

    def target_pixels(self) -> QSize:
        """The device-pixel size a render should have to fill the view sharply."""
        rect = self.card_rect()
        dpr = self.devicePixelRatioF()
        return QSize(max(1, round(rect.width() * dpr)), max(1, round(rect.height() * dpr)))

    def card_rect(self) -> QRectF:
        w, h = self.format_size.width(), self.format_size.height()
        avail = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        if w <= 0 or h <= 0 or avail.width() <= 0 or avail.height() <= 0:
            return QRectF()
        s = min(avail.width() / w, avail.height() / h)
        cw, ch = w * s, h * s
        return QRectF(avail.center().x() - cw / 2, avail.center().y() - ch / 2, cw, ch)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(420, 420)

    # -- painting ---------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.fillRect(self.rect(), self.palette().window())
        rect = self.card_rect()
        if rect.isEmpty():
            return
        if not self.image.isNull():
            p.drawImage(rect, self.image)
            if self.painted_key != self.image.cacheKey():
                self.painted_key = self.image.cacheKey()
                QTimer.singleShot(0, self.imagePainted.emit)
        else:
            p.fillRect(rect, QColor("#eceff1"))
            p.setPen(QColor("#546e7a"))
            p.drawText(
                rect.adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.message,
            )
        if self.show_safe_zone and self.safe_zone:
            scale = rect.width() / max(1, self.format_size.width())
            shade = QColor(211, 47, 47, 60)
            top = self.safe_zone.get("top", 0) * scale
            bottom = self.safe_zone.get("bottom", 0) * scale
            left = self.safe_zone.get("left", 0) * scale
            right = self.safe_zone.get("right", 0) * scale
            if top:
                p.fillRect(QRectF(rect.left(), rect.top(), rect.width(), top), shade)
            if bottom:
                p.fillRect(QRectF(rect.left(), rect.bottom() - bottom, rect.width(), bottom), shade)
            if left:
                p.fillRect(QRectF(rect.left(), rect.top(), left, rect.height()), shade)
            if right:
                p.fillRect(QRectF(rect.right() - right, rect.top(), right, rect.height()), shade)
            pen = QPen(QColor("#d32f2f"), 1, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawRect(rect.adjusted(left, top, -right, -bottom))
        if self.focal_point is not None and not self.image.isNull():
            c = QPointF(
                rect.left() + self.focal_point[0] * rect.width(),
                rect.top() + self.focal_point[1] * rect.height(),
            )
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(QPen(QColor(0, 0, 0, 160), 3))
            p.drawEllipse(c, 9, 9)
            p.setPen(QPen(QColor("#ffffff"), 1.5))
            p.drawEllipse(c, 9, 9)
            p.drawLine(c + QPointF(-14, 0), c + QPointF(-5, 0))
            p.drawLine(c + QPointF(5, 0), c + QPointF(14, 0))
            p.drawLine(c + QPointF(0, -14), c + QPointF(0, -5))
            p.drawLine(c + QPointF(0, 5), c + QPointF(0, 14))
        if self._drag_active:
            p.setPen(QPen(self.palette().highlight().color(), 3, Qt.PenStyle.DashLine))
            p.drawRect(QRectF(self.rect()).adjusted(2, 2, -2, -2))

    # -- focal point ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        rect = self.card_rect()
        pos = event.position()
        if event.button() == Qt.MouseButton.LeftButton and rect.contains(pos):
            u = (pos.x() - rect.left()) / rect.width()
            v = (pos.y() - rect.top()) / rect.height()
            self.focalClicked.emit(u, v)
            event.accept()
            return
        super().mousePressEvent(event)

    # -- drag and drop ----------------------------------------------------------------------
    @staticmethod
    def image_path(mime) -> str | None:
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES:
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if self.image_path(event.mimeData()):
            self._drag_active = True
            self.update()
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.image_path(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._drag_active = False
        self.update()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        self._drag_active = False
        self.update()
        path = self.image_path(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.photoDropped.emit(path)
        else:
            event.ignore()
