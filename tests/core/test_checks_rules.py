"""Each automatic rule: Indonesian examples it must catch, and near-misses it must leave alone."""

from __future__ import annotations

import pytest

from sumbar_studio.core.checks import Severity, check_text
from sumbar_studio.core.checks.textrules import plausible_nik
from sumbar_studio.core.i18n import t


def rules_hit(text: str, platforms: list[str] | None = None) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in check_text(text, platforms or []):
        out.setdefault(f.rule, []).append(f)
    return out


def spans(text: str, rule: str, platforms=None) -> list[str]:
    return [text[f.start : f.end] for f in rules_hit(text, platforms).get(rule, [])]


# -- prepositions and prefixes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, wrong, right",
    [
        ("Rapat digelar diatas kapal.", "diatas", "di atas"),
        ("Warga bertanya dimana posko bantuan.", "dimana", "di mana"),
        ("Rombongan pergi kesana pagi ini.", "kesana", "ke sana"),
        ("Kegiatan berlangsung didalam gedung.", "didalam", "di dalam"),
        ("Anggota dewan datang diPadang kemarin.", "diPadang", "di Padang"),
    ],
)
def test_preposition_written_apart(text, wrong, right):
    found = rules_hit(text)["bahasa.preposisi"]
    assert [text[f.start : f.end] for f in found] == [wrong]
    assert found[0].replacement == right


@pytest.mark.parametrize(
    "text, wrong, right",
    [
        ("Rapat di laksanakan pukul 09.00 WIB.", "di laksanakan", "dilaksanakan"),
        ("Usulan itu di sampaikan kepada pimpinan.", "di sampaikan", "disampaikan"),
        ("Acara di hadiri ratusan warga.", "di hadiri", "dihadiri"),
        ("Ranperda di bahas pekan depan.", "di bahas", "dibahas"),
    ],
)
def test_prefix_joined_to_verb(text, wrong, right):
    found = rules_hit(text)["bahasa.imbuhan"]
    assert [text[f.start : f.end] for f in found] == [wrong]
    assert found[0].replacement == right


@pytest.mark.parametrize(
    "text",
    [
        "Rapat digelar di atas kapal.",
        "Warga bertanya di mana posko bantuan.",
        "Rapat dilaksanakan di ruang sidang utama.",
        "Pertemuan di kantor DPRD di Padang berjalan lancar.",
        "Anggota dewan keluar dari ruang rapat.",
        "Mereka berkumpul di sini dan di sana.",
    ],
)
def test_correct_prepositions_and_prefixes_not_flagged(text):
    hit = rules_hit(text)
    assert "bahasa.preposisi" not in hit and "bahasa.imbuhan" not in hit


# -- spelling and standard words -------------------------------------------------------------


def test_baku_word_flagged_with_replacement_and_case_kept():
    found = rules_hit("Aktifitas reses berjalan. Warga mempengaruhi keputusan.")["bahasa.baku"]
    assert [(f.params["text"], f.replacement) for f in found] == [
        ("Aktifitas", "Aktivitas"),
        ("mempengaruhi", "memengaruhi"),
    ]


def test_baku_word_accepted_by_dictionary_still_flagged():
    # "himbau" is in the general dictionary but not standard (KBBI: imbau)
    assert spans("Pemerintah himbau warga waspada.", "bahasa.baku") == ["himbau"]


def test_institution_lexicon_and_roster_accepted():
    text = (
        "Ranperda dibahas pansus DPRD Sumbar bersama Setwan. Warganet mengikuti rapat "
        "secara daring dan luring. Ketua DPRD Muhidi memimpin paripurna; hoaks dibantah."
    )
    hit = rules_hit(text)
    assert "bahasa.ejaan" not in hit and "bahasa.nama" not in hit


def test_misspelling_flagged_and_suggestions_lazy():
    found = rules_hit("Rapat berjalan dengan lancra.")["bahasa.ejaan"]
    assert [f.params["word"] for f in found] == ["lancra"]
    f = found[0]
    assert f.suggestions == []  # not computed until asked
    assert "lancar" in f.fill_suggestions()


