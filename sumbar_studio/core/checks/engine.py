"""The checklist engine: run the rules over a caption or a whole post.

``check_text`` is the fast path the editor calls on every keystroke: language and content rules
once over the text (findings with ``platform=""``), then platform fit per platform (findings with
that platform's id). ``check_post`` checks what will really be published: the master caption,
each platform's override, each platform's caption exactly as pasted (text + hashtags), media,
card layout reports, timing, and the manual attestations, and rolls everything up per checklist
item.
"""

from __future__ import annotations

from enum import StrEnum

from ..platforms import default_catalog
from ..records import field, record
from .findings import Finding, Severity, locate_all, sort_key
from .items import ChecklistItem
from .rulesdata import Rules, load_rules
from .textrules import TEXT_RULES, TextContext, platform_rules
from .unmask import invisible_runs, unmask
from .userpatterns import collect_reports

TYPE_CHECKING = False
if TYPE_CHECKING:  # a text-only check (the editor, ``check --text-file``) needs no post model
    from datetime import datetime
    from pathlib import Path

    from ..model import Post


class ItemStatus(StrEnum):
    PASS = "pass"
    WARNING = "warning"
    BLOCKING = "blocking"
    MANUAL_PENDING = "manual-pending"

    def label(self, lang: str | None = None) -> str:
        from ..i18n import t

        return t(f"checks.status_{self.value.replace('-', '_')}", lang=lang)


@record
class ItemResult:
    item: ChecklistItem
    status: ItemStatus
    findings: list[Finding] = field(default_factory=list)
    attested_by: str | None = None
    attested_at: datetime | None = None

    @property
    def id(self) -> str:
        return self.item.id


@record
class ChecklistResult:
    findings: list[Finding]
    items: list[ItemResult]
    counts: dict[str, dict[str, object]] = field(default_factory=dict)  # platform -> length/limit
    content_hash: str = ""

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.BLOCKING]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.WARNING]

    @property
    def pending_required(self) -> list[ItemResult]:
        """Required manual items not yet ticked (they also stop an approval)."""
        return [
            r for r in self.items if r.item.required and r.item.manual and r.attested_by is None
        ]

    def item(self, item_id: str) -> ItemResult:
        for r in self.items:
            if r.item.id == item_id:
                return r
        raise KeyError(item_id)

    def summary(self, lang: str | None = None) -> dict[str, object]:
        """Plain data for the export manifest and ``check --json``."""
        by_severity = {s.value: 0 for s in Severity}
        for f in self.findings:
            by_severity[f.severity.value] += 1
        return {
            "content_hash": self.content_hash,
            "blocking": by_severity["blocking"],
            "warnings": by_severity["warning"],
            "info": by_severity["info"],
            "platforms": self.counts,
            "items": [
                {
                    "id": r.item.id,
                    "group": r.item.group,
                    "title": r.item.title(lang),
                    "kind": str(r.item.kind),
                    "status": str(r.status),
                    "findings": len(r.findings),
                    "attested_by": r.attested_by,
                    "attested_at": r.attested_at.isoformat() if r.attested_at else None,
                }
                for r in self.items
            ],
        }


# -- text ----------------------------------------------------------------------------------


def _rules(rules: Rules | None, rules_dir: str | Path | None) -> Rules:
    return rules if rules is not None else load_rules(rules_dir)


#: The longest text the checker reads: three times the longest caption any platform allows
#: (Facebook, 63,206). Beyond it the check says so as a blocking finding and reads only this
#: much, so a pasted 5 MB file costs what a long caption costs.
MAX_CHECK_CHARS = 200_000

#: Rule families whose findings are also looked for in the unmasked text (format characters
#: dropped, NFKC, look-alikes folded): personal data, secrets and closed meetings, SARA,
#: campaign language, and anything blocking.
_UNMASKED_FAMILIES = frozenset({"pdp", "rahasia", "sara", "netral"})


