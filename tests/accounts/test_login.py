from django.urls import reverse

from tests.factories import PASSWORD

LOGIN = reverse("account_login")
LOGOUT = reverse("account_logout")


def test_login_with_email_and_password(client, alice):
    response = client.post(LOGIN, {"login": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")
    html = client.get(reverse("home")).content.decode()
    assert "Signed in as <strong>Alice</strong>" in html


def test_login_is_case_insensitive_on_the_email(client, alice):
    response = client.post(LOGIN, {"login": "Alice@Example.COM", "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_gets_a_message_on_the_form(client, alice):
    response = client.post(LOGIN, {"login": "alice@example.com", "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_are_rate_limited(client, alice):
    for _ in range(5):
        client.post(LOGIN, {"login": "alice@example.com", "password": "wrong"})
    response = client.post(LOGIN, {"login": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(client_as, alice):
    client = client_as(alice)
    page = client.get(LOGOUT)
    assert page.status_code == 200  # a confirmation page, logging out nobody
    assert "_auth_user_id" in client.session
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_inactive_member_cannot_log_in(client, alice):
    alice.is_active = False
    alice.save()
    response = client.post(LOGIN, {"login": "alice@example.com", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response.url == reverse("account_inactive")