def test_unknown_capitalised_name_is_not_reported_but_a_near_known_word_is_a_warning():
    assert "bahasa.nama" not in rules_hit("Kunjungan diterima oleh Bapak Zulfahmiwardi.")
    found = rules_hit("Kunjungan diterima oleh Forkompinda Sumbar.")["bahasa.nama"]
    assert found and found[0].severity == Severity.WARNING
    assert found[0].replacement == "Forkopimda"


def test_urls_hashtags_and_emails_are_not_spellchecked():
    text = "Kunjungi https://dprd.sumbarprov.go.id/xyzqw #DPRDSumbarXyz humas@dprd.sumbarprov.go.id"
    hit = rules_hit(text)
    assert "bahasa.ejaan" not in hit and "bahasa.nama" not in hit


# -- dates, times, currency -----------------------------------------------------------------


def test_weekday_must_match_date():
    text = "Rapat paripurna digelar Selasa, 7 Desember 2026."
    found = rules_hit(text)["gaya.hari_tanggal"]
    assert found[0].replacement == "Senin"
    assert text[found[0].start : found[0].end] == "Selasa"
    assert "Senin" in found[0].message


def test_news_style_weekday_checked():
    assert spans("Padang, Rabu (7/12/2026) - rapat digelar.", "gaya.hari_tanggal") == ["Rabu"]


def test_correct_weekday_not_flagged():
    text = "Senin, 7 Desember 2026 dan Senin (7/12/2026) serta Selasa, 8 Desember 2026."
    assert "gaya.hari_tanggal" not in rules_hit(text)


def test_impossible_date():
    assert "gaya.tanggal_tidak_ada" in rules_hit("Rapat digelar 31 Februari 2027.")


@pytest.mark.parametrize(
    "text, wrong, right, rule",
    [
        ("Rapat dimulai pukul 09:00 WIB.", "09:00", "09.00", "gaya.pukul"),
        ("Rapat dimulai 9:30 WIB.", "9:30", "09.30", "gaya.pukul"),
        ("Rapat dimulai pukul 09.00 Wib.", "Wib", "WIB", "gaya.zona_waktu"),
        ("Rapat dimulai pukul 14.00 wib.", "wib", "WIB", "gaya.zona_waktu"),
    ],
)
def test_time_format(text, wrong, right, rule):
    found = rules_hit(text)[rule]
    assert text[found[0].start : found[0].end] == wrong and found[0].replacement == right


def test_correct_time_and_ratio_not_flagged():
    hit = rules_hit("Rapat pukul 09.00 WIB; perbandingan suara 3:2 dalam voting.")
    assert "gaya.pukul" not in hit and "gaya.zona_waktu" not in hit


@pytest.mark.parametrize(
    "text, wrong, right",
    [
        ("Bantuan sebesar Rp. 5.000 per paket.", "Rp. 5.000", "Rp5.000"),
        ("Bantuan sebesar Rp 20 juta.", "Rp 20", "Rp20"),
        ("Biaya Rp5000 per orang.", "Rp5000", "Rp5.000"),
        ("Harga Rp5.000,- per paket.", "Rp5.000,-", "Rp5.000"),
    ],
)
def test_currency(text, wrong, right):
    found = rules_hit(text)["gaya.rupiah"]
    assert text[found[0].start : found[0].end] == wrong and found[0].replacement == right


def test_correct_currency_not_flagged():
    assert "gaya.rupiah" not in rules_hit(
        "Anggaran Rp7,1 triliun dan Rp5.000 per orang, Rp20 juta."
    )


def test_excessive_capitals_but_abbreviations_fine():
    assert spans("RAPAT INI SANGAT PENTING bagi warga.", "gaya.kapital") == [
        "RAPAT INI SANGAT PENTING"
    ]
    assert "gaya.kapital" not in rules_hit(
        "DPRD Sumbar, PPID dan BPBD hadir; RAPAT PARIPURNA digelar."
    )