def _guard_finding(
    message_id: str,
    *,
    item: str,
    severity: Severity,
    platform,
    start=None,
    end=None,
    replacement=None,
    rule: str,
    **params: object,
) -> Finding:
    return Finding(
        item=item,
        rule=rule,
        severity=severity,
        message_id=message_id,
        params=params,
        platform=platform,
        start=start,
        end=end,
        replacement=replacement,
    )


def _unmasked_findings(text: str, rules: Rules, platform, found: list[Finding]) -> list[Finding]:
    """Blocking and content findings hidden by invisible characters or look-alikes."""
    unmasked = unmask(text)
    if not unmasked.changed:
        return []
    ctx = TextContext(unmasked.text, rules, platform)
    for rule in TEXT_RULES:
        if rule.__name__ != "rule_spelling":  # spelling never blocks and is the costly one
            rule(ctx)
    seen = [
        (f.rule, f.start, f.end if f.end is not None else f.start + 1)
        for f in found
        if f.start is not None
    ]
    out = []
    for f in ctx.findings:
        if f.severity != Severity.BLOCKING and f.rule.split(".")[0] not in _UNMASKED_FAMILIES:
            continue
        if f.start is None:
            continue
        start, end = unmasked.span(f.start, f.end if f.end is not None else f.start + 1)
        if any(rule == f.rule and s < end and start < e for rule, s, e in seen):
            continue  # already found in the text as typed
        f.start, f.end, f.line, f.column = start, end, None, None
        seen.append((f.rule, start, end))
        out.append(f)
    return out


def _invisible_findings(text: str, platform) -> list[Finding]:
    return [
        _guard_finding(
            "text_guard.invisible",
            rule="teks.tak_terlihat",
            item="integritas",
            severity=Severity.WARNING,
            platform=platform,
            start=s,
            end=e,
            replacement="",
            names=names,
            text="",
        )
        for s, e, names in invisible_runs(text)
    ]


def _pattern_findings(reports, platform) -> list[Finding]:
    out = []
    for r in reports:
        key = "pattern_refused" if r.key == "refused" else "pattern_timeout"
        out.append(
            _guard_finding(
                f"text_guard.{key}",
                rule="aturan.pola_tim",
                item="profesional",
                severity=Severity.WARNING,
                platform=platform,
                line=r.line,
                origin=r.origin,
                reason=r.reason,
            )
        )
    return out


def check_language(
    text: str, platform: str | None = "", *, rules: Rules | None = None, locate: bool = True
) -> list[Finding]:
    """Language and content rules over one text (no platform fit).

    Blocking and content rules also read the text as it looks (:mod:`.unmask`), invisible
    characters are findings themselves, team patterns run bounded (:mod:`.userpatterns`),
    and a text longer than :data:`MAX_CHECK_CHARS` is a blocking finding, read that far."""
    rules = _rules(rules, None)
    findings: list[Finding] = []
    if len(text) > MAX_CHECK_CHARS:
        findings.append(
            _guard_finding(
                "text_guard.too_long",
                rule="teks.terlalu_panjang",
                item="platform",
                severity=Severity.BLOCKING,
                platform=platform,
                start=MAX_CHECK_CHARS,
                end=len(text),
                length=len(text),
                limit=MAX_CHECK_CHARS,
                text="",
            )
        )
    checked = text[:MAX_CHECK_CHARS]
    with collect_reports() as reports:
        ctx = TextContext(checked, rules, platform)
        for rule in TEXT_RULES:
            rule(ctx)
        findings.extend(ctx.findings)
        findings.extend(_unmasked_findings(checked, rules, platform, ctx.findings))
    findings.extend(_pattern_findings(reports, platform))
    findings.extend(_invisible_findings(checked, platform))
    if locate:
        locate_all(findings, text)
    return findings


