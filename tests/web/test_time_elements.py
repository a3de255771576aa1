"""<time datetime> values are valid HTML dates and times: to the second, with the offset.

Django's |date:'c' gives microseconds (2026-12-02T17:18:12.123456+00:00), which HTML's
"valid global date and time string" does not allow (the Nu checker rejects it)."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone

from forum import services
from tests.factories import QuestionFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
VALID = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)")


def render(value) -> str:
    return Template("{% load dates %}{{ value|datetime_attr }}").render(Context({"value": value}))


def test_the_filter_gives_seconds_and_the_offset():
    moment = datetime(2026, 12, 2, 17, 18, 12, 123456, tzinfo=UTC)
    assert render(moment) == "2026-12-02T17:18:12+00:00"
    with timezone.override("America/New_York"):
        assert render(moment) == "2026-12-02T12:18:12-05:00"  # the time shown beside it


def test_dates_and_nothing():
    assert render(date(2026, 3, 1)) == "2026-03-01"
    naive = datetime(2026, 3, 1, 9, 30, 5, 7)  # noqa: DTZ001 - what a naive value gives
    assert render(naive) == "2026-03-01T09:30:05"
    assert render(None) == ""


def test_every_datetime_attribute_in_the_templates_uses_the_filter():
    values = {
        f"{path.relative_to(TEMPLATES)}: {value}"
        for path in TEMPLATES.rglob("*.html")
        for value in re.findall(r'datetime="([^"]*)"', path.read_text())
    }
    assert values
    # A fixed date (a page's "Last updated"), or the filter.
    written = re.compile(r": (\d{4}-\d\d-\d\d|.*\|datetime_attr \}\})$")
    assert not {line for line in values if not written.search(line)}


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_the_question_page_has_valid_datetimes(client, alice, bob, mallory, who):
    question = QuestionFactory(author=alice)
    services.answer_submit(
        question=question, doctor=bob.doctor_profile, headline="It settles",
        body="Swelling after filler settles within two weeks for most people.", notify=False,
    )  # fmt: skip
    services.update_add(
        question=question, body="A week later it is softer.", status_set="", new_photos=[],
        notify=False,
    )  # fmt: skip
    if who == "member":
        client.force_login(mallory)
    html = client.get(question.get_absolute_url()).content.decode()
    values = re.findall(r'<time datetime="([^"]*)"', html)
    assert len(values) == 3  # asked, the follow-up, answered
    assert [value for value in values if not VALID.fullmatch(value)] == []
