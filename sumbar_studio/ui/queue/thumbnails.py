"""Card thumbnails for the calendar, loaded off the GUI thread and cached.

A post's thumbnail is its rendered card when its template loads, else its first photo, else
nothing (the calendar paints a status-coloured tile). Decoding happens on a worker
(``run_in_background``); :attr:`ThumbnailCache.ready` tells the views to repaint.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from shiboken6 import isValid

from ..background import run_in_background

#: whether the card renderer and the postcard module (a card's fields) are imported: the queue
#: is shown without them, and they are imported off the GUI thread for the first card thumbnail
_card_modules = False


def _import_card_modules() -> None:
    from ...core import postcard  # noqa: F401 - card_fields
    from ...core.cards import render  # noqa: F401 - Pillow and the renderer


def _load_scaled(path: Path, size: int) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid() and original.width() > 0 and original.height() > 0:
        scale = size / min(original.width(), original.height())
        reader.setScaledSize(
            QSize(max(1, round(original.width() * scale)), max(1, round(original.height() * scale)))
        )
    image = reader.read()
    if image.isNull():
        return image
    # centre square crop
    side = min(image.width(), image.height())
    x, y = (image.width() - side) // 2, (image.height() - side) // 2
    return image.copy(x, y, side, side).scaled(
        size, size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def _pil_to_qimage(image, size: int) -> QImage:
    rgb = image.convert("RGB")
    data = rgb.tobytes()
    qimage = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()
    side = min(qimage.width(), qimage.height())
    qimage = qimage.copy((qimage.width() - side) // 2, (qimage.height() - side) // 2, side, side)
    return qimage.scaled(
        size, size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class ThumbnailCache(QObject):
    ready = Signal(int)  # post id

    def __init__(self, workspace, parent=None, *, size: int = 96, capacity: int = 400):
        super().__init__(parent)
        self.workspace = workspace
        self.size = size
        self.capacity = capacity
        self._cache: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._pending: set[tuple] = set()
        self._missing: set[tuple] = set()
        self._waiting: set[int] = set()  # posts whose card waits for the renderer's import
        self._importing = False
        self.enabled = True

    def _key(self, summary) -> tuple:
        return (summary.id, summary.version, summary.thumb_sha256)

    def get(self, summary) -> QPixmap | None:
        """The thumbnail when ready; otherwise starts loading it and returns None."""
        if not self.enabled or not (summary.thumb_sha256 or summary.template_id):
            return None
        key = self._key(summary)
        pixmap = self._cache.get(key)
        if pixmap is not None:
            self._cache.move_to_end(key)
            return pixmap
        if key in self._pending or key in self._missing:
            return None
        if summary.template_id and not _card_modules:
            self._waiting.add(summary.id)
            self._import_card_modules()
            return None
        job = self._card_job(summary) if summary.template_id else None
        if job is None and summary.thumb_sha256:
            try:
                path = self.workspace.media.path_for(summary.thumb_sha256)
            except Exception:
                path = None
            if path is not None:
                size = self.size

                def job(path=path, size=size):
                    return _load_scaled(path, size)

        if job is None:
            self._missing.add(key)
            return None
        self._pending.add(key)
        run_in_background(
            job,
            lambda image, key=key: self._loaded(key, image),
            lambda _exc, key=key: self._failed(key),
            serial=True,
            priority=-1,  # an opened post's preview goes first
        )
        return None

    def _import_card_modules(self) -> None:
        if self._importing:
            return  # asked already
        self._importing = True
        # queued like the thumbnails themselves: behind an opened post's preview
        run_in_background(
            _import_card_modules,
            self._card_modules_imported,
            self._card_modules_imported,
            owner=self,
            serial=True,
            priority=-1,
        )

    def _card_modules_imported(self, _result=None) -> None:
        global _card_modules
        _card_modules = True
        self._importing = False
        waiting, self._waiting = self._waiting, set()
        for post_id in sorted(waiting):
            self.ready.emit(post_id)  # the views ask again

    def _card_job(self, summary):
        """A worker job rendering the post's card small (Pillow only), or None."""
        from ...core.cards import load_template, render
        from ...core.postcard import card_fields

        try:
            template = load_template(summary.template_id)
            post = self.workspace.posts.get(summary.id)
            fields = card_fields(self.workspace, post, template)
            brand = self.workspace.brand()
        except Exception:
            return None
        fmt = "1x1" if "1x1" in template.formats else template.formats[0]
        size = self.size

        def job():
            return _pil_to_qimage(render(template, fields, brand, fmt, scale=0.1).image, size)

        return job

    def _loaded(self, key: tuple, image: QImage) -> None:
        if not isValid(self):
            return
        self._pending.discard(key)
        if image.isNull():
            self._missing.add(key)
            return
        self._cache[key] = QPixmap.fromImage(image)
        while len(self._cache) > self.capacity:
            self._cache.popitem(last=False)
        self.ready.emit(key[0])

    def _failed(self, key: tuple) -> None:
        if not isValid(self):
            return
        self._pending.discard(key)
        self._missing.add(key)

    def clear(self) -> None:
        self._cache.clear()
        self._missing.clear()
