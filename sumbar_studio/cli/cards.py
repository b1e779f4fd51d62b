"""Card commands: ``render``, ``templates`` and ``gallery``. Thin: parse, call core.cards, print."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.errors import InvalidInput
from ..core.i18n import t


def register(subparsers) -> None:
    """Add ``render``, ``templates`` and ``gallery`` to ``subparsers``."""
    p = subparsers.add_parser("render", help=t("cards.render_help"))
    p.add_argument("--template", "-t", required=True, help=t("cards.template_help"))
    p.add_argument("--format", "-f", dest="format_id", default="4x5", help=t("cards.format_help"))
    p.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="KOLOM=NILAI",
        help=t("cards.set_help"),
    )
    p.add_argument("--photo", type=Path, help=t("cards.photo_help"))
    p.add_argument("--focal", help=t("cards.focal_help"))
    p.add_argument("--output", "-o", type=Path, required=True, help=t("cards.output_help"))
    p.add_argument("--scale", type=float, default=1.0, help=t("cards.scale_help"))
    p.add_argument("--draft", action="store_true", help=t("cards.draft_help"))
    p.add_argument("--brand", type=Path, help=t("cards.brand_help"))
    p.add_argument("--allow-overflow", action="store_true", help=t("cards.allow_overflow_help"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(func=cmd_render)

    p = subparsers.add_parser("templates", help=t("cards.templates_help"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(func=cmd_templates)

    p = subparsers.add_parser("gallery", help=t("cards.gallery_help"))
    p.add_argument("--out", type=Path, required=True, help=t("cards.out_help"))
    p.add_argument(
        "--template", "-t", action="append", dest="templates", help=t("cards.template_help")
    )
    p.add_argument("--format", "-f", action="append", dest="formats", help=t("cards.format_help"))
    p.add_argument("--brand", type=Path, help=t("cards.brand_help"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(func=cmd_gallery)


# --------------------------------------------------------------------------------------


def parse_sets(items: list[str]) -> dict[str, Any]:
    """``title=Rapat`` and ``person.name=...``/``person.role=...`` into a fields dict."""
    fields: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InvalidInput("cards.set_invalid", value=item)
        value = value.replace("\\n", "\n")
        if "." in key:
            base, part = key.split(".", 1)
            target = fields.setdefault(base, {})
            if not isinstance(target, dict):
                raise InvalidInput("cards.set_invalid", value=item)
            target[part] = value
        else:
            fields[key] = value
    return fields


def parse_focal(text: str | None) -> tuple[float, float]:
    if not text:
        return 0.5, 0.5
    try:
        x, y = (float(v) for v in text.replace(";", ",").split(","))
    except ValueError:
        raise InvalidInput("cards.focal_invalid", value=text) from None
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise InvalidInput("cards.focal_invalid", value=text)
    return x, y


def _output_for(base: Path, template_id: str, format_id: str, many: bool) -> Path:
    if not many:
        return base
    text = str(base)
    if "{format}" in text:
        return Path(text.replace("{format}", format_id))
    if base.is_dir() or text.endswith(("/", "\\")) or not base.suffix:
        return base / f"{template_id}-{format_id}.jpg"
    return base.with_name(f"{base.stem}-{format_id}{base.suffix}")


def _decode_photo_ahead(photo: Path, format_id: str, scale: float) -> None:
    """Start decoding the photo on a worker thread now, while the renderer is imported and the
    card laid out (a 12 MP JPEG is most of a render's time; Pillow decodes without the GIL). A
    guess at the card's draft scale: the renderer takes it only when it is exactly what it
    would decode itself (core.imaging.take_decoded)."""
    from PIL import Image

    from ..core.imaging import decode_ahead
    from ..core.platforms import default_catalog

    fmt = default_catalog().formats.get(format_id)
    if fmt is None:
        return
    # imports hold the GIL: the first open's format plugins are imported here, not on the
    # worker (the renderer needs them too)
    Image.preinit()
    decode_ahead(photo, (round(fmt.width * scale), round(fmt.height * scale)))  # the whole card


def cmd_render(args, ctx) -> int:
    if args.photo is None or args.format_id == "all" or not 0.05 <= args.scale <= 4:
        return _render(args, ctx)
    try:
        _decode_photo_ahead(args.photo, args.format_id, args.scale)
    except Exception:  # noqa: BLE001, S110 - only a head start: the render says what is wrong
        pass
    try:
        return _render(args, ctx)
    finally:
        from ..core.imaging import discard_decoded

        discard_decoded(args.photo)


def _render(args, ctx) -> int:
    from ..core.cards import PhotoRef, load_brand, load_template, render_formats, save_image

    template = load_template(args.template)
    brand = load_brand(args.brand)
    fields = parse_sets(args.assignments)
    focal = parse_focal(args.focal)
    if args.photo is not None:
        photo_fields = template.photo_fields
        if not photo_fields:
            raise InvalidInput("cards.no_photo_field", template=template.id)
        fields[photo_fields[0]] = PhotoRef(args.photo, *focal)
    elif args.focal:
        for fid in template.photo_fields:
            if isinstance(fields.get(fid), str):
                fields[fid] = PhotoRef(fields[fid], *focal)
    many = args.format_id == "all"
    format_ids = list(template.formats) if many else [args.format_id]
    draft = "DRAF — BELUM DISETUJUI" if args.draft else None
    # render everything first: a failure (bad photo, overflow) writes nothing
    results = render_formats(
        template, fields, brand, format_ids, args.scale, draft_mark=draft, strict=True
    )
    overflowing = sorted(
        {b.field or b.layer for r in results.values() for b in r.report.text_boxes if b.overflow}
    )
    if overflowing and not args.allow_overflow:
        raise InvalidInput("cards.overflow_refused", fields=", ".join(overflowing))
    written = []
    for fid, result in results.items():
        out = _output_for(args.output, template.id, fid, many)
        kind = "png" if out.suffix.lower() == ".png" else "jpeg"
        save_image(result.image, out, kind)
        written.append((out, result))
    if args.json:
        ctx.print_json([{"path": str(p), **r.report.to_dict()} for p, r in written])
        return 0
    for out, result in written:
        w, h = result.image.size
        ctx.print(t("cards.rendered", path=str(out), width=w, height=h))
        for warning in result.report.warnings:
            ctx.print(t("cards.warning", text=warning))
    return 0


def cmd_templates(args, ctx) -> int:
    from ..core.cards import list_templates

    templates = list_templates()
    if args.json:
        ctx.print_json(
            [
                {
                    "id": tp.id,
                    "version": tp.version,
                    "name": tp.name,
                    "description": tp.description,
                    "formats": list(tp.formats),
                    "fields": [f.to_dict() for f in tp.fields],
                }
                for tp in templates
            ]
        )
        return 0
    ctx.print(t("cards.templates_header"))
    for tp in templates:
        ctx.print(f"\n{tp.id} — {tp.name} (v{tp.version})")
        if tp.display_description():
            ctx.print(f"  {tp.display_description()}")
        ctx.print(f"  format: {', '.join(tp.formats)}")
        for f in tp.fields:
            mark = "*" if f.required else " "
            ctx.print(f"  {mark} {f.id:<14} {f.type:<10} {f.display_label()}")
    return 0


def cmd_gallery(args, ctx) -> int:
    from ..core.cards import load_brand, load_template
    from ..core.cards.gallery import render_gallery

    templates = [load_template(tid) for tid in args.templates] if args.templates else None
    done, sheet = render_gallery(args.out, load_brand(args.brand), templates, args.formats)
    if args.json:
        ctx.print_json(
            {
                "sheet": str(sheet),
                "cards": [
                    {
                        "template": tid,
                        "variant": v,
                        "format": fid,
                        "path": str(p),
                        "overflow": r.report.overflow,
                        "warnings": r.report.warnings,
                    }
                    for tid, v, fid, p, r in done
                ],
            }
        )
        return 0
    for tid, variant, fid, path, result in done:
        flag = " (overflow)" if result.report.overflow else ""
        ctx.print(f"{tid:<11} {variant:<8} {fid:<6} {path.name}{flag}")
    ctx.print(t("cards.gallery_done", count=len(done), folder=str(args.out), sheet=str(sheet)))
    return 0
