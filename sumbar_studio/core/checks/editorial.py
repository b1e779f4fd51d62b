"""Editorial rules a careful Indonesian editor applies (EYD V): capital letters (titles and
name heads before a name, people's names, days and months, sentence starts, regulation titles,
common words mid-sentence), punctuation and spacing (after and before marks, hyphens, doubled
marks, brackets and quotes, commas with connectives, tetapi and bahwa), bound forms,
reduplication, ordinals, "di" for times and "jam 9".

Each rule is ``rule(ctx)`` over a :class:`.textrules.TextContext` (imported by textrules, so
this module never imports it back). Word lists come from ``editorial.tsv`` and
``terikat.tsv`` in the rule folder (see :mod:`.rulesdata`); messages from the ``ejaan``
catalogue.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from enum import Enum
from functools import lru_cache

from .. import regexcache
from ..daynames import DAY_NAMES, MONTH_NAMES
from . import morphology, spelling
from .rulesdata import Rules, osa_distance

TYPE_CHECKING = False
if TYPE_CHECKING:
    import regex

DAYS = tuple(d.lower() for d in DAY_NAMES["id"])
MONTHS = tuple(m.lower() for m in MONTH_NAMES["id"])
_CALENDAR = frozenset(DAYS + MONTHS)
_TOKEN = regexcache.compile(r"[\p{L}\d]+(?:['’-][\p{L}\d]+)*")
_NUMBER_AFTER = regexcache.compile(r"\s*[,(]\s*\d")
_QUOTE_SPACE_AFTER = regexcache.compile(r'"[ \t]+')
_SPACE_QUOTE_BEFORE = regexcache.compile(r'[ \t]+"$')
_ROMAN = regexcache.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|X{1,3})$")
#: words before a title that make it generic ("para kepala OPD", "sejumlah ketua fraksi")
_GENERIC = frozenset(
    {
        "para",
        "seorang",
        "setiap",
        "tiap",
        "sejumlah",
        "beberapa",
        "seluruh",
        "semua",
        "segenap",
        "jajaran",
        "kalangan",
        "masing-masing",
    }
)
_BEFORE_STOP = regexcache.compile(r"([\p{L}.]+)\.$")
_LEFT_TOKEN = regexcache.compile(r"[\p{L}\d.)\"”]+$")
_YEAR_BEFORE = regexcache.compile(r"\d[ \t]*$")
_LIST_NUMBER = regexcache.compile(r"(?:^|\n)[ \t]*[\dA-Za-z]{1,2}\.$")
_OPENERS = " \t\"“‘'([«"


class Position(Enum):
    START = "start"  # the first word of a sentence, a line, or after a colon or dash
    MID = "mid"
    AFTER_ABBREVIATION = "abbr"  # after "Dr." / "H." / "S.H.": a name may follow


def position(text: str, start: int, rules: Rules) -> Position:
    """Where the word at ``start`` stands: sentence start, middle, or after an abbreviation."""
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    if i == 0:
        return Position.START
    ch = text[i - 1]
    if ch in "\n!?:…–—|•*>" or (ch == "-" and i >= 2 and text[i - 2].isspace()):
        return Position.START
    if unicodedata.category(ch)[0] == "S" or "\ufe00" <= ch <= "\ufe0f" or ch == "\u200d":
        return Position.START  # after an emoji or symbol used as a bullet: "📍 Tempat"
    if ch != ".":
        return Position.MID
    if text[max(0, i - 3) : i] == "...":
        return Position.START
    m = _BEFORE_STOP.search(text[max(0, i - 24) : i])
    token = m.group(1) if m else ""
    last = token.rsplit(".", 1)[-1]
    if last in ("dll", "dsb", "dst"):
        return Position.START
    if last in ("H", "M") and _YEAR_BEFORE.search(text, 0, i - len(token) - 1):
        return Position.START  # "1448 H. Semoga ...": the era of a year ends the sentence
    if "." in token or last in rules.abbreviations or len(last) == 1:
        return Position.AFTER_ABBREVIATION
    return Position.START


def _tokens(ctx) -> list[regex.Match]:
    """The words and numbers of the masked text (computed once per check)."""
    toks = getattr(ctx, "_editorial_tokens", None)
    if toks is None:
        toks = list(_TOKEN.finditer(ctx.masked))
        ctx._editorial_tokens = toks
    return toks


def _gap_is_space(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return bool(gap) and gap.strip(" \t") == ""


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _title(phrase: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in phrase.split(" "))


def _word_ok(word: str) -> bool:
    return spelling.is_correct(word) or morphology.is_correct_affixed(word)


# -- capitals -------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _titles_by_first_word(titles: tuple[str, ...]) -> dict[str, tuple[list[str], ...]]:
    out: dict[str, list[list[str]]] = {}
    for title in titles:  # longest first, as in Rules.titles
        parts = title.split(" ")
        out.setdefault(parts[0], []).append(parts)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=32)
def _title_words(titles: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for t in titles for w in t.split(" "))


def rule_title_before_name(ctx) -> None:
    """A title or office directly before a name, an institution or a number takes capitals:
    "ketua DPRD" -> "Ketua DPRD", "komisi I" -> "Komisi I", "fraksi Golkar" -> "Fraksi Golkar"."""
    rules: Rules = ctx.rules
    if not rules.titles:
        return
    text = ctx.masked
    toks = _tokens(ctx)
    lowered = [t.group().lower() for t in toks]
    by_first = _titles_by_first_word(rules.titles)
    i = 0
    while i < len(toks):
        if lowered[i] not in by_first:
            i += 1
            continue
        chain: list[tuple[int, int]] = []  # token index ranges [a, b) of each title phrase
        j = i
        while j < len(toks):
            found = None
            for parts in by_first.get(lowered[j], ()):
                k = j + len(parts)
                if lowered[j:k] == parts and all(
                    _gap_is_space(text, toks[n].end(), toks[n + 1].start()) for n in range(j, k - 1)
                ):
                    found = (j, k)
                    break
            if found is None:
                break
            if chain and not _gap_is_space(text, toks[chain[-1][1] - 1].end(), toks[j].start()):
                break
            chain.append(found)
            j = found[1]
        if not chain:
            i += 1
            continue
        nxt = toks[j] if j < len(toks) else None
        last_end = toks[j - 1].end()
        before = lowered[i - 1] if i > 0 else ""
        follows_name = (
            nxt is not None
            and _gap_is_space(text, last_end, nxt.start())
            and (_capitalised(nxt.group()) or _ROMAN.match(nxt.group()))
            and nxt.group().lower() not in _CALENDAR
        )
        a, b = chain[0][0], chain[-1][1]
        words = toks[a:b]
        while words and _capitalised(words[-1].group()):
            words = words[:-1]  # "wakil ketua Komisi", "bapak Gubernur": the tail is right
            follows_name = True  # and names the office the lower-case words belong to
        lower_case = any(not _capitalised(t.group()) for t in words)
        if follows_name and before not in _GENERIC and lower_case:
            start, end = words[0].start(), words[-1].end()
            right = _title(" ".join(t.group() for t in words))
            ctx.add(
                "bahasa.kapital_jabatan",
                start,
                end,
                "ejaan.kapital_jabatan",
                replacement=right,
                right=right,
            )
        i = max(j, i + 1)


@lru_cache(maxsize=32)
def _names_by_first_word(
    names: tuple[str, ...], abbreviations: frozenset[str] = frozenset()
) -> dict[str, tuple[tuple[list[str], list[str]], ...]]:
    """Multi-word names as (words as spelled, lower-cased words), keyed by their first word;
    longest first. Titles with full stops (Drs., Hj.) are read as words."""
    out: dict[str, list[tuple[list[str], list[str]]]] = {}
    for name in sorted(set(names), key=len, reverse=True):
        parts = _TOKEN.findall(name)
        while parts and (parts[0] in abbreviations or len(parts[0]) == 1):
            parts = parts[1:]  # "Drs. Hendra Saputra": the title is not part of the name
        while parts and (parts[-1] in abbreviations or len(parts[-1]) == 1):
            parts = parts[:-1]
        if len(parts) >= 2:
            out.setdefault(parts[0].lower(), []).append((parts, [p.lower() for p in parts]))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=32)
def _name_parts(names: tuple[str, ...]) -> dict[str, str]:
    parts: dict[str, str] = {}
    for name in names:
        for word in name.split():
            if word[:1].isupper() and word.isalpha() and len(word) >= 3:
                parts.setdefault(word.lower(), word)
    return parts


def rule_person_names(ctx) -> None:
    """A person of the roster or the team's people written with a lower-case name part."""
    rules: Rules = ctx.rules
    names = rules.person_names
    text = ctx.masked
    covered: list[tuple[int, int]] = []
    by_first = _names_by_first_word(names, rules.abbreviations)
    toks = _tokens(ctx)
    lowered = [t.group().lower() for t in toks] if by_first else []
    for i, low in enumerate(lowered):
        for spelled, parts in by_first.get(low, ()):
            k = i + len(parts)
            if k > len(lowered) or not all(
                toks[n + 1].start() - toks[n].end() >= 1
                and not text[toks[n].end() : toks[n + 1].start()].strip()
                for n in range(i, k - 1)
            ):
                continue
            differing = [n for n in range(1, len(parts)) if lowered[i + n] != parts[n]]
            if (
                len(differing) == 1
                and len(parts[differing[0]]) >= 4
                and osa_distance(lowered[i + differing[0]], parts[differing[0]]) == 1
            ):
                # "Deswita Anwarr": one part of a known person's name one letter off
                n = i + differing[0]
                right = spelled[differing[0]]
                covered.append((toks[i].start(), toks[k - 1].end()))
                ctx.add(
                    "bahasa.nama",
                    toks[n].start(),
                    toks[n].end(),
                    "ejaan.nama_orang_mirip",
                    replacement=right,
                    word=toks[n].group(),
                    right=right,
                    name=" ".join(spelled),
                )
                break
            if differing:
                continue
            start, end = toks[i].start(), toks[k - 1].end()
            found = ctx.text[start:end]
            covered.append((start, end))
            if not found.isupper() and any(t.group()[:1].islower() for t in toks[i:k]):
                pieces = []
                for n in range(i, k):
                    pieces.append(spelled[n - i])
                    if n + 1 < k:
                        pieces.append(ctx.text[toks[n].end() : toks[n + 1].start()])
                right = "".join(pieces)
                ctx.add(
                    "bahasa.kapital_nama",
                    start,
                    end,
                    "ejaan.kapital_nama",
                    replacement=right,
                    right=right,
                )
            break
    name_parts = _name_parts(names)
    for m in _tokens(ctx):
        word = m.group()
        if not word.islower() or word not in name_parts:
            continue
        if any(s <= m.start() < e for s, e in covered):
            continue
        if spelling.is_correct(word) or word in rules.lexicon_lower_files:
            continue
        right = name_parts[word]
        ctx.add(
            "bahasa.kapital_nama",
            m.start(),
            m.end(),
            "ejaan.kapital_nama",
            replacement=right,
            right=right,
        )


