"""A realistic demo of the compose window (screenshots, benchmark, manual trials).

Tooling, not product: it lives beside the benchmarks that import ``build_workspace``.
Run from the checkout:

    PYTHONPATH=. python benchmarks/compose_demo.py --screenshot docs/screenshots/compose.png \
        --size 1600x1000

Creates a throw-away workspace with a post about a rapat paripurna and a 12-megapixel photo
(drawn here: the project ships no real photos), opens it in the main window and, with
``--screenshot``, grabs the window once the preview and checklist are ready.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

CAPTION = (
    "Padang, Senin (7/12/2026) — DPRD Provinsi Sumatera Barat menggelar rapat paripurna "
    "pengesahan Ranperda tentang Pengelolaan Keuangan Daerah menjadi Perda di ruang sidang "
    "utama gedung DPRD Sumbar.\n\n"
    "Rapat dipimpin Ketua DPRD Provinsi Sumatera Barat dan dihadiri 52 anggota dewan serta "
    "Gubernur Sumatera Barat. Seluruh fraksi menyampaikan pendapat akhir dan menyetujui "
    "ranperda tersebut.\n\n"
    "Perda ini menjadi dasar pengelolaan keuangan daerah yang lebih tertib, transparan dan "
    "akuntabel, sehingga pelayanan kepada masyarakat Sumatera Barat dapat ditingkatkan.\n\n"
    "Informasi lengkap: dprd.sumbarprov.go.id"
)


def draw_plenary_photo(path: Path, size: tuple[int, int] = (4000, 3000)) -> Path:
    """A drawn stand-in for a photo of a plenary session (12 MP by default)."""
    w, h = size
    small = (w // 4, h // 4)
    img = Image.new("RGB", small, (60, 44, 36))
    d = ImageDraw.Draw(img)
    sw, sh = small
    for y in range(sh // 2):  # wooden wall, warm light
        shade = 120 + int(60 * y / (sh / 2))
        d.line([(0, y), (sw, y)], fill=(shade, int(shade * 0.72), int(shade * 0.5)))
    # backdrop: marawa stripes (black, red, gold) and the podium
    band = sh // 30
    for i, color in enumerate([(20, 20, 20), (178, 34, 34), (212, 175, 55)]):
        d.rectangle(
            [sw * 0.18, sh * 0.08 + i * band, sw * 0.82, sh * 0.08 + (i + 1) * band], fill=color
        )
    d.rectangle([sw * 0.22, sh * 0.2, sw * 0.78, sh * 0.36], fill=(132, 22, 26))
    d.rectangle([sw * 0.3, sh * 0.36, sw * 0.7, sh * 0.5], fill=(90, 58, 40))
    for i in range(7):  # leadership table
        x = sw * 0.32 + i * sw * 0.055
        d.ellipse([x, sh * 0.3, x + sw * 0.03, sh * 0.34], fill=(70, 50, 40))
        d.rectangle([x - sw * 0.005, sh * 0.34, x + sw * 0.035, sh * 0.39], fill=(25, 25, 35))
    # floor and rows of members
    d.rectangle([0, sh * 0.5, sw, sh], fill=(110, 30, 34))
    for row in range(5):
        y = sh * (0.55 + row * 0.09)
        scale = 1 + row * 0.35
        d.rectangle([0, y + 30 * scale, sw, y + 48 * scale], fill=(80, 55, 40))
        n = 12 - row
        for i in range(n):
            x = (i + 0.5) * sw / n
            r = 14 * scale
            d.ellipse([x - r, y - r, x + r, y + r], fill=(70 + (i * 13) % 40, 50, 42))
            suit = (30, 32, 45) if (i + row) % 3 else (235, 235, 230)
            d.rectangle([x - 1.6 * r, y + r, x + 1.6 * r, y + 3.4 * r], fill=suit)
    img = img.filter(ImageFilter.GaussianBlur(1.2)).resize(size, Image.Resampling.BICUBIC)
    img.save(path, quality=90)
    return path


def build_workspace(folder: Path, *, photo_size=(4000, 3000)):
    """A workspace with a team and one realistic post (id returned)."""
    from sumbar_studio.core.model import Post
    from sumbar_studio.core.settings import Person
    from sumbar_studio.core.workspace import Workspace

    ws = Workspace.open(folder / "workspace")
    team = ws.team_settings()
    team.people = [
        Person("Rina Marlina", "", "Pranata Humas"),
        Person("Drs. Hendra Saputra", "197805122005011003", "Kepala Bagian", True),
    ]
    ws.save_team_settings(team)
    photo = draw_plenary_photo(folder / "paripurna-dprd-sumbar.jpg", photo_size)
    media = ws.media.import_file(
        photo,
        alt_text=(
            "Suasana rapat paripurna DPRD Provinsi Sumatera Barat: pimpinan di meja sidang, "
            "anggota dewan duduk berbaris di ruang sidang utama."
        ),
    )
    media.credit = "Humas DPRD Sumbar"
    post = Post(
        title="Paripurna pengesahan Perda Pengelolaan Keuangan Daerah",
        caption=CAPTION,
        platforms=["instagram", "facebook", "x", "threads"],
        hashtags=["#DPRDSumbar", "#RapatParipurna", "#SumateraBarat"],
        event_date=date(2026, 12, 7),
        place="Ruang Sidang Utama DPRD Sumbar, Padang",
        source="Sekretariat DPRD Provinsi Sumatera Barat",
        photo_credit="Humas DPRD Sumbar",
        assignee="Rina Marlina",
        scheduled_at=datetime(2026, 12, 7, 8, 0, tzinfo=UTC),
        media=[media],
    )
    post.variants["x"] = (
        "Padang, Senin (7/12/2026) — DPRD Sumbar mengesahkan Ranperda Pengelolaan Keuangan "
        "Daerah menjadi Perda dalam rapat paripurna yang dihadiri 52 anggota dewan dan "
        "Gubernur Sumatera Barat. dprd.sumbarprov.go.id"
    )
    post.card.template_id = "berita"
    post.card.fields = {
        "title": "DPRD Sumbar Sahkan Perda Pengelolaan Keuangan Daerah",
        "subtitle": "Rapat paripurna dihadiri 52 anggota dewan dan Gubernur Sumatera Barat.",
        "category": "Paripurna",
        "place": "Padang",
        "date": "2026-12-07",
        "photo": media.sha256,
    }
    post.card.formats = ["1x1", "4x5", "9x16", "191x1", "16x9"]
    post_id = ws.posts.add(post, "Rina Marlina").id
    return ws, post_id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", help="write a PNG of the window and quit")
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("--format", default="4x5", help="card format shown in the preview")
    parser.add_argument("--lang", default="id")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QTimer

    from sumbar_studio.core import i18n
    from sumbar_studio.core.settings import AppSettings
    from sumbar_studio.ui.app import create_application
    from sumbar_studio.ui.background import wait_for_background
    from sumbar_studio.ui.main_window import MainWindow

    i18n.set_language(args.lang)
    app = create_application([])
    tmp = Path(tempfile.mkdtemp(prefix="sumbar-demo-"))
    import os

    os.environ.setdefault("SUMBAR_CONFIG_DIR", str(tmp / "config"))
    ws, post_id = build_workspace(tmp)
    window = MainWindow(ws, AppSettings(user_name="Rina Marlina"))
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    window.open_post(post_id)
    page = window.compose
    page.card_panel.set_format(args.format)
    page.editor.run_checks()

    if not args.screenshot:
        return app.exec()

    def ready() -> bool:
        return (
            not page.card_panel.renderer.busy
            and not page.card_panel.preview.image.isNull()
            and page.checklist.checks_run > 0
        )

    def shoot() -> None:
        if not ready():
            QTimer.singleShot(100, shoot)
            return
        app.processEvents()
        window.grab().save(args.screenshot)
        print(f"{args.screenshot}: {window.width()}x{window.height()}")
        page.shutdown()
        wait_for_background()
        app.quit()

    QTimer.singleShot(600, shoot)
    code = app.exec()
    ws.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