def check_platform_text(
    text: str, platform: str, *, rules: Rules | None = None, locate: bool = True
) -> tuple[list[Finding], dict[str, object]]:
    spec = default_catalog().get(platform)
    beyond = max(0, len(text) - MAX_CHECK_CHARS)  # read only the cap; count the rest as plain
    ctx = TextContext(text[:MAX_CHECK_CHARS] if beyond else text, _rules(rules, None), platform)
    counted = platform_rules(ctx, spec)
    if beyond:
        length, limit = counted["length"], counted["limit"]
        assert isinstance(length, int) and isinstance(limit, int)
        length += beyond
        counted = {**counted, "length": length, "valid": False}
        for f in ctx.findings:
            if f.rule == "platform.panjang":
                f.params.update(length=length, over=length - limit)
    if locate:
        locate_all(ctx.findings, text)
    return ctx.findings, counted


def check_text(
    text: str,
    platforms: list[str],
    *,
    rules: Rules | None = None,
    rules_dir: str | Path | None = None,
    counts: dict[str, dict[str, object]] | None = None,
) -> list[Finding]:
    """All text findings for ``text`` as the caption of ``platforms`` (the editor's fast path).

    Language/content findings have ``platform=""``; platform-fit findings carry the platform.
    Offsets are into ``text``. Pass a dict as ``counts`` to receive per-platform lengths.
    """
    rules = _rules(rules, rules_dir)
    # every finding is in the same text: lines and columns found once at the end (a text of
    # 400,000 short lines took a line index per platform)
    findings = check_language(text, "", rules=rules, locate=False)
    for platform in platforms:
        found, counted = check_platform_text(text, platform, rules=rules, locate=False)
        findings.extend(found)
        if counts is not None:
            counts[platform] = counted
    locate_all(findings, text)
    findings.sort(key=sort_key)
    return findings


# -- post ----------------------------------------------------------------------------------


def _add(
    findings: list[Finding],
    rules: Rules,
    rule: str,
    key: str,
    *,
    platform=None,
    severity: Severity | None = None,
    **params: object,
) -> None:
    spec = rules.specs.get(rule)
    if spec is not None and not spec.enabled:
        return
    findings.append(
        Finding(
            item=spec.item if spec else "profesional",
            rule=rule,
            severity=severity or Severity(spec.severity if spec else "warning"),
            message_id=f"checks.{key}",
            params=params,
            platform=platform,
        )
    )


def _image_count(post: Post) -> int:
    return len(post.media) + (1 if post.card.template_id else 0)


def _post_rules(post: Post, rules: Rules, card_reports, now: datetime) -> list[Finding]:
    out: list[Finding] = []
    catalog = default_catalog()
    images = _image_count(post)
    # nothing to fit: no platform chosen, or no caption for any of them
    if not post.platforms:
        _add(out, rules, "platform.kosong", "platform_kosong")
    elif not any(post.caption_for(p).strip() for p in post.platforms):
        _add(out, rules, "platform.keterangan_kosong", "keterangan_kosong")
    for platform in post.platforms:
        spec = catalog.get(platform)
        if images > spec.max_images:
            _add(
                out,
                rules,
                "platform.gambar_berlebih",
                "gambar_berlebih",
                platform=platform,
                platform_name=spec.name,
                count=images,
                limit=spec.max_images,
            )
        if spec.alt_text_limit:
            for m in post.media:
                if len(m.alt_text) > spec.alt_text_limit:
                    _add(
                        out,
                        rules,
                        "platform.teks_alt_panjang",
                        "alt_panjang",
                        platform=platform,
                        platform_name=spec.name,
                        file=m.filename,
                        length=len(m.alt_text),
                        limit=spec.alt_text_limit,
                    )
        if len(post.hashtags) > spec.hashtag_limit and spec.hashtag_limit >= 0 and post.hashtags:
            _add(
                out,
                rules,
                "platform.tagar_dipotong",
                "tagar_dipotong",
                platform=platform,
                platform_name=spec.name,
                count=len(post.hashtags),
                limit=spec.hashtag_limit,
            )
    min_alt = int(rules.thresholds.get("alt_text_min_chars", 5))
    for m in post.media:
        if len(m.alt_text.strip()) < min_alt:
            _add(out, rules, "akses.teks_alt", "alt_kosong", file=m.filename)
    # kredibel: a source, and a credit for photos
    if not post.source.strip():
        _add(out, rules, "kredibel.sumber", "sumber_kosong")
    if post.media and not post.photo_credit.strip() and not all(m.credit for m in post.media):
        _add(out, rules, "kredibel.kredit_foto", "kredit_foto_kosong")
    # responsif: news of an event goes out within N days
    from ..model import Status
    from ..timeutil import to_wib

    limit_days = int(rules.thresholds.get("responsif_max_days_after_event", 2))
    if post.event_date is not None and post.status not in (Status.PUBLISHED, Status.ARCHIVED):
        when = post.scheduled_at or now
        day = to_wib(when).date()
        late = (day - post.event_date).days
        if late > limit_days:
            _add(
                out,
                rules,
                "responsif.terlambat",
                "terlambat",
                days=late,
                maximum=limit_days,
                event=post.event_date.isoformat(),
            )
    # cards: the renderer's layout reports (cards.render.LayoutReport)
    contrast_min = float(rules.thresholds.get("contrast_min", 4.5))
    for format_id, report in (card_reports or {}).items():
        for box in report.text_boxes:
            name = str(getattr(box, "field", "") or "")
            if getattr(box, "overflow", False):
                _add(out, rules, "kartu.tidak_muat", "kartu_overflow", format=format_id, field=name)
            contrast = getattr(box, "contrast", None)
            if isinstance(contrast, int | float) and contrast < contrast_min:
                _add(
                    out,
                    rules,
                    "kartu.kontras",
                    "kartu_kontras",
                    format=format_id,
                    field=name,
                    contrast=f"{contrast:.1f}".replace(".", ","),
                    minimum=f"{contrast_min:.1f}".replace(".", ","),
                )
        for photo in report.upscaled:
            _add(
                out, rules, "kartu.diperbesar", "kartu_upscaled", format=format_id, photo=str(photo)
            )
    return out


