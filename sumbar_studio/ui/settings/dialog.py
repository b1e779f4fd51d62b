"""The settings dialog: brand kit, people, rule lists, platform data, workspace, backups and
official accounts. Team settings go to the workspace's team.json, personal ones to the
per-user settings file; account passwords only to the OS keyring."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core import i18n
from ...core.errors import SumbarError
from ...core.fileutil import write_text_atomic
from ...core.i18n import LANGUAGES, t
from ...core.nip import nip_problem
from ...core.resources import asset_path
from ...core.settings import AppSettings, Person
from ..dialogs.backup import BackupPanel
from ..widgets.records import RecordTableModel
from .accounts import AccountsPanel
from .brand import BrandPanel

_ROOT = QModelIndex()
RULE_FILES = (("lexicon.txt", "lexicon"), ("roster.tsv", "roster"), ("extra_words.txt", "extra"))
PLATFORM_FIELDS = ("caption_limit", "hashtag_limit", "max_images", "alt_text_limit")


class PeopleModel(RecordTableModel):
    """Officers and approvers with their NIP; approval right as a tick box."""

    COLUMNS = ("name", "nip", "role", "can_approve")
    HEADER_PREFIX = "settings.person_"
    BOOL_COLUMNS = frozenset({"can_approve"})

    def __init__(self, people: list[Person], parent=None):
        super().__init__(people, parent)

    @property
    def people(self) -> list[Person]:
        return self.records

    def nip_problem(self, row: int) -> str | None:
        person = self.people[row]
        if person.nip.strip():
            return nip_problem(person.nip)
        if person.can_approve:
            return t("nip.approver_needs_nip", name=person.name)
        return None

    def problems(self) -> list[str]:
        """Every NIP problem, one line per person (shown as the officer types)."""
        out = []
        for row, person in enumerate(self.people):
            if problem := self.nip_problem(row):
                out.append(t("nip.row", row=row + 1, name=person.name, problem=problem))
        return out

    def tooltip(self, row: int, column: str) -> str | None:
        if column == "nip":
            return self.nip_problem(row) or t("settings.nip_hint")
        return None

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and self.COLUMNS[index.column()] == "nip"
            and self.nip_problem(index.row())
        ):
            return QBrush(QColor("#b01e23"))
        return super().data(index, role)

    def commit(self, row: int, column: str, value) -> bool:
        super().commit(row, column, value)
        if column == "can_approve":  # the NIP cell's verdict depends on it
            nip_index = self.index(row, self.COLUMNS.index("nip"))
            self.dataChanged.emit(nip_index, nip_index)
        return True

    def add(self) -> int:
        return self.append(Person(name=t("settings.new_person")))

    def remove(self, row: int) -> None:
        self.take(row)


class PlatformModel(QAbstractTableModel):
    """Platform limits as data: name, caption limit, hashtags, images, alt text, source."""

    COLUMNS = ("name", *PLATFORM_FIELDS, "source")

    def __init__(self, data: dict, parent=None):
        super().__init__(parent)
        self.data_ = json.loads(json.dumps(data))
        self.ids = list(self.data_["platforms"])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        value = self.data_["platforms"][self.ids[index.row()]].get(self.COLUMNS[index.column()])
        if value is None:
            return "" if role == Qt.ItemDataRole.DisplayRole else ""
        return str(value)

    def setData(self, index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = self.COLUMNS[index.column()]
        entry = self.data_["platforms"][self.ids[index.row()]]
        text = str(value).strip()
        if column in PLATFORM_FIELDS:
            if text == "" and column == "alt_text_limit":
                entry[column] = None
            elif text.isdigit() and int(text) > 0:
                entry[column] = int(text)
            else:
                return False
        else:
            entry[column] = text
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return t(f"settings.platform_{self.COLUMNS[section]}")
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.ids):
            return self.ids[section]
        return None


def team_roles(workspace) -> tuple[str, ...] | None:
    """This login's roles on the team server (officer/approver/viewer/admin); None for a local
    workspace, () when the server cannot be asked (offline: nothing shared is changed)."""
    if not getattr(workspace, "is_team", False):
        return None
    if getattr(workspace, "offline", False):
        return ()
    try:
        return workspace.roles()
    except Exception:  # noqa: BLE001 -- a server gone meanwhile: read-only, like offline
        return ()


def make_read_only(page: QWidget, note: str) -> QLabel:
    """Show a settings page without letting it change: text read-only, tables not editable,
    buttons and choices disabled, and a note at the top saying who changes it."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox

    for edit in page.findChildren(QLineEdit):
        edit.setReadOnly(True)
    for text in page.findChildren(QPlainTextEdit):
        text.setReadOnly(True)
    for view in page.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    for widget in [
        *page.findChildren(QAbstractButton),
        *page.findChildren(QComboBox),
        *page.findChildren(QAbstractSpinBox),
    ]:
        widget.setEnabled(False)
    label = QLabel(note, page)
    label.setObjectName("readOnlyNote")
    label.setWordWrap(True)
    label.setStyleSheet("color: #7a4100; background: #fff4e5; padding: 4px;")
    layout = page.layout()
    if isinstance(layout, QVBoxLayout | QFormLayout):
        layout.insertRow(0, label) if isinstance(layout, QFormLayout) else layout.insertWidget(
            0, label
        )
    return label


