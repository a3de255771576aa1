"""What search engines and feed readers get: JSON-LD, sitemap, robots.txt, meta tags, feeds."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from doctors import services as doctor_services
from forum import services
from forum.models import PhotoVisibility
from moderation.services import set_hidden
from tests.factories import DoctorProfileFactory, PatientFactory, QuestionFactory

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture
def asked(alice, bob, carol):
    question = QuestionFactory(
        author=alice,
        title="Swollen lips three days after filler",
        body="Is this swelling normal? </script><script>alert(1)</script> & more",
        treatments=["Lip filler"],
        photos=1,
        photo_visibility=PhotoVisibility.MEMBERS,
    )
    shown, _ = services.answer_submit(
        question=question, doctor=bob.doctor_profile, headline="Swelling peaks at day 3",
        body="Swelling after lip filler usually peaks on day two or three and fades within a week.",
        notify=False,
    )  # fmt: skip
    other = DoctorProfileFactory(name="Hidden Answerer")
    hidden, _ = services.answer_submit(
        question=question, doctor=other, headline="Hidden advice here",
        body="This answer was hidden by the moderators and must not reach search engines.",
        notify=False,
    )  # fmt: skip
    set_hidden(hidden, hidden=True, actor=None, reason="Unsafe")
    question.refresh_from_db()
    question.shown_answer = shown
    return question


def test_a_question_page_carries_qapage_json_ld(client, asked):
    html = client.get(asked.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    (data,) = json_ld(html)
    assert (data["@context"], data["@type"]) == ("https://schema.org", "QAPage")
    question = data["mainEntity"]
    assert question["@type"] == "Question"
    assert question["name"] == asked.title
    assert question["text"] == asked.body  # escaped in the page, intact once parsed
    assert question["answerCount"] == 1
    assert question["dateCreated"] == asked.created_at.isoformat()
    assert question["author"] == {"@type": "Person", "name": "Alice"}
    (answer,) = question["suggestedAnswer"]
    assert answer["@type"] == "Answer"
    assert answer["text"].startswith("Swelling peaks at day 3")
    assert answer["upvoteCount"] == 0
    assert answer["author"]["name"] == "Bob Stone, MD, FACS"
    assert answer["author"]["url"].endswith(asked.shown_answer.doctor.get_absolute_url())
    assert answer["url"].startswith("http://testserver/questions/")
    assert "image" not in question  # members-only photos are never offered to search engines
    assert "Hidden advice" not in json.dumps(data)
    assert "@example.com" not in json.dumps(data)


def test_public_photos_appear_in_json_ld_but_never_in_link_previews(client, alice):
    """The asker showed them to everyone, search engines included; a link shared elsewhere
    still previews with the site's image, never with a patient's face."""
    question = QuestionFactory(author=alice, photos=1, photo_visibility=PhotoVisibility.EVERYONE)
    html = client.get(question.get_absolute_url()).content.decode()
    photo = question.photos.get()
    (data,) = json_ld(html)
    assert data["mainEntity"]["image"] == [f"http://testserver{photo.thumb_url}"]
    head = "\n".join(re.findall(r"<meta [^>]*>", html.split("</head>")[0]))
    assert photo.key not in head
    assert re.search(
        r'<meta property="og:image" content="http://testserver/static/img/share[.\w]*png">', head
    )
    assert '<meta name="twitter:card" content="summary">' in head


def test_a_question_kept_from_search_engines_shows_its_photos_nowhere_outside(client, alice):
    question = QuestionFactory(
        author=alice, photos=1, photo_visibility=PhotoVisibility.EVERYONE, noindex=True
    )
    html = client.get(question.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]
    assert question.photos.get().key not in head
    assert '<meta name="robots" content="noindex">' in head
    assert json_ld(html) == []


@pytest.mark.parametrize("visibility", [PhotoVisibility.MEMBERS, PhotoVisibility.DOCTORS])
def test_restricted_photos_never_appear_in_meta_tags(client_as, alice, bob, visibility):
    question = QuestionFactory(author=alice, photos=1, photo_visibility=visibility)
    key = question.photos.get().key
    for browser in (client_as(bob), client_as(alice)):  # even for those who may see them
        html = browser.get(question.get_absolute_url()).content.decode()
        head = html.split("</head>")[0]
        assert key not in head
        assert 'name="twitter:card" content="summary"' in head


def test_question_pages_have_canonical_and_open_graph_tags(client, asked):
    html = client.get(asked.get_absolute_url()).content.decode()
    url = f"http://testserver{asked.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert (
        '<meta property="og:title" content="Swollen lips three days after filler (photo)">' in html
    )
    assert 'name="robots"' not in html


def test_a_hidden_question_shown_to_its_asker_has_no_json_ld_and_noindex(client_as, asked, alice):
    set_hidden(asked, hidden=True, actor=None, reason="Privacy")
    html = client_as(alice).get(asked.get_absolute_url()).content.decode()
    assert json_ld(html) == []
    assert '<meta name="robots" content="noindex">' in html


def test_a_doctor_profile_carries_physician_json_ld_with_the_rating(client, bob):
    profile = bob.doctor_profile
    (data,) = json_ld(client.get(profile.get_absolute_url()).content.decode())
    assert data["@type"] == "Physician" and data["name"] == "Bob Stone, MD, FACS"
    assert "aggregateRating" not in data  # no reviews yet
    for rating in (5, 4):
        doctor_services.review_submit(
            doctor=profile,
            author=PatientFactory(),
            fields={
                "rating": rating,
                "title": "Good",
                "body": "Careful and kind doctor.",
                "worth_it": "yes",
                "experience": "treatment",
            },
        )
    (data,) = json_ld(client.get(profile.get_absolute_url()).content.decode())
    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": "4.50",
        "reviewCount": 2,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert data["address"]["addressLocality"] == profile.city


def locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own sitemap
    return [loc.text for loc in root.iterfind(".//s:loc", SITEMAP_NS)]


def test_the_sitemap_lists_only_what_the_public_sees(client, asked, alice, bob, carol):
    hidden = QuestionFactory(author=alice, title="Hidden question", treatments=["Secret thing"])
    set_hidden(hidden, hidden=True, actor=None, reason="Privacy")
    deleted = QuestionFactory(author=alice, title="Deleted question")
    services.question_delete(question=deleted)
    sections = locations(client, reverse("sitemap"))
    assert "http://testserver/sitemap-questions.xml" in sections
    everything = [loc for section in sections for loc in locations(client, section)]
    assert f"http://testserver{asked.get_absolute_url()}" in everything
    assert not any(f"/questions/{q.pk}/" in loc for q in (hidden, deleted) for loc in everything)
    assert "http://testserver/treatments/lip-filler/" in everything
    assert "http://testserver/treatments/secret-thing/" not in everything
    assert f"http://testserver{bob.doctor_profile.get_absolute_url()}" in everything
    assert not any("carol" in loc for loc in everything)  # not verified


def test_robots_txt_points_to_the_sitemap_and_away_from_private_places(client):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"] == "text/plain"
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for path in ("/admin/", "/account/", "/search/", "/report/"):
        assert f"Disallow: {path}" in text


@pytest.mark.parametrize("name", ["forum:feed_rss", "forum:feed_atom"])
def test_feeds_list_the_newest_visible_questions_escaped(client, asked, alice, name):
    hidden = QuestionFactory(author=alice, title="Hidden from the feed")
    set_hidden(hidden, hidden=True, actor=None, reason="Privacy")
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    ET.fromstring(response.content)  # noqa: S314 - well-formed (the site's own feed)
    assert asked.title in body and "Hidden from the feed" not in body
    assert "<script>alert" not in body  # escaped twice: for HTML, then for XML
    assert "alice@example.com" not in body


def test_treatment_feeds_hold_that_treatments_questions(client, asked, alice):
    QuestionFactory(author=alice, title="About Botox only", treatments=["Botox"])
    body = client.get(reverse("forum:treatment_feed_rss", args=["lip-filler"])).content.decode()
    assert asked.title in body and "About Botox only" not in body
    assert client.get(reverse("forum:treatment_feed_atom", args=["lip-filler"])).status_code == 200
    assert client.get(reverse("forum:treatment_feed_rss", args=["no-such"])).status_code == 404


def test_list_pages_link_their_feed_and_canonical_address(client, asked):
    html = client.get(reverse("forum:treatment_detail", args=["lip-filler"])).content.decode()
    assert 'type="application/rss+xml"' in html and "/treatments/lip-filler/feed/" in html
    assert '<link rel="canonical" href="http://testserver/treatments/lip-filler/">' in html
    sorted_list = client.get(reverse("forum:question_list") + "?sort=answers").content.decode()
    assert '<meta name="robots" content="noindex">' in sorted_list
