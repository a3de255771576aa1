from django.urls import reverse

DISCLAIMER = "should not be relied upon as a substitute for medical advice"


def test_home_says_what_the_site_is_for(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ask a verified doctor" in html
    assert DISCLAIMER in html
    assert 'href="/account/signup/?role=patient">Ask a doctor</a>' in html
    assert 'href="/account/signup/?role=doctor"' in html


def test_home_shows_the_member_their_display_name_not_their_email(client_as, alice):
    html = client_as(alice).get(reverse("home")).content.decode()
    assert "Alice" in html
    assert "alice@example.com" not in html
    assert "Log out" in html


def test_home_only_answers_get_and_head(client, db):
    assert client.post(reverse("home")).status_code == 405
    assert client.head(reverse("home")).status_code == 200


def test_home_query_count_is_bounded(client_as, alice, django_assert_max_num_queries):
    signed_in = client_as(alice)
    with django_assert_max_num_queries(4):
        assert signed_in.get(reverse("home")).status_code == 200


def test_favicon_is_served(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