class SettingsDialog(QDialog):
    saved = Signal()
    restored = Signal()
    #: team mode: a server address chosen in "Sambungkan ke server tim" (the window opens it)

    def __init__(
        self,
        workspace,
        app_settings: AppSettings | None = None,
        parent=None,
        *,
        credential_store=None,
    ):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(t("settings.title"))
        available = self.screen().availableGeometry()
        # fits a 1280x720 laptop (window frame and taskbar included)
        self.resize(min(1040, available.width() - 40), min(680, available.height() - 70))
        self.workspace = workspace
        self.app_settings = app_settings or AppSettings.load()
        self.team = workspace.team_settings()
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        layout.addWidget(self.tabs, 1)

        self.brand = BrandPanel(self.team, self)
        self.tabs.addTab(self.brand, t("settings.tab_brand"))
        self.tabs.addTab(self._people_tab(), t("settings.tab_people"))
        self.tabs.addTab(self._rules_tab(), t("settings.tab_rules"))
        self.tabs.addTab(self._platforms_tab(), t("settings.tab_platforms"))
        self.tabs.addTab(self._workspace_tab(), t("settings.tab_workspace"))
        self.backup = BackupPanel(workspace, self.team, self)
        self.backup.restored.connect(self.restored)
        self.tabs.addTab(self.backup, t("settings.tab_backup"))
        self.accounts = AccountsPanel(self.team, credential_store, self)
        self.tabs.addTab(self.accounts, t("settings.tab_accounts"))
        #: team mode: whether this login may change team.json and platforms.json (approvers
        #: and admins; officers change only the rule lists); always True for a local workspace
        self.roles = team_roles(workspace)
        self.may_edit_team = self.roles is None or bool({"approver", "admin"} & set(self.roles))
        self.read_only_notes: list[QLabel] = []
        if not self.may_edit_team:
            offline = bool(getattr(workspace, "offline", False))
            note = t("team_desk.settings_offline" if offline else "team_desk.settings_read_only")
            pages = [self.brand, self.tabs.widget(1), self.tabs.widget(3), self.accounts]
            if offline:
                pages += [self.tabs.widget(2), self.backup]
            for page in pages:
                self.read_only_notes.append(make_read_only(page, note))

        self.error = QLabel(self)
        self.error.setObjectName("settingsError")
        self.error.setStyleSheet("color: #b01e23;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # -- tabs -------------------------------------------------------------------------------
    def _people_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        intro = QLabel(t("settings.people_intro"), page)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.people_model = PeopleModel(self.team.people, page)
        self.people_table = QTableView(page)
        self.people_table.setObjectName("peopleTable")
        self.people_table.setModel(self.people_model)
        self.people_table.verticalHeader().hide()
        self.people_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.people_table, 1)
        self.people_problems = QLabel(page)
        self.people_problems.setObjectName("peopleProblems")
        self.people_problems.setStyleSheet("color: #b01e23;")
        self.people_problems.setWordWrap(True)
        layout.addWidget(self.people_problems)
        self.people_model.dataChanged.connect(self._show_people_problems)
        self.people_model.rowsRemoved.connect(self._show_people_problems)
        self._show_people_problems()
        row = QHBoxLayout()
        add = QPushButton(t("settings.person_add"), page)
        add.setObjectName("personAdd")
        remove = QPushButton(t("settings.person_remove"), page)
        remove.setObjectName("personRemove")
        add.clicked.connect(
            lambda: self.people_table.setCurrentIndex(
                self.people_model.index(self.people_model.add(), 0)
            )
        )
        remove.clicked.connect(
            lambda: self.people_model.remove(self.people_table.currentIndex().row())
        )
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        form = QFormLayout()
        self.preparer = QLineEdit(self.team.preparer, page)
        self.preparer.setObjectName("preparer")
        self.head = QLineEdit(self.team.head_of_section, page)
        self.head.setObjectName("headOfSection")
        self.city = QLineEdit(self.team.city, page)
        self.city.setObjectName("city")
        form.addRow(t("settings.preparer"), self.preparer)
        form.addRow(t("settings.head_of_section"), self.head)
        form.addRow(t("settings.city"), self.city)
        layout.addLayout(form)
        return page

    def _show_people_problems(self, *_args) -> None:
        problems = self.people_model.problems()
        self.people_problems.setText("\n".join(problems))
        self.people_problems.setVisible(bool(problems))

    def rules_dir(self) -> Path:
        return self.workspace.path / "rules"

    def _rules_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        intro = QLabel(t("settings.rules_intro", path=str(self.rules_dir())), page)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        tabs = QTabWidget(page)
        self.rule_edits: dict[str, QPlainTextEdit] = {}
        self._rule_original: dict[str, str] = {}
        for filename, key in RULE_FILES:
            edit = QPlainTextEdit(page)
            edit.setObjectName(f"rules_{key}")
            own = self.rules_dir() / filename
            shipped = asset_path("rules", filename)
            text = ""
            if own.is_file():  # a damaged team file still opens (undecodable bytes shown as �)
                text = own.read_bytes().decode("utf-8", errors="replace")
            elif shipped.is_file():
                text = shipped.read_text(encoding="utf-8")
            edit.setPlainText(text)
            self._rule_original[filename] = text
            self.rule_edits[filename] = edit
            tabs.addTab(edit, t(f"settings.rules_{key}"))
        layout.addWidget(tabs, 1)
        self.rule_tabs = tabs
        row = QHBoxLayout()
        roster = QPushButton(t("ejaan.settings_roster_import"), page)
        roster.setObjectName("rosterImport")
        roster.clicked.connect(self._choose_roster_file)
        row.addWidget(roster)
        self.rules_status = QLabel(page)
        self.rules_status.setObjectName("rulesStatus")
        self.rules_status.setWordWrap(True)
        row.addWidget(self.rules_status, 1)
        layout.addLayout(row)
        return page

    def _choose_roster_file(self) -> None:
        chooser = QFileDialog(self, t("ejaan.settings_roster_title"))
        chooser.setNameFilter(t("ejaan.settings_roster_filter"))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(self.import_roster_file)
        chooser.open()

    def confirm(self, text: str) -> bool:
        """Ask before a destructive change (a separate method so tests can answer)."""
        answer = QMessageBox.question(self, t("ejaan.settings_roster_title"), text)
        return answer == QMessageBox.StandardButton.Yes

    def import_roster_file(self, path: str) -> bool:
        """Import the member roster from a CSV into the workspace's rules and show it."""
        from ...core.checks import teamwords
        from ...core.errors import SumbarError

        try:
            parsed = teamwords.read_roster_file(path)
        except SumbarError as err:
            self.rules_status.setStyleSheet("color: #b01e23;")
            self.rules_status.setText(err.user_message())
            return False
        current = teamwords.member_count(self.rules_dir())
        if current and not self.confirm(t("ejaan.roster_konfirmasi", count=current)):
            return False
        target, backup = teamwords.import_roster(self.rules_dir(), parsed.members)
        text = target.read_text(encoding="utf-8")
        edit = self.rule_edits["roster.tsv"]
        edit.setPlainText(text)
        self._rule_original["roster.tsv"] = text
        self.rule_tabs.setCurrentWidget(edit)
        lines = [t("ejaan.roster_diimpor", count=len(parsed.members), path=str(target))]
        if backup is not None:
            lines.append(t("ejaan.roster_cadangan", path=str(backup)))
        self.rules_status.setStyleSheet("color: #2e7d32;")
        self.rules_status.setText("\n".join(lines + parsed.warnings))
        return True

    def platforms_path(self) -> Path:
        return self.workspace.path / "platforms.json"

    def _platforms_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        source = (
            self.platforms_path()
            if self.platforms_path().is_file()
            else asset_path("platforms.json")
        )
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # a broken team copy: start from the shipped data
            data = json.loads(asset_path("platforms.json").read_text(encoding="utf-8"))
        self._platform_original = json.dumps(data, sort_keys=True)
        intro = QLabel(
            t(
                "settings.platforms_intro",
                checked=data.get("checked_on", "?"),
                source=data.get("source", "?"),
            ),
            page,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.platform_model = PlatformModel(data, page)
        table = QTableView(page)
        table.setObjectName("platformTable")
        table.setModel(self.platform_model)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(table, 1)
        form = QFormLayout()
        self.platforms_checked = QLineEdit(data.get("checked_on", ""), page)
        self.platforms_checked.setObjectName("platformsChecked")
        form.addRow(t("settings.platforms_checked"), self.platforms_checked)
        layout.addLayout(form)
        return page

    def _workspace_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        team = bool(getattr(self.workspace, "is_team", False))
        # team mode: the server and login, not the desk's cache folder
        current = QLabel(self.workspace.label() if team else str(self.workspace.path), page)
        current.setObjectName("workspacePath")
        current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(
            t("team_desk.settings_server" if team else "settings.workspace_current"), current
        )
        if team:
            from ...core.store.postgres.credentials import parts

            login = QLabel(parts(self.workspace.address).get("user", ""), page)
            login.setObjectName("workspaceLogin")
            form.addRow(t("team_desk.login"), login)
        self.connect_button = QPushButton(t("team_desk.menu_connect"), page)
        self.connect_button.setObjectName("settingsConnect")
        self.connect_button.clicked.connect(self.open_connect)
        connect_hint = QLabel(t("team_desk.settings_connect_hint"), page)
        connect_hint.setWordWrap(True)
        form.addRow(self.connect_button, connect_hint)
        row = QHBoxLayout()
        self.next_workspace = QLineEdit(
            self.app_settings.last_workspace or str(self.workspace.path), page
        )
        self.next_workspace.setObjectName("nextWorkspace")
        browse = QPushButton(t("settings.browse"), page)
        browse.clicked.connect(self._browse_workspace)
        row.addWidget(self.next_workspace, 1)
        row.addWidget(browse)
        form.addRow(t("settings.workspace_next"), row)
        hint = QLabel(t("settings.workspace_hint"), page)
        hint.setWordWrap(True)
        form.addRow(hint)
        self.user_name = QLineEdit(self.app_settings.user_name, page)
        self.user_name.setObjectName("userName")
        form.addRow(t("settings.user_name"), self.user_name)
        self.language = QComboBox(page)
        self.language.setObjectName("language")
        for lang in LANGUAGES:
            self.language.addItem(t(f"settings.language_{lang}"), lang)
        self.language.setCurrentIndex(max(0, self.language.findData(self.app_settings.language)))
        form.addRow(t("settings.language"), self.language)
        language_hint = QLabel(t("prefs.language_hint"), page)
        language_hint.setObjectName("languageHint")
        language_hint.setWordWrap(True)
        form.addRow(language_hint)
        return page

    def open_connect(self):
        """Sambungkan ke server tim: this dialog closes and the window's own connect dialog
        opens (after a good connection the window continues on the server)."""
        host = self.parentWidget()
        window = host.window() if host is not None else None
        self.reject()
        if hasattr(window, "open_connect_dialog"):
            return window.open_connect_dialog()
        from ..dialogs.connect import open_connect_dialog  # a dialog shown on its own

        current = self.workspace.address if getattr(self.workspace, "is_team", False) else ""
        return open_connect_dialog(host, lambda _address: None, address=current)

    def _browse_workspace(self) -> None:
        chooser = QFileDialog(self, t("settings.workspace_next"), self.next_workspace.text())
        chooser.setFileMode(QFileDialog.FileMode.Directory)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(self.next_workspace.setText)
        chooser.open()

    # -- saving -----------------------------------------------------------------------------
    def validate(self) -> list[str]:
        problems = []
        bad = self.brand.invalid_colors()
        if bad:
            problems.append(t("settings.color_invalid", tokens=", ".join(bad)))
        names = [p.name.strip() for p in self.people_model.people]
        if any(not n for n in names):
            problems.append(t("settings.person_name_required"))
        if len({n.lower() for n in names}) != len(names):
            problems.append(t("settings.person_duplicate"))
        problems.extend(self.people_model.problems())
        problems += self._rule_and_platform_problems()
        problems += self.accounts.problems()
        return problems

    def _rule_and_platform_problems(self) -> list[str]:
        """A changed rule file or platform table that would not load is refused on save (one
        typo would otherwise stop every check and export of the team)."""
        from ...core.checks.rulesdata import rule_file_problem
        from ...core.platforms import catalog_problem

        problems = []
        for filename, edit in self.rule_edits.items():
            text = edit.toPlainText()
            if text != self._rule_original[filename]:
                problem = rule_file_problem(filename, text)
                if problem:
                    problems.append(t("files.rule_file_invalid", name=filename, reason=problem))
        data = self.platform_model.data_
        if json.dumps(data, sort_keys=True) != self._platform_original:
            problem = catalog_problem(data)
            if problem:
                problems.append(t("files.platforms_invalid", reason=problem))
        return problems

    def save(self) -> bool:
        problems = self.validate()
        if problems:
            self.error.setText("\n".join(problems))
            return False
        self.brand.apply()
        self.team.people = [Person(**vars(p)) for p in self.people_model.people]
        self.team.preparer = self.preparer.text().strip()
        self.team.head_of_section = self.head.text().strip()
        self.team.city = self.city.text().strip() or "Padang"
        self.backup.apply()
        try:
            self.accounts.apply()  # the keyring is touched only now, on accept
        except SumbarError as err:
            self.error.setText(err.user_message())
            return False
        for filename, edit in self.rule_edits.items():
            text = edit.toPlainText()
            if text != self._rule_original[filename]:
                write_text_atomic(self.rules_dir() / filename, text)
        data = self.platform_model.data_
        data["checked_on"] = self.platforms_checked.text().strip() or data.get("checked_on", "")
        if json.dumps(data, sort_keys=True) != self._platform_original:
            write_text_atomic(self.platforms_path(), json.dumps(data, ensure_ascii=False, indent=2))
        try:
            # team mode: team.json, rule lists and platform data go to the server (a refused
            # or stale file is put back to the server's copy and named in the message); an
            # officer's desk sends only the rule lists
            if self.may_edit_team:  # (on a team server this sends every changed shared file)
                self.workspace.save_team_settings(self.team)
            elif self.roles != ():  # () = the server could not be asked: nothing shared changed
                self.workspace.shared_files_changed()
        except SumbarError as err:
            self.error.setText(err.user_message())
            return False
        self.app_settings.user_name = self.user_name.text().strip()
        language_changed = self.language.currentData() != i18n.language()
        self.app_settings.language = self.language.currentData()
        target = self.next_workspace.text().strip()
        if target:
            self.app_settings.last_workspace = target
        self.app_settings.save()
        self.saved.emit()
        self.accept()
        if language_changed:  # applies at once: the window is rebuilt in the new language
            from ..app import change_language

            host = self.parentWidget()
            change_language(self.app_settings.language, host.window() if host else None)
        return True
