"""A corpus of realistic DPRD Sumbar captions: clean ones pass, seeded errors are caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from sumbar_studio.core.checks import Severity, check_text

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
CLEAN = sorted(CORPUS.glob("*.txt"))
PLATFORMS = ["instagram", "facebook"]


def test_corpus_is_big_enough():
    assert len(CLEAN) >= 20


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_clean_caption_has_no_blocking_and_no_spelling_warning(path):
    text = path.read_text(encoding="utf-8")
    findings = check_text(text, PLATFORMS)
    assert [f for f in findings if f.severity == Severity.BLOCKING] == []
    language = [f for f in findings if f.rule.startswith(("bahasa.", "gaya."))]
    assert language == [], [(f.rule, text[f.start : f.end]) for f in language]
    content = [
        f for f in findings if f.rule.split(".")[0] in ("pdp", "rahasia", "netral", "sara", "wakil")
    ]
    assert content == []


#: (file, phrase in the clean text, erroneous replacement, rule that must catch it)
SEEDED = [
    ("01_paripurna_apbd", "Senin, 7 Desember 2026", "Selasa, 7 Desember 2026", "gaya.hari_tanggal"),
    ("01_paripurna_apbd", "akan dibahas", "akan di bahas", "bahasa.imbuhan"),
    (
        "02_paripurna_pandangan_fraksi",
        "Selasa (8/12/2026)",
        "Kamis (8/12/2026)",
        "gaya.hari_tanggal",
    ),
    (
        "02_paripurna_pandangan_fraksi",
        "Fraksi Gerindra menyampaikan pandangan",
        "Ayo dukung Gerindra! Fraksi Gerindra menyampaikan pandangan",
        "netral.kampanye",
    ),
    ("03_reses", "perbaikan irigasi", "perbaikan irigasi (hubungi 0812-6612-3344)", "pdp.telepon"),
    ("03_reses", "di Nagari Koto Baru", "diNagari Koto Baru", "bahasa.preposisi"),
    (
        "04_kunker",
        "Kunjungan yang dipimpin",
        "Saya memimpin kunjungan yang dipimpin",
        "wakil.orang_pertama",
    ),
    ("04_kunker", "ketersediaan obat", "ketersedian obat", "bahasa.ejaan"),
    ("05_agenda", "pukul 09.00 WIB", "pukul 09:00 WIB", "gaya.pukul"),
    ("05_agenda", "pukul 09.00 WIB", "pukul 09.00 Wib", "gaya.zona_waktu"),
    ("06_ucapan_hari_ibu", "Terima kasih", "Terimakasih", "bahasa.baku"),
    (
        "07_duka_cita",
        "turut berduka cita",
        "turut berduka cita (NIK almarhum 1371011203650002)",
        "pdp.nik",
    ),
    ("08_rdp", "Rapat membahas", "Rapat tertutup membahas", "rahasia.klasifikasi"),
    ("08_rdp", "di titik rawan", "diatas titik rawan", "bahasa.preposisi"),
    (
        "09_sosialisasi_perda",
        "menjelaskan hak",
        "menjelaskan hak (kontak panitia: deswita.anwar@gmail.com)",
        "pdp.surel",
    ),
    ("10_terima_kunjungan", "Pertemuan ini", "VIRAL!!! Pertemuan ini", "gaya.seru"),
    ("10_terima_kunjungan", "Pertemuan ini", "Heboh, pertemuan ini", "gaya.umpan_klik"),
    ("11_pansus", "Pansus menekankan", "Pansus yang goblok menekankan", "sara.ujaran"),
    ("12_ucapan_natal", "Semoga damai Natal", "SEMOGA DAMAI NATAL", "gaya.kapital"),
    ("13_reses_kota", "perbaikan saluran", "aktifitas perbaikan saluran", "bahasa.baku"),
    (
        "14_bapemperda",
        "Rapat menginventarisasi",
        "Dokumen RAHASIA. Rapat menginventarisasi",
        "rahasia.klasifikasi",
    ),
    (
        "15_kunker_bencana",
        "Menurut data BPBD Sumatera Barat, sebanyak 320 rumah",
        "Sebanyak 40 persen rumah",
        "kredibel.angka_sumber",
    ),
    ("17_audiensi", "di ruang kerja", "dimana ruang kerja", "bahasa.preposisi"),
    ("18_paripurna_penetapan", "Rp7,1 triliun", "Rp. 7,1 triliun", "gaya.rupiah"),
    ("19_pengumuman_ppid", "pukul 08.00–16.00 WIB", "pukul 08:00–16:00 WIB", "gaya.pukul"),
    ("20_ucapan_idulfitri", "Mohon maaf", "Gue mohon maaf", "wakil.orang_pertama"),
    ("21_kunker_sekolah", "Selasa, 1 Desember 2026", "Rabu, 1 Desember 2026", "gaya.hari_tanggal"),
    ("22_rapat_banggar", "Rapat menyepakati", "Rapat di sepakati menyepakati", "bahasa.imbuhan"),
    (
        "23_hari_disabilitas",
        "berkomitmen mendorong",
        "berkomitmen mempengaruhi dan mendorong",
        "bahasa.baku",
    ),
]


@pytest.mark.parametrize("name, phrase, wrong, rule", SEEDED, ids=lambda v: str(v)[:30])
def test_seeded_error_is_caught(name, phrase, wrong, rule):
    clean = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    assert phrase in clean
    seeded = clean.replace(phrase, wrong, 1)
    at = clean.index(phrase)
    hits = [f for f in check_text(seeded, PLATFORMS) if f.rule == rule]
    assert hits, f"{rule} missed in {name}"
    # the finding points inside the seeded part of the text
    assert any(at <= f.start < at + len(wrong) for f in hits if f.start is not None)
    if rule.startswith(("pdp.", "rahasia.", "sara.")):
        assert all(f.severity == Severity.BLOCKING for f in hits)
