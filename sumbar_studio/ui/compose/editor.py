"""The post editor: title, master caption with per-platform tabs, counters, hashtags, caption
templates, event details, schedule (WIB) and assignee. Binds to an EditorSession only."""

from __future__ import annotations

import re

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.people import match_person
from ...core.platforms import default_catalog
from ..widgets import CounterChip, StackLineEdit
from ..widgets.flow import FlowLayout
from ..widgets.when import WhenEdit
from . import backend
from .binding import Bindings
from .caption_edit import CaptionEdit
from .session import EditorSession

MASTER = ""


def _fmt_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def parse_hashtags(text: str) -> list[str]:
    return [w if w.startswith("#") else f"#{w}" for w in re.split(r"[\s,;]+", text) if w.strip("#")]


class PlatformCaptionTab(QWidget):
    """One platform's caption: follows the master until overridden."""

    def __init__(self, platform: str, name: str, undo_stack, parent=None):
        super().__init__(parent)
        self.platform = platform
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        self.state = QLabel(self)
        self.state.setObjectName(f"variantState_{platform}")
        self.reset = QPushButton(t("compose.follow_master"), self)
        self.reset.setObjectName(f"followMaster_{platform}")
        self.reset.setAccessibleName(t("compose.follow_master_a11y", platform=name))
        self.state.setWordWrap(True)
        self.state.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.copy = QPushButton(t("photos_copy.copy_short"), self)
        self.copy.setObjectName(f"copyCaption_{platform}")
        self.copy.setAccessibleName(t("photos_copy.copy_for", platform=name))
        self.copy.setToolTip(t("photos_copy.copy_tip", platform=name))
        head.addWidget(self.state, 1)
        head.addWidget(self.copy)
        head.addWidget(self.reset)
        layout.addLayout(head)
        self.edit = CaptionEdit(self, undo_stack)
        self.edit.setObjectName(f"captionEdit_{platform}")
        self.edit.setAccessibleName(t("compose.caption_for", platform=name))
        layout.addWidget(self.edit, 1)


