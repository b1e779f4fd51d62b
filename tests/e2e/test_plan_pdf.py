"""The printed weekly plan: a 40-post week to PDF through Qt, checked with pypdf."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re  # noqa: E402
from datetime import date  # noqa: E402

import pytest  # noqa: E402
from export_helpers import add_post  # noqa: E402  (tests/ is on sys.path)
from pypdf import PdfReader  # noqa: E402

from sumbar_studio.cli import main  # noqa: E402
from sumbar_studio.core.plan import build_plan, render_plan_html  # noqa: E402
from sumbar_studio.core.settings import Person, TeamSettings  # noqa: E402
from sumbar_studio.core.workspace import Workspace  # noqa: E402

DAYS = [
    "Senin, 7 Desember 2026",
    "Selasa, 8 Desember 2026",
    "Rabu, 9 Desember 2026",
    "Kamis, 10 Desember 2026",
    "Jumat, 11 Desember 2026",
    "Sabtu, 12 Desember 2026",
    "Minggu, 13 Desember 2026",
]


@pytest.fixture(scope="module")
def busy_week(tmp_path_factory):
    """A workspace with 40 posts in 2026-W50 (one shared photo keeps it fast)."""
    tmp = tmp_path_factory.mktemp("plan")
    ws = Workspace.open(tmp / "ws")
    ws.save_team_settings(
        TeamSettings(
            people=[
                Person(
                    "Rina Marlina, S.I.Kom.", "199203152019032011", "Pranata Humas Ahli Pertama"
                ),
                Person("Drs. Hendra Saputra, M.Si.", "197506181998031003", "Kepala Bagian", True),
            ],
            preparer="Rina Marlina, S.I.Kom.",
            head_of_section="Drs. Hendra Saputra, M.Si.",
        )
    )
    for i in range(40):
        day = 7 + i % 7
        add_post(
            ws,
            tmp,
            f"Unggahan nomor {i:02d} tentang kegiatan dewan",
            when=f"2026-12-{day:02d} {7 + (i // 7) * 2:02d}:{(i * 11) % 60:02d}",
            platforms=("instagram", "facebook", "x")[: 1 + i % 3],
            approve=i % 2 == 0,
        )
    ws.close()
    return tmp / "ws"


def test_plan_pdf_of_a_40_post_week(busy_week, tmp_path, capsys):
    out = tmp_path / "rencana.pdf"
    code = main(["--workspace", str(busy_week), "plan", "--week", "2026-W50", "-o", str(out)])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "40 unggahan" in printed

    reader = PdfReader(str(out))
    pages = reader.pages
    assert len(pages) >= 3  # a busy week flows onto further pages
    for page in pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width > height  # landscape
        assert abs(width - 841.9) < 2 and abs(height - 595.3) < 2  # A4
    texts = [page.extract_text() for page in pages]
    flat = [re.sub(r"\s+", " ", text) for text in texts]
    whole = "\n".join(flat)
    assert "Rencana Konten Media Sosial" in flat[0]
    assert "Senin, 7 Desember - Minggu, 13 Desember 2026" in flat[0]
    assert "DPRD PROVINSI SUMATERA BARAT" in flat[0]
    for label in DAYS:
        assert label in whole
    for n, text in enumerate(flat, start=1):
        assert f"Halaman {n} dari {len(pages)}" in text
    for i in range(40):  # every post, on exactly one page (never split across two)
        title = f"Unggahan nomor {i:02d} tentang kegiatan dewan"
        assert sum(text.count(title) for text in flat) == 1, title
    assert whole.count("Rina Marlina") >= 40  # officer on every entry (assignee) + signature
    last = flat[-1]
    for text in (
        "Disiapkan oleh",
        "Mengetahui",
        "Rina Marlina, S.I.Kom.",
        "NIP 199203152019032011",
        "Drs. Hendra Saputra, M.Si.",
        "NIP 197506181998031003",
        "Padang, ",
    ):
        assert text in last, text
    assert "Ringkasan per platform dan status" in whole
    # a page that carries on a day's posts names the day again
    for text in flat[1:]:
        body = text.split("Minggu, 13 Desember 2026", 1)[-1]  # after the running header
        body = re.sub(r"Dicetak dari Sumbar Studio.*?WIB", "", body)  # the print stamp's time
        first_time = re.search(r"\b\d{2}\.\d{2}\b", body)
        if first_time is None:
            continue  # the summary and signatures page
        before = body[: first_time.start()]
        assert any(day in before for day in DAYS), before[:200]
    assert re.search(
        r"Padang, \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|"
        r"September|Oktober|November|Desember) \d{4}",
        last,
    )


def test_every_post_block_stays_on_one_page(busy_week, tmp_path):
    """Time, title and officer of each post land on the same page."""
    from sumbar_studio.printing.plan_pdf import print_plan_pdf

    with Workspace.open(busy_week) as ws:
        plan = build_plan(ws, 2026, 50, sign_date=date(2026, 12, 4))
    out = tmp_path / "p.pdf"
    pages = print_plan_pdf(render_plan_html(plan), out)
    texts = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(str(out)).pages]
    assert len(texts) == pages
    for entry in plan.entries:
        [page] = [t for t in texts if entry.title in t]
        # the excerpt's first words are on the same page as the title
        assert entry.excerpt.split(" — ")[0][:20] in page


def test_plan_needs_an_output(busy_week, capsys):
    code = main(["--workspace", str(busy_week), "plan", "--week", "2026-W50"])
    assert code == 1
    assert "-o" in capsys.readouterr().err


def _baselines(page) -> dict[str, float]:
    """The baseline height (PDF points) of each text run on ``page``, text with plain spaces."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            found[" ".join(text.split())] = tm[5] * cm[3] + cm[5]  # the last one wins

    page.extract_text(visitor_text=visit)
    return found


def test_signature_blocks_leave_room_for_a_wet_signature_and_stamp(busy_week, tmp_path):
    out = tmp_path / "rencana.pdf"
    assert main(["--workspace", str(busy_week), "plan", "--week", "2026-W50", "-o", str(out)]) == 0
    last = PdfReader(str(out)).pages[-1]
    lines = _baselines(last)
    position = next(y for text, y in lines.items() if text.startswith("Pranata Humas"))
    name = next(y for text, y in lines.items() if text.startswith("Rina Marlina"))
    gap_mm = abs(position - name) / 72 * 25.4  # baseline to baseline: title line, then the name
    assert 25 <= gap_mm <= 40, gap_mm  # ~27 mm of blank room under the title (was ~10)
