"""Field values for a card: checked against the template's declarations and normalised.

Dates and times arrive as ISO text (``"2026-12-07"``, ``"09:00"``) or ``date``/``time`` objects
and are formatted per EYD by :mod:`core.timeutil` (Babel), never by hand-written tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..errors import InvalidInput
from .photo import PhotoRef
from .template import CardTemplate


def _timeutil():
    """core.timeutil (zoneinfo, date patterns), imported for the first date or time field."""
    from .. import timeutil

    return timeutil


@dataclass(frozen=True)
class Figure:
    """One key figure of an infographic: its value, label and unit."""

    value: str
    label: str
    unit: str = ""


def _empty(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or (isinstance(value, list | tuple | dict) and not value)
    )


def parse_figures(value: Any, field_id: str) -> list[Figure]:
    """A list of ``{value, label, unit?}`` or the CLI's ``"65|Anggota;8|Fraksi|fraksi"``."""
    items: list[Any]
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            import json

            try:
                items = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InvalidInput(
                    "cards.figures_invalid", field=field_id, reason=exc.msg
                ) from None
        else:
            items = []
            for part in text.split(";"):
                if not part.strip():
                    continue
                bits = [b.strip() for b in part.split("|")]
                if len(bits) < 2:
                    raise InvalidInput(
                        "cards.figures_invalid",
                        field=field_id,
                        reason=f'"{part.strip()}" perlu bentuk nilai|label',
                    )
                items.append(
                    {"value": bits[0], "label": bits[1], "unit": bits[2] if len(bits) > 2 else ""}
                )
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise InvalidInput(
            "cards.figures_invalid", field=field_id, reason="harus daftar angka kunci"
        )
    figures: list[Figure] = []
    for i, item in enumerate(items):
        if isinstance(item, Figure):
            figures.append(item)
            continue
        if not isinstance(item, dict) or _empty(item.get("value")) or _empty(item.get("label")):
            raise InvalidInput(
                "cards.figures_invalid",
                field=field_id,
                reason=f'butir {i + 1} perlu "value" dan "label"',
            )
        figures.append(
            Figure(
                str(item["value"]).strip(),
                str(item["label"]).strip(),
                str(item.get("unit") or "").strip(),
            )
        )
    if not 3 <= len(figures) <= 5:
        raise InvalidInput("cards.figures_count", field=field_id, count=len(figures))
    return figures


def normalize_fields(
    template: CardTemplate, values: dict[str, Any], strict: bool = False
) -> tuple[dict[str, Any], list[str]]:
    """(normalised values, missing required field ids). Unknown fields are always an error;
    missing required ones only when ``strict`` (a preview shows placeholders instead)."""
    out: dict[str, Any] = {}
    for key in values:
        if template.field(key) is None:
            known = ", ".join(f.id for f in template.fields)
            raise InvalidInput("cards.field_unknown", field=key, template=template.id, known=known)
    missing: list[str] = []
    for f in template.fields:
        raw = values.get(f.id)
        if _empty(raw) or (
            f.type == "person" and isinstance(raw, dict) and _empty(raw.get("name"))
        ):
            if f.required:
                missing.append(f.id)
            continue
        if f.type in ("text", "multiline", "place"):
            text = str(raw).replace("\r\n", "\n").strip()
            if f.type != "multiline":
                text = " ".join(text.split())
            out[f.id] = text
        elif f.type == "date":
            if isinstance(raw, datetime):
                out[f.id] = raw.date()
            elif isinstance(raw, date):
                out[f.id] = raw
            else:
                out[f.id] = _timeutil().parse_date(str(raw))
        elif f.type == "time":
            if isinstance(raw, time):
                out[f.id] = raw
            elif isinstance(raw, datetime):
                out[f.id] = raw.time()
            else:
                out[f.id] = _timeutil().parse_time(str(raw))
        elif f.type == "person":
            if isinstance(raw, dict):
                out[f.id] = {
                    "name": " ".join(str(raw.get("name", "")).split()),
                    "role": " ".join(str(raw.get("role", "") or "").split()),
                }
            else:
                out[f.id] = {"name": " ".join(str(raw).split()), "role": ""}
        elif f.type == "photo":
            if not isinstance(raw, PhotoRef | str | Path | dict):
                raise InvalidInput("cards.photo_invalid", field=f.id)
            out[f.id] = PhotoRef.coerce(raw)
        elif f.type == "figures":
            out[f.id] = parse_figures(raw, f.id)
    if strict and missing:
        labels = ", ".join(f"{template.field(m).label} ({m})" for m in missing)  # type: ignore[union-attr]
        raise InvalidInput("cards.field_required", fields=labels, template=template.id)
    return out, missing


def field_text(values: dict[str, Any], ref: str, fmt: str | None = None) -> str | None:
    """Display text of a field reference (``title``, ``person.name``, ``date``)."""
    base, _, part = ref.partition(".")
    value = values.get(base)
    if value is None:
        return None
    if isinstance(value, dict):  # person
        text = value.get(part or "name") or ""
        return text or None
    if isinstance(value, date):
        if fmt == "plain":
            return _timeutil().format_plain_date(value, "id")
        if fmt == "news":
            return _timeutil().format_news_date(value)
        return _timeutil().format_long_date(value, "id")
    if isinstance(value, time):
        tu = _timeutil()
        return tu.format_clock(value) if fmt == "clock" else tu.format_wib_time(value, "id")
    if isinstance(value, str):
        return value or None
    return None
