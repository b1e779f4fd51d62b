"""The server's schema, roles and canonical content hash."""

from __future__ import annotations

from datetime import date

import pytest
from psycopg.types.json import Jsonb

from sumbar_studio.core.model import CardSpec, Media, Post
from sumbar_studio.core.store.postgres import GROUPS, OWNER
from sumbar_studio.core.store.postgres.admin import (
    SERVER_SCHEMA_VERSION,
    init_server,
    schema_version,
)
from sumbar_studio.core.store.postgres.repository import _content_row


def test_init_creates_versioned_schema_owned_by_a_nologin_role(team_db):
    conn = team_db.connect()
    assert schema_version(conn) == SERVER_SCHEMA_VERSION >= 1
    owners = conn.execute(
        "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'sumbar'"
    ).fetchall()
    assert owners == [(OWNER,)]
    can_login = conn.execute(
        "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = ANY(%s) ORDER BY 1",
        ([OWNER, *GROUPS.values()],),
    ).fetchall()
    assert len(can_login) == 5 and not any(flag for _, flag in can_login)
    storage = conn.execute(
        "SELECT attstorage FROM pg_attribute WHERE attrelid = 'sumbar.media'::regclass"
        " AND attname = 'content'"
    ).fetchone()[0]
    assert storage == "e"  # EXTERNAL: photos are stored out of line, uncompressed
    assert init_server(conn) == []  # a second init is a no-op


SAMPLES = [
    Post(title="Rapat Paripurna", caption='Teks "kutip" \\ garis\nbaris\tTab é ñ 😀 \x01'),
    Post(
        title="Kunjungan",
        caption="Komisi IV",
        platforms=["x", "instagram", "facebook"],
        variants={"x": "Pendek", "instagram": "Panjang"},
        hashtags=["#DPRDSumbar", "#Padang"],
        event_date=date(2026, 12, 7),
        place="Gedung DPRD, Padang",
        source="Sekretariat DPRD",
        photo_credit="Humas",
        card=CardSpec(
            "berita",
            {
                "title": "Judul",
                "n": 3,
                "skala": 1.5,
                "kecil": 0.00001,
                "besar": 123456789.125,
                "bool": True,
                "kosong": None,
                "daftar": [1, "dua", 3.25],
                "Zeta": {"b": 1, "a": [2]},
            },
            ["ig_square", "story"],
        ),
        media=[
            Media(
                "a" * 64,
                "satu.jpg",
                alt_text="Suasana",
                focal_x=0.03125,
                focal_y=1.0,
                credit='Foto: Humas "DPRD"',
            ),
            Media("b" * 64, "dua.jpg", focal_x=0.4563492063492063, focal_y=0.00004),
            Media("c" * 64, "tiga.jpg", focal_x=2.675, focal_y=0),
            Media("d" * 64, "empat.jpg", focal_x=0.12345, focal_y=1),
        ],
    ),
    Post(title="", caption=""),
]


@pytest.mark.parametrize("post", SAMPLES, ids=["escapes", "everything", "empty"])
def test_server_content_hash_equals_python(team_db, post):
    conn = team_db.connect()
    row = _content_row(post)
    server = conn.execute(
        "SELECT sumbar.content_hash(%s, %s, %s, %s)",
        (row["title"], row["caption"], row["event_date"], row["data"]),
    ).fetchone()[0]
    assert server == post.content_hash()
    # and a change anywhere in the approved content changes the server's hash
    other = conn.execute(
        "SELECT sumbar.content_hash(%s, %s, %s, %s)",
        (row["title"] + ".", row["caption"], row["event_date"], Jsonb(row["_data"])),
    ).fetchone()[0]
    assert other != server