_NEW_YEAR = regexcache.compile(
    r"(?<![\w-])(?P<w>[Tt]ahun [Bb]aru)(?=[ \t]+(?:\d{4}|Hijriah|Imlek|Islam)(?![\w-]))"
)


def rule_calendar_names(ctx) -> None:
    """Day and month names take a capital: "kamis" -> "Kamis", "desember" -> "Desember"; so
    does a named new year: "tahun baru 2027" -> "Tahun Baru 2027"."""
    text = ctx.masked
    for m in _NEW_YEAR.finditer(text):
        if m.group("w") != "Tahun Baru":
            ctx.add(
                "bahasa.kapital_hari",
                m.start(),
                m.end(),
                "ejaan.kapital_hari",
                replacement="Tahun Baru",
                right="Tahun Baru",
            )
    for m in _tokens(ctx):
        word = m.group()
        low = word.lower()
        if low not in _CALENDAR or not word.islower():
            continue
        if low == "minggu":  # also "week": only as a day before a date or after "hari"
            after = text[m.end() : m.end() + 6]
            before = text[max(0, m.start() - 6) : m.start()].lower()
            if not (_NUMBER_AFTER.match(after) or before.rstrip().endswith("hari")):
                continue
        right = word.capitalize()
        ctx.add(
            "bahasa.kapital_hari",
            m.start(),
            m.end(),
            "ejaan.kapital_hari",
            replacement=right,
            right=right,
        )


