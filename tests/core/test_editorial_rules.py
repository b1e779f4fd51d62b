"""The editorial rules one by one: what each must catch (with its fix) and the correct
Indonesian it must leave alone."""

from __future__ import annotations

import json

import pytest

from sumbar_studio.cli import main
from sumbar_studio.core.checks import Severity, check_text, load_rules, morphology, teamwords
from sumbar_studio.core.checks.editorial import Position, position, ranked_suggestions
from sumbar_studio.core.checks.rulesdata import osa_distance
from sumbar_studio.core.errors import InvalidInput
from sumbar_studio.core.i18n import t
from sumbar_studio.core.settings import Person


def language(text: str, rules=None) -> list[tuple[str, str, str | None]]:
    return [
        (f.rule, text[f.start : f.end], f.replacement)
        for f in check_text(text, [], rules=rules)
        if f.rule.startswith(("bahasa.", "gaya.")) and f.start is not None
    ]


@pytest.mark.parametrize(
    "text, rule, wrong, right",
    [
        ("Rapat dipimpin ketua DPRD Sumbar Muhidi.", "bahasa.kapital_jabatan", "ketua", "Ketua"),
        ("Hadir wakil ketua Komisi III.", "bahasa.kapital_jabatan", "wakil ketua", "Wakil Ketua"),
        ("Rapat kerja komisi I berlangsung lancar.", "bahasa.kapital_jabatan", "komisi", "Komisi"),
        (
            "Hadir kepala dinas Pendidikan.",
            "bahasa.kapital_jabatan",
            "kepala dinas",
            "Kepala Dinas",
        ),
        ("Pandangan fraksi Golkar dibacakan.", "bahasa.kapital_jabatan", "fraksi", "Fraksi"),
        ("Rapat dibuka Wakil ketua DPRD.", "bahasa.kapital_jabatan", "Wakil ketua", "Wakil Ketua"),
        ("Hadir kepala Dinas Sosial.", "bahasa.kapital_jabatan", "kepala", "Kepala"),
        (
            "Sambutan oleh nurhayati Sutan.",
            "bahasa.kapital_nama",
            "nurhayati Sutan",
            "Nurhayati Sutan",
        ),
        ("Rapat digelar hari kamis pagi.", "bahasa.kapital_hari", "kamis", "Kamis"),
        ("Reses dimulai pada minggu, 13 Desember 2026.", "bahasa.kapital_hari", "minggu", "Minggu"),
        ("Masa sidang dimulai awal januari.", "bahasa.kapital_hari", "januari", "Januari"),
        ("Dewan membahas Anggaran pendidikan.", "bahasa.kapital_umum", "Anggaran", "anggaran"),
        ("Namun, Warga Padang menilai itu.", "bahasa.kapital_umum", "Warga", "warga"),
        (
            "Menurut Masyarakat Sumbar, jalan rusak.",
            "bahasa.kapital_umum",
            "Masyarakat",
            "masyarakat",
        ),
        (
            "Rapat selesai.Selanjutnya peserta pulang.",
            "gaya.tanda_baca",
            ".Selanjutnya",
            ". Selanjutnya",
        ),
        ("Rapat usai.hal itu wajar.", "gaya.tanda_baca", ".hal", ". Hal"),
        ("Program pra-sejahtera dibahas.", "bahasa.terikat", "pra-sejahtera", "prasejahtera"),
        ("Bantuan harus di perkuat.", "bahasa.imbuhan", "di perkuat", "diperkuat"),
        (
            "Rapat dengan balai Pelaksanaan Jalan Nasional.",
            "bahasa.kapital_jabatan",
            "balai",
            "Balai",
        ),
        ("Padang,Senin (7/12/2026) rapat digelar.", "gaya.tanda_baca", ",Senin", ", Senin"),
        ("Rapat berjalan lancar , tertib.", "gaya.tanda_baca", " ,", ","),
        ("Rapat berjalan lancar ,tertib.", "gaya.tanda_baca", " ,", ", "),
        ("Seluruh fraksi- fraksi hadir.", "gaya.tanda_baca", "fraksi- fraksi", "fraksi-fraksi"),
        ("Rapat ditunda,, lalu dilanjutkan.", "gaya.tanda_baca", ",,", ","),
        ("Rapat ditunda..", "gaya.tanda_baca", "..", "."),
        ("Dihadiri Organisasi Perangkat Daerah ( OPD) terkait.", "gaya.tanda_baca", "( ", "("),
        ("Rapat digelar Senin(7/12/2026) pagi.", "gaya.tanda_baca", "Senin(", "Senin ("),
        ("Dinas Kesehatan (Dinkes)Sumbar hadir.", "gaya.tanda_baca", ")Sumbar", ") Sumbar"),
        ('Tema "Dewan Mendengar " dipakai lagi.', "gaya.tanda_baca", ' "', '"'),
        ("Rapat antar fraksi digelar.", "bahasa.terikat", "antar fraksi", "antarfraksi"),
        ("Kegiatan pasca reses dimulai.", "bahasa.terikat", "pasca reses", "pascareses"),
        ("Pejabat itu non aktif.", "bahasa.terikat", "non aktif", "nonaktif"),
        ("Warga bersih-bersih Pasca banjir.", "bahasa.terikat", "Pasca banjir", "pascabanjir"),
        ("Selamat tahun baru 2027.", "bahasa.kapital_hari", "tahun baru", "Tahun Baru"),
        ("Agenda pekan depan:rapat kerja.", "gaya.tanda_baca", ":rapat", ": rapat"),
        ("Wakil nagari se Kabupaten Agam hadir.", "bahasa.terikat", "se Kabupaten", "se-Kabupaten"),
        ("Jalan itu sangat sangat rusak.", "bahasa.ulang", "sangat sangat", "sangat-sangat"),
        ("Warga bekerja bersama sama.", "bahasa.ulang", "bersama sama", "bersama-sama"),
        ("Bekerjalah sebaik baiknya.", "bahasa.ulang", "sebaik baiknya", "sebaik-baiknya"),
        ("Hujan turun terus menerus.", "bahasa.baku", "terus menerus", "terus-menerus"),
        ("Rapat di di gedung dewan.", "bahasa.ulang", "di di", "di"),
        ("Rapat dimulai jam 9 pagi.", "bahasa.jam", "jam 9 pagi", "pukul 09.00"),
        ("Rapat dimulai jam 13.30 WIB.", "bahasa.jam", "jam 13.30", "pukul 13.30"),
        ("Sosialisasi dimulai jam 2 siang.", "bahasa.jam", "jam 2 siang", "pukul 14.00"),
        ("Doa bersama jam 8 malam.", "bahasa.jam", "jam 8 malam", "pukul 20.00"),
        ("Rabu, 6 Januari 2027 jam 14.00 WIB.", "bahasa.jam", "jam 14.00", "pukul 14.00"),
        ("Warga perlu tau haknya.", "bahasa.baku", "tau", "tahu"),
        ("Insya Allah rampung tahun ini.", "bahasa.baku", "Insya Allah", "Insyaallah"),
        ("Rapat sempat di skor sejenak.", "bahasa.imbuhan", "di skor", "diskors"),
        ("Paripurna mensahkan tiga perda.", "bahasa.baku", "mensahkan", "mengesahkan"),
        ("Ditindaklanjuti dikemudian hari.", "bahasa.preposisi", "dikemudian", "di kemudian"),
        ("Ia ahli dibidang hukum.", "bahasa.preposisi", "dibidang", "di bidang"),
        ("Tim bertolak kebeberapa kabupaten.", "bahasa.preposisi", "kebeberapa", "ke beberapa"),
        ("Pansus menyoroti pengunaan dana.", "bahasa.ejaan", "pengunaan", "penggunaan"),
        ("Diawasi agar pengunaannya tepat.", "bahasa.ejaan", "pengunaannya", "penggunaannya"),
        ("Pengunaan dana diaudit.", "bahasa.ejaan", "Pengunaan", "Penggunaan"),
        ("Rapat Forkompinda digelar.", "bahasa.nama", "Forkompinda", "Forkopimda"),
        ("Rapat dibuka. selanjutnya laporan.", "bahasa.kapital_awal", "selanjutnya", "Selanjutnya"),
        ("Ramadan 1448 H. semoga berkah.", "bahasa.kapital_awal", "semoga", "Semoga"),
        ("Stok aman menjelang natal.", "bahasa.kapital_nama", "natal", "Natal"),
        ("Rapat usai.\n\npembahasan berlanjut.", "bahasa.kapital_awal", "pembahasan", "Pembahasan"),
        (
            "Pansus membahas Ranperda tentang pengelolaan sampah.",
            "bahasa.kapital_judul",
            "pengelolaan sampah",
            "Pengelolaan Sampah",
        ),
        ("Hadir bapak Gubernur.", "bahasa.kapital_jabatan", "bapak", "Bapak"),
        ("Hadir datuak Rajo Bandaro.", "bahasa.kapital_jabatan", "datuak", "Datuak"),
        (
            "Pansus membahas ranperda tentang Penyelenggaraan Pendidikan.",
            "bahasa.kapital_judul",
            "ranperda",
            "Ranperda",
        ),
        ("Rapat dprd Sumbar digelar.", "bahasa.ejaan", "dprd", "DPRD"),
        ("Ia menegaskan bahwa, harga dipantau.", "gaya.tanda_baca", "bahwa,", "bahwa"),
        ("Rapat dimulai  pukul 09.00 WIB.", "gaya.tanda_baca", "  ", " "),
        ("Peringatan HUT ke 81 Sumbar.", "bahasa.bilangan", "ke 81", "ke-81"),
        ("Rapat yg digelar tertib.", "bahasa.baku", "yg", "yang"),
        ("Programnya sederhana tetapi bermanfaat.", "gaya.tanda_baca", " tetapi", ", tetapi"),
        ("Ia mengatakan, bahwa rapat ditunda.", "gaya.tanda_baca", ", bahwa", " bahwa"),
        ("Rapat digelar di tahun 2026.", "bahasa.preposisi", "di tahun", "pada tahun"),
        ("Panitia mengakomodir usulan warga.", "bahasa.baku", "mengakomodir", "mengakomodasi"),
        (
            "Rapat usai. Oleh karena itu warga pulang.",
            "gaya.tanda_baca",
            "Oleh karena itu",
            "Oleh karena itu,",
        ),
        ("Para anggota-anggota hadir.", "bahasa.ulang", "Para anggota-anggota", "Para anggota"),
        ("Hal ini adalah merupakan tugas dewan.", "bahasa.baku", "adalah merupakan", "merupakan"),
        ("Rapat DPRD sumbar digelar.", "bahasa.kapital_nama", "sumbar", "Sumbar"),
        ("Kunjungan ke bukittinggi.", "bahasa.kapital_nama", "bukittinggi", "Bukittinggi"),
        ("Dewan menjalin kerjasama.", "bahasa.baku", "kerjasama", "kerja sama"),
        ("DPRD Sumatra Barat hadir.", "bahasa.baku", "Sumatra Barat", "Sumatera Barat"),
        ("Jembatan itu di terjang banjir.", "bahasa.imbuhan", "di terjang", "diterjang"),
        (
            "Dewan akan menindak lanjuti temuan itu.",
            "bahasa.baku",
            "menindak lanjuti",
            "menindaklanjuti",
        ),
        ("Selamat hari Guru Nasional.", "bahasa.kapital_jabatan", "hari", "Hari"),
        ("Rapat digelar 2026. terima kasih.", "bahasa.kapital_awal", "terima", "Terima"),
        (
            "Ia kuliah di universitas Andalas.",
            "bahasa.kapital_jabatan",
            "universitas",
            "Universitas",
        ),
        (
            "Hasil rapat akan dipublikasikan dan kami mempublikasikan data.",
            "bahasa.baku",
            "mempublikasikan",
            "memublikasikan",
        ),
        ("Tamu diterima di DPDR Sumbar.", "bahasa.nama", "DPDR", "DPRD"),
        ("Ketua Komisi II Deswita Anwarr hadir.", "bahasa.nama", "Anwarr", "Anwar"),
    ],
)
def test_rule_catches_with_its_fix(text, rule, wrong, right):
    found = [(w, r) for ru, w, r in language(text) if ru == rule]
    assert (wrong, right) in found, language(text)
    hit = next(f for f in check_text(text, []) if f.rule == rule)
    assert hit.severity == Severity.WARNING
    assert hit.message and hit.message != hit.message_id
    assert hit.message_in("en") != hit.message_in("id")


