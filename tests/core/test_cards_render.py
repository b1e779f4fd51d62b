"""Rendering every template at every format: sizes, boxes inside frames, no overflow with
sample content, safe zones, contrast, re-composition, the draft mark and the photo cache."""

from __future__ import annotations

import pytest
from cards_helpers import gradient_photo
from PIL import Image, ImageChops

from sumbar_studio.core.cards import PhotoCache, PhotoRef, list_templates, load_brand, render
from sumbar_studio.core.cards.gallery import sample_variants
from sumbar_studio.core.platforms import default_catalog

BRAND = load_brand()
FORMATS = list(default_catalog().formats)


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    folder = tmp_path_factory.mktemp("foto")
    return folder


def _inside(inner, outer, tol=1):
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return x >= ox - tol and y >= oy - tol and x + w <= ox + ow + tol and y + h <= oy + oh + tol


@pytest.mark.parametrize("template", [tp.id for tp in list_templates()])
def test_every_format_exact_size_boxes_inside_no_overflow(template, photos):
    from sumbar_studio.core.cards import load_template

    tp = load_template(template)
    cache = PhotoCache()
    for variant in sample_variants(tp, photos):
        for fid in FORMATS:
            fmt = default_catalog().format(fid)
            result = render(tp, variant.fields, BRAND, fid, 0.5, photo_cache=cache)
            report = result.report
            assert result.image.size == (round(fmt.width * 0.5), round(fmt.height * 0.5))
            assert result.image.mode == "RGB"
            assert report.text_boxes, (template, fid)
            canvas = (0, 0, *result.image.size)
            for box in report.text_boxes:
                assert _inside(box.rect, canvas), (template, variant.name, fid, box)
                assert _inside(box.rect, box.frame), (template, variant.name, fid, box)
                assert box.min_size <= box.font_size <= box.max_size
            assert not report.overflow, (
                template,
                variant.name,
                fid,
                [b.layer for b in report.text_boxes if b.overflow],
            )
            assert report.text_engine in ("raqm", "basic")


def test_full_scale_sizes_and_story_safe_zone(photos):
    tp_fields = {
        "title": "Rapat Paripurna",
        "date": "2026-12-07",
        "time": "09:00",
        "place": "Padang",
    }
    for fid in FORMATS:
        fmt = default_catalog().format(fid)
        result = render("agenda", tp_fields, BRAND, fid)
        assert result.image.size == (fmt.width, fmt.height)
        assert result.report.safe_zone == fmt.safe_zone
        if fid == "9x16":
            top, bottom = fmt.safe_zone["top"], fmt.height - fmt.safe_zone["bottom"]
            for box in result.report.text_boxes:
                assert box.rect[1] >= top and box.rect[1] + box.rect[3] <= bottom, box


def test_dates_and_times_are_formatted_per_eyd():
    result = render(
        "agenda",
        {"title": "Rapat", "date": "2026-12-07", "time": "09:00", "place": "Padang"},
        BRAND,
        "4x5",
        0.5,
    )
    lines = {b.layer: " ".join(b.lines).replace("\u00a0", " ") for b in result.report.text_boxes}
    assert lines["date_value"] == "Senin, 7 Desember 2026"
    assert lines["time_value"] == "09.00 WIB"


def test_a_date_never_splits_between_day_month_and_year():
    from sumbar_studio.core.cards.fields import field_text
    from sumbar_studio.core.cards.layout import wrap

    text = field_text({"date": __import__("datetime").date(2026, 12, 7)}, "date")
    assert text == "Senin, 7 Desember 2026"

    class Mono:  # 10 px a character
        space = 10

        def width(self, word):
            return 10 * len(word)

    lines = wrap(f"Padang, {text}", Mono(), 200, hyphenate=False).lines
    assert lines == ["Padang, Senin,", "7\u00a0Desember\u00a02026"]
    # dates and times typed by the officer in free text hold together too
    lines = wrap(
        "Daftar paling lambat Jumat, 4 Desember 2026 pukul 16.00 WIB", Mono(), 280, hyphenate=False
    ).lines
    assert "4\u00a0Desember\u00a02026" in " ".join(lines)
    assert "16.00\u00a0WIB" in " ".join(lines)


def test_contrast_is_reported_and_readable_on_plain_backgrounds():
    result = render(
        "agenda",
        {"title": "Rapat", "date": "2026-12-07", "time": "09:00", "place": "Padang"},
        BRAND,
        "4x5",
        0.5,
    )
    for box in result.report.text_boxes:
        assert box.contrast >= 4.5, box


def test_wide_formats_are_recomposed_not_squeezed(photos):
    path = gradient_photo(photos / "wide.jpg", (1200, 800))
    fields = {"title": "Judul", "photo": str(path)}
    tall = render("berita", fields, BRAND, "4x5", 0.5).report.box_for("title")
    wide = render("berita", fields, BRAND, "16x9", 0.5).report.box_for("title")
    # portrait: text below the photo, full width; landscape: text in a column beside it
    assert tall.frame[2] > 0.8 * 540
    assert wide.frame[2] < 0.5 * 800 and wide.frame[1] < 0.5 * 450


