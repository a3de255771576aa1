import pytest
from django.urls import reverse

from tests.factories import PatientFactory

PROFILE = reverse("accounts:profile")


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_posting_views_refuse_an_unverified_email(client_as, db):
    unverified = PatientFactory(display_name="Newcomer", verified=False)
    client = client_as(unverified)
    response = client.post(PROFILE, {"display_name": "Renamed"})
    assert response.status_code == 403
    assert "Verify your email address first" in response.content.decode()
    unverified.refresh_from_db()
    assert unverified.display_name == "Newcomer"


def test_member_sees_their_profile(client_as, alice):
    response = client_as(alice).get(PROFILE)
    assert response.status_code == 200
    assert 'value="Alice"' in response.content.decode()


def test_member_changes_their_display_name(client_as, alice):
    response = client_as(alice).post(PROFILE, {"display_name": "Alice Moreau"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.display_name == "Alice Moreau"


def test_a_taken_display_name_is_refused_with_a_message(client_as, alice, mallory):
    response = client_as(alice).post(PROFILE, {"display_name": "MALLORY"})
    assert response.status_code == 400
    assert "This display name is taken" in response.content.decode()
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_keeping_your_own_name_in_another_case_is_fine(client_as, alice):
    response = client_as(alice).post(PROFILE, {"display_name": "ALICE"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.display_name == "ALICE"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("", "This field is required"),
        ("x" * 41, "at most 40 characters"),
        ("me@example.com", "Use letters, numbers, spaces"),
        ("<b>bold</b>", "Use letters, numbers, spaces"),
    ],
)
def test_bad_display_names_get_a_message_not_an_error(client_as, alice, bad, message):
    response = client_as(alice).post(PROFILE, {"display_name": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "<b>bold</b>" not in html
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_an_empty_post_is_a_form_error(client_as, alice):
    response = client_as(alice).post(PROFILE, {})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_a_name_taken_at_the_last_moment_is_a_form_error(client_as, alice, mallory, monkeypatch):
    """The database constraint is the final word; its error becomes a message, not a 500."""
    monkeypatch.setattr("accounts.forms.display_name_taken", lambda name, exclude=None: False)
    response = client_as(alice).post(PROFILE, {"display_name": "mallory"})
    assert response.status_code == 400
    assert "This display name is taken" in response.content.decode()
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_profile_answers_only_get_and_post(client_as, alice):
    assert client_as(alice).put(PROFILE).status_code == 405
