"""Sandboxed Jinja2 caption templates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sumbar_studio.core.checks import Severity, check_text
from sumbar_studio.core.model import CardSpec, Post
from sumbar_studio.core.text.captions import (
    CaptionTemplateError,
    hashtag_set,
    hashtag_sets,
    list_caption_templates,
    render_caption,
    render_caption_string,
)


def post(**fields) -> Post:
    return Post(
        title="Rapat paripurna",
        place="Padang",
        event_date=date(2026, 12, 7),
        scheduled_at=datetime(2026, 12, 16, 2, 0, tzinfo=UTC),  # 09.00 WIB
        hashtags=["#DPRDSumbar", "RapatParipurna"],
        card=CardSpec("berita", fields),
    )


def test_templates_listed_with_titles_and_fields():
    infos = {t.id: t for t in list_caption_templates()}
    assert {"berita", "agenda", "ucapan", "duka_cita", "reses", "kunjungan_kerja"} <= set(infos)
    assert infos["duka_cita"].title == "Duka cita"
    assert "almarhum" in infos["duka_cita"].fields


def test_berita_with_indonesian_news_date_and_post_hashtags():
    text = render_caption(
        "berita",
        post(
            ringkasan="DPRD Provinsi Sumatera Barat menggelar rapat paripurna.",
            isi="Rapat dipimpin Ketua DPRD Muhidi.",
        ),
    )
    assert text.startswith("Padang, Senin (7/12/2026) – DPRD Provinsi Sumatera Barat")
    assert text.endswith("#DPRDSumbar #RapatParipurna")
    assert "dprd.sumbarprov.go.id" in text
    assert "ujar" not in text  # the optional quote block stays out


def test_agenda_long_date_and_wib_time_with_named_hashtag_set():
    text = render_caption(
        "agenda",
        post(kegiatan="Rapat paripurna penetapan APBD 2027"),
        hashtag_set="paripurna",
    )
    assert "Hari/tanggal: Senin, 7 Desember 2026" in text
    assert "Waktu: pukul 09.00 WIB sampai selesai" in text
    assert text.endswith(" ".join(hashtag_set("paripurna")))


def test_rendered_templates_pass_the_checklist():
    samples = {
        "ucapan": dict(
            peringatan="Hari Ibu", pesan="Terima kasih kepada seluruh ibu di Sumatera Barat."
        ),
        "duka_cita": dict(
            almarhum="Bapak Hendri Kurniawan", jabatan="anggota DPRD Provinsi Sumatera Barat"
        ),
        "reses": dict(
            anggota="Anggota DPRD Provinsi Sumatera Barat Syafril Amir",
            aspirasi="perbaikan irigasi",
        ),
        "kunjungan_kerja": dict(
            alat_kelengkapan="Komisi V",
            tujuan="RSUD Bukittinggi",
            isi="Komisi V memantau layanan kesehatan.",
        ),
    }
    for template_id, fields in samples.items():
        text = render_caption(template_id, post(**fields), hashtag_set="umum")
        findings = check_text(text, ["instagram"])
        bad = [f for f in findings if f.severity != Severity.INFO and f.platform == ""]
        assert bad == [], (template_id, [(f.rule, f.params) for f in bad])


def test_undefined_field_reports_line_and_field():
    with pytest.raises(CaptionTemplateError) as err:
        render_caption("duka_cita", post(jabatan="anggota DPRD"))
    message = str(err.value)
    assert "almarhum" in message and "baris 4" in message


def test_syntax_error_reports_line():
    with pytest.raises(CaptionTemplateError) as err:
        render_caption_string("Baris satu\n{{ judul ", post())
    assert "baris 2" in str(err.value)


@pytest.mark.parametrize(
    "source",
    [
        "{{ judul.__class__.__mro__ }}",
        "{{ ''.__class__.__subclasses__() }}",
        "{{ tagar_list.append('x') }}",
        "{{ cycler.__init__.__globals__ }}",
    ],
)
def test_template_cannot_reach_python_internals(source):
    with pytest.raises(CaptionTemplateError):
        render_caption_string(source, post())


def test_unknown_template_and_path_tricks_refused():
    for bad in ("tidak_ada", "../captions/berita", "berita.j2/../x"):
        with pytest.raises(CaptionTemplateError):
            render_caption(bad, post())


def test_hashtag_sets_from_data():
    sets = hashtag_sets()
    assert "#DPRDSumbar" in sets["umum"]
    with pytest.raises(CaptionTemplateError):
        hashtag_set("tidak-ada")
