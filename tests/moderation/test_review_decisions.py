"""What moderators decide about items the site hid after reports, and who counts as one."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import MODERATORS_GROUP
from doctors.models import Status
from moderation.models import Action, ModerationAction, Report, ReportStatus
from moderation.services import report_submit
from tests.factories import DoctorProfileFactory, PatientFactory, QuestionFactory, UserFactory
from tests.moderation.conftest import admin_action


@pytest.fixture
def auto_hidden(answer, settings):
    settings.MODERATION_AUTO_HIDE_REPORTERS = 2
    reporters = PatientFactory.create_batch(2)
    for reporter in reporters:
        report_submit(reporter=reporter, item=answer, reason="spam", details="")
    answer.refresh_from_db()
    assert answer.status == "hidden"
    answer.reporters = reporters
    return answer


def test_hiding_an_automatically_hidden_item_confirms_it_with_the_moderators_reason(
    client_as, moderator, auto_hidden
):
    admin_action(client_as(moderator), "forum_answer", "hide", [auto_hidden], reason="Spam link.")
    auto_hidden.refresh_from_db()
    assert (auto_hidden.status, auto_hidden.hidden_reason) == ("hidden", "Spam link.")
    assert set(Report.objects.values_list("status", flat=True)) == {ReportStatus.ACTIONED}
    assert ModerationAction.objects.filter(action=Action.HIDE, actor=moderator).count() == 1


def test_dismissing_the_reports_restores_an_automatically_hidden_item(
    client_as, moderator, auto_hidden, question
):
    admin_action(
        client_as(moderator), "moderation_report", "dismiss", Report.objects.all(), reason=""
    )
    auto_hidden.refresh_from_db()
    question.refresh_from_db()
    assert auto_hidden.status == "published" and question.answer_count == 1


def test_once_a_moderator_restores_it_reports_alone_do_not_hide_it_again(
    client_as, moderator, auto_hidden
):
    admin_action(client_as(moderator), "forum_answer", "restore", [auto_hidden])
    for reporter in auto_hidden.reporters:
        report_submit(reporter=reporter, item=auto_hidden, reason="spam", details="")
    auto_hidden.refresh_from_db()
    assert auto_hidden.status == "published"
    assert Report.objects.filter(status="open").count() == 2  # still in the moderators' queue


def test_moderator_powers_need_staff_and_two_factor_authentication(client_as, alice):
    question = QuestionFactory(author=alice, photos=1, photo_visibility="doctors")
    url = question.photos.get().url("960")
    member = UserFactory(mfa=True)
    member.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    no_mfa = UserFactory(is_staff=True, mfa=False)
    no_mfa.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    for user in (member, no_mfa):
        assert not user.is_moderator
        assert client_as(user).get(url).status_code == 404


def test_a_hidden_photo_is_never_publicly_cached(client_as, moderator, question, alice):
    photo = question.photos.first()
    admin_action(client_as(moderator), "forum_photo", "hide", [photo], reason="A face.")
    response = client_as(alice).get(photo.url("960"))
    assert response["Cache-Control"] == "private, no-store"


def test_the_log_keeps_who_acted_after_their_account_is_gone(client_as, answer):
    moderator = UserFactory(is_staff=True, display_name="Gone Moderator")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    admin_action(client_as(moderator), "forum_answer", "hide", [answer], reason="Spam.")
    moderator.delete()
    entry = ModerationAction.objects.get()
    assert (entry.actor, entry.actor_name) == (None, "Gone Moderator")
    assert str(entry).startswith("Gone Moderator:")


def test_deletions_in_the_admin_are_logged(client_as, review):
    owner = UserFactory(is_staff=True, is_superuser=True)
    client_as(owner).post(reverse("admin:doctors_review_delete", args=[review.pk]), {"post": "yes"})
    entry = ModerationAction.objects.get()
    assert (entry.actor, entry.action, entry.item_label) == (owner, Action.DELETE, review.title)


def test_verify_only_touches_pending_applications(client_as, moderator):
    rejected = DoctorProfileFactory(status=Status.REJECTED, verified_at=None)
    response = admin_action(client_as(moderator), "doctors_doctorprofile", "verify", [rejected])
    assert response.status_code == 302
    rejected.refresh_from_db()
    assert rejected.status == Status.REJECTED


def test_the_doctors_account_cannot_be_swapped_in_the_admin(client_as, moderator, bob, alice):
    profile = bob.doctor_profile
    page = client_as(moderator).get(
        reverse("admin:doctors_doctorprofile_change", args=[profile.pk])
    )
    assert 'name="user"' not in page.content.decode()


def test_moderators_see_a_pending_applicants_headshot_and_members_do_not(
    client_as, moderator, carol, alice
):
    import photos
    from doctors.services import _replace_headshot
    from tests.forum.images import image_bytes, upload

    profile = carol.doctor_profile
    _replace_headshot(profile, photos.process(upload(image_bytes("JPEG", size=(300, 300)))))
    profile.save()
    url = reverse("admin:doctors_doctorprofile_headshot", args=[profile.pk])
    list_page = client_as(moderator).get(reverse("admin:doctors_doctorprofile_changelist"))
    assert url in list_page.content.decode()
    response = client_as(moderator).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert client_as(alice).get(url).status_code == 302  # to the login: not a moderator
