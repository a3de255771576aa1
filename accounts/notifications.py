"""Notification emails: sent only if the member wants that kind, each with a one-click link
that switches that kind off (a signed token, so it works logged out) and the List-Unsubscribe
headers mail programs show as an "Unsubscribe" button."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.mail import send_templated
from accounts.models import Notification, User

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
    "consultations": Kind(
        "notify_consultations", "when there is a new message in one of your consultations"
    ),
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


def record(user: User, text: str, url: str = "") -> None:
    """List `text` (linking to `url`, a path) on the member's notifications page."""
    if user.is_active and not user.is_banned:
        with transaction.atomic():
            Notification.objects.create(user=user, text=text[:300], url=url[:500])
            User.objects.filter(pk=user.pk).update(
                unread_notifications=F("unread_notifications") + 1
            )


@transaction.atomic
def mark_read(user: User, ids: list[int]) -> None:
    """The member has seen these: the bell counts what is still unread."""
    Notification.objects.filter(user=user, pk__in=ids, read_at=None).update(read_at=timezone.now())
    recount([user.pk])
    user.unread_notifications = User.objects.values_list("unread_notifications", flat=True).get(
        pk=user.pk
    )


def recount(user_ids) -> None:
    """Set the bells of these members to what is unread, in one statement each (so that a
    notification recorded meanwhile is never lost from the count)."""
    unread = (
        Notification.objects.filter(user=OuterRef("pk"), read_at=None)
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    User.objects.filter(pk__in=list(user_ids)).update(
        unread_notifications=Coalesce(Subquery(unread), 0)
    )


def notify(
    user: User, kind: str, template: str, context: dict, *, note: str = "", url: str = ""
) -> bool:
    """Email `user` with templates/emails/<template>-*, if they want this kind; after commit.
    `note` goes on their notifications page (linking to `url`) whatever they chose for emails.
    Returns whether an email went."""
    if note:
        record(user, note, url)
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


def notify_always(
    user: User, template: str, context: dict, *, note: str = "", url: str = ""
) -> bool:
    """A notice about the member's own standing that they cannot switch off (a doctor's licence
    about to lapse, or lapsed, an answer of theirs removed): no unsubscribe link. Not to
    inactive or banned members. `note` as for notify()."""
    if not user.is_active or user.is_banned:
        return False
    if note:
        record(user, note, url)
    context = {
        **context,
        "recipient": user,
        "settings_url": settings.SITE_URL.rstrip("/") + reverse("accounts:notifications"),
        "SITE_URL": settings.SITE_URL.rstrip("/"),
    }
    send_templated(template, user.email, context)
    return True