def _after_full_stop(text: str, start: int, rules: Rules) -> bool:
    """The word at ``start`` begins a sentence after a full stop, question or exclamation
    mark (or begins the text): never after a colon, a list line or an abbreviation."""
    j = start
    while j > 0 and (text[j - 1] in _OPENERS or text[j - 1].isspace()):
        j -= 1
    if j == 0:
        return True
    if not any(c.isspace() for c in text[j:start]):
        return False  # "manifest.json": no space, no new sentence
    if any(c in "\"”’'" for c in text[j:start]):
        return False  # "“Apa kabar?” tanya dia": the speech tag after a quote stays lower case
    if text[j - 1] not in ".!?" or text[j - 3 : j] == "...":
        return False
    if text[j - 1] == "." and _LIST_NUMBER.search(text, 0, j):
        return False  # a numbered list: "1. pembukaan" (a year ending a sentence is not)
    return position(text, start, rules) is Position.START


#: where a sentence may begin: the text's start, or after . ! ? and spaces, quotes, brackets
_AFTER_STOP = regexcache.compile(r"(?:\A|(?<=[.!?]))[ \t\n\"“”‘’'(\[«]*")


def rule_sentence_start(ctx) -> None:
    """A sentence starts with a capital: "rapat dimulai. rapat berakhir" -> "Rapat"."""
    rules: Rules = ctx.rules
    text = ctx.masked
    candidates = {m.end() for m in _AFTER_STOP.finditer(text)}
    for m in _tokens(ctx):
        if m.start() not in candidates:
            continue
        word = m.group()
        if not word[:1].islower() or not word.isalpha() or len(word) < 2:
            continue
        if text[m.end() : m.end() + 1] == "." and word in rules.abbreviations:
            continue  # "dr.", "dll."
        if not _after_full_stop(text, m.start(), rules):
            continue
        if not text[: m.start()].strip() and ctx.text[: m.start()].strip():
            continue  # after a hashtag or link that opens the text
        if ctx.text[m.start() : m.end()] != word:
            continue  # inside a blanked link or tag
        right = word[:1].upper() + word[1:]
        ctx.add(
            "bahasa.kapital_awal",
            m.start(),
            m.end(),
            "ejaan.kapital_awal",
            replacement=right,
            right=right,
        )


