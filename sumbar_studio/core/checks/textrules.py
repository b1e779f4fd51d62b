"""Rules that read caption text: Indonesian language and style, personal data, secrets,
neutrality, SARA, first person, figures, and platform fit.

Each rule is a function ``rule(ctx) -> None`` that appends findings to ``ctx``; the engine runs
them. Word lists and thresholds come from :mod:`.rulesdata`, never from this file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial

from .. import regexcache
from ..daynames import DAY_NAMES, MONTH_NAMES
from ..platforms import Platform
from ..text.counting import count, fit_end
from ..text.urls import find_urls
from . import editorial, morphology, spelling
from .findings import Finding, Severity
from .rulesdata import Rules

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date

    import regex

# -- shared context -------------------------------------------------------------------------

_EMAIL = regexcache.compile(r"(?<![\w.+-])[\w.+-]+@(?P<domain>(?:[\w-]+\.)+[A-Za-z]{2,})(?![\w-])")
_TAG = regexcache.compile(r"(?<![\w&])[#@][\w.]*\w")
_WORD = regexcache.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_QUOTED = regexcache.compile(r"\"[^\"\n]*\"|“[^”]*”|«[^»]*»")
_LETTER = regexcache.compile(r"\p{L}")
_NON_DIGIT = regexcache.compile(r"\D")
_DIGIT_NEXT = regexcache.compile(r"[-\s]?\d")
_UNIT_AFTER = regexcache.compile(r"\s*([\p{L}%]+)")


@lru_cache(maxsize=64)
def _urls(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((u.start, u.end) for u in find_urls(text))


@lru_cache(maxsize=64)
def _masks(text: str) -> tuple[tuple, tuple, str, str]:
    """(URL spans, e-mail spans, the text with those blanked, and with hashtags and mentions
    blanked too): the same for the language rules and every platform's rules of one text."""
    url_spans = _urls(text)
    email_spans = tuple((m.start(), m.end()) for m in _EMAIL.finditer(text))
    chars = list(text)
    for s, e in (*url_spans, *email_spans):
        chars[s:e] = " " * (e - s)
    no_links = "".join(chars)
    for m in _TAG.finditer(no_links):
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    return url_spans, email_spans, no_links, "".join(chars)


class _Same:
    """The default of :meth:`TextContext.add`'s ``platform``: the context's own platform."""


_SAME = _Same()


class TextContext:
    """The text under check, its masked form and the findings gathered so far."""

    def __init__(self, text: str, rules: Rules, platform: str | None):
        self.text = text
        self.rules = rules
        self.platform = platform
        self.findings: list[Finding] = []
        # URLs and e-mails blanked (no_links), also hashtags and mentions (masked), same offsets
        self.url_spans, self.email_spans, self.no_links, self.masked = _masks(text)

    def add(
        self,
        rule: str,
        start: int | None,
        end: int | None,
        key: str,
        *,
        replacement: str | None = None,
        severity: Severity | None = None,
        suggester: Callable[[], list[str]] | None = None,
        platform: str | None | _Same = _SAME,
        **params: object,
    ) -> None:
        spec = self.rules.specs.get(rule)
        if spec is not None and not spec.enabled:
            return
        message_id = key if "." in key else f"checks.{key}"
        item = spec.item if spec else "profesional"
        sev = severity or Severity(spec.severity if spec else "warning")
        if start is not None and "text" not in params:
            params["text"] = self.text[start:end]
        self.findings.append(
            Finding(
                item=item,
                rule=rule,
                severity=sev,
                message_id=message_id,
                params=params,
                platform=self.platform if isinstance(platform, _Same) else platform,
                start=start,
                end=end,
                replacement=replacement,
                suggester=suggester,
            )
        )

    def words(self):
        return _WORD.finditer(self.masked)


