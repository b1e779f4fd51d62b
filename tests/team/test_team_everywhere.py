"""A team server is a workspace like a folder: every CLI command through ``--workspace
postgresql://...`` or SUMBAR_WORKSPACE, the team's shared files (settings, rule lists, platform
data, logo) on the server for every desk, and the refusals that keep one desk from silently
overwriting another's."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import Image

from sumbar_studio.cli import main
from sumbar_studio.core.checks import teamwords
from sumbar_studio.core.errors import WorkspaceError
from sumbar_studio.core.model import Post
from sumbar_studio.core.settings import Person
from sumbar_studio.core.store.postgres.documents import CONFLICT_DIR, SharedFileStale
from sumbar_studio.core.store.postgres.repository import PermissionRefused
from sumbar_studio.core.store.postgres.transfer import pull, push
from sumbar_studio.core.store.postgres.workspace import TeamWorkspace
from sumbar_studio.core.workspace import Workspace


def url(team_db, login: str) -> str:
    """``postgresql://login@/db?host=<socket dir>&port=N`` for the test server."""
    parts = dict(p.split("=", 1) for p in team_db.conninfo(login).split())
    return (
        f"postgresql://{login}@/{parts['dbname']}?host={quote(parts['host'], safe='')}"
        f"&port={parts['port']}"
    )


@pytest.fixture
def desks(team_db, tmp_path):
    """Open team workspaces by login, each with its own desk folder; closed at the end."""
    opened = []

    def open_desk(login: str) -> TeamWorkspace:
        ws = Workspace.open(url(team_db, login))
        assert isinstance(ws, TeamWorkspace)
        opened.append(ws)
        return ws

    yield open_desk
    for ws in opened:
        ws.close()


@pytest.fixture(autouse=True)
def _desk_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("SUMBAR_WORKSPACE", raising=False)


def test_workspace_open_takes_a_server_address(team_db, desks):
    rina = desks("rina")
    assert rina.is_team and rina.login() == "rina"
    assert rina.label().startswith("rina@") and "password" not in rina.label()
    post = rina.posts.add(Post(title="Dari meja Rina", caption="Teks."), "Rina")
    kabag = desks("kabag")
    assert kabag.posts.get(post.id).title == "Dari meja Rina"
    assert kabag.path != rina.path  # one desk folder per login


def test_every_cli_command_works_on_the_server(team_db, tmp_path, capsys, monkeypatch):
    server = url(team_db, "rina")
    ws = ["--workspace", server]
    assert main([*ws, "post", "add", "--title", "Reses Dapil II", "--caption",
                 "Anggota DPRD menyerap aspirasi warga di Pariaman.", "--platform", "instagram",
                 "--json"]) == 0  # fmt: skip
    added = json.loads(capsys.readouterr().out)
    post_id = added["id"]
    assert main([*ws, "post", "list"]) == 0
    assert "Reses Dapil II" in capsys.readouterr().out
    assert main([*ws, "search", "Pariaman"]) == 0
    assert "Reses Dapil II" in capsys.readouterr().out
    main([*ws, "check", "--post", str(post_id)])
    assert "Traceback" not in capsys.readouterr().err
    assert main([*ws, "dictionary", "add", "Pariaman"]) == 0
    capsys.readouterr()
    # the same through SUMBAR_WORKSPACE, as another person
    monkeypatch.setenv("SUMBAR_WORKSPACE", url(team_db, "kabag"))
    assert main(["post", "show", str(post_id)]) == 0
    assert "Reses Dapil II" in capsys.readouterr().out
    assert main(["dictionary", "list"]) == 0
    assert "Pariaman" in capsys.readouterr().out.split()  # Rina's word, on Kabag's desk
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "Server tim" in out and "kabag (Hj. Kepala; approver)" in out
    assert "Rantai" not in out or "utuh" in out
    assert main(["restore", "--list"]) == 1
    assert "pg_restore" in capsys.readouterr().err


def test_an_officer_may_change_the_dictionary_but_not_the_team_settings(desks):
    rina = desks("rina")
    teamwords.add_team_word(rina.rules_dir, "Sumbar")
    assert rina.shared_files_changed() == ["rules/extra_words.txt"]
    assert rina.shared.pending() == []
    settings = rina.team_settings()
    settings.people = [Person(name="Orang Asing", nip="", role="")]
    with pytest.raises(PermissionRefused) as refused:
        rina.save_team_settings(settings)
    assert "penyetuju atau admin" in refused.value.user_message()
    # the desk's copy went back to the server's: nothing diverges silently
    assert [p.name for p in rina.team_settings().people] == []
    assert rina.shared.pending() == []
    assert list((rina.path / CONFLICT_DIR).iterdir())  # Rina's attempt is kept, not lost