@pytest.mark.parametrize(
    "text",
    [
        "Rapat dipimpin Ketua DPRD Provinsi Sumatera Barat Muhidi.",
        "Ia terpilih sebagai ketua dalam rapat anggota.",
        "Hadir para kepala OPD dan sejumlah ketua fraksi.",
        "Narasumber ialah Prof. Dr. Ir. Syamsul Bahri, M.Si., dan Hj. Yendri Novita, S.Sos.",
        "Sambutan oleh H. Mulyadi Sutan Pamenan. Acara dilanjutkan doa.",
        "Materi disampaikan Yulia Marlina, S.I.Kom., M.Si., dari Setwan.",
        "Hadir niniak mamak Dt. Rajo Bandaro dan Datuak Putiah dari Nagari Koto Baru.",
        "Raker, rakor, reses, kunker, bimtek, sosper, tatib dan tupoksi dibahas.",
        "Bapemperda menyusun propemperda; banggar dan bamus membahas LKPJ serta KUA-PPAS.",
        "Peserta datang dari Kaltim, Sumut dan Riau untuk studi banding se-Sumbar.",
        "Gubernur memberi instruksi agar program literasi dan posyandu terealisasi; tautan di bio.",
        "Serapan 87,5 persen dari Rp1.250.000 pada pukul 09.00 WIB menurut BPKAD.",
        "Info di dprd.sumbarprov.go.id atau ppid@dprd.sumbarprov.go.id.",
        "Rapat akan dilanjutkan dua minggu lagi.",
        "Terima kasih atas partisipasi Anda... Sampai jumpa!",
        "Terima kasih kepada Bapak dan Ibu. Semoga Allah Swt. meridai ikhtiar kita.",
        "Kepala Nagari Sungai Pua, Ramadhani Putra, menyampaikan terima kasih.",
        "Warga mengusulkan jalan, jembatan, dll. Usulan itu dicatat.",
        "Anggota-anggota dewan meninjau jalan-jalan yang rusak.",
        "Rapat antarfraksi dan pascareses membahas program yang nonaktif.",
        "Program pra- dan pascasidang disiapkan.",
        "Selama 2 jam 30 menit rapat berlangsung.",
        "“Kesehatan ibu menjadi prioritas,” kata Fitriani Rahmah.",
        '"Kami siap mengawal perda ini," ujar Syafril Amir.',
        "Padang – Rapat digelar di Gedung DPRD Sumbar.",
        "Waktu: pukul 08.00–16.00 WIB, Senin s.d. Jumat, Jl. Khatib Sulaiman No. 1.",
        "Menurut dia, Perda itu berlaku tahun depan. Di sisi lain, Pemerintah Provinsi siap.",
        "Ikan tuna segar dijual di pasar; kata Budi, harganya naik.",
        "Sambutan disampaikan oleh Ahmad Fauzi dan Malik Ibrahim dari BPN Sumbar.",
        "Usulan warga:\n1. perbaikan jalan;\n2. bantuan bibit.",
        "📍 Tempat: Gedung DPRD Sumbar\n🕘 Pukul 09.00 WIB",
        "Ia wakil Sumbar di DPR RI dan pelaku usaha mikro kecil dan menengah.",
        "Layanan antar jemput tersedia bagi warga lanjut usia.",
        "Tiga ranperda tentang pajak dibahas bersama pemerintah.",
        '"Alam takambang jadi guru," katanya; "together we can," tambahnya lewat surel.',
        "Program non-PNS dan pra-Pemilu; warga ke balai adat; hadir pukul 09.00.",
        "Gelar sutan diberikan kepada menantu; ia naik haji ke Mekkah.",
        "Menjelang Natal dan tahun baru, warga bergotong royong di Jalan Trans Sumatera.",
        "Hadir Persatuan Guru Republik Indonesia dan Himpunan Mahasiswa Islam.",
        "Kesemua anggota hadir dan keseluruhan dana cair.",
        '“Kapan jalan ini diperbaiki?” tanya warga. "Segera," jawab kepala dinas.',
        '"Kapan jalan ini diperbaiki?" tanya warga kepada anggota dewan.',
        "Hendri Kurniawan dan Hendri Kurniawati hadir bersama Hendra Kurniawan.",
        "Delegasi dari Medan dan Malang tiba di Palu, lalu ke Solo bersama relawan.",
        "Dia tidak hadir, tetapi mengirim wakil; pada tahun lalu ia hadir di rumah dinas.",
        "Ia datang. Namun demikian, rapat batal. Menurutnya, hal itu wajar. Rapat jadi batal.",
        "Rombongan menuju ke 3 lokasi, lalu HUT ke-81 diperingati; lulusan S.Pd. hadir.",
        "Pansus, reses, ranperda dan paripurna dibahas di padang rumput.",
        "Rapat di lantai 3, di sela rapat pleno, di balik layar, di rumah warga.",
        "Dewan meminta perbaikan ruas jalan Lubuk Basung–Maninjau dan pasar tradisional.",
        "Pada hari Senin dan hari ini Gubernur hadir di lembaga DPRD.",
        "#DPRDSumbar rapat paripurna digelar hari ini.",
        "Peserta belajar bahasa Inggris dan agama Islam di madrasah.",
        "Rapat itu menyempurnakan Perda tentang Pajak Daerah dan Retribusi Daerah yang berlaku.",
        "Sementara itu, Kepala Dinas BMCKTR Sumbar, Era Sukma Munaf, mengatakan hal itu.",
        "Rektor UNP Prof. Ganefri, Ph.D., menyampaikan dukungan terhadap pendidikan vokasi.",
    ],
)
def test_correct_indonesian_is_left_alone(text):
    found = [f for f in language(text)]
    assert found == []
    assert not [f for f in check_text(text, []) if f.severity == Severity.BLOCKING]


