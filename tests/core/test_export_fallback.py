"""The fallback card of an export (the post's card template unknown or broken) is drawn by the
normal renderer from the plain brand template, so its colours come from the team's brand kit."""

from __future__ import annotations

from export_helpers import add_post  # tests/ is on sys.path (rootdir conftest)
from PIL import Image

from sumbar_studio.core.export import export_posts


def _exported(workspace, tmp_path, template_id: str, primary: str | None = None):
    if primary:
        settings = workspace.team_settings()
        settings.brand = {"colors": {"primary": primary}}
        workspace.save_team_settings(settings)
    post = add_post(
        workspace, tmp_path, "Kunjungan Kerja Komisi IV", platforms=("x",), approve=False
    )
    post.card.template_id = template_id  # removed from this PC after the post was made
    [result] = export_posts(
        workspace, [post], tmp_path / "keluar", workers=1, allow_unapproved=True
    )
    return result


def test_unknown_template_gets_the_plain_brand_card_in_the_team_colours(workspace, tmp_path):
    result = _exported(workspace, tmp_path, "templat-yang-dihapus", primary="#0A7A33")
    with Image.open(result.path / "x" / "x_16x9_01.jpg") as img:
        assert img.size == (1600, 900)
        # the accent line over the headline panel (62 % down) is the brand's primary colour
        r, g, b = img.convert("RGB").getpixel((40, int(900 * 0.62) + 3))
    assert abs(r - 0x0A) < 24 and abs(g - 0x7A) < 24 and abs(b - 0x33) < 24
    assert result.files and all(f["kind"] != "image" or f["bytes"] > 0 for f in result.files)
