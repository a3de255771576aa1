"""web/slots.py's marks and fillers, and the {% once %} tag the header and footer use."""

import pytest
from django.template import Context, Template, TemplateSyntaxError

from web import slots


def test_marks_are_filled_with_the_fillers_answers():
    html = f"<p>{slots.mark('vote', 12, 3)}</p><p>{slots.mark('csrf')}</p>"
    assert html == "<p><!--slot:vote 12 3--></p><p><!--slot:csrf--></p>"
    filled = slots.fill(html, {"vote": lambda pk, count: f"[{pk}:{count}]", "csrf": lambda: "T"})
    assert filled == "<p>[12:3]</p><p>T</p>"
    assert slots.names(html) == {"vote", "csrf"}


def test_a_mark_takes_a_plain_name_and_whole_numbers_only():
    with pytest.raises(ValueError, match="lower-case"):
        slots.mark("vote--><script>")
    with pytest.raises(ValueError):
        slots.mark("vote", "1 --><script>")


def test_a_mark_without_a_filler_is_an_error_not_a_hole_in_the_page():
    with pytest.raises(KeyError):
        slots.fill(slots.mark("follow", 1), {})


def test_escaped_text_is_no_mark():
    text = Template("{{ body }}").render(Context({"body": "<!--slot:csrf-->"}))
    assert slots.fill(text, {}) == "&lt;!--slot:csrf--&gt;"


def once(text: str) -> Template:
    return Template("{% load once %}" + text)


def test_once_renders_each_set_of_values_once(settings):
    settings.DEBUG = False
    template = once("{% once role %}{{ role }} {{ name }}{% endonce %}")
    assert template.render(Context({"role": "doctor", "name": "Bob"})) == "doctor Bob"
    # The same values: the part kept the first time, whatever else the context holds.
    assert template.render(Context({"role": "doctor", "name": "Eve"})) == "doctor Bob"
    assert template.render(Context({"role": "patient", "name": "Eve"})) == "patient Eve"


def test_once_keeps_nothing_with_debug_on(settings):
    settings.DEBUG = True
    template = once("{% once %}{{ name }}{% endonce %}")
    assert template.render(Context({"name": "Bob"})) == "Bob"
    assert template.render(Context({"name": "Eve"})) == "Eve"


def test_once_refuses_values_that_would_keep_a_part_per_object(settings):
    settings.DEBUG = False
    with pytest.raises(TemplateSyntaxError, match="strings, numbers and booleans"):
        once("{% once user %}x{% endonce %}").render(Context({"user": object()}))
