"""Card templates speak the user's language in the editor and the CLI."""

from __future__ import annotations

from sumbar_studio.core.cards import list_templates
from sumbar_studio.core.i18n import set_language


def test_every_template_field_has_an_english_label_and_description():
    for template in list_templates():
        assert template.description_en, template.id
        for f in template.fields:
            assert f.label_en, f"{template.id}.{f.id}"
            assert bool(f.help) == bool(f.help_en), f"{template.id}.{f.id}"


def test_labels_follow_the_language():
    berita = next(t for t in list_templates() if t.id == "berita")
    title = berita.field("title")
    assert title.display_label() == "Judul"
    set_language("en")
    assert title.display_label() == "Headline"
    assert berita.display_description().startswith("An event photo")