def rule_common_capital(ctx) -> None:
    """A common word written with a capital in the middle of a sentence ("memperhatikan
    Anggaran pendidikan"). Names, institutions (capitalised neighbours), terms of address,
    titles and the institution's own words are left alone."""
    rules: Rules = ctx.rules
    text = ctx.masked
    toks = _tokens(ctx)
    title_words = rules.offices  # "sebagai Ketua" may name the office; "Puskesmas" alone not
    for n, m in enumerate(toks):
        word = m.group()
        if len(word) < 3 or not word[0].isupper() or not word[1:].islower() or not word.isalpha():
            continue
        low = word.lower()
        if low in _CALENDAR or low in title_words or word in rules.address_terms:
            continue
        if rules.known_word(word) or low in rules.name_parts or word in rules.abbreviations:
            continue
        if any(t[0].start() <= m.start() < t[-1].end() for t in _regulation_titles(ctx)):
            continue
        if position(text, m.start(), rules) is not Position.MID:
            continue
        prev_char = text[: m.start()].rstrip(" \t")[-1:]
        if prev_char in "\"“‘'(/«[" or prev_char == "":
            continue
        prev = toks[n - 1] if n > 0 else None
        nxt = toks[n + 1] if n + 1 < len(toks) else None
        if prev is not None and _gap_is_space(text, prev.end(), m.start()):
            before = prev.group().lower()
            opener = (before in rules.name_intros or before in rules.function_words) and (
                position(text, prev.start(), rules) is Position.START
            )  # "Menurut Masyarakat ..." opens a sentence; "Menteri Dalam Negeri" is a name
            if (_capitalised(prev.group()) and not opener) or prev.group()[:1].isdigit():
                continue  # part of a name (Badan Anggaran); "Menurut Masyarakat" is no name
            if low not in rules.common_nouns and before in rules.name_intros:
                continue  # "ujar Budi"; but "menurut Anggota DPRD" is a common noun
            if before in _title_words(rules.titles):
                continue  # "kepala bagian Persidangan": the title's own finding
        if (
            nxt is not None
            and _gap_is_space(text, m.end(), nxt.start())
            and (_capitalised(nxt.group()) or nxt.group()[:1].isdigit())
            and low not in rules.common_nouns
        ):
            continue  # part of a name (Badan Anggaran), but never "Anggota DPRD"
        if not _word_ok(low):
            continue
        ctx.add(
            "bahasa.kapital_umum",
            m.start(),
            m.end(),
            "ejaan.kapital_umum",
            replacement=low,
            right=low,
        )


_REGULATION = regexcache.compile(
    r"(?<![\w-])(?:Ranperda|Raperda|Perda|Pergub|Perpres|Permendagri|Perppu|Perpu|Inpres|UU|PP"
    r"|Peraturan\s+(?:Daerah|Gubernur|Pemerintah|Presiden|Menteri(?:\s+\p{Lu}\p{L}+)?)"
    r"|Undang-Undang|Keputusan\s+(?:Gubernur|DPRD|Menteri))"
    r"(?:\s+(?:Provinsi\s+Sumatera\s+Barat|Sumatera\s+Barat|Sumbar|Nomor\s+\d+"
    r"|No\.\s*\d+|Tahun\s+\d{4}))*\s+tentang\s+"
)
_REGULATION_LOWER = regexcache.compile(
    r"(?<![\w-])(?P<doc>ranperda|raperda|perda|pergub|peraturan daerah|peraturan gubernur"
    r"|undang-undang)(?P<rest>(?:\s+(?:nomor\s+\d+|tahun\s+\d{4}))*\s+tentang\s+)(?=\p{Lu}\p{Ll})"
)
_TITLE_WORD = regexcache.compile(r"[\p{L}\d]+(?:-[\p{L}\d]+)*")
_TITLE_STOP = frozenset(
    {
        "yang",
        "akan",
        "telah",
        "sudah",
        "menjadi",
        "oleh",
        "untuk",
        "pada",
        "agar",
        "sehingga",
        "karena",
        "namun",
        "bersama",
        "di",
        "ke",
        "itu",
        "ini",
        "tersebut",
        "sebagai",
        "dengan",
        "masih",
        "belum",
        "segera",
        "kini",
        "juga",
        "perlu",
        "harus",
        "dapat",
        "bisa",
        "mulai",
        "hari",
        "kemarin",
        "besok",
        "lalu",
        "pekan",
        "pagi",
        "siang",
        "sore",
        "malam",
        "secara",
    }
)
_TITLE_LOWER = frozenset({"dan", "atau", "serta", "tentang", "dari", "bagi", "dalam", "terhadap"})
_VERB_PREFIXES = ("me", "di", "ber", "ter")
_GAP = regexcache.compile(r"[ \t]+")


def _regulation_titles(ctx) -> list[list[regex.Match]]:
    """The words of each regulation title in the text (computed once per check)."""
    titles = getattr(ctx, "_regulation_titles", None)
    if titles is not None:
        return titles
    titles = []
    text = ctx.masked
    starts = (
        sorted(
            {
                m.end()
                for pattern in (_REGULATION, _REGULATION_LOWER)
                for m in pattern.finditer(text)
            }
        )
        if "tentang" in text
        else []
    )
    for end in starts:
        words: list[regex.Match[str]] = []
        pos = end
        while True:
            w = _TITLE_WORD.match(text, pos)
            if w is None:
                break
            low = w.group().lower()
            if low in _TITLE_STOP or (
                w.group().islower() and low.startswith(_VERB_PREFIXES) and low not in _TITLE_LOWER
            ):
                break
            if (
                words
                and _capitalised(words[0].group())
                and w.group()[:1].islower()
                and low not in _TITLE_LOWER
            ):
                break  # "tentang Penyelenggaraan Pendidikan hari ini": a written title ends
            words.append(w)
            gap = _GAP.match(text, pos=w.end())
            if gap is None:
                break
            pos = gap.end()
        while words and words[-1].group().lower() in _TITLE_LOWER:
            words.pop()
        if words:
            titles.append(words)
    ctx._regulation_titles = titles
    return titles


