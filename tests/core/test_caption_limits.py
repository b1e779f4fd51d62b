"""Caption templates cannot hang or exhaust memory (#15 item 10): each hostile template stops
at once with a clear Indonesian message naming the limit."""

from __future__ import annotations

import pytest
from jinja2 import DictLoader

from sumbar_studio.core.model import Post
from sumbar_studio.core.text.captions import (
    CaptionTemplateError,
    list_caption_templates,
    render_caption,
    render_caption_string,
)
from sumbar_studio.core.text.template_limits import (
    BoundedSandbox,
    TemplateLimitExceeded,
    bounded_render,
)

POST = Post(title="Rapat Paripurna", caption="x", place="Padang")

HOSTILE = {
    "repeat": '{{ "A" * 2000000000 }}',
    "list_repeat": "{{ [1] * 10**9 }}",
    "nested_loops": "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}",
    "big_range": "{% for i in range(99999999) %}x{% endfor %}",
    "center": '{{ "a"|center(2000000000) }}',
    "ljust": '{{ "a".ljust(2000000000) }}',
    "format_width": '{{ "{:>2000000000}".format(1) }}',
    "percent_width": '{{ "%2000000000s"|format(1) }}',
    "replace": '{{ ("A" * 50000)|replace("A", "A" * 50000) }}',
    "doubling_concat": '{% set ns = namespace(s="ab") %}{% for i in range(60) %}'
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "doubling_plus": '{% set ns = namespace(s="ab") %}{% for i in range(60) %}'
    "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}",
    "doubling_format": '{% set ns = namespace(s="ab") %}{% for i in range(60) %}'
    '{% set ns.s = "{}{}".format(ns.s, ns.s) %}{% endfor %}{{ ns.s }}',
    "doubling_join": '{% set ns = namespace(s="ab") %}{% for i in range(60) %}'
    "{% set ns.s = [ns.s, ns.s]|join %}{% endfor %}{{ ns.s }}",
    "recursion": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "output": "{% for i in range(10000) %}{{ 'kata ' * 20 }}{% endfor %}",
    "lipsum": "{{ lipsum(n=1000000000) }}",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_template_stops_with_a_clear_message(name):
    with pytest.raises(CaptionTemplateError) as info:
        render_caption_string(HOSTILE[name], POST)
    message = str(info.value)
    assert "{" not in message
    if name != "lipsum":  # lipsum is simply not there (an undefined name)
        assert "melampaui batas" in message


def test_a_template_including_itself_stops():
    env = BoundedSandbox(loader=DictLoader({"a.j2": "x{% include 'a.j2' %}"}))
    with pytest.raises(TemplateLimitExceeded) as info:
        bounded_render(env.get_template("a.j2"), {})
    assert info.value.what_key == "depth"


def test_ordinary_templates_still_render():
    assert (
        render_caption_string(
            "{{ judul }} di {{ tempat }}{% for i in range(3) %}.{% endfor %} {{ judul ~ '!' }} "
            "{{ [1, 2]|join(',') }} {{ '%s-%s'|format(1, 2) }} {{ '{}'.format(tempat) }}",
            POST,
        )
        == "Rapat Paripurna di Padang... Rapat Paripurna! 1,2 1-2 Padang"
    )
    post = POST.copy()
    post.source = "Humas"
    for info in list_caption_templates():
        try:
            render_caption(info.id, post, extra={f: "isi" for f in info.fields})
        except CaptionTemplateError as exc:  # a field the template needs as a date, etc.
            assert "melampaui batas" not in str(exc)
