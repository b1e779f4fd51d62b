"""Rule ids: the checklist's domain vocabulary, and the names some of them had before.

A rule id (``platform.panjang``) names one check. Ids are Indonesian, like the principle names
their families follow (``kredibel.*``, ``gaya.*``, ``pdp.*``, ``platform.*``). They are stored in
data and arrive from outside: an approval's overridden rules in the audit, a reply's findings,
a workspace's own ``rules/checklist.json``, a workspace pulled from the team server or copied
from an older desk. Ids renamed since are still understood through :data:`RENAMED`, the one
alias table: the local schema 5 and server schema 3 migrations rewrite what may be rewritten
(a reply's stored findings); the audit is history (append-only, hash-chained on the server) and
is never rewritten, so :func:`current_detail` maps it when it is shown.

Add to :data:`RENAMED` when renaming; never remove or change an entry (old data keeps it).
"""

from __future__ import annotations

from collections.abc import Iterable

#: old rule id -> the id it has now
RENAMED: dict[str, str] = {
    # issue 11: the platform rules had English ids, two card rules and two others were half
    # English; the new ids are the words of their messages (checks.panjang, checks.tagar_...)
    "platform.length": "platform.panjang",
    "platform.soft_length": "platform.panjang_lunak",
    "platform.hashtags": "platform.tagar_berlebih",
    "platform.hashtags_dropped": "platform.tagar_dipotong",
    "platform.link_not_clickable": "platform.tautan_tidak_aktif",
    "platform.images": "platform.gambar_berlebih",
    "platform.none": "platform.kosong",
    "platform.caption_empty": "platform.keterangan_kosong",
    "platform.alt_length": "platform.teks_alt_panjang",
    "akses.alt_text": "akses.teks_alt",
    "kartu.overflow": "kartu.tidak_muat",
    "kartu.upscaled": "kartu.diperbesar",
    "pdp.email": "pdp.surel",
    "pdp.email_lain": "pdp.surel_lain",
}


def current_rule_id(rule_id: str) -> str:
    """The id ``rule_id`` has now (itself unless it was renamed)."""
    return RENAMED.get(rule_id, rule_id)


def current_rule_ids(rule_ids: Iterable[str]) -> list[str]:
    return [current_rule_id(r) if isinstance(r, str) else r for r in rule_ids]


def current_findings(findings: list) -> list:
    """Stored findings (``Finding.to_dict()`` dicts) with today's rule ids."""
    out = []
    for f in findings:
        if isinstance(f, dict) and isinstance(f.get("rule"), str):
            f = {**f, "rule": current_rule_id(f["rule"])}
        out.append(f)
    return out


def current_detail(detail: dict) -> dict:
    """An audit row's detail as it is shown: rule ids (an approval's ``overridden`` rules)
    under today's names. The stored row is not changed."""
    overridden = detail.get("overridden") if isinstance(detail, dict) else None
    if not isinstance(overridden, list):
        return detail
    mapped = current_rule_ids(overridden)
    return detail if mapped == overridden else {**detail, "overridden": mapped}
