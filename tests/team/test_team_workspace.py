"""A team workspace offers the app what a local one does: posts, media, close."""

from __future__ import annotations

import pytest
from PIL import Image

from sumbar_studio.core.errors import WorkspaceError
from sumbar_studio.core.model import Media, Post
from sumbar_studio.core.store.postgres.connection import connect
from sumbar_studio.core.store.postgres.workspace import TeamWorkspace


def test_a_team_workspace_works_like_a_local_one(team_db, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (40, 30), "navy").save(photo, "JPEG")
    with TeamWorkspace.open(team_db.conninfo("rina"), cache_dir=tmp_path / "cache") as ws:
        assert ws.login() == "rina" and ws.schema_version() >= 1
        media: Media = ws.media.import_file(photo, alt_text="Gedung DPRD")
        post = ws.posts.add(Post(title="Dengan foto", media=[media]), "rina")
    with TeamWorkspace.open(team_db.conninfo("kabag")) as other:  # default per-login cache
        assert other.posts.get(post.id).media[0].alt_text == "Gedung DPRD"
        path = other.media.path_for(media.sha256)
        assert path.is_relative_to(tmp_path / "xdg-data") and "kabag@" in str(other.cache_dir)
        assert path.read_bytes() == photo.read_bytes()


def test_a_database_without_the_team_schema_is_refused_clearly(pg_server):
    with pytest.raises(WorkspaceError) as err:
        TeamWorkspace.open(pg_server.conninfo("postgres"))
    assert "belum disiapkan sebagai server tim" in str(err.value)


def test_a_schema_from_another_app_version_is_refused(team_db):
    with connect(team_db.conninfo()) as owner:
        owner.execute("INSERT INTO sumbar.schema_version (version) VALUES (99)")
    with pytest.raises(WorkspaceError) as err:
        TeamWorkspace.open(team_db.conninfo("rina"))
    assert "versi 99" in str(err.value)


def test_an_unreachable_server_is_a_clear_message(tmp_path):
    with pytest.raises(WorkspaceError) as err:
        TeamWorkspace.open(f"host={tmp_path} port=1 dbname=sumbar user=rina connect_timeout=2")
    assert str(err.value).startswith("Server tim tidak dapat dihubungi")


def test_a_lost_connection_is_a_clear_message_and_reconnecting_works(team_db, tmp_path):
    with TeamWorkspace.open(team_db.conninfo("rina"), cache_dir=tmp_path / "c") as ws:
        post = ws.posts.add(
            Post(title="Sebelum putus", caption="Teks unggahan.", platforms=["instagram"]), "rina"
        )
        with connect(team_db.conninfo()) as owner:
            owner.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE usename = 'rina' AND datname = current_database()"
            )
        # offline, honestly: what was last loaded is still shown, read-only; writes refused
        assert ws.posts.get(post.id).title == "Sebelum putus"
        assert not ws.connected and ws.offline
        with pytest.raises(WorkspaceError) as err:
            ws.posts.add(Post(title="Luring", platforms=["instagram"]), "rina")
        assert str(err.value).startswith("Server tim tidak dapat dihubungi")
        ws.reconnect()
        assert not ws.offline
        assert ws.connected and ws.posts.get(post.id).title == "Sebelum putus"
        assert (
            ws.posts.add(
                Post(title="Sesudah sambung", caption="Teks unggahan.", platforms=["instagram"]),
                "rina",
            ).id
            == post.id + 1
        )


def test_a_vanished_or_altered_desk_copy_of_a_photo_is_fetched_again(team_db, tmp_path):
    """The desk's photo folder is only a cache of the server's bytes: an export or an
    approval check never fails, nor uses wrong bytes, because that copy went away or changed."""
    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (40, 30), "maroon").save(photo, "JPEG")
    with TeamWorkspace.open(team_db.conninfo("rina"), cache_dir=tmp_path / "desk") as ws:
        media = ws.media.import_file(photo)
        cached = ws.media.path_for(media.sha256)
        cached.write_bytes(b"not the photo")  # altered on this desk
        copy = ws.media.verified_copy(media.sha256, tmp_path / "kerja1")
        assert copy.read_bytes() == photo.read_bytes()
        cached.unlink()  # gone from this desk
        assert ws.media.verified_path(media.sha256).read_bytes() == photo.read_bytes()
        copy = ws.media.verified_copy(media.sha256, tmp_path / "kerja2")
        assert copy.read_bytes() == photo.read_bytes()


def test_a_desk_copy_vanishing_between_fetch_and_copy_is_fetched_again(team_db, tmp_path):
    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (40, 30), "teal").save(photo, "JPEG")
    with TeamWorkspace.open(team_db.conninfo("rina"), cache_dir=tmp_path / "desk") as ws:
        media = ws.media.import_file(photo)
        fetch = ws.media.path_for
        calls = []

        def fetch_then_lose(sha256):  # another thread cleans the cache right after the fetch
            path = fetch(sha256)
            calls.append(path)
            if len(calls) == 1:
                path.unlink()
            return path

        ws.media.path_for = fetch_then_lose
        copy = ws.media.verified_copy(media.sha256, tmp_path / "kerja")
        assert copy.read_bytes() == photo.read_bytes() and len(calls) == 2
