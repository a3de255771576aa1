"""The contact page: anyone may write to the team, and a message reaches the team's inbox
with the sender as Reply-To; a form with mistakes says what to fix and sends nothing; a sender
who writes too often is told when they may write again."""

import pytest
from django.core import mail
from django.test import Client

from moderation.services import ban
from pages.contact import PER_HOUR

URL = "/contact/"
MESSAGE = {
    "name": "Jasmine R",
    "email": "jasmine@example.com",
    "topic": "privacy",
    "message": "Could you tell me how long you keep the photos of a deleted question?",
}


@pytest.fixture
def send(client, db, django_capture_on_commit_callbacks):
    def post(data=None, *, as_client=None):
        with django_capture_on_commit_callbacks(execute=True):
            return (as_client or client).post(URL, MESSAGE if data is None else data)

    return post


def test_the_page_shows_the_form_and_the_teams_address(client, db, settings):
    settings.CONTACT_EMAIL = "help@docanswers.example"
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="doc-title">Contact the DocAnswers team</h1>' in html
    assert "The team cannot give medical advice." in html
    assert "call 911" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'href="mailto:help@docanswers.example"' in html
    for label in ("Your name", "Your email address", "What is it about?", "Your message"):
        assert label in html


def test_a_message_reaches_the_team_with_reply_to_the_sender(send, settings):
    settings.CONTACT_EMAIL = "help@docanswers.example"
    response = send()
    assert response.status_code == 302
    assert response["Location"] == URL
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["help@docanswers.example"]
    assert email.message()["Reply-To"] == "jasmine@example.com"
    assert email.subject == "[DocAnswers] Contact form: Privacy or my data"
    assert "From: Jasmine R" in email.body
    assert "Email: jasmine@example.com" in email.body
    assert "Not signed in" in email.body
    assert MESSAGE["message"] in email.body


def test_the_sender_is_told_it_went(client, send):
    send()
    html = client.get(URL).content.decode()
    assert "Thank you: your message is on its way to the DocAnswers team." in html


def test_a_member_finds_their_name_and_address_filled_in_and_is_named_to_the_team(
    client_as, alice, send
):
    member = client_as(alice)
    html = member.get(URL).content.decode()
    assert 'value="Alice"' in html
    assert 'value="alice@example.com"' in html
    send({**MESSAGE, "name": "Alice", "email": "alice@example.com"}, as_client=member)
    body = mail.outbox[0].body
    assert f"Signed in as: Alice, patient account (user #{alice.pk})" in body


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"name": "  "}, "name", "This field is required."),
        ({"email": "jasmine@example"}, "email", "Enter a valid email address."),
        ({"topic": ""}, "topic", "Please choose what your message is about."),
        ({"topic": "bribes"}, "topic", "Select a valid choice."),
        ({"message": "Help?"}, "message", "Please tell us a little more (at least 20 characters)"),
        ({"message": "x" * 5001}, "message", "at most 5000 characters"),
        ({"message": "I need help with\x00 my account, please."}, "message", "Null characters"),
    ],
)
def test_a_message_with_a_mistake_says_what_to_fix_and_sends_nothing(send, change, field, error):
    response = send({**MESSAGE, **change})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your message was not sent." in html
    assert error in html
    assert f'id="id_{field}_error"' in html
    assert f'value="{MESSAGE["name"]}"' in html or field == "name"  # nothing typed is lost
    assert mail.outbox == []


def test_an_empty_form_is_a_400(send):
    response = send({})
    assert response.status_code == 400
    assert response.content.decode().count("This field is required.") == 3
    assert mail.outbox == []


def test_a_header_cannot_be_smuggled_in_through_the_name(send):
    response = send({**MESSAGE, "name": "Mallory\r\nBcc: everyone@example.com"})
    assert response.status_code == 302
    email = mail.outbox[0]
    assert email.bcc == []
    assert "everyone@example.com" not in email.message()["Reply-To"]
    assert email.subject == "[DocAnswers] Contact form: Privacy or my data"


def test_a_form_without_the_csrf_token_is_refused(db):
    response = Client(enforce_csrf_checks=True).post(URL, MESSAGE)
    assert response.status_code == 403
    assert mail.outbox == []


def test_after_a_few_messages_an_hour_the_sender_is_told_when_to_write_again(send):
    for number in range(PER_HOUR):
        assert (
            send({**MESSAGE, "message": f"Message number {number} about my account."}).status_code
            == 302
        )
    response = send()
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "Your message was not sent." in html
    assert "you have reached that limit. Please try again in about" in html
    assert MESSAGE["message"] in html  # kept in the form
    assert len(mail.outbox) == PER_HOUR


def test_the_limit_counts_per_email_address_too(send):
    for number in range(PER_HOUR):
        other_address = Client(REMOTE_ADDR=f"203.0.113.{number + 1}")
        assert send(as_client=other_address).status_code == 302
    assert send(as_client=Client(REMOTE_ADDR="198.51.100.7")).status_code == 429
    fresh = {**MESSAGE, "email": "someone.else@example.com"}
    assert send(fresh, as_client=Client(REMOTE_ADDR="198.51.100.8")).status_code == 302


def test_mistakes_do_not_count_towards_the_limit(send):
    for _ in range(PER_HOUR + 2):
        assert send({**MESSAGE, "message": "Too short"}).status_code == 400
    assert send().status_code == 302


def test_queries_are_bounded(client, client_as, alice, send, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(0):
        assert send().status_code == 302
    member = client_as(alice)
    with django_assert_max_num_queries(2):
        assert member.get(URL).status_code == 200
    with django_assert_max_num_queries(2):
        assert send(as_client=member).status_code == 302


def test_a_banned_member_gets_the_banned_page(client_as, moderator, mallory, send):
    ban(user=mallory, actor=moderator, reason="Spam")
    assert send(as_client=client_as(mallory)).status_code == 403
    assert mail.outbox == []
