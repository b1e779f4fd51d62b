"""CSV import of posts (for example the secretariat's agenda): parse, validate, preview, commit.

Nothing is written until :func:`commit` is called with a preview that the officer has seen;
rows with errors are never imported. Accepted headers (Indonesian or English, any case):

    tanggal/date, jam/waktu/time, judul/title, tempat/place, template, platform/platforms,
    petugas/assignee, keterangan/caption/description, tagar/hashtags

Dates ``2026-12-07``, ``07/12/2026`` or ``7 Desember 2026``; times ``09.00``, ``09:00`` or
``09.00 WIB``. The delimiter (comma or semicolon, as Excel writes it in Indonesia) is detected.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from .errors import InvalidInput, SumbarError
from .i18n import t
from .inputs import decode_text
from .model import CardSpec, Post
from .platforms import default_catalog
from .timeutil import parse_date, parse_time, to_utc

COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("tanggal", "date", "tgl", "hari/tanggal"),
    "time": ("jam", "waktu", "time", "pukul"),
    "title": ("judul", "title", "kegiatan", "acara", "agenda"),
    "place": ("tempat", "place", "lokasi", "location"),
    "template": ("template", "templat", "kartu"),
    "platforms": ("platform", "platforms", "kanal"),
    "assignee": ("petugas", "assignee", "pj", "penanggung jawab"),
    "caption": ("keterangan", "caption", "description", "deskripsi", "uraian"),
    "hashtags": ("tagar", "hashtags", "hashtag"),
}

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb", "pebruari"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "aug", "agt"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov", "nopember"),
            ("desember", "december", "des", "dec"),
        ]
    )
    for name in names
}
_WORD_DATE = re.compile(r"^(?:[A-Za-z]+,\s*)?(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$")
MAX_ROWS = 5000


@dataclass
class ImportRow:
    line: int  # line number in the file (header is line 1)
    values: dict[str, str]
    post: Post | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.post is not None


@dataclass
class ImportPreview:
    source: str
    columns: list[str]  # canonical column names found, in file order
    rows: list[ImportRow]
    file_errors: list[str] = field(default_factory=list)

    @property
    def valid_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.ok]

    @property
    def error_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]

    @property
    def can_commit(self) -> bool:
        return not self.file_errors and bool(self.valid_rows)


def _canonical(header: str) -> str | None:
    key = header.strip().strip("\ufeff").lower()
    for canon, names in COLUMNS.items():
        if key == canon or key in names:
            return canon
    return None


def parse_import_date(text: str) -> date:
    value = text.strip()
    match = _WORD_DATE.match(value)
    if match:
        month = _MONTHS.get(match.group(2).lower())
        if month:
            try:
                return date(int(match.group(3)), month, int(match.group(1)))
            except ValueError:
                pass
        raise InvalidInput("errors.date_invalid", value=text)
    return parse_date(value)


def parse_import_time(text: str) -> time:
    value = re.sub(r"\s*(WIB|wib)\s*$", "", text.strip())
    value = re.sub(r"^(pukul|jam)\s+", "", value, flags=re.IGNORECASE)
    value = value.split("-")[0].split("s.d")[0].strip()  # "09.00 - 12.00": the start
    return parse_time(value)


def _split_list(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,;|\s]+", text) if p.strip()]


decode = decode_text  # one decoder for files people make (core/fileutil.py)


def parse_csv(
    text: str,
    *,
    source: str = "",
    existing: set[tuple[str, date]] | None = None,
    templates: set[str] | None = None,
    default_platforms: list[str] | None = None,
) -> ImportPreview:
    """Read CSV text into a preview. ``existing`` holds (lower-cased title, date) pairs already
    in the store (duplicates are warned about); ``templates`` the known card template ids (when
    given, an unknown one is an error)."""
    if "\x00" in text:  # a binary file (or UTF-16 without its BOM), not a table of text
        return ImportPreview(source, [], [], [t("files.csv_binary")])
    sample = text[:4096].replace("\r\n", "\n").replace("\r", "\n")
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # universal newlines: a file saved with CR-only line ends (old Mac Excel) reads as rows too
    reader = csv.reader(io.StringIO(text, newline=None), dialect)
    try:
        return _parse_rows(reader, source, existing, templates, default_platforms)
    except csv.Error as exc:
        if "field larger" in str(exc):
            message = t(
                "files.csv_cell_too_long",
                line=reader.line_num,
                limit=csv.field_size_limit() // 1024,
            )
        else:
            message = t("files.csv_unreadable", line=reader.line_num, reason=str(exc))
        return ImportPreview(source, [], [], [message])


def _parse_rows(
    reader,
    source: str,
    existing: set[tuple[str, date]] | None,
    templates: set[str] | None,
    default_platforms: list[str] | None,
) -> ImportPreview:
    try:
        header = next(reader)
    except StopIteration:
        return ImportPreview(source, [], [], [t("queue.import_empty")])
    mapping = [_canonical(h) for h in header]
    columns = [c for c in mapping if c]
    preview = ImportPreview(source, columns, [])
    missing = [c for c in ("date", "title") if c not in columns]
    if missing:
        preview.file_errors.append(
            t("queue.import_missing_columns", columns=", ".join(COLUMNS[c][0] for c in missing))
        )
        return preview
    catalog = default_catalog()
    seen: set[tuple[str, date]] = set()
    for number, raw in enumerate(reader, start=2):
        if not any(cell.strip() for cell in raw):
            continue
        if len(preview.rows) >= MAX_ROWS:
            preview.file_errors.append(t("queue.import_too_many", limit=MAX_ROWS))
            break
        values = {c: "" for c in columns}
        for canon, cell in zip(mapping, raw, strict=False):
            if canon:
                values[canon] = cell.strip()
        row = ImportRow(number, values)
        if len(raw) > len(header) and any(c.strip() for c in raw[len(header) :]):
            row.errors.append(t("queue.import_extra_cells"))
        _validate(row, catalog, existing or set(), seen, templates, default_platforms or [])
        preview.rows.append(row)
    if not preview.rows and not preview.file_errors:
        preview.file_errors.append(t("queue.import_empty"))
    return preview


def _validate(row, catalog, existing, seen, templates, default_platforms) -> None:
    v = row.values
    title = v.get("title", "")
    if not title:
        row.errors.append(t("queue.import_title_required"))
    day = None
    if not v.get("date"):
        row.errors.append(t("queue.import_date_required"))
    else:
        try:
            day = parse_import_date(v["date"])
        except SumbarError:
            row.errors.append(t("queue.import_date_invalid", value=v["date"]))
    clock = None
    if v.get("time"):
        try:
            clock = parse_import_time(v["time"])
        except SumbarError:
            row.errors.append(t("queue.import_time_invalid", value=v["time"]))
    elif day is not None:
        row.warnings.append(t("queue.import_no_time"))
    platforms = _split_list(v.get("platforms", "")) or list(default_platforms)
    platforms = [p.lower() for p in platforms]
    unknown = [p for p in platforms if p not in catalog.platforms]
    if unknown:
        row.errors.append(
            t(
                "queue.import_platform_unknown",
                value=", ".join(unknown),
                choices=", ".join(catalog.ids()),
            )
        )
    template = v.get("template", "")
    if template and templates is not None and template not in templates:
        row.errors.append(t("queue.import_template_unknown", value=template))
    if len(title) > 200:
        row.errors.append(t("queue.import_title_too_long"))
    if title and day is not None:
        key = (title.lower(), day)
        if key in seen:
            row.warnings.append(t("queue.import_duplicate_in_file"))
        elif key in existing:
            row.warnings.append(t("queue.import_duplicate_in_store"))
        seen.add(key)
    if row.errors:
        return
    hashtags = [h if h.startswith("#") else f"#{h}" for h in _split_list(v.get("hashtags", ""))]
    row.post = Post(
        title=title,
        caption=v.get("caption", ""),
        platforms=platforms,
        hashtags=hashtags,
        card=CardSpec(template_id=template),
        event_date=day,
        place=v.get("place", ""),
        assignee=v.get("assignee", ""),
        scheduled_at=(
            to_utc(datetime.combine(day, clock)) if clock is not None and day is not None else None
        ),
    )


def parse_file(path: str | Path, **kwargs) -> ImportPreview:
    from .inputs import read_input

    path = Path(path)
    try:
        data = read_input(path, "csv")  # regular files only, size-limited
    except SumbarError as exc:
        return ImportPreview(str(path), [], [], [exc.user_message()])
    except OSError as exc:
        return ImportPreview(str(path), [], [], [t("queue.import_unreadable", detail=str(exc))])
    return parse_csv(decode(data), source=str(path), **kwargs)


def existing_keys(service) -> set[tuple[str, date]]:
    """(lower-cased title, event date) of posts already in the store, for duplicate warnings."""
    return service.repo.event_keys()


def commit(preview: ImportPreview, service, actor: str) -> list[int]:
    """Insert every valid row as a draft, all or nothing. Returns the new post ids."""
    if preview.file_errors:
        raise InvalidInput("queue.import_has_file_errors")
    new_ids: list[int] = []
    with service.repo.transaction():
        for row in preview.valid_rows:
            post = service.add(row.post, actor)
            new_ids.append(post.id)
    return new_ids
