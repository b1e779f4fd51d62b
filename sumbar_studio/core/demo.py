"""A demo workspace: one realistic week of posts for DPRD Sumbar, with generated photos.

Used by ``sumbar-studio demo`` (the headless way to see the app work) and by the queue's
first-run welcome. Every person, NIP and quote is fictional; every photo is drawn here with
Pillow (scenes and gradients), licensed CC0, and says so in its credit.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from .errors import InvalidInput
from .fileutil import atomic_write, write_text_atomic
from .model import Action, Approval, CardSpec, Post, Status
from .settings import OfficialAccount, Person, TeamSettings
from .timeutil import WIB, format_news_date, iso_week_of, now_utc, to_utc, week_days

DEMO_MARKER = "DEMO.txt"
PHOTO_CREDIT = "Gambar buatan Sumbar Studio (contoh, CC0)"
PHOTO_SIZE = (2000, 1500)
ACTOR = "demo"

PEOPLE = [
    Person("Rina Marlina, S.I.Kom.", "199203152019032011", "Pranata Humas Ahli Pertama"),
    Person("Fajar Ramadhan, S.Sos.", "199407222020121009", "Pranata Humas Ahli Pertama"),
    Person("Yuliani Putri, A.Md.", "199811052022032004", "Pengelola Media Sosial"),
    Person(
        "Drs. Hendra Saputra, M.Si.",
        "197506181998031003",
        "Kepala Bagian Persidangan dan Perundang-undangan",
        can_approve=True,
    ),
]
HEAD = PEOPLE[3]
OFFICERS = [p.name for p in PEOPLE[:3]]

#: commemorations a greeting card can be made for (month, day) -> greeting
COMMEMORATIONS = {
    (1, 1): "Selamat Tahun Baru",
    (4, 21): "Selamat Hari Kartini",
    (5, 2): "Selamat Hari Pendidikan Nasional",
    (5, 20): "Selamat Hari Kebangkitan Nasional",
    (6, 1): "Selamat Hari Lahir Pancasila",
    (8, 17): "Dirgahayu Republik Indonesia",
    (10, 1): "Selamat Hari Kesaktian Pancasila",
    (10, 28): "Selamat Hari Sumpah Pemuda",
    (11, 10): "Selamat Hari Pahlawan",
    (11, 25): "Selamat Hari Guru Nasional",
    (12, 3): "Selamat Hari Disabilitas Internasional",
    (12, 9): "Selamat Hari Antikorupsi Sedunia",
    (12, 10): "Selamat Hari Hak Asasi Manusia",
    (12, 22): "Selamat Hari Ibu",
}


@dataclass(frozen=True)
class DemoWorkspace:
    path: Path
    year: int
    week: int
    post_ids: tuple[int, ...]


# ----------------------------------------------------------------------------------------
# generated photos


def _gradient(size, top, bottom) -> Image.Image:
    w, h = size
    ramp = Image.linear_gradient("L").resize((w, h))
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), ramp)


def _people(
    draw: ImageDraw.ImageDraw, rng: random.Random, y: int, count: int, w: int, scale: float, colors
) -> None:
    for i in range(count):
        x = int((i + 0.5 + rng.uniform(-0.25, 0.25)) * w / count)
        head = int(34 * scale)
        body_w, body_h = int(90 * scale), int(150 * scale)
        c = rng.choice(colors)
        draw.rounded_rectangle(
            (x - body_w // 2, y, x + body_w // 2, y + body_h), radius=int(30 * scale), fill=c
        )
        skin = rng.choice([(198, 150, 115), (170, 120, 90), (215, 170, 130)])
        draw.ellipse((x - head, y - 2 * head - 6, x + head, y - 6), fill=skin)
        if rng.random() < 0.5:  # a cap, a peci or a hijab
            draw.pieslice(
                (x - head - 4, y - 2 * head - 14, x + head + 4, y - head),
                180,
                360,
                fill=rng.choice([(20, 20, 20), (120, 30, 40), (60, 70, 120)]),
            )


def photo_plenary(seed: int, size=PHOTO_SIZE) -> Image.Image:
    """A plenary hall: wood panelling, a red and gold banner, a podium and rows of seats."""
    rng = random.Random(seed)
    w, h = size
    img = _gradient(size, (92, 62, 40), (140, 100, 66))
    draw = ImageDraw.Draw(img)
    for x in range(0, w, w // 16):
        draw.line((x, 0, x, int(h * 0.55)), fill=(80, 52, 34), width=6)
    draw.rectangle((int(w * 0.18), int(h * 0.08), int(w * 0.82), int(h * 0.22)), fill=(176, 30, 35))
    draw.rectangle(
        (int(w * 0.18), int(h * 0.22), int(w * 0.82), int(h * 0.25)), fill=(224, 165, 38)
    )
    draw.rectangle((int(w * 0.44), int(h * 0.3), int(w * 0.56), int(h * 0.55)), fill=(60, 38, 24))
    draw.rectangle((0, int(h * 0.55), w, h), fill=(120, 30, 36))
    for row in range(4):
        y = int(h * (0.62 + row * 0.1))
        _people(
            draw,
            rng,
            y,
            9 - row,
            w,
            0.9 + row * 0.35,
            [(30, 30, 34), (40, 48, 70), (235, 235, 235), (70, 40, 40)],
        )
    return img.filter(ImageFilter.GaussianBlur(1.2))


def photo_meeting(seed: int, size=PHOTO_SIZE) -> Image.Image:
    """A committee hearing: a long table, microphones, name plates, people on both sides."""
    rng = random.Random(seed)
    w, h = size
    img = _gradient(size, (222, 216, 205), (188, 178, 160))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, w, int(h * 0.08)), fill=(176, 30, 35))
    _people(draw, rng, int(h * 0.42), 7, w, 1.4, [(30, 30, 34), (245, 245, 245), (50, 60, 90)])
    draw.polygon(
        [(0, int(h * 0.62)), (w, int(h * 0.55)), (w, int(h * 0.75)), (0, int(h * 0.85))],
        fill=(110, 70, 40),
    )
    for i in range(7):
        x = int((i + 0.5) * w / 7)
        draw.rectangle(
            (x - 60, int(h * 0.6) - i * 9, x + 60, int(h * 0.64) - i * 9), fill=(250, 250, 245)
        )
        draw.line(
            (x + 80, int(h * 0.58) - i * 9, x + 40, int(h * 0.48) - i * 9),
            fill=(20, 20, 20),
            width=6,
        )
    return img.filter(ImageFilter.GaussianBlur(1.0))


def photo_outdoor(seed: int, size=PHOTO_SIZE) -> Image.Image:
    """A field visit: sky, Bukit Barisan hills, rice terraces, a group of visitors."""
    rng = random.Random(seed)
    w, h = size
    img = _gradient(size, (120, 180, 230), (230, 240, 250))
    draw = ImageDraw.Draw(img)
    draw.ellipse(
        (int(w * 0.75), int(h * 0.08), int(w * 0.85), int(h * 0.08) + int(w * 0.1)),
        fill=(255, 236, 170),
    )
    for layer, color in enumerate([(70, 110, 90), (50, 95, 70), (40, 120, 60)]):
        base = int(h * (0.38 + layer * 0.08))
        points = [(0, h)]
        for x in range(0, w + 100, 100):
            points.append(
                (x, base - int(120 * abs((x / w * (3 + layer) + rng.random() * 0.2) % 2 - 1)))
            )
        points.append((w, h))
        draw.polygon(points, fill=color)
    for i in range(6):
        y = int(h * (0.66 + i * 0.06))
        draw.rectangle((0, y, w, y + int(h * 0.04)), fill=(110 + i * 8, 170, 70))
    _people(draw, rng, int(h * 0.62), 6, w, 1.2, [(176, 30, 35), (245, 245, 245), (30, 30, 34)])
    return img.filter(ImageFilter.GaussianBlur(0.8))


def photo_portrait(seed: int, size=(1200, 1500)) -> Image.Image:
    """A formal portrait silhouette on a studio backdrop (for quote and condolence cards)."""
    rng = random.Random(seed)
    w, h = size
    img = _gradient(size, (40, 70, 120), (150, 170, 200))
    draw = ImageDraw.Draw(img)
    draw.ellipse(
        (int(w * 0.32), int(h * 0.18), int(w * 0.68), int(h * 0.52)),
        fill=rng.choice([(198, 150, 115), (170, 120, 90)]),
    )
    draw.pieslice(
        (int(w * 0.3), int(h * 0.12), int(w * 0.7), int(h * 0.36)), 180, 360, fill=(20, 20, 20)
    )
    draw.rounded_rectangle(
        (int(w * 0.12), int(h * 0.55), int(w * 0.88), int(h * 1.1)),
        radius=int(w * 0.2),
        fill=(25, 28, 36),
    )
    draw.polygon(
        [
            (int(w * 0.44), int(h * 0.55)),
            (int(w * 0.56), int(h * 0.55)),
            (int(w * 0.5), int(h * 0.75)),
        ],
        fill=(245, 245, 245),
    )
    return img.filter(ImageFilter.GaussianBlur(1.5))


SCENES = {
    "plenary": photo_plenary,
    "meeting": photo_meeting,
    "outdoor": photo_outdoor,
    "portrait": photo_portrait,
}


# ----------------------------------------------------------------------------------------
# the week


def _posts_for(days: list[date]) -> list[dict]:
    mon, tue, wed, thu, fri, sat, sun = days
    tags = ["#DPRDSumbar", "#SumateraBarat"]

    def news(d: date) -> str:
        return format_news_date(d)

    posts = [
        dict(
            day=mon,
            at="08.00",
            title="Agenda DPRD Sumbar Pekan Ini",
            template="agenda",
            status=Status.PUBLISHED,
            platforms=["instagram", "facebook", "whatsapp"],
            fields={
                "title": "Rapat Paripurna Penyampaian Nota Keuangan Ranperda APBD 2027",
                "date": mon.isoformat(),
                "time": "10:00",
                "place": "Ruang Sidang Utama DPRD Sumbar, Padang",
                "body": "Terbuka untuk umum. Ikuti siaran langsung di kanal resmi DPRD Sumbar.",
                "category": "Agenda",
            },
            caption=f"Agenda DPRD Provinsi Sumatera Barat pekan ini. {news(mon)}, pukul 10.00 WIB, "
            "Rapat Paripurna Penyampaian Nota Keuangan Ranperda APBD 2027 di Ruang Sidang "
            "Utama. Rapat terbuka untuk umum dan disiarkan langsung di kanal resmi DPRD Sumbar.",
            hashtags=[*tags, "#AgendaDPRD"],
        ),
        dict(
            day=mon,
            at="13.30",
            title="Rapat Paripurna Penyampaian Nota Keuangan APBD 2027",
            template="berita",
            scene="plenary",
            status=Status.PUBLISHED,
            platforms=["instagram", "facebook", "x"],
            fields={
                "subtitle": "Gubernur menyampaikan Nota Keuangan Ranperda APBD 2027 di hadapan "
                "52 anggota DPRD.",
                "category": "Paripurna",
            },
            caption=f"Padang — DPRD Provinsi Sumatera Barat menggelar Rapat Paripurna Penyampaian Nota "
            f"Keuangan Ranperda APBD Tahun Anggaran 2027, {news(mon)}. Rapat dipimpin Ketua DPRD "
            "dan dihadiri 52 anggota. Fraksi-fraksi akan menyampaikan pandangan umum pada rapat "
            "berikutnya. Pembahasan APBD menentukan layanan pendidikan, kesehatan, dan jalan "
            "provinsi bagi masyarakat Sumatera Barat.",
            hashtags=[*tags, "#Paripurna", "#APBD2027"],
            alt="Suasana ruang sidang utama saat rapat paripurna.",
        ),
        dict(
            day=mon,
            at="19.00",
            title="Kutipan Ketua Komisi III tentang APBD 2027",
            template="kutipan",
            scene="portrait",
            status=Status.SCHEDULED,
            platforms=["instagram", "threads"],
            fields={
                "quote": "Setiap rupiah anggaran daerah harus kembali kepada masyarakat dalam "
                "bentuk layanan yang lebih baik.",
                "person": {"name": "H. Ahmad Fauzi, S.H.", "role": "Ketua Komisi III"},
                "context": "Rapat Paripurna Penyampaian Nota Keuangan",
            },
            caption='"Setiap rupiah anggaran daerah harus kembali kepada masyarakat dalam bentuk '
            'layanan yang lebih baik." — Ketua Komisi III DPRD Provinsi Sumatera Barat '
            "H. Ahmad Fauzi, S.H.",
            hashtags=[*tags, "#APBD2027"],
            alt="Potret resmi Ketua Komisi III.",
        ),
        dict(
            day=tue,
            at="09.00",
            title="RDP Komisi V dengan Dinas Kesehatan",
            template="berita",
            scene="meeting",
            status=Status.SCHEDULED,
            platforms=["instagram", "facebook", "x"],
            fields={
                "subtitle": "Komisi V meminta layanan rujukan RSUD diperkuat di daerah terpencil.",
                "category": "RDP Komisi V",
            },
            caption=f"Padang — Komisi V DPRD Provinsi Sumatera Barat menggelar rapat dengar pendapat "
            f"(RDP) dengan Dinas Kesehatan, {news(tue)}. Rapat membahas layanan rujukan RSUD "
            "dan ketersediaan dokter spesialis di daerah terpencil.",
            hashtags=[*tags, "#KomisiV", "#Kesehatan"],
            alt="Rapat dengar pendapat di ruang rapat komisi.",
        ),
        dict(
            day=tue,
            at="13.00",
            title="Infografis Rancangan APBD 2027",
            template="infografis",
            status=Status.APPROVED,
            platforms=["instagram", "facebook"],
            fields={
                "subtitle": "Rancangan Pendapatan dan Belanja Daerah",
                "figures": [
                    {"value": "Rp7,2", "unit": "triliun", "label": "Pendapatan daerah"},
                    {"value": "Rp7,4", "unit": "triliun", "label": "Belanja daerah"},
                    {"value": "20", "unit": "%", "label": "Belanja pendidikan"},
                ],
                "source": "Nota Keuangan Ranperda APBD 2027 (angka contoh)",
            },
            caption="Rancangan APBD Sumatera Barat 2027 dalam angka: pendapatan Rp7,2 triliun, belanja "
            "Rp7,4 triliun, dan 20% belanja untuk pendidikan. Angka ini masih dibahas DPRD "
            "bersama pemerintah provinsi.",
            hashtags=[*tags, "#APBD2027", "#Infografis"],
        ),
        dict(
            day=tue,
            at="19.30",
            title="Audiensi Forum Wali Nagari Pesisir Selatan",
            template="berita",
            scene="meeting",
            status=Status.REVIEW,
            platforms=["facebook", "x"],
            fields={"category": "Audiensi"},
            caption=f"Padang — Pimpinan DPRD Provinsi Sumatera Barat menerima audiensi Forum Wali Nagari "
            f"se-Kabupaten Pesisir Selatan, {news(tue)}. Audiensi membahas perbaikan jalan "
            "provinsi yang rusak akibat banjir.",
            hashtags=[*tags, "#Audiensi"],
        ),
        dict(
            day=wed,
            at="08.30",
            title="Kunjungan Kerja Komisi IV ke Kabupaten Agam",
            template="berita",
            scene="outdoor",
            status=Status.SCHEDULED,
            platforms=["instagram", "facebook", "x"],
            fields={
                "subtitle": "Meninjau irigasi dan jalan provinsi di Kecamatan Tanjung Raya.",
                "category": "Kunjungan Kerja",
            },
            caption=f"Agam — Komisi IV DPRD Provinsi Sumatera Barat melakukan kunjungan kerja ke "
            f"Kecamatan Tanjung Raya, {news(wed)}. Rombongan meninjau saluran irigasi dan "
            "ruas jalan provinsi yang diusulkan masyarakat dalam reses.",
            hashtags=[*tags, "#KunjunganKerja", "#KomisiIV"],
            alt="Rombongan Komisi IV meninjau sawah dan saluran irigasi.",
        ),
        dict(
            day=wed,
            at="14.00",
            title="Pansus Ranperda Pengelolaan Sampah Mulai Bekerja",
            template="berita",
            scene="meeting",
            status=Status.REVIEW,
            platforms=["instagram", "facebook"],
            fields={"category": "Pansus"},
            caption=f"Padang — Panitia Khusus (pansus) Ranperda Pengelolaan Sampah DPRD Provinsi "
            f"Sumatera Barat menggelar rapat perdana, {news(wed)}. Pansus menjadwalkan uji publik "
            "di tiga kota pada Januari 2027.",
            hashtags=[*tags, "#Ranperda"],
        ),
        dict(
            day=thu,
            at="09.00",
            title="Reses Anggota DPRD Dapil Sumbar II di Padang Pariaman",
            template="berita",
            scene="outdoor",
            status=Status.DRAFT,
            platforms=["instagram", "facebook", "tiktok"],
            fields={"category": "Reses"},
            caption=f"Padang Pariaman — Anggota DPRD Provinsi Sumatera Barat dari daerah pemilihan "
            f"Sumbar II menyerap aspirasi masyarakat dalam masa reses, {news(thu)}. Warga "
            "menyampaikan usulan perbaikan jalan dan air bersih.",
            hashtags=[*tags, "#Reses"],
        ),
        dict(
            day=thu,
            at="11.00",
            title="Sosialisasi Perda Penanggulangan Bencana",
            template="berita",
            scene="outdoor",
            status=Status.APPROVED,
            platforms=["facebook", "x"],
            fields={"category": "Sosialisasi Perda"},
            caption=f"Pesisir Selatan — DPRD Provinsi Sumatera Barat menyosialisasikan Perda "
            f"Penanggulangan Bencana kepada perangkat nagari, {news(thu)}. Setiap nagari "
            "diharapkan memiliki jalur evakuasi dan sistem peringatan dini.",
            hashtags=[*tags, "#Perda", "#SiagaBencana"],
        ),
        dict(
            day=thu,
            at="16.00",
            title="Duka Cita Mantan Anggota DPRD",
            template="duka_cita",
            scene="portrait",
            status=Status.SCHEDULED,
            platforms=["instagram", "facebook"],
            fields={
                "person": {
                    "name": "H. Syamsul Bahri, S.H.",
                    "role": "Anggota DPRD Provinsi Sumatera Barat periode 2004–2009",
                },
                "message": "Semoga almarhum mendapat tempat terbaik di sisi-Nya dan keluarga yang "
                "ditinggalkan diberi ketabahan.",
                "sender": "Pimpinan dan Anggota DPRD Provinsi Sumatera Barat",
            },
            caption="Keluarga besar DPRD Provinsi Sumatera Barat turut berduka cita atas berpulangnya "
            "H. Syamsul Bahri, S.H., Anggota DPRD periode 2004–2009. Semoga keluarga yang "
            "ditinggalkan diberi ketabahan.",
            hashtags=["#DPRDSumbar"],
            alt="Potret almarhum.",
        ),
        dict(
            day=fri,
            at="09.00",
            title="RDP Komisi II dengan Bank Nagari",
            template="berita",
            scene="meeting",
            status=Status.DRAFT,
            platforms=["instagram", "x"],
            fields={"category": "RDP Komisi II"},
            caption=f"Padang — Komisi II DPRD Provinsi Sumatera Barat menggelar RDP dengan direksi Bank "
            f"Nagari, {news(fri)}. Rapat membahas penyaluran kredit usaha rakyat bagi pelaku UMKM.",
            hashtags=[*tags, "#KomisiII", "#UMKM"],
        ),
        dict(
            day=fri,
            at="14.00",
            title="Kunjungan Mahasiswa Universitas Andalas",
            template="berita",
            scene="plenary",
            status=Status.REVIEW,
            platforms=["instagram", "threads"],
            fields={"category": "Edukasi"},
            caption=f"Padang — Sekretariat DPRD Provinsi Sumatera Barat menerima kunjungan 80 mahasiswa "
            f"Universitas Andalas, {news(fri)}. Mahasiswa mempelajari proses pembentukan Perda.",
            hashtags=[*tags, "#DPRDMenyapa"],
        ),
        dict(
            day=sun,
            at="10.00",
            title="Sepekan DPRD Sumbar dalam Angka",
            template="infografis",
            status=Status.DRAFT,
            platforms=["instagram", "facebook"],
            fields={
                "figures": [
                    {"value": "3", "label": "Rapat paripurna dan RDP"},
                    {"value": "2", "label": "Kunjungan kerja komisi"},
                    {"value": "1.250", "label": "Aspirasi dihimpun saat reses"},
                ],
                "source": "Bagian Humas Setwan DPRD Sumbar (angka contoh)",
            },
            caption="Sepekan DPRD Provinsi Sumatera Barat dalam angka: tiga rapat, dua kunjungan kerja, "
            "dan 1.250 aspirasi masyarakat yang dihimpun selama reses.",
            hashtags=[*tags, "#Infografis"],
        ),
        dict(
            day=sun,
            at="19.00",
            title="Agenda Pekan Depan: Pandangan Umum Fraksi",
            template="agenda",
            status=Status.DRAFT,
            platforms=["instagram", "whatsapp"],
            fields={
                "title": "Rapat Paripurna Pandangan Umum Fraksi atas Ranperda APBD 2027",
                "date": (sun + timedelta(days=1)).isoformat(),
                "time": "10:00",
                "place": "Ruang Sidang Utama DPRD Sumbar, Padang",
                "category": "Agenda",
            },
            caption="Pekan depan: Rapat Paripurna Pandangan Umum Fraksi atas Ranperda APBD 2027, "
            "pukul 10.00 WIB di Ruang Sidang Utama DPRD Provinsi Sumatera Barat.",
            hashtags=[*tags, "#AgendaDPRD"],
        ),
    ]
    greeting_day = next((d for d in days if (d.month, d.day) in COMMEMORATIONS), None)
    if greeting_day is not None:
        greeting = COMMEMORATIONS[(greeting_day.month, greeting_day.day)]
        posts.append(
            dict(
                day=greeting_day,
                at="06.00",
                title=f"Ucapan {greeting.replace('Selamat ', '')}",
                template="ucapan",
                status=Status.APPROVED,
                platforms=["instagram", "facebook", "x"],
                fields={
                    "greeting": greeting,
                    "message": "Terima kasih atas cinta, pengorbanan, dan pengabdian yang tak "
                    "pernah lekang."
                    if greeting_day.month == 12 and greeting_day.day == 22
                    else "Mari bersama membangun Sumatera Barat yang maju dan sejahtera.",
                    "sender": "Pimpinan dan Anggota DPRD Provinsi Sumatera Barat",
                    "date": greeting_day.isoformat(),
                },
                caption=f"{greeting}. DPRD Provinsi Sumatera Barat mengajak masyarakat memaknai "
                "peringatan ini bersama keluarga dan lingkungan.",
                hashtags=[*tags],
            )
        )
    else:
        posts.append(
            dict(
                day=sat,
                at="09.00",
                title="Gotong Royong Bersama Warga Koto Tangah",
                template="berita",
                scene="outdoor",
                status=Status.APPROVED,
                platforms=["instagram", "facebook"],
                fields={"category": "Kegiatan"},
                caption=f"Padang — Aparatur Sekretariat DPRD Provinsi Sumatera Barat bergotong royong "
                f"bersama warga Koto Tangah membersihkan saluran air, {news(sat)}.",
                hashtags=[*tags, "#GotongRoyong"],
            )
        )
    return posts


def _approval(post: Post) -> Approval:
    return Approval(HEAD.name, HEAD.nip, HEAD.role, datetime.now(UTC), post.content_hash())


def build_demo_workspace(path: str | Path, week: tuple[int, int] | None = None) -> DemoWorkspace:
    """Create (or re-create) a demo workspace at ``path`` with a week of posts.

    ``week`` is ``(year, iso_week)``; by default the current week in WIB. A folder that holds a
    real (non-demo) workspace with posts is refused rather than touched.
    """
    from .workspace import Workspace

    path = Path(path).expanduser()
    if Workspace.exists(path):
        if not (path / DEMO_MARKER).exists():
            with Workspace.open(path) as existing:
                if existing.posts.count():
                    raise InvalidInput(
                        "errors.invalid_input",
                        detail=f"{path} berisi ruang kerja yang bukan contoh",
                    )
        shutil.rmtree(path)
    year, wk = week or iso_week_of(now_utc())
    days = week_days(year, wk)
    ids: list[int] = []
    with Workspace.open(path) as ws:
        write_text_atomic(
            path / DEMO_MARKER,
            "Ruang kerja CONTOH Sumbar Studio. Semua nama, NIP, kutipan, dan angka adalah fiktif.\n"
            f"Foto dibuat oleh program (Pillow), lisensi CC0: {PHOTO_CREDIT}.\n",
        )
        ws.save_team_settings(
            TeamSettings(
                people=list(PEOPLE),
                preparer=PEOPLE[0].name,
                head_of_section=HEAD.name,
                city="Padang",
                accounts=[
                    OfficialAccount(
                        "instagram", "@dprdsumbar", verified=True, responsible=PEOPLE[0].name
                    ),
                    OfficialAccount(
                        "facebook", "DPRD Provinsi Sumatera Barat", responsible=PEOPLE[1].name
                    ),
                ],
            )
        )
        with tempfile.TemporaryDirectory() as tmp:
            for i, spec in enumerate(_posts_for(days)):
                ids.append(_add(ws, Path(tmp), i, spec))
    return DemoWorkspace(path, year, wk, tuple(ids))


def _first_sentence(text: str, limit: int = 200) -> str:
    end = text.find(". ")
    first = text if end < 0 else text[: end + 1]
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return first


def _add(ws, tmp: Path, index: int, spec: dict) -> int:
    media = []
    fields = dict(spec.get("fields", {}))
    scene = spec.get("scene")
    if scene:
        photo = tmp / f"{scene}-{index:02d}.jpg"
        with atomic_write(photo, "wb") as fh:
            SCENES[scene](index * 7919).save(fh, "JPEG", quality=88)
        m = ws.media.import_file(photo, alt_text=spec.get("alt", spec["title"]))
        m.credit = PHOTO_CREDIT
        m.focal_y = 0.45
        media.append(m)
        field = {"kutipan": "member_photo", "duka_cita": "member_photo"}.get(
            spec["template"], "photo"
        )
        fields[field] = m.sha256
    hour, minute = (int(x) for x in spec["at"].split("."))
    when = to_utc(datetime.combine(spec["day"], time(hour, minute), tzinfo=WIB))
    post = Post(
        title=spec["title"],
        caption=spec["caption"],
        platforms=spec["platforms"],
        hashtags=spec["hashtags"],
        media=media,
        card=CardSpec(spec["template"], fields),
        event_date=spec["day"],
        place="Padang",
        source="Bagian Humas Setwan DPRD Sumbar",
        photo_credit=PHOTO_CREDIT if media else "",
        assignee=OFFICERS[index % len(OFFICERS)],
        scheduled_at=when,
    )
    if "x" in post.platforms:  # X counts 280: a short variant, as an officer would write
        post.override("x", _first_sentence(post.caption))
    post = ws.posts.add(post, ACTOR)
    target: Status = spec["status"]
    if target == Status.DRAFT:
        return post.id
    ws.posts.transition(post.id, Action.SUBMIT, ACTOR)
    if target == Status.REVIEW:
        return post.id
    ws.posts.approve(post.id, _approval(ws.posts.get(post.id)), HEAD.name)
    if target in (Status.SCHEDULED, Status.PUBLISHED):
        ws.posts.transition(post.id, Action.SCHEDULE, ACTOR)
    if target == Status.PUBLISHED:
        ws.posts.transition(
            post.id,
            Action.PUBLISH,
            ACTOR,
            published_urls={p: f"https://contoh.invalid/{p}/{post.id}" for p in post.platforms},
        )
    return post.id
