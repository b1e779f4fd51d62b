"""Brand kit settings: colours, logo, fonts, footer, handles, hashtags, with a live sample card.

Edits are an overlay on the shipped brand kit (TeamSettings.brand); the sample card is rendered
by the card renderer on the serial worker a moment after the last change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...core.cards.brand import parse_hex
from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.postcard import brand_with
from ...core.resources import asset_path
from ..background import run_in_background

COLOR_TOKENS = ("primary", "secondary", "dark", "light", "text", "muted")
FONT_TOKENS = ("heading", "body")
SAMPLE_TEMPLATE = "agenda"


def _split(text: str) -> list[str]:
    return [p for p in (x.strip() for x in text.replace("\n", ",").split(",")) if p]


def render_sample(overlay: dict, template_id: str = SAMPLE_TEMPLATE, scale: float = 0.42) -> QImage:
    """Render the sample card for a brand overlay (worker thread: Pillow, then a QImage)."""
    from ...core.cards import load_template, render

    brand = brand_with(overlay)
    template = load_template(template_id)
    fields = {k: v for k, v in template.samples.items() if not k.startswith("_")}
    image = render(template, fields, brand, "1x1", scale=scale).image.convert("RGB")
    data = image.tobytes()
    return QImage(
        data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888
    ).copy()


def sample_side(widget) -> int:
    """The sample card's side: 454 px, less on a short laptop screen so the dialog fits."""
    screen = widget.screen() if widget is not None else None
    height = screen.availableGeometry().height() if screen is not None else 1000
    return max(300, min(454, height - 310))