def test_a_typo_in_an_indonesian_quotation_is_still_found():
    text = '"Kami akan mengawal pembangunan jalan itu sampai selesia," ujarnya.'
    assert [w for r, w, _ in language(text) if r == "bahasa.ejaan"] == ["selesia"]


def test_file_names_are_not_sentences():
    text = "Unduh berkas laporan.pdf atau arsip .zip dari manifest.json, mis. tahun 2026."
    rules = {r for r, _, _ in language(text)}
    assert not rules & {"bahasa.kapital_awal", "gaya.tanda_baca"}


def test_sentence_position_after_abbreviations():
    rules = load_rules()
    text = "Oleh Dr. Syamsul. Rapat usai. Hadir Rusdi Hamzah, S.H. Acara ditutup: Terima kasih."
    assert position(text, text.index("Syamsul"), rules) is Position.AFTER_ABBREVIATION
    assert position(text, text.index("Rapat"), rules) is Position.START
    assert position(text, text.index("Hadir"), rules) is Position.START
    assert position(text, text.index("Acara"), rules) is Position.AFTER_ABBREVIATION
    assert position(text, text.index("Terima"), rules) is Position.START
    assert position(text, text.index("usai"), rules) is Position.MID


def test_morphology_follows_the_aff_nasal_rules_not_string_splitting():
    accepted = [
        "diprioritaskan",
        "terdampak",
        "berkomitmen",
        "antarlembaga",
        "pascareses",
        "direalisasikan",
        "diskors",
        "ketidakhadiran",
        "ketidakhadirannya",
    ]
    for word in accepted:
        assert morphology.is_correct_affixed(word), word
    # pen- never stands before g, and doubling one letter gives a dictionary word: typos
    for word in ["pengunaan", "pengunaannya", "pemberdayaaan", "pengawassan", "mensahkan"]:
        assert not morphology.is_correct_affixed(word), word
    assert morphology.near_miss("pengunaan") == "penggunaan"
    assert morphology.near_miss("penaganan") == "penanganan"  # a dropped nasal
    assert morphology.analyse("pengunaan") is None
    assert morphology.analyse("terdampak") == "dampak"