def test_duka_cita_is_restrained_without_red(photos):
    path = gradient_photo(photos / "p.jpg", (400, 500))
    result = render(
        "duka_cita",
        {
            "person": {"name": "H. Fulan", "role": "Anggota DPRD"},
            "member_photo": str(path),
            "date": "2026-12-05",
        },
        BRAND,
        "4x5",
        0.5,
    )
    red = BRAND.rgb("$primary")
    for count, (r, g, b) in result.image.getcolors(1 << 20):
        assert not (r > 120 and r - max(g, b) > 60), ((r, g, b), count)
    assert red not in {c for _, c in result.image.getcolors(1 << 20)}


def test_draft_mark_is_visible():
    fields = {"greeting": "Selamat Hari Raya"}
    plain = render("ucapan", fields, BRAND, "1x1", 0.4).image
    marked = render("ucapan", fields, BRAND, "1x1", 0.4, draft_mark="DRAF — BELUM DISETUJUI").image
    changed = ImageChops.difference(plain, marked).convert("L").point(lambda v: 255 if v else 0)
    assert changed.histogram()[255] > 0.1 * plain.width * plain.height


def test_missing_photo_renders_placeholder_and_reports_missing():
    result = render("berita", {"title": "Judul"}, BRAND, "1x1", 0.4)
    assert result.report.missing == ["photo"]
    assert result.report.warnings


def test_text_edit_rerender_never_decodes_again(photos):
    path = gradient_photo(photos / "cache.jpg", (1600, 1200))
    cache = PhotoCache()
    render(
        "berita",
        {"title": "Satu", "photo": PhotoRef(path, 0.3, 0.5)},
        BRAND,
        "4x5",
        0.5,
        photo_cache=cache,
    )
    assert cache.decodes == 1
    for title in ("Dua", "Tiga kata judul", "Empat"):
        render(
            "berita",
            {"title": title, "photo": PhotoRef(path, 0.3, 0.5)},
            BRAND,
            "4x5",
            0.5,
            photo_cache=cache,
        )
    assert cache.decodes == 1


def test_all_formats_from_one_decode(photos):
    from sumbar_studio.core.cards import render_formats

    path = gradient_photo(photos / "all.jpg", (4000, 3000), quality=80)
    cache = PhotoCache()
    results = render_formats(
        "berita", {"title": "Judul", "photo": str(path)}, BRAND, photo_cache=cache
    )
    assert set(results) == set(FORMATS)
    assert cache.decodes == 1
    assert not any(r.report.upscaled for r in results.values())


def test_decoding_while_fitting_text_draws_the_same_card(photos, monkeypatch):
    """render_formats decodes the photo on a worker while it fits the texts: the cards are
    pixel for pixel those of decoding first, and a photo that cannot be read is still reported
    by the render itself."""
    import importlib

    from sumbar_studio.core.cards import render_formats
    from sumbar_studio.core.cards.layout import fit_text
    from sumbar_studio.core.errors import ImageError

    render_module = importlib.import_module("sumbar_studio.core.cards.render")
    path = gradient_photo(photos / "overlap.jpg", (3000, 2000), quality=80)
    fields = {"title": "Rapat Paripurna DPRD Sumbar Sahkan Ranperda", "photo": str(path)}
    fit_text.cache_clear()
    overlapped = render_formats("berita", fields, BRAND, ["4x5", "1x1"], photo_cache=PhotoCache())
    assert fit_text.cache_info().hits  # the texts were fitted ahead of the drawing

    def decode_first(cache, decodes, *_args):
        for ref, need in decodes:
            cache.prefetch(ref, need)

    monkeypatch.setattr(render_module, "_decode_while_fitting", decode_first)
    fit_text.cache_clear()
    cache = PhotoCache()
    sequential = render_formats("berita", fields, BRAND, ["4x5", "1x1"], photo_cache=cache)
    assert cache.decodes == 1
    for fid in ("4x5", "1x1"):
        assert overlapped[fid].image.tobytes() == sequential[fid].image.tobytes()
        assert overlapped[fid].report.to_dict() == sequential[fid].report.to_dict()

    monkeypatch.undo()
    broken = photos / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 not a jpeg")
    with pytest.raises(ImageError):
        render_formats("berita", {**fields, "photo": str(broken)}, BRAND, ["4x5"])


def test_unknown_field_and_format_are_clear_errors():
    from sumbar_studio.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as info:
        render("berita", {"judul": "x"}, BRAND, "4x5")
    assert "judul" in str(info.value)
    with pytest.raises(InvalidInput):
        render("berita", {"title": "x"}, BRAND, "3x2")
    with pytest.raises(InvalidInput) as info:
        render("infografis", {"title": "x", "figures": "1|a;2|b"}, BRAND, "4x5")
    assert "3 sampai 5" in str(info.value)


def test_brand_overlay_changes_colours_only_through_tokens():
    overlay = BRAND.overlay({"colors": {"light": "#000080"}})
    result = render(
        "agenda",
        {"title": "R", "date": "2026-12-07", "time": "09:00", "place": "P"},
        overlay,
        "1x1",
        0.3,
    )
    x, y = result.image.width // 2, int(result.image.height * 0.95)
    assert result.image.getpixel((x, y)) == (0, 0, 128)
    assert BRAND.colors["light"] != "#000080"


def test_logo_placeholder_ships():
    path = BRAND.logo_path()
    assert path is not None and path.name == "logo-placeholder.png"
    with Image.open(path) as img:
        assert img.mode == "RGBA"
