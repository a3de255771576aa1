"""Notification emails: who gets which, their unsubscribe links, and a mail server that fails."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks.signals import task_finished
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import notifications
from accounts.models import User
from doctors import services as doctor_services
from forum import services
from forum.models import Question
from tests.factories import DoctorProfileFactory, QuestionFactory

ANSWER = {
    "headline": "Wait three months",
    "body": "Wait at least three months between sessions; earlier doses can build resistance.",
}


@pytest.fixture
def question(alice):
    return QuestionFactory(author=alice, title="Can I have Botox again after two weeks?")


def post_answer(client_as, doctor_user, question, capture):
    with capture(execute=True):
        response = client_as(doctor_user).post(
            reverse("forum:answer_post", args=[question.pk]), ANSWER
        )
    assert response.status_code == 302
    return response


def sent_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def unsubscribe_link(message) -> str:
    return message.extra_headers["List-Unsubscribe"].strip("<>")


def test_the_asker_and_followers_are_emailed_with_text_html_and_an_unsubscribe_link(
    client_as, alice, bob, mallory, question, django_capture_on_commit_callbacks
):
    client_as(mallory).post(reverse("forum:question_follow", args=[question.pk]), {"follow": "1"})
    client_as(bob).post(reverse("forum:question_follow", args=[question.pk]), {"follow": "1"})
    post_answer(client_as, bob, question, django_capture_on_commit_callbacks)
    (to_asker,) = sent_to(alice)
    (to_follower,) = sent_to(mallory)
    assert sent_to(bob) == []  # the answering doctor is not told of their own answer
    assert to_asker.subject.endswith("A doctor answered your question")
    assert to_follower.subject.endswith("A doctor answered a question you follow")
    for message in (to_asker, to_follower):
        link = unsubscribe_link(message)
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link in message.body
        html, kind = message.alternatives[0]
        assert kind == "text/html" and link in html and "Wait three months" in html
        assert "Answers on DocAnswers are for education" in message.body


def test_unsubscribing_works_logged_out_and_a_get_changes_nothing(
    client_as, alice, bob, question, django_capture_on_commit_callbacks
):
    link = notifications.unsubscribe_url(alice, "answers").removeprefix("http://testserver")
    link = link[link.index("/account/") :]
    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(link)
    assert page.status_code == 200 and "Stop these emails?" in page.content.decode()
    alice.refresh_from_db()
    assert alice.notify_answers
    done = anonymous.post(link, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "You are unsubscribed" in done.content.decode()
    alice.refresh_from_db()
    assert not alice.notify_answers and alice.notify_followed
    post_answer(client_as, bob, question, django_capture_on_commit_callbacks)
    assert sent_to(alice) == []


@pytest.mark.parametrize("token", ["nonsense", "eyJ1IjoxLCJrIjoiYW5zd2VycyJ9:forged:sig"])
def test_a_broken_unsubscribe_link_is_a_clear_400(client, token):
    response = client.post(reverse("accounts:unsubscribe", args=[token]))
    assert response.status_code == 400
    assert "This link doesn" in response.content.decode()


def test_members_choose_their_emails(client_as, alice, bob):
    page = client_as(alice).get(reverse("accounts:notifications"))
    html = page.content.decode()
    assert "A doctor answers my question" in html
    assert "daily" not in html.lower()  # doctors-only choices are not offered to patients
    client_as(alice).post(reverse("accounts:notifications"), {"notify_answers": "on"})
    alice.refresh_from_db()
    assert (alice.notify_answers, alice.notify_followed, alice.notify_replies) == (
        True,
        False,
        False,
    )
    assert "Once a day" in client_as(bob).get(reverse("accounts:notifications")).content.decode()


def test_following_needs_an_account_and_not_ones_own_question(client, client_as, alice, question):
    url = reverse("forum:question_follow", args=[question.pk])
    assert client.post(url, {"follow": "1"}).status_code == 302  # to the login page
    assert client_as(alice).post(url, {"follow": "1"}).status_code == 403
    assert not question.follows.exists()


def test_following_toggles_without_a_reload(client_as, mallory, question):
    url = reverse("forum:question_follow", args=[question.pk])
    browser = client_as(mallory)
    fragment = browser.post(url, {"follow": "1"}, headers={"HX-Request": "true"})
    assert 'aria-pressed="true"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    browser.post(url, {"follow": "1"})  # sent twice: still one follow
    assert question.follows.count() == 1
    browser.post(url, {"follow": "0"})
    assert not question.follows.exists()


def test_a_doctors_first_reply_emails_the_reviewer_once(
    bob, mallory, django_capture_on_commit_callbacks
):
    review, _ = doctor_services.review_submit(
        doctor=bob.doctor_profile,
        author=mallory,
        fields={
            "rating": 3,
            "title": "Fine",
            "body": "It went fine, the wait was long.",
            "worth_it": "yes",
            "experience": "treatment",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        doctor_services.review_reply(review=review, text="Thank you; we have hired a second nurse.")
        doctor_services.review_reply(review=review, text="Thank you; we hired a second nurse.")
    (message,) = sent_to(mallory)
    assert message.subject.endswith("Bob Stone, MD, FACS replied to your review")
    assert "second nurse" in message.body and unsubscribe_link(message) in message.body


def test_the_verification_decision_email_has_an_unsubscribe_link(
    client_as, moderator, carol, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as(moderator).post(
            reverse("admin:doctors_doctorprofile_changelist"),
            {"action": "verify", "_selected_action": [carol.doctor_profile.pk]},
        )
    (message,) = sent_to(carol)
    assert unsubscribe_link(message) in message.body
    assert message.alternatives and "Open your dashboard" in message.alternatives[0][0]


@pytest.fixture
def digest_doctor(db):
    from treatments.models import Treatment

    profile = DoctorProfileFactory()
    profile.followed_treatments.set([Treatment.objects.create(name="Botox", slug="botox")])
    return profile


def test_the_daily_digest_lists_new_unanswered_questions_once_a_day(
    digest_doctor, bob, django_capture_on_commit_callbacks
):
    new = QuestionFactory(title="Botox and drooping eyelid?", treatments=["Botox"])
    old = QuestionFactory(title="Botox a year ago?", treatments=["Botox"])
    Question.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    answered = QuestionFactory(title="Botox and headaches?", treatments=["Botox"])
    services.answer_submit(
        question=answered, doctor=bob.doctor_profile, headline="Yes", body="x" * 60, notify=False
    )
    QuestionFactory(title="Lip filler lumps?", treatments=["Lip filler"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=StringIO())
    (message,) = sent_to(digest_doctor.user)
    assert message.subject.endswith("1 new question waiting for a doctor")
    assert new.title in message.body
    for title in (old.title, answered.title, "Lip filler lumps?"):
        assert title not in message.body
    assert unsubscribe_link(message) in message.body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=StringIO())
    assert len(sent_to(digest_doctor.user)) == 1  # not twice the same day


def test_no_digest_for_a_doctor_who_switched_it_off(
    digest_doctor, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=digest_doctor.user_id).update(notify_digest=False)
    QuestionFactory(treatments=["Botox"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=StringIO())
    assert mail.outbox == []


def test_a_failing_mail_server_leaves_the_page_working_and_the_task_failed(
    client_as, bob, question, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "tests.support.failing_mail.FailingBackend"}}
    results = []

    def finished(sender, task_result, **kwargs):
        results.append(task_result)

    task_finished.connect(finished)
    try:
        post_answer(client_as, bob, question, django_capture_on_commit_callbacks)
    finally:
        task_finished.disconnect(finished)
    assert [r.status for r in results] == ["FAILED"]
    assert results[0].errors[0].exception_class_path == "smtplib.SMTPServerDisconnected"
    assert question.answers.count() == 1  # the answer is saved all the same


def test_with_the_database_backend_a_failed_email_is_tried_again_later(settings, db):
    import smtplib

    from django_tasks_db.models import DBTaskResult

    from accounts.tasks import RETRY_AFTER, deliver_email

    settings.MAILERS = {"default": {"BACKEND": "tests.support.failing_mail.FailingBackend"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    email = {"subject": "Hi", "body": "Hello", "to": ["alice@example.com"]}
    with pytest.raises(smtplib.SMTPServerDisconnected):  # the worker records this run as failed
        deliver_email.call(**email)
    retry = DBTaskResult.objects.get()
    assert (retry.status, retry.args_kwargs["kwargs"]["attempt"]) == ("READY", 2)
    assert retry.run_after > timezone.now() + timedelta(seconds=50)
    with pytest.raises(smtplib.SMTPServerDisconnected):  # the last attempt gives up
        deliver_email.call(**email, attempt=len(RETRY_AFTER) + 1)
    assert DBTaskResult.objects.count() == 1


def test_subjects_are_plain_text_not_html(mallory, django_capture_on_commit_callbacks):
    profile = DoctorProfileFactory(name="Seán O'Neil & Partners")
    review, _ = doctor_services.review_submit(
        doctor=profile,
        author=mallory,
        fields={"rating": 4, "title": "Good", "body": "Kind and careful.", "worth_it": "yes"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        doctor_services.review_reply(review=review, text="Thank you.")
    (message,) = sent_to(mallory)
    assert "Seán O'Neil & Partners" in message.subject