class PostEditor(QWidget):
    findingsUpdated = Signal(list)
    message = Signal(str)  # a short note for the status bar
    rulesChanged = Signal()  # the team dictionary changed: checks should run again

    def __init__(self, session: EditorSession, workspace, *, check_ms: int = 150, parent=None):
        super().__init__(parent)
        self.session = session
        self.workspace = workspace
        self.bind = Bindings(session)
        self.names = backend.platform_names()
        self.tabs_by_platform: dict[str, PlatformCaptionTab] = {}
        self.chips: dict[str, CounterChip] = {}
        self._building = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)

        # title
        title_row = QHBoxLayout()
        title_label = QLabel(t("compose.title_label"), self)
        self.title = StackLineEdit(self, session.undo_stack)
        self.title.setObjectName("titleEdit")
        self.title.setPlaceholderText(t("compose.title_placeholder"))
        self.title.setAccessibleName(t("compose.title_label"))
        title_label.setBuddy(self.title)
        title_row.addWidget(title_label)
        title_row.addWidget(self.title, 1)
        outer.addLayout(title_row)
        self.bind.line_edit(self.title, "title")

        # platforms + counters
        plat_row = QHBoxLayout()
        self.platforms_button = QToolButton(self)
        self.platforms_button.setObjectName("platformsButton")
        self.platforms_button.setText(t("compose.platforms"))
        self.platforms_button.setAccessibleName(t("compose.platforms"))
        self.platforms_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.platforms_menu = QMenu(self.platforms_button)
        self.platform_actions = {}
        for pid, name in self.names.items():
            action = self.platforms_menu.addAction(name)
            action.setCheckable(True)
            action.setData(pid)
            action.toggled.connect(self._platforms_toggled)
            self.platform_actions[pid] = action
        self.platforms_button.setMenu(self.platforms_menu)
        plat_row.addWidget(self.platforms_button)
        self.counter_box = QWidget(self)
        self.counter_box.setObjectName("counters")
        self.counter_layout = FlowLayout(self.counter_box)
        plat_row.addWidget(self.counter_box, 1)
        self.copy_button = QToolButton(self)
        self.copy_button.setObjectName("copyCaptionButton")
        self.copy_button.setText(t("photos_copy.copy_menu"))
        self.copy_button.setAccessibleName(t("photos_copy.copy_menu"))
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.copy_menu = QMenu(self.copy_button)
        self.copy_menu.aboutToShow.connect(self._fill_copy_menu)
        self.copy_button.setMenu(self.copy_menu)
        outer.addLayout(plat_row)

        # caption tabs
        self.caption_tabs = QTabWidget(self)
        self.caption_tabs.setObjectName("captionTabs")
        self.caption_tabs.setDocumentMode(True)
        self.caption_tabs.setUsesScrollButtons(True)
        self.master = CaptionEdit(self, session.undo_stack)
        self.master.setObjectName("captionEdit")
        self.master.setAccessibleName(t("compose.caption_master"))
        self.master.setPlaceholderText(t("compose.caption_placeholder"))
        self.caption_tabs.addTab(self.master, t("compose.caption_master"))
        self.caption_tabs.setCornerWidget(self.copy_button, Qt.Corner.TopRightCorner)
        outer.addWidget(self.caption_tabs, 3)
        self.bind.plain_text(self.master, "caption")
        self.master.replaceRequested.connect(lambda s, e, x: self._replace("caption", s, e, x))
        self._offer_team_dictionary(self.master)
        self.caption_tabs.currentChanged.connect(lambda _i: self.schedule_check())

        # hashtags and caption template
        tools = QGridLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        self.hashtags = StackLineEdit(self, session.undo_stack)
        self.hashtags.setObjectName("hashtagsEdit")
        self.hashtags.setAccessibleName(t("compose.hashtags"))
        self.hashtags.setPlaceholderText("#DPRDSumbar")
        self.bind.line_edit(
            self.hashtags, "hashtags", to_value=parse_hashtags, to_text=lambda v: " ".join(v or [])
        )
        self.hashtag_set = QComboBox(self)
        self.hashtag_set.setObjectName("hashtagSetCombo")
        self.hashtag_set.setAccessibleName(t("compose.hashtag_set"))
        self.hashtag_set.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.hashtag_set.setMinimumContentsLength(10)
        self.hashtag_set.addItem(t("compose.hashtag_set_choose"), None)
        for hs in backend.hashtag_sets(workspace):
            self.hashtag_set.addItem(hs.title, hs.id)
            self.hashtag_set.setItemData(
                self.hashtag_set.count() - 1, " ".join(hs.tags), Qt.ItemDataRole.ToolTipRole
            )
        self.hashtag_set.activated.connect(self._apply_hashtag_set)
        hashtag_label = QLabel(t("compose.hashtags"), self)
        hashtag_label.setBuddy(self.hashtags)
        tools.addWidget(hashtag_label, 0, 0)
        tools.addWidget(self.hashtags, 0, 1)
        tools.addWidget(self.hashtag_set, 0, 2)

        self.caption_template = QComboBox(self)
        self.caption_template.setObjectName("captionTemplateCombo")
        self.caption_template.setAccessibleName(t("compose.caption_template"))
        self.caption_template.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.caption_template.setMinimumContentsLength(12)
        for ct in backend.caption_templates():
            self.caption_template.addItem(ct.title, ct.id)
        self.fill_caption = QPushButton(t("compose.fill_caption"), self)
        self.fill_caption.setObjectName("fillCaptionButton")
        self.fill_caption.setAccessibleName(t("compose.fill_caption"))
        self.fill_caption.clicked.connect(self._fill_from_template)
        has_templates = self.caption_template.count() > 0
        self.caption_template.setEnabled(has_templates)
        self.fill_caption.setEnabled(has_templates)
        if not has_templates:
            self.caption_template.addItem(t("compose.no_caption_templates"), None)
        ct_label = QLabel(t("compose.caption_template"), self)
        ct_label.setBuddy(self.caption_template)
        tools.addWidget(ct_label, 1, 0)
        tools.addWidget(self.caption_template, 1, 1)
        tools.addWidget(self.fill_caption, 1, 2)
        tools.setColumnStretch(1, 1)
        outer.addLayout(tools)

        # details
        details = QFormLayout()
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        details.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.event_date = WhenEdit(self, with_time=False, empty_text=t("compose.no_date"))
        self.event_date.setObjectName("eventDateEdit")
        self.event_date.setAccessibleName(t("compose.event_date"))
        self.event_date.invalid.connect(self.message)
        self.bind.when_edit(self.event_date, "event_date")
        self.place = self._line("placeEdit", "compose.place", "place")
        self.source = self._line("sourceEdit", "compose.source", "source")
        self.credit = self._line("creditEdit", "compose.photo_credit", "photo_credit")
        self.schedule = WhenEdit(self, with_time=True)
        self.schedule.setObjectName("scheduleEdit")
        self.schedule.setAccessibleName(t("compose.schedule"))
        self.schedule.invalid.connect(self.message)
        self.bind.when_edit(self.schedule, "scheduled_at")
        # the picker opens at the event date when nothing is scheduled yet
        self.bind.add(
            "event_date", lambda: self.schedule.set_reference_day(self.session.value("event_date"))
        )
        self.schedule.set_reference_day(self.session.value("event_date"))
        self.assignee = QComboBox(self)
        self.assignee.setObjectName("assigneeCombo")
        self.assignee.setEditable(True)
        self.assignee.setAccessibleName(t("compose.assignee"))
        self.assignee.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.assignee.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.assignee.setMinimumContentsLength(10)
        self.assignee.setPlaceholderText(t("compose.assignee"))
        self._fill_people()
        completer = self.assignee.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.bind.combo_text(self.assignee, "assignee")
        self.assignee.lineEdit().editingFinished.connect(self._resolve_assignee)
        session.postLoaded.connect(self._fill_people)

        row1 = QHBoxLayout()
        row1.addWidget(self.event_date)
        place_label = QLabel(t("compose.place"), self)
        place_label.setBuddy(self.place)
        row1.addWidget(place_label)
        row1.addWidget(self.place, 1)
        details.addRow(t("compose.event_date"), row1)
        row2 = QHBoxLayout()
        row2.addWidget(self.source, 1)
        credit_label = QLabel(t("compose.photo_credit"), self)
        credit_label.setBuddy(self.credit)
        row2.addWidget(credit_label)
        row2.addWidget(self.credit, 1)
        details.addRow(t("compose.source"), row2)
        row3 = QHBoxLayout()
        row3.addWidget(self.schedule)
        assignee_label = QLabel(t("compose.assignee"), self)
        assignee_label.setBuddy(self.assignee)
        row3.addWidget(assignee_label)
        row3.addWidget(self.assignee, 1)
        details.addRow(t("compose.schedule"), row3)
        outer.addLayout(details)

        # checks as the officer types (debounced)
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(check_ms)
        self.check_timer.timeout.connect(self.run_checks)

        session.postLoaded.connect(self._rebuild_platforms)
        session.fieldChanged.connect(self._field_changed)
        session.contentChanged.connect(self.schedule_check)
        self._rebuild_platforms()

    def team_names(self) -> list[str]:
        return [p.name for p in self.workspace.team_settings().people if p.name.strip()]

    def _fill_people(self) -> None:
        """The team's people, read afresh (someone may have been added in Pengaturan)."""
        with QSignalBlocker(self.assignee):
            current = self.assignee.currentText()
            self.assignee.clear()
            self.assignee.addItem("")
            for name in self.team_names():
                self.assignee.addItem(name)
            self.assignee.setCurrentText(current)

    def _resolve_assignee(self) -> None:
        """ "Rina" becomes "Rina Marlina, S.I.Kom." when that is the one person meant, so the
        queue's filter by person finds the post."""
        typed = self.assignee.currentText().strip()
        names = self.team_names()
        if typed in names:
            return
        full = match_person(typed, names)
        if full:
            self.assignee.setCurrentText(full)
            self.session.edit("assignee", full)

    def _line(self, name: str, label_id: str, key: str) -> StackLineEdit:
        edit = StackLineEdit(self, self.session.undo_stack)
        edit.setObjectName(name)
        edit.setAccessibleName(t(label_id))
        self.bind.line_edit(edit, key)
        return edit

    # -- platforms and tabs -----------------------------------------------------------------
    def _platforms_toggled(self, _checked: bool) -> None:
        if self._building:
            return
        chosen = [pid for pid, a in self.platform_actions.items() if a.isChecked()]
        self.session.edit("platforms", chosen, t("compose.undo_platforms"))

    def _field_changed(self, key: str) -> None:
        if key in ("caption", "hashtags") or key.startswith("variant:"):
            self.update_counters()
        if key == "platforms":
            self._rebuild_platforms()
        elif key == "caption":
            for tab in self.tabs_by_platform.values():
                self._show_variant(tab)
        elif key.startswith("variant:"):
            tab = self.tabs_by_platform.get(key.split(":", 1)[1])
            if tab is not None:
                self._show_variant(tab)

    def _rebuild_platforms(self) -> None:
        post = self.session.post
        self._building = True
        for pid, action in self.platform_actions.items():
            action.setChecked(pid in post.platforms)
        self._building = False
        names = [self.names.get(p, p) for p in post.platforms]
        self.platforms_button.setText(
            t("compose.platforms_count", count=len(names)) if names else t("compose.platforms")
        )
        self.platforms_button.setToolTip(", ".join(names))
        wanted = [p for p in post.platforms if default_catalog().platforms.get(p)]
        current = list(self.tabs_by_platform)
        if wanted != current:
            for tab in self.tabs_by_platform.values():
                self.caption_tabs.removeTab(self.caption_tabs.indexOf(tab))
                tab.deleteLater()
            self.tabs_by_platform = {}
            for pid in wanted:
                tab = PlatformCaptionTab(
                    pid, self.names.get(pid, pid), self.session.undo_stack, self.caption_tabs
                )
                tab.edit.textChanged.connect(lambda tab=tab: self._variant_typed(tab))
                tab.edit.replaceRequested.connect(
                    lambda s, e, x, p=pid: self._replace(f"variant:{p}", s, e, x)
                )
                tab.copy.clicked.connect(lambda _=False, p=pid: self.copy_caption(p))
                self._offer_team_dictionary(tab.edit)
                tab.reset.clicked.connect(
                    lambda _=False, p=pid: self.session.edit(
                        f"variant:{p}", None, t("compose.follow_master")
                    )
                )
                self.tabs_by_platform[pid] = tab
                self.caption_tabs.addTab(tab, self.names.get(pid, pid))
        for tab in self.tabs_by_platform.values():
            self._show_variant(tab)
        self._rebuild_counters()

    def _show_variant(self, tab: PlatformCaptionTab) -> None:
        post = self.session.post
        overridden = post.is_overridden(tab.platform)
        name = self.names.get(tab.platform, tab.platform)
        tab.state.setText(
            t("compose.variant_overridden", platform=name)
            if overridden
            else t("compose.variant_follows")
        )
        tab.reset.setEnabled(overridden)
        index = self.caption_tabs.indexOf(tab)
        self.caption_tabs.setTabText(index, f"{name} *" if overridden else name)
        text = post.caption_for(tab.platform)
        if tab.edit.toPlainText() != text:
            with QSignalBlocker(tab.edit):
                tab.edit.set_text_keep_cursor(text)

    def _variant_typed(self, tab: PlatformCaptionTab) -> None:
        if tab.edit.signalsBlocked():
            return
        text = tab.edit.toPlainText()
        if not self.session.post.is_overridden(tab.platform) and text == self.session.post.caption:
            return
        self.session.edit(f"variant:{tab.platform}", text)

    def _replace(self, key: str, start: int, end: int, text: str) -> None:
        if key.startswith("variant:"):
            current = self.session.post.caption_for(key.split(":", 1)[1])
        else:
            current = self.session.value(key) or ""
        new = current[:start] + text + current[end:]
        self.session.edit_many({key: new}, t("compose.undo_replace"))

    # -- copy for pasting into a platform ---------------------------------------------------
    def _fill_copy_menu(self) -> None:
        self.copy_menu.clear()
        for pid in self.session.post.platforms:
            name = self.names.get(pid, pid)
            action = self.copy_menu.addAction(t("photos_copy.copy_for", platform=name))
            action.setObjectName(f"copyCaptionAction_{pid}")
            action.triggered.connect(lambda _=False, p=pid: self.copy_caption(p))

    def copy_caption(self, platform: str) -> str:
        """Put the caption exactly as it is pasted into ``platform`` (its own text, hashtags
        within its limit) on the clipboard."""
        text = backend.caption_to_paste(self.session.post, platform)
        QGuiApplication.clipboard().setText(text)
        name = self.names.get(platform, platform)
        self.message.emit(t("photos_copy.copied", platform=name, count=_fmt_number(len(text))))
        return text

    # -- counters ---------------------------------------------------------------------------
    def _rebuild_counters(self) -> None:
        for chip in self.chips.values():
            self.counter_layout.removeWidget(chip)
            chip.deleteLater()
        self.chips = {}
        while self.counter_layout.count():
            self.counter_layout.takeAt(0)
        for pid in self.session.post.platforms:
            chip = CounterChip(self.counter_box)
            chip.setObjectName(f"counter_{pid}")
            chip.setAccessibleName(t("compose.counter_a11y", platform=self.names.get(pid, pid)))
            self.chips[pid] = chip
            self.counter_layout.addWidget(chip)
        self.update_counters()

    def update_counters(self) -> None:
        for counter in backend.counters(self.session.post):
            chip = self.chips.get(counter.platform)
            if chip is None:
                continue
            short = counter.name.split()[0]
            if counter.level == "none":
                chip.setText(t("compose.counter_no_caption", platform=short))
            else:
                chip.setText(f"{short} {_fmt_number(counter.length)}/{_fmt_number(counter.limit)}")
            chip.set_level(counter.level)
            chip.setToolTip(
                t(
                    f"compose.counter_tip_{counter.level}",
                    platform=counter.name,
                    length=_fmt_number(counter.length),
                    limit=_fmt_number(counter.limit),
                )
            )

    # -- hashtags and caption templates -----------------------------------------------------
    def _apply_hashtag_set(self, index: int) -> None:
        set_id = self.hashtag_set.itemData(index)
        if not set_id:
            return
        tags = next((hs.tags for hs in backend.hashtag_sets(self.workspace) if hs.id == set_id), ())
        merged = list(self.session.post.hashtags)
        for tag in tags:
            if tag.lower() not in {h.lower() for h in merged}:
                merged.append(tag)
        self.session.edit_many({"hashtags": merged}, t("compose.undo_hashtags"))
        self.hashtag_set.setCurrentIndex(0)

    def _fill_from_template(self) -> None:
        template_id = self.caption_template.currentData()
        if not template_id:
            return
        try:
            text, to_fill = backend.render_caption(template_id, self.session.post, None)
        except SumbarError as err:
            self.message.emit(err.user_message())
            return
        self.session.edit_many({"caption": text}, t("compose.fill_caption"))
        if to_fill:
            self.message.emit(t("compose_more.template_to_fill", fields=", ".join(to_fill)))

    # -- inline findings --------------------------------------------------------------------
    def _offer_team_dictionary(self, edit: CaptionEdit) -> None:
        if self.workspace is not None:
            edit.offers_team_dictionary = True
            edit.addWordRequested.connect(self.add_team_word)

    def add_team_word(self, word: str) -> None:
        """ "Tambahkan ke kamus tim": the word joins the workspace's team dictionary and the
        text is checked again at once."""
        try:
            message = backend.add_team_word(self.workspace, word)
        except SumbarError as err:
            message = err.user_message()
        self.message.emit(message)
        self.run_checks()
        self.rulesChanged.emit()

    def schedule_check(self) -> None:
        self.check_timer.start()

    def current_caption_edit(self) -> tuple[CaptionEdit, list[str]]:
        widget = self.caption_tabs.currentWidget()
        if isinstance(widget, PlatformCaptionTab):
            return widget.edit, [widget.platform]
        return self.master, list(self.session.post.platforms)

    def run_checks(self) -> None:
        edit, platforms = self.current_caption_edit()
        text = edit.toPlainText()
        findings = backend.check_text(text, platforms, self.workspace)
        if edit is self.master:  # platform fit (e.g. past X's limit) shows in that tab
            shown = [f for f in findings if getattr(f, "platform", "") in ("", None)]
        else:
            shown = findings
        edit.set_findings(shown, text)
        self.findingsUpdated.emit(shown)
