"""The compose page's single door to the core: checks, cards, captions, counting, approval.

Widgets never import core services directly; they go through these functions, which only
translate between what the core offers and what a widget needs (Qt-free, so they are easy to
test).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ...core import approval, checks, postcard
from ...core.cards import list_templates, render
from ...core.cards.photo import cover_box
from ...core.checks import load_rules
from ...core.i18n import language, t
from ...core.labels import field_label
from ...core.model import Media, Post
from ...core.platforms import default_catalog
from ...core.text.captions import CaptionTemplateError, caption_template_titles
from ...core.text.captions import render_caption as fill_caption_template
from ...core.text.counting import count

SHA_RE = re.compile(r"^[0-9a-f]{64}$")


# -- counting ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Counter:
    platform: str
    name: str
    length: int
    limit: int
    level: str  # "ok" | "amber" | "red" | "none" (the platform takes no caption)


AMBER_AT = 0.9


def counters(post: Post) -> list[Counter]:
    """One counter per platform of the post, for the caption exactly as it will be pasted."""
    catalog = default_catalog()
    out = []
    for pid in post.platforms:
        spec = catalog.platforms.get(pid)
        if spec is None:
            continue
        text = post.full_caption(pid, spec.hashtag_limit or None)
        result = count(text, pid)
        limit = result.limit
        if limit <= 0:
            level = "none"
        elif not result.valid or result.length > limit:
            level = "red"
        elif result.length >= AMBER_AT * (spec.soft_limit or limit) or (
            spec.soft_limit and result.length > spec.soft_limit
        ):
            level = "amber"
        else:
            level = "ok"
        out.append(Counter(pid, spec.name, result.length, limit, level))
    return out


def platform_names() -> dict[str, str]:
    return {pid: p.name for pid, p in default_catalog().platforms.items()}


# -- checks -----------------------------------------------------------------------------------
def workspace_rules(workspace):
    """The workspace's own rule lists (team edits), as the approval uses them."""
    if workspace is None:
        return None
    try:
        return workspace.rules()
    except Exception:  # broken team files: the shipped rules still check the text
        return None


def check_text(text: str, platforms: list[str], workspace=None) -> list:
    """Findings in one caption text (fast: runs as the officer types)."""
    return checks.check_text(text, platforms, rules=workspace_rules(workspace))


def add_team_word(workspace, word: str) -> str:
    """Add ``word`` to the workspace's team dictionary; the message to show."""
    from ...core.checks import teamwords

    added = teamwords.add_team_word(workspace.rules_dir, word)
    workspace.shared_files_changed()  # team mode: sent to the server for every desk
    return t("ejaan.kamus_ditambah" if added else "ejaan.kamus_sudah_ada", word=word)


def card_reports_for_checks(reports: dict | None) -> dict:
    """The renderer's layout reports per format, without formats not rendered yet."""
    return {fid: r for fid, r in (reports or {}).items() if r is not None}


def check_post(post: Post, card_reports: dict | None = None, workspace=None):
    """The whole checklist for a post."""
    return checks.check_post(
        post, card_reports=card_reports_for_checks(card_reports), rules=workspace_rules(workspace)
    )


def finding_suggestions(finding) -> list[str]:
    """Replacement texts a finding offers (its fix first, then spelling suggestions)."""
    out = [] if finding.replacement is None else [finding.replacement]
    for s in finding.fill_suggestions():
        if s not in out:
            out.append(s)
    return out


def severity_of(finding) -> str:
    return str(finding.severity)


def approve_post(
    workspace,
    post_id: int,
    *,
    approver: str,
    nip: str,
    role: str,
    override_reason: str = "",
    card_reports: dict | None = None,
):
    return approval.approve_post(
        workspace,
        post_id,
        approver=approver,
        nip=nip,
        role=role,
        override_reason=override_reason,
        card_reports=card_reports_for_checks(card_reports),
    )


def attest(workspace, post_id: int, item_id: str, officer: str, checked: bool = True):
    if checked:
        return approval.attest(workspace, post_id, item_id, officer)
    return workspace.posts.attest(post_id, item_id, officer, checked=False)


# -- hashtags and caption templates -----------------------------------------------------------
@dataclass(frozen=True)
class HashtagSet:
    id: str
    title: str
    tags: tuple[str, ...]


