"""Limits for caption templates: a sandbox that also bounds the work a template may do.

Jinja2's sandbox keeps template text away from Python internals, but not from unbounded work:
``{% for i in range(99999) %}{% for j in range(99999) %}…``, ``{{ 'A' * 2000000000 }}``,
``{{ 'a'|center(2000000000) }}``, a macro calling itself, or a template including itself would
hang or exhaust memory. :class:`BoundedSandbox` refuses, before doing it, anything whose size
is known up front (repetition, padding, ``range``, powers, replacements), and
:func:`bounded_render` bounds the rest while it runs: the number of template steps, the time,
the nesting depth and the length of the output. A limit reached raises
:class:`TemplateLimitExceeded` with a clear Indonesian message naming the limit.
"""

from __future__ import annotations

import operator
import re
import sys
import time
from collections.abc import Callable
from typing import Any

from jinja2 import filters as jinja_filters
from jinja2.environment import Template
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import TemplateError

#: the longest text a template may produce (far beyond any platform's caption)
MAX_OUTPUT = 100_000
#: the most numbers one ``range()`` may give, and the most template steps one render may take
MAX_RANGE = 10_000
MAX_STEPS = 2_000_000
#: the deepest nesting of macro calls and includes
MAX_DEPTH = 40
#: seconds one render may take
MAX_SECONDS = 3.0

_BIG_NUMBER = re.compile(r"\d{6,}")


class TemplateLimitExceeded(TemplateError):
    message_id = "text_guard.caption_limit"

    def __init__(self, what: str, limit: object):
        from ..i18n import t

        self.what_key = what
        super().__init__(what=t(f"text_guard.limit_{what}", limit=limit))


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple | bytes) else None


def _check_repeat(seq: Any, times: Any) -> None:
    size = _size(seq)
    if size is not None and isinstance(times, int) and size * max(times, 0) > MAX_OUTPUT:
        raise TemplateLimitExceeded("repeat", MAX_OUTPUT)


def _check_width(*numbers: Any) -> None:
    for n in numbers:
        if isinstance(n, int) and not isinstance(n, bool) and n > MAX_OUTPUT:
            raise TemplateLimitExceeded("output", MAX_OUTPUT)


def _check_format_string(fmt: Any, *args: Any, **kwargs: Any) -> None:
    """A ``%``/``format`` template: no huge widths, and no result longer than the limit."""
    if isinstance(fmt, str) and any(int(m) > MAX_OUTPUT for m in _BIG_NUMBER.findall(fmt)):
        raise TemplateLimitExceeded("output", MAX_OUTPUT)
    values = [*args, *kwargs.values()]
    if len(values) == 1 and isinstance(values[0], tuple | dict):
        values = list(values[0].values() if isinstance(values[0], dict) else values[0])
    total = len(fmt) if isinstance(fmt, str) else 0
    for v in values:
        total += len(v) if isinstance(v, str | list | tuple) else 32
    if total > MAX_OUTPUT:
        raise TemplateLimitExceeded("output", MAX_OUTPUT)


def _check_concat(parts: Any) -> None:
    if sum(len(p) if isinstance(p, str) else 32 for p in parts) > MAX_OUTPUT:
        raise TemplateLimitExceeded("output", MAX_OUTPUT)


def _bounded_str_join(seq: Any) -> str:
    parts = list(seq)
    _check_concat(parts)
    return str_join(parts)


def _bounded_markup_join(seq: Any) -> Any:
    parts = list(seq)
    _check_concat(parts)
    return markup_join(parts)


class BoundedTemplate(Template):
    """A template whose ``~`` concatenations are size-checked (they compile to calls of the
    runtime's ``str_join``/``markup_join``, which no sandbox hook sees)."""

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):  # noqa: A002 - Jinja's name
        template = super().from_code(environment, code, globals, uptodate)
        namespace = template.root_render_func.__globals__
        namespace["str_join"] = _bounded_str_join
        namespace["markup_join"] = _bounded_markup_join
        return template


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    if len(text) + hits * max(0, len(new) - len(old)) > MAX_OUTPUT:
        raise TemplateLimitExceeded("output", MAX_OUTPUT)


def safe_range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise TemplateLimitExceeded("range", MAX_RANGE)
    return rng


