"""Card templates as data (``templates/cards/<id>.json``), validated on load.

A template declares its fields (what an officer fills in) and its layers (what is drawn), with
positions relative to the canvas (``rect: [x, y, w, h]`` as fractions) and per-format
``overrides`` that re-compose the card for each shape. Colours and fonts are brand tokens only.
Sizes (font sizes, gaps, radii) are in units ``u``: pixels on a canvas whose short side is 1080.

Every problem raises :class:`TemplateError` (``cards.template_invalid``) naming the file, the
path in the document (``layers[3].font``) and the reason.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import TemplateError
from ..i18n import language, t
from ..platforms import default_catalog
from ..resources import template_path
from .brand import FONT_TOKEN_RE, TOKEN_RE, Brand, load_brand

FIELD_TYPES = ("text", "multiline", "date", "time", "place", "person", "photo", "figures")
LAYER_TYPES = (
    "background",
    "shape",
    "stripe",
    "photo",
    "member_photo",
    "logo",
    "text",
    "stack",
    "figures",
)
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
PLACEHOLDER_RE = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")
BRAND_PLACEHOLDERS = {
    "brand.name",
    "brand.short_name",
    "brand.tagline",
    "brand.website",
    "brand.handles",
    "brand.hashtags",
}


@dataclass(frozen=True)
class CardField:
    id: str
    type: str
    label: str
    required: bool = False
    max_length: int | None = None
    help: str = ""
    label_en: str = ""
    help_en: str = ""

    def display_label(self, lang: str | None = None) -> str:
        """The label in the user's language (English when the template provides it)."""
        return self.label_en if (lang or language()) == "en" and self.label_en else self.label

    def display_help(self, lang: str | None = None) -> str:
        return self.help_en if (lang or language()) == "en" and self.help_en else self.help

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "label": self.label,
            "required": self.required,
            "max_length": self.max_length,
            "help": self.help,
        }


@dataclass(frozen=True)
class CardTemplate:
    id: str
    version: int
    name: str
    description: str
    fields: tuple[CardField, ...]
    formats: tuple[str, ...]
    layers: tuple[dict[str, Any], ...]
    overrides: dict[str, dict[str, dict[str, Any]]]
    source: str = ""
    samples: dict[str, Any] = field(default_factory=dict, compare=False)
    description_en: str = ""

    def display_description(self, lang: str | None = None) -> str:
        if (lang or language()) == "en" and self.description_en:
            return self.description_en
        return self.description

    def field(self, field_id: str) -> CardField | None:
        for f in self.fields:
            if f.id == field_id:
                return f
        return None

    @property
    def photo_fields(self) -> list[str]:
        return [f.id for f in self.fields if f.type == "photo"]

    def layers_for(self, format_id: str) -> list[dict[str, Any]]:
        """The layers with this format's overrides applied (deep copies)."""
        patches = self.overrides.get(format_id, {})

        def patched(layer: dict[str, Any]) -> dict[str, Any]:
            out = {k: v for k, v in layer.items() if k != "items"}
            out.update(copy.deepcopy(patches.get(layer["id"], {})))
            if "items" in layer:
                out["items"] = [patched(item) for item in layer["items"]]
            return out

        return [patched(layer) for layer in self.layers]


# --------------------------------------------------------------------------------------
# validation helpers
class _Invalid(Exception):
    """A template problem at ``path``; ``key`` names its reason in the ``card_template``
    message domain (assets/i18n/{id,en}/card_template.json)."""

    def __init__(self, path: str, key: str, **params: Any):
        # ``path`` is always passed, so the catalogue's escaped braces ({{...}}) are unescaped
        reason = t(f"card_template.{key}", path=path, **params)
        super().__init__(reason)
        self.path = path
        self.reason = reason