def hashtag_sets(workspace=None) -> list[HashtagSet]:
    """Named hashtag sets, from the workspace's own rules when the team edited them."""
    rules = workspace_rules(workspace) or load_rules()
    return [
        HashtagSet(sid, _title(s.get("title", sid)), tuple(s.get("tags", [])))
        for sid, s in rules.hashtags.get("sets", {}).items()
    ]


def _title(value) -> str:
    if isinstance(value, dict):
        return value.get(language()) or value.get("id") or next(iter(value.values()), "")
    return str(value)


@dataclass(frozen=True)
class CaptionTemplate:
    id: str
    title: str


def caption_templates() -> list[CaptionTemplate]:
    return [CaptionTemplate(tid, title or tid) for tid, title in caption_template_titles()]


def caption_to_paste(post: Post, platform: str) -> str:
    """The caption exactly as the export writes it for ``platform``."""
    spec = default_catalog().get(platform)
    return post.full_caption(platform, spec.hashtag_limit)


#: caption-template variables that are post fields (the rest are card fields by their id)
_TEMPLATE_VARIABLES = {
    "judul": "title",
    "tempat": "place",
    "tanggal": "event_date",
    "jadwal": "scheduled_at",
    "sumber": "source",
    "kredit_foto": "photo_credit",
    "tagar": "hashtags",
    "tagar_list": "hashtags",
}


def template_variable_label(name: str, post: Post) -> str:
    """What the officer calls a template variable: the compose label, the card field's label,
    else the variable's own words ("ringkasan" -> "Ringkasan")."""
    if name in _TEMPLATE_VARIABLES:
        return field_label(_TEMPLATE_VARIABLES[name])
    template = card_template(post.card.template_id)
    field = template.field(name) if template is not None else None
    if field is not None:
        return field.display_label()
    return name.replace("_", " ").capitalize()


def render_caption(template_id: str, post: Post, hashtag_set: str | None) -> tuple[str, list[str]]:
    """Fill a caption template; a value the post does not have yet becomes a visible
    "[Tempat]" to replace, never a failure. Returns the text and the labels left to fill."""
    extra: dict[str, str] = {}
    for _ in range(64):
        try:
            text = fill_caption_template(template_id, post, hashtag_set, extra=extra)
        except CaptionTemplateError as err:
            name = str(err.params.get("field", ""))
            if (
                err.message_id != "checks.template_undefined"
                or not name
                or name in extra
                or name == "?"
            ):
                raise
            extra[name] = f"[{template_variable_label(name, post)}]"
            continue
        return text, [v[1:-1] for v in extra.values()]
    raise CaptionTemplateError(
        "checks.template_undefined", template=template_id, line=0, field=", ".join(extra)
    )


# -- cards ------------------------------------------------------------------------------------
def card_templates() -> list:
    return list_templates()


def card_template(template_id: str):
    """The card template, None when none is chosen or it is unknown or broken (the panel then
    shows nothing)."""
    return postcard.template_or_none(template_id) if template_id else None


@cache
def _brand_cached(key: str):
    return postcard.brand_with(json.loads(key))


def brand_for(workspace):
    try:
        overlay = workspace.team_settings().brand if workspace is not None else {}
    except Exception:
        overlay = {}
    return _brand_cached(json.dumps(overlay or {}, sort_keys=True))


def format_spec(format_id: str):
    return default_catalog().formats.get(format_id)


def format_order() -> list[str]:
    """The formats the switcher offers, in the platform data's order."""
    return default_catalog().format_order()


def format_label(format_id: str) -> str:
    spec = format_spec(format_id)
    return spec.label if spec else format_id


def media_for(post: Post, sha: str) -> Media | None:
    return next((m for m in post.media if m.sha256 == sha), None)


def photo_media(post: Post, field_id: str) -> Media | None:
    """The media a photo field refers to (its value is the media's SHA-256)."""
    value = post.card.fields.get(field_id)
    if isinstance(value, str) and SHA_RE.match(value):
        return media_for(post, value)
    return None


