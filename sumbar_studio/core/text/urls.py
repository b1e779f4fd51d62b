"""URL detection close enough to twitter-text's extractor for counting X posts.

twitter-text's own URL regex is large (full TLD lists, Unicode domains, punycode checks). This
module keeps what matters for counting and for the checks:

* with a protocol (``http://``/``https://``): any domain whose labels are valid and whose TLD is
  alphabetic (Unicode TLDs such as ``.پاکستان`` included);
* without a protocol: only ASCII domains with a known TLD (``dprd.sumbarprov.go.id``), and a bare
  ``name.cc`` (one label + a country code) only when a path follows — as twitter-text does;
* every domain must survive IDNA encoding (labels of at most 63 characters after punycode), so
  over-long labels are not URLs, exactly like twitter-text's ``isValidUrl``;
* trailing punctuation (``.``, ``,``, ``)`` ...) is not part of the URL.
"""

from __future__ import annotations

from .. import regexcache
from ..records import record

# Generic TLDs likely in Indonesian public-sector text, plus every ISO country code.
_GTLDS = (
    "com net org edu gov mil int info biz name pro aero coop museum mobi asia tel travel jobs "
    "cat xxx post app dev io ai id co tv me ly gg to fm am news online site web website blog "
    "store shop tech cloud live media xyz club top link page one world today space life email "
    "academy agency center company group network digital social studio solutions support "
    "foundation institute school university ngo ong"
)
_CCTLDS = (
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br "
    "bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz "
    "ec ee eg er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu "
    "gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr "
    "kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt "
    "mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps "
    "pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz "
    "tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf "
    "ws ye yt za zm zw"
)
CCTLDS = frozenset(_CCTLDS.split())
TLDS = frozenset(_GTLDS.split()) | CCTLDS
#: ccTLDs twitter-text accepts without a path ("t.co" style short domains).
_SPECIAL_SHORT = frozenset({"co", "tv"})

_TLD_ALT = "|".join(sorted(TLDS, key=lambda s: (-len(s), s)))
_LABEL = r"[\p{L}\p{N}](?:[\p{L}\p{N}_-]*[\p{L}\p{N}])?"
_ASCII_LABEL = r"[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?"

_WITH_PROTOCOL = regexcache.compile(
    rf"(?<![A-Za-z0-9@＠$#＃])(?P<proto>https?://)(?P<host>(?:{_LABEL}\.)+\p{{L}}{{2,}})"
    rf"(?P<port>:\d{{1,5}})?(?P<rest>[/?#][^\s]*)?",
    regexcache.IGNORECASE,
)
_WITHOUT_PROTOCOL = regexcache.compile(
    rf"(?<![A-Za-z0-9@＠$#＃.\-_/:])(?P<host>(?:{_ASCII_LABEL}\.)+(?:{_TLD_ALT}))"
    rf"(?![A-Za-z0-9@_-])(?P<port>:\d{{1,5}})?(?P<rest>/[^\s]*)?",
    regexcache.IGNORECASE,
)
#: A URL never ends in these (twitter-text: validUrlPathEndingChars excludes them).
_TRAILING = regexcache.compile(r"[^\p{L}\p{N}=_#/+\-]+$")
MAX_URL_LENGTH = 4096


@record(frozen=True)
class UrlMatch:
    url: str
    start: int  # code-point offsets into the scanned text
    end: int
    has_protocol: bool


def _balanced_trim(rest: str) -> str:
    """Drop trailing punctuation, keeping a closing paren that closes one inside the URL."""
    while rest:
        trimmed = _TRAILING.sub("", rest)
        if trimmed == rest:
            break
        rest = trimmed
    if rest.endswith(")") and rest.count("(") < rest.count(")"):
        rest = rest[:-1]
    return rest


def _valid_host(host: str) -> bool:
    """Whether ``host`` survives IDNA encoding (``host.encode("idna")``). An ASCII host is
    checked as the codec checks it (every label but a trailing empty one of 1 to 63
    characters), so the codec and its stringprep tables (about 2 ms) load only for a Unicode
    domain."""
    if host.isascii():
        labels = host.split(".")
        if len(labels[-1]) >= 64:
            return False
        return bool(host) and all(0 < len(label) < 64 for label in labels[:-1])
    try:
        encoded = host.encode("idna")
    except UnicodeError:
        return False
    return bool(encoded)


def find_urls(text: str) -> list[UrlMatch]:
    """Every URL in ``text`` (with or without protocol), in order, non-overlapping."""
    found: list[UrlMatch] = []
    taken_until = -1
    for m in _WITH_PROTOCOL.finditer(text):
        rest = _balanced_trim(m.group("rest") or "")
        host = m.group("host")
        url = m.group("proto") + host + (m.group("port") or "") + rest
        if not _valid_host(host) or len(url) > MAX_URL_LENGTH:
            continue
        found.append(UrlMatch(url, m.start(), m.start() + len(url), True))
    spans = [(u.start, u.end) for u in found]
    for m in _WITHOUT_PROTOCOL.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        host = m.group("host")
        rest = _balanced_trim(m.group("rest") or "")
        labels = host.lower().split(".")
        if (
            not rest
            and len(labels) == 2
            and labels[-1] in CCTLDS
            and labels[-1] not in _SPECIAL_SHORT
        ):
            continue
        if not _valid_host(host):
            continue
        url = host + (m.group("port") or "") + rest
        found.append(UrlMatch(url, m.start(), m.start() + len(url), False))
    found.sort(key=lambda u: u.start)
    result = []
    for u in found:
        if u.start >= taken_until:
            result.append(u)
            taken_until = u.end
    return result
