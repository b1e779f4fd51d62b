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
