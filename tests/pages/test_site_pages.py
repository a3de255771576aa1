"""About, Privacy and Terms: real pages with the sentences a patient needs, linked from every
page's footer, cheap to serve and kept in the page cache for visitors."""

import pytest
from django.urls import reverse

PAGES = {
    "pages:about": (
        "About DocAnswers",
        [
            "How doctors are verified",
            "checks the licence in the issuing authority's public register",
            "they do not create a doctor–patient relationship",
            "If you think you have a medical emergency, call 911",
        ],
    ),
    "pages:privacy": (
        "Privacy policy",
        [
            "Your email address is never shown on the site.",
            "signed-in members (the default), or verified doctors only",
            "Every piece of metadata is left behind: GPS location",
            "The file you uploaded is never kept.",
            "<code>/account/data/</code>",
            "<code>/account/delete/</code>",
            "<code>sessionid</code>",
            "<code>csrftoken</code>",
            "There are no analytics, advertising or social-media cookies",
            "Your data download: 7 days.",
        ],
    ),
    "pages:terms": (
        "Terms of use",
        [
            "you must be 18 or older",
            "does not make anyone your doctor",
            "call 911</strong>",
            "What you may post",
            "Moderators may hide or restore any post, with a reason",
            "What doctors promise",
            "hold a valid licence for as long as you answer",
            "DocAnswers is not liable for decisions you make",
        ],
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_has_its_heading_and_key_sentences(client, db, name):
    heading, sentences = PAGES[name]
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 id="doc-title">{heading}</h1>' in html
    for sentence in sentences:
        assert sentence in html, sentence
    assert f'<link rel="canonical" href="http://testserver{reverse(name)}">' in html


def test_the_pages_name_the_teams_address(client, db, settings):
    settings.CONTACT_EMAIL = "help@docanswers.example"
    for name in ("pages:privacy", "pages:terms"):
        html = client.get(reverse(name)).content.decode()
        assert 'href="mailto:help@docanswers.example"' in html


def test_every_page_links_to_them_in_its_footer(client, client_as, alice, db):
    for html in (
        client.get(reverse("home")).content.decode(),
        client_as(alice).get(reverse("forum:question_list")).content.decode(),
    ):
        footer = html.split('<nav aria-label="Footer">')[1].split("</nav>")[0]
        for path, label in [
            ("/about/", "About"),
            ("/#how-it-works", "How it works"),
            ("/privacy/", "Privacy"),
            ("/terms/", "Terms"),
            ("/contact/", "Contact"),
        ]:
            assert f'href="{path}"' in footer and f">{label}</a>" in footer, label
        assert ">For doctors</a>" in footer


def test_the_footer_marks_the_page_you_are_on(client, db):
    html = client.get(reverse("pages:terms")).content.decode()
    assert '<a href="/terms/" aria-current="page">Terms</a>' in html
    assert '<a href="/privacy/">Privacy</a>' in html


def test_visitors_get_them_from_the_page_cache(client, db):
    first = client.get(reverse("pages:about"))
    second = client.get(reverse("pages:about"))
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("name", PAGES)
def test_queries_are_few_for_visitors_and_members(
    client, client_as, alice, django_assert_max_num_queries, name
):
    with django_assert_max_num_queries(0):
        client.get(reverse(name))
    member = client_as(alice)
    with django_assert_max_num_queries(2):  # the session and its user
        assert member.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_they_only_answer_get_and_head(client, db, name):
    assert client.post(reverse(name)).status_code == 405
    assert client.head(reverse(name)).status_code == 200


def test_the_sitemap_lists_them(client, db):
    xml = client.get(reverse("sitemap_section", args=["pages"])).content.decode()
    for path in ("/about/", "/privacy/", "/terms/", "/contact/"):
        assert f"<loc>http://testserver{path}</loc>" in xml
