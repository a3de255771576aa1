import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD


def test_password_reset_sends_a_link_that_works(client, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"testserver(/account/password/reset/key/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": "a-brand-new-passphrase", "password2": "a-brand-new-passphrase"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-brand-new-passphrase")


def test_password_reset_for_an_unknown_email_reveals_nothing(
    client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
        unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    # The stranger's inbox gets a note that no account uses it, and no reset link.
    to_stranger = [message for message in mail.outbox if message.to == ["nobody@example.com"]]
    assert len(to_stranger) == 1
    assert "/password/reset/key/" not in to_stranger[0].body


def test_password_change(reauthenticated_as, alice):
    response = reauthenticated_as(alice).post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-pass",
            "password2": "another-long-pass",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("another-long-pass")


def test_email_change_is_verified_before_it_takes_effect(
    reauthenticated_as, alice, django_capture_on_commit_callbacks
):
    client = reauthenticated_as(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "alice.new@example.com"}
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["alice.new@example.com"]
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
    link = re.search(r"testserver(/account/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    client.post(link)
    alice.refresh_from_db()
    assert alice.email == "alice.new@example.com"
    assert EmailAddress.objects.get(user=alice).email == "alice.new@example.com"


def test_two_factor_authentication_is_offered_to_every_member(client_as, alice):
    from tests.factories import DoctorFactory

    for member in (alice, DoctorFactory(mfa=False)):
        client = client_as(member)
        assert "Authenticator App" in client.get(reverse("mfa_index")).content.decode()
        # allauth asks for the password again before MFA settings change.
        page = client.get(reverse("mfa_activate_totp"))
        assert page.status_code == 302
        assert page.url.startswith(reverse("account_reauthenticate"))
        client.post(page.url, {"password": PASSWORD})
        html = client.get(reverse("mfa_activate_totp")).content.decode()
        assert 'class="qr" src="data:image/svg+xml;base64,' in html
        assert 'alt="QR code for your authenticator app"' in html


def test_emails_are_delivered_by_a_background_task(
    client, alice, django_capture_on_commit_callbacks
):
    """Nothing is sent until the transaction commits, then the task delivers it."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_setting_up_an_authenticator_offers_recovery_codes(client_as):
    from allauth.mfa.models import Authenticator

    from tests.factories import DoctorFactory, totp_code

    doctor = DoctorFactory(mfa=False)
    client = client_as(doctor)
    page = client.get(reverse("mfa_activate_totp"))
    client.post(page.url, {"password": PASSWORD})
    html = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = html.split('id="authenticator_secret"')[1].split('value="')[1].split('"')[0]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    kinds = set(Authenticator.objects.filter(user=doctor).values_list("type", flat=True))
    assert kinds == {"totp", "recovery_codes"}
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes(Authenticator.objects.get(user=doctor, type="recovery_codes"))
    page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    unused = codes.get_unused_codes()
    assert len(unused) == 10 and all(code in page for code in unused)