def _match_case(model: str, replacement: str) -> str:
    if model.isupper() and len(model) > 1:
        return replacement.upper()
    if model[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# -- spelling, standard words, prefixes -----------------------------------------------------

_ZONES = frozenset({"WIB", "WITA", "WIT"})
_WORD_PARTS = regexcache.compile(r"['’-]")
_CALENDAR_LOWER = frozenset(editorial.DAYS + editorial.MONTHS + ("rp",))
_DI_KE = regexcache.compile(r"^(di|ke)(\p{Lu}[\p{L}]+)$")
_DI_PLACE = regexcache.compile(r"^(di|ke)(\p{Ll}+)$")
_SEPARATED = regexcache.compile(r"(?<![\w-])(?P<p>[Dd]i|[Kk]e)\s+(?P<w>\p{Ll}+)(?![\w-])")


def _foreign_quotes(ctx: TextContext) -> list[tuple[int, int]]:
    """Quotations mostly in another language (a Minang proverb, an English slogan): two or
    more words, at least a third of them, unknown to the dictionary and the lexicon. Their
    spelling is not Indonesian spelling and is not checked."""
    rules = ctx.rules
    out = []
    for q in _QUOTED.finditer(ctx.masked):
        words = [w.group() for w in _WORD.finditer(q.group()) if len(w.group()) > 1]
        unknown = [
            w
            for w in words
            if w.islower()
            and not (
                rules.known_word(w) or spelling.is_correct(w) or morphology.is_correct_affixed(w)
            )
        ]
        if len(unknown) >= 2 and 3 * len(unknown) >= len(words):
            out.append((q.start(), q.end()))
    return out


def rule_spelling(ctx: TextContext) -> None:
    rules = ctx.rules
    text = ctx.masked
    phrases = list(rules.baku_phrases.finditer(text)) if rules.baku_phrases is not None else []
    foreign = _foreign_quotes(ctx) if ('"' in text or "“" in text) else []
    for m in ctx.words():
        word = m.group()
        if len(word) < 2:
            continue
        if phrases and any(p.start() <= m.start() < p.end() for p in phrases):
            continue  # inside "insya Allah", "halal bihalal": the phrase's finding says it
        if foreign and any(s <= m.start() < e for s, e in foreign):
            continue  # a quotation in Minang or English
        lower = word.lower()
        start, end = m.start(), m.end()
        baku = rules.baku.get(lower)
        if baku is not None:
            ctx.add(
                "bahasa.baku",
                start,
                end,
                "baku",
                replacement=_match_case(word, baku.right),
                severity=Severity.INFO if baku.note else None,
                right=baku.right,
            )
            continue
        split = rules.split_words.get(lower)
        if split is not None:
            ctx.add(
                "bahasa.preposisi",
                start,
                end,
                "preposisi",
                replacement=_match_case(word, split),
                right=split,
            )
            continue
        glued = _DI_KE.match(word)
        if glued and not rules.known_word(word):
            right = f"{glued.group(1)} {glued.group(2)}"
            ctx.add("bahasa.preposisi", start, end, "preposisi", replacement=right, right=right)
            continue
        proper = rules.proper_spellings.get(word) if word.islower() else None
        if (
            proper
            and word not in _CALENDAR_LOWER
            and (word in rules.always_capital or not spelling.is_correct(word))
        ):
            ctx.add(
                "bahasa.kapital_nama",
                start,
                end,
                "ejaan.kapital_nama_diri",
                replacement=proper,
                right=proper,
            )
            continue
        if rules.known_word(word) or word.upper() in _ZONES:
            continue  # (a time zone in the wrong case is rule_times' finding)
        place = _DI_PLACE.match(lower)
        if place and place.group(2) in rules.place_words and not spelling.is_correct(lower):
            right = _match_case(word, f"{place.group(1)} {place.group(2)}")
            ctx.add("bahasa.preposisi", start, end, "preposisi", replacement=right, right=right)
            continue
        if word.isupper() and len(word) > 1:
            # an abbreviation (RSUD, SMAN) is not a spelling matter, unless it is a known one
            # with two letters swapped or doubled (DPDR -> DPRD)
            fix = rules.known_index.closest(word) if rules.known_index else None
            if fix:
                ctx.add(
                    "bahasa.nama",
                    start,
                    end,
                    "ejaan.nama_mirip",
                    severity=Severity.WARNING,
                    replacement=fix,
                    word=word,
                    right=fix,
                )
            elif len(word) > 6 and not (
                spelling.is_correct(word) or morphology.is_correct_affixed(word.lower())
            ):  # a heading in capitals is spelled like any text: PENGUMUMMAN
                near = morphology.near_miss(word.lower())
                ctx.add(
                    "bahasa.ejaan",
                    start,
                    end,
                    "ejaan.ejaan_periksa",
                    word=word,
                    replacement=near.upper() if near else None,
                    suggester=partial(editorial.ranked_suggestions, word, rules),
                )
            continue
        if spelling.is_correct(word):
            continue
        if word in rules.abbreviations and text[end : end + 1] == ".":
            continue  # Dr., Hj., S.Sos.
        parts = [p for p in _WORD_PARTS.split(word) if p]
        if all(
            rules.known_word(p)
            or (i == 0 and p.lower() in rules.bound_forms)
            or (i == 0 and p.lower() == "se" and len(parts) > 1)
            or morphology.is_correct_affixed(p)
            for i, p in enumerate(parts)
        ):
            continue
        if word[:1].isupper() or any(c.isupper() for c in word[1:]):
            _unknown_capitalised(ctx, word, start, end)
            continue
        known = rules.known_index.words.get(word) if rules.known_index else None
        fix = (
            (known if known and known != word else None)  # dprd -> DPRD
            or (rules.known_index.closest(word) if rules.known_index else None)
            or morphology.near_miss(word)
        )
        if fix:
            fix = editorial.match_case(word, fix)
            ctx.add(
                "bahasa.ejaan",
                start,
                end,
                "ejaan.ejaan_mirip",
                word=word,
                right=fix,
                replacement=fix,
                suggester=partial(editorial.ranked_suggestions, word, rules),
            )
        else:
            ctx.add(
                "bahasa.ejaan",
                start,
                end,
                "ejaan.ejaan_periksa",
                word=word,
                suggester=partial(editorial.ranked_suggestions, word, rules),
            )
    if phrases:
        for m in phrases:
            entry = rules.baku.get(" ".join(m.group().lower().split()))
            if entry:
                ctx.add(
                    "bahasa.baku",
                    m.start(),
                    m.end(),
                    "baku",
                    replacement=_match_case(m.group(), entry.right),
                    right=entry.right,
                )
    for m in _SEPARATED.finditer(text):
        prefix, word = m.group("p"), m.group("w")
        phrase = f"{prefix.lower()} {word}"
        joined = rules.join_phrases.get(phrase)
        if joined is None:
            if word in rules.place_words or prefix.lower() != "di" or len(word) < 4:
                continue
            if not (word.endswith("kan") or word.endswith("i") or morphology.has_verb_form(word)):
                continue  # "di terjang" is a verb (menerjang); "di rumah" is a place
            if not spelling.is_correct(prefix.lower() + word):
                continue
            joined = prefix.lower() + word
        right = _match_case(prefix, joined)
        ctx.add("bahasa.imbuhan", m.start(), m.end(), "imbuhan", replacement=right, right=right)


def _unknown_capitalised(ctx: TextContext, word: str, start: int, end: int) -> None:
    """A capitalised word neither dictionary nor lexicon knows. Close to one of the
    institution's words (Forkompinda) it is a misspelling; a sentence's first word one
    doubled letter away from a dictionary word (Pengunaan) is a typo; anything else is taken
    for a name and not reported."""
    rules = ctx.rules
    fix = rules.known_index.closest(word, min_length=6) if rules.known_index else None
    if fix:
        fix = editorial.match_case(word, fix)
        ctx.add(
            "bahasa.nama",
            start,
            end,
            "ejaan.nama_mirip",
            severity=Severity.WARNING,
            replacement=fix,
            word=word,
            right=fix,
        )
        return
    if any(c.isupper() for c in word[1:]):
        return
    if editorial.position(ctx.masked, start, rules) is not editorial.Position.START:
        return
    near = morphology.near_miss(word.lower())
    if near:
        fix = editorial.match_case(word, near)
        ctx.add(
            "bahasa.ejaan",
            start,
            end,
            "ejaan.ejaan_mirip",
            word=word,
            right=fix,
            replacement=fix,
            suggester=partial(editorial.ranked_suggestions, word, rules),
        )


# -- dates, times, currency, capitals, exclamation marks, clickbait --------------------------

DAYS = DAY_NAMES["id"]
MONTHS = MONTH_NAMES["id"]
_MONTH_INDEX = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
_MONTH_INDEX.update({m.lower()[:3]: i + 1 for i, m in enumerate(MONTHS)})
_MONTH_INDEX.update({"agu": 8, "agt": 8, "okt": 10, "des": 12, "nop": 11, "pebruari": 2})
_DAY_ALT = "Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad"
_MONTH_ALT = "|".join(sorted(_MONTH_INDEX, key=len, reverse=True))
_LONG_DATE = regexcache.compile(
    rf"(?<!\w)(?P<day>{_DAY_ALT})\s*,?\s*(?:\(\s*)?(?:tanggal\s+|tgl\.?\s+)?"
    rf"(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_ALT})\.?\s+(?P<y>\d{{4}})(?!\d)",
    regexcache.IGNORECASE,
)
_NEWS_DATE = regexcache.compile(
    rf"(?<!\w)(?P<day>{_DAY_ALT})\s*\(\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})\s*/\s*"
    rf"(?P<y>\d{{4}}|\d{{2}})\s*\)",
    regexcache.IGNORECASE,
)
_PLAIN_DATE = regexcache.compile(
    rf"(?<![\w/])(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_ALT})\s+(?P<y>\d{{4}})(?!\d)",
    regexcache.IGNORECASE,
)


def _weekday_name(day: date) -> str:
    return DAYS[day.weekday()]


def rule_dates(ctx: TextContext) -> None:
    try:  # the C implementation that datetime.py re-exports: without the 1.5 ms of executing
        from _datetime import date  # datetime.py's pure-Python twin first
    except ImportError:  # an interpreter without it
        from datetime import date

    text = ctx.no_links
    checked: set[int] = set()
    for pattern, numeric_month in ((_LONG_DATE, False), (_NEWS_DATE, True)):
        for m in pattern.finditer(text):
            checked.add(m.start("d"))
            day_word = m.group("day")
            d = int(m.group("d"))
            month = int(m.group("m")) if numeric_month else _MONTH_INDEX[m.group("m").lower()]
            year = int(m.group("y"))
            if year < 100:
                year += 2000
            try:
                actual = date(year, month, d)
            except ValueError:
                ctx.add("gaya.tanggal_tidak_ada", m.start("d"), m.end("y"), "tanggal_tidak_ada")
                continue
            expected = _weekday_name(actual)
            given = day_word.replace("'", "").capitalize()
            if given == "Ahad":
                given = "Minggu"
            if given != expected:
                ctx.add(
                    "gaya.hari_tanggal",
                    m.start("day"),
                    m.end("day"),
                    "hari_tanggal",
                    replacement=expected,
                    given=day_word,
                    expected=expected,
                    date=f"{d} {MONTHS[month - 1]} {year}",
                )
    for m in _PLAIN_DATE.finditer(text):
        if m.start("d") in checked:
            continue
        try:
            date(int(m.group("y")), _MONTH_INDEX[m.group("m").lower()], int(m.group("d")))
        except ValueError:
            ctx.add("gaya.tanggal_tidak_ada", m.start(), m.end(), "tanggal_tidak_ada")


_COLON_TIME = regexcache.compile(r"(?<![\d.:,/])(?P<h>\d{1,2}):(?P<m>[0-5]\d)(?![\d:])")
_TIME_CONTEXT_BEFORE = regexcache.compile(
    r"(?i:pukul|pkl\.?|jam|mulai|hingga|sampai|s\.d\.?|s/d)\s*$|[-–]\s*$"
)
_TIME_CONTEXT_AFTER = regexcache.compile(
    r"^\s*(?:[-–]\s*(?:\d{1,2}[.:]\d{2}|selesai)\s*)?(?i:wib|wita|wit)\b|^\s*[-–]\s*\d{1,2}[.:]\d{2}"
)
_ZONE = regexcache.compile(r"(?<=\d[.:]\d{2}\s*|(?i:selesai)\s+)(?P<z>(?i:wib|wita|wit))(?!\w)")


def rule_times(ctx: TextContext) -> None:
    text = ctx.no_links
    for m in _COLON_TIME.finditer(text):
        hour, minute = int(m.group("h")), m.group("m")
        if hour > 24:
            continue
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 24]
        if not (_TIME_CONTEXT_BEFORE.search(before) or _TIME_CONTEXT_AFTER.match(after)):
            continue
        right = f"{hour:02d}.{minute}"
        ctx.add("gaya.pukul", m.start(), m.end(), "pukul", replacement=right, right=right)
    for m in _ZONE.finditer(text):
        zone = m.group("z")
        if zone != zone.upper():
            ctx.add(
                "gaya.zona_waktu",
                m.start("z"),
                m.end("z"),
                "zona_waktu",
                replacement=zone.upper(),
                right=zone.upper(),
            )


