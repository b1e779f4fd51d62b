"""Day and month names, one home for the date formatter and the language rules."""

from __future__ import annotations

#: CLDR's wide day and month names for the two languages (a test compares with Babel), so the
#: queue's week label and the CLI need no Babel import and locale load (~30 ms at start).
DAY_NAMES = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
#: CLDR's abbreviated day names (the date fields' "Sen, 07/12/2026"; a test compares with Babel).
DAY_ABBREVIATIONS = {
    "id": ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MONTH_NAMES = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
