"""Notification emails: sent only if the member wants that kind, each with a one-click link
that switches that kind off (a signed token, so it works logged out) and the List-Unsubscribe
headers mail programs show as an "Unsubscribe" button."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from accounts.mail import send_templated
from accounts.models import User

SALT = "docanswers.unsubscribe"


@dataclass(frozen=True)
class Kind:
    field: str  # the User flag
    label: str  # what the settings page and the unsubscribe page call it


KINDS = {
    "answers": Kind("notify_answers", "when a doctor answers your question"),
    "followed": Kind("notify_followed", "when a doctor answers a question you follow"),
    "replies": Kind("notify_replies", "when a doctor replies to your review"),
    "treatments": Kind(
        "notify_treatments", "when a patient asks a question about a treatment you follow"
    ),
    "verification": Kind("notify_verification", "about decisions on your doctor application"),
    "updates": Kind("notify_updates", "when a patient updates a question you answered"),
    "digest": Kind("notify_digest", "the daily digest of new unanswered questions"),
}


def unsubscribe_token(user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str] | None:
    """(user id, kind) from a token, or None if it was not made here."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if (
        not isinstance(data, dict)
        or data.get("k") not in KINDS
        or not isinstance(data.get("u"), int)
    ):
        return None
    return data["u"], data["k"]


def unsubscribe_url(user: User, kind: str) -> str:
    path = reverse("accounts:unsubscribe", args=[unsubscribe_token(user, kind)])
    return settings.SITE_URL.rstrip("/") + path


def wants(user: User, kind: str) -> bool:
    return user.is_active and not user.is_banned and getattr(user, KINDS[kind].field)


def notify(user: User, kind: str, template: str, context: dict) -> bool:
    """Email `user` with templates/emails/<template>-*, if they want this kind; after commit."""
    if not wants(user, kind):
        return False
    url = unsubscribe_url(user, kind)
    context = {
        **context,
        "recipient": user,
        "unsubscribe_url": url,
        "unsubscribe_label": KINDS[kind].label,
        "settings_url": settings.SITE_URL.rstrip("/") + reverse("accounts:notifications"),
        "SITE_URL": settings.SITE_URL.rstrip("/"),
    }
    headers = {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    send_templated(template, user.email, context, headers=headers)
    return True


def notify_always(user: User, template: str, context: dict) -> bool:
    """A notice about the member's own standing that they cannot switch off (a doctor's licence
    about to lapse, or lapsed): no unsubscribe link. Not to inactive or banned members."""
    if not user.is_active or user.is_banned:
        return False
    context = {
        **context,
        "recipient": user,
        "settings_url": settings.SITE_URL.rstrip("/") + reverse("accounts:notifications"),
        "SITE_URL": settings.SITE_URL.rstrip("/"),
    }
    send_templated(template, user.email, context)
    return True
