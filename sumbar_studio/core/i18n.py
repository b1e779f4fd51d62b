"""The message catalogue shared by the core, the CLI and the UI.

Messages live in ``assets/i18n/<lang>/<domain>.json`` as flat ``{"key": "text"}`` objects; a
message id is ``"<domain>.<key>"`` (for example ``"store.post_not_found"``). Indonesian (``id``)
is the reference language; English (``en``) must carry the same keys and placeholders (a test
checks it). Texts use ``str.format`` placeholders: ``t("store.post_not_found", id=5)``.

Each concern owns its own domain file, so adding messages never means editing a shared file.
"""

from __future__ import annotations

import _thread
import json
import os
from functools import cache

from .resources import asset_file

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
ENV_LANG = "SUMBAR_LANG"

_lock = _thread.allocate_lock()  # (threading costs an import on every start)
_current = os.environ.get(ENV_LANG, DEFAULT_LANGUAGE)
if _current not in LANGUAGES:
    _current = DEFAULT_LANGUAGE


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All messages of one language, keyed by ``domain.key``."""
    folder = asset_file("i18n", lang)
    messages: dict[str, str] = {}
    for name in sorted(n for n in os.listdir(folder) if n.endswith(".json")):
        domain = name[: -len(".json")]
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            for key, text in json.load(fh).items():
                messages[f"{domain}.{key}"] = text
    return messages


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    with _lock:
        _current = lang


def language() -> str:
    return _current


def t(message_id: str, /, lang: str | None = None, **params: object) -> str:
    """Translate ``message_id`` into the current (or given) language and fill placeholders.

    A missing translation falls back to Indonesian, then to the id itself, so a user never
    sees a crash because of a catalogue gap (the catalogue test catches such gaps).
    """
    lang = lang or _current
    text = catalogue(lang).get(message_id)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(message_id, message_id)
    if params:
        try:
            return text.format(**params)
        except KeyError:  # a placeholder nobody supplied: empty, never a raw "{name}"
            try:
                return text.format_map(_Blank(params))
            except (IndexError, ValueError):
                return text
        except (IndexError, ValueError):
            return text
    return text


class _Blank(dict):
    """Formatting values where a placeholder that was not supplied renders as nothing."""

    def __missing__(self, key: str) -> str:
        return ""
