"""The Kotak Masukan's rules: fast entry, routing, status with reasons and an audit trail,
replies through the checklist, approval, response times, retention and statistics."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from sumbar_studio.core.errors import InvalidInput, NotFound, StaleEdit, TransitionRefused
from sumbar_studio.core.inbox import (
    EntryQuery,
    EntryStatus,
    InboxService,
    InboxSettings,
    save_inbox_settings,
)
from sumbar_studio.core.inbox.guess import guess_entry
from sumbar_studio.core.inbox.model import Channel, Entry, Kind, ReplyStatus
from sumbar_studio.core.inbox.privacy import contains_personal, mask_contact, mask_handle
from sumbar_studio.core.inbox.replies import check_reply, list_reply_templates, render_reply
from sumbar_studio.core.model import Post
from sumbar_studio.core.settings import Person, TeamSettings
from sumbar_studio.core.store import schema
from sumbar_studio.core.timeutil import WIB

OFFICER = "Rina Marlina, S.I.Kom."
HEAD = "Drs. Hendra Saputra, M.Si."
NIK = "1371014506900001"


def wib(y, m, d, hh=0, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=WIB).astimezone(UTC)


class Clock:
    def __init__(self, moment: datetime):
        self.now = moment

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def team(workspace):
    workspace.save_team_settings(
        TeamSettings(
            people=[
                Person(OFFICER, "199001012015032001", "Pranata Humas"),
                Person(HEAD, "197501011998031002", "Kepala Bagian", can_approve=True),
            ]
        )
    )
    return workspace


@pytest.fixture
def clock():
    return Clock(wib(2026, 12, 2, 9, 0))  # Wednesday, office hours


@pytest.fixture
def service(team, clock):
    return InboxService(team, clock=clock)


COMPLAINT = "@uda_padang: Jalan di Lubuk Begalung rusak parah sejak bulan lalu, kapan diperbaiki?"
GOOD_REPLY = (
    "Terima kasih atas laporannya. Laporan ini sudah kami teruskan kepada Komisi IV "
    "DPRD Provinsi Sumatera Barat untuk ditindaklanjuti sesuai kewenangan."
)


# -- fast entry ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pasted", "channel", "sender", "contact", "kind"),
    [
        (COMPLAINT, None, "@uda_padang", "", Kind.COMPLAINT),
        (
            "[01/12/26 21.15] Budi Santoso: Mohon info jadwal reses Dapil II?",
            Channel.WHATSAPP,
            "Budi Santoso",
            "",
            Kind.QUESTION,
        ),
        (
            "wa.me/6281234567890 lampu jalan di Nagari Koto Baru mati",
            Channel.WHATSAPP,
            "",
            "+6281234567890",
            None,
        ),
        (
            "+62 812-3456-7890: sampah menumpuk, tolong ditindak",
            Channel.WHATSAPP,
            "",
            "+6281234567890",
            Kind.COMPLAINT,
        ),
        (
            "Dari: Andi Saputra <andi.s@gmail.com>\nSaya usul agar sidang paripurna disiarkan",
            Channel.EMAIL,
            "Andi Saputra",
            "andi.s@gmail.com",
            Kind.ASPIRATION,
        ),
        (
            "https://x.com/rina_sb/status/1234 katanya DPRD naikkan pajak, apa benar?",
            Channel.X,
            "@rina_sb",
            "",
            Kind.HOAX,
        ),
        (
            "https://www.instagram.com/p/DA1b2C3/ terima kasih DPRD, mantap",
            Channel.INSTAGRAM_COMMENT,
            "",
            "",
            Kind.APPRECIATION,
        ),
        (
            "https://www.tiktok.com/@minang.muda/video/7300 kapan DPRD ke kampus?",
            Channel.TIKTOK,
            "@minang.muda",
            "",
            Kind.QUESTION,
        ),
        (
            "facebook.com/andi.permana kenapa jalan ke Solok belum juga selesai?",
            Channel.FACEBOOK,
            "@andi.permana",
            "",
            Kind.QUESTION,
        ),
    ],
)
def test_guess_from_what_is_pasted(pasted, channel, sender, contact, kind):
    guess = guess_entry(pasted)
    assert guess.channel == channel
    assert guess.sender == sender
    assert guess.contact == contact
    assert guess.kind == kind


def test_guess_keeps_the_post_link_and_the_whatsapp_time():
    assert (
        guess_entry("https://x.com/rina_sb/status/1234 apa benar?").post_url
        == "https://x.com/rina_sb/status/1234"
    )
    guess = guess_entry("[01/12/26 21.15] Budi: halo")
    assert guess.received_at == wib(2026, 12, 1, 21, 15)
    assert guess.text == "halo"


def test_quick_add_records_the_guess_and_a_due_time(service):
    entry = service.quick_add(COMPLAINT, actor=OFFICER, topic="Jalan rusak")
    assert entry.id and entry.status == EntryStatus.NEW
    assert entry.sender == "@uda_padang" and entry.kind == Kind.COMPLAINT
    assert entry.text.startswith("Jalan di Lubuk Begalung")
    # Wednesday 09.00 + 24 working hours: 7 h Wed, 8.5 h Thu, 8.5 h Fri -> Friday 16.00
    assert entry.due_at == wib(2026, 12, 4, 16, 0)
    assert service.history(entry.id)[0].action == "create"


def test_an_entry_needs_text_or_a_screenshot(service, tmp_path):
    with pytest.raises(InvalidInput, match="kosong"):
        service.add(channel="x", text="  ", actor=OFFICER)
    shot = tmp_path / "tangkapan.png"
    Image.new("RGB", (320, 240), "white").save(shot)
    entry = service.add(channel="instagram_dm", actor=OFFICER, screenshot=shot)
    assert len(entry.screenshot) == 64
    assert service.workspace.media.path_for(entry.screenshot).is_file()
    with pytest.raises(InvalidInput, match="tidak dikenal"):
        service.add(channel="telegram", text="halo", actor=OFFICER)


def test_an_entry_links_the_post_it_answers_and_commits_with_it(service, clock):
    ws = service.workspace
    post = ws.posts.add(
        Post(title="Reses Dapil II", caption="Jadwal reses.", platforms=["instagram"]), OFFICER
    )
    entry = service.add(channel="instagram_komentar", text="kapan?", actor=OFFICER, post_id=post.id)
    assert service.get(entry.id).post_id == post.id
    with pytest.raises(NotFound):
        service.add(channel="x", text="halo", actor=OFFICER, post_id=post.id + 1000)
    # the posts and the register share one transaction: both written, or neither
    before = (ws.posts.count(), service.count())
    with pytest.raises(RuntimeError), service.repo.transaction():
        saved = ws.repository.insert(
            Post(title="Ikut batal", caption="Teks.", platforms=["instagram"]), OFFICER
        )
        service.repo.insert(
            Entry(channel=Channel.X, text="ikut batal", received_at=clock.now, post_id=saved.id),
            OFFICER,
        )
        raise RuntimeError("batal")
    assert (ws.posts.count(), service.count()) == before


def test_a_stale_write_is_refused_and_nothing_is_overwritten(service):
    entry = service.quick_add(COMPLAINT, actor=OFFICER)
    mine, theirs = service.get(entry.id), service.get(entry.id)
    theirs.topic = "Jalan provinsi"
    saved = service.repo.update(theirs, OFFICER, "edit", str(theirs.status), {"fields": ["topic"]})
    assert saved.version == entry.version + 1
    mine.topic = "Jalan kota"
    with pytest.raises(StaleEdit):
        service.repo.update(mine, HEAD, "edit", str(mine.status), {"fields": ["topic"]})
    assert service.get(entry.id).topic == "Jalan provinsi"
    assert [h.action for h in service.history(entry.id)] == ["create", "edit"]
    with pytest.raises(NotFound):
        service.get(entry.id + 1000)


def test_out_of_hours_entries_start_the_clock_next_working_morning(service):
    entry = service.add(
        channel="whatsapp", text="halo?", actor=OFFICER, received_at=wib(2026, 12, 5, 22, 0)
    )  # Saturday night
    assert entry.due_at == wib(2026, 12, 9, 14, 30)  # Mon 07.30 + 24 working hours


# -- routing and status ----------------------------------------------------------------------


def test_assign_and_forward_record_who_when_and_where(service, clock):
    entry = service.quick_add(COMPLAINT, actor=OFFICER)
    with pytest.raises(InvalidInput, match="tidak ada dalam daftar petugas"):
        service.assign(entry.id, "Orang Lain", actor=OFFICER)
    entry = service.assign(entry.id, OFFICER, actor=HEAD)
    assert entry.assignee == OFFICER and entry.status == EntryStatus.HANDLING
    with pytest.raises(InvalidInput, match="tujuan penerusan"):
        service.forward(entry.id, "Komisi IX", actor=OFFICER)
    clock.now += timedelta(hours=1)
    entry = service.forward(entry.id, "Komisi IV", actor=OFFICER, note="jalan provinsi")
    assert (entry.forwarded_to, entry.forwarded_kind, entry.forwarded_at) == (
        "Komisi IV",
        "komisi",
        clock.now,
    )
    routes = service.routes(entry.id)
    assert [(r.target, r.actor, r.note) for r in routes] == [
        ("Komisi IV", OFFICER, "jalan provinsi")
    ]
    actions = [(h.action, h.actor, h.old_status, h.new_status) for h in service.history(entry.id)]
    assert actions == [
        ("create", OFFICER, None, "baru"),
        ("assign", HEAD, "baru", "ditangani"),
        ("forward", OFFICER, "ditangani", "ditangani"),
    ]


def test_the_team_edits_the_forwarding_list(service):
    settings = InboxSettings(targets=[])
    settings.targets.append(type(InboxSettings().targets[0])("Bagian Humas", "unit"))
    save_inbox_settings(service.workspace, settings)
    entry = service.quick_add(COMPLAINT, actor=OFFICER)
    assert service.forward(entry.id, "Bagian Humas", actor=OFFICER).forwarded_kind == "unit"
    with pytest.raises(InvalidInput):
        service.forward(entry.id, "Komisi IV", actor=OFFICER)


def test_status_changes_follow_the_rules(service):
    entry = service.quick_add(COMPLAINT, actor=OFFICER)
    with pytest.raises(TransitionRefused):
        service.set_status(entry.id, EntryStatus.DONE, actor=OFFICER)  # baru -> selesai
    with pytest.raises(TransitionRefused, match="balasan terkirim"):
        service.set_status(entry.id, EntryStatus.ANSWERED, actor=OFFICER)
    with pytest.raises(InvalidInput, match="alasan"):
        service.close(entry.id, "  ", actor=OFFICER)
    closed = service.close(entry.id, "Duplikat dari masukan lain", actor=OFFICER)
    assert closed.status == EntryStatus.CLOSED and closed.close_reason.startswith("Duplikat")
    assert closed.closed_at is not None and closed.closure_minutes == 0
    with pytest.raises(TransitionRefused, match="tidak dapat diubah lagi"):
        service.assign(entry.id, OFFICER, actor=OFFICER)
    assert service.history(entry.id)[-1].detail == {"reason": "Duplikat dari masukan lain"}


# -- replies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (f"Terima kasih. Mohon kirim ulang NIK Bapak {NIK} agar kami cek.", "pdp.nik"),
        ("Terima kasih. Dasar warga tidak tahu diri, baca dulu beritanya.", "tanggapan.hinaan"),
        ("Pertanyaan yang bodoh, semua sudah ada di situs.", "tanggapan.hinaan"),
        ("Komentar goblok seperti ini tidak kami tanggapi.", "sara.ujaran"),
    ],
)
def test_a_reply_with_a_nik_or_an_insult_is_blocked(text, rule):
    findings = check_reply(text, Channel.INSTAGRAM_COMMENT)
    blocking = [f for f in findings if f.blocking]
    assert rule in {f.rule for f in blocking}, [f.rule for f in findings]


def test_a_promise_the_institution_cannot_keep_is_a_warning():
    findings = check_reply(
        "Terima kasih. Kami pastikan jalan itu diperbaiki minggu depan.", Channel.FACEBOOK
    )
    promise = [f for f in findings if f.rule == "tanggapan.janji"]
    assert promise and promise[0].severity == "warning" and not promise[0].blocking
    assert "Kami pastikan" in promise[0].message
    assert not [f for f in check_reply(GOOD_REPLY, Channel.FACEBOOK) if f.blocking]


def test_reply_length_follows_the_channel_platform():
    long = "Terima kasih atas masukannya. " * 12  # ~ 360 characters
    assert any(f.rule == "platform.panjang" for f in check_reply(long, Channel.X))
    assert not any(f.rule == "platform.panjang" for f in check_reply(long, Channel.EMAIL))


def test_reply_templates_render_in_the_sandbox(service):
    entry = service.forward(
        service.quick_add(COMPLAINT, actor=OFFICER, topic="Jalan rusak").id,
        "Komisi IV",
        actor=OFFICER,
    )
    assert {t.id for t in list_reply_templates()} >= {"diteruskan", "informasi", "klarifikasi"}
    text = render_reply("diteruskan", entry)
    assert "@uda_padang" in text and "Komisi IV" in text and "jalan rusak" in text
    assert "tautan tersedia di profil" in text  # no unclickable link on Instagram
    for template in list_reply_templates():
        findings = check_reply(render_reply(template.id, entry), entry.channel)
        assert not [f for f in findings if f.severity != "info"], (template.id, findings)


def test_blocked_reply_cannot_be_approved_or_sent(service):
    entry = service.quick_add(COMPLAINT, actor=OFFICER)
    reply = service.draft_reply(entry.id, f"NIK Bapak {NIK} sudah kami catat.", actor=OFFICER)
    assert reply.blocking >= 1 and reply.findings[0]["rule"] == "pdp.nik"
    with pytest.raises(TransitionRefused, match="memblokir"):
        service.approve_reply(reply.id, HEAD, actor=HEAD)
    with pytest.raises(TransitionRefused, match="memblokir"):
        service.mark_sent(reply.id, actor=OFFICER)
    assert service.get(entry.id).first_answer_at is None


def test_approval_where_required_then_sent_measures_the_response(service, clock):
    entry = service.quick_add(COMPLAINT, actor=OFFICER)
    reply = service.draft_reply(entry.id, GOOD_REPLY, actor=OFFICER)
    assert reply.blocking == 0 and reply.status == ReplyStatus.DRAFT
    with pytest.raises(TransitionRefused, match="persetujuan"):
        service.mark_sent(reply.id, actor=OFFICER)
    with pytest.raises(InvalidInput, match="tidak berwenang"):
        service.approve_reply(reply.id, OFFICER, actor=OFFICER)
    reply = service.approve_reply(reply.id, HEAD, actor=HEAD)
    assert reply.status == ReplyStatus.APPROVED and reply.approved_by == HEAD
    # an edit after approval needs a new approval
    edited = service.draft_reply(entry.id, GOOD_REPLY + " Salam.", actor=OFFICER)
    assert edited.id == reply.id and edited.status == ReplyStatus.DRAFT
    service.approve_reply(reply.id, HEAD, actor=HEAD)
    clock.now = wib(2026, 12, 3, 10, 30)  # Thursday: 7 h Wed + 3 h Thu
    sent = service.mark_sent(reply.id, actor=OFFICER)
    assert sent.status == EntryStatus.ANSWERED and sent.first_answer_at == clock.now
    assert sent.response_minutes == 10 * 60
    assert service.replies(entry.id)[0].status == ReplyStatus.SENT
    with pytest.raises(TransitionRefused):
        service.mark_sent(reply.id, actor=OFFICER)
    clock.now = wib(2026, 12, 4, 9, 0)
    done = service.finish(entry.id, actor=OFFICER)
    assert done.status == EntryStatus.DONE and done.closure_minutes == 7 * 60 + 8 * 60 + 30 + 90


def test_without_required_approval_a_checked_reply_can_be_sent(service):
    save_inbox_settings(service.workspace, InboxSettings(replies_need_approval=False))
    entry = service.quick_add(COMPLAINT, actor=OFFICER)
    reply = service.draft_reply(entry.id, GOOD_REPLY, actor=OFFICER)
    assert service.mark_sent(reply.id, actor=OFFICER).status == EntryStatus.ANSWERED


def test_overdue_list_until_answered(service, clock):
    entry = service.quick_add(COMPLAINT, actor=OFFICER)
    later = wib(2026, 12, 7, 9, 0)
    assert service.overdue_count() == 0
    assert [s.id for s in service.overdue(later)] == [entry.id]
    clock.now = later
    save_inbox_settings(service.workspace, InboxSettings(replies_need_approval=False))
    reply = service.draft_reply(entry.id, GOOD_REPLY, actor=OFFICER)
    service.mark_sent(reply.id, actor=OFFICER)
    assert service.overdue(later) == []
    answered = service.get(entry.id)
    assert answered.first_answer_at > answered.due_at  # answered, but late: it counts
    stats = service.stats(wib(2026, 12, 1), wib(2027, 1, 1))
    assert (stats.answered, stats.within_standard, stats.overdue) == (1, 0, 0)


# -- privacy and retention -------------------------------------------------------------------


def test_masking():
    assert mask_handle("@uda_padang") == "@ud•••"
    assert mask_handle("Budi Santoso") == "Bu••• S•••"
    assert mask_contact("+6281234567890") == "+628•••90"
    assert mask_contact("andi.s@gmail.com") == "a•••@gmail.com"


def _closed_entry_with_personal_data(service, clock, tmp_path):
    shot = tmp_path / "dm.png"
    Image.new("RGB", (300, 200), (200, 30, 30)).save(shot)
    entry = service.add(
        channel="whatsapp",
        actor=OFFICER,
        sender="Budi Santoso",
        contact="+6281234567890",
        text=f"Saya Budi Santoso, NIK {NIK}, HP 0812-3456-7890, e-mail budi.s@gmail.com",
        kind="pengaduan",
        topic="Bantuan sosial",
        screenshot=shot,
    )
    save_inbox_settings(
        service.workspace, InboxSettings(replies_need_approval=False, retention_days=30)
    )
    reply = service.draft_reply(
        entry.id, "Terima kasih, Budi Santoso. " + GOOD_REPLY, actor=OFFICER
    )
    clock.now += timedelta(hours=2)
    service.mark_sent(reply.id, actor=OFFICER)
    service.forward(entry.id, "PPID Sekretariat DPRD", actor=OFFICER, note="Budi Santoso")
    clock.now += timedelta(days=1)
    service.finish(entry.id, actor=OFFICER)
    return entry


def test_retention_erases_personal_data_and_keeps_statistics(service, clock, tmp_path):
    entry = _closed_entry_with_personal_data(service, clock, tmp_path)
    other = service.quick_add(COMPLAINT, actor=OFFICER)  # open: never erased
    month = (wib(2026, 12, 1), wib(2027, 1, 1))
    before = service.stats(*month, now=clock.now).to_dict()
    shot_path = service.workspace.media.path_for(service.get(entry.id).screenshot)
    assert shot_path.is_file()

    assert service.retention_due(clock.now + timedelta(days=29)) == []
    clock.now += timedelta(days=31)
    assert service.retention_due() == [entry.id]
    outcome = service.apply_retention(actor=OFFICER)
    assert (outcome.erased, outcome.screenshots_deleted) == (1, 1)
    assert outcome.backup is not None and outcome.backup.is_file()

    erased = service.get(entry.id)
    assert erased.erased_at == clock.now
    assert (erased.sender, erased.contact, erased.text, erased.screenshot) == ("", "", "", "")
    assert not shot_path.exists()
    # nothing personal anywhere in the database: every text column of every inbox table
    for table, value in stored_texts(service.workspace, entry.id):
        assert not contains_personal(value, "Budi Santoso", "+6281234567890"), (table, value)
        assert NIK not in value and "gmail" not in value
    assert media_row_count(service.workspace) == 0
    # statistics unchanged (overdue counted at the same moment)
    assert service.stats(*month, now=before_now(clock)).to_dict() == before
    assert service.get(other.id).sender == "@uda_padang"
    assert service.apply_retention(actor=OFFICER).erased == 0  # nothing twice


INBOX_TABLES = ("inbox_entries", "inbox_replies", "inbox_routing", "inbox_audit")


def stored_texts(workspace, entry_id: int) -> list[tuple[str, str]]:
    """(table, value) for every text value stored about one entry (read with raw SQL: what
    the database holds, not what the repository shows). tests/team points this at the server."""
    found = []
    for table in INBOX_TABLES:
        key = "id" if table == "inbox_entries" else "entry_id"
        for row in workspace.store.conn.execute(
            f"SELECT * FROM {table} WHERE {key} = ?", (entry_id,)
        ):
            found += [(table, value) for value in row if isinstance(value, str)]
    return found


def media_row_count(workspace) -> int:
    return workspace.store.conn.execute("SELECT COUNT(*) FROM media").fetchone()[0]


def before_now(clock):
    return clock.now - timedelta(days=31)


# -- statistics and migration ----------------------------------------------------------------


def test_statistics_by_channel_kind_and_target(service, clock):
    save_inbox_settings(service.workspace, InboxSettings(replies_need_approval=False))
    a = service.quick_add(COMPLAINT, actor=OFFICER)
    b = service.add(channel="whatsapp", text="kapan reses?", kind="pertanyaan", actor=OFFICER)
    service.add(
        channel="email",
        text="usul",
        kind="aspirasi",
        actor=OFFICER,
        received_at=wib(2026, 11, 30, 10),
    )  # another month
    service.forward(a.id, "Komisi IV", actor=OFFICER)
    clock.now = wib(2026, 12, 2, 11, 0)
    service.mark_sent(service.draft_reply(b.id, GOOD_REPLY, actor=OFFICER).id, actor=OFFICER)
    stats = service.stats(wib(2026, 12, 1), wib(2027, 1, 1), now=wib(2026, 12, 10))
    assert (stats.received, stats.answered, stats.within_standard) == (2, 1, 1)
    assert (stats.open, stats.overdue) == (2, 1)  # a is overdue on 10 December
    assert stats.median_response_minutes == 120
    assert {b.key: b.received for b in stats.by_channel} == {"instagram_komentar": 1, "whatsapp": 1}
    assert {b.key: b.overdue for b in stats.by_kind} == {"pertanyaan": 0, "pengaduan": 1}
    assert [(b.key, b.received) for b in stats.by_target] == [("Komisi IV", 1), ("", 1)]
    assert "@uda" not in str(stats.to_dict())


def test_the_month_statistics_read_an_index_only(service):
    plan = " ".join(
        r[3]
        for r in service.workspace.store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT channel, kind, forwarded_to, COUNT(*), "
            "SUM(first_answer_at <= due_at) FROM inbox_entries WHERE received_at >= ? AND "
            "received_at < ? GROUP BY channel, kind, forwarded_to",
            ("2026", "2027"),
        )
    )
    assert "COVERING INDEX inbox_received" in plan
    open_plan = " ".join(
        r[3]
        for r in service.workspace.store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM inbox_entries WHERE status IN ('baru', 'ditangani', "
            "'dijawab') ORDER BY due_at, id"
        )
    )
    assert "inbox_open" in open_plan


def test_migration_adds_the_register_to_an_existing_workspace(tmp_path):
    conn = schema.connect(tmp_path / "old.db")
    schema.migrate(conn, target=2)
    assert not conn.execute(
        "SELECT name FROM sqlite_master WHERE name = 'inbox_entries'"
    ).fetchall()
    schema.migrate(conn)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"inbox_entries", "inbox_routing", "inbox_replies", "inbox_audit"} <= tables
    conn.close()


def test_list_queries(service):
    first = service.quick_add(COMPLAINT, actor=OFFICER)
    second = service.add(
        channel="email",
        text="usul",
        kind="aspirasi",
        actor=OFFICER,
        received_at=wib(2026, 12, 1, 9),
    )
    service.close(second.id, "spam", actor=OFFICER)
    assert [s.id for s in service.open_list()] == [first.id]
    assert service.count(EntryQuery()) == 2
    assert service.ids(EntryQuery(text="begalung")) == [first.id]
    assert service.ids(EntryQuery(channel="email")) == [second.id]
    summary = service.summaries([first.id])[0]
    assert summary.excerpt.startswith("Jalan di Lubuk") and summary.kind == Kind.COMPLAINT


def test_routing_needs_an_existing_entry(service):
    with pytest.raises(sqlite3.Error):
        service.workspace.store.conn.execute(
            "INSERT INTO inbox_routing (entry_id, target, kind, at, "
            "actor) VALUES (9999, 'x', 'unit', 'now', 'a')"
        )


def test_guess_takes_the_links_out_of_the_message():
    guess = guess_entry("wa.me/6281234567890 lampu jalan mati")
    assert guess.text == "lampu jalan mati" and guess.contact == "+6281234567890"
    guess = guess_entry("https://x.com/rina_sb/status/1234 apa benar?")
    assert guess.text == "apa benar?"


def test_lists_and_cli_mask_personal_data_inside_the_text(service):
    from sumbar_studio.core.inbox.privacy import mask_text

    service.add(
        channel="email",
        actor=OFFICER,
        kind="pengaduan",
        text=f"Tolong hubungi saya di budi.s@gmail.com atau 0812-3456-7890, NIK {NIK}",
    )
    excerpt = mask_text(service.open_list()[0].excerpt)
    assert "gmail" not in excerpt and "3456" not in excerpt and NIK not in excerpt
    assert excerpt.startswith("Tolong hubungi saya di •••")


def test_contacts_are_revealed_to_who_answers_and_each_look_is_recorded(service):
    entry = service.add(
        channel="whatsapp", text="halo", actor=OFFICER, sender="Budi", contact="+6281234567890"
    )
    with pytest.raises(InvalidInput, match="UU 27/2022"):
        service.reveal(entry.id, actor=OFFICER)  # not assigned yet
    assert service.reveal(entry.id, actor=HEAD) == ("Budi", "+6281234567890")
    service.assign(entry.id, OFFICER, actor=HEAD)
    assert service.reveal(entry.id, actor=OFFICER)[1] == "+6281234567890"
    looks = [(h.action, h.actor) for h in service.history(entry.id) if h.action == "reveal"]
    assert looks == [("reveal", HEAD), ("reveal", OFFICER)]
    assert all("6281" not in str(h.detail) for h in service.history(entry.id))


def test_edit_kind_and_topic(service):
    entry = service.quick_add(COMPLAINT, actor=OFFICER)
    edited = service.edit(entry.id, kind="aspirasi", topic=" Jalan provinsi ", actor=OFFICER)
    assert (edited.kind, edited.topic) == (Kind.ASPIRATION, "Jalan provinsi")
    assert service.history(entry.id)[-1].detail == {"fields": ["kind", "topic"]}
    with pytest.raises(InvalidInput):
        service.edit(entry.id, kind="gosip", actor=OFFICER)


def test_a_link_that_names_the_sender_is_masked():
    from sumbar_studio.core.inbox.privacy import mask_link

    assert mask_link("https://x.com/rina_sb/status/1866", "@rina_sb") == "x.com/•••"
    assert (
        mask_link("https://www.instagram.com/p/DDa1b2C3x/", "@uda_padang")
        == "https://www.instagram.com/p/DDa1b2C3x/"
    )
