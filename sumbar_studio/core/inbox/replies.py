"""Replies to the public: templates (sandboxed Jinja2, the caption sandbox) and the checklist.

A reply goes through the same engine as a post (core/checks: language, personal data — a NIK
blocks —, neutrality, SARA), plus two rules of its own, kept as data in ``assets/rules/``:
``insults.txt`` (no insult, ever: blocking) and ``promises.txt`` (no promise the institution
cannot keep: a warning to rephrase). When the channel is a platform, its length limit applies.

Template variables: ``sapaan`` (the sender's handle or name, or "Bapak/Ibu"), ``kanal``,
``topik``, ``jenis``, ``diteruskan_ke``, ``tanggal_terima`` (a date), ``lembaga``, ``situs``
(empty on Instagram, where links are not clickable), ``petugas``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from ..checks.findings import Finding, Severity, locate_all, sort_key
from ..errors import TemplateError
from ..resources import asset_path, template_path
from .model import Entry

if TYPE_CHECKING:
    from ..checks.rulesdata import Rules

_TITLE = re.compile(r"^\{#\s*judul:\s*(?P<title>.+?)\s*#\}")
#: rule id -> (checklist item, severity) unless checklist.json names the rule itself
REPLY_RULES = {
    "tanggapan.hinaan": ("etika_7_nama_baik", "blocking"),
    "tanggapan.janji": ("integritas", "warning"),
}
#: post-only rules that mean nothing in a reply to one person
_NOT_FOR_REPLIES = ("terintegrasi.", "platform.tagar_", "kredibel.", "gaya.tanggal_tidak_ada")


@dataclass(frozen=True)
class ReplyTemplate:
    id: str
    title: str
    source: str


def list_reply_templates() -> list[ReplyTemplate]:
    out = []
    for path in sorted(template_path("replies").glob("*.j2")):
        source = path.read_text(encoding="utf-8")
        match = _TITLE.match(source)
        out.append(ReplyTemplate(path.stem, match.group("title") if match else path.stem, source))
    return out


def reply_template(template_id: str) -> ReplyTemplate:
    for template in list_reply_templates():
        if template.id == template_id:
            return template
    raise TemplateError(
        "inbox.template_unknown",
        template=template_id,
        choices=", ".join(t.id for t in list_reply_templates()),
    )


def _institution() -> str:
    from ..text.captions import INSTITUTION

    return INSTITUTION


def reply_context(entry: Entry, *, officer: str = "", website: str = "") -> dict[str, object]:
    sender = entry.sender.strip()
    context: dict[str, object] = {
        "sapaan": sender if sender else "Bapak/Ibu",
        "kanal": entry.channel.label("id"),
        "jenis": entry.kind.label("id").lower(),
        "topik": entry.topic or "",
        "diteruskan_ke": entry.forwarded_to or "",
        "tanggal_terima": entry.received_at,
        "lembaga": _institution(),
        # Instagram does not make links clickable: its replies point to the bio instead
        "situs": ""
        if entry.channel.platform == "instagram"
        else (website or "dprd.sumbarprov.go.id"),
        "petugas": officer,
    }
    return context


def render_reply(template_id: str, entry: Entry, *, officer: str = "", website: str = "") -> str:
    template = reply_template(template_id)
    from ..text.captions import render_sandboxed  # Jinja2 loads with the first reply

    return render_sandboxed(
        template.source,
        reply_context(entry, officer=officer, website=website),
        name=f"{template_id}.j2",
    )


# -- checking ------------------------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _list(rules: Rules, name: str) -> tuple[regex.Pattern | None, tuple[regex.Pattern, ...]]:
    """A word list (whole phrases, plus ``re:`` lines) from the workspace's rules folder, else
    the shipped one."""
    path = Path(rules.folder) / name
    if not path.is_file():
        path = asset_path("rules", name)
    plain, patterns = [], []
    for line in _lines(path):
        if line.startswith("re:"):
            patterns.append(regex.compile(line[3:].strip(), regex.IGNORECASE))
        else:
            plain.append(line)
    from ..checks.rulesdata import phrase_pattern

    return phrase_pattern(plain), tuple(patterns)


def _tone_findings(text: str, rules: Rules) -> list[Finding]:
    out: list[Finding] = []
    for rule, file_name, key in (
        ("tanggapan.hinaan", "insults.txt", "reply_insult"),
        ("tanggapan.janji", "promises.txt", "reply_promise"),
    ):
        spec = rules.specs.get(rule)
        if spec is not None and not spec.enabled:
            continue
        item, severity = (spec.item, spec.severity) if spec else REPLY_RULES[rule]
        phrase, patterns = _list(rules, file_name)
        matches = list(phrase.finditer(text)) if phrase else []
        for pattern in patterns:
            matches += list(pattern.finditer(text))
        seen = set()
        for m in sorted(matches, key=lambda m: m.start()):
            if m.start() in seen:
                continue
            seen.add(m.start())
            out.append(
                Finding(
                    item=item,
                    rule=rule,
                    severity=Severity(severity),
                    message_id=f"inbox.{key}",
                    params={"phrase": m.group(0)},
                    platform="",
                    start=m.start(),
                    end=m.end(),
                )
            )
    return out


def check_reply(
    text: str, channel=None, *, rules: Rules | None = None, rules_dir: str | Path | None = None
) -> list[Finding]:
    """Every finding on a reply's text (blocking ones stop approval and sending)."""
    # the rules engine loads with the first check, not with the window (start-up, issue #14)
    from ..checks.engine import check_language, check_platform_text
    from ..checks.rulesdata import load_rules

    rules = rules if rules is not None else load_rules(rules_dir)
    findings = [
        f for f in check_language(text, "", rules=rules) if not f.rule.startswith(_NOT_FOR_REPLIES)
    ]
    taken = {(f.start, f.end) for f in findings if f.blocking}
    tone = [f for f in _tone_findings(text, rules) if (f.start, f.end) not in taken]
    locate_all(tone, text)
    findings += tone
    platform = getattr(channel, "platform", None)
    if platform:
        found, _counted = check_platform_text(text, platform, rules=rules)
        findings += [f for f in found if not f.rule.startswith(_NOT_FOR_REPLIES)]
    findings.sort(key=sort_key)
    return findings


def body_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
