import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import Role, User

SIGNUP = reverse("account_signup")


def signup_data(**overrides) -> dict:
    data = {
        "role": "patient",
        "display_name": "Jasmine",
        "email": "jasmine@example.com",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
    }
    return data | overrides


def confirmation_link(message) -> str:
    match = re.search(r"https?://testserver(/account/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.parametrize("role", [Role.PATIENT, Role.DOCTOR])
def test_sign_up_creates_an_unverified_account_and_sends_a_link(
    client, db, role, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_data(role=role))
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="jasmine@example.com")
    assert user.role == role
    assert user.display_name == "Jasmine"
    assert not user.has_verified_email
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jasmine@example.com"]
    assert "Hello Jasmine" in mail.outbox[0].body
    assert confirmation_link(mail.outbox[0])


def test_sign_up_page_offers_patient_and_doctor(client, db):
    html = client.get(SIGNUP).content.decode()
    assert "I am a patient" in html
    assert "I am a doctor" in html
    assert re.search(r'value="patient"[^>]*checked', html)


def test_doctor_link_preselects_the_doctor_role(client, db):
    html = client.get(SIGNUP + "?role=doctor").content.decode()
    assert re.search(r'value="doctor"[^>]*checked', html)
    assert not re.search(r'value="patient"[^>]*checked', html)


def test_unknown_role_is_refused(client, db):
    response = client.post(SIGNUP, signup_data(role="moderator"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("display_name", "message"),
    [
        ("jasmine@example.com", "Use letters, numbers, spaces"),
        ("Dr. Jasmine", "can&#x27;t suggest a title"),
        ("DocAnswers Team", "can&#x27;t suggest a title"),
        ("J", "at least 2 characters"),
        ("Ｄｒ Jasmine", "can&#x27;t suggest a title"),
        ("Jasmine Smith MD", "can&#x27;t suggest a title"),
        ("Dг Jasmine", "Use one alphabet"),
        ("<script>", "Use letters, numbers, spaces"),
    ],
)
def test_display_name_rules(client, db, display_name, message):
    response = client.post(SIGNUP, signup_data(display_name=display_name))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_display_names_are_unique_regardless_of_case(client, alice):
    response = client.post(SIGNUP, signup_data(display_name="  ALICE "))
    assert "This display name is taken" in response.content.decode()
    assert User.objects.count() == 1


def test_display_name_spaces_are_tidied(client, db):
    client.post(SIGNUP, signup_data(display_name="  Ana   María  "))
    assert User.objects.get().display_name == "Ana María"


def test_login_is_refused_until_the_email_is_verified(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, signup_data())
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "jasmine@example.com", "password": "a-long-unusual-passphrase"},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_following_the_link_verifies_the_email(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, signup_data())
    link = confirmation_link(mail.outbox[0])
    assert client.get(link).status_code == 200
    client.post(link)
    assert EmailAddress.objects.get(email="jasmine@example.com").verified
    response = client.post(
        reverse("account_login"),
        {"login": "jasmine@example.com", "password": "a-long-unusual-passphrase"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_signing_up_again_with_a_known_email_reveals_nothing(
    client, alice, django_capture_on_commit_callbacks
):
    """allauth prevents enumeration: same page, and the owner gets a note by email."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SIGNUP, signup_data(email="ALICE@example.com", display_name="Someone Else")
        )
    assert response.status_code == 302
    assert User.objects.count() == 1
    assert mail.outbox[0].to == ["alice@example.com"]


def test_lookalike_letters_count_as_the_same_name(client, db):
    """The Kelvin sign (U+212A) folds to K, so "\u212aate" cannot sit beside "Kate"."""
    client.post(SIGNUP, signup_data(display_name="Kate", email="kate@example.com"))
    response = client.post(SIGNUP, signup_data(display_name="\u212aate"))
    assert "This display name is taken" in response.content.decode()
    assert User.objects.count() == 1


def test_a_name_taken_at_the_last_moment_is_a_form_error(client, alice, monkeypatch):
    monkeypatch.setattr("accounts.forms.display_name_taken", lambda name, exclude=None: False)
    response = client.post(SIGNUP, signup_data(display_name="ALICE"))
    assert response.status_code == 200
    assert "This display name is taken" in response.content.decode()
    assert User.objects.count() == 1
    assert not EmailAddress.objects.filter(email="jasmine@example.com").exists()
    assert mail.outbox == []
