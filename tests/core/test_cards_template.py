"""Templates as data: every shipped template loads; broken ones fail with precise messages."""

from __future__ import annotations

import copy
import json

import pytest

from sumbar_studio.core.cards import list_templates, load_template, parse_template
from sumbar_studio.core.cards.template import FIELD_TYPES, load_template_file, templates_dir
from sumbar_studio.core.errors import TemplateError
from sumbar_studio.core.platforms import default_catalog

SIX = {"berita", "kutipan", "ucapan", "agenda", "infografis", "duka_cita"}


def test_six_templates_ship_with_all_formats_and_declared_fields():
    templates = {tp.id: tp for tp in list_templates()}
    assert set(templates) >= SIX
    for tp in templates.values():
        assert tp.version >= 1 and tp.name
        assert set(tp.formats) == set(default_catalog().formats)
        assert any(f.required for f in tp.fields)
        assert all(f.type in FIELD_TYPES for f in tp.fields)
    assert templates["agenda"].field("date").type == "date"
    assert templates["agenda"].field("time").type == "time"
    assert templates["infografis"].field("figures").type == "figures"
    assert templates["kutipan"].field("person").type == "person"
    assert templates["berita"].photo_fields == ["photo"]


def _doc():
    return json.loads((templates_dir() / "berita.json").read_text(encoding="utf-8"))


def _error(doc, file="x.json") -> TemplateError:
    with pytest.raises(TemplateError) as info:
        parse_template(doc, file)
    err = info.value
    assert err.message_id == "cards.template_invalid"
    assert err.params["file"] == file
    return err


def test_raw_colour_is_refused_with_its_path():
    doc = _doc()
    doc["layers"][0]["fill"] = "#ff0000"
    err = _error(doc)
    assert err.params["path"] == "layers[0].fill"
    assert "token" in err.params["reason"]
    assert "layers[0].fill" in str(err) and "x.json" in str(err)


def test_unknown_font_token_names_the_path():
    doc = _doc()
    idx = next(i for i, layer in enumerate(doc["layers"]) if layer["id"] == "org")
    doc["layers"][idx]["font"] = "$comic"
    assert _error(doc).params["path"] == f"layers[{idx}].font"


def test_stack_item_paths_and_unknown_field():
    doc = _doc()
    idx = next(i for i, layer in enumerate(doc["layers"]) if layer["type"] == "stack")
    doc["layers"][idx]["items"][1]["field"] = "judul"
    err = _error(doc)
    assert err.params["path"] == f"layers[{idx}].items[1].field"
    assert "judul" in err.params["reason"]


@pytest.mark.parametrize(
    "mutate, path",
    [
        (lambda d: d["layers"][1].update(rect=[0.5, 0.5, 0.7, 0.2]), "layers[1].rect"),
        (lambda d: d["layers"][1].update(type="video"), "layers[1].type"),
        (lambda d: d["layers"][1].pop("field"), "layers[1].field"),
        (
            lambda d: d["layers"][1].update(shade={"from": "$dark", "to": "hitam"}),
            "layers[1].shade.to",
        ),
        (
            lambda d: d["fields"].append({"id": "x", "type": "video", "label": "X"}),
            "fields[6].type",
        ),
        (lambda d: d.pop("version"), "version"),
        (
            lambda d: d["overrides"]["1x1"].__setitem__("nope", {"hidden": True}),
            "overrides.1x1.nope",
        ),
        (
            lambda d: d["overrides"]["16x9"]["title"].__setitem__("size", [80, 40]),
            "overrides.16x9.title.size",
        ),
        (lambda d: d["overrides"].__setitem__("2x3", {}), "overrides.2x3"),
        (lambda d: d["layers"].append(copy.deepcopy(d["layers"][0])), "layers[-1].id"),
    ],
)
def test_precise_paths(mutate, path):
    doc = _doc()
    mutate(doc)
    path = path.replace("[-1]", f"[{len(doc['layers']) - 1}]")
    assert _error(doc).params["path"] == path


def test_broken_json_file_reports_line(tmp_path):
    bad = tmp_path / "rusak.json"
    bad.write_text('{"id": "rusak",\n "version": 1,,}', encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template_file(bad)
    assert info.value.params["file"] == str(bad)
    assert "baris 2" in info.value.params["path"]


def test_id_must_match_file_name(tmp_path):
    path = tmp_path / "lain.json"
    path.write_text(json.dumps(_doc()), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template(path)
    assert info.value.params["path"] == "id"


def test_unknown_template_id():
    with pytest.raises(TemplateError) as info:
        load_template("tidak_ada")
    assert info.value.message_id == "cards.template_not_found"


def test_overrides_apply_per_format_without_touching_the_base():
    tp = load_template("berita")
    wide = {layer["id"]: layer for layer in tp.layers_for("16x9")}
    square = {layer["id"]: layer for layer in tp.layers_for("4x5")}
    assert wide["photo"]["rect"] != square["photo"]["rect"]
    story = {layer["id"]: layer for layer in tp.layers_for("9x16")}
    story_title = {i["id"]: i for i in story["copy"]["items"]}["title"]
    base_title = {i["id"]: i for i in square["copy"]["items"]}["title"]
    assert (story_title["color"], base_title["color"]) == ("$on_dark", "$text")
    assert tp.layers_for("4x5") == tp.layers_for("4x5")
