"""The brand logo scaled once and kept in the user's cache folder (#14): built, reused, rebuilt
when the logo changes, and a damaged entry is made again instead of failing the card."""

from __future__ import annotations

import importlib

import pytest
from PIL import Image

from sumbar_studio.core import diskcache

render_module = importlib.import_module("sumbar_studio.core.cards.render")
BOX = (180, 120)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.ENV_CACHE_DIR, str(tmp_path / "cache"))
    render_module._logo_image.cache_clear()
    yield tmp_path / "cache" / "cards"
    render_module._logo_image.cache_clear()


def _logo(path, color=(200, 30, 40, 255)):
    img = Image.new("RGBA", (900, 600), (0, 0, 0, 0))
    img.paste(color, (100, 100, 800, 500))
    img.save(path)
    return str(path)


def _entries(folder):
    return sorted(folder.glob("logo-*.bin")) if folder.exists() else []


def _same(a, b):
    return a.mode == b.mode and a.size == b.size and a.tobytes() == b.tobytes()


def test_built_then_reused_equal_to_scaling_the_file(cache, tmp_path, monkeypatch):
    path = _logo(tmp_path / "logo.png")
    first = render_module._logo_image(path, 1, BOX)
    assert len(_entries(cache)) == 1
    assert _same(first, render_module._scaled_logo(path, BOX))

    render_module._logo_image.cache_clear()  # a new process: only the disk entry is left
    calls = []
    monkeypatch.setattr(
        render_module, "_scaled_logo", lambda *a: calls.append(a) or Image.new("RGBA", (1, 1))
    )
    again = render_module._logo_image(path, 1, BOX)
    assert calls == [] and _same(again, first)


def test_rebuilt_when_the_logo_changes(cache, tmp_path):
    path = _logo(tmp_path / "logo.png")
    old = render_module._logo_image(path, 1, BOX)
    (before,) = _entries(cache)
    _logo(tmp_path / "logo.png", (10, 90, 200, 255))
    render_module._logo_image.cache_clear()
    new = render_module._logo_image(path, 2, BOX)
    assert new.getpixel((new.width // 2, new.height // 2))[:3] == (10, 90, 200)
    assert not _same(old, new)
    (after,) = _entries(cache)  # the older entry is removed
    assert after != before


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "foreign-payload"])
def test_a_damaged_entry_is_made_again(cache, tmp_path, damage):
    path = _logo(tmp_path / "logo.png")
    good = render_module._logo_image(path, 1, BOX)
    (entry,) = _entries(cache)
    raw = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "flip":
        entry.write_bytes(raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:])
    elif damage == "garbage":
        entry.write_bytes(b"\x00" * 64)
    else:  # a valid entry whose payload is not a logo
        diskcache.write(entry, b"not marshal data")
    render_module._logo_image.cache_clear()
    again = render_module._logo_image(path, 1, BOX)
    assert _same(again, good)
    assert diskcache.read(entry) is not None  # written afresh


def test_an_unwritable_cache_folder_still_renders(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(diskcache.ENV_CACHE_DIR, str(blocker / "cache"))  # under a file
    render_module._logo_image.cache_clear()
    path = _logo(tmp_path / "logo.png")
    assert render_module._logo_image(path, 1, BOX).size[0] <= BOX[0]
    render_module._logo_image.cache_clear()


def test_a_missing_logo_is_an_image_error(cache, tmp_path):
    from sumbar_studio.core.errors import ImageError

    with pytest.raises(ImageError):
        render_module._logo_image(str(tmp_path / "gone.png"), 1, BOX)


def test_the_same_cache_folder_as_the_dictionary(tmp_path, monkeypatch):
    from sumbar_studio.core.checks import lexicon

    monkeypatch.setenv(diskcache.ENV_CACHE_DIR, str(tmp_path / "c"))
    assert diskcache.cache_dir() == lexicon.cache_dir() == tmp_path / "c"
    monkeypatch.delenv(diskcache.ENV_CACHE_DIR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert diskcache.cache_dir() == lexicon.cache_dir()
