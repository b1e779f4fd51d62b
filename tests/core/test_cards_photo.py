"""Photos: orientation, colour modes to sRGB, focal cover-crop, upscaling, safe decoding."""

from __future__ import annotations

import io

import pytest
from cards_helpers import gradient_photo
from PIL import Image, ImageCms

from sumbar_studio.core import imaging
from sumbar_studio.core.cards import PhotoCache, PhotoRef, load_brand, render, save_image
from sumbar_studio.core.cards.photo import cover_box, to_srgb
from sumbar_studio.core.errors import ImageError

BRAND = load_brand()


def _fit(path, size=(200, 200), focal=(0.5, 0.5)):
    return PhotoCache().fitted(PhotoRef(path, *focal), size)


def _red(px):
    return px[0] > 150 and px[2] < 100


def _blue(px):
    return px[2] > 150 and px[0] < 100


def test_exif_orientation_is_applied(tmp_path):
    img = Image.new("RGB", (400, 200), (200, 30, 30))
    img.paste((30, 60, 200), (200, 0, 400, 200))  # stored: red left, blue right
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    path = tmp_path / "rot.jpg"
    img.save(path, exif=exif, quality=95)
    fitted = _fit(path, (100, 200))
    out = fitted.image
    assert fitted.source_size == (200, 400)  # displayed upright: portrait
    assert _red(out.getpixel((50, 20))) and _blue(out.getpixel((50, 180)))


def test_cmyk_jpeg_converts_to_rgb(tmp_path):
    path = gradient_photo(tmp_path / "cmyk.jpg", mode="CMYK", quality=95)
    with Image.open(path) as src:
        assert src.mode == "CMYK"
    out = _fit(path, (200, 100)).image
    assert out.mode == "RGB"
    assert _red(out.getpixel((40, 60))) and _blue(out.getpixel((160, 60)))


def test_cmyk_with_profile_goes_through_colour_management(tmp_path):
    img = Image.new("RGB", (64, 64), (200, 30, 30))
    srgb = ImageCms.createProfile("sRGB")
    # an embedded (RGB) profile other than plain: a Lab-based round trip must keep the colour
    buf = io.BytesIO()
    img.save(buf, "PNG", icc_profile=ImageCms.ImageCmsProfile(srgb).tobytes())
    buf.seek(0)
    out = to_srgb(Image.open(buf))
    r, g, b = out.getpixel((10, 10))
    assert abs(r - 200) < 6 and g < 45 and b < 45


def test_sixteen_bit_grayscale_is_scaled_not_clipped(tmp_path):
    img = Image.new("I", (100, 100), 0)
    img.paste(32768, (0, 0, 50, 100))  # mid-grey on the left, black on the right
    img = img.convert("I;16")
    path = tmp_path / "g16.png"
    img.save(path)
    with Image.open(path) as src:
        assert src.mode.startswith("I")
    out = _fit(path, (100, 100)).image
    left, right = out.getpixel((10, 50)), out.getpixel((90, 50))
    assert 110 < left[0] < 145 and left[0] == left[1] == left[2]  # not clipped to white
    assert right == (0, 0, 0)


def test_rgba_png_is_flattened_on_white(tmp_path):
    img = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    img.paste((30, 60, 200, 255), (0, 0, 50, 100))
    path = tmp_path / "alpha.png"
    img.save(path)
    out = _fit(path, (100, 100)).image
    assert _blue(out.getpixel((10, 50)))
    assert out.getpixel((90, 50)) == (255, 255, 255)


@pytest.mark.parametrize("mode", ["L", "P", "LA", "1"])
def test_other_modes_become_rgb(tmp_path, mode):
    path = gradient_photo(tmp_path / f"m{mode}.png", mode=mode)
    out = _fit(path, (120, 90)).image
    assert out.mode == "RGB" and out.size == (120, 90)


def test_focal_point_moves_the_crop(tmp_path):
    path = gradient_photo(tmp_path / "wide.jpg", (800, 200))
    left = _fit(path, (100, 100), (0.0, 0.5)).image
    right = _fit(path, (100, 100), (1.0, 0.5)).image
    assert _red(left.getpixel((60, 60))) and _blue(right.getpixel((60, 60)))
    box = cover_box(800, 200, 100, 100, 0.5, 0.5)
    assert box == (300.0, 0.0, 500.0, 200.0)


def test_upscaling_is_detected_and_reported(tmp_path):
    small = gradient_photo(tmp_path / "kecil.jpg", (320, 240))
    result = render("berita", {"title": "Judul", "photo": str(small)}, BRAND, "4x5", 0.5)
    assert result.report.upscaled == ["photo"]
    assert any("diperbesar" in w for w in result.report.warnings)
    big = gradient_photo(tmp_path / "besar.jpg", (2000, 1500))
    result = render("berita", {"title": "Judul", "photo": str(big)}, BRAND, "4x5", 0.5)
    assert result.report.upscaled == []