_MONEY = regexcache.compile(
    r"(?<![\w])(?P<cur>Rp|RP|rp|IDR)(?P<sep>\.?\s*)(?P<num>\d[\d.,]*\d|\d)(?P<tail>,-|,00)?"
)


def _group_thousands(digits: str) -> str:
    return f"{int(digits):,}".replace(",", ".")


def rule_currency(ctx: TextContext) -> None:
    for m in _MONEY.finditer(ctx.no_links):
        num = m.group("num")
        fixed_num = num
        if num.isdigit() and len(num) >= 4:
            fixed_num = _group_thousands(num)
        right = f"Rp{fixed_num}"
        current = m.group()
        if (
            m.group("cur") == "Rp"
            and m.group("sep") == ""
            and fixed_num == num
            and not m.group("tail")
        ):
            continue
        if current == right:
            continue
        ctx.add("gaya.rupiah", m.start(), m.end(), "rupiah", replacement=right, right=right)


_CAPS_WORD = regexcache.compile(r"(?<![\w])[\p{L}][\p{L}'’-]*(?![\w])")


_ROMAN_NUMERAL = regexcache.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|X{1,3})$")


def _sentence_case(text: str, rules: Rules) -> str:
    """Capitals turned to sentence case, keeping what is written with capitals anyway:
    abbreviations (DPRD), Roman numerals (IV) and the lexicon's proper names (Agam)."""

    def fix(m: regex.Match) -> str:
        word = m.group()
        if word in rules.lexicon_exact or _ROMAN_NUMERAL.match(word):
            return word
        low = word.lower()
        return rules.proper_spellings.get(low, low)

    out = _CAPS_WORD.sub(fix, text)
    first = _LETTER.search(out)
    if first:
        out = out[: first.start()] + out[first.start()].upper() + out[first.start() + 1 :]
    return out


