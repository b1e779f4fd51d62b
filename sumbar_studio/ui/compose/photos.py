"""The post's photos (a carousel): add several, remove, reorder, an alt text for each.

``post.media`` is the ordered list the export follows (one image per photo per format, the
card first); the approval hash covers it, so any change here sends an approved post back to
review. The photo a card field uses is marked "Kartu".
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.model import Media
from ..background import run_in_background
from ..widgets import StackLineEdit
from . import backend
from .preview import IMAGE_SUFFIXES
from .session import EditorSession

THUMB = QSize(80, 60)


class PhotoStrip(QWidget):
    message = Signal(str)
    countChanged = Signal(int)

    def __init__(self, session: EditorSession, workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("photoStrip")
        self.session = session
        self.workspace = workspace
        self._thumbs: dict[str, QIcon] = {}
        self._dialog: QFileDialog | None = None
        self._pending = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(t("photos.add"), self)
        self.add_button.setObjectName("addPhotosButton")
        self.add_button.setAccessibleName(t("photos.add"))
        self.add_button.setToolTip(t("photos.title_none"))
        self.add_button.clicked.connect(self.open_dialog)

        self.list = QListWidget(self)
        self.list.setObjectName("photoList")
        self.list.setAccessibleName(t("photos.title"))
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 14, THUMB.height() + 30))
        self.list.setFixedHeight(THUMB.height() + 40)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.currentRowChanged.connect(self._selected)
        layout.addWidget(self.list)

        tools = QHBoxLayout()
        self.left = QToolButton(self)
        self.left.setObjectName("photoLeft")
        self.left.setText("◀")
        self.left.setToolTip(t("photos.move_left"))
        self.left.setAccessibleName(t("photos.move_left"))
        self.left.clicked.connect(lambda: self.move_current(-1))
        self.right = QToolButton(self)
        self.right.setObjectName("photoRight")
        self.right.setText("▶")
        self.right.setToolTip(t("photos.move_right"))
        self.right.setAccessibleName(t("photos.move_right"))
        self.right.clicked.connect(lambda: self.move_current(1))
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("photoRemove")
        self.remove_button.setText(t("photos.remove"))
        self.remove_button.setAccessibleName(t("photos.remove"))
        self.remove_button.clicked.connect(self.remove_current)
        self.alt = StackLineEdit(self, session.undo_stack)
        self.alt.setObjectName("photoAltText")
        self.alt.setPlaceholderText(t("photos.alt_placeholder"))
        self.alt.setAccessibleName(t("photos.alt_a11y"))
        self.alt.textEdited.connect(self._alt_edited)
        tools.addWidget(self.add_button)
        tools.addWidget(self.left)
        tools.addWidget(self.right)
        tools.addWidget(self.remove_button)
        tools.addWidget(self.alt, 1)
        layout.addLayout(tools)
        layout.addStretch(1)

        session.postLoaded.connect(self.refresh)
        session.fieldChanged.connect(self._field_changed)
        self.refresh()

    # -- showing ----------------------------------------------------------------------------
    def _field_changed(self, key: str) -> None:
        if key == "media" or key.startswith("media.") or key.startswith("card.field:"):
            self.refresh()

    def _card_shas(self) -> set[str]:
        return {
            v
            for v in self.session.post.card.fields.values()
            if isinstance(v, str) and backend.SHA_RE.match(v)
        }

    def _icon(self, media: Media) -> QIcon:
        icon = self._thumbs.get(media.sha256)
        if icon is None:
            try:
                path = self.workspace.media.path_for(media.sha256)
            except SumbarError:  # not on the team server (or it cannot be reached): no thumbnail
                return QIcon()
            reader = QImageReader(str(path))
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            icon = QIcon(QPixmap.fromImage(image)) if not image.isNull() else QIcon()
            self._thumbs[media.sha256] = icon
        return icon

    def refresh(self) -> None:
        media = self.session.post.media
        on_card = self._card_shas()
        current = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for i, m in enumerate(media):
            text = f"{i + 1}. " + (t("photos.on_card") if m.sha256 in on_card else m.filename)
            item = QListWidgetItem(self._icon(m), text)
            item.setToolTip(m.filename + ("\n" + m.alt_text if m.alt_text else ""))
            item.setData(Qt.ItemDataRole.UserRole, m.sha256)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.setToolTip(
            t("photos.title_count", count=len(media)) if media else t("photos.title_none")
        )
        self.countChanged.emit(len(media))
        if media:
            self.list.setCurrentRow(min(max(current, 0), len(media) - 1))
        self._selected(self.list.currentRow())

    def _selected(self, row: int) -> None:
        media = self.session.post.media
        has = 0 <= row < len(media)
        self.left.setEnabled(has and row > 0)
        self.right.setEnabled(has and row < len(media) - 1)
        self.remove_button.setEnabled(has)
        self.alt.setEnabled(has)
        text = media[row].alt_text if has else ""
        if self.alt.text() != text:
            self.alt.setText(text)
            self.alt.setCursorPosition(0)

    def current_media(self) -> Media | None:
        row = self.list.currentRow()
        media = self.session.post.media
        return media[row] if 0 <= row < len(media) else None

    # -- editing ----------------------------------------------------------------------------
    def _alt_edited(self, text: str) -> None:
        media = self.current_media()
        if media is not None:
            self.session.edit(f"media.alt:{media.sha256}", text)

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        media = list(self.session.post.media)
        target = row + step
        if not (0 <= row < len(media) and 0 <= target < len(media)):
            return
        media[row], media[target] = media[target], media[row]
        self.session.edit_many({"media": media}, t("photos.undo_order"))
        self.list.setCurrentRow(target)

    def remove_current(self) -> None:
        media = self.current_media()
        if media is None:
            return
        values: dict[str, object] = {
            "media": [m for m in self.session.post.media if m.sha256 != media.sha256]
        }
        for key, value in self.session.post.card.fields.items():
            if value == media.sha256:  # the card no longer shows a removed photo
                values[f"card.field:{key}"] = None
        self.session.edit_many(values, t("photos.undo_remove"))

    # -- adding -----------------------------------------------------------------------------
    def open_dialog(self) -> QFileDialog:
        dialog = QFileDialog(self, t("photos.dialog_title"))
        dialog.setObjectName("photosFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        patterns = " ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES))
        dialog.setNameFilter(t("compose.image_filter", patterns=patterns))
        dialog.filesSelected.connect(self.add_files)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()
        return dialog

    def add_files(self, paths: list[str]) -> None:
        """Import photos into the media library (off the GUI thread), in the order given."""
        workspace = self.workspace
        self._pending += len(paths)
        self.message.emit(t("compose.importing_photo"))

        def work(paths=tuple(paths)):
            return [backend.import_photo_isolated(workspace, p) for p in paths]

        run_in_background(work, self._imported, self._failed, owner=self)

    def _imported(self, imported: list[Media]) -> None:
        self._pending = 0
        post = self.session.post
        media = list(post.media)
        known = {m.sha256 for m in media}
        for m in imported:
            if m.sha256 not in known:
                media.append(replace(m, credit=post.photo_credit, alt_text=""))
                known.add(m.sha256)
        self.session.edit_many({"media": media}, t("photos.undo_add"))
        self.list.setCurrentRow(len(media) - 1)
        self.message.emit(t("photos.added", count=len(imported)))

    def _failed(self, exc: BaseException) -> None:
        self._pending = 0
        self.message.emit(exc.user_message() if isinstance(exc, SumbarError) else str(exc))
