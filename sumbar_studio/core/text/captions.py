"""Caption templates: Jinja2 in a sandbox, filled from a post's fields.

Templates live in ``templates/captions/<id>.j2``; the first line may be a comment
``{# judul: Berita kegiatan #}`` giving the title shown to officers. A template sees plain
values only (strings, dates, lists), never the Post object, and runs in Jinja2's immutable
sandbox, so template text cannot reach Python internals, with limits on output size, loops,
``range``, repetition, nesting and time (:mod:`.template_limits`). Errors name the line and the field:
an undefined field, a syntax error, or an attempt to reach something unsafe becomes a
:class:`CaptionTemplateError` with an Indonesian message.

Variables: ``judul``, ``tempat``, ``tanggal`` (the event date), ``jadwal`` (the scheduled
moment), ``sumber``, ``kredit_foto``, ``lembaga``, ``situs``, ``tagar`` (the hashtag line),
``tagar_list``, and every card field (``post.card.fields``) by its name.
Filters: ``tanggal`` (Senin, 7 Desember 2026), ``tanggal_berita`` (Senin (7/12/2026)),
``tanggal_polos`` (7 Desember 2026), ``pukul`` (pukul 09.00 WIB), ``hari`` (Senin).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

from ..errors import TemplateError
from ..model import Post
from ..resources import asset_path, template_path
from ..timeutil import (
    format_long_date,
    format_news_date,
    format_plain_date,
    format_wib_time,
    to_wib,
)

if TYPE_CHECKING:  # Jinja2 (about 25 ms) is imported with the first template rendered
    from .template_limits import BoundedSandbox

INSTITUTION = "DPRD Provinsi Sumatera Barat"
_TITLE = re.compile(r"^\{#\s*judul:\s*(?P<title>.+?)\s*#\}")
_UNDEFINED_NAME = re.compile(
    r"'(?:[^']*? object' has no attribute ')?([^']+)' is undefined|has no attribute '([^']+)'"
)


class CaptionTemplateError(TemplateError):
    message_id = "checks.template_syntax"


@dataclass(frozen=True)
class CaptionTemplateInfo:
    id: str
    title: str
    fields: tuple[str, ...]  # the variables the template reads


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return to_wib(value).date()
    if isinstance(value, date):
        return value
    return None


def _f_tanggal(value) -> str:
    day = _as_date(value)
    return format_long_date(day, "id") if day else str(value)


def _f_tanggal_berita(value) -> str:
    day = _as_date(value)
    return format_news_date(day) if day else str(value)


def _f_tanggal_polos(value) -> str:
    day = _as_date(value)
    return format_plain_date(day, "id") if day else str(value)


def _f_hari(value) -> str:
    day = _as_date(value)
    return format_long_date(day, "id").split(",")[0] if day else str(value)


def _f_pukul(value) -> str:
    return format_wib_time(value, "id") if isinstance(value, datetime) else str(value)


@cache
def _environment() -> BoundedSandbox:
    from jinja2 import FileSystemLoader, StrictUndefined

    from .template_limits import BoundedSandbox

    env = BoundedSandbox(
        loader=FileSystemLoader(str(template_path("captions"))),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        tanggal=_f_tanggal,
        tanggal_berita=_f_tanggal_berita,
        tanggal_polos=_f_tanggal_polos,
        hari=_f_hari,
        pukul=_f_pukul,
    )
    return env


def caption_template_titles() -> list[tuple[str, str]]:
    """(id, title) of every caption template, read from their first lines (no Jinja2: the
    editor lists them when it is built)."""
    out = []
    for path in sorted(template_path("captions").glob("*.j2")):
        with path.open(encoding="utf-8") as fh:
            match = _TITLE.match(fh.readline())
        out.append((path.stem, match.group("title") if match else path.stem))
    return out


def list_caption_templates() -> list[CaptionTemplateInfo]:
    from jinja2 import TemplateSyntaxError, meta

    env = _environment()
    out = []
    for path in sorted(template_path("captions").glob("*.j2")):
        source = path.read_text(encoding="utf-8")
        match = _TITLE.match(source)
        try:
            names = meta.find_undeclared_variables(env.parse(source))
        except TemplateSyntaxError:
            names = set()
        out.append(
            CaptionTemplateInfo(
                id=path.stem,
                title=match.group("title") if match else path.stem,
                fields=tuple(sorted(names)),
            )
        )
    return out


# -- hashtag sets --------------------------------------------------------------------------


@cache
def _hashtag_data() -> dict:
    return json.loads(asset_path("rules", "hashtags.json").read_text(encoding="utf-8"))


def hashtag_sets() -> dict[str, list[str]]:
    return {name: list(s["tags"]) for name, s in _hashtag_data()["sets"].items()}


def hashtag_set(name: str) -> list[str]:
    sets = hashtag_sets()
    if name not in sets:
        raise CaptionTemplateError("checks.hashtag_set_unknown", name=name, choices=", ".join(sets))
    return sets[name]


# -- rendering -----------------------------------------------------------------------------


def caption_context(post: Post, hashtag_set_name: str | None = None) -> dict[str, object]:
    tags = hashtag_set(hashtag_set_name) if hashtag_set_name else list(post.hashtags)
    tags = [t if t.startswith("#") else f"#{t}" for t in tags if t.strip("#")]
    context: dict[str, object] = {
        "judul": post.title,
        "tempat": post.place,
        "tanggal": post.event_date,
        "jadwal": post.scheduled_at,
        "sumber": post.source,
        "kredit_foto": post.photo_credit,
        "lembaga": INSTITUTION,
        "situs": _hashtag_data().get("official_link", ""),
        "tagar": " ".join(tags),
        "tagar_list": tags,
    }
    for key, value in post.card.fields.items():
        if isinstance(value, str | int | float | date | list | tuple) or value is None:
            context[str(key)] = value
    # empty values count as "not filled in", so StrictUndefined reports them by name
    return {k: v for k, v in context.items() if v not in (None, "")}


def _template_line(exc: BaseException, template_id: str) -> int:
    filename = f"{template_id}.j2"
    line = 0
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(filename):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_caption(
    template_id: str,
    post: Post,
    hashtag_set: str | None = None,
    *,
    extra: dict[str, object] | None = None,
) -> str:
    """Fill ``templates/captions/<template_id>.j2`` from ``post`` (and ``extra`` values)."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from .template_limits import TemplateLimitExceeded, bounded_render

    env = _environment()
    if not re.fullmatch(r"[\w-]+", template_id or ""):
        raise CaptionTemplateError(
            "checks.template_unknown",
            template=template_id,
            choices=", ".join(t.id for t in list_caption_templates()),
        )
    try:
        template = env.get_template(f"{template_id}.j2")
    except TemplateNotFound:
        raise CaptionTemplateError(
            "checks.template_unknown",
            template=template_id,
            choices=", ".join(t.id for t in list_caption_templates()),
        ) from None
    except TemplateSyntaxError as exc:
        raise CaptionTemplateError(
            "checks.template_syntax", template=template_id, line=exc.lineno, error=exc.message
        ) from None
    context = caption_context(post, hashtag_set)
    context.update(extra or {})
    try:
        text = bounded_render(template, context)
    except TemplateLimitExceeded as exc:
        raise CaptionTemplateError("text_guard.caption_limit", **exc.params) from None
    except SecurityError as exc:
        raise CaptionTemplateError(
            "checks.template_unsafe",
            template=template_id,
            line=_template_line(exc, template_id),
            detail=str(exc),
        ) from None
    except UndefinedError as exc:
        match = _UNDEFINED_NAME.search(str(exc))
        field = next((g for g in match.groups() if g), "?") if match else "?"
        raise CaptionTemplateError(
            "checks.template_undefined",
            template=template_id,
            line=_template_line(exc, template_id),
            field=field,
            detail=str(exc),
        ) from None
    except TemplateSyntaxError as exc:
        raise CaptionTemplateError(
            "checks.template_syntax", template=template_id, line=exc.lineno, error=exc.message
        ) from None
    # tidy: no trailing spaces, at most one blank line in a row
    lines = [ln.rstrip() for ln in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def render_caption_string(source: str, post: Post, hashtag_set: str | None = None) -> str:
    """Render template text typed by an officer (same sandbox and error reporting)."""
    return render_sandboxed(source, caption_context(post, hashtag_set))


def render_sandboxed(source: str, context: dict[str, object], *, name: str = "(teks)") -> str:
    """Render template text with plain ``context`` values in the caption sandbox (also used
    by the Kotak Masukan's reply templates); errors name the line and the field."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from .template_limits import TemplateLimitExceeded, bounded_render

    env = _environment()
    try:
        template = env.from_string(source)
        return bounded_render(template, context).strip()
    except TemplateLimitExceeded as exc:
        raise CaptionTemplateError("text_guard.caption_limit", **exc.params) from None
    except TemplateSyntaxError as exc:
        raise CaptionTemplateError(
            "checks.template_syntax", template=name, line=exc.lineno, error=exc.message
        ) from None
    except SecurityError as exc:
        raise CaptionTemplateError(
            "checks.template_unsafe", template=name, line=_string_line(exc), detail=str(exc)
        ) from None
    except UndefinedError as exc:
        match = _UNDEFINED_NAME.search(str(exc))
        field = next((g for g in match.groups() if g), "?") if match else "?"
        raise CaptionTemplateError(
            "checks.template_undefined", template=name, line=_string_line(exc), field=field
        ) from None


def _string_line(exc: BaseException) -> int:
    line = 0
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