def rule_capitals(ctx: TextContext) -> None:
    th = ctx.rules.thresholds
    min_run = int(th.get("caps_run_words", 3))
    min_len = int(th.get("caps_min_word_length", 3))
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if len(run) >= min_run:
            start, end = run[0][0], run[-1][1]
            ctx.add(
                "gaya.kapital",
                start,
                end,
                "kapital",
                replacement=_sentence_case(ctx.text[start:end], ctx.rules),
                words=len(run),
            )
        run.clear()

    for m in _CAPS_WORD.finditer(ctx.masked):
        word = m.group()
        letters = [c for c in word if c.isalpha()]
        if not all(c.isupper() for c in letters):
            flush()
            continue
        if word in ctx.rules.lexicon_exact or len(letters) < min_len:
            continue  # abbreviations neither count nor break a run
        run.append((m.start(), m.end()))
    flush()


_BANGS = regexcache.compile(r"[!?]*!{2,}[!?]*|\?+!+[!?]*|!+\?+[!?]*")


def rule_exclamation(ctx: TextContext) -> None:
    text = ctx.no_links
    for m in _BANGS.finditer(text):
        ctx.add(
            "gaya.seru",
            m.start(),
            m.end(),
            "seru_berulang",
            replacement="?" if "?" in m.group() else "!",
        )
    maximum = int(ctx.rules.thresholds.get("exclamation_max", 2))
    marks = [i for i, ch in enumerate(text) if ch == "!"]
    if len(marks) > maximum and not _BANGS.search(text):
        ctx.add(
            "gaya.seru",
            marks[maximum],
            marks[maximum] + 1,
            "seru_banyak",
            count=len(marks),
            maximum=maximum,
        )


