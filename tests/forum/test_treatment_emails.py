"""A new question emails the patients who follow one of its treatments, as the questions they
follow do: not its asker, only those who want these emails, with a one-click unsubscribe."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import notifications
from forum import services
from forum.models import Question
from tests.factories import QuestionFactory
from treatments.models import Treatment


@pytest.fixture
def botox(db) -> Treatment:
    return Treatment.objects.get_or_create(name="Botox")[0]


def ask(author, title: str, treatments: list[str], capture) -> None:
    with capture(execute=True):
        services.question_create(
            author=author, title=title,
            body="I had it two weeks ago and one eyebrow sits higher than the other one.",
            treatments=treatments, photo_visibility="members", new_photos=[],
        )  # fmt: skip


def sent_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def test_a_new_question_emails_the_treatments_followers_once_each(
    client_as, alice, mallory, botox, django_capture_on_commit_callbacks
):
    jaw = Treatment.objects.create(name="Jaw pain")
    for treatment in (botox, jaw):
        services.treatment_follow_set(treatment=treatment, user=mallory, follow=True)
    services.treatment_follow_set(treatment=botox, user=alice, follow=True)
    ask(alice, "Uneven eyebrows after Botox in my jaw?", ["Botox", "Jaw pain"],
        django_capture_on_commit_callbacks)  # fmt: skip
    assert sent_to(alice) == []  # never about their own question
    (message,) = sent_to(mallory)  # one email for two treatments followed
    assert message.subject.endswith(
        "New question about Botox: Uneven eyebrows after Botox in my jaw?"
    )
    assert "about Botox and Jaw pain, treatments you follow" in message.body
    question = Question.objects.get(title="Uneven eyebrows after Botox in my jaw?")
    assert f"Read the question: {settings.SITE_URL}{question.get_absolute_url()}" in message.body
    assert f"Stop following Jaw pain on its page: {settings.SITE_URL}/treatments/jaw-pain/" in (
        message.body
    )
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and link in html and "Read the question" in html
    # The link switches these emails off, logged out.
    path = link[link.index("/account/") :]
    assert Client().post(path).status_code == 200
    mallory.refresh_from_db()
    assert not mallory.notify_treatments and mallory.notify_followed


def test_no_email_to_whoever_unsubscribed_or_follows_something_else(
    alice, mallory, botox, django_capture_on_commit_callbacks
):
    services.treatment_follow_set(treatment=botox, user=mallory, follow=True)
    mallory.notify_treatments = False
    mallory.save(update_fields=["notify_treatments"])
    ask(alice, "Uneven eyebrows after Botox last week?", ["Botox"],
        django_capture_on_commit_callbacks)  # fmt: skip
    assert mail.outbox == []
    mallory.notify_treatments = True
    mallory.save(update_fields=["notify_treatments"])
    ask(alice, "Is lip filler swelling normal after a week?", ["Lip filler"],
        django_capture_on_commit_callbacks)  # fmt: skip
    assert mail.outbox == []


def test_a_question_gone_before_the_task_runs_emails_nobody(mallory, botox):
    from forum.tasks import notify_treatment_followers

    services.treatment_follow_set(treatment=botox, user=mallory, follow=True)
    question = QuestionFactory(treatments=["Botox"])
    services.question_delete(question=question)
    assert notify_treatment_followers.call(question_id=question.pk) == 0
    assert mail.outbox == []


def test_patients_choose_these_emails_and_doctors_are_not_offered_them(client_as, alice, bob):
    label = "A patient asks a question about a treatment I follow"
    assert label in client_as(alice).get(reverse("accounts:notifications")).content.decode()
    assert label not in client_as(bob).get(reverse("accounts:notifications")).content.decode()
    assert notifications.KINDS["treatments"].label == (
        "when a patient asks a question about a treatment you follow"
    )
