"""The Kotak Masukan on both back ends: tests/core/test_inbox_service.py's service cases, run on
a local workspace and on a team workspace (the admin's desk, who may also edit the team's
settings the cases change), plus what only the server does: roles, an append-only audit, the
change feed, and the CLI with a server address as its workspace."""

from __future__ import annotations

import importlib.util
import inspect
import json
import time
from pathlib import Path

import psycopg
import pytest

from sumbar_studio.core.errors import SumbarError
from sumbar_studio.core.inbox import InboxService
from sumbar_studio.core.inbox.model import EntryStatus, ReplyStatus
from sumbar_studio.core.settings import Person, TeamSettings
from sumbar_studio.core.store.postgres.inbox import PostgresInboxRepository
from sumbar_studio.core.store.postgres.listen import INBOX, ChangeFeed, InboxChanged, Resync
from sumbar_studio.core.store.postgres.workspace import TeamWorkspace
from sumbar_studio.core.workspace import Workspace


def _load_core_inbox_tests():
    """Our own copy of tests/core/test_inbox_service.py (its helpers can then be re-pointed)."""
    path = Path(__file__).resolve().parents[1] / "core" / "test_inbox_service.py"
    spec = importlib.util.spec_from_file_location("team_contract_core_inbox", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


core = _load_core_inbox_tests()
OFFICER, HEAD, GOOD_REPLY = core.OFFICER, core.HEAD, core.GOOD_REPLY

#: SQLite-only checks: a raw foreign-key violation and SQLite's query plan
LOCAL_ONLY = {
    "test_routing_needs_an_existing_entry",
    "test_the_month_statistics_read_an_index_only",
}
REUSED = [
    fn
    for name, fn in vars(core).items()
    if name.startswith("test_")
    and callable(fn)
    and "service" in inspect.signature(fn).parameters
    and name not in LOCAL_ONLY
]


def _team_settings() -> TeamSettings:
    return TeamSettings(
        people=[
            Person(OFFICER, "199001012015032001", "Pranata Humas"),
            Person(HEAD, "197501011998031002", "Kepala Bagian", can_approve=True),
        ]
    )


def _server_texts(workspace, entry_id: int) -> list[tuple[str, str]]:
    """What the server stores about one entry, every text and JSON value."""
    found = []
    for table in core.INBOX_TABLES:
        key = "id" if table == "inbox_entries" else "entry_id"
        rows = workspace.conn.execute(
            f"SELECT * FROM sumbar.{table} WHERE {key} = %s", (entry_id,)
        ).fetchall()
        for row in rows:
            for value in row:
                if isinstance(value, dict | list):
                    value = json.dumps(value, ensure_ascii=False)
                if isinstance(value, str):
                    found.append((table, value))
    return found


def _server_media_rows(workspace) -> int:
    return workspace.conn.execute("SELECT count(*) FROM sumbar.media").fetchone()[0]


@pytest.fixture(params=["sqlite", "postgres"])
def inbox_workspace(request, tmp_path, monkeypatch):
    if request.param == "sqlite":
        ws = Workspace.open(tmp_path / "ws")
    else:
        db = request.getfixturevalue("team_db")
        # the server names who approved from its staff table: this login is HEAD there
        with db.connect() as owner:
            owner.execute("UPDATE sumbar.staff SET person = %s WHERE login = 'admin'", (HEAD,))
        ws = TeamWorkspace.open(db.conninfo("admin"), cache_dir=tmp_path / "desk")
        monkeypatch.setattr(core, "stored_texts", _server_texts)
        monkeypatch.setattr(core, "media_row_count", _server_media_rows)
    ws.save_team_settings(_team_settings())
    yield ws
    ws.close()


@pytest.mark.parametrize("case", REUSED, ids=[f.__name__[5:] for f in REUSED])
def test_inbox_contract(case, inbox_workspace, tmp_path):
    clock = core.Clock(core.wib(2026, 12, 2, 9, 0))
    service = InboxService(inbox_workspace, clock=clock)
    if inbox_workspace.is_team:
        assert isinstance(service.repo, PostgresInboxRepository)
    available = {"service": service, "clock": clock, "tmp_path": tmp_path}
    case(**{name: available[name] for name in inspect.signature(case).parameters})


def test_the_contract_covers_the_register():
    names = {f.__name__ for f in REUSED}
    for needed in (
        "test_quick_add_records_the_guess_and_a_due_time",  # create
        "test_assign_and_forward_record_who_when_and_where",  # route
        "test_an_entry_links_the_post_it_answers_and_commits_with_it",  # post link, one tx
        "test_approval_where_required_then_sent_measures_the_response",  # reply
        "test_statistics_by_channel_kind_and_target",  # stats
        "test_overdue_list_until_answered",  # overdue count
        "test_retention_erases_personal_data_and_keeps_statistics",  # retention/erasure
    ):
        assert needed in names


# -- what only the server does ------------------------------------------------------------------


@pytest.fixture
def desks(team_db, tmp_path):
    """Open desks by login; the admin set the team's people first."""
    opened = []

    def open_desk(login: str) -> InboxService:
        ws = TeamWorkspace.open(team_db.conninfo(login), cache_dir=tmp_path / login)
        opened.append(ws)
        return InboxService(ws, clock=core.Clock(core.wib(2026, 12, 2, 9, 0)))

    open_desk("admin").workspace.save_team_settings(_team_settings())
    yield open_desk
    for ws in opened:
        ws.close()


def test_roles_on_the_server(desks):
    rina, kabag, tamu = desks("rina"), desks("kabag"), desks("tamu")
    entry = rina.quick_add(core.COMPLAINT, actor=OFFICER)
    reply = rina.draft_reply(entry.id, GOOD_REPLY, actor=OFFICER)
    # the team's settings name HEAD an approver, but this login is an officer's
    with pytest.raises(SumbarError) as err:
        rina.approve_reply(reply.id, HEAD, actor=HEAD)
    assert "hanya penyetuju atau admin" in str(err.value)
    assert rina.repo.reply(reply.id).status == ReplyStatus.DRAFT  # nothing half-written
    assert [h.action for h in rina.history(entry.id)] == ["create", "reply_draft"]
    # the viewer reads the register but cannot record or change anything
    assert [s.id for s in tamu.open_list()] == [entry.id]
    with pytest.raises(SumbarError) as err:
        tamu.quick_add(core.COMPLAINT, actor="Tamu")
    assert "tidak berhak" in str(err.value)
    with pytest.raises(SumbarError):
        tamu.assign(entry.id, OFFICER, actor="Tamu")
    # contacts are for who answers (UU 27/2022): the server keeps them from viewers
    rina.edit(entry.id, contact="+6281234567890", actor=OFFICER)
    assert rina.get(entry.id).contact == "+6281234567890"
    assert tamu.get(entry.id).contact == "" and tamu.get(entry.id).sender == "@uda_padang"
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        tamu.workspace.conn.execute("SELECT contact FROM sumbar.inbox_entries")
    # the approver's desk approves, the officer's desk sends
    assert kabag.approve_reply(reply.id, HEAD, actor=HEAD).status == ReplyStatus.APPROVED
    assert rina.mark_sent(reply.id, actor=OFFICER).status == EntryStatus.ANSWERED
    logins = rina.workspace.conn.execute(
        "SELECT action, login FROM sumbar.inbox_audit WHERE entry_id = %s ORDER BY id",
        (entry.id,),
    ).fetchall()
    assert logins == [
        ("create", "rina"),
        ("reply_draft", "rina"),
        ("edit", "rina"),
        ("reply_approve", "kabag"),
        ("reply_sent", "rina"),
    ]


def test_the_register_audit_is_append_only_and_entries_stay(desks, team_db):
    rina = desks("rina")
    entry = rina.quick_add(core.COMPLAINT, actor=OFFICER)
    conn = team_db.connect("rina")  # what a person could try with psql
    for statement in (
        "UPDATE sumbar.inbox_audit SET actor = 'orang lain'",
        "DELETE FROM sumbar.inbox_audit",
        "DELETE FROM sumbar.inbox_entries",
        "UPDATE sumbar.inbox_entries SET created_at = now() - interval '1 year'",
        "INSERT INTO sumbar.inbox_audit (id, entry_id, actor, action) VALUES (999, 1, 'x', 'y')",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)
    # the server stamps the version, whatever a client sends
    conn.execute("UPDATE sumbar.inbox_entries SET topic = 'Jalan', version = 99")
    assert rina.get(entry.id).version == 2 and rina.get(entry.id).topic == "Jalan"
    assert [h.actor for h in rina.history(entry.id)] == [OFFICER]


def test_a_screenshot_a_post_still_shows_is_not_deleted(desks, tmp_path):
    from PIL import Image

    from sumbar_studio.core.model import Post

    rina = desks("rina")
    shot = tmp_path / "dm.png"
    Image.new("RGB", (60, 40), "teal").save(shot)
    media = rina.workspace.media.import_file(shot)
    rina.workspace.posts.add(
        Post(title="Dengan foto", caption="Teks.", platforms=["instagram"], media=[media]), "rina"
    )
    rina.repo.delete_media_row(media.sha256)  # the server refuses quietly: a post shows it
    assert rina.workspace.repository.media_row(media.sha256) is not None


def test_another_desk_hears_of_inbox_changes(desks, team_db):
    rina = desks("rina")
    feed = ChangeFeed(team_db.conninfo("budi"), channels=(INBOX,), retry_delays=(0.05,))
    try:
        assert feed.events(timeout=2) == [Resync(reconnect=False)]
        entry = rina.quick_add(core.COMPLAINT, actor=OFFICER)
        rina.assign(entry.id, OFFICER, actor=OFFICER)
        seen: list = []
        deadline = time.monotonic() + 10
        while len(seen) < 2 and time.monotonic() < deadline:
            seen += feed.events(timeout=1)
        assert seen == [
            InboxChanged(entry.id, 1, "baru"),
            InboxChanged(entry.id, 2, "ditangani"),
        ]
    finally:
        feed.close()


def test_the_inbox_cli_on_a_team_server(desks, team_db, tmp_path, capsys, monkeypatch):
    from sumbar_studio.cli import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    server = team_db.conninfo("rina")

    def run(*args):
        code = main(["--workspace", server, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    code, out, err = run(
        "inbox", "add", "--json", "--as", OFFICER, "--received", "2026-12-02 09.00",
        "--topic", "Jalan rusak", core.COMPLAINT,
    )  # fmt: skip
    assert code == 0, err
    entry = json.loads(out)
    assert entry["sender"] == "@ud•••" and entry["due_at"] == "2026-12-04T09:00:00Z"
    code, out, err = run(
        "inbox", "assign", str(entry["id"]), "--officer", OFFICER, "--forward", "Komisi IV",
        "--as", OFFICER,
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run("inbox", "list", "--json")
    assert code == 0, err
    assert [r["id"] for r in json.loads(out)] == [entry["id"]]
    code, out, err = run("inbox", "stats", "--month", "2026-12", "--json")
    assert code == 0, err
    assert json.loads(out)["received"] == 1
    # what the CLI wrote is on the server, for every desk
    kabag = desks("kabag")
    on_server = kabag.get(entry["id"])
    assert (on_server.status, on_server.forwarded_to) == (EntryStatus.HANDLING, "Komisi IV")
    # a viewer's CLI is refused with the server's reason, not a traceback
    server = team_db.conninfo("tamu")
    code, out, err = run("inbox", "add", "--as", "Tamu", "halo DPRD")
    assert code == 1 and "tidak berhak" in err and "Traceback" not in err


def test_team_push_and_pull_report_the_register(team_db, tmp_path, capsys):
    from sumbar_studio.cli import main

    with Workspace.open(tmp_path / "lokal") as ws:
        InboxService(ws).add(channel="email", text="Mohon info reses", actor=OFFICER)
    assert main(["--workspace", str(tmp_path / "lokal"), "team", "push", "--server",
                 team_db.conninfo()]) == 0  # fmt: skip
    assert "1 masukan" in capsys.readouterr().out
    assert (
        main(["team", "pull", "--server", team_db.conninfo("kabag"), str(tmp_path / "arsip")]) == 0
    )
    assert "1 masukan" in capsys.readouterr().out
    with Workspace.open(tmp_path / "arsip") as back:
        assert InboxService(back).get(1).text == "Mohon info reses"


def test_the_server_names_who_approved_a_reply(desks):
    """As for posts, the approver's name comes from the server's staff table, not the desk."""
    rina, wakil = desks("rina"), desks("wakil")
    entry = rina.quick_add(core.COMPLAINT, actor=OFFICER)
    reply = rina.draft_reply(entry.id, GOOD_REPLY, actor=OFFICER)
    # Dedi Putra's desk picks HEAD (an approver in team.json) as the name to record
    approved = wakil.approve_reply(reply.id, HEAD, actor=HEAD)
    assert approved.status == ReplyStatus.APPROVED
    assert approved.approved_by == "Dedi Putra" != HEAD
    assert rina.repo.reply(reply.id).approved_by == "Dedi Putra"
