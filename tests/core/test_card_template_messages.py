"""Why a card template is refused comes from the message catalogue (domain card_template),
so an English session reads English reasons and an Indonesian one Indonesian."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sumbar_studio.core.cards import parse_template
from sumbar_studio.core.cards import template as template_module
from sumbar_studio.core.cards.template import templates_dir
from sumbar_studio.core.errors import TemplateError
from sumbar_studio.core.i18n import catalogue, set_language


def _doc():
    return json.loads((templates_dir() / "berita.json").read_text(encoding="utf-8"))


def _reason(doc) -> str:
    with pytest.raises(TemplateError) as info:
        parse_template(doc, "x.json")
    return info.value.params["reason"]


def test_every_reason_the_validator_names_is_in_the_catalogue():
    source = Path(template_module.__file__).read_text(encoding="utf-8")
    keys = set(re.findall(r'_Invalid\([^()]*?,\s*"([a-z0-9_]+)"', source))
    keys |= set(re.findall(r't\("card_template\.([a-z0-9_]+)"', source))
    assert len(keys) > 50
    for lang in ("id", "en"):
        known = catalogue(lang)
        assert not [k for k in keys if f"card_template.{k}" not in known], lang


@pytest.mark.parametrize(
    "mutate, indonesian, english",
    [
        (
            lambda d: d["layers"][0].update(fill="#ff0000"),
            '\'#ff0000\': warna hanya lewat token merek ("$primary", "$dark@0.6")',
            '\'#ff0000\': colours only through brand tokens ("$primary", "$dark@0.6")',
        ),
        (
            lambda d: d["layers"][1].update(shade="gelap"),
            "gradien harus objek {from, to, direction}",
            "a gradient must be an object {from, to, direction}",
        ),
        (
            lambda d: d.update(extra=1),
            "kunci tidak dikenal di tingkat atas",
            "unknown key at the top level",
        ),
    ],
)
def test_reasons_follow_the_language(mutate, indonesian, english):
    doc = _doc()
    mutate(doc)
    assert _reason(doc) == indonesian
    set_language("en")
    assert _reason(doc) == english
