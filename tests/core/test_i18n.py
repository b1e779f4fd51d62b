"""Every message exists in both languages with the same placeholders."""

from __future__ import annotations

import string

from sumbar_studio.core.i18n import LANGUAGES, catalogue, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogues_have_the_same_keys_and_placeholders():
    reference = catalogue("id")
    assert reference, "the Indonesian catalogue is empty"
    for lang in LANGUAGES:
        other = catalogue(lang)
        assert set(other) == set(reference), f"{lang}: {set(other) ^ set(reference)}"
        for key, text in reference.items():
            assert _fields(other[key]) == _fields(text), f"{lang}:{key}"


def test_translation_fills_placeholders_and_switches_language():
    assert t("errors.not_found", what="Unggahan #3") == "Unggahan #3 tidak ditemukan."
    assert t("errors.not_found", lang="en", what="Post #3") == "Post #3 not found."