def rule_regulation_title(ctx) -> None:
    """The title of a regulation is capitalised: "Ranperda tentang pengelolaan sampah" ->
    "Ranperda tentang Pengelolaan Sampah". The title runs to a punctuation mark, a function
    word or a verb (yang, akan, dibahas, menggelar ...). A named regulation is capitalised
    too: "ranperda tentang Penyelenggaraan Pendidikan" -> "Ranperda"."""
    for m in _REGULATION_LOWER.finditer(ctx.masked):
        doc = m.group("doc")
        right = "-".join(_title(part) for part in doc.split("-"))
        ctx.add(
            "bahasa.kapital_judul",
            m.start("doc"),
            m.end("doc"),
            "ejaan.kapital_judul",
            replacement=right,
            right=right,
        )
    for words in _regulation_titles(ctx):
        wrong = [
            w for w in words if w.group().lower() not in _TITLE_LOWER and w.group()[:1].islower()
        ]
        if not wrong:
            continue
        start, end = words[0].start(), words[-1].end()
        pieces = []
        for n, w in enumerate(words):
            word = w.group()
            if word.lower() not in _TITLE_LOWER and word[:1].islower():
                word = word[:1].upper() + word[1:]
            pieces.append(word)
            if n + 1 < len(words):
                pieces.append(ctx.text[w.end() : words[n + 1].start()])
        right = "".join(pieces)
        ctx.add(
            "bahasa.kapital_judul",
            start,
            end,
            "ejaan.kapital_judul",
            replacement=right,
            right=right,
        )


# -- punctuation and spacing ---------------------------------------------------------------

_NO_SPACE_AFTER = regexcache.compile(r"(?<=[\p{L}\d)\"”])(?P<p>[.,;:!?])(?P<w>\p{L}[\p{L}\d'’-]*)")
_SPACE_BEFORE = regexcache.compile(
    r"(?<=[\p{L}\d)\"”])[ \t]+(?:(?P<p>[,;:!?])(?=\s|$|[\p{L}\"“])|(?P<p>\.)(?!\.)(?=\s|$))"
)
_SPACED_HYPHEN = regexcache.compile(
    r"(?<![\w-])(?P<a>\p{L}+)(?:-[ \t]+|[ \t]+-)(?P<b>\p{L}+)(?![\w])"
)
_DOUBLED = regexcache.compile(r",{2,}|;{2,}|:{2,}|(?<!\.)\.\.(?!\.)|\?{2,}(?![!?])")
_PAREN_INSIDE = regexcache.compile(r"(?P<o>[(\[“])[ \t]+|[ \t]+(?P<c>[)\]”])")
_PAREN_OUTSIDE = regexcache.compile(
    r"(?P<before>\p{L}{2,})\((?=[\p{L}\d])|\)(?P<after>\p{L}[\p{L}\d'’-]*)"
)
_QUOTE = regexcache.compile('"')
#: what follows a full stop in file and domain names, never a new sentence
_FILE_WORDS = frozenset(
    {
        "pdf",
        "jpg",
        "jpeg",
        "png",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "zip",
        "rar",
        "json",
        "csv",
        "txt",
        "mp4",
        "com",
        "id",
        "go",
        "net",
        "org",
        "html",
        "php",
        "co",
        "ac",
        "sch",
        "web",
        "info",
        "gov",
    }
)
_BUT_NO_COMMA = regexcache.compile(
    r"(?<=[\p{L}\d)\"”])(?P<sp>[ \t]+)(?P<w>tetapi|melainkan|sedangkan)(?![\w-])"
)
_COMMA_BAHWA = regexcache.compile(r"(?<=\p{L}),(?P<sp>[ \t]+)(?P<w>bahwa)(?![\w-])")
_BAHWA_COMMA = regexcache.compile(r"(?<![\w-])(?P<w>[Bb]ahwa),(?=[ \t]+\p{Ll})")
_DOUBLE_SPACE = regexcache.compile(r"(?<=[\p{L}\d,.;:!?)\"”])[ \t]{2,}(?=[\p{L}\d(\"“])")
_SUSPENDED = frozenset({"dan", "atau", "maupun", "serta", "hingga", "sampai"})