def test_a_settings_change_reaches_every_desk_and_a_stale_one_is_refused(desks, tmp_path):
    kabag, wakil = desks("kabag"), desks("wakil")
    logo = tmp_path / "logo-dprd.png"
    Image.new("RGBA", (64, 64), (0, 80, 160, 255)).save(logo)
    settings = kabag.team_settings()
    settings.people = [Person(name="Rina Marlina", nip="199001012015032001", role="Pranata")]
    settings.brand = {**settings.brand, "logo": str(logo)}
    kabag.save_team_settings(settings)
    # another desk sees it after a refresh (the change feed triggers that in the window)
    rina = desks("rina")
    assert [p.name for p in rina.team_settings().people] == ["Rina Marlina"]
    shared_logo = rina.team_settings().brand["logo"]
    assert shared_logo.startswith(str(rina.path))
    assert Path(shared_logo).read_bytes() == logo.read_bytes()
    # Wakil's desk still holds the old settings: its save must not overwrite Kabag's
    old = wakil.team_settings()
    old.city = "Bukittinggi"
    with pytest.raises(SharedFileStale) as stale:
        wakil.save_team_settings(old)
    assert "team.json" in stale.value.user_message()
    assert [p.name for p in wakil.team_settings().people] == ["Rina Marlina"]
    assert wakil.refresh_shared_files() == []  # already the server's copy


def test_a_desk_backup_is_a_snapshot_and_restore_is_the_admins(desks):
    rina = desks("rina")
    rina.posts.add(Post(title="Satu", caption="a"), "Rina")
    rina.posts.add(Post(title="Dua", caption="b"), "Rina")
    snapshot = rina.backup("sebelum-hapus")
    assert snapshot.parent == rina.path / "backups" and snapshot.suffix == ".db"
    with sqlite3.connect(snapshot) as db:
        assert db.execute("SELECT count(*) FROM posts").fetchone()[0] == 2
    with pytest.raises(WorkspaceError) as refused:
        rina.store.replace_data(snapshot)
    assert "pg_restore" in str(refused.value)


def test_push_and_pull_carry_the_shared_files(team_db, tmp_path):
    local = Workspace.open(tmp_path / "lokal")
    settings = local.team_settings()
    settings.head_of_section = "Hj. Kepala"
    local.save_team_settings(settings)
    teamwords.add_team_word(local.rules_dir, "Minangkabau")
    local.posts.add(Post(title="Satu", caption="a"), "Rina")
    with team_db.connect() as owner:
        report = push(local, owner)
        assert sorted(report.documents) == ["rules/extra_words.txt", "team.json"]
        pulled, back = pull(owner, tmp_path / "kembali")
    with pulled:
        assert pulled.team_settings().head_of_section == "Hj. Kepala"
        assert "Minangkabau" in teamwords.team_words(pulled.rules_dir)
        assert (
            tmp_path / "kembali" / "team.json"
        ).read_bytes() == local.team_settings_path.read_bytes()
    local.close()


def test_a_local_workspace_on_a_network_drive_is_refused(tmp_path, monkeypatch):
    from sumbar_studio.core import netdrive

    monkeypatch.setattr(netdrive, "_mounts", lambda: [("/", "ext4"), (str(tmp_path), "cifs")])
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(tmp_path / "ruang-kerja")
    assert "server tim" in str(refused.value).lower()
    assert not (tmp_path / "ruang-kerja").exists()


def test_a_csv_agenda_is_imported_onto_the_server_all_or_nothing(desks):
    from sumbar_studio.core import importer

    rina = desks("rina")
    text = (
        "tanggal;jam;judul;tempat;template;platform\n"
        "07/12/2026;09.00;Rapat Paripurna Ranperda APBD 2027;Ruang Sidang Utama;agenda;instagram\n"
        "08/12/2026;14.30;RDP Komisi IV dengan Dinas Pendidikan;Ruang Rapat Khusus II;berita;\n"
    )
    preview = importer.parse_csv(text, existing=importer.existing_keys(rina.posts))
    ids = importer.commit(preview, rina.posts, "Rina Marlina")
    assert len(ids) == 2
    kabag = desks("kabag")
    assert [kabag.posts.get(i).title for i in ids] == [
        "Rapat Paripurna Ranperda APBD 2027",
        "RDP Komisi IV dengan Dinas Pendidikan",
    ]
    # the same agenda again: both rows are reported as duplicates of what the server holds
    again = importer.parse_csv(text, existing=importer.existing_keys(kabag.posts))
    assert all(row.warnings for row in again.valid_rows)


def test_the_cli_approves_on_the_server_as_the_person_logged_in(team_db, capsys):
    rina, kabag = ["--workspace", url(team_db, "rina")], ["--workspace", url(team_db, "kabag")]
    caption = "Komisi I DPRD Sumbar menggelar rapat dengar pendapat di Padang, Senin (7/12/2026)."
    assert main([*rina, "post", "add", "--title", "RDP Komisi I", "--caption", caption,
                 "--platform", "facebook", "--json"]) == 0  # fmt: skip
    post_id = json.loads(capsys.readouterr().out)["id"]
    assert main([*rina, "post", "set-status", str(post_id), "review"]) == 0
    assert main([*rina, "post", "attest", str(post_id), "kredibel", "--as", "Rina"]) == 0
    capsys.readouterr()
    # an officer's login approves nobody: no approver to choose
    assert main([*rina, "post", "approve", str(post_id)]) == 1
    assert "Pilih penyetuju" in capsys.readouterr().err
    # the approver's login: the server records its own staff person
    assert main([*kabag, "post", "approve", str(post_id)]) == 0
    assert "disetujui oleh Hj. Kepala (NIP 197001012000031001)" in capsys.readouterr().out
