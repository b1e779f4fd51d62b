"""Qt's own strings and locale in the interface language.

Qt's standard buttons (Save/Cancel/Yes/No), the line and text edit context menus
(Cut/Copy/Paste/Undo/Redo/Select All), the file, print and print-preview dialogs and the calendar
are translated through Qt's translator chain, not through our catalogue. Qt ships no Indonesian
(``qtbase_id.qm``), so :class:`CatalogueTranslator` supplies it from
``assets/i18n_qt/<lang>.json`` (keyed by Qt's English source text, ``Context|source`` for a
context-specific text). Where Qt does ship a catalogue for the language it is loaded first.
:func:`apply_language` also sets the default :class:`QLocale` (month and day names, numbers)
and sends the LanguageChange event, so standard buttons created later are translated.
"""

from __future__ import annotations

import json
from functools import cache

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core import i18n
from ..core.resources import asset_path

_installed: list[QTranslator] = []


@cache
def qt_catalogue(lang: str) -> dict[str, str]:
    path = asset_path("i18n_qt", f"{lang}.json")
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


class CatalogueTranslator(QTranslator):
    """A QTranslator answering from a JSON table of Qt source texts."""

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.table = qt_catalogue(lang)

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D102
        # None (a null QString) lets Qt fall through to the next translator or the source;
        # an empty string would replace e.g. "Ctrl" with nothing
        if not source_text:
            return None
        return self.table.get(f"{context}|{source_text}") or self.table.get(source_text)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return not self.table

    def language(self) -> str:
        return self.lang


def locale_for(lang: str) -> QLocale:
    if lang == "id":
        return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def apply_language(lang: str | None = None) -> None:
    """Make Qt speak ``lang`` (default: the catalogue's current language)."""
    lang = lang or i18n.language()
    QLocale.setDefault(locale_for(lang))
    app = QCoreApplication.instance()
    if app is None:
        return
    while _installed:
        app.removeTranslator(_installed.pop())
    if lang == "en":
        return  # Qt's source texts are English
    shipped = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if shipped.load(locale_for(lang), "qtbase", "_", folder):
        app.installTranslator(shipped)
        _installed.append(shipped)
    own = CatalogueTranslator(lang, app)
    if not own.isEmpty():
        app.installTranslator(own)
        _installed.append(own)
