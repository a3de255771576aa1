"""A borrowed session is not enough to take an account over: each change that would hand the
account to someone else asks for the password again, and the old address hears of a new one."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import DataExport, User
from tests.factories import PASSWORD

REAUTHENTICATE = reverse("account_reauthenticate")


def asks_for_the_password(response) -> bool:
    return response.status_code == 302 and response.url.startswith(REAUTHENTICATE)


@pytest.fixture
def ready_export(alice):
    return DataExport.objects.create(
        user=alice,
        status=DataExport.Status.READY,
        file_name="exports/alice.zip",
        size=10,
        expires_at=timezone.now() + timedelta(days=7),
    )


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("account_email", {"action_add": "", "email": "thief@example.com"}),
        ("privacy:account_delete", {"posts": "delete", "confirm": "DELETE"}),
        ("privacy:data_export", {}),
    ],
)
def test_a_signed_in_session_alone_changes_nothing(
    client_as, alice, url_name, data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(alice).post(reverse(url_name), data)
    assert asks_for_the_password(response)
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert list(EmailAddress.objects.values_list("email", flat=True)) == ["alice@example.com"]
    assert not DataExport.objects.exists()
    assert mail.outbox == []


def test_a_new_password_needs_the_current_one(client_as, alice):
    """The password form asks for the current password itself, which is the reauthentication
    (allauth asks no second time there)."""
    response = client_as(alice).post(
        reverse("account_change_password"),
        {"oldpassword": "a-guess", "password1": "thiefs-own-pass", "password2": "thiefs-own-pass"},
    )
    assert response.status_code == 200
    assert "Please type your current password." in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_the_deletion_page_and_the_download_ask_first(client_as, alice, ready_export):
    client = client_as(alice)
    assert asks_for_the_password(client.get(reverse("privacy:account_delete")))
    download = reverse("privacy:data_download", args=[ready_export.pk])
    response = client.get(download)
    assert asks_for_the_password(response)
    assert response.url == f"{REAUTHENTICATE}?next={download.replace('/', '%2F')}"
    # Whether a copy is ready may still be looked at.
    assert client.get(reverse("privacy:data_export")).status_code == 200


def test_a_wrong_password_is_refused_on_the_form(client_as, alice):
    client = client_as(alice)
    response = client.post(REAUTHENTICATE, {"password": "not-the-password"})
    assert response.status_code == 200
    assert "incorrect" in response.content.decode().lower()
    assert asks_for_the_password(client.get(reverse("privacy:account_delete")))


def test_the_password_given_again_carries_the_deletion_through(client_as, alice):
    client = client_as(alice)
    response = client.post(
        reverse("privacy:account_delete"), {"posts": "delete", "confirm": "DELETE"}
    )
    assert User.objects.filter(pk=alice.pk).exists()
    # allauth keeps the POST while it asks, and carries it out once the password is right.
    client.post(response.url, {"password": PASSWORD})
    assert not User.objects.filter(pk=alice.pk).exists()


def test_the_old_address_is_told_when_the_email_changes(
    reauthenticated_as, alice, django_capture_on_commit_callbacks
):
    client = reauthenticated_as(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_email"), {"action_add": "", "email": "alice.new@example.com"})
    link = re.search(r"testserver(/account/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    alice.refresh_from_db()
    assert alice.email == "alice.new@example.com"
    notice = mail.outbox[-1]
    assert notice.to == ["alice@example.com"]
    assert "alice@example.com to alice.new@example.com" in notice.body
    assert "IP address" in notice.body


def test_the_member_is_told_when_the_password_changes(
    reauthenticated_as, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = reauthenticated_as(alice).post(
            reverse("account_change_password"),
            {
                "oldpassword": PASSWORD,
                "password1": "another-long-pass",
                "password2": "another-long-pass",
            },
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]
    assert "password" in mail.outbox[0].subject.lower()