def rule_punctuation(ctx) -> None:
    rules: Rules = ctx.rules
    text = ctx.masked

    def add(start: int, end: int, key: str, right: str) -> None:
        ctx.add("gaya.tanda_baca", start, end, f"ejaan.{key}", replacement=right, right=right)

    for m in _NO_SPACE_AFTER.finditer(text):
        p, word = m.group("p"), m.group("w")
        left = _LEFT_TOKEN.search(text[max(0, m.start() - 40) : m.start()])
        token = left.group() if left else ""
        bare = token.rstrip(')"”')
        if p == ".":
            if "." in bare or bare in rules.abbreviations or len(bare) < 2:
                continue  # S.I.Kom., M.Si., Dt.Rajo: abbreviations
            if not (word[:1].isupper() and len(word) >= 3 and word[1:2].islower()) and not (
                word.islower()
                and len(word) >= 3
                and len(bare) >= 3
                and bare.isalpha()
                and word not in _FILE_WORDS
                and _word_ok(bare.lower())
                and _word_ok(word)
            ):
                continue  # file names, domains: "laporan.pdf" is no missing space
        elif p in ",;":
            if bare[:1].isdigit() and word[:1].isdigit():
                continue
        elif len(word) < 2 or (not word[:1].isupper() and (len(bare) < 3 or len(word) < 3)):
            continue  # "Hari/tanggal:Rabu", "depan:rapat"; never "10:30" or "s:d"
        if p in ".!?":  # "depan.hal itu" -> "depan. Hal itu": a new sentence
            word = word[:1].upper() + word[1:]
        add(m.start("p"), m.end("w"), "spasi_sesudah", f"{p} {word}")
    for m in _SPACE_BEFORE.finditer(text):
        if ctx.text[m.start() : m.start("p")].strip(" \t"):
            continue  # a blanked link or tag, not spaces
        follows = text[m.end() : m.end() + 1]
        right = m.group("p") + (" " if follows.isalpha() or follows in '"“' else "")
        add(m.start(), m.end(), "spasi_sebelum", right)
    for m in _SPACED_HYPHEN.finditer(text) if ("- " in text or " -" in text) else ():
        a, b = m.group("a"), m.group("b")
        if b.lower() in _SUSPENDED or a.lower() in _SUSPENDED:
            continue  # "pra- dan pascasidang"
        if a.lower() != b.lower() and not (
            morphology.is_correct_affixed(a.lower()) and morphology.is_correct_affixed(b.lower())
        ):
            continue
        add(m.start(), m.end(), "tanda_hubung", f"{a}-{b}")
    for m in _DOUBLED.finditer(text):
        add(m.start(), m.end(), "ganda", m.group()[0])
    for m in _PAREN_INSIDE.finditer(text):
        add(m.start(), m.end(), "kurung_dalam", m.group("o") or m.group("c"))
    for m in _PAREN_OUTSIDE.finditer(text):
        if m.group("before"):  # "Senin(7/12)" -> "Senin (7/12)"
            add(m.start(), m.end(), "kurung_luar", f"{m.group('before')} (")
        else:  # "(Dinkes)Sumbar" -> "(Dinkes) Sumbar"
            add(m.start(), m.end(), "kurung_luar", f") {m.group('after')}")
    for m in _BUT_NO_COMMA.finditer(text):  # "sederhana tetapi" -> "sederhana, tetapi"
        add(m.start(), m.end(), "koma_tetapi", f", {m.group('w')}")
    for m in _COMMA_BAHWA.finditer(text):  # "mengatakan, bahwa" -> "mengatakan bahwa"
        add(m.start(), m.end(), "koma_bahwa", f" {m.group('w')}")
    for m in _BAHWA_COMMA.finditer(text):  # "menegaskan bahwa, harga ..." -> "bahwa harga"
        add(m.start(), m.end(), "bahwa_koma", m.group("w"))
    for m in _DOUBLE_SPACE.finditer(text):
        if ctx.text[m.start() : m.end()].strip(" \t"):
            continue  # a blanked link or tag
        add(m.start(), m.end(), "spasi_ganda", " ")
    _straight_quotes(text, add)


@lru_cache(maxsize=8)
def _connectives_pattern(connectives: tuple[str, ...]) -> regex.Pattern | None:
    if not connectives:
        return None
    alt = "|".join(r"[ \t]+".join(regexcache.escape(w) for w in c.split()) for c in connectives)
    # the longest connective at a place, then a word without a comma ("Namun demikian, ..."
    # is right and must not read as "Namun" + "demikian")
    return regexcache.compile(rf"(?<![\w-])(?>(?P<c>{alt}))(?=[ \t]+\p{{L}})")


def rule_connective_comma(ctx) -> None:
    """A connective opening a sentence takes a comma: "Oleh karena itu warga ..." ->
    "Oleh karena itu, warga ..." (EYD V: tanda koma sesudah ungkapan penghubung antarkalimat)."""
    rules: Rules = ctx.rules
    pattern = _connectives_pattern(rules.connectives)
    if pattern is None:
        return
    text = ctx.masked
    for m in pattern.finditer(text):
        if position(text, m.start(), rules) is not Position.START:
            continue
        phrase = m.group("c")
        right = phrase + ","
        ctx.add(
            "gaya.tanda_baca",
            m.start(),
            m.end(),
            "ejaan.koma_penghubung",
            replacement=right,
            right=right,
        )