def test_exclamation_marks():
    assert spans("Hadirilah!!!", "gaya.seru") == ["!!!"]
    assert "gaya.seru" in rules_hit("Ayo! Datang! Ramaikan! Sekarang!")
    assert "gaya.seru" not in rules_hit("Dirgahayu Provinsi Sumatera Barat!")


def test_clickbait():
    assert spans("Heboh! Rapat ini bikin kaget warga.", "gaya.umpan_klik") == [
        "Heboh",
        "bikin kaget",
    ]
    assert "gaya.umpan_klik" not in rules_hit("Rapat berjalan lancar dan tertib.")


# -- personal data (UU PDP) ------------------------------------------------------------------


def test_nik_blocking():
    # Sumatera Barat (13), Kota Padang (71), district 05, woman born 05-12-89 (day + 40)
    found = rules_hit("Penerima bantuan NIK 1371054512890001 atas nama Ani.")["pdp.nik"]
    assert found[0].severity == Severity.BLOCKING
    assert "1371054512890001" not in found[0].message  # the message does not repeat it


def test_nik_with_spaces_blocking():
    assert "pdp.nik" in rules_hit("KK 1371 0512 0190 0003")


@pytest.mark.parametrize(
    "number",
    [
        "2026120700012345",  # invoice: "20" is no province code
        "1371053212890001",  # day 32 does not exist
        "1371051013890001",  # month 13 does not exist
        "1371050512890000",  # serial 0000
    ],
)
def test_sixteen_digits_that_cannot_be_a_nik(number):
    assert not plausible_nik(number, {13})
    assert "pdp.nik" not in rules_hit(f"Nomor faktur {number} telah dibayar.")


def test_phone_numbers_blocking_and_official_numbers_allowed():
    for text in ("Hubungi 0812-3456-7890.", "WA +62 812 3456 7890", "hp 081234567890"):
        assert rules_hit(text)["pdp.telepon"][0].severity == Severity.BLOCKING
    assert "pdp.telepon" not in rules_hit("Telepon kantor (0751) 31303 atau 112.")


def test_personal_email_blocking_official_email_fine():
    assert rules_hit("Kirim ke budi.santoso@gmail.com")["pdp.surel"][0].blocking
    hit = rules_hit("Kirim ke humas@dprd.sumbarprov.go.id")
    assert "pdp.surel" not in hit and "pdp.surel_lain" not in hit


# -- state secrets ---------------------------------------------------------------------------


def test_classification_markings_and_closed_meetings_block():
    assert rules_hit("Dokumen ini SANGAT RAHASIA.")["rahasia.klasifikasi"][0].blocking
    assert "rahasia.klasifikasi" in rules_hit("Rapat tertutup Badan Kehormatan membahas laporan.")
    assert "rahasia.klasifikasi" in rules_hit("Pertemuan dilaksanakan secara tertutup.")


def test_secret_near_misses():
    hit = rules_hit("Rapat paripurna terbuka untuk umum. ASN wajib menjaga rahasia negara.")
    assert "rahasia.klasifikasi" not in hit


# -- neutrality ------------------------------------------------------------------------------


def test_campaign_language_warning():
    for text in (
        "Jangan lupa coblos nomor urut 3!",
        "Ayo dukung Partai Golkar!",
        "Pilih caleg kita.",
    ):
        found = rules_hit(text)["netral.kampanye"]
        assert found[0].severity == Severity.WARNING


def test_faction_coverage_is_not_campaign():
    for text in (
        "Fraksi Gerindra menyampaikan pandangan umum terhadap Ranperda.",
        "Seluruh fraksi, termasuk Fraksi PKS dan Fraksi Golkar, mendukung program beasiswa.",
        "Rapat dihadiri anggota dari Fraksi Demokrat dan Fraksi PAN.",
    ):
        assert "netral.kampanye" not in rules_hit(text), text


# -- SARA and insults ------------------------------------------------------------------------


def test_sara_and_insults_block():
    assert rules_hit("Dasar goblok!")["sara.ujaran"][0].blocking
    assert "sara.ujaran" in rules_hit("Jangan percaya antek asing itu.")


