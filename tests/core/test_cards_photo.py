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
