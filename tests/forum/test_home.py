import pytest
from django.urls import reverse

from tests.factories import QuestionFactory

DISCLAIMER = "should not be relied upon as a substitute for medical advice"


def test_home_says_what_the_site_is_for(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ask a verified doctor" in html
    assert DISCLAIMER in html
    assert 'href="/questions/ask/">Ask a doctor</a>' in html
    assert 'href="/account/signup/?role=doctor"' in html


def test_home_lists_newest_unanswered_and_popular_treatments(client, db):
    QuestionFactory(title="Older question about lip filler swelling", treatments=["Lip filler"])
    newest = QuestionFactory(
        title="Newest question about Botox and headaches", treatments=["Botox"]
    )
    answered = QuestionFactory(title="Answered question about Botox", treatments=["Botox"])
    answered.answer_count = 2
    answered.save()
    html = client.get(reverse("home")).content.decode()
    assert newest.get_absolute_url() in html
    unanswered_part = html.split('id="unanswered-title"')[1].split("</section>")[0]
    assert "Newest question about Botox" in unanswered_part
    assert "Answered question about Botox" not in unanswered_part
    popular = html.split('id="treatments-title"')[1]
    assert popular.index("Botox") < popular.index("Lip filler")  # 2 questions before 1


def test_home_shows_the_member_their_display_name_not_their_email(client_as, alice):
    html = client_as(alice).get(reverse("home")).content.decode()
    assert "Alice" in html
    assert "alice@example.com" not in html
    assert "Log out" in html


def test_home_only_answers_get_and_head(client, db):
    assert client.post(reverse("home")).status_code == 405
    assert client.head(reverse("home")).status_code == 200


@pytest.mark.parametrize("count", [1, 50])
def test_home_query_count_is_bounded(client_as, alice, django_assert_max_num_queries, count):
    for number in range(count):
        QuestionFactory(treatments=[f"Treatment {number % 12}", "Botox"], photos=number % 2)
    signed_in = client_as(alice)
    with django_assert_max_num_queries(6):
        assert signed_in.get(reverse("home")).status_code == 200


def test_favicon_is_served(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
