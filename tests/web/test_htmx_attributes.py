"""htmx is given its attributes in their data-hx-* spelling: HTML has no hx-* attributes (the
Nu checker rejects them), and htmx 2 reads both."""

import re
from pathlib import Path

from django.urls import reverse

from forum import services
from tests.factories import QuestionFactory

ROOT = Path(__file__).resolve().parents[2]
BARE = re.compile(r"""(?<![\w-])hx-[a-z-]+(?=\s*=|["']\s*:)""")


def bare_attributes(text: str) -> list[str]:
    return BARE.findall(text)


def test_the_pattern_finds_bare_attributes_only():
    assert bare_attributes('<form hx-post="/x" data-hx-target="this">') == ["hx-post"]
    assert bare_attributes('{"hx-trigger": "input", "data-hx-swap": "x"}') == ["hx-trigger"]
    assert bare_attributes('<meta name="htmx-config"> hx-post is named in prose') == []


def test_no_template_or_form_writes_a_bare_hx_attribute():
    sources = [*(ROOT / "templates").rglob("*.html")]
    for app in ("forum", "doctors", "accounts", "moderation", "privacy", "web"):
        sources += (ROOT / app).rglob("*.py")
    found = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in sources
        for name in bare_attributes(path.read_text())
    }
    assert found == set()


def test_the_question_and_ask_pages_use_data_hx(client_as, alice, bob, mallory):
    question = QuestionFactory(author=alice)
    services.answer_submit(
        question=question, doctor=bob.doctor_profile, headline="It settles",
        body="Swelling after filler settles within two weeks for most people.", notify=False,
    )  # fmt: skip
    pages = {
        "a member's question page": client_as(mallory).get(question.get_absolute_url()),
        "the asker's question page": client_as(alice).get(question.get_absolute_url()),
        "the ask form": client_as(alice).get(reverse("forum:question_ask")),
    }
    for name, response in pages.items():
        html = response.content.decode()
        assert "data-hx-post=" in html, name
        assert bare_attributes(html) == [], name