@dataclass
class RenderJob:
    """Everything a preview render needs, frozen at request time (safe to use off-thread)."""

    template_id: str
    fields: dict[str, Any]
    format_id: str
    scale: float
    brand: Any
    generation: int = 0
    photo_box: tuple[float, float, float, float] | None = None
    photo_size: tuple[int, int] | None = None
    extras: dict = field(default_factory=dict)


def resolve_card_fields(post: Post, template, workspace) -> dict[str, Any]:
    """The post's card field values as the renderer takes them: the same resolution as the
    export (library photos by SHA-256 -> path and focal point; empty fields follow the post),
    so the preview shows what will be exported."""
    if template is None:
        return {}
    # a missing library photo (or no workspace yet): the preview goes on without it
    resolved = postcard.card_fields(workspace, post, template, missing_ok=True)
    values: dict[str, Any] = {}
    for spec in template.fields:
        value = resolved.get(spec.id)
        if value in (None, ""):
            continue
        if spec.type == "figures" and isinstance(value, str):
            text = value.strip()
            if text and not text.startswith("["):
                text = ";".join(line for line in text.splitlines() if line.strip())
            value = text
        elif spec.type == "photo" and not isinstance(value, dict):
            continue
        values[spec.id] = value
    return values


def render_preview(job: RenderJob):
    """Render one card for the preview (runs on the render worker)."""
    return render(job.template_id, job.fields, job.brand, job.format_id, job.scale)


def photo_layer_rect(template, format_id: str, field_id: str) -> tuple[float, ...] | None:
    """The fractional rect [x, y, w, h] a photo field fills in a format (largest layer)."""
    if template is None:
        return None
    best = None
    for layer in template.layers_for(format_id):
        if (
            layer.get("type") == "photo"
            and layer.get("field") == field_id
            and not layer.get("hidden")
        ):
            rect = tuple(layer.get("rect") or (0, 0, 1, 1))
            if best is None or rect[2] * rect[3] > best[2] * best[3]:
                best = rect
    return best


def focal_from_click(
    u: float, v: float, photo_rect, src_size, out_size, focal
) -> tuple[float, float]:
    """Where a click at card fraction (u, v) lands in the photo, as a new focal point (0..1).

    ``photo_rect`` is the photo layer's fractional rect; the photo is cover-cropped around the
    current ``focal`` point, so the clicked pixel of the source is found through that crop.
    """
    x, y, w, h = photo_rect
    lu = min(max((u - x) / w, 0.0), 1.0) if w else 0.5
    lv = min(max((v - y) / h, 0.0), 1.0) if h else 0.5
    sw, sh = src_size
    ow, oh = out_size
    x0, y0, x1, y1 = cover_box(sw, sh, max(1, ow), max(1, oh), focal[0], focal[1])
    sx = x0 + lu * (x1 - x0)
    sy = y0 + lv * (y1 - y0)
    return (round(min(max(sx / sw, 0.0), 1.0), 4), round(min(max(sy / sh, 0.0), 1.0), 4))


def focal_to_card(photo_rect, src_size, out_size, focal) -> tuple[float, float] | None:
    """Where the focal point appears on the card (fractions), or None when cropped away."""
    x, y, w, h = photo_rect
    sw, sh = src_size
    x0, y0, x1, y1 = cover_box(sw, sh, max(1, out_size[0]), max(1, out_size[1]), *focal)
    lu = (focal[0] * sw - x0) / max(1e-6, x1 - x0)
    lv = (focal[1] * sh - y0) / max(1e-6, y1 - y0)
    if not (0 <= lu <= 1 and 0 <= lv <= 1):
        return None
    return (x + lu * w, y + lv * h)


def report_warnings(report) -> list[str]:
    """Plain-language warnings from a card layout report (overflow, upscaled photo, ...)."""
    if report is None:
        return []
    out = list(report.warnings)
    for box in report.text_boxes:
        if box.overflow:
            text = t("cards.text_overflow", field=box.field or box.layer)
            if text not in out:
                out.append(text)
    return out


def import_photo_isolated(workspace, path: str | Path) -> Media:
    """Import a photo on a worker thread through its own store connection (the GUI thread's
    connection may be inside a save transaction at the same moment) -- the workspace's own
    kind of library, so on a team desk the photo's bytes go to the server."""
    with workspace.worker_repository() as repository:
        return workspace.media.for_repository(repository).import_file(path)