class BrandPanel(QWidget):
    changed = Signal()

    def __init__(self, team_settings, parent=None, *, delay_ms: int = 250):
        super().__init__(parent)
        self.setObjectName("brandPanel")
        self.team = team_settings
        self.brand = brand_with(team_settings.brand)
        layout = QHBoxLayout(self)
        form_box = QWidget(self)
        form = QFormLayout(form_box)
        self.color_edits: dict[str, QLineEdit] = {}
        for token in COLOR_TOKENS:
            row = QHBoxLayout()
            edit = QLineEdit(self.brand.colors.get(token, ""), self)
            edit.setObjectName(f"color_{token}")
            edit.setMaxLength(7)
            edit.setFixedWidth(90)
            swatch = QPushButton(self)
            swatch.setObjectName(f"swatch_{token}")
            swatch.setFixedWidth(36)
            swatch.setToolTip(t("settings.pick_color"))
            swatch.clicked.connect(lambda _=False, tok=token: self.pick_color(tok))
            edit.textChanged.connect(lambda _t, tok=token: self._color_changed(tok))
            row.addWidget(edit)
            row.addWidget(swatch)
            row.addStretch(1)
            self.color_edits[token] = edit
            setattr(self, f"_swatch_{token}", swatch)
            form.addRow(t(f"settings.color_{token}"), row)
            self._paint_swatch(token)
        logo_row = QHBoxLayout()
        self.logo_edit = QLineEdit(self.brand.logo, self)
        self.logo_edit.setObjectName("logoPath")
        browse = QPushButton(t("settings.browse"), self)
        browse.clicked.connect(self.browse_logo)
        logo_row.addWidget(self.logo_edit, 1)
        logo_row.addWidget(browse)
        form.addRow(t("settings.logo"), logo_row)
        self.logo_hint = QLabel(t("prefs.logo_missing_settings"), self)
        self.logo_hint.setObjectName("logoHint")
        self.logo_hint.setWordWrap(True)
        self.logo_hint.setStyleSheet("color: #8a5a00; background: #fff4d6; padding: 4px 6px;")
        form.addRow(self.logo_hint)
        self.logo_edit.textChanged.connect(self._update_logo_hint)
        self._update_logo_hint()
        fonts = sorted(p.name for p in asset_path("fonts").glob("*.[ot]tf"))
        self.font_combos: dict[str, QComboBox] = {}
        for token in FONT_TOKENS:
            combo = QComboBox(self)
            combo.setObjectName(f"font_{token}")
            combo.addItems(fonts)
            combo.setCurrentText(self.brand.fonts.get(token, ""))
            combo.currentTextChanged.connect(lambda _t: self.schedule())
            self.font_combos[token] = combo
            form.addRow(t(f"settings.font_{token}"), combo)
        self.website = QLineEdit(self.brand.website, self)
        self.website.setObjectName("website")
        self.handles = QLineEdit(", ".join(self.brand.handles), self)
        self.handles.setObjectName("handles")
        self.hashtags = QLineEdit(", ".join(self.brand.hashtags), self)
        self.hashtags.setObjectName("hashtags")
        form.addRow(t("settings.footer_website"), self.website)
        form.addRow(t("settings.handles"), self.handles)
        form.addRow(t("settings.hashtags"), self.hashtags)
        for w in (self.logo_edit, self.website, self.handles, self.hashtags):
            w.textChanged.connect(lambda _t: self.schedule())
        self.error = QLabel(self)
        self.error.setObjectName("brandError")
        self.error.setStyleSheet("color: #b01e23;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        layout.addWidget(form_box, 1)
        preview_box = QVBoxLayout()
        caption = QLabel(t("settings.sample_card"), self)
        self.sample = QLabel(self)
        self.sample.setObjectName("sampleCard")
        self.sample.setFixedSize(*(sample_side(self),) * 2)
        self.sample.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sample.setStyleSheet("background: #ddd;")
        preview_box.addWidget(caption)
        preview_box.addWidget(self.sample)
        preview_box.addStretch(1)
        layout.addLayout(preview_box)
        self.renders = 0
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.update_sample)
        self.schedule()

    # -- values -----------------------------------------------------------------------------
    def overlay(self) -> dict:
        """The brand settings as an overlay dict (only valid colours)."""
        colors = {}
        for token, edit in self.color_edits.items():
            try:
                parse_hex(edit.text())
                colors[token] = "#" + edit.text().strip().lstrip("#").upper()
            except ValueError:
                continue
        data = dict(self.team.brand or {})
        data["colors"] = {**data.get("colors", {}), **colors}
        data["fonts"] = {
            **data.get("fonts", {}),
            **{k: c.currentText() for k, c in self.font_combos.items()},
        }
        data["logo"] = self.logo_edit.text().strip() or self.brand.logo
        data["logo_is_placeholder"] = data["logo"] == "logo-placeholder.png"
        data["footer"] = {
            "website": self.website.text().strip(),
            "handles": _split(self.handles.text()),
        }
        data["hashtags"] = [
            h if h.startswith("#") else f"#{h}" for h in _split(self.hashtags.text())
        ]
        return data

    def invalid_colors(self) -> list[str]:
        bad = []
        for token, edit in self.color_edits.items():
            try:
                parse_hex(edit.text())
            except ValueError:
                bad.append(token)
        return bad

    def apply(self) -> None:
        self.team.brand = self.overlay()

    # -- colour editing ---------------------------------------------------------------------
    def _paint_swatch(self, token: str) -> None:
        swatch = getattr(self, f"_swatch_{token}")
        text = self.color_edits[token].text()
        try:
            parse_hex(text)
            swatch.setStyleSheet(
                f"background: #{text.strip().lstrip('#')}; border: 1px solid #888;"
            )
        except ValueError:
            swatch.setStyleSheet("background: transparent; border: 1px dashed #b01e23;")

    def _color_changed(self, token: str) -> None:
        self._paint_swatch(token)
        bad = self.invalid_colors()
        self.error.setText(t("settings.color_invalid", tokens=", ".join(bad)) if bad else "")
        self.schedule()

    def pick_color(self, token: str):
        dialog = QColorDialog(QColor(self.color_edits[token].text()), self)
        dialog.setObjectName("colorDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.colorSelected.connect(lambda c: self.color_edits[token].setText(c.name().upper()))
        dialog.open()
        return dialog

    def logo_is_placeholder(self) -> bool:
        text = self.logo_edit.text().strip()
        return not text or text == "logo-placeholder.png"

    def _update_logo_hint(self, *_args) -> None:
        self.logo_hint.setVisible(self.logo_is_placeholder())

    def browse_logo(self) -> None:
        chooser = QFileDialog(self, t("settings.logo"), "", t("settings.image_filter"))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(self.logo_edit.setText)
        chooser.open()

    # -- sample card ------------------------------------------------------------------------
    def schedule(self) -> None:
        self._timer.start()
        self.changed.emit()

    def update_sample(self) -> None:
        self._generation += 1
        generation = self._generation
        overlay = self.overlay()
        run_in_background(
            lambda: render_sample(overlay),
            lambda image: self._show(generation, image),
            lambda exc: self._sample_failed(generation, exc),
            serial=True,
        )

    def _show(self, generation: int, image: QImage) -> None:
        if not isValid(self) or generation != self._generation:
            return  # a newer edit is on its way
        self.renders += 1
        self.sample.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.sample.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _sample_failed(self, generation: int, exc: BaseException) -> None:
        if isValid(self) and generation == self._generation:
            message = exc.user_message() if isinstance(exc, SumbarError) else str(exc)
            self.error.setText(t("settings.sample_failed", detail=message))
