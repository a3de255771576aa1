"""Emails go out with their lines as written: a link is whole on one line in the raw message.

Left to itself, Python's email package sends any body with a line over 78 characters as
quoted-printable, which breaks long lines every 76 characters with a soft `=`: the console
backend (`make run`) then prints a confirmation link cut in two, and a reader that does not
decode the message gets a broken link. Lines up to 998 octets need no such encoding (RFC 5322),
so the site's emails are sent 7bit (ASCII) or 8bit (UTF-8) whenever their lines allow.
"""

import email
import email.policy
import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tasks import deliver_email
from tests.factories import PatientFactory, QuestionFactory

NAME = "Joséphine Müller-Ångström"
URL = re.compile(r"https?://[^\s<>\"']+")
# What the console backend prints (the default policy) and what the SMTP backend sends.
POLICIES = {"console": email.policy.default, "smtp": email.policy.SMTP}


def as_text(content: str) -> str:
    return content.replace("\r\n", "\n").rstrip("\n")


def raw_messages(message) -> dict[str, bytes]:
    return {name: message.message(policy=policy).as_bytes() for name, policy in POLICIES.items()}


def assert_sent_as_written(message) -> None:
    """Every link of the text (and HTML) part is on one line of the raw message, nothing is
    quoted-printable or base64, and the message reads back to what was written."""
    links = URL.findall(message.body)
    assert links, message.body
    assert any(len(link) > 76 for link in links), links  # long enough to have been cut
    bodies = [message.body] + [body for body, kind in getattr(message, "alternatives", [])]
    for name, raw in raw_messages(message).items():
        encodings = re.findall(rb"(?im)^content-transfer-encoding: *(\S+)", raw)
        assert encodings and set(encodings) <= {b"7bit", b"8bit"}, (name, encodings)
        lines = raw.splitlines()
        # A quoted-printable soft break ends a line with "=" (MIME boundaries start with "--",
        # and a header's encoded words end with "?=").
        soft_breaks = [
            line
            for line in lines
            if line.endswith(b"=") and not line.startswith(b"--") and not line.endswith(b"?=")
        ]
        assert not soft_breaks, name
        for link in links:
            assert any(link.encode() in line for line in lines), (name, link)
        assert all(len(line) <= 998 for line in lines), name
        assert NAME.encode() in raw, name  # UTF-8 as is (8bit), not encoded
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        parts = [part for part in parsed.walk() if part.get_content_maintype() == "text"]
        assert [as_text(part.get_content()) for part in parts] == list(map(as_text, bodies))


@pytest.fixture
def josephine(db):
    return PatientFactory(email="josephine@example.com", display_name=NAME)


def test_the_sign_up_confirmation_link_is_whole(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "role": "patient",
                "display_name": NAME,
                "email": "josephine@example.com",
                "password1": "a-long-unusual-passphrase",
                "password2": "a-long-unusual-passphrase",
            },
        )
    (message,) = mail.outbox
    assert "/account/confirm-email/" in message.body
    assert_sent_as_written(message)


def test_the_password_reset_link_is_whole(client, josephine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": josephine.email})
    (message,) = mail.outbox
    assert "/account/password/reset/key/" in message.body
    assert_sent_as_written(message)


def test_the_answer_notification_links_are_whole(
    client_as, bob, josephine, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8017"
    question = QuestionFactory(
        author=josephine,
        title="Facial pain after two treatments of Botox in the jaw, and what to do about it now",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_as(bob).post(
            reverse("forum:answer_post", args=[question.pk]),
            {
                "headline": "Botox is never permanent",
                "body": "Botox wears off in three to four months; the muscles return to normal.",
            },
        )
    (message,) = mail.outbox
    assert NAME in message.body
    assert message.alternatives  # the HTML part is kept, and sent as written too
    assert "http://127.0.0.1:8017/" in message.body
    assert "unsubscribe" in message.body.lower()
    assert_sent_as_written(message)
    # The List-Unsubscribe header keeps its link whole too, rather than as encoded words.
    header = f"List-Unsubscribe: {message.extra_headers['List-Unsubscribe']}".encode()
    assert header.startswith(b"List-Unsubscribe: <http://127.0.0.1:8017/account/unsubscribe/")
    for raw in raw_messages(message).values():
        assert header in raw.splitlines()
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert parsed["List-Unsubscribe"] == message.extra_headers["List-Unsubscribe"]


def test_a_line_too_long_for_smtp_is_still_encoded(db):
    """Past 998 octets a line must be encoded; the message still reads back whole."""
    body = f"Hello {NAME},\n\n{'word ' * 300}\n"
    deliver_email.call(subject="Long", body=body, to=["josephine@example.com"])
    (message,) = mail.outbox
    for raw in raw_messages(message).values():
        assert all(len(line) <= 998 for line in raw.splitlines())
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert as_text(parsed.get_content()) == as_text(body)
