"""The team's own dictionary and member roster, both in a workspace's ``rules/`` folder.

* ``extra_words.txt``: words the spelling check accepts ("Tambahkan ke kamus tim" on a spelling
  finding, reviewed and removable in Settings > rule lists or with ``sumbar-studio dictionary``).
* ``roster.tsv``: the council's members imported from a CSV with the columns nama, fraksi,
  komisi, jabatan (``sumbar-studio roster import``, or Settings > rule lists). Importing replaces
  the member rows and keeps officials and parties; the previous file is backed up first.

Files are written atomically; the rule cache notices the change (it keys on file times).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..errors import InvalidInput
from ..fileutil import write_text_atomic
from ..i18n import t
from ..inputs import decode_text as decode
from ..resources import asset_path

TEAM_WORDS = "extra_words.txt"
ROSTER = "roster.tsv"
_WORD = re.compile(r"^[^\W_][\w'’-]*$")
_HEADER = (
    "# Kamus tim: kata yang dianggap benar oleh pemeriksa ejaan, satu kata per baris.\n"
    '# Ditambah lewat "Tambahkan ke kamus tim"; hapus baris untuk membuang kata.\n'
)


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []


def team_words(rules_dir: str | Path) -> list[str]:
    """The team dictionary's words, in file order."""
    out = []
    for line in _read_lines(Path(rules_dir) / TEAM_WORDS):
        line = line.strip()
        if line and not line.startswith("#"):
            out.extend(line.split())
    return out


def _valid(word: str) -> str:
    word = word.strip()
    if not _WORD.match(word):
        raise InvalidInput("ejaan.kamus_kata_tidak_sah", word=word)
    return word


def add_team_word(rules_dir: str | Path, word: str) -> bool:
    """Add ``word`` to the team dictionary; False when it is already there."""
    word = _valid(word)
    path = Path(rules_dir) / TEAM_WORDS
    if word.lower() in {w.lower() for w in team_words(rules_dir)}:
        return False
    lines = _read_lines(path) or _HEADER.splitlines()
    lines.append(word)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, "\n".join(lines) + "\n")
    return True


def remove_team_word(rules_dir: str | Path, word: str) -> bool:
    """Remove ``word`` (any case) from the team dictionary; False when it was not there."""
    word = word.strip()
    path = Path(rules_dir) / TEAM_WORDS
    lines = _read_lines(path)
    kept, removed = [], False
    for line in lines:
        if not line.strip().startswith("#"):
            words = line.split()
            rest = [w for w in words if w.lower() != word.lower()]
            if len(rest) != len(words):
                removed = True
                if not rest:
                    continue
                line = " ".join(rest)
        kept.append(line)
    if removed:
        write_text_atomic(path, "\n".join(kept) + "\n")
    return removed


# -- roster ------------------------------------------------------------------------------------

COLUMNS = {
    "name": ("nama", "name", "nama anggota", "nama lengkap"),
    "faction": ("fraksi", "faction", "partai"),
    "komisi": ("komisi", "commission", "alat kelengkapan"),
    "role": ("jabatan", "role", "position"),
}


@dataclass(frozen=True)
class Member:
    name: str
    faction: str = ""
    komisi: str = ""
    role: str = ""

    def tsv(self) -> str:
        role = self.role or (f"anggota {self.komisi}".strip() if self.komisi else "anggota")
        cells = (self.name, role, self.faction, "anggota", self.komisi)
        return "\t".join(c.replace("\t", " ").strip() for c in cells)


@dataclass
class RosterImport:
    source: str
    members: list[Member] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _canonical(header: str) -> str | None:
    h = " ".join(header.strip().lower().split())
    for key, names in COLUMNS.items():
        if h in names:
            return key
    return None


def parse_roster(text: str, source: str = "") -> RosterImport:
    """Members from CSV text (comma, semicolon or tab separated; header row required)."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    header = [_canonical(h) for h in rows[0]] if rows else []
    if "name" not in header:
        raise InvalidInput("ejaan.roster_kolom_kurang", path=source, columns="nama")
    result = RosterImport(source)
    seen: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        values = {key: row[i].strip() for i, key in enumerate(header) if key and i < len(row)}
        name = " ".join(values.get("name", "").split())
        if not name:
            result.warnings.append(t("ejaan.roster_baris_kosong", line=line))
            continue
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        result.members.append(
            Member(
                name, values.get("faction", ""), values.get("komisi", ""), values.get("role", "")
            )
        )
    if not result.members:
        raise InvalidInput("ejaan.roster_kosong", path=source)
    return result


def read_roster_file(path: str | Path) -> RosterImport:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput("ejaan.roster_tidak_terbaca", path=str(path), detail=str(exc)) from None
    return parse_roster(decode(data), str(path))


def _current_roster(rules_dir: Path) -> Path:
    own = rules_dir / ROSTER
    return own if own.is_file() else asset_path("rules", ROSTER)


def member_count(rules_dir: str | Path) -> int:
    """Members (kind "anggota") in the workspace's own roster (0 while it uses the shipped
    sample, which an import replaces without loss)."""
    count = 0
    for line in _read_lines(Path(rules_dir) / ROSTER):
        cells = line.split("\t")
        if not line.startswith("#") and len(cells) >= 4 and cells[3].strip() == "anggota":
            count += 1
    return count


def import_roster(
    rules_dir: str | Path, members: list[Member], now: datetime | None = None
) -> tuple[Path, Path | None]:
    """Replace the member rows of the workspace roster with ``members``; officials, parties and
    comments stay. Returns the roster path and the backup of the previous workspace file."""
    rules_dir = Path(rules_dir)
    own = rules_dir / ROSTER
    backup = None
    if own.is_file():
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        backup = rules_dir / "cadangan" / f"roster-{stamp}.tsv"
        backup.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(backup, own.read_text(encoding="utf-8"))
    lines = _read_lines(_current_roster(rules_dir))
    lead = 0
    while lead < len(lines) and (lines[lead].startswith("#") or not lines[lead].strip()):
        lead += 1
    rest = []
    for line in lines[lead:]:
        cells = line.split("\t")
        if not line.startswith("#") and len(cells) >= 4 and cells[3].strip() == "anggota":
            continue
        rest.append(line)
    body = lines[:lead] + [m.tsv() for m in members] + rest
    rules_dir.mkdir(parents=True, exist_ok=True)
    write_text_atomic(own, "\n".join(body) + "\n")
    return own, backup