def _pattern_rule(ctx: TextContext, pattern, rule: str, key: str, text: str | None = None) -> None:
    if pattern is None:
        return
    for m in pattern.finditer(ctx.masked if text is None else text):
        ctx.add(rule, m.start(), m.end(), key)


def rule_clickbait(ctx: TextContext) -> None:
    _pattern_rule(ctx, ctx.rules.clickbait, "gaya.umpan_klik", "umpan_klik")


# -- personal data, secrets, neutrality, SARA, first person ---------------------------------

_SIXTEEN = regexcache.compile(
    r"(?<![\d.,/-])\d{4}(?:[ .-]?\d{4}){3}(?![\d])|(?<![\d])\d{16}(?![\d])"
)


def plausible_nik(digits: str, province_codes: frozenset[int] | set[int]) -> bool:
    """16 digits shaped like a NIK or KK number: region code, then a valid DDMMYY date."""
    if len(digits) != 16 or not digits.isdigit():
        return False
    if int(digits[:2]) not in province_codes:
        return False
    if int(digits[2:4]) == 0 or int(digits[4:6]) == 0:
        return False
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if day > 40:
        day -= 40  # women: day of birth + 40
    if not (1 <= month <= 12) or day < 1:
        return False
    import calendar  # here: most texts have no sixteen-digit number

    if day > max(
        calendar.monthrange(2000 + year, month)[1], calendar.monthrange(1900 + year, month)[1]
    ):
        return False
    return int(digits[12:]) != 0


