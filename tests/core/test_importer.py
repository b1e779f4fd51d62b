"""CSV import: parse and validate into a preview, write nothing until commit, all or nothing."""

from __future__ import annotations

from datetime import date, datetime

from sumbar_studio.core import importer
from sumbar_studio.core.model import Post, Status
from sumbar_studio.core.timeutil import WIB, to_wib

AGENDA = """tanggal;jam;judul;tempat;template;platform
07/12/2026;09.00;Rapat Paripurna Ranperda APBD 2027;Ruang Sidang Utama;agenda;instagram,facebook
8 Desember 2026;pukul 14.30 WIB;RDP Komisi IV dengan Dinas Pendidikan;Ruang Rapat Khusus II;berita;
2026-12-09;;Kunjungan kerja Komisi I ke Agam;Lubuk Basung;;x
31/02/2026;10.00;Tanggal salah;Padang;;
2026-12-10;25.00;Jam salah;Padang;;
2026-12-11;10.00;;Padang;;
2026-12-12;10.00;Platform salah;Padang;;friendster
2026-12-13;10.00;Templat salah;Padang;tidak-ada;
"""


def test_preview_shows_per_row_errors_and_warnings():
    preview = importer.parse_csv(AGENDA, templates={"agenda", "berita"})
    assert preview.file_errors == []
    assert [r.line for r in preview.rows] == [2, 3, 4, 5, 6, 7, 8, 9]
    ok = {r.line for r in preview.valid_rows}
    assert ok == {2, 3, 4}
    errors = {r.line: " ".join(r.errors) for r in preview.error_rows}
    assert "31/02/2026" in errors[5]
    assert "25.00" in errors[6]
    assert "judul wajib" in errors[7]
    assert "friendster" in errors[8]
    assert "tidak-ada" in errors[9]
    first = preview.rows[0].post
    assert first.title == "Rapat Paripurna Ranperda APBD 2027"
    assert first.platforms == ["instagram", "facebook"]
    assert first.card.template_id == "agenda"
    assert to_wib(first.scheduled_at) == datetime(2026, 12, 7, 9, 0, tzinfo=WIB)
    second = preview.rows[1].post
    assert to_wib(second.scheduled_at).strftime("%d %H:%M") == "08 14:30"
    third = preview.rows[2]
    assert third.post.scheduled_at is None and third.post.event_date == date(2026, 12, 9)
    assert third.warnings  # no time: created unscheduled


def test_nothing_written_before_commit_and_commit_is_all_or_nothing(workspace):
    preview = importer.parse_csv(AGENDA, templates={"agenda", "berita"})
    assert workspace.posts.count() == 0
    ids = importer.commit(preview, workspace.posts, "tester")
    assert len(ids) == 3
    posts = [workspace.posts.get(i) for i in ids]
    assert all(p.status == Status.DRAFT for p in posts)
    assert workspace.posts.history(ids[0])[0].actor == "tester"


def test_commit_rolls_back_when_a_row_fails(workspace, monkeypatch):
    preview = importer.parse_csv(AGENDA, templates={"agenda", "berita"})
    original = workspace.posts.add
    calls = []

    def failing_add(post, actor):
        calls.append(post)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(post, actor)

    monkeypatch.setattr(workspace.posts, "add", failing_add)
    try:
        importer.commit(preview, workspace.posts, "tester")
    except RuntimeError:
        pass
    assert workspace.posts.count() == 0


def test_missing_columns_and_empty_file_are_file_errors():
    assert importer.parse_csv("judul,tempat\nA,B\n").file_errors
    assert importer.parse_csv("").file_errors
    assert importer.parse_csv("tanggal,judul\n").file_errors


def test_comma_separated_english_headers_and_duplicates(workspace):
    workspace.posts.add(Post(title="Reses", event_date=date(2026, 12, 14)), "x")
    text = "date,time,title,place\n2026-12-14,08:00,Reses,Padang\n2026-12-15,08:00,Audiensi,Padang\n2026-12-15,09:00,audiensi,Padang\n"
    preview = importer.parse_csv(text, existing=importer.existing_keys(workspace.posts))
    assert len(preview.valid_rows) == 3
    assert "sudah ada" in preview.rows[0].warnings[0]
    assert preview.rows[2].warnings


def test_parse_file_decodes_windows_encodings(tmp_path):
    path = tmp_path / "agenda.csv"
    path.write_bytes(
        "tanggal;judul;tempat\n07/12/2026;Sosialisasi Perda;Payakumbuh – Lima Puluh Kota\n".encode(
            "cp1252"
        )
    )
    preview = importer.parse_file(path)
    assert preview.valid_rows[0].post.place.startswith("Payakumbuh")
