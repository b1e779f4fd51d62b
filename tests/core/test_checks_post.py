"""check_post: the whole post, rolled up per checklist item."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sumbar_studio.core.cards.render import LayoutReport, TextBox
from sumbar_studio.core.checks import ItemStatus, Severity, check_post, load_rules
from sumbar_studio.core.model import Attestation, CardSpec, Media, Post

NOW = datetime(2026, 12, 8, 3, 0, tzinfo=UTC)  # Selasa, 8 Desember 2026, 10.00 WIB

CAPTION = (
    "Padang, Senin, 7 Desember 2026 – DPRD Provinsi Sumatera Barat menggelar rapat paripurna "
    "penyampaian nota penjelasan Ranperda tentang APBD Tahun Anggaran 2027. Informasi lengkap: "
    "dprd.sumbarprov.go.id"
)


def make_post(**kw) -> Post:
    values = dict(
        title="Paripurna nota penjelasan APBD 2027",
        caption=CAPTION,
        platforms=["instagram", "facebook"],
        hashtags=["#DPRDSumbar", "#RapatParipurna"],
        media=[Media("a" * 64, "paripurna.jpg", alt_text="Suasana rapat paripurna DPRD Sumbar")],
        event_date=date(2026, 12, 7),
        source="Bagian Persidangan Setwan DPRD Sumbar",
        photo_credit="Humas DPRD Sumbar",
        scheduled_at=datetime(2026, 12, 8, 5, 0, tzinfo=UTC),
    )
    values.update(kw)
    return Post(**values)


def by_rule(result):
    out = {}
    for f in result.findings:
        out.setdefault(f.rule, []).append(f)
    return out


def test_clean_post_has_no_blocking_and_manual_items_pending():
    result = check_post(make_post(), now=NOW)
    assert result.blocking == []
    statuses = {r.id: r.status for r in result.items}
    assert statuses["profesional"] == ItemStatus.PASS
    assert statuses["kredibel"] == ItemStatus.MANUAL_PENDING
    assert statuses["etika_1_kehormatan"] == ItemStatus.MANUAL_PENDING
    assert set(statuses) == {i.id for i in load_rules().items}
    assert result.counts["instagram"]["limit"] == 2200
    summary = result.summary()
    assert summary["blocking"] == 0 and summary["content_hash"] == make_post().content_hash()


def test_attested_item_passes_and_names_the_officer():
    at = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)
    post = make_post(attestations={"kredibel": Attestation("kredibel", "Yulia Marlina", at)})
    r = check_post(post, now=NOW).item("kredibel")
    assert r.status == ItemStatus.PASS and r.attested_by == "Yulia Marlina"


def test_instagram_link_and_the_pasted_caption_is_what_is_counted():
    post = make_post(hashtags=[f"#tag{i}" for i in range(8)])
    result = check_post(post, now=NOW)
    hits = by_rule(result)
    assert hits["platform.tautan_tidak_aktif"][0].platform == "instagram"
    dropped = {f.platform for f in hits["platform.tagar_dipotong"]}
    assert "instagram" in dropped  # 8 tags, Instagram pastes 5
    pasted = post.full_caption("instagram", 5)
    assert result.counts["instagram"]["length"] == len(pasted)


def test_variant_is_checked_with_its_platform():
    post = make_post(platforms=["instagram", "x"], variants={"x": "Rapat di laksanakan hari ini."})
    hits = by_rule(check_post(post, now=NOW))
    assert [f.platform for f in hits["bahasa.imbuhan"]] == ["x"]


def test_x_overflow_blocks():
    post = make_post(platforms=["x"], caption=CAPTION + " Rapat dihadiri seluruh fraksi." * 5)
    result = check_post(post, now=NOW)
    assert any(f.rule == "platform.panjang" and f.platform == "x" for f in result.blocking)
    assert result.item("platform").status == ItemStatus.BLOCKING


def test_media_rules_alt_text_credit_and_image_count():
    media = [Media(f"{i:064d}", f"foto{i}.jpg") for i in range(5)]
    post = make_post(
        platforms=["x"],
        variants={"x": "Rapat paripurna #DPRDSumbar"},
        media=media,
        photo_credit="",
        source="",
    )
    hits = by_rule(check_post(post, now=NOW))
    assert len(hits["akses.teks_alt"]) == 5
    assert hits["platform.gambar_berlebih"][0].severity == Severity.BLOCKING  # X takes 4
    assert "kredibel.kredit_foto" in hits and "kredibel.sumber" in hits


def test_responsif_late_post_warns():
    late = make_post(scheduled_at=datetime(2026, 12, 11, 3, 0, tzinfo=UTC))
    assert by_rule(check_post(late, now=NOW))["responsif.terlambat"][0].params["days"] == 4
    on_time = make_post(scheduled_at=datetime(2026, 12, 9, 3, 0, tzinfo=UTC))
    assert "responsif.terlambat" not in by_rule(check_post(on_time, now=NOW))
    # an agenda announced before its event is never late
    agenda = make_post(event_date=date(2026, 12, 16))
    assert "responsif.terlambat" not in by_rule(check_post(agenda, now=NOW))


def _box(name: str, *, overflow: bool = False, contrast: float = 7.0) -> TextBox:
    return TextBox(
        layer=name,
        field=name,
        rect=(0, 0, 10, 10),
        frame=(0, 0, 10, 10),
        font_size=40,
        min_size=28,
        max_size=72,
        lines=["x"],
        overflow=overflow,
        contrast=contrast,
    )


def test_card_reports_overflow_contrast_upscaled():
    post = make_post(card=CardSpec("berita", {"judul": "Rapat"}, ["4x5"]))
    reports = {
        "4x5": LayoutReport(
            "berita",
            "4x5",
            (1080, 1350),
            1.0,
            [_box("judul", overflow=True), _box("keterangan", contrast=3.2)],
            overflow=True,
            upscaled=["foto.jpg"],
        ),
        "1x1": LayoutReport("berita", "1x1", (1080, 1080), 1.0, [_box("judul")]),
    }
    result = check_post(post, card_reports=reports, now=NOW)
    hits = by_rule(result)
    assert (
        hits["kartu.tidak_muat"][0].blocking
        and hits["kartu.tidak_muat"][0].params["field"] == "judul"
    )
    assert hits["kartu.kontras"][0].item == "aksesibilitas"
    assert "3,2" in hits["kartu.kontras"][0].message
    assert hits["kartu.diperbesar"][0].item == "profesional"
    assert result.item("profesional").status == ItemStatus.BLOCKING


def test_a_real_render_that_overflows_blocks_the_post():
    from sumbar_studio.core.cards import load_brand, render

    title = " ".join(["Penyampaian Laporan Hasil Pembahasan Panitia Khusus"] * 12)
    result = render("berita", {"title": title}, load_brand(), "191x1", scale=0.25)
    assert result.report.overflow
    post = make_post(card=CardSpec("berita", {"title": title}, ["191x1"]))
    hits = by_rule(check_post(post, card_reports={"191x1": result.report}, now=NOW))
    assert hits["kartu.tidak_muat"][0].blocking