def test_sara_near_miss():
    assert "sara.ujaran" not in rules_hit("Kerukunan antarumat beragama di Sumatera Barat terjaga.")


# -- keterwakilan: first person --------------------------------------------------------------


def test_first_person_in_institution_voice():
    assert spans("Saya mengucapkan selamat hari raya.", "wakil.orang_pertama") == ["Saya"]
    assert spans("Gue bangga sama Sumbar.", "wakil.orang_pertama") == ["Gue"]


def test_first_person_inside_a_quote_is_fine():
    text = '"Saya berharap ranperda ini segera selesai," ujar Ketua DPRD Muhidi.'
    assert "wakil.orang_pertama" not in rules_hit(text)


# -- kredibel: figures -----------------------------------------------------------------------


def test_figure_without_source_and_without_unit():
    assert "kredibel.angka_sumber" in rules_hit("Angka kemiskinan turun 12 persen tahun ini.")
    assert spans("Sebanyak 1.250 telah menerima bantuan.", "kredibel.angka_satuan") == ["1.250"]


def test_figures_with_source_unit_or_year_fine():
    hit = rules_hit(
        "Menurut data BPS, angka kemiskinan turun 12 persen. Sebanyak 1.250 warga menerima "
        "bantuan pada tahun 2026, Perda Nomor 5 Tahun 2024."
    )
    assert "kredibel.angka_sumber" not in hit and "kredibel.angka_satuan" not in hit


# -- platform fit and terintegrasi -----------------------------------------------------------


def test_x_length_blocking_with_span_of_overflow():
    text = "Rapat paripurna DPRD Sumbar. " + "Isi berita " * 30
    found = rules_hit(text, ["x"])["platform.panjang"]
    assert found[0].blocking and found[0].platform == "x"
    assert found[0].end == len(text) and 0 < found[0].start < len(text)
    assert found[0].params["limit"] == 280


def test_instagram_hashtag_limit_and_links():
    text = "Rapat paripurna https://dprd.sumbarprov.go.id #DPRDSumbar #a1 #b2 #c3 #d4 #e5"
    hit = rules_hit(text, ["instagram"])
    assert [text[f.start : f.end] for f in hit["platform.tagar_berlebih"]] == ["#e5"]
    assert [text[f.start : f.end] for f in hit["platform.tautan_tidak_aktif"]] == [
        "https://dprd.sumbarprov.go.id"
    ]
    assert "platform.tautan_tidak_aktif" not in rules_hit(text, ["facebook"])


def test_official_hashtag_and_link_expected():
    hit = rules_hit("Rapat paripurna hari ini.", ["facebook", "instagram"])
    assert {f.platform for f in hit["terintegrasi.tagar"]} == {"facebook", "instagram"}
    assert {f.platform for f in hit["terintegrasi.tautan"]} == {"facebook"}
    ok = rules_hit("Rapat paripurna. dprd.sumbarprov.go.id #DPRDSumbar", ["facebook"])
    assert "terintegrasi.tagar" not in ok and "terintegrasi.tautan" not in ok


# -- finding plumbing ------------------------------------------------------------------------


def test_line_and_column_are_one_based():
    text = "Baris pertama.\nRapat dimulai pukul 09:00 WIB."
    f = rules_hit(text)["gaya.pukul"][0]
    assert (f.line, f.column) == (2, 21)


def test_messages_in_english():
    f = rules_hit("Rapat digelar diatas kapal.")["bahasa.preposisi"][0]
    assert "written apart" in f.message_in("en")
    assert "ditulis terpisah" in f.message_in("id")


def test_catalogue_has_same_keys_in_both_languages():
    import json

    from sumbar_studio.core.resources import asset_path

    ids = json.loads(asset_path("i18n", "id", "checks.json").read_text(encoding="utf-8"))
    en = json.loads(asset_path("i18n", "en", "checks.json").read_text(encoding="utf-8"))
    assert set(ids) == set(en)
    assert t("checks.severity_blocking", lang="id") == "menghalangi"
