"""Output files are reproducible: the same card is the same bytes in any process."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from PIL import Image, ImageCms

CODE = (
    "import sys\n"
    "from sumbar_studio.core.cards import load_brand, render, save_image\n"
    "fields = {'title': 'Rapat Paripurna', 'date': '2026-12-07', 'time': '09:00',"
    " 'place': 'Gedung DPRD Sumbar'}\n"
    "save_image(render('agenda', fields, load_brand(), '1x1', 0.3).image, sys.argv[1])\n"
)


def test_same_card_same_bytes_across_processes_with_srgb_profile(tmp_path):
    digests = []
    for i in range(2):
        out = tmp_path / f"kartu{i}.jpg"
        subprocess.run([sys.executable, "-c", CODE, str(out)], check=True)
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    with Image.open(tmp_path / "kartu0.jpg") as img:
        profile = ImageCms.ImageCmsProfile(__import__("io").BytesIO(img.info["icc_profile"]))
        assert "sRGB" in ImageCms.getProfileDescription(profile)


def test_header_over_the_photo_stays_readable_on_a_white_photo(tmp_path):
    """An overexposed photo is the worst case for white text on the photo: the shade keeps
    the institution's name at WCAG 4.5:1 or better in every format."""
    from sumbar_studio.core.cards import PhotoRef, load_brand, render

    photo = tmp_path / "terang.jpg"
    Image.new("RGB", (1600, 1200), "white").save(photo)
    for format_id in ("1x1", "4x5", "9x16", "191x1", "16x9"):
        result = render(
            "berita",
            {"title": "Rapat Paripurna", "photo": PhotoRef(photo)},
            load_brand(),
            format_id,
            0.5,
        )
        assert result.report.box_for("org").contrast >= 4.5, format_id
