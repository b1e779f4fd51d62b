from datetime import date

import pytest

from sumbar_studio.core.nip import format_nip, nip_problem

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    "nip",
    [
        "197805122005011003",
        "19780512 200501 1 003",
        "198703142010012005",
        "1978.0512.2005.01.1.003",
    ],
)
def test_well_formed_nips_pass(nip):
    assert nip_problem(nip, today=TODAY) is None


@pytest.mark.parametrize(
    ("nip", "words"),
    [
        ("12345", "18 angka"),
        ("19780512200501100A", "hanya boleh berisi angka"),
        ("197813122005011003", "tanggal lahir"),  # month 13
        ("201805122025011003", "tanggal lahir"),  # born 2018: too young
        ("197805122005131003", "pengangkatan"),  # TMT month 13
        ("197805121985011003", "pengangkatan"),  # appointed at 6
        ("197805122005013003", "laki-laki"),
        ("197805122005011000", "000"),
    ],
)
def test_malformed_nips_say_what_is_wrong(nip, words):
    problem = nip_problem(nip, today=TODAY)
    assert problem is not None and words in problem


def test_format_nip_groups_the_parts():
    assert format_nip("197805122005011003") == "19780512 200501 1 003"
    assert format_nip("123") == "123"