_PARA_REDUP = regexcache.compile(r"(?<![\w-])(?P<para>[Pp]ara)[ \t]+(?P<w>\p{Ll}+)-(?P=w)(?![\w-])")


def rule_para_reduplication(ctx) -> None:
    """ "para" already makes a plural: "para anggota-anggota" -> "para anggota"."""
    for m in _PARA_REDUP.finditer(ctx.masked):
        right = f"{m.group('para')} {m.group('w')}"
        ctx.add(
            "bahasa.ulang", m.start(), m.end(), "ejaan.para_ulang", replacement=right, right=right
        )


def _straight_quotes(text: str, add: Callable[[int, int, str, str], None]) -> None:
    offset = 0
    if '"' not in text:
        return
    for line in text.split("\n"):
        marks = [m.start() for m in _QUOTE.finditer(line)]
        if marks and len(marks) % 2 == 0:
            for k, i in enumerate(marks):
                if k % 2 == 0:
                    m = _QUOTE_SPACE_AFTER.match(line[i:])
                    if m:
                        add(offset + i, offset + i + m.end(), "kutip", '"')
                else:
                    m = _SPACE_QUOTE_BEFORE.search(line[: i + 1])
                    if m and line[: m.start()].strip():
                        add(offset + m.start(), offset + i + 1, "kutip", '"')
        offset += len(line) + 1


# -- word lists ------------------------------------------------------------------------------

_DOUBLE_WORD = regexcache.compile(
    r"(?<![\w-])(?P<w>\p{L}{2,})[ \t]+(?P=w)(?![\w-])", regexcache.IGNORECASE
)
_JAM = regexcache.compile(
    r"(?<![\w.,])(?P<j>[Jj]am)[ \t]+(?P<h>\d{1,2})(?:[.:](?P<m>[0-5]\d))?(?![\d,])"
    r"(?![ \t]*(?:menit|jam|detik)\b)(?:[ \t]+(?P<part>pagi|siang|sore|petang|malam)(?![\w-]))?"
)


def _clock_hour(hour: int, part: str | None) -> int:
    """24-hour clock for "jam 2 siang" (14), "jam 7 malam" (19), "jam 9 pagi" (9)."""
    if part in ("sore", "petang") and hour < 12:
        return hour + 12
    if part == "siang" and hour < 6:
        return hour + 12
    if part == "malam" and 6 <= hour < 12:
        return hour + 12
    return hour


@lru_cache(maxsize=32)
def _bound_pattern(forms: tuple[str, ...]) -> regex.Pattern | None:
    if not forms:
        return None
    alt = "|".join(regexcache.escape(f) for f in sorted(forms, key=len, reverse=True))
    return regexcache.compile(
        rf"(?<![\w-])(?P<b>(?i:{alt})|se)[ \t]+(?P<w>\p{{L}}[\p{{L}}-]*)(?![\w])"
    )


@lru_cache(maxsize=32)
def _bound_hyphen_pattern(forms: tuple[str, ...]) -> regex.Pattern | None:
    if not forms:
        return None
    alt = "|".join(regexcache.escape(f) for f in sorted(forms, key=len, reverse=True))
    return regexcache.compile(rf"(?<![\w-])(?P<b>(?i:{alt}))-(?P<w>\p{{Ll}}+)(?![\w-])")


def rule_bound_forms(ctx) -> None:
    """Bound forms are joined to the next word: "antar fraksi" -> "antarfraksi",
    "pasca reses" -> "pascareses", "se Kabupaten" -> "se-Kabupaten"."""
    rules: Rules = ctx.rules
    pattern = _bound_pattern(tuple(rules.bound_forms))
    if pattern is None:
        return
    text = ctx.masked
    for m in pattern.finditer(text):
        bound, word = m.group("b"), m.group("w")
        low = word.lower()
        if bound[:1].isupper():  # "Pasca banjir": lower case in a sentence, joined anyway
            if bound[1:] != bound[1:].lower() or word[:1].isupper():
                continue  # "PASCA", "Trans Sumatera": names and headings
            start = position(text, m.start(), rules) is Position.START
            bound = bound if start else bound.lower()
        if low in rules.function_words or low in rules.bound_forms.get(bound.lower(), frozenset()):
            continue
        if word[:1].isupper():
            right = f"{bound}-{word}"
        elif bound == "se":
            continue  # "se" + a lower-case word is another matter (sekecamatan)
        elif _word_ok(low) or rules.known_word(low):
            right = bound + word
        else:
            continue
        ctx.add(
            "bahasa.terikat", m.start(), m.end(), "ejaan.terikat", replacement=right, right=right
        )
    hyphen = _bound_hyphen_pattern(tuple(rules.bound_forms))
    for m in hyphen.finditer(text) if hyphen is not None and "-" in text else ():
        bound, word = m.group("b"), m.group("w")  # "pra-sejahtera" -> "prasejahtera"
        if word in rules.bound_forms.get(bound.lower(), frozenset()) or not _word_ok(word):
            continue
        right = bound + word
        ctx.add(
            "bahasa.terikat", m.start(), m.end(), "ejaan.terikat", replacement=right, right=right
        )


