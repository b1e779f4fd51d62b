"""The card of a post: which template and formats, the field values a renderer gets, the
brand it is drawn in, and the renderer's layout reports.

One home for what export, approval, the plan, the CLI and the UI all need to know about a
post's card (before, each reached into core/export). Qt-free, and light: card rendering
modules load on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SumbarError
from .media import media_sha
from .model import Post

if TYPE_CHECKING:
    from .cards.brand import Brand
    from .cards.template import CardTemplate

DEFAULT_TEMPLATE = "berita"


def brand_with(overlay: dict[str, Any] | None) -> Brand:
    """The default brand kit with a team's overrides (``TeamSettings.brand``) laid over it."""
    from .cards import load_brand

    brand = load_brand()
    return brand.overlay(overlay) if overlay else brand


def workspace_brand(workspace) -> Brand:
    """The brand of ``workspace`` (``Workspace.brand()``): the default kit overlaid with the
    team's settings."""
    return brand_with(workspace.team_settings().brand)


def template_or_none(template_id: str) -> CardTemplate | None:
    """The post's card template, or None when it is unknown or broken (the bundle then gets a
    basic card, the plan a photo thumbnail, the checklist no layout report)."""
    from .cards import load_template

    try:
        return load_template(template_id or DEFAULT_TEMPLATE)
    except SumbarError:
        return None


def formats_for(platform_formats: Sequence[str], post: Post, template) -> list[str]:
    """The card formats to render for a platform offering ``platform_formats``: those the
    template has, narrowed to the post's chosen formats when any of them fit."""
    allowed = list(platform_formats)
    if template is not None:
        allowed = [f for f in allowed if f in template.formats] or allowed
    if post.card.formats:
        chosen = [f for f in allowed if f in post.card.formats]
        if chosen:
            return chosen
    return allowed


def photo_value(
    workspace,
    post: Post,
    value: Any,
    *,
    verify: bool = False,
    copy_to: Path | None = None,
    missing_ok: bool = False,
) -> Any:
    """A card field referring to a library photo (by SHA-256) -> a path with its focal point.

    ``verify`` checks the file's bytes against its hash when read; ``copy_to`` (an export's
    private working folder) renders from a verified copy, so the bytes checked are the bytes
    rendered. ``missing_ok`` (a preview): a photo that cannot be found, or no workspace, gives
    None instead of an error. Anything else is returned unchanged (text fields)."""
    sha = media_sha(value)
    if sha is None:
        return value
    if workspace is None and missing_ok:
        return None
    media = next((m for m in post.media if m.sha256 == sha), None)
    name = media.filename if media else ""
    try:
        if copy_to is not None:
            path = workspace.media.verified_copy(sha, copy_to, name=name)
        elif verify:
            path = workspace.media.verified_path(sha, name=name)
        else:
            path = workspace.media.path_for(sha)
    except (SumbarError, OSError):
        if missing_ok:
            return None
        raise
    return {
        "path": str(path),
        "focal_x": media.focal_x if media else 0.5,
        "focal_y": media.focal_y if media else 0.5,
    }


def card_fields(
    workspace,
    post: Post,
    template=None,
    *,
    verify: bool = False,
    copy_to: Path | None = None,
    missing_ok: bool = False,
) -> dict[str, Any]:
    """The card's field values ready for a renderer in any process: library photos resolved
    to ``{"path", "focal_x", "focal_y"}`` and empty fields following the post.

    A photo field that does not name a library photo by hash (a path typed into an old
    version, a crafted value) is dropped, never read: the card then follows the post's first
    photo like an empty field. ``verify``/``copy_to``/``missing_ok``: see
    :func:`photo_value` (a photo missing with ``missing_ok`` is left out)."""
    photo_ids = {f.id for f in template.fields if f.type == "photo"} if template else set()
    fields = {}
    for k, v in post.card.fields.items():
        if (k in photo_ids or isinstance(v, dict)) and media_sha(v) is None:
            continue
        value = photo_value(
            workspace, post, v, verify=verify, copy_to=copy_to, missing_ok=missing_ok
        )
        if value is None and media_sha(v) is not None:  # missing, with missing_ok
            continue
        fields[k] = value
    if template is not None:
        default_fields(
            template, post, fields, workspace, verify=verify, copy_to=copy_to, missing_ok=missing_ok
        )
    return fields


def default_fields(
    template,
    post: Post,
    fields: dict[str, Any],
    workspace,
    *,
    verify: bool = False,
    copy_to: Path | None = None,
    missing_ok: bool = False,
) -> None:
    """Card fields the officer left empty follow the post (title, place, date, first photo)."""
    from_post = {
        "title": post.title,
        "place": post.place,
        "date": post.event_date.isoformat() if post.event_date else None,
    }
    for f in template.fields:
        if fields.get(f.id) not in (None, ""):
            continue
        if f.type == "photo" and post.media:
            value = photo_value(
                workspace,
                post,
                post.media[0].sha256,
                verify=verify,
                copy_to=copy_to,
                missing_ok=missing_ok,
            )
            if value is not None:
                fields[f.id] = value
        elif from_post.get(f.id):
            fields[f.id] = from_post[f.id]


def post_card_reports(workspace, post: Post, scale: float = 0.5) -> dict[str, Any]:
    """Layout reports of the post's card in each of its formats, rendered at ``scale``
    (overflow, contrast, upscaling) for the checklist when no full render is at hand."""
    template = template_or_none(post.card.template_id) if post.card.template_id else None
    if template is None:
        return {}
    formats = [f for f in (post.card.formats or template.formats) if f in template.formats]
    from .cards import render_formats

    fields = card_fields(workspace, post, template, verify=True)
    brand = workspace_brand(workspace)
    rendered = render_formats(template, fields, brand, formats, scale=scale)
    return {fid: r.report for fid, r in rendered.items()}