_PHONE = regexcache.compile(r"(?<![\w+])(?:\+?62[\s.-]?|\(?0)8\d(?:[\s.-]?\d){7,11}(?![\d])")


def rule_personal_data(ctx: TextContext) -> None:
    th = ctx.rules.thresholds
    provinces = frozenset(int(c) for c in th.get("nik_province_codes", []))
    text = ctx.no_links
    for m in _SIXTEEN.finditer(text):
        digits = _NON_DIGIT.sub("", m.group())
        if plausible_nik(digits, provinces):
            ctx.add("pdp.nik", m.start(), m.end(), "nik", text="*" * 6 + digits[-4:])
    allowed = {_NON_DIGIT.sub("", n) for n in th.get("allowed_phone_numbers", [])}
    for m in _PHONE.finditer(text):
        digits = _NON_DIGIT.sub("", m.group())
        if digits in allowed:
            continue
        ctx.add("pdp.telepon", m.start(), m.end(), "telepon")
    personal = {d.lower() for d in th.get("personal_email_domains", [])}
    official = tuple(s.lower() for s in th.get("official_email_suffixes", []))
    for m in _EMAIL.finditer(ctx.text):
        domain = m.group("domain").lower()
        if domain in personal:
            ctx.add("pdp.surel", m.start(), m.end(), "email_pribadi")
        elif not domain.endswith(official):
            ctx.add("pdp.surel_lain", m.start(), m.end(), "email_lain")


