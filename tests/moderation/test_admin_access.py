"""The admin lets in staff with two-factor authentication, through the site's own login."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.models import MODERATORS_GROUP
from moderation.models import Action, ModerationAction
from tests.factories import PASSWORD, UserFactory, totp_code

ADMIN = "/admin/"


def test_anonymous_visitors_are_sent_to_the_sites_login(client):
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "next=/admin/" in response.redirect_chain[-1][0]


def test_staff_without_mfa_are_asked_to_set_it_up(client_as):
    staff = UserFactory(is_staff=True, mfa=False)
    staff.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    response = client_as(staff).get(ADMIN, follow=True)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Set up two-factor authentication first" in html
    assert reverse("mfa_activate_totp") in html
    assert (
        client_as(staff).get(reverse("admin:forum_question_changelist"), follow=True).status_code
        == 403
    )


def test_members_are_refused(client_as, alice):
    response = client_as(alice).get(ADMIN, follow=True)
    assert response.status_code == 403
    assert "for DocAnswers moderators" in response.content.decode()


def test_a_moderator_logs_in_with_password_and_code(client, moderator):
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": moderator.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert client.get(ADMIN).status_code == 302  # not in yet: the code is still to come
    done = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert done.status_code == 302
    index = client.get(ADMIN)
    assert index.status_code == 200
    assert "DocAnswers moderation" in index.content.decode()


def test_the_admins_own_password_form_is_not_used(client):
    response = client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_moderation_log_is_read_only_for_everyone(client_as, moderator, alice):
    entry = ModerationAction.objects.create(
        actor=moderator,
        action=Action.HIDE,
        content_type=ContentType.objects.get_for_model(alice),  # ids differ in a reused database
        object_id=alice.pk,
        item_label="x",
    )
    owner = UserFactory(is_staff=True, is_superuser=True)
    for user in (moderator, owner):
        client = client_as(user)
        assert (
            client.get(reverse("admin:moderation_moderationaction_changelist")).status_code == 200
        )
        page = client.get(reverse("admin:moderation_moderationaction_change", args=[entry.pk]))
        assert page.status_code == 200 and "<textarea" not in page.content.decode()
        assert (
            client.post(
                reverse("admin:moderation_moderationaction_change", args=[entry.pk]),
                {"reason": "edited"},
            ).status_code
            == 403
        )
        assert (
            client.post(
                reverse("admin:moderation_moderationaction_delete", args=[entry.pk]),
                {"post": "yes"},
            ).status_code
            == 403
        )
        assert client.get(reverse("admin:moderation_moderationaction_add")).status_code == 403
    entry.refresh_from_db()
    assert entry.reason == ""


def test_restricted_photos_opened_by_a_moderator_are_logged_once_per_look(
    client_as, moderator, alice, bob
):
    from tests.factories import QuestionFactory

    question = QuestionFactory(author=alice, photos=1, photo_visibility="doctors")
    photo = question.photos.get()
    client = client_as(moderator)
    for size in ("320", "960", "full"):
        assert client.get(photo.url(size)).status_code == 200
    entry = ModerationAction.objects.get()
    assert (entry.actor, entry.action, entry.object_id) == (moderator, "photo_viewed", photo.pk)
    client_as(alice).get(photo.url("960"))  # the asker's own look is not logged
    client_as(bob).get(photo.url("960"))  # nor a verified doctor's, who may see it anyway
    assert ModerationAction.objects.count() == 1
    public = QuestionFactory(author=alice, photos=1, photo_visibility="everyone")
    client.get(public.photos.get().url("960"))
    assert ModerationAction.objects.count() == 1