def test_domain_word_ranks_first_in_suggestions():
    rules = load_rules()
    assert ranked_suggestions("rakerr", rules)[0] == "raker"
    assert ranked_suggestions("pengunaan", rules)[0] == "penggunaan"
    assert language("Rapat raker digelar.") == []  # raker is known: never "raket"
    assert osa_distance("dpdr", "dprd") == 1 and osa_distance("forkompinda", "forkopimda") == 2


def test_info_channel_is_not_used_for_names():
    text = "Kunjungan diterima oleh Zulfahmiwardi, Ramadhani Putra dan Yendri Novita."
    assert [
        f
        for f in check_text(text, [])
        if f.severity == Severity.INFO and f.rule.startswith("bahasa.")
    ] == []


# -- the team's people, the team dictionary and the roster -------------------------------------


def test_team_people_are_names_the_checker_knows(workspace):
    text = "Sambutan oleh ramadhani Zulfahmiwardi dari Humas."
    assert ("bahasa.ejaan", "ramadhani", None) in language(text, workspace.rules())
    team = workspace.team_settings()
    team.people = [Person("Ramadhani Zulfahmiwardi", "", "Pranata Humas")]
    workspace.save_team_settings(team)
    found = language(text, workspace.rules())
    assert found == [("bahasa.kapital_nama", "ramadhani Zulfahmiwardi", "Ramadhani Zulfahmiwardi")]


