"""Invisible characters and look-alikes no longer hide blocked words (#15 item 8).

All 20 combinations of the hostile try-out: five ways to hide (zero-width space, soft hyphen,
joiner, Cyrillic look-alike, full-width form) × four blocking targets (a SARA word, a
classification marking, a campaign word, a NIK).
"""

from __future__ import annotations

import pytest

from sumbar_studio.core.checks import check_post, check_text
from sumbar_studio.core.checks.findings import Severity
from sumbar_studio.core.checks.unmask import invisible_runs, unmask
from sumbar_studio.core.model import Post

CYRILLIC = {
    "a": "а",
    "o": "о",
    "c": "с",
    "e": "е",
    "p": "р",
    "A": "А",
    "O": "О",
    "0": "О",
    "C": "С",
    "E": "Е",
    "H": "Н",
    "P": "Р",
}


def _middle(word: str, mark: str) -> str:
    half = len(word) // 2
    return word[:half] + mark + word[half:]


def _cyrillic(word: str) -> str:
    for i, ch in enumerate(word):
        if ch in CYRILLIC:
            return word[:i] + CYRILLIC[ch] + word[i + 1 :]
    raise AssertionError(word)


def _fullwidth(word: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)


HIDES = {
    "zwsp": lambda w: _middle(w, "\u200b"),
    "soft_hyphen": lambda w: _middle(w, "\u00ad"),
    "joiner": lambda w: _middle(w, "\u200d"),
    "cyrillic": _cyrillic,
    "fullwidth": _fullwidth,
}
TARGETS = {
    "sara": ("Dasar {w} semua orang itu.", "goblok", "sara.ujaran"),
    "marking": ("Surat {w} itu beredar di grup.", "RAHASIA", "rahasia.klasifikasi"),
    "campaign": ("Ayo {w} dia pada hari pemilihan.", "coblos", "netral.kampanye"),
    "nik": ("Warga dengan NIK {w} hadir.", "1371011205900001", "pdp.nik"),
}


@pytest.mark.parametrize("target", sorted(TARGETS))
@pytest.mark.parametrize("hide", sorted(HIDES))
def test_hidden_blocked_word_is_still_found(hide, target):
    sentence, word, rule = TARGETS[target]
    plain = sentence.format(w=word)
    assert rule in {f.rule for f in check_text(plain, [])}  # the control: found as typed
    hidden_word = HIDES[hide](word)
    assert hidden_word != word
    text = sentence.format(w=hidden_word)
    findings = check_text(text, [])
    hits = [f for f in findings if f.rule == rule]
    assert hits, f"{hide} hides {target}: {[f.rule for f in findings]}"
    start = sentence.index("{w}")
    end = start + len(hidden_word)
    hit = hits[0]
    assert hit.start <= start + 1 and hit.end >= end - 1 and hit.end <= len(text)
    assert hit.line == 1 and hit.column == hit.start + 1
    if hide in ("zwsp", "soft_hyphen", "joiner"):
        invisible = [f for f in findings if f.rule == "teks.tak_terlihat"]
        assert len(invisible) == 1 and invisible[0].replacement == ""
        assert text[invisible[0].start : invisible[0].end] in ("\u200b", "\u00ad", "\u200d")
        fixed = text[: invisible[0].start] + text[invisible[0].end :]
        assert fixed == plain  # the fix (remove) gives the plain text back


def test_post_checklist_blocks_a_hidden_marking():
    post = Post(
        title="t",
        caption="Dokumen R\u200bA\u200bH\u200bA\u200bS\u200bI\u200bA ini.",
        platforms=["instagram"],
    )
    result = check_post(post)
    assert "rahasia.klasifikasi" in {f.rule for f in result.blocking}


def test_ordinary_text_gets_no_extra_findings():
    text = (
        "Rapat paripurna… dihadiri 65 anggota 👨\u200d👩\u200d👧 dan tamu "
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f café."
    )
    assert invisible_runs(text) == []
    assert not [f for f in check_text(text, []) if f.rule == "teks.tak_terlihat"]


def test_unmask_maps_spans_back():
    text = "ab\u200bc ＲＡＨ"
    u = unmask(text)
    assert u.text == "abc RAH"
    assert u.span(0, 3) == (0, 4)
    assert u.span(4, 7) == (5, 8)
    assert unmask("biasa").span(1, 3) == (1, 3)


def test_bidi_override_and_bom_inside_are_flagged():
    text = "Kegiatan \u202ereses\u202c dan\ufeff rapat."
    runs = invisible_runs(text)
    assert [text[s:e] for s, e, _ in runs] == ["\u202e", "\u202c", "\ufeff"]
    findings = [f for f in check_text(text, []) if f.rule == "teks.tak_terlihat"]
    assert len(findings) == 3 and all(f.severity == Severity.WARNING for f in findings)


@pytest.mark.parametrize("mark", ["\u034f", "\u3164", "\u2060", "\u180e", "\u061c"])
def test_other_invisible_characters_do_not_hide_a_sara_word(mark):
    text = f"Dasar gob{mark}lok semua."
    rules = {f.rule for f in check_text(text, [])}
    assert "sara.ujaran" in rules and "teks.tak_terlihat" in rules


def test_variation_selectors_are_not_flagged():
    assert invisible_runs("Terima kasih \u2764\ufe0f \u845b\U000e0100") == []


def test_lookalike_table_is_built_only_for_text_with_letters_outside_ascii():
    from sumbar_studio.core.checks import unmask as unmask_module

    unmask_module._fold_table.cache_clear()
    assert not unmask("Rapat paripurna – 12 Desember “Padang”").changed
    assert unmask("ＲＡＨＡＳＩＡ 2026").text == "RAHASIA 2026"  # NFKC alone, no table
    assert unmask_module._fold_table.cache_info().currsize == 0
    assert unmask("Р" + "АHASIA").text == "PAHASIA"  # a Cyrillic look-alike still folds
    assert unmask_module._fold_table.cache_info().currsize == 1


def test_no_character_but_a_letter_outside_ascii_folds_to_a_lookalike():
    """What lets unmask skip the table for text without such letters: no other character
    (a symbol, a digit, punctuation) is in the table or becomes one of its letters under NFKC."""
    import unicodedata

    from sumbar_studio.core.checks.unmask import _fold_table

    table = _fold_table()
    assert all(chr(code).isalpha() and code > 127 for code in table)
    for code in range(0x80, 0x30000):
        ch = chr(code)
        if not ch.isalpha():
            assert not any(ord(c) in table for c in unicodedata.normalize("NFKC", ch)), hex(code)