def rule_secrets(ctx: TextContext) -> None:
    _pattern_rule(ctx, ctx.rules.secrets, "rahasia.klasifikasi", "rahasia", ctx.no_links)


def rule_campaign(ctx: TextContext) -> None:
    spans: list[tuple[int, int]] = []
    for pattern in ctx.rules.campaign:
        for m in pattern.finditer(ctx.masked):
            spans.append((m.start(), m.end()))
    last_end = -1
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < last_end:
            continue  # overlaps a longer match already reported
        last_end = end
        ctx.add("netral.kampanye", start, end, "kampanye")


def rule_sara(ctx: TextContext) -> None:
    _pattern_rule(ctx, ctx.rules.sara, "sara.ujaran", "sara")


def rule_first_person(ctx: TextContext) -> None:
    words = {w.lower() for w in ctx.rules.thresholds.get("first_person", [])}
    if not words:
        return
    chars = list(ctx.masked)
    for m in _QUOTED.finditer(ctx.masked):  # quoted speech may say "saya"
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    unquoted = "".join(chars)
    for m in _WORD.finditer(unquoted):
        if m.group().lower() in words:
            ctx.add("wakil.orang_pertama", m.start(), m.end(), "orang_pertama")


# -- figures --------------------------------------------------------------------------------

_SENTENCE = regexcache.compile(r"(?:[^.!?\n]|[.!?](?![\s.!?]|$))+[.!?]*")
_STAT = regexcache.compile(
    r"(?<![\w])\d+(?:[.,]\d+)*\s*(?:%|persen\b)|(?<![\w])Rp\s*\d[\d.,]*\s*(?:juta|miliar|triliun)\b",
    regexcache.IGNORECASE,
)
_BIG_NUMBER = regexcache.compile(r"(?<![\w.,/:+-])(?:\d{1,3}(?:\.\d{3})+|\d{4,})(?![\w/:]|[.,]\d)")
_NO_UNIT_BEFORE = regexcache.compile(
    r"(?i:rp\.?|nomor|no\.?|tahun|pukul|nip|nik|kode|pasal|perda|ayat|tanggal|tgl\.?|"
    r"kodepos|kode pos|rt|rw|hp|telp\.?|lantai|km|edisi|periode|ke-?)\s*$"
)


@lru_cache(maxsize=8)
def _markers_pattern(markers: tuple[str, ...]) -> regex.Pattern:
    if not markers:
        return regexcache.compile(r"(?!)")
    return regexcache.compile(
        r"(?<!\w)(?:" + "|".join(regexcache.escape(mk) for mk in markers) + ")"
    )


