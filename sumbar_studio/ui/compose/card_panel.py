"""The card panel: template chooser with thumbnails, a form generated from the template's
fields, photo by file dialog or drag-and-drop, focal point by clicking the preview, a format
switcher with safe-zone overlay, alt text per image, and the live preview."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.model import Media
from ..background import run_in_background
from ..icons import icon
from ..widgets import StackLineEdit, StackPlainTextEdit
from ..widgets.when import WhenEdit
from . import backend
from .binding import Bindings
from .photos import PhotoStrip
from .preview import IMAGE_SUFFIXES, PreviewRenderer, PreviewView, pil_to_qimage
from .session import EditorSession

THUMB = QSize(64, 64)
#: The template thumbnails are rendered once the first preview is on screen, or after this
#: long without one: rendered at once they compete with building the page and with the
#: preview a person is waiting for (the first open of a post as the window appears).
THUMBNAILS_AFTER_MS = 1500
GRID = QSize(96, 92)


class TemplateListModel(QAbstractListModel):
    """Card templates as a list with rendered thumbnails (filled in the background)."""

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, templates: list, parent=None):
        super().__init__(parent)
        self.templates = list(templates)
        self.thumbs: dict[str, QIcon] = {}

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        if parent.isValid():
            return 0
        return len(self.templates)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.templates):
            return None
        tpl = self.templates[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return tpl.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return tpl.display_description() or tpl.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return tpl.name
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbs.get(tpl.id) or self._blank()
        if role == self.IdRole:
            return tpl.id
        return None

    def _blank(self) -> QIcon:
        if not hasattr(self, "_blank_icon"):
            pm = QPixmap(THUMB)
            pm.fill(QColor("#eceff1"))
            self._blank_icon = QIcon(pm)
        return self._blank_icon

    def row_of(self, template_id: str) -> int:
        return next((i for i, tpl in enumerate(self.templates) if tpl.id == template_id), -1)

    def set_thumbnail(self, template_id: str, image: QImage) -> None:
        row = self.row_of(template_id)
        if row < 0:
            return
        self.thumbs[template_id] = QIcon(QPixmap.fromImage(image))
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def load_thumbnails(self, brand) -> None:
        for tpl in self.templates:
            fmt = "1x1" if "1x1" in tpl.formats else tpl.formats[0]
            fields = {
                k: v
                for k, v in (tpl.samples or {}).items()
                if tpl.field(k) is not None and tpl.field(k).type != "photo"
            }

            def work(tpl=tpl, fmt=fmt, fields=fields):
                job = backend.RenderJob(tpl.id, fields, fmt, THUMB.width() * 3 / 1080, brand)
                return tpl.id, pil_to_qimage(backend.render_preview(job).image)

            run_in_background(
                work,
                lambda r: self.set_thumbnail(*r),
                lambda _e: None,
                serial=True,
                owner=self,
                priority=-1,
            )  # after the preview


class CardPanel(QWidget):
    previewUpdated = Signal(object)  # the layout report of the shown preview
    photoImported = Signal(str)  # sha256
    setLogoRequested = Signal()

    def __init__(
        self, session: EditorSession, workspace, *, preview_debounce_ms: int = 0, parent=None
    ):
        super().__init__(parent)
        self.session = session
        self.workspace = workspace
        self.bind = Bindings(session)
        self.template = None
        self.format_id = "1x1"
        self.last_report = None
        self.reports: dict[str, object] = {}
        self.field_widgets: dict[str, QWidget] = {}
        self.alt_edits: dict[str, StackLineEdit] = {}
        self._file_dialog: QFileDialog | None = None
        self._photo_field_for_dialog = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)

        # template chooser
        self.templates = TemplateListModel(backend.card_templates(), self)
        self.template_view = QListView(self)
        self.template_view.setObjectName("templateChooser")
        self.template_view.setAccessibleName(t("compose.card_template"))
        self.template_view.setModel(self.templates)
        self.template_view.setViewMode(QListView.ViewMode.IconMode)
        self.template_view.setFlow(QListView.Flow.LeftToRight)
        self.template_view.setWrapping(True)  # all six visible: a second row when narrow
        self.template_view.setIconSize(THUMB)
        self.template_view.setGridSize(GRID)
        self.template_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.template_view.setWordWrap(False)
        self.template_view.setUniformItemSizes(True)
        self.template_view.setMovement(QListView.Movement.Static)
        self.template_view.setFixedHeight(GRID.height() + 22)
        self.template_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.template_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.template_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.template_view.clicked.connect(self._template_clicked)
        self.template_view.activated.connect(self._template_clicked)
        head = QHBoxLayout()
        head.addWidget(QLabel(t("compose.card_template"), self))
        head.addStretch(1)
        self.clear_card = QToolButton(self)
        self.clear_card.setObjectName("noCardButton")
        self.clear_card.setText(t("compose.no_card"))
        self.clear_card.setAccessibleName(t("compose.no_card"))
        self.clear_card.clicked.connect(lambda: self.set_template(""))
        head.addWidget(self.clear_card)
        layout.addLayout(head)
        layout.addWidget(self.template_view)
        self.logo_hint = QFrame(self)
        self.logo_hint.setObjectName("composeLogoHint")
        self.logo_hint.setStyleSheet(
            "#composeLogoHint { background: #fff4d6; } #composeLogoHint QLabel { color: #8a5a00; }"
        )
        hint_row = QHBoxLayout(self.logo_hint)
        hint_row.setContentsMargins(6, 2, 6, 2)
        hint_text = QLabel(t("prefs.logo_missing_compose"), self.logo_hint)
        hint_text.setWordWrap(True)
        hint_row.addWidget(hint_text, 1)
        self.set_logo_button = QPushButton(t("prefs.logo_set"), self.logo_hint)
        self.set_logo_button.setObjectName("setLogoButton")
        self.set_logo_button.clicked.connect(self.setLogoRequested)
        hint_row.addWidget(self.set_logo_button)
        layout.addWidget(self.logo_hint)

        # format switcher
        formats = QHBoxLayout()
        self.format_group = QButtonGroup(self)
        self.format_group.setExclusive(True)
        self.format_buttons: dict[str, QToolButton] = {}
        for fid in backend.format_order():
            button = QToolButton(self)
            button.setObjectName(f"format_{fid}")
            button.setText(backend.format_label(fid))
            button.setCheckable(True)
            button.setAccessibleName(t("compose.format_a11y", format=backend.format_label(fid)))
            button.setToolTip(t("compose.format_tip", format=backend.format_label(fid)))
            self.format_group.addButton(button)
            self.format_buttons[fid] = button
            button.clicked.connect(lambda _=False, f=fid: self.set_format(f))
            formats.addWidget(button)
        self.format_buttons[self.format_id].setChecked(True)
        formats.addStretch(1)
        self.safe_zone = QCheckBox(t("compose.safe_zone"), self)
        self.safe_zone.setObjectName("safeZoneCheck")
        self.safe_zone.setAccessibleName(t("compose.safe_zone"))
        self.safe_zone.setChecked(True)
        self.safe_zone.toggled.connect(self._safe_zone_toggled)
        formats.addWidget(self.safe_zone)
        layout.addLayout(formats)

        # preview and form, split vertically
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.setObjectName("cardSplitter")
        self.split.setChildrenCollapsible(False)
        preview_box = QWidget(self.split)
        pv = QVBoxLayout(preview_box)
        pv.setContentsMargins(0, 0, 0, 0)
        self.preview = PreviewView(preview_box)
        pv.addWidget(self.preview, 1)
        self.report_label = QLabel(preview_box)
        self.report_label.setObjectName("cardReport")
        self.report_label.setWordWrap(True)
        self.report_label.setStyleSheet("color: #b26a00;")
        self.report_label.setVisible(False)
        pv.addWidget(self.report_label)
        self.split.addWidget(preview_box)

        self.form_scroll = QScrollArea()
        self.form_scroll.setObjectName("cardFields")
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_scroll.setWidget(self.form_host)
        # card fields and the post's photos share the lower half as two tabs
        self.lower_tabs = QTabWidget(self.split)
        self.lower_tabs.setObjectName("cardLowerTabs")
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.addTab(self.form_scroll, t("photos.tab_fields"))
        photos_scroll = QScrollArea()
        photos_scroll.setObjectName("photosScroll")
        photos_scroll.setWidgetResizable(True)
        photos_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.photos = PhotoStrip(session, workspace)
        photos_scroll.setWidget(self.photos)
        self.lower_tabs.addTab(photos_scroll, t("photos.tab_photos", count=0))
        self.photos.countChanged.connect(
            lambda n: self.lower_tabs.setTabText(1, t("photos.tab_photos", count=n))
        )
        self.split.addWidget(self.lower_tabs)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([360, 360])  # the card's fields stay in view on a laptop screen
        self.lower_tabs.setMinimumHeight(self.photos.sizeHint().height() + 36)
        layout.addWidget(self.split, 1)

        # rendering
        self.renderer = PreviewRenderer(debounce_ms=preview_debounce_ms, parent=self)
        self.renderer.imageReady.connect(self._show_image)
        self.renderer.failed.connect(self._show_error)
        self.preview.focalClicked.connect(self.set_focal_from_click)
        self.preview.photoDropped.connect(self.use_photo_file)
        self.setAcceptDrops(True)

        session.postLoaded.connect(self._post_loaded)
        session.fieldChanged.connect(self._field_changed)
        self.thumbnails_requested = False
        self.renderer.busyChanged.connect(lambda busy: busy or self.load_thumbnails())
        QTimer.singleShot(THUMBNAILS_AFTER_MS, self, self.load_thumbnails)
        self._post_loaded()

    def load_thumbnails(self) -> None:
        """Render the template chooser's thumbnails in the background (once)."""
        if not self.thumbnails_requested:
            self.thumbnails_requested = True
            self.templates.load_thumbnails(backend.brand_for(self.workspace))

    # -- template ---------------------------------------------------------------------------
    def _template_clicked(self, index: QModelIndex) -> None:
        tid = index.data(TemplateListModel.IdRole)
        if tid and tid != self.session.post.card.template_id:
            self.set_template(tid)

    def set_template(self, template_id: str) -> None:
        """Choose a card template (one undo step); its fields start from the post's."""
        post = self.session.post
        new = backend.card_template(template_id)
        values: dict[str, object] = {"card.template": template_id}
        new_ids = {f.id for f in new.fields} if new is not None else set()
        for fid in post.card.fields:
            if fid not in new_ids:
                values[f"card.field:{fid}"] = None
        if new is not None:
            existing_photo = next(
                (v for k, v in post.card.fields.items() if backend.SHA_RE.match(str(v))), None
            ) or (post.media[0].sha256 if post.media else None)
            prefill = {
                "title": post.title,
                "place": post.place,
                "date": post.event_date.isoformat() if post.event_date else None,
            }
            for f in new.fields:
                if post.card.fields.get(f.id) not in (None, ""):
                    continue
                if f.type == "photo" and existing_photo:
                    values[f"card.field:{f.id}"] = existing_photo
                elif prefill.get(f.id):
                    values[f"card.field:{f.id}"] = prefill[f.id]
            if not post.card.formats:
                values["card.formats"] = list(new.formats)
        self.session.edit_many(values, t("compose.undo_template"))

    def _post_loaded(self) -> None:
        self._template_changed()
        self.request_preview()

    def _field_changed(self, key: str) -> None:
        if key == "card.template":
            self._template_changed()
        elif key == "media" or key.startswith("card.field:"):
            self._refresh_photo_rows()
        if key.startswith(("card.", "media")):  # only what the card shows re-renders it
            self.request_preview()

    def update_logo_hint(self) -> None:
        """A card shows the "LOGO" stand-in until the institution's logo is set: say so."""
        placeholder = backend.brand_for(self.workspace).logo_is_placeholder
        self.logo_hint.setVisible(bool(placeholder and self.session.post.card.template_id))

    def _template_changed(self) -> None:
        self.update_logo_hint()
        tid = self.session.post.card.template_id
        self.template = backend.card_template(tid)
        row = self.templates.row_of(tid)
        with QSignalBlocker(self.template_view.selectionModel()):
            if row >= 0:
                self.template_view.setCurrentIndex(self.templates.index(row, 0))
            else:
                self.template_view.clearSelection()
        if self.template is not None and self.format_id not in self.template.formats:
            self.set_format(self.template.formats[0], request=False)
        for fid, button in self.format_buttons.items():
            button.setEnabled(self.template is None or fid in self.template.formats)
        self._build_form()

    # -- generated form ---------------------------------------------------------------------
    def _build_form(self) -> None:
        self.bind.remove_prefix("card.field:")
        self.bind.remove_prefix("media.alt:")
        while self.form.rowCount():
            self.form.removeRow(0)
        self.field_widgets = {}
        self.alt_edits = {}
        self.photo_labels: dict[str, QLabel] = {}
        tpl = self.template
        if tpl is None:
            note = QLabel(t("compose.no_card_hint"), self.form_host)
            note.setWordWrap(True)
            self.form.addRow(note)
            return
        samples = tpl.samples or {}
        stack = self.session.undo_stack
        for f in tpl.fields:
            key = f"card.field:{f.id}"
            label = f.display_label() + (" *" if f.required else "")
            if f.type in ("text", "place", "time"):
                w = StackLineEdit(self.form_host, stack)
                if samples.get(f.id):
                    w.setPlaceholderText(str(samples[f.id]))
                elif f.type == "time":
                    w.setPlaceholderText("09.00")
                self.bind.line_edit(w, key, to_value=lambda s: s or None)
            elif f.type in ("multiline", "figures"):
                w = StackPlainTextEdit(self.form_host, stack)
                w.setFixedHeight(64)
                w.setTabChangesFocus(True)
                if f.type == "figures":
                    w.setPlaceholderText(t("compose.figures_placeholder"))
                self.bind.plain_text(w, key)
            elif f.type == "date":
                w = self._date_field(key)
            elif f.type == "person":
                w = self._person_field(key, f.display_label())
            elif f.type == "photo":
                w = self._photo_field(f.id, f.display_label())
            else:
                continue
            w.setObjectName(f"cardField_{f.id}")
            if f.type != "photo" and f.type != "person":
                w.setAccessibleName(f.display_label())
            tip = f.display_help() or ""
            if f.max_length:
                tip = (tip + "\n" if tip else "") + t("compose.max_length", n=f.max_length)
            if tip:
                w.setToolTip(tip)
            self.form.addRow(label, w)
            self.field_widgets[f.id] = w
        self._refresh_photo_rows()

    def _date_field(self, key: str) -> WhenEdit:
        w = WhenEdit(self.form_host, with_time=False, empty_text=t("compose.no_date"))
        w.set_reference_day(self.session.value("event_date"))
        self.bind.when_edit(w, key, iso=True)
        return w

    def _person_field(self, key: str, label: str) -> QWidget:
        box = QWidget(self.form_host)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        name = StackLineEdit(box, self.session.undo_stack)
        role = StackLineEdit(box, self.session.undo_stack)
        name.setPlaceholderText(t("compose.person_name"))
        role.setPlaceholderText(t("compose.person_role"))
        name.setAccessibleName(f"{label}: {t('compose.person_name')}")
        role.setAccessibleName(f"{label}: {t('compose.person_role')}")
        row.addWidget(name, 3)
        row.addWidget(role, 2)

        def edited(_text: str = "") -> None:
            if name.text() or role.text():
                self.session.edit(key, {"name": name.text(), "role": role.text()})
            else:
                self.session.edit(key, None)

        def show() -> None:
            value = self.session.value(key) or {}
            if isinstance(value, str):
                value = {"name": value, "role": ""}
            for edit, text in ((name, value.get("name", "")), (role, value.get("role", ""))):
                if edit.text() != text:
                    edit.setText(text)
                    if not edit.hasFocus():
                        edit.setCursorPosition(0)

        name.textEdited.connect(edited)
        role.textEdited.connect(edited)
        self.bind.add(key, show)
        show()
        return box

    def _photo_field(self, field_id: str, label: str) -> QWidget:
        box = QWidget(self.form_host)
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        choose = QPushButton(t("compose.choose_photo"), box)
        choose.setObjectName(f"choosePhoto_{field_id}")
        choose.setAccessibleName(t("compose.choose_photo_a11y", field=label))
        choose.clicked.connect(lambda: self.open_photo_dialog(field_id))
        choose.setIcon(icon("compose-photo", "insert-image"))
        name = QLabel(box)
        name.setObjectName(f"photoName_{field_id}")
        name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(choose)
        row.addWidget(name, 1)
        col.addLayout(row)
        alt = StackLineEdit(box, self.session.undo_stack)
        alt.setObjectName(f"altText_{field_id}")
        alt.setPlaceholderText(t("compose.alt_text_placeholder"))
        alt.setAccessibleName(t("compose.alt_text_a11y", field=label))
        alt.textEdited.connect(lambda text, f=field_id: self._alt_edited(f, text))
        col.addWidget(alt)
        self.photo_labels[field_id] = name
        self.alt_edits[field_id] = alt
        return box

    def _alt_edited(self, field_id: str, text: str) -> None:
        media = backend.photo_media(self.session.post, field_id)
        if media is not None:
            self.session.edit(f"media.alt:{media.sha256}", text)

    def _refresh_photo_rows(self) -> None:
        post = self.session.post
        for field_id, label in getattr(self, "photo_labels", {}).items():
            media = backend.photo_media(post, field_id)
            label.setText(media.filename if media else t("compose.no_photo"))
            label.setToolTip(media.filename if media else "")
            alt = self.alt_edits[field_id]
            alt.setEnabled(media is not None)
            text = media.alt_text if media else ""
            if alt.text() != text:
                alt.setText(text)
                alt.setCursorPosition(0)

    # -- photos -----------------------------------------------------------------------------
    def first_photo_field(self) -> str | None:
        if self.template is None:
            return None
        fields = self.template.photo_fields
        return fields[0] if fields else None

    def open_photo_dialog(self, field_id: str) -> None:
        dialog = QFileDialog(self, t("compose.choose_photo_title"))
        dialog.setObjectName("photoFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        patterns = " ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES))
        dialog.setNameFilter(t("compose.image_filter", patterns=patterns))
        self._photo_field_for_dialog = field_id
        dialog.fileSelected.connect(lambda path: self.use_photo_file(path, field_id))
        dialog.finished.connect(dialog.deleteLater)
        self._file_dialog = dialog
        dialog.open()

    def use_photo_file(self, path: str, field_id: str | None = None) -> None:
        """Import a photo into the media library (off the GUI thread) and use it."""
        field_id = field_id or self.first_photo_field()
        if field_id is None:
            self.session.saveFailed.emit(t("compose.no_photo_field"))
            return
        self.preview.set_message(t("compose.importing_photo"))
        workspace = self.workspace
        run_in_background(
            lambda: backend.import_photo_isolated(workspace, path),
            lambda media: self._photo_imported(field_id, media),
            lambda exc: self._show_error(
                exc.user_message() if isinstance(exc, SumbarError) else str(exc)
            ),
            owner=self,
        )

    def _photo_imported(self, field_id: str, media: Media) -> None:
        post = self.session.post
        old = backend.photo_media(post, field_id)
        keep = [
            m
            for m in post.media
            if old is None
            or m.sha256 != old.sha256
            or any(v == old.sha256 for k, v in post.card.fields.items() if k != field_id)
        ]
        if not any(m.sha256 == media.sha256 for m in keep):
            media = replace(media, credit=post.photo_credit, alt_text=old.alt_text if old else "")
            keep.append(media)
        self.session.edit_many(
            {"media": keep, f"card.field:{field_id}": media.sha256}, t("compose.undo_photo")
        )
        self.photoImported.emit(media.sha256)
        self.request_preview()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.preview.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.preview.dropEvent(event)

    # -- focal point ------------------------------------------------------------------------
    def _photo_geometry(self):
        field_id = self.first_photo_field()
        if field_id is None:
            return None
        media = backend.photo_media(self.session.post, field_id)
        rect = backend.photo_layer_rect(self.template, self.format_id, field_id)
        spec = backend.format_spec(self.format_id)
        if media is None or rect is None or spec is None or not media.width:
            return None
        out = (rect[2] * spec.width, rect[3] * spec.height)
        return media, rect, (media.width, media.height), out

    def set_focal_from_click(self, u: float, v: float) -> None:
        geometry = self._photo_geometry()
        if geometry is None:
            return
        media, rect, src, out = geometry
        fx, fy = backend.focal_from_click(u, v, rect, src, out, (media.focal_x, media.focal_y))
        self.session.edit(f"media.focal:{media.sha256}", (fx, fy), t("compose.undo_focal"))

    def _update_focal_marker(self) -> None:
        geometry = self._photo_geometry()
        if geometry is None:
            self.preview.set_focal_marker(None)
            return
        media, rect, src, out = geometry
        self.preview.set_focal_marker(
            backend.focal_to_card(rect, src, out, (media.focal_x, media.focal_y))
        )

    # -- format -----------------------------------------------------------------------------
    def set_format(self, format_id: str, request: bool = True) -> None:
        self.format_id = format_id
        button = self.format_buttons.get(format_id)
        if button is not None and not button.isChecked():
            button.setChecked(True)
        spec = backend.format_spec(format_id)
        if spec is not None:
            self.preview.set_format(spec.width, spec.height, spec.safe_zone)
        if request:
            self.request_preview()

    def _safe_zone_toggled(self, on: bool) -> None:
        self.preview.show_safe_zone = on
        self.preview.update()

    # -- preview ----------------------------------------------------------------------------
    def make_job(self) -> backend.RenderJob | None:
        if self.template is None:
            return None
        spec = backend.format_spec(self.format_id)
        if spec is None or self.format_id not in self.template.formats:
            return None
        target = self.preview.target_pixels()
        scale = min(target.width() / spec.width, target.height() / spec.height)
        scale = min(4.0, max(0.05, round(scale, 3)))
        fields = backend.resolve_card_fields(self.session.post, self.template, self.workspace)
        return backend.RenderJob(
            self.template.id, fields, self.format_id, scale, backend.brand_for(self.workspace)
        )

    def request_preview(self) -> None:
        spec = backend.format_spec(self.format_id)
        if spec is not None:
            self.preview.set_format(spec.width, spec.height, spec.safe_zone)
        job = self.make_job()
        if job is None:
            self.preview.set_message(t("compose.preview_empty"))
            self.report_label.setVisible(False)
            return
        self.renderer.request(job)

    def _show_image(self, image: QImage, report, job) -> None:
        image.setDevicePixelRatio(1.0)
        self.preview.set_image(image)
        self.last_report = report
        self.reports[job.format_id] = report
        warnings = backend.report_warnings(report)
        self.report_label.setText("\n".join(warnings))
        self.report_label.setVisible(bool(warnings))
        self._update_focal_marker()
        self.previewUpdated.emit(report)

    def _show_error(self, message: str) -> None:
        self.preview.set_message(message)

    def fit_template_rows(self) -> None:
        """As many rows of template thumbnails as the width needs, so none hides."""
        count = max(1, self.templates.rowCount())
        width = max(1, self.template_view.viewport().width())
        per_row = max(1, width // GRID.width())
        rows = -(-count // per_row)
        frame = self.template_view.frameWidth() * 2
        self.template_view.setFixedHeight(rows * GRID.height() + frame + 4)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_template_rows()
        if self.isVisible():
            self.request_preview()