_AFFIXED_DOUBLE = regexcache.compile(
    r"(?<![\w-])(?P<a>(?P<p>ber|se|ter|di|ke|me|mem|men|meng|meny)(?P<b>\p{Ll}{3,}))[ \t]+"
    r"(?P<c>(?P=b)(?:nya|an)?)(?![\w-])"
)


def rule_reduplication(ctx) -> None:
    """A word written twice: a reduplication takes a hyphen ("sangat-sangat"), a doubled
    function word is a typo ("di di")."""
    rules: Rules = ctx.rules
    for m in _DOUBLE_WORD.finditer(ctx.masked):
        word = m.group("w")
        if word.isupper():
            continue
        second = ctx.text[m.end() - len(word) : m.end()]
        if word.lower() in rules.function_words:
            ctx.add(
                "bahasa.ulang", m.start(), m.end(), "ejaan.kata_ganda", replacement=word, right=word
            )
        else:
            right = f"{word}-{second.lower() if not second.isupper() else second}"
            ctx.add(
                "bahasa.ulang", m.start(), m.end(), "ejaan.ulang", replacement=right, right=right
            )
    for m in _AFFIXED_DOUBLE.finditer(ctx.masked):  # "bersama sama" -> "bersama-sama"
        right = f"{m.group('a')}-{m.group('c')}"
        ctx.add("bahasa.ulang", m.start(), m.end(), "ejaan.ulang", replacement=right, right=right)


_KE_NUMBER = regexcache.compile(
    r"(?<![\w-])(?P<before>(?i:hut|jadi|yang|peringatan|angkatan|periode|rapat|sidang|tahun|"
    r"pertemuan|masa|edisi|urutan|juara|peringkat|gelombang|tahap|hari))[ \t]+"
    r"(?P<ke>[Kk]e)[ \t]+(?P<n>\d+)(?![\d.,])"
)


def rule_ordinal(ctx) -> None:
    """An ordinal number takes a hyphen: "HUT ke 81" -> "HUT ke-81"."""
    for m in _KE_NUMBER.finditer(ctx.masked):
        right = f"{m.group('ke')}-{m.group('n')}"
        ctx.add(
            "bahasa.bilangan",
            m.start("ke"),
            m.end("n"),
            "ejaan.bilangan",
            replacement=right,
            right=right,
        )


_COUNT_BEFORE = regexcache.compile(r"(?<!\d)\d{1,2}[ \t]*$")


_DI_TIME = regexcache.compile(
    r"(?<![\w-])(?P<di>[Dd]i)[ \t]+(?P<w>tahun|bulan|hari|tanggal|saat|waktu|pekan|pagi|siang|sore"
    r"|malam)(?![\w-])"
)


def rule_time_preposition(ctx) -> None:
    """ "di" marks a place; a time takes "pada": "di tahun 2026" -> "pada tahun 2026"."""
    for m in _DI_TIME.finditer(ctx.masked):
        word = "Pada" if m.group("di")[0] == "D" else "pada"
        right = f"{word} {m.group('w')}"
        ctx.add(
            "bahasa.preposisi",
            m.start(),
            m.end(),
            "ejaan.pada_waktu",
            replacement=right,
            right=right,
        )


def rule_jam(ctx) -> None:
    """ "jam 9" is a duration word; a time of day is "pukul 09.00"."""
    text = ctx.masked
    for m in _JAM.finditer(text):
        before = text[max(0, m.start() - 8) : m.start()]
        if _COUNT_BEFORE.search(before):
            continue  # "2 jam 30 menit" (a year before it is no count: "2027 jam 14.00")
        hour = int(m.group("h"))
        if hour > 24:
            continue
        word = "Pukul" if m.group("j")[0] == "J" else "pukul"
        hour = _clock_hour(hour, m.group("part"))  # "jam 2 siang" -> "pukul 14.00"
        right = f"{word} {hour:02d}.{m.group('m') or '00'}"
        ctx.add("bahasa.jam", m.start(), m.end(), "ejaan.jam", replacement=right, right=right)


# -- suggestions -----------------------------------------------------------------------------


def ranked_suggestions(word: str, rules: Rules) -> list[str]:
    """Spelling suggestions with the institution's own words first (raker, not raket), then a
    one-letter doubling fix, then the dictionary's suggestions."""
    out: list[str] = []
    known = rules.known_index.closest(word) if rules.known_index else None
    if known:
        out.append(match_case(word, known))
    near = morphology.near_miss(word)
    if near:
        out.append(match_case(word, near))
    for s in spelling.suggest(word):
        if s not in out:
            out.append(s)
    return out


def match_case(model: str, word: str) -> str:
    if word != word.lower():
        return word  # an abbreviation or a name keeps its own spelling
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


EDITORIAL_RULES: tuple[Callable, ...] = (
    rule_title_before_name,
    rule_person_names,
    rule_calendar_names,
    rule_sentence_start,
    rule_common_capital,
    rule_regulation_title,
    rule_punctuation,
    rule_connective_comma,
    rule_para_reduplication,
    rule_bound_forms,
    rule_reduplication,
    rule_ordinal,
    rule_time_preposition,
    rule_jam,
)