def test_team_dictionary_add_list_remove(tmp_path):
    rules_dir = tmp_path / "rules"
    assert teamwords.add_team_word(rules_dir, "sipadek")
    assert not teamwords.add_team_word(rules_dir, "Sipadek")
    assert teamwords.add_team_word(rules_dir, "KTT")
    assert teamwords.team_words(rules_dir) == ["sipadek", "KTT"]
    assert language("Program sipadek diluncurkan.", load_rules(rules_dir)) == []
    assert teamwords.remove_team_word(rules_dir, "SIPADEK")
    assert not teamwords.remove_team_word(rules_dir, "sipadek")
    assert teamwords.team_words(rules_dir) == ["KTT"]
    assert language("Program sipadek diluncurkan.", load_rules(rules_dir))
    with pytest.raises(InvalidInput) as err:
        teamwords.add_team_word(rules_dir, "dua kata")
    assert "bukan satu kata" in str(err.value)


def test_roster_import_replaces_members_keeps_officials_and_backs_up(tmp_path):
    rules_dir = tmp_path / "rules"
    parsed = teamwords.parse_roster(
        "nama;fraksi;komisi;jabatan\nBudi Santoso Datuak Rangkayo Mudo;Fraksi Golkar;Komisi I;\n"
        ";;;\nSiti Rahmawati;Fraksi PKS;Komisi IV;Ketua Komisi IV\n",
        "anggota.csv",
    )
    assert [m.name for m in parsed.members] == [
        "Budi Santoso Datuak Rangkayo Mudo",
        "Siti Rahmawati",
    ]
    path, backup = teamwords.import_roster(rules_dir, parsed.members)
    assert backup is None
    rules = load_rules(rules_dir)
    names = [e.name for e in rules.roster]
    assert "Budi Santoso Datuak Rangkayo Mudo" in names and "Rusdi Hamzah" in names
    assert "Hendri Kurniawan" not in names  # the sample members are replaced
    assert "Golkar" in rules.parties
    entry = next(e for e in rules.roster if e.name == "Siti Rahmawati")
    assert (entry.role, entry.unit, entry.komisi) == ("Ketua Komisi IV", "Fraksi PKS", "Komisi IV")
    assert language("Sambutan Siti Rahmawati dan Budi Santoso Datuak Rangkayo Mudo.", rules) == []
    assert teamwords.member_count(rules_dir) == 2
    _, backup = teamwords.import_roster(rules_dir, parsed.members[:1])
    assert backup is not None and "Siti Rahmawati" in backup.read_text(encoding="utf-8")
    with pytest.raises(InvalidInput):
        teamwords.parse_roster("fraksi,komisi\nGolkar,I\n", "x.csv")
    with pytest.raises(InvalidInput):
        teamwords.parse_roster("nama,fraksi\n,Golkar\n", "x.csv")