def test_truncated_file_is_a_clear_error_and_writes_nothing(tmp_path):
    path = gradient_photo(tmp_path / "utuh.jpg", (800, 600), quality=90)
    data = path.read_bytes()
    broken = tmp_path / "rusak.jpg"
    broken.write_bytes(data[: len(data) // 2])
    out = tmp_path / "hasil" / "kartu.jpg"
    with pytest.raises(ImageError) as info:
        result = render("berita", {"title": "Judul", "photo": str(broken)}, BRAND, "4x5", 0.3)
        save_image(result.image, out)
    assert "rusak" in str(info.value)
    assert not out.exists()


def test_over_limit_image_is_refused(tmp_path, monkeypatch):
    path = gradient_photo(tmp_path / "bom.png", (1000, 1000))
    monkeypatch.setattr(imaging, "MAX_PIXELS", 500_000)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 500_000 // 2)
    with pytest.raises(ImageError) as info:
        render(
            "berita",
            {"title": "Judul", "photo": str(path)},
            BRAND,
            "4x5",
            0.3,
            photo_cache=PhotoCache(),
        )
    assert info.value.message_id == "imaging.too_large"


def test_unsupported_format_is_refused(tmp_path):
    path = tmp_path / "foto.gif"
    Image.new("RGB", (50, 50)).save(path, "GIF")
    with pytest.raises(ImageError) as info:
        _fit(path)
    assert info.value.message_id == "imaging.unsupported"


def test_save_image_jpeg_is_srgb_444_q90_and_atomic(tmp_path):
    img = Image.new("RGB", (120, 80), (200, 30, 30))
    out = save_image(img, tmp_path / "kartu.jpg")
    from PIL import JpegImagePlugin

    with Image.open(out) as saved:
        assert saved.size == (120, 80)
        assert JpegImagePlugin.get_sampling(saved) == 0  # 4:4:4
        profile = ImageCms.ImageCmsProfile(io.BytesIO(saved.info["icc_profile"]))
        assert "sRGB" in ImageCms.getProfileDescription(profile)
    png = save_image(img, tmp_path / "kartu.png", "png")
    with Image.open(png) as saved:
        assert saved.format == "PNG" and "icc_profile" in saved.info
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kartu.jpg", "kartu.png"]


# -- decoding ahead (the render command starts the JPEG decode while it imports) ---------------


def test_a_photo_decoded_ahead_is_used_only_at_the_renderers_own_draft_scale(tmp_path):
    from sumbar_studio.core.cards.photo import _decode

    path = gradient_photo(tmp_path / "ahead.jpg", (3200, 2400), quality=85)
    normal = _decode(path, (1080, 810))
    # the guess matches the renderer's draft scale (the whole card covers no more): handed over
    key = imaging._file_key(path)
    imaging.decode_ahead(path, (1080, 1080))
    assert key in imaging._ahead
    ahead = _decode(path, (1080, 810))
    assert key not in imaging._ahead  # taken
    assert ahead[0].tobytes() == normal[0].tobytes() and ahead[1:] == normal[1:]
    # a guess at another scale is dropped: the renderer decodes at its own
    imaging.decode_ahead(path, (200, 150))
    other = _decode(path, (1080, 810))
    assert key not in imaging._ahead
    assert other[0].size == normal[0].size and other[0].tobytes() == normal[0].tobytes()


def test_a_broken_photo_decoded_ahead_is_still_reported_by_the_renderer(tmp_path):
    from sumbar_studio.core.cards.photo import _decode

    path = tmp_path / "broken.jpg"
    good = gradient_photo(tmp_path / "good.jpg", (1600, 1200))
    path.write_bytes(good.read_bytes()[:3000])  # truncated
    imaging.decode_ahead(path, (1080, 1080))
    with pytest.raises(ImageError):
        _decode(path, (1080, 810))
    assert imaging._file_key(path) not in imaging._ahead


def test_render_command_with_its_photo_decoded_ahead_writes_the_same_card(tmp_path, capsys):
    from sumbar_studio.cli import main
    from sumbar_studio.core.cards import render_formats

    photo = gradient_photo(tmp_path / "kegiatan.jpg", (4000, 3000), quality=85)
    title = "DPRD Sumbar Sahkan Ranperda Pengelolaan Keuangan Daerah"
    out = tmp_path / "card.jpg"
    args = ["render", "-t", "berita", "-f", "4x5", "--set", f"title={title}"]
    assert main([*args, "--photo", str(photo), "-o", str(out)]) == 0
    capsys.readouterr()
    assert imaging._file_key(photo) not in imaging._ahead  # taken or dropped, never kept
    fields = {"title": title, "photo": PhotoRef(photo)}
    expected = render_formats("berita", fields, load_brand(), ["4x5"], photo_cache=PhotoCache())
    save_image(expected["4x5"].image, tmp_path / "expected.jpg")
    assert out.read_bytes() == (tmp_path / "expected.jpg").read_bytes()
