"""The NIP of an Indonesian civil servant (ASN), checked as it is typed.

18 digits: date of birth ``yyyymmdd``, start of service (TMT CPNS) ``yyyymm``, sex (1 man,
2 woman) and a 3-digit serial, e.g. ``19780512 200501 1 003``. Spaces and dots are allowed while
typing and dropped.
"""

from __future__ import annotations

import re
from datetime import date

from .i18n import t


def normalise_nip(text: str) -> str:
    return re.sub(r"[\s.]", "", text or "")


def nip_problem(text: str, *, today: date | None = None) -> str | None:
    """None when ``text`` is a well-formed NIP, else a message saying what is wrong."""
    nip = normalise_nip(text)
    today = today or date.today()
    if not nip.isdigit():
        return t("nip.digits_only", nip=text)
    if len(nip) != 18:
        return t("nip.length", nip=text, count=len(nip))
    try:
        born = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return t("nip.birth_date", part=nip[0:8])
    if not 1930 <= born.year <= today.year - 15:
        return t("nip.birth_date", part=nip[0:8])
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_month <= 12 or not born.year + 15 <= tmt_year <= today.year + 1:
        return t("nip.tmt", part=nip[8:14])
    if nip[14] not in "12":
        return t("nip.sex", digit=nip[14])
    if nip[15:18] == "000":
        return t("nip.serial")
    return None


def format_nip(text: str) -> str:
    """``19780512 200501 1 003`` (the way it is printed on documents)."""
    nip = normalise_nip(text)
    if len(nip) != 18 or not nip.isdigit():
        return text
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
