"""Platform counting, including the official twitter-text v3 conformance cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml  # the conformance suite is YAML (pyyaml is a test dependency)

from sumbar_studio.core.text.counting import (
    count,
    fit_end,
    twitter_weighted_length,
    utf8_emoji_length,
)
from sumbar_studio.core.text.urls import find_urls

REPO = Path(__file__).resolve().parents[2]
LOCAL_SUITE = REPO / "tests" / "data" / "twitter-text" / "validate.yml"
SHARED_SUITE = REPO / ".." / "shared" / "peer-suites" / "twitter-text" / "validate.yml"
GROUP = "WeightedTweetsWithDiscountedEmojiCounterTest"


def _cases(path: Path, group: str = GROUP) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)["tests"][group]


def _result_dict(text: str) -> dict:
    r = twitter_weighted_length(text)
    return {
        "weightedLength": r.weighted_length,
        "valid": r.valid,
        "permillage": r.permillage,
        "displayRangeStart": r.display_range[0],
        "displayRangeEnd": r.display_range[1],
        "validRangeStart": r.valid_range[0],
        "validRangeEnd": r.valid_range[1],
    }


def _pass_rate(cases: list[dict]) -> tuple[int, list[str]]:
    failures = [c["description"] for c in cases if _result_dict(c["text"]) != c["expected"]]
    return len(cases) - len(failures), failures


@pytest.mark.parametrize("case", _cases(LOCAL_SUITE), ids=lambda c: c["description"][:60])
def test_twitter_text_conformance_case(case):
    assert _result_dict(case["text"]) == case["expected"]


@pytest.mark.parametrize(
    "case",
    _cases(LOCAL_SUITE, "UnicodeDirectionalMarkerCounterTest"),
    ids=lambda c: c["description"][:60],
)
def test_twitter_text_directional_markers(case):
    assert _result_dict(case["text"]) == case["expected"]


def test_conformance_rate_local_copy_at_least_95_percent():
    cases = _cases(LOCAL_SUITE)
    passed, failures = _pass_rate(cases)
    assert passed / len(cases) >= 0.95, failures


def test_conformance_rate_shared_suite_at_least_95_percent():
    if not SHARED_SUITE.is_file():
        pytest.skip("../shared is not beside this checkout")
    cases = _cases(SHARED_SUITE)
    assert cases, "the shared suite has cases"
    passed, failures = _pass_rate(cases)
    assert passed / len(cases) >= 0.95, failures


def test_local_copy_matches_shared_suite():
    if not SHARED_SUITE.is_file():
        pytest.skip("../shared is not beside this checkout")
    assert LOCAL_SUITE.read_bytes() == SHARED_SUITE.read_bytes()


# -- Indonesian captions on every platform ---------------------------------------------------


def test_x_counts_url_as_23_and_emoji_sequence_as_2():
    text = "Info lengkap: https://dprd.sumbarprov.go.id/berita/rapat-paripurna-2026 👍🏽"
    r = twitter_weighted_length(text)
    assert r.weighted_length == len("Info lengkap: ") + 23 + 1 + 2


def test_x_counts_url_without_protocol():
    r = twitter_weighted_length("Kunjungi dprd.sumbarprov.go.id")
    assert r.weighted_length == len("Kunjungi ") + 23


def test_x_nfc_first():
    composed = "Padang é"
    decomposed = "Padang e\u0301"
    assert (
        twitter_weighted_length(decomposed).weighted_length
        == twitter_weighted_length(composed).weighted_length
        == 8
    )


def test_count_instagram_characters_and_limit():
    r = count("Rapat paripurna DPRD Sumbar", "instagram")
    assert (r.length, r.limit, r.valid) == (27, 2200, True)
    over = count("a" * 2201, "instagram")
    assert not over.valid and over.length == 2201


def test_count_x_over_limit_and_fit_end():
    text = "x" * 290
    r = count(text, "x")
    assert (r.length, r.limit, r.valid) == (290, 280, False)
    assert fit_end(text, "x") == 280


def test_threads_counts_emoji_by_utf8_length():
    assert utf8_emoji_length("Halo 👍") == 5 + 4
    r = count("Halo 👍", "threads")
    assert r.length == 9 and r.limit == 500


def test_decimal_and_time_are_not_urls():
    assert find_urls("pukul 09.00 WIB, anggaran Rp1.250,5 miliar, dll. Sumbar.") == []


def test_urls_trailing_punctuation_trimmed():
    urls = find_urls("Baca di https://dprd.sumbarprov.go.id/ppid.")
    assert [u.url for u in urls] == ["https://dprd.sumbarprov.go.id/ppid"]


def test_bare_cctld_domain_without_path_is_not_url_but_with_path_is():
    assert find_urls("contoh.id") == []
    assert [u.url for u in find_urls("contoh.id/abc")] == ["contoh.id/abc"]


# -- the fast paths answer as the codecs they stand in for (issue #14) -----------------------


def _hosts(seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    hosts = ["", ".", "a.", ".a", "a..b", "a" * 63 + ".id", "a" * 64 + ".id", "x." + "a" * 64]
    hosts += ["dprd.sumbarprov.go.id", "a.b.", "a" * 64, "-a.id", "x." + "a" * 63 + "."]
    for _ in range(3000):
        hosts.append("".join(rng.choice("ab.-") for _ in range(rng.randint(0, 70))))
        labels = [rng.choice("ab") * rng.choice([0, 1, 5, 62, 63, 64, 65]) for _ in range(3)]
        hosts.append(".".join(labels[: rng.randint(1, 3)]))
    return hosts


def test_an_ascii_host_is_judged_as_the_idna_codec_judges_it():
    from sumbar_studio.core.text.urls import _valid_host

    def codec(host: str) -> bool:
        try:
            return bool(host.encode("idna"))
        except UnicodeError:
            return False

    assert [h for h in _hosts(14) if _valid_host(h) != codec(h)] == []


def test_utf16_length_equals_the_encoded_length():
    import random

    from sumbar_studio.core.text.counting import _u16

    rng = random.Random(16)
    ranges = [(0, 127), (128, 0xD7FF), (0xD800, 0xDFFF), (0xE000, 0xFFFF), (0x10000, 0x10FFFF)]
    for _ in range(3000):
        text = "".join(chr(rng.randint(*rng.choice(ranges))) for _ in range(rng.randint(0, 12)))
        assert _u16(text) == len(text.encode("utf-16-le", "surrogatepass")) // 2, repr(text)


# -- X's weighted length: the rest of a long caption is added a span at a time -----------------


def _reference_twitter(text: str, config):
    """The previous implementation, one character at a time to the end."""
    import unicodedata

    from sumbar_studio.core.text.counting import _INVALID_CHARS, TwitterResult, _u16, emoji_clusters
    from sumbar_studio.core.text.urls import find_urls

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
            if i in urls:
                end = urls[i]
                weight += config.transformed_url_length * config.scale
            else:
                end = emojis[i]
                weight += config.default_weight
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
    weighted = weight // config.scale
    is_valid = valid and 0 < weighted <= config.max_weighted_length
    permillage = weight * 1000 // (config.max_weighted_length * config.scale)
    valid_display_index += _u16(text) - u16
    total = _u16(text)
    return TwitterResult(
        weighted_length=weighted,
        valid=is_valid,
        permillage=permillage,
        display_range=(0, total - 1 if total else 0),
        valid_range=(0, valid_display_index),
        valid_end=valid_end,
    )


def test_x_length_of_long_captions_equals_the_character_by_character_count():
    import random

    from sumbar_studio.core.text.counting import _twitter, twitter_config

    rng = random.Random(280)
    pieces = [
        "Rapat paripurna DPRD Sumbar ",
        "https://dprd.sumbarprov.go.id/berita ",
        "dprd.sumbarprov.go.id ",
        "👨‍👩‍👧 ",
        "🇮🇩",
        "1️⃣",
        "中文字 ",
        "𝐁𝐨𝐥𝐝 ",
        "\ufeff",
        "é",
        "\u2010",
        "x" * 50,
        "\n",
    ]
    config = twitter_config()
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        assert _twitter(text, config) == _reference_twitter(text, config), repr(text)
