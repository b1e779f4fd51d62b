"""Caption length as each platform counts it.

* X: twitter-text v3 (``assets/twitter-text/config-v3.json``): NFC first; code points in the
  configured ranges weigh 100, everything else ``defaultWeight`` (200); every URL weighs
  ``transformedURLLength`` x scale; an emoji sequence (one grapheme cluster: ZWJ families, skin
  tones, flags, keycaps, tag sequences) weighs ``defaultWeight`` once. Ranges reported in
  :class:`TwitterResult` are UTF-16 indices, exactly as twitter-text reports them (so the
  official conformance suite can be run); ``valid_end`` is the same boundary as a Python string
  offset, for highlighting.
* ``characters``: Unicode code points after NFC.
* ``utf8-emoji`` (Threads, reported, unverified): code points, but an emoji sequence counts its
  UTF-8 length.

Which rule a platform uses, and its limit, come from ``assets/platforms.json``.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache, lru_cache

from .. import regexcache
from ..platforms import default_catalog
from ..records import record
from ..resources import asset_file
from .urls import find_urls

_CLUSTER = regexcache.compile(r"\X")
_EMOJI_START = regexcache.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}]")
_KEYCAP = regexcache.compile(r"^[0-9#*]\uFE0F?\u20E3$")
_INVALID_CHARS = frozenset("\ufffe\ufeff\uffff")


@record(frozen=True)
class TwitterConfig:
    max_weighted_length: int
    scale: int
    default_weight: int
    emoji_parsing: bool
    transformed_url_length: int
    ranges: tuple[tuple[int, int, int], ...]

    def weight(self, codepoint: int) -> int:
        for start, end, weight in self.ranges:
            if start <= codepoint <= end:
                return weight
        return self.default_weight


@cache
def twitter_config(path: str | None = None) -> TwitterConfig:
    with open(path or asset_file("twitter-text", "config-v3.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    return TwitterConfig(
        max_weighted_length=data["maxWeightedTweetLength"],
        scale=data["scale"],
        default_weight=data["defaultWeight"],
        emoji_parsing=bool(data.get("emojiParsingEnabled", False)),
        transformed_url_length=data["transformedURLLength"],
        ranges=tuple((r["start"], r["end"], r["weight"]) for r in data["ranges"]),
    )


@record(frozen=True)
class TwitterResult:
    weighted_length: int
    valid: bool
    permillage: int
    display_range: tuple[int, int]  # UTF-16 indices, inclusive (twitter-text semantics)
    valid_range: tuple[int, int]  # UTF-16 indices, inclusive
    valid_end: int = 0  # Python offset into the NFC text just past the last character that fits


@record(frozen=True)
class CountResult:
    length: int
    limit: int  # 0: the platform takes no caption text
    valid: bool
    counting: str = "characters"


def _u16(s: str) -> int:
    """Length in UTF-16 code units: two for a character beyond the Basic Multilingual Plane,
    one for any other (a lone surrogate too)."""
    if s.isascii() or max(s) <= "\uffff":
        return len(s)
    return len(s) + sum(1 for c in s if c > "\uffff")


def emoji_clusters(text: str) -> dict[int, int]:
    """``{start: end}`` (code-point offsets) of every multi-code-point emoji sequence."""
    if text.isascii() or (not _EMOJI_START.search(text) and "\u20e3" not in text):
        return {}  # every such cluster starts with an emoji or holds a keycap mark
    found: dict[int, int] = {}
    for m in _CLUSTER.finditer(text):
        cluster = m.group()
        if len(cluster) < 2:
            continue
        if _EMOJI_START.match(cluster) or _KEYCAP.match(cluster):
            found[m.start()] = m.end()
    return found


def _twitter(text: str, config: TwitterConfig) -> TwitterResult:
    normalized = unicodedata.normalize("NFC", text)
    urls = {u.start: u.end for u in find_urls(normalized)}
    emojis = emoji_clusters(normalized) if config.emoji_parsing else {}
    limit = config.max_weighted_length * config.scale
    weight = 0
    valid = True
    valid_display_index = 0
    valid_end = 0
    i = 0
    u16 = 0  # UTF-16 index of normalized[i]
    n = len(normalized)
    weights: dict[int, int] = {}  # code point -> weight, looked up in the ranges once per call
    while i < n:
        if i in urls or i in emojis:
            end, heavy = _sequence(i, urls, emojis, config)
            weight += heavy
            piece = normalized[i:end]
            units, last = _u16(piece), piece[-1]
        else:  # one character (most of a caption)
            end = i + 1
            last = normalized[i]
            cp = ord(last)
            w = weights.get(cp)
            if w is None:
                w = weights[cp] = config.weight(cp)
            weight += w
            units = 2 if cp > 0xFFFF else 1
        char_index = u16 + units - 1
        if valid and last in _INVALID_CHARS:
            valid = False
        if valid and weight <= limit:
            valid_display_index = char_index
            valid_end = end
        u16 = char_index + 1
        i = end
        if weight > limit:  # nothing further fits: the rest only adds weight
            break
    if i < n:
        weight += _rest_weight(normalized, i, urls, emojis, config, weights)
        valid = valid and _INVALID_CHARS.isdisjoint(normalized[i:])
        u16 = _u16(normalized)
    weighted = weight // config.scale
    is_valid = valid and 0 < weighted <= config.max_weighted_length
    permillage = weight * 1000 // (config.max_weighted_length * config.scale)
    total = _u16(text)
    valid_display_index += total - u16
    return TwitterResult(
        weighted_length=weighted,
        valid=is_valid,
        permillage=permillage,
        display_range=(0, total - 1 if total else 0),
        valid_range=(0, valid_display_index),
        valid_end=valid_end,
    )


def _rest_weight(
    text: str,
    i: int,
    urls: dict[int, int],
    emojis: dict[int, int],
    config: TwitterConfig,
    weights: dict[int, int],
) -> int:
    """The weight of ``text[i:]`` as :func:`_twitter`'s loop would add it, a span at a time
    (a long caption is mostly past X's limit: about 1 ms less for 2,000 characters)."""
    starts = sorted(p for p in (*urls, *emojis) if p >= i)
    weight = 0
    for start in [*starts, len(text)]:
        if start < i:  # inside a URL or emoji already counted (the loop skips these too)
            continue
        if start > i:
            span = text[i:start]
            for cp in set(map(ord, span)) - weights.keys():
                weights[cp] = config.weight(cp)
            weight += sum(map(weights.__getitem__, map(ord, span)))
        if start == len(text):
            break
        i, heavy = _sequence(start, urls, emojis, config)
        weight += heavy
    return weight


def _sequence(
    i: int, urls: dict[int, int], emojis: dict[int, int], config: TwitterConfig
) -> tuple[int, int]:
    """(end, weight) of the URL or emoji sequence that starts at ``i``: a URL weighs
    ``transformedURLLength``, an emoji sequence the default weight once."""
    if i in urls:
        return urls[i], config.transformed_url_length * config.scale
    return emojis[i], config.default_weight


@lru_cache(maxsize=256)
def _twitter_cached(text: str) -> TwitterResult:
    return _twitter(text, twitter_config())


def twitter_weighted_length(text: str, config: TwitterConfig | None = None) -> TwitterResult:
    """twitter-text v3 ``parseTweet`` for ``text``."""
    if config is None:
        return _twitter_cached(text)
    return _twitter(text, config)


def characters_length(text: str) -> int:
    return len(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=256)
def utf8_emoji_length(text: str) -> int:
    """Length with every emoji counted as its UTF-8 bytes (cached: a check asks once per
    platform that counts this way)."""
    normalized = unicodedata.normalize("NFC", text)
    length = len(normalized)  # one per character, emoji (sequences) as their UTF-8 bytes
    if normalized.isascii():
        return length
    clusters = emoji_clusters(normalized)
    inside: set[int] = set()
    for start, end in clusters.items():
        length += len(normalized[start:end].encode("utf-8")) - (end - start)
        inside.update(range(start, end))
    for m in _EMOJI_START.finditer(normalized):
        char = m.group()
        if ord(char) > 0x2000 and m.start() not in inside:
            length += len(char.encode("utf-8")) - 1
    return length


def count_with(text: str, counting: str) -> int:
    if counting.startswith("twitter-text"):
        return twitter_weighted_length(text).weighted_length if text else 0
    if counting == "utf8-emoji":
        return utf8_emoji_length(text)
    return characters_length(text)


def count(text: str, platform: str) -> CountResult:
    """Length of ``text`` as ``platform`` counts it, with the platform's caption limit."""
    spec = default_catalog().get(platform)
    length = count_with(text, spec.counting)
    limit = spec.caption_limit
    valid = limit <= 0 or length <= limit
    if valid and spec.counting.startswith("twitter-text") and text:
        valid = twitter_weighted_length(text).valid
    return CountResult(length=length, limit=limit, valid=valid, counting=spec.counting)


def fit_end(text: str, platform: str) -> int:
    """Python offset into the (NFC) text where the part that fits the limit ends."""
    spec = default_catalog().get(platform)
    if spec.counting.startswith("twitter-text"):
        return twitter_weighted_length(text).valid_end
    normalized = unicodedata.normalize("NFC", text)
    if spec.counting == "utf8-emoji":
        lo, hi = 0, len(normalized)
        while lo < hi:  # binary search on the prefix length
            mid = (lo + hi + 1) // 2
            if utf8_emoji_length(normalized[:mid]) <= spec.caption_limit:
                lo = mid
            else:
                hi = mid - 1
        return lo
    return min(len(normalized), spec.caption_limit)
