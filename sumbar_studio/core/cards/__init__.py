"""Branded image cards: brand kit, templates as data, text layout, photos and the renderer.

Pillow only (no Qt): the UI and the exports call :func:`render` and :func:`save_image`.
"""

from __future__ import annotations

from .brand import Brand, load_brand
from .fields import Figure
from .layout import text_engine_info
from .photo import PhotoCache, PhotoRef, default_cache
from .render import (
    LayoutReport,
    RenderResult,
    TextBox,
    photo_needs,
    render,
    render_formats,
    save_image,
)
from .template import CardField, CardTemplate, list_templates, load_template, parse_template

__all__ = [
    "Brand",
    "CardField",
    "CardTemplate",
    "Figure",
    "LayoutReport",
    "PhotoCache",
    "PhotoRef",
    "RenderResult",
    "TextBox",
    "default_cache",
    "list_templates",
    "load_brand",
    "load_template",
    "parse_template",
    "photo_needs",
    "render",
    "render_formats",
    "save_image",
    "text_engine_info",
]
