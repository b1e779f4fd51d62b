"""Weekly plan data and its HTML (no Qt)."""

from __future__ import annotations

from datetime import date

from export_helpers import add_post  # tests/ is on sys.path (rootdir conftest)

from sumbar_studio.core.model import Status
from sumbar_studio.core.plan import build_plan, excerpt, render_plan_html
from sumbar_studio.core.settings import Person, TeamSettings


def team(ws):
    ws.save_team_settings(
        TeamSettings(
            people=[
                Person("Rina Marlina, S.I.Kom.", "199001012015032001", "Pranata Humas Ahli Muda"),
                Person(
                    "Drs. Hendra Saputra, M.Si.",
                    "197501011998031002",
                    "Kepala Bagian",
                    can_approve=True,
                ),
            ],
            preparer="Rina Marlina, S.I.Kom.",
            head_of_section="Drs. Hendra Saputra, M.Si.",
        )
    )


def test_plan_groups_by_day_and_time_in_wib(workspace, tmp_path):
    team(workspace)
    late = add_post(
        workspace, tmp_path, "Reses Malam", when="2026-12-07 23:30", platforms=("instagram",)
    )
    early = add_post(
        workspace,
        tmp_path,
        "Rapat Pagi",
        when="2026-12-07 06:15",
        platforms=("instagram", "x"),
        approve=False,
    )
    sunday = add_post(
        workspace, tmp_path, "Ucapan Minggu", when="2026-12-13 07:00", platforms=("facebook",)
    )
    add_post(workspace, tmp_path, "Minggu depan", when="2026-12-14 00:30", platforms=("x",))

    plan = build_plan(workspace, 2026, 50, sign_date=date(2026, 12, 4), thumbnails=False)
    assert plan.title == "Rencana Konten Media Sosial"
    assert plan.week_label == "Senin, 7 Desember - Minggu, 13 Desember 2026"
    assert [d.label for d in plan.days][0] == "Senin, 7 Desember 2026"
    assert plan.days[-1].label == "Minggu, 13 Desember 2026"
    monday = plan.days[0].entries
    assert [(e.time, e.title) for e in monday] == [
        ("06.15", "Rapat Pagi"),
        ("23.30", "Reses Malam"),
    ]
    assert monday[0].platforms == ["Instagram", "X"]
    assert monday[0].status_label == Status.DRAFT.label() == "Draf"
    assert monday[1].status_label == "Disetujui"
    assert monday[0].officer == "Rina Marlina"
    assert [e.post_id for e in plan.days[6].entries] == [sunday.id]
    assert plan.total == 3 and {late.id, early.id} <= {e.post_id for e in plan.entries}
    assert plan.platform_totals == {"Instagram": 2, "Facebook": 1, "X": 1}
    assert plan.status_totals["Draf"] == 1 and plan.status_totals["Disetujui"] == 2
    assert plan.summary["Instagram"]["Draf"] == 1
    prepared, head = plan.signatories
    assert (prepared.caption, prepared.name, prepared.nip) == (
        "Disiapkan oleh",
        "Rina Marlina, S.I.Kom.",
        "199001012015032001",
    )
    assert (head.caption, head.name, head.nip, head.position) == (
        "Mengetahui",
        "Drs. Hendra Saputra, M.Si.",
        "197501011998031002",
        "Kepala Bagian",
    )
    assert plan.place_date == "Padang, 4 Desember 2026"


def test_plan_thumbnails_are_small_cached_card_images(workspace, tmp_path):
    add_post(workspace, tmp_path, "Rapat Paripurna", platforms=("instagram",))
    plan = build_plan(workspace, 2026, 50)
    [entry] = plan.entries
    assert entry.thumbnail and entry.thumbnail.is_file()
    from PIL import Image

    with Image.open(entry.thumbnail) as img:
        assert max(img.size) <= 300
    again = build_plan(workspace, 2026, 50)
    assert again.entries[0].thumbnail == entry.thumbnail  # cached by content


def test_excerpt_cuts_at_a_word_and_drops_hashtags():
    text = "Padang — " + "anggota DPRD menyerap aspirasi warga " * 12 + "#DPRDSumbar #Reses"
    cut = excerpt(text)
    assert len(cut) <= 202 and cut.endswith(" …")
    assert "#" not in cut
    assert text.startswith(cut[:-2].rstrip())
    assert excerpt("Pendek saja. #DPRDSumbar") == "Pendek saja."


def test_html_is_escaped_and_has_the_signature_blocks(workspace, tmp_path):
    team(workspace)
    add_post(workspace, tmp_path, "<script>alert(1)</script> & Rapat", platforms=("x",))
    html = render_plan_html(build_plan(workspace, 2026, 50, thumbnails=False))
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    for text in (
        "Rencana Konten Media Sosial",
        "Disiapkan oleh",
        "Mengetahui",
        "NIP 199001012015032001",
        "NIP 197501011998031002",
        "Padang, ",
        "Senin, 7 Desember - Minggu, 13 Desember 2026",
        "Tidak ada unggahan terjadwal.",
    ):
        assert text in html
    assert "display: flex" not in html


def test_empty_week_still_lists_every_day(workspace):
    plan = build_plan(workspace, 2026, 50, thumbnails=False)
    assert len(plan.days) == 7 and plan.total == 0
    assert render_plan_html(plan).count("Tidak ada unggahan terjadwal.") == 7
