"""Living credentials: a licence's end date, the daily check that takes away the badge and the
right to answer when it passes, reminders, renewal, and answers that keep the credentials their
doctor had when answering."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from doctors import services
from doctors.models import DoctorProfile, Specialty, Status, VerificationDecision
from forum import services as forum_services
from forum.models import Answer
from moderation.models import ModerationAction
from tests.factories import AnswerFactory, QuestionFactory

ANSWER = {
    "headline": "Wait three months",
    "body": "Wait at least three months between sessions; earlier doses can build resistance.",
}


def today():
    return timezone.localdate()


def check(capture) -> str:
    out = StringIO()
    with capture(execute=True):
        call_command("check_licences", stdout=out)
    return out.getvalue()


@pytest.fixture
def lapsed(bob) -> DoctorProfile:
    """Bob, verified, with a licence that was valid until yesterday, and one answer."""
    profile = bob.doctor_profile
    AnswerFactory(doctor=profile, headline="Filler swelling settles")
    DoctorProfile.objects.filter(pk=profile.pk).update(
        licence_expires_on=today() - timedelta(days=1)
    )
    profile.refresh_from_db()
    return profile


def test_the_daily_check_takes_the_badge_and_the_right_to_answer(
    client, client_as, bob, lapsed, django_capture_on_commit_callbacks
):
    output = check(django_capture_on_commit_callbacks)
    assert "1 expired, 0 reminded." in output
    lapsed.refresh_from_db()
    assert lapsed.status == Status.EXPIRED and lapsed.decided_by is None
    decision = VerificationDecision.objects.filter(profile=lapsed).first()
    assert decision.status == Status.EXPIRED and "valid until" in decision.reason
    entry = ModerationAction.objects.get(action="expire")
    assert entry.actor is None and (entry.status_before, entry.status_after) == (
        "verified",
        "expired",
    )
    (message,) = mail.outbox
    assert message.to == [bob.email] and "licence verification has expired" in message.subject
    # No longer answers, and the page says why.
    question = QuestionFactory()
    response = client_as(bob).post(reverse("forum:answer_post", args=[question.pk]), ANSWER)
    assert response.status_code == 403 and "renewed licence" in response.content.decode()
    # The profile stays, says so, and has no Verified badge; the directory leaves them out.
    profile_page = client.get(lapsed.get_absolute_url()).content.decode()
    assert "Licence verification expired" in profile_page
    assert 'badge--success">Verified' not in profile_page
    assert "Filler swelling settles" in profile_page  # the answers stay
    assert lapsed.name not in client.get(reverse("doctors:directory")).content.decode()
    answer_page = client.get(lapsed.answers.get().question.get_absolute_url()).content.decode()
    assert "Licence verification expired" in answer_page
    # A second run the same day changes nothing and sends nothing.
    assert "0 expired, 0 reminded." in check(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_the_right_to_answer_ends_with_the_date_even_before_the_check_runs(client_as, bob, lapsed):
    assert lapsed.status == Status.VERIFIED  # the daily check has not run yet
    question = QuestionFactory()
    response = client_as(bob).post(reverse("forum:answer_post", args=[question.pk]), ANSWER)
    assert response.status_code == 403
    assert not Answer.objects.filter(question=question).exists()


def test_a_suspended_doctor_cannot_answer(client_as, bob, moderator):
    services.verification_decide(
        profile=bob.doctor_profile,
        decision="suspend",
        reason="Licence suspended",
        moderator=moderator,
    )
    question = QuestionFactory()
    response = client_as(bob).post(reverse("forum:answer_post", args=[question.pk]), ANSWER)
    assert response.status_code == 403


def test_doctors_are_reminded_once_within_thirty_days(
    bob, carol, django_capture_on_commit_callbacks
):
    from tests.factories import DoctorProfileFactory

    soon = DoctorProfileFactory(licence_expires_on=today() + timedelta(days=10))
    later = DoctorProfileFactory(licence_expires_on=today() + timedelta(days=45))
    assert "0 expired, 1 reminded." in check(django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == [soon.user.email] and later.user.email not in message.to
    assert "is valid until" in message.subject and "reply to this email" in message.body
    assert "0 expired, 0 reminded." in check(django_capture_on_commit_callbacks)
    # A moderator enters the renewed licence's date: the next end date is reminded of again.
    DoctorProfile.objects.filter(pk=soon.pk).update(licence_expires_on=today() + timedelta(days=20))
    assert "0 expired, 1 reminded." in check(django_capture_on_commit_callbacks)


def test_the_admin_lists_licences_ending_within_thirty_days(client_as, moderator):
    from tests.factories import DoctorProfileFactory

    soon = DoctorProfileFactory(name="Ending Soon", licence_expires_on=today() + timedelta(days=5))
    DoctorProfileFactory(name="Far Away", licence_expires_on=today() + timedelta(days=300))
    browser = client_as(moderator)
    index = browser.get(reverse("admin:index")).content.decode()
    assert "Licences ending within 30 days" in index
    listing = browser.get(
        reverse("admin:doctors_doctorprofile_changelist") + "?licence=ending"
    ).content.decode()
    assert soon.name in listing and "Far Away" not in listing


def test_an_expired_doctor_sends_the_renewed_licence_and_is_verified_again(
    client_as, bob, lapsed, moderator, django_capture_on_commit_callbacks
):
    check(django_capture_on_commit_callbacks)
    browser = client_as(bob)
    page = browser.get(reverse("doctors:apply")).content.decode()
    assert "Licence verification expired" in page
    form = {
        "name": "Someone Else",  # not theirs to change: ignored
        "licence_number": lapsed.licence_number,
        "licence_jurisdiction": lapsed.licence_jurisdiction,
        "licence_expires_on": (today() - timedelta(days=3)).isoformat(),
        "submit": "",
    }
    response = browser.post(reverse("doctors:apply"), form)
    assert response.status_code == 400 and "This date has passed" in response.content.decode()
    form["licence_expires_on"] = (today() + timedelta(days=700)).isoformat()
    assert browser.post(reverse("doctors:apply"), form).status_code == 302
    lapsed.refresh_from_db()
    assert lapsed.status == Status.PENDING and lapsed.name != "Someone Else"
    services.verification_decide(profile=lapsed, decision="verify", reason="", moderator=moderator)
    lapsed.refresh_from_db()
    assert lapsed.status == Status.VERIFIED and lapsed.licence_expires_on > today()


def test_a_moderator_cannot_verify_a_licence_whose_date_has_passed(carol, moderator):
    profile = carol.doctor_profile
    DoctorProfile.objects.filter(pk=profile.pk).update(
        licence_expires_on=today() - timedelta(days=1)
    )
    profile.refresh_from_db()
    with pytest.raises(ValidationError, match="valid until"):
        services.verification_decide(
            profile=profile, decision="verify", reason="", moderator=moderator
        )


def test_an_answer_keeps_the_credentials_its_doctor_had(client, client_as, bob):
    profile = bob.doctor_profile
    question = QuestionFactory()
    client_as(bob).post(reverse("forum:answer_post", args=[question.pk]), ANSWER)
    then_name, then_line = profile.display_name, profile.practice_line
    answer = Answer.objects.get(question=question)
    assert (answer.signed_name, answer.signed_line) == (then_name, then_line)
    # Later the doctor gains a credential, moves and changes specialty.
    profile.credentials = ["MD", "FACS"]
    profile.city = "Portland"
    profile.specialty = Specialty.objects.get(slug="facial-plastic-surgeon")
    profile.save()
    forum_services.answer_submit(
        question=question, doctor=profile, headline="Edited", body=ANSWER["body"] + " Edited."
    )
    answer.refresh_from_db()
    assert (answer.signed_name, answer.signed_line) == (then_name, then_line)
    page = client.get(question.get_absolute_url()).content.decode()
    # The answer is signed as it was; the side column's card shows the doctor as they are now.
    signed = page.split(f'id="answer-{answer.pk}"', 1)[1].split("</article>", 1)[0]
    assert then_name in signed and then_line in signed
    assert "Portland Facial Plastic Surgeon" not in signed
    aside = page.split("<aside", 1)[1].split("</aside>", 1)[0]
    assert "Portland Facial Plastic Surgeon" in aside


def test_while_the_renewal_is_checked_the_profile_stays_and_says_so(
    client, client_as, bob, lapsed, django_capture_on_commit_callbacks
):
    check(django_capture_on_commit_callbacks)
    form = {
        "licence_number": lapsed.licence_number,
        "licence_jurisdiction": lapsed.licence_jurisdiction,
        "licence_expires_on": (today() + timedelta(days=700)).isoformat(),
        "submit": "",
    }
    client_as(bob).post(reverse("doctors:apply"), form)
    lapsed.refresh_from_db()
    assert lapsed.status == Status.PENDING
    page = client.get(lapsed.get_absolute_url())
    assert page.status_code == 200 and "Licence renewal being checked" in page.content.decode()
    answer_page = client.get(lapsed.answers.get().question.get_absolute_url()).content.decode()
    assert "Licence renewal being checked" in answer_page
    assert lapsed.get_absolute_url() in answer_page  # the name still links to the profile
    dashboard = client_as(bob).get(reverse("forum:doctor_dashboard")).content.decode()
    assert "Your renewed licence is being checked" in dashboard


def test_before_the_check_runs_a_lapsed_doctor_sends_the_renewal(client_as, bob, lapsed):
    browser = client_as(bob)
    dashboard = browser.get(reverse("forum:doctor_dashboard")).content.decode()
    assert "You cannot answer questions until a moderator has checked" in dashboard
    assert "two-factor" not in dashboard.split("status-card")[1]
    page = browser.get(reverse("doctors:apply")).content.decode()
    assert "Renew your licence verification" in page
    renewal = {
        "bio": "Still here.",
        "licence_number": lapsed.licence_number,
        "licence_jurisdiction": lapsed.licence_jurisdiction,
        "licence_expires_on": lapsed.licence_expires_on.isoformat(),
        "submit": "",
    }
    response = browser.post(reverse("doctors:apply"), renewal)
    assert response.status_code == 400 and "This date has passed" in response.content.decode()
    renewal["licence_expires_on"] = (today() + timedelta(days=365)).isoformat()
    assert browser.post(reverse("doctors:apply"), renewal).status_code == 302
    lapsed.refresh_from_db()
    assert lapsed.status == Status.PENDING and lapsed.licence_expires_on > today()


def test_licence_notices_reach_doctors_who_switched_decision_emails_off(
    bob, lapsed, django_capture_on_commit_callbacks
):
    from accounts.models import User

    User.objects.filter(pk=bob.pk).update(notify_verification=False)
    check(django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == [bob.email] and "List-Unsubscribe" not in message.extra_headers
    assert "notice about your account" in message.body


def test_a_pending_doctor_whose_date_passes_can_still_save_the_profile(client_as, carol):
    profile = carol.doctor_profile
    DoctorProfile.objects.filter(pk=profile.pk).update(
        licence_expires_on=today() - timedelta(days=1)
    )
    response = client_as(carol).post(reverse("doctors:apply"), {"bio": "Updated.", "save": ""})
    assert response.status_code == 302  # the date is disabled while pending: it blocks nothing
    profile.refresh_from_db()
    assert profile.bio == "Updated."


def test_a_suspended_doctors_answers_say_they_are_no_longer_verified(client, bob, moderator):
    answer = AnswerFactory(doctor=bob.doctor_profile)
    services.verification_decide(
        profile=bob.doctor_profile,
        decision="suspend",
        reason="Board suspension",
        moderator=moderator,
    )
    page = client.get(answer.question.get_absolute_url()).content.decode()
    assert "No longer verified" in page and "Board suspension" not in page
