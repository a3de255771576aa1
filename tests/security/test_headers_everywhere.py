"""Security headers on every kind of response, cookies' flags, and error pages that are
styled and give nothing away."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.csp import CSP

from forum.models import PhotoVisibility
from tests.factories import PASSWORD, QuestionFactory


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True


def assert_headers(response, what: str) -> None:
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in csp, what
    assert CSP.UNSAFE_INLINE not in csp and CSP.UNSAFE_EVAL not in csp, what
    assert headers["X-Content-Type-Options"] == "nosniff", what
    assert headers["Referrer-Policy"] == "same-origin", what
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin", what
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000"), what


def test_every_kind_of_response_carries_the_headers(production, client_as, alice, moderator):
    question = QuestionFactory(author=alice, photos=1, photo_visibility=PhotoVisibility.EVERYONE)
    photo = question.photos.get()
    visitor, member, staff = Client(), client_as(alice), client_as(moderator)
    kinds = {
        "page": (visitor, question.get_absolute_url(), 200),
        "photo file": (visitor, photo.url("960"), 200),
        "restricted photo refused": (
            visitor,
            QuestionFactory(photos=1, photo_visibility="doctors").photos.get().url("320"),
            404,
        ),
        "feed": (visitor, reverse("forum:feed_rss"), 200),
        "sitemap": (visitor, reverse("sitemap"), 200),
        "robots.txt": (visitor, "/robots.txt", 200),
        "redirect": (visitor, reverse("forum:question_ask"), 302),
        "404 page": (visitor, "/no-such-page/", 404),
        "403 page": (member, reverse("forum:doctor_dashboard"), 403),
        "admin": (staff, reverse("admin:index"), 200),
        "member page": (member, reverse("accounts:notifications"), 200),
        "htmx fragment": (member, None, 200),
    }
    for what, (client, url, status) in kinds.items():
        if url is None:
            response = client.post(
                reverse("forum:question_follow", args=[QuestionFactory().pk]),
                {"follow": "1"},
                headers={"HX-Request": "true"},
                secure=True,
            )
        else:
            response = client.get(url, secure=True)
        assert response.status_code == status, what
        assert_headers(response, what)


def test_cookies_are_secure_httponly_and_same_site(production, alice):
    client = Client()
    client.get(reverse("account_login"), secure=True)
    response = client.post(
        reverse("account_login"), {"login": alice.email, "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/no-such-page/", 404, "Error 404"),
        ("/boom/", 500, "Something went wrong"),
        ("/doctors/dashboard/", 403, "Error 403"),
    ],
)
def test_error_pages_are_styled_and_give_nothing_away(
    client_as, alice, settings, url, status, words
):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.security.boom_urls"
    client = client_as(alice)
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert words in html
    assert 'href="/static/css/site.css"' in html or "/static/css/site" in html
    for secret in ("Traceback", "SECRET_KEY", "/work/", "RuntimeError", "DATABASES"):
        assert secret not in html


def test_a_bad_host_gets_the_styled_400_page(client, db, settings):
    settings.DEBUG = False
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Error 400" in response.content.decode()


def test_the_429_page_is_styled(client_as, alice, settings):
    settings.POSTING_LIMITS = {**settings.POSTING_LIMITS, "report": (0, 0)}
    question = QuestionFactory()
    response = client_as(alice).post(
        reverse("moderation:report", args=["question", question.pk]), {"reason": "spam"}
    )
    assert response.status_code == 429
    assert "Error 429" in response.content.decode()
