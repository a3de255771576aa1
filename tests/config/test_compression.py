"""Pages go compressed, except those holding a secret BREACH could guess, and files that are
compressed already."""

import gzip

import pytest
from django.urls import reverse

from tests.factories import QuestionFactory

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_pages_are_compressed_and_padded_at_random(client, db):
    QuestionFactory.create_batch(5)
    plain = client.get(reverse("home"))
    assert "Content-Encoding" not in plain
    sizes = set()
    for _ in range(6):
        response = client.get(reverse("home"), **GZIP)
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content) == plain.content
        assert len(response.content) < len(plain.content) / 2
        sizes.add(len(response.content))
    # Heal the Breach: the same page's compressed size differs from one response to the next.
    assert len(sizes) > 1


def test_feeds_and_search_results_are_compressed(client, db):
    QuestionFactory.create_batch(5, title="Botox for a square jaw")
    for url in (reverse("forum:search") + "?q=botox", "/feeds/questions/"):
        response = client.get(url, **GZIP)
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "gzip", url


@pytest.mark.parametrize(
    "url_name", ["mfa_index", "account_email", "accounts:profile", "privacy:data_export"]
)
def test_account_pages_are_never_compressed(client_as, alice, url_name):
    response = client_as(alice).get(reverse(url_name), **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_photos_are_sent_as_they_are(client, alice):
    question = QuestionFactory(author=alice, photos=1, photo_visibility="everyone")
    response = client.get(question.photos.get().url("960"), **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