def test_cli_dictionary_and_roster(tmp_path, capsys):
    ws = tmp_path / "ws"
    assert main(["--workspace", str(ws), "dictionary", "add", "sipadek"]) == 0
    assert "ditambahkan" in capsys.readouterr().out
    assert main(["--workspace", str(ws), "dictionary", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"words": ["sipadek"]}
    assert main(["--workspace", str(ws), "dictionary", "remove", "tidakada"]) == 1
    assert "tidak ada di kamus tim" in capsys.readouterr().err
    csv_file = tmp_path / "anggota.csv"
    csv_file.write_text(
        "nama,fraksi,komisi,jabatan\nBudi Santoso,Golkar,Komisi I,\n", encoding="utf-8"
    )
    assert main(["--workspace", str(ws), "roster", "import", str(csv_file)]) == 0
    assert "1 anggota diimpor" in capsys.readouterr().out
    assert main(["--workspace", str(ws), "roster", "import", str(csv_file)]) == 1
    assert "--yes" in capsys.readouterr().err
    assert main(["--workspace", str(ws), "roster", "import", str(csv_file), "--yes"]) == 0
    assert "dicadangkan" in capsys.readouterr().out or list((ws / "rules" / "cadangan").iterdir())
    assert t("ejaan.kamus_tambah", lang="en") == "Add to the team dictionary"


def test_a_person_with_a_title_in_the_people_list(workspace):
    team = workspace.team_settings()
    team.people = [Person("Drs. Hendra Saputra", "197805122005011003", "Kepala Bagian", True)]
    workspace.save_team_settings(team)
    rules = workspace.rules()
    text = "Disetujui oleh Drs. hendra saputra hari ini."
    assert language(text, rules) == [("bahasa.kapital_nama", "hendra saputra", "Hendra Saputra")]
    assert language("Disetujui oleh Drs. Hendra Saputra, Kepala Bagian.", rules) == []


def test_capitals_heading_is_spelled_and_its_fix_keeps_names():
    text = "KUNJUNGAN KERJA KOMISI IV DPRD SUMBAR KE KABUPATEN AGAM"
    (caps,) = [f for f in check_text(text, []) if f.rule == "gaya.kapital"]
    assert caps.replacement == "Kunjungan kerja Komisi IV DPRD Sumbar ke Kabupaten Agam"
    found = language("PENGUMUMMAN: RAPAT PARIPURNA DPRD")
    assert ("bahasa.ejaan", "PENGUMUMMAN", "PENGUMUMAN") in found
    assert not [f for f in language("PENGUMUMAN PENTING DPRD") if f[0] == "bahasa.ejaan"]