def _guarded(name: str, check: Callable[..., None]) -> Callable[..., Any]:
    original = jinja_filters.FILTERS[name]

    def guarded(*args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return original(*args, **kwargs)

    guarded.__name__ = original.__name__
    for attr in ("jinja_pass_arg",):
        if hasattr(original, attr):
            setattr(guarded, attr, getattr(original, attr))
    return guarded


def _str_method_check(method: str, args: tuple, kwargs: dict, text: str) -> None:
    if method in ("center", "ljust", "rjust", "zfill", "expandtabs"):
        _check_width(*args, *kwargs.values())
    elif method == "replace":
        _check_replace(text, *args[:3])
    elif method == "join":
        parts = args[0] if args else ()
        if isinstance(parts, list | tuple) and (
            len(text) * len(parts) + sum(len(str(p)) for p in parts) > MAX_OUTPUT
        ):
            raise TemplateLimitExceeded("output", MAX_OUTPUT)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with sizes checked before anything big is built."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    template_class = BoundedTemplate

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.globals["range"] = safe_range
        self.globals.pop("lipsum", None)  # lipsum(n=10**9) would build text without limit
        self.filters["center"] = _guarded("center", lambda value, width=80: _check_width(width))
        self.filters["indent"] = _guarded(
            "indent",
            lambda s, width=4, *a, **k: _check_width(
                width if isinstance(width, int) else len(str(width)) * (str(s).count("\n") + 1)
            ),
        )
        self.filters["format"] = _guarded("format", _check_format_string)
        self.filters["join"] = _guarded("join", _join_filter_check)
        self.filters["sum"] = _guarded("sum", _sum_filter_check)
        self.filters["replace"] = _guarded("replace", _replace_filter_check)
        self.filters["wordwrap"] = _guarded("wordwrap", lambda s, width=79, *a, **k: None)

    def call_binop(self, context, op: str, left: Any, right: Any) -> Any:
        if op == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif op == "**":
            if (
                isinstance(left, int | float)
                and isinstance(right, int | float)
                and (abs(right) > 64 and abs(left) > 1)
            ):
                raise TemplateLimitExceeded("output", MAX_OUTPUT)
        elif op == "%":
            _check_format_string(left, right)
        elif op == "+":
            a, b = _size(left), _size(right)
            if a is not None and b is not None and a + b > MAX_OUTPUT:
                raise TemplateLimitExceeded("output", MAX_OUTPUT)
        return _BINOPS[op](left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = getattr(value, "__self__", "")

        def bounded_format(*args: Any, **kwargs: Any) -> str:
            _check_format_string(fmt, *args, **kwargs)
            return wrapped(*args, **kwargs)

        return bounded_format

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            _str_method_check(getattr(__obj, "__name__", ""), args, kwargs, owner)
        elif isinstance(owner, list | tuple) and getattr(__obj, "__name__", "") == "__mul__":
            _check_repeat(owner, args[0] if args else 0)
        return super().call(__context, __obj, *args, **kwargs)


def _join_filter_check(eval_ctx, value, d="", attribute=None) -> None:
    if isinstance(value, list | tuple):
        _check_concat([*value, *([d] * len(value))])


def _sum_filter_check(environment, iterable, attribute=None, start=0) -> None:
    if isinstance(iterable, list | tuple) and sum(_size(v) or 0 for v in iterable) > MAX_OUTPUT:
        raise TemplateLimitExceeded("output", MAX_OUTPUT)


def _replace_filter_check(eval_ctx, s, old, new, count=None, *a, **k) -> None:
    _check_replace(str(s), str(old), str(new), -1 if count is None else count)


_BINOPS = {"*": operator.mul, "**": operator.pow, "%": operator.mod, "+": operator.add}


def bounded_render(template, context: dict[str, Any]) -> str:
    """Render ``template`` within the step, time, depth and output limits."""
    filenames = {template.filename or "<template>", "<template>"}
    started = time.monotonic()
    steps = 0
    depth = 0
    previous = sys.gettrace()

    def local(frame, event, arg):
        nonlocal steps, depth
        if event == "line":
            steps += 1
            if steps > MAX_STEPS:
                raise TemplateLimitExceeded("loop", MAX_STEPS)
            if steps % 2048 == 0 and time.monotonic() - started > MAX_SECONDS:
                raise TemplateLimitExceeded("time", f"{MAX_SECONDS:g}")
        elif event == "return":
            depth -= 1
        return local

    def tracer(frame, event, arg):
        nonlocal depth
        name = frame.f_code.co_filename
        if event != "call" or not (name in filenames or name.endswith(".j2")):
            return None
        depth += 1
        if depth > MAX_DEPTH:
            raise TemplateLimitExceeded("depth", MAX_DEPTH)
        return local

    parts: list[str] = []
    size = 0
    sys.settrace(tracer)
    try:
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateLimitExceeded("output", MAX_OUTPUT)
            parts.append(chunk)
    except RecursionError:
        raise TemplateLimitExceeded("depth", MAX_DEPTH) from None
    finally:
        sys.settrace(previous)
    return "".join(parts)