def rule_figures(ctx: TextContext) -> None:
    th = ctx.rules.thresholds
    markers = [m.lower() for m in th.get("source_markers", [])]
    units = {u.lower() for u in th.get("figure_units", [])}
    text = ctx.masked
    for s in _SENTENCE.finditer(text):
        sentence = s.group()
        stat = _STAT.search(sentence)
        if stat is None:
            continue
        low = sentence.lower()
        if _markers_pattern(tuple(markers)).search(low):
            continue
        start = s.start() + stat.start()
        ctx.add("kredibel.angka_sumber", start, s.start() + stat.end(), "angka_tanpa_sumber")
    min_digits = int(th.get("figure_unit_min_digits", 4))
    for m in _BIG_NUMBER.finditer(text):
        digits = m.group().replace(".", "")
        if digits.startswith("0") or _DIGIT_NEXT.match(text[m.end() : m.end() + 2]):
            continue  # a code or part of a longer number (phone, account), not a quantity
        if len(digits) < min_digits:
            continue
        if "." not in m.group() and len(digits) == 4 and 1900 <= int(digits) <= 2100:
            continue  # a year
        if len(digits) >= 10:
            continue  # identifiers and phone numbers are other rules' business
        if _NO_UNIT_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        after = _UNIT_AFTER.match(text[m.end() : m.end() + 24])
        if after and after.group(1).lower() in units:
            continue
        ctx.add("kredibel.angka_satuan", m.start(), m.end(), "angka_tanpa_satuan")


TEXT_RULES: tuple[Callable[[TextContext], None], ...] = (
    rule_spelling,
    rule_dates,
    rule_times,
    rule_currency,
    rule_capitals,
    rule_exclamation,
    rule_clickbait,
    rule_personal_data,
    rule_secrets,
    rule_campaign,
    rule_sara,
    rule_first_person,
    rule_figures,
    *editorial.EDITORIAL_RULES,
)


# -- platform fit and channel integration (per platform text) --------------------------------

_HASHTAG = regexcache.compile(r"(?<![\w&])#[\w]*[^\W\d_][\w]*")


def platform_rules(ctx: TextContext, spec: Platform) -> dict[str, object]:
    """Length, hashtags, links and official hashtag/link for one platform's text.

    Returns the count (``length``, ``limit``, ``valid``) for reports.
    """
    text = ctx.text
    counted = count(text, spec.id)
    if spec.caption_limit > 0 and not counted.valid:
        start = fit_end(text, spec.id)
        ctx.add(
            "platform.panjang",
            min(start, len(text)),
            len(text),
            "panjang",
            platform_name=spec.name,
            length=counted.length,
            limit=counted.limit,
            over=counted.length - counted.limit,
            text="",
        )
    elif spec.soft_limit and counted.length > spec.soft_limit:
        ctx.add(
            "platform.panjang_lunak",
            None,
            None,
            "panjang_lunak",
            platform_name=spec.name,
            length=counted.length,
            limit=spec.soft_limit,
        )
    tags = list(_HASHTAG.finditer(ctx.no_links))
    if len(tags) > spec.hashtag_limit:
        extra = tags[spec.hashtag_limit :]
        ctx.add(
            "platform.tagar_berlebih",
            extra[0].start(),
            extra[-1].end(),
            "tagar_berlebih",
            platform_name=spec.name,
            count=len(tags),
            limit=spec.hashtag_limit,
            text="",
        )
    if not spec.links_clickable:
        for s, e in ctx.url_spans:
            ctx.add(
                "platform.tautan_tidak_aktif", s, e, "tautan_tidak_aktif", platform_name=spec.name
            )
    hashtags = ctx.rules.hashtags
    official = hashtags.get("official", "")
    if spec.expects_hashtag and spec.hashtag_limit > 0 and official:
        present = {m.group().lower() for m in tags}
        if official.lower() not in present:
            ctx.add(
                "terintegrasi.tagar",
                None,
                None,
                "tagar_resmi",
                platform_name=spec.name,
                tag=official,
            )
    if spec.expects_link:
        markers = [m.lower() for m in hashtags.get("link_markers", [])]
        lowered = text.lower()
        if markers and not any(mk in lowered for mk in markers):
            ctx.add(
                "terintegrasi.tautan",
                None,
                None,
                "tautan_resmi",
                platform_name=spec.name,
                link=hashtags.get("official_link", ""),
            )
    return {
        "length": counted.length,
        "limit": counted.limit,
        "valid": counted.valid,
        "counting": counted.counting,
    }