def check_post(
    post: Post,
    *,
    card_reports: dict[str, object] | None = None,
    now: datetime | None = None,
    rules: Rules | None = None,
    rules_dir: str | Path | None = None,
) -> ChecklistResult:
    from ..timeutil import now_utc

    rules = _rules(rules, rules_dir)
    now = now or now_utc()
    findings: list[Finding] = []
    findings.extend(check_language(post.caption, "", rules=rules))
    catalog = default_catalog()
    checked_texts = {post.caption}
    for platform in post.platforms:
        variant = post.variants.get(platform)
        if variant is not None and variant not in checked_texts:
            findings.extend(check_language(variant, platform, rules=rules))
            checked_texts.add(variant)
    counts: dict[str, dict[str, object]] = {}
    for platform in post.platforms:
        spec = catalog.get(platform)
        pasted = post.full_caption(platform, spec.hashtag_limit)
        found, counted = check_platform_text(pasted, platform, rules=rules)
        findings.extend(found)
        counts[platform] = counted
    findings.extend(_post_rules(post, rules, card_reports, now))
    findings.sort(key=sort_key)
    return ChecklistResult(
        findings=findings,
        items=roll_up(findings, rules, post.attestations),
        counts=counts,
        content_hash=post.content_hash(),
    )


def roll_up(
    findings: list[Finding], rules: Rules, attestations: dict | None = None
) -> list[ItemResult]:
    attestations = attestations or {}
    results = []
    for item in rules.items:
        mine = [f for f in findings if f.item == item.id]
        att = attestations.get(item.id)
        if any(f.severity == Severity.BLOCKING for f in mine):
            status = ItemStatus.BLOCKING
        elif any(f.severity == Severity.WARNING for f in mine):
            status = ItemStatus.WARNING
        elif item.manual and att is None:
            status = ItemStatus.MANUAL_PENDING
        else:
            status = ItemStatus.PASS
        results.append(
            ItemResult(
                item=item,
                status=status,
                findings=mine,
                attested_by=getattr(att, "officer", None),
                attested_at=getattr(att, "at", None),
            )
        )
    return results


__all__ = [
    "ChecklistResult",
    "ItemResult",
    "ItemStatus",
    "check_language",
    "check_platform_text",
    "check_post",
    "check_text",
    "roll_up",
]
