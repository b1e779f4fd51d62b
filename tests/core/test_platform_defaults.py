"""The platforms a new post starts with and the order of the card formats are platform data
(assets/platforms.json, or the team's copy in the workspace), not code constants."""

from __future__ import annotations

import json

from sumbar_studio.core.platforms import load_catalog
from sumbar_studio.core.resources import asset_path


def shipped() -> dict:
    return json.loads(asset_path("platforms.json").read_text(encoding="utf-8"))


def test_shipped_defaults_and_format_order():
    catalog = load_catalog()
    assert catalog.default_platforms == ("instagram", "facebook", "x")
    assert catalog.format_order() == ["1x1", "4x5", "9x16", "191x1", "16x9"]


def test_a_team_copy_chooses_its_own_defaults_and_order(tmp_path):
    data = shipped()
    data["default_platforms"] = ["threads", "nope", "instagram", "threads"]
    data["formats"] = dict(reversed(list(data["formats"].items())))
    path = tmp_path / "platforms.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    catalog = load_catalog(path)
    assert catalog.default_platforms == ("threads", "instagram")  # unknown ids dropped, once
    assert catalog.format_order() == ["16x9", "191x1", "9x16", "4x5", "1x1"]


def test_a_team_copy_without_the_key_keeps_the_shipped_defaults(tmp_path):
    data = shipped()
    del data["default_platforms"]
    path = tmp_path / "platforms.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_catalog(path).default_platforms == ("instagram", "facebook", "x")
