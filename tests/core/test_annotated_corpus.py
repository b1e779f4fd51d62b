"""The editorial rules measured on an annotated corpus of our own sentences.

``tests/data/annotated/teks.txt`` holds short DPRD texts; errors are marked inline as
``{wrong=>right|class}``. The test checks the plain text and prints, per class, how many
annotated errors were raised as warnings or blocks (recall) and how many warnings were right
(precision, a warning is right when it overlaps an annotated error), then fails below the
targets: recall >= 80 %, warnings right >= 90 %, info findings right >= 50 %, and no clean text
blocked. Run ``pytest -s tests/core/test_annotated_corpus.py`` to see the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sumbar_studio.core.checks import Severity, check_text

SOURCE = Path(__file__).resolve().parents[1] / "data" / "annotated" / "teks.txt"
CLASSES = ("kapital", "tanda_baca", "ejaan", "nama", "kata")
_MARK = re.compile(r"\{(?P<wrong>[^{}]*?)=>(?P<right>[^{}|]*)\|(?P<cls>\w+)\}")


@dataclass
class Expected:
    cls: str
    start: int
    end: int
    wrong: str
    right: str


@dataclass
class Sample:
    id: str
    title: str
    text: str
    expected: list[Expected] = field(default_factory=list)


def parse(source: str) -> list[Sample]:
    samples: list[Sample] = []
    for block in re.split(r"^### ", source, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        sid, _, title = head.strip().partition(" ")
        body = "\n".join(line for line in body.split("\n") if not line.startswith("# "))
        body = body.strip("\n")
        text, expected, pos = [], [], 0
        out_len = 0
        for m in _MARK.finditer(body):
            chunk = body[pos : m.start()]
            text.append(chunk)
            out_len += len(chunk)
            wrong = m.group("wrong")
            expected.append(
                Expected(m.group("cls"), out_len, out_len + len(wrong), wrong, m.group("right"))
            )
            text.append(wrong)
            out_len += len(wrong)
            pos = m.end()
        text.append(body[pos:])
        samples.append(Sample(sid, title, "".join(text), expected))
    return samples


def rule_class(rule: str) -> str:
    """The corpus class a rule's findings belong to (for precision per class)."""
    if rule.startswith("bahasa.kapital") or rule == "gaya.kapital":
        return "kapital"
    if rule.startswith("gaya.tanda_baca") or rule == "gaya.seru":
        return "tanda_baca"
    if rule == "bahasa.ejaan":
        return "ejaan"
    if rule == "bahasa.nama":
        return "nama"
    return "kata"


def _overlaps(f, e: Expected) -> bool:
    return f.start < e.end and e.start < max(f.end, f.start + 1)


@dataclass
class Score:
    annotated: int = 0
    caught: int = 0
    warnings: int = 0
    warnings_right: int = 0
    infos: int = 0
    infos_right: int = 0


def measure(samples: list[Sample]) -> tuple[dict[str, Score], list[str], list[str]]:
    scores = {c: Score() for c in (*CLASSES, "total")}
    misses: list[str] = []
    wrong: list[str] = []
    for s in samples:
        findings = [
            f
            for f in check_text(s.text, [])
            if f.rule.startswith(("bahasa.", "gaya.")) and f.start is not None
        ]
        for e in s.expected:
            hit = any(_overlaps(f, e) for f in findings if f.severity != Severity.INFO)
            for key in (e.cls, "total"):
                scores[key].annotated += 1
                scores[key].caught += hit
            if not hit:
                misses.append(f"{s.id} [{e.cls}] {e.wrong!r} -> {e.right!r}")
        for f in findings:
            right = any(_overlaps(f, e) for e in s.expected)
            cls = rule_class(f.rule)
            for key in (cls, "total"):
                if f.severity == Severity.INFO:
                    scores[key].infos += 1
                    scores[key].infos_right += right
                else:
                    scores[key].warnings += 1
                    scores[key].warnings_right += right
            if not right:
                wrong.append(f"{s.id} {f.rule} {f.severity} {s.text[f.start : f.end]!r}")
    return scores, misses, wrong


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    –"


def table(scores: dict[str, Score]) -> str:
    lines = [
        f"{'class':<11} {'errors':>6} {'caught':>6} {'recall':>7}   {'warn':>4} "
        f"{'right':>5} {'prec.':>7}   {'info':>4} {'right':>5} {'prec.':>7}"
    ]
    for cls, s in scores.items():
        lines.append(
            f"{cls:<11} {s.annotated:>6} {s.caught:>6} {_pct(s.caught, s.annotated):>7}   "
            f"{s.warnings:>4} {s.warnings_right:>5} {_pct(s.warnings_right, s.warnings):>7}   "
            f"{s.infos:>4} {s.infos_right:>5} {_pct(s.infos_right, s.infos):>7}"
        )
    return "\n".join(lines)


SAMPLES = parse(SOURCE.read_text(encoding="utf-8"))


def test_corpus_has_sixty_texts_covering_every_class():
    assert len(SAMPLES) >= 60
    assert len({s.id for s in SAMPLES}) == len(SAMPLES)
    assert sum(1 for s in SAMPLES if not s.expected) >= 15
    for cls in CLASSES:
        assert sum(1 for s in SAMPLES for e in s.expected if e.cls == cls) >= 4, cls
    for s in SAMPLES:
        for e in s.expected:
            assert e.cls in CLASSES and s.text[e.start : e.end] == e.wrong


def test_parse_marks_spans_in_the_plain_text():
    (s,) = parse("### 1 x\nA {ketua=>Ketua|kapital} B {,,=>,|tanda_baca}\n")
    assert s.text == "A ketua B ,,"
    assert [(e.cls, s.text[e.start : e.end], e.right) for e in s.expected] == [
        ("kapital", "ketua", "Ketua"),
        ("tanda_baca", ",,", ","),
    ]


def test_recall_and_precision_per_class_meet_the_targets():
    scores, misses, wrong = measure(SAMPLES)
    report = table(scores)
    print("\n" + report)
    if misses:
        print("missed:\n  " + "\n  ".join(misses))
    if wrong:
        print("not annotated:\n  " + "\n  ".join(wrong))
    total = scores["total"]
    detail = f"\n{report}\nmissed: {misses}\nwrong: {wrong}"
    assert total.caught >= 0.8 * total.annotated, detail
    assert total.warnings_right >= 0.9 * total.warnings, detail
    assert total.infos_right >= 0.5 * total.infos, detail
    for cls in CLASSES:
        s = scores[cls]
        assert s.caught >= 0.8 * s.annotated, f"{cls} recall{detail}"
        assert s.warnings_right >= 0.9 * s.warnings, f"{cls} precision{detail}"


@pytest.mark.parametrize("sample", [s for s in SAMPLES if not s.expected], ids=lambda s: s.id)
def test_clean_text_is_not_blocked_nor_warned(sample):
    findings = check_text(sample.text, [])
    assert not [f for f in findings if f.severity == Severity.BLOCKING]
    language = [
        (f.rule, sample.text[f.start : f.end])
        for f in findings
        if f.rule.startswith(("bahasa.", "gaya.")) and f.severity != Severity.INFO
    ]
    assert language == []
