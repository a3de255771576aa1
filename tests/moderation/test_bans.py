"""A banned member cannot log in or post, and is told why and until when."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from forum.models import Question
from moderation.models import ModerationAction
from moderation.services import ban
from tests.factories import PASSWORD
from tests.moderation.conftest import admin_action

REASON = "Posting a clinic's price list in every answer."
ASK = {
    "title": "Is a second Botox session safe?",
    "body": "I had Botox two weeks ago and want more. Is that safe, and how long should I wait?",
    "treatments": "Botox",
    "photo_visibility": "members",
}


def login(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_a_moderator_bans_with_a_reason_and_an_end_date(client_as, moderator, mallory):
    until = (timezone.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    client = client_as(moderator)
    page = admin_action(client, "accounts_user", "ban", [mallory])
    assert page.status_code == 200 and "Ban ends" in page.content.decode()
    admin_action(client, "accounts_user", "ban", [mallory], reason=REASON, until=until)
    mallory.refresh_from_db()
    assert mallory.is_banned and mallory.ban_reason == REASON
    assert mallory.banned_until.strftime("%Y-%m-%dT%H:%M") == until
    entry = ModerationAction.objects.get()
    assert (entry.actor, entry.action, entry.reason, entry.status_before) == (
        moderator,
        "ban",
        REASON,
        "active",
    )


def test_a_ban_needs_a_reason_and_a_future_end(client_as, moderator, mallory):
    client = client_as(moderator)
    past = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    page = admin_action(client, "accounts_user", "ban", [mallory], reason=REASON, until=past)
    assert "must be in the future" in page.content.decode()
    admin_action(client, "accounts_user", "ban", [mallory], reason="")
    mallory.refresh_from_db()
    assert not mallory.is_banned


def test_staff_cannot_be_banned(client_as, moderator):
    other = User.objects.create_user(
        "mod2@example.com", "pw", display_name="Other Mod", is_staff=True
    )
    admin_action(client_as(moderator), "accounts_user", "ban", [other], reason=REASON)
    other.refresh_from_db()
    assert not other.is_banned


def test_a_banned_member_cannot_log_in_and_sees_why(client, moderator, mallory):
    ban(user=mallory, actor=moderator, reason=REASON)
    response = login(client, mallory)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Posting a clinic&#x27;s price list" in html
    assert "_auth_user_id" not in client.session


def test_a_member_banned_while_logged_in_is_logged_out_and_cannot_post(
    client_as, moderator, mallory
):
    browser = client_as(mallory)
    ban(user=mallory, actor=moderator, reason=REASON, until=timezone.now() + timedelta(days=2))
    response = browser.post(reverse("forum:question_ask"), ASK)
    assert response.status_code == 403
    assert "until" in response.content.decode()
    assert not Question.objects.exists()
    assert "_auth_user_id" not in browser.session
    # Logged out now: the next attempt goes to the login page.
    assert browser.post(reverse("forum:question_ask"), ASK).status_code == 302


def test_lifting_a_ban_or_its_end_lets_the_member_back(client, client_as, moderator, mallory):
    ban(user=mallory, actor=moderator, reason=REASON)
    admin_action(client_as(moderator), "accounts_user", "unban", [mallory])
    assert login(client, mallory).status_code == 302
    User.objects.filter(pk=mallory.pk).update(
        banned_at=timezone.now() - timedelta(days=3), banned_until=timezone.now()
    )
    mallory.refresh_from_db()
    assert not mallory.is_banned
    assert [e.action for e in ModerationAction.objects.order_by("pk")] == ["ban", "unban"]


def test_banning_needs_the_ban_permission(client_as, mallory):
    from tests.factories import UserFactory

    viewer = UserFactory(is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_user"))
    admin_action(client_as(viewer), "accounts_user", "ban", [mallory], reason=REASON)
    mallory.refresh_from_db()
    assert not mallory.is_banned