def _num(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Checker:
    def __init__(self, brand: Brand, field_types: dict[str, str]):
        self.colors = set(brand.colors)
        self.fonts = set(brand.fonts)
        self.field_types = field_types

    def color(self, path: str, value: Any) -> None:
        if not isinstance(value, str):
            raise _Invalid(path, "color_type")
        match = TOKEN_RE.match(value)
        if not match:
            raise _Invalid(path, "color_literal", value=repr(value))
        if match.group(1) not in self.colors:
            raise _Invalid(
                path, "color_unknown", value=repr(value), known=", ".join(sorted(self.colors))
            )

    def font(self, path: str, value: Any) -> None:
        if not isinstance(value, str) or not FONT_TOKEN_RE.match(value):
            raise _Invalid(path, "font_literal", value=repr(value))
        if value[1:] not in self.fonts:
            raise _Invalid(
                path, "font_unknown", value=repr(value), known=", ".join(sorted(self.fonts))
            )

    @staticmethod
    def rect(path: str, value: Any, bleed: bool = False) -> None:
        if not (isinstance(value, list) and len(value) == 4 and all(_num(v) for v in value)):
            raise _Invalid(path, "rect_shape")
        x, y, w, h = value
        eps = 1e-6
        if w <= 0 or h <= 0:
            raise _Invalid(path, "rect_empty")
        if bleed:  # decorative shapes may run off the edge, but must touch the canvas
            if (
                x >= 1
                or y >= 1
                or x + w <= 0
                or y + h <= 0
                or x < -1
                or y < -1
                or x + w > 2
                or y + h > 2
            ):
                raise _Invalid(path, "rect_outside", value=str(value))
            return
        if x < -eps or y < -eps or x + w > 1 + eps or y + h > 1 + eps:
            raise _Invalid(path, "rect_overflow", value=str(value))

    @staticmethod
    def size(path: str, value: Any) -> None:
        if not (isinstance(value, list) and len(value) == 2 and all(_num(v) for v in value)):
            raise _Invalid(path, "size_shape")
        if not 0 < value[0] <= value[1]:
            raise _Invalid(path, "size_order", value=str(value))

    @staticmethod
    def number(path: str, value: Any, lo: float = 0, hi: float = 10_000) -> None:
        if not _num(value) or not lo <= value <= hi:
            raise _Invalid(path, "number_range", lo=lo, hi=hi)

    @staticmethod
    def choice(path: str, value: Any, choices: tuple[str, ...]) -> None:
        if value not in choices:
            raise _Invalid(path, "choice", value=repr(value), choices=", ".join(choices))

    @staticmethod
    def boolean(path: str, value: Any) -> None:
        if not isinstance(value, bool):
            raise _Invalid(path, "boolean")

    @staticmethod
    def string(path: str, value: Any) -> None:
        if not isinstance(value, str):
            raise _Invalid(path, "text")

    def field_ref(self, path: str, value: Any, types: tuple[str, ...]) -> None:
        base = value.split(".")[0] if isinstance(value, str) else None
        if base not in self.field_types:
            raise _Invalid(path, "field_undeclared", value=repr(value))
        if self.field_types[base] not in types:
            raise _Invalid(
                path,
                "field_type",
                value=repr(value),
                type=self.field_types[base],
                needed="/".join(types),
            )
        if "." in value and (
            self.field_types[base] != "person" or value.split(".", 1)[1] not in ("name", "role")
        ):
            raise _Invalid(path, "field_part", value=repr(value))

    def gradient(self, path: str, value: Any) -> None:
        if not isinstance(value, dict):
            raise _Invalid(path, "gradient_shape")
        for key in value:
            if key not in ("from", "to", "direction", "start", "end"):
                raise _Invalid(f"{path}.{key}", "key_unknown")
        for key in ("from", "to"):
            if key not in value:
                raise _Invalid(f"{path}.{key}", "required")
            self.color(f"{path}.{key}", value[key])
        if "direction" in value:
            self.choice(
                f"{path}.direction", value["direction"], ("vertical", "horizontal", "diagonal")
            )
        for key in ("start", "end"):
            if key in value:
                self.number(f"{path}.{key}", value[key], 0, 1)

    def chip(self, path: str, value: Any) -> None:
        if not isinstance(value, dict):
            raise _Invalid(path, "chip_shape")
        for key, v in value.items():
            p = f"{path}.{key}"
            if key == "fill":
                self.color(p, v)
            elif key == "pad":
                if not (isinstance(v, list) and len(v) == 2 and all(_num(n) for n in v)):
                    raise _Invalid(p, "pad_shape")
            elif key == "radius":
                self.number(p, v)
            else:
                raise _Invalid(p, "key_unknown")
        if "fill" not in value:
            raise _Invalid(f"{path}.fill", "required")

    def text_source(self, path: str, layer: dict[str, Any]) -> None:
        if "text" in layer:
            self.string(f"{path}.text", layer["text"])
            for name in PLACEHOLDER_RE.findall(layer["text"]):
                if name in BRAND_PLACEHOLDERS:
                    continue
                self.field_ref(
                    f"{path}.text", name, ("text", "multiline", "date", "time", "place", "person")
                )


Spec = dict[str, Callable[[_Checker, str, Any], None]]

_COMMON: Spec = {
    "id": lambda c, p, v: None,
    "type": lambda c, p, v: None,
    "hidden": lambda c, p, v: c.boolean(p, v),
    "when": lambda c, p, v: c.field_ref(p, v, FIELD_TYPES),
    "unless": lambda c, p, v: c.field_ref(p, v, FIELD_TYPES),
    "rect": lambda c, p, v: c.rect(p, v),
    "comment": lambda c, p, v: c.string(p, v),
}

_TEXT: Spec = {
    "field": lambda c, p, v: c.field_ref(
        p, v, ("text", "multiline", "date", "time", "place", "person")
    ),
    "text": lambda c, p, v: c.string(p, v),
    "font": lambda c, p, v: c.font(p, v),
    "color": lambda c, p, v: c.color(p, v),
    "size": lambda c, p, v: c.size(p, v),
    "align": lambda c, p, v: c.choice(p, v, ("left", "center", "right")),
    "valign": lambda c, p, v: c.choice(p, v, ("top", "middle", "bottom")),
    "line_height": lambda c, p, v: c.number(p, v, 0.8, 3),
    "max_lines": lambda c, p, v: c.number(p, v, 1, 40),
    "balance": lambda c, p, v: c.boolean(p, v),
    "hyphenate": lambda c, p, v: c.boolean(p, v),
    "transform": lambda c, p, v: c.choice(p, v, ("none", "upper")),
    "format": lambda c, p, v: c.choice(p, v, ("long", "plain", "news", "wib", "clock")),
    "prefix": lambda c, p, v: c.string(p, v),
    "suffix": lambda c, p, v: c.string(p, v),
    "chip": lambda c, p, v: c.chip(p, v),
    "tracking": lambda c, p, v: c.number(p, v, 0, 0.5),
    "ink": lambda c, p, v: c.boolean(p, v),
    # inside a stack
    "grow": lambda c, p, v: c.boolean(p, v),
    "max_h": lambda c, p, v: c.number(p, v, 0.01, 1),
    "gap_before": lambda c, p, v: c.number(p, v, 0, 1000),
}


def _check_colors(c: _Checker, p: str, v: Any) -> None:
    """A stripe's colours: a non-empty list of brand colour tokens."""
    if not (isinstance(v, list) and v):
        raise _Invalid(p, "color_list")
    for i, x in enumerate(v):
        c.color(f"{p}[{i}]", x)


_SPECS: dict[str, tuple[Spec, tuple[str, ...]]] = {
    "background": (
        {
            "fill": lambda c, p, v: c.color(p, v),
            "gradient": lambda c, p, v: c.gradient(p, v),
        },
        (),
    ),
    "shape": (
        {
            "shape": lambda c, p, v: c.choice(p, v, ("rect", "circle", "line")),
            "fill": lambda c, p, v: c.color(p, v),
            "gradient": lambda c, p, v: c.gradient(p, v),
            "outline": lambda c, p, v: c.color(p, v),
            "width": lambda c, p, v: c.number(p, v, 0, 200),
            "radius": lambda c, p, v: c.number(p, v, 0, 2000),
        },
        ("rect",),
    ),
    "stripe": (
        {
            "orientation": lambda c, p, v: c.choice(p, v, ("horizontal", "vertical")),
            "colors": lambda c, p, v: _check_colors(c, p, v),
        },
        ("rect",),
    ),
    "photo": (
        {
            "field": lambda c, p, v: c.field_ref(p, v, ("photo",)),
            "shade": lambda c, p, v: c.gradient(p, v),
            "radius": lambda c, p, v: c.number(p, v, 0, 2000),
            "tint": lambda c, p, v: c.color(p, v),
            "grayscale": lambda c, p, v: c.boolean(p, v),
        },
        ("rect", "field"),
    ),
    "member_photo": (
        {
            "field": lambda c, p, v: c.field_ref(p, v, ("photo",)),
            "ring": lambda c, p, v: c.color(p, v),
            "ring_width": lambda c, p, v: c.number(p, v, 0, 200),
            "align": lambda c, p, v: c.choice(p, v, ("left", "center", "right")),
            "grayscale": lambda c, p, v: c.boolean(p, v),
        },
        ("rect", "field"),
    ),
    "logo": (
        {
            "align": lambda c, p, v: c.choice(p, v, ("left", "center", "right")),
            "valign": lambda c, p, v: c.choice(p, v, ("top", "middle", "bottom")),
        },
        ("rect",),
    ),
    "text": (_TEXT, ("rect", "font", "color", "size")),
    "stack": (
        {
            "valign": lambda c, p, v: c.choice(p, v, ("top", "middle", "bottom")),
            "gap": lambda c, p, v: c.number(p, v, 0, 1000),
            "items": lambda c, p, v: None,  # checked separately
        },
        ("rect", "items"),
    ),
    "figures": (
        {
            "field": lambda c, p, v: c.field_ref(p, v, ("figures",)),
            "value_font": lambda c, p, v: c.font(p, v),
            "label_font": lambda c, p, v: c.font(p, v),
            "value_color": lambda c, p, v: c.color(p, v),
            "label_color": lambda c, p, v: c.color(p, v),
            "value_size": lambda c, p, v: c.size(p, v),
            "label_size": lambda c, p, v: c.size(p, v),
            "card": lambda c, p, v: c.color(p, v),
            "accent": lambda c, p, v: c.color(p, v),
            "radius": lambda c, p, v: c.number(p, v, 0, 500),
            "gap": lambda c, p, v: c.number(p, v, 0, 500),
            "columns": lambda c, p, v: c.number(p, v, 1, 5),
            "align": lambda c, p, v: c.choice(p, v, ("left", "center")),
        },
        (
            "rect",
            "field",
            "value_font",
            "label_font",
            "value_color",
            "label_color",
            "value_size",
            "label_size",
        ),
    ),
}


def _check_layer(
    c: _Checker, path: str, layer: Any, ids: set[str], in_stack: bool = False, partial: bool = False
) -> None:
    """Check one layer. ``partial`` is for override patches: no required keys."""
    if not isinstance(layer, dict):
        raise _Invalid(path, "layer_object")
    if not partial:
        lid = layer.get("id")
        if not isinstance(lid, str) or not ID_RE.match(lid):
            raise _Invalid(f"{path}.id", "layer_id")
        if lid in ids:
            raise _Invalid(f"{path}.id", "layer_id_twice", value=repr(lid))
        ids.add(lid)
    ltype = layer.get("type", "text" if in_stack else None)
    if ltype not in LAYER_TYPES:
        raise _Invalid(
            f"{path}.type", "layer_type", value=repr(ltype), choices=", ".join(LAYER_TYPES)
        )
    if in_stack and ltype != "text":
        raise _Invalid(f"{path}.type", "stack_text_only")
    spec, required = _SPECS[ltype]
    if not partial:
        if ltype == "text" and in_stack:
            required = ("font", "color", "size")
        for key in required:
            if key not in layer:
                raise _Invalid(f"{path}.{key}", "required_for_layer", type=ltype)
        if ltype == "text" and ("field" in layer) == ("text" in layer):
            raise _Invalid(path, "text_source")
        if (
            ltype in ("background", "shape")
            and "fill" not in layer
            and "gradient" not in layer
            and "outline" not in layer
        ):
            raise _Invalid(f"{path}.fill", "fill_needed")
    for key, value in layer.items():
        check = spec.get(key) or _COMMON.get(key)
        if check is None or (in_stack and key == "rect"):
            raise _Invalid(f"{path}.{key}", "key_unknown_for_layer", type=ltype)
        if key == "rect" and ltype == "shape":
            c.rect(f"{path}.{key}", value, bleed=True)
            continue
        check(c, f"{path}.{key}", value)
    if ltype == "text":
        c.text_source(path, layer)
    if ltype == "stack":
        items = layer.get("items")
        if not partial:
            if not isinstance(items, list) or not items:
                raise _Invalid(f"{path}.items", "stack_items")
            grows = [
                i for i, item in enumerate(items) if isinstance(item, dict) and item.get("grow")
            ]
            if len(grows) > 1:
                raise _Invalid(f"{path}.items[{grows[1]}].grow", "stack_grow")
            for i, item in enumerate(items):
                _check_layer(c, f"{path}.items[{i}]", item, ids, in_stack=True)


def _fail(file: str, path: str, reason: str) -> TemplateError:
    return TemplateError(
        "cards.template_invalid",
        file=file,
        path=path,
        reason=reason,
        detail=f"{file}: {path}: {reason}",
    )


def parse_template(data: Any, file: str = "<templat>", brand: Brand | None = None) -> CardTemplate:
    """Validate a template document (already parsed from JSON) and build a CardTemplate."""
    brand = brand or load_brand()
    try:
        return _parse(data, file, brand)
    except _Invalid as err:
        raise _fail(file, err.path, err.reason) from None


def _parse(data: Any, file: str, brand: Brand) -> CardTemplate:
    if not isinstance(data, dict):
        raise _Invalid("$", "document")
    allowed = {
        "id",
        "version",
        "name",
        "description",
        "description_en",
        "fields",
        "formats",
        "layers",
        "overrides",
        "samples",
        "comment",
    }
    for key in data:
        if key not in allowed:
            raise _Invalid(key, "key_unknown_top")
    for key in ("id", "version", "name", "fields", "layers"):
        if key not in data:
            raise _Invalid(key, "required")
    tid = data["id"]
    if not isinstance(tid, str) or not ID_RE.match(tid):
        raise _Invalid("id", "template_id")
    if (
        not isinstance(data["version"], int)
        or isinstance(data["version"], bool)
        or data["version"] < 1
    ):
        raise _Invalid("version", "integer_min1")
    _Checker.string("name", data["name"])

    # fields
    if not isinstance(data["fields"], list) or not data["fields"]:
        raise _Invalid("fields", "fields_list")
    fields_out: list[CardField] = []
    types: dict[str, str] = {}
    for i, f in enumerate(data["fields"]):
        p = f"fields[{i}]"
        if not isinstance(f, dict):
            raise _Invalid(p, "field_object")
        for key in f:
            if key not in (
                "id",
                "type",
                "label",
                "label_en",
                "required",
                "max_length",
                "help",
                "help_en",
            ):
                raise _Invalid(f"{p}.{key}", "key_unknown")
        fid = f.get("id")
        if not isinstance(fid, str) or not ID_RE.match(fid):
            raise _Invalid(f"{p}.id", "field_id")
        if fid in types:
            raise _Invalid(f"{p}.id", "field_twice", value=repr(fid))
        if f.get("type") not in FIELD_TYPES:
            raise _Invalid(
                f"{p}.type",
                "field_type_unknown",
                value=repr(f.get("type")),
                choices=", ".join(FIELD_TYPES),
            )
        if not isinstance(f.get("label"), str):
            raise _Invalid(f"{p}.label", "field_label")
        if "required" in f and not isinstance(f["required"], bool):
            raise _Invalid(f"{p}.required", "boolean")
        if "max_length" in f and (not isinstance(f["max_length"], int) or f["max_length"] < 1):
            raise _Invalid(f"{p}.max_length", "integer_min1")
        types[fid] = f["type"]
        fields_out.append(
            CardField(
                fid,
                f["type"],
                f["label"],
                bool(f.get("required", False)),
                f.get("max_length"),
                str(f.get("help", "")),
                str(f.get("label_en", "")),
                str(f.get("help_en", "")),
            )
        )

    catalog = default_catalog()
    formats = data.get("formats", list(catalog.formats))
    if not isinstance(formats, list) or not formats:
        raise _Invalid("formats", "formats_list")
    for i, fid in enumerate(formats):
        if fid not in catalog.formats:
            raise _Invalid(
                f"formats[{i}]",
                "format_unknown",
                value=repr(fid),
                choices=", ".join(catalog.formats),
            )

    checker = _Checker(brand, types)
    layers = data["layers"]
    if not isinstance(layers, list) or not layers:
        raise _Invalid("layers", "layers_list")
    ids: set[str] = set()
    for i, layer in enumerate(layers):
        _check_layer(checker, f"layers[{i}]", layer, ids)

    # which type each layer id has, for override checks
    kinds: dict[str, tuple[str, bool]] = {}
    for layer in layers:
        kinds[layer["id"]] = (layer["type"], False)
        for item in layer.get("items", []):
            kinds[item["id"]] = ("text", True)

    overrides = data.get("overrides", {})
    if not isinstance(overrides, dict):
        raise _Invalid("overrides", "overrides_shape")
    for fmt, patches in overrides.items():
        if fmt not in formats:
            raise _Invalid(f"overrides.{fmt}", "override_format", value=repr(fmt))
        if not isinstance(patches, dict):
            raise _Invalid(f"overrides.{fmt}", "override_patches")
        for lid, patch in patches.items():
            p = f"overrides.{fmt}.{lid}"
            if lid not in kinds:
                raise _Invalid(p, "override_layer", value=repr(lid))
            if not isinstance(patch, dict):
                raise _Invalid(p, "object")
            if "id" in patch or "type" in patch or "items" in patch:
                raise _Invalid(p, "override_fixed")
            ltype, in_stack = kinds[lid]
            _check_layer(
                checker, p, {"type": ltype, **patch}, set(), in_stack=in_stack, partial=True
            )

    samples = data.get("samples", {})
    if not isinstance(samples, dict):
        raise _Invalid("samples", "samples_shape")
    return CardTemplate(
        id=tid,
        version=data["version"],
        name=data["name"],
        description=str(data.get("description", "")),
        description_en=str(data.get("description_en", "")),
        fields=tuple(fields_out),
        formats=tuple(formats),
        layers=tuple(layers),
        overrides=overrides,
        source=file,
        samples=samples,
    )


def load_template_file(path: str | Path, brand: Brand | None = None) -> CardTemplate:
    path = Path(path)
    file = str(path)
    from ..inputs import check_input, read_input

    if not path.exists():
        raise TemplateError("cards.template_not_found", name=file)
    check_input(path, "template")  # a folder, FIFO or device is refused at once
    try:
        data = json.loads(read_input(path, "template").decode("utf-8"))
    except FileNotFoundError:
        raise TemplateError("cards.template_not_found", name=file) from None
    except UnicodeDecodeError as exc:
        raise _fail(file, "$", t("card_template.not_utf8", reason=exc.reason)) from None
    except json.JSONDecodeError as exc:
        raise _fail(
            file,
            t("card_template.json_position", line=exc.lineno, column=exc.colno),
            t("card_template.json_broken", message=exc.msg),
        ) from None
    template = parse_template(data, file, brand)
    if template.id != path.stem:
        raise _fail(
            file,
            "id",
            t("card_template.id_filename", value=repr(template.id), stem=repr(path.stem)),
        )
    return template


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int) -> CardTemplate:
    return load_template_file(path)


def templates_dir() -> Path:
    return template_path("cards")


def load_template(template: str | Path) -> CardTemplate:
    """A shipped template by id (``"berita"``) or a template file by path."""
    text = str(template)
    if isinstance(template, Path) or text.endswith(".json") or "/" in text or "\\" in text:
        path = Path(template)
    else:
        path = templates_dir() / f"{text}.json"
        if not path.is_file():
            raise TemplateError("cards.template_not_found", name=text)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise TemplateError("cards.template_not_found", name=text) from None
    return _load_cached(str(path), mtime)


#: the order officers see in menus (most used first); others follow alphabetically
_ORDER = ("berita", "kutipan", "agenda", "infografis", "ucapan", "duka_cita")


def template_ids() -> list[str]:
    """Ids of the installed card templates (file names only: nothing is parsed)."""
    return sorted(p.stem for p in templates_dir().glob("*.json"))


def list_templates() -> list[CardTemplate]:
    paths = sorted(templates_dir().glob("*.json"))
    rank = {tid: i for i, tid in enumerate(_ORDER)}
    paths.sort(key=lambda p: (rank.get(p.stem, len(rank)), p.stem))
    return [load_template(p) for p in paths]
