"""Text layout: shrink-to-fit, wrapping with hyphenation only, balance, overflow, emoji."""

from __future__ import annotations

import pytest

from sumbar_studio.core.cards import layout, load_brand, render, text_engine_info
from sumbar_studio.core.cards.layout import Measurer, fit_text, wrap

BRAND = load_brand()
HEADING = str(BRAND.font_path("$heading"))
BODY = str(BRAND.font_path("$body"))
TEXT = (
    "Ketua DPRD Provinsi Sumatera Barat menerima audiensi forum komunikasi nagari tentang "
    "percepatan pembangunan infrastruktur jalan provinsi dan penanggulangan bencana "
    "hidrometeorologi di kabupaten pesisir selatan serta kepulauan mentawai"
)


def test_text_engine_info_for_doctor():
    info = text_engine_info()
    assert info["engine"] in ("raqm", "basic")
    assert info["hyphenation"] == "pyphen id_ID"
    assert "pillow_version" in info and "emoji_font" in info


def test_shrink_to_fit_is_monotonic_in_text_length():
    words = TEXT.split()
    sizes = []
    for n in range(1, len(words) + 1, 2):
        fit = fit_text(" ".join(words[:n]), HEADING, 20, 90, 800.0, 400.0, 1.1, 6, True)
        sizes.append(fit.size)
    assert sizes == sorted(sizes, reverse=True), sizes
    assert sizes[0] == 90 and sizes[-1] < 60


def test_fitted_text_respects_the_box_with_real_metrics():
    fit = fit_text(TEXT, HEADING, 20, 90, 700.0, 420.0, 1.1, 8, True)
    assert not fit.overflow
    assert fit.height <= 420.5
    assert all(w <= 700.0 for w in fit.widths)
    assert fit.size < fit_text(TEXT, HEADING, 20, 90, 700.0, 420.0 * 2, 1.1, 8, True).size + 1


def test_overflow_is_reported_not_clipped_silently():
    fit = fit_text(TEXT * 3, BODY, 30, 40, 300.0, 200.0, 1.2, 40)
    assert fit.overflow and fit.truncated
    assert fit.size == 30
    assert fit.lines[-1].endswith("…")
    assert fit.height <= 200.5


def test_wrap_never_breaks_words_except_at_hyphenation_points():
    m = Measurer(BODY, 40)
    wrapped = wrap("penyelenggaraan pemerintahan kesejahteraan pertanggungjawaban", m, 260.0)
    assert wrapped.fits_width
    rebuilt = ""
    for line in wrapped.lines:
        rebuilt += line[:-1] if line.endswith("-") else line + " "
    assert rebuilt.split() == [
        "penyelenggaraan",
        "pemerintahan",
        "kesejahteraan",
        "pertanggungjawaban",
    ]
    for line in wrapped.lines:
        if line.endswith("-"):
            head = line.split()[-1][:-1]
            word = next(w for w in rebuilt.split() if w.startswith(head))
            assert len(head) in layout.hyphen_points(word)


def test_unbreakable_word_overflows_instead_of_being_cut():
    fit = fit_text(
        "dprd.sumbarprov.go.id/berita/2026/paripurna", BODY, 30, 40, 200.0, 400.0, 1.2, 10
    )
    assert fit.overflow
    assert "dprd.sumbarprov.go.id/berita/2026/paripurna" in fit.lines


def test_balanced_headline_lines_are_even():
    text = "DPRD Sumbar Sahkan Ranperda Pengelolaan Keuangan Daerah Menjadi Perda"
    plain = fit_text(text, HEADING, 40, 64, 900.0, 400.0, 1.1, 5, False)
    balanced = fit_text(text, HEADING, 40, 64, 900.0, 400.0, 1.1, 5, True)
    assert len(balanced.lines) == len(plain.lines) >= 2
    spread = max(balanced.widths) - min(balanced.widths)
    assert spread <= max(plain.widths) - min(plain.widths)
    assert not any(line.endswith("-") for line in balanced.lines)


def test_emoji_stripped_cleanly_without_an_emoji_font(monkeypatch, tmp_path):
    monkeypatch.setattr(layout, "find_emoji_font", lambda: None)
    assert (
        layout.strip_emoji("Mohon maaf lahir dan batin 🙏✨ ya 🇮🇩!")
        == "Mohon maaf lahir dan batin ya!"
    )
    result = render(
        "ucapan",
        {"greeting": "Selamat Hari Raya 🎉", "message": "Maaf 🙏 lahir batin"},
        BRAND,
        "1x1",
        0.4,
    )
    texts = [" ".join(b.lines) for b in result.report.text_boxes]
    assert "Selamat Hari Raya" in texts and "Maaf lahir batin" in texts
    assert any("emoji" in w for w in result.report.warnings)


@pytest.mark.skipif(layout.find_emoji_font() is None, reason="no colour emoji font here")
def test_emoji_drawn_in_colour_when_a_font_exists():
    img = layout.emoji_image("🙏", 40)
    assert img is not None and img.mode == "RGBA"
    assert abs(img.height - 40) <= 6
    colours = img.convert("RGB").getcolors(100000)
    assert len(colours) > 10  # a colour bitmap, not a one-colour tofu box
    m = Measurer(BODY, 40)
    assert m.width("batin 🙏") > m.width("batin ")
