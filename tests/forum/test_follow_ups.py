"""Follow-ups from the asker: dated updates with text, photos and a status; the doctors who
answered are emailed."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from forum import services
from forum.models import Photo, Question, QuestionUpdate
from forum.templatetags.forum import later
from moderation.services import set_hidden
from tests.factories import AnswerFactory, DoctorProfileFactory, QuestionFactory
from tests.forum import images
from tests.forum.conftest import media_files

TEXT = "Three weeks later the pain is less, but the left side still feels weak when I chew."


def add(client, question, capture=None, **data):
    url = reverse("forum:update_add", args=[question.pk])
    if capture is None:
        return client.post(url, data)
    with capture(execute=True):
        return client.post(url, data)


def test_the_asker_adds_a_dated_update_with_a_photo_and_a_status(
    client_as, alice, mallory, question, settings
):
    before = len(media_files(settings))
    response = add(
        client_as(alice),
        question,
        body=TEXT,
        status_set="seeing_doctor",
        photos=[images.upload(images.jpeg_with_everything(), "now.jpg")],
        alt_0="Left jaw, three weeks later",
    )
    update = QuestionUpdate.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#update-{update.pk}")
    photo = update.photos.get()
    assert photo.question == question and photo.alt_text == "Left jaw, three weeks later"
    assert len(media_files(settings)) > before  # stored through the photo pipeline
    stored = (settings.MEDIA_ROOT / photo.file_name("full")).read_bytes()
    assert b"Exif" not in stored and b"GPS" not in stored
    question.refresh_from_db()
    assert question.patient_status == "seeing_doctor" and question.photo_count == 3
    html = client_as(mallory).get(question.get_absolute_url()).content.decode()
    assert "Updates from Alice" in html and TEXT in html
    assert "Later the same day" in html and "Seeing my doctor" in html
    assert photo.thumb_url in html and 'alt="Left jaw, three weeks later"' in html


def test_updates_show_in_order_with_how_long_after_they_came(client, question):
    for days, text in ((21, "Three weeks on, still sore."), (60, "Two months on, it is fine.")):
        update = services.update_add(question=question, body=text, status_set="", new_photos=[])
        QuestionUpdate.objects.filter(pk=update.pk).update(
            created_at=question.created_at + timedelta(days=days)
        )
    html = client.get(question.get_absolute_url()).content.decode()
    assert html.index("3 weeks later") < html.index("Three weeks on")
    assert html.index("Three weeks on") < html.index("2 months later")


@pytest.mark.parametrize(
    ("elapsed", "label"),
    [
        (timedelta(hours=5), "Later the same day"),
        (timedelta(days=1), "1 day later"),
        (timedelta(days=13), "13 days later"),
        (timedelta(days=21), "3 weeks later"),
        (timedelta(days=75), "2 months later"),
        (timedelta(days=800), "2 years later"),
    ],
)
def test_how_long_later_reads(elapsed, label):
    start = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    assert later(start + elapsed, start) == label


def test_every_doctor_who_answered_is_emailed_once(
    client_as, alice, bob, question, django_capture_on_commit_callbacks
):
    AnswerFactory(question=question, doctor=bob.doctor_profile)
    other = DoctorProfileFactory()
    AnswerFactory(question=question, doctor=other)
    hidden = AnswerFactory(question=question, doctor=DoctorProfileFactory())
    set_hidden(hidden, hidden=True, actor=None, reason="Advertising")
    silent = DoctorProfileFactory()
    AnswerFactory(question=question, doctor=silent)
    User.objects.filter(pk=silent.user_id).update(notify_updates=False)
    mail.outbox.clear()
    add(client_as(alice), question, django_capture_on_commit_callbacks, body=TEXT)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([bob.email, other.user.email])
    message = next(m for m in mail.outbox if m.to == [bob.email])
    assert "An update to a question you answered" in message.subject
    assert TEXT in message.body and "#update-" in message.body
    assert message.extra_headers["List-Unsubscribe"]  # and it can be switched off alone


def test_only_the_asker_adds_updates(client, client_as, bob, mallory, question):
    for browser, expected in ((client, 302), (client_as(mallory), 404), (client_as(bob), 403)):
        assert add(browser, question, body=TEXT).status_code == expected
    assert not QuestionUpdate.objects.exists()


def test_an_empty_update_is_refused_on_the_form(client_as, alice, question):
    response = add(client_as(alice), question, body="   ", status_set="")
    assert response.status_code == 400
    assert "Write what has happened, add a photo, or choose a new status." in (
        response.content.decode()
    )
    bad_photo = images.upload(b"not an image at all", "fake.jpg")
    response = add(client_as(alice), question, body=TEXT, photos=[bad_photo])
    assert response.status_code == 400 and "fake.jpg" in response.content.decode()
    assert not QuestionUpdate.objects.exists() and not Photo.objects.filter(update__isnull=False)


def test_a_status_alone_is_an_update(client_as, alice, question):
    assert add(client_as(alice), question, status_set="resolved").status_code == 302
    question.refresh_from_db()
    assert question.patient_status == "resolved"
    html = Client().get(reverse("forum:question_list")).content.decode()
    assert 'badge--resolved">Resolved</span>' in html  # the lists show it too


def test_update_photos_follow_the_questions_visibility(client, client_as, alice, mallory, question):
    add(client_as(alice), question, body=TEXT, photos=[images.upload(images.image_bytes())])
    photo = Photo.objects.get(update__isnull=False)
    assert client.get(photo.url("320")).status_code == 404  # members only, like the question's
    assert client_as(mallory).get(photo.url("320")).status_code == 200


def test_removing_an_update_erases_its_photos_and_restores_the_status(
    client_as, alice, mallory, question, settings, django_capture_on_commit_callbacks
):
    services.update_add(question=question, body="", status_set="worried", new_photos=[])
    add(
        client_as(alice),
        question,
        body=TEXT,
        status_set="resolved",
        photos=[images.upload(images.image_bytes())],
    )
    update = QuestionUpdate.objects.get(status_set="resolved")
    names = [settings.MEDIA_ROOT / name for name in update.photos.get().file_names()]
    assert all(path.exists() for path in names)
    url = reverse("forum:update_delete", args=[update.pk])
    assert client_as(mallory).post(url).status_code == 404
    assert "Remove this update?" in client_as(alice).get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client_as(alice).post(url).status_code == 302
    assert not QuestionUpdate.objects.filter(pk=update.pk).exists()
    assert not any(path.exists() for path in names)
    question.refresh_from_db()
    assert question.patient_status == "worried" and question.photo_count == 2


def test_urgent_words_in_an_update_flag_the_question(client_as, alice, bob, question):
    assert not question.is_urgent
    add(
        client_as(alice),
        question,
        body="Since this morning my eyelid is drooping and I see double.",
    )
    question.refresh_from_db()
    assert question.is_urgent
    html = client_as(alice).get(question.get_absolute_url()).content.decode()
    assert "This may need urgent care" in html
    dashboard = client_as(bob).get(reverse("forum:doctor_dashboard")).content.decode()
    assert question.title in dashboard.split("Possibly urgent")[1]
    services.update_delete(update=QuestionUpdate.objects.get())
    question.refresh_from_db()
    assert not question.is_urgent


def test_a_hidden_update_is_shown_only_to_the_asker_and_its_photos_are_refused(
    client_as, alice, mallory, moderator, question
):
    add(client_as(alice), question, body=TEXT, photos=[images.upload(images.image_bytes())])
    update = QuestionUpdate.objects.get()
    photo = update.photos.get()
    set_hidden(update, hidden=True, actor=moderator, reason="Shows another patient's face.")
    assert TEXT not in client_as(mallory).get(question.get_absolute_url()).content.decode()
    assert client_as(mallory).get(photo.url("320")).status_code == 404
    own = client_as(alice).get(question.get_absolute_url()).content.decode()
    assert TEXT in own and "Shows another patient&#x27;s face." in own
    question.refresh_from_db()
    assert question.photo_count == 2  # the hidden update's photo is not counted


def test_others_report_an_update(client_as, alice, mallory, question):
    add(client_as(alice), question, body=TEXT)
    update = QuestionUpdate.objects.get()
    url = reverse("moderation:report", args=["update", update.pk])
    assert url in client_as(mallory).get(question.get_absolute_url()).content.decode()
    response = client_as(mallory).post(url, {"reason": "privacy", "details": ""})
    assert response.status_code == 302 and response["Location"].endswith(f"#update-{update.pk}")
    assert client_as(alice).get(url).status_code == 403  # not one's own


def test_editing_the_question_leaves_the_updates_photos_alone(client_as, alice, question):
    add(client_as(alice), question, body=TEXT, photos=[images.upload(images.image_bytes())])
    own = list(question.photos.filter(update__isnull=True))
    data = {
        "title": question.title,
        "body": question.body,
        "treatments": "Botox, Jaw pain",
        "photo_visibility": question.photo_visibility,
        "remove_photo": [str(own[0].pk)],
    }
    response = client_as(alice).post(reverse("forum:question_edit", args=[question.pk]), data)
    assert response.status_code == 302
    assert Photo.objects.filter(update__isnull=False).count() == 1
    question.refresh_from_db()
    assert question.photo_count == 2  # one of its own, one of the update's


def test_question_page_queries_do_not_grow_with_updates(client_as, mallory):
    counts = []
    for total in (1, 8):
        question = QuestionFactory(photos=1)
        for _ in range(total):
            processed = [(services.photos.process(images.upload(images.image_bytes())), "")]
            services.update_add(question=question, body=TEXT, status_set="", new_photos=processed)
        browser = client_as(mallory)
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(question.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 10  # the related questions in the side column included


def test_updates_are_in_the_askers_data(alice, question):
    from privacy.export import collect

    services.update_add(question=question, body=TEXT, status_set="resolved", new_photos=[])
    data, _ = collect(alice)
    (entry,) = [q for q in data["questions"] if q["id"] == question.pk]
    assert entry["updates"][0]["text"] == TEXT and entry["your_status"] == "Resolved"


def test_a_deleted_question_takes_no_updates(client_as, alice, question):
    services.question_delete(question=question)
    assert add(client_as(alice), question, body=TEXT).status_code == 404
    assert Question.objects.get(pk=question.pk).updates.count() == 0


def test_hiding_an_update_takes_back_its_status_and_urgent_words(moderator, question):
    services.update_add(question=question, body="Still sore.", status_set="worried", new_photos=[])
    urgent = services.update_add(
        question=question,
        body="Now my eyelid is drooping and I see double.",
        status_set="seeing_doctor",
        new_photos=[],
    )
    question.refresh_from_db()
    assert question.patient_status == "seeing_doctor" and question.is_urgent
    set_hidden(urgent, hidden=True, actor=moderator, reason="Posted on the wrong question.")
    question.refresh_from_db()
    assert question.patient_status == "worried" and not question.is_urgent
    set_hidden(urgent, hidden=False, actor=moderator)
    question.refresh_from_db()
    assert question.patient_status == "seeing_doctor" and question.is_urgent


def test_doctors_are_emailed_once_for_several_updates_in_a_day(
    client_as, alice, bob, question, django_capture_on_commit_callbacks
):
    AnswerFactory(question=question, doctor=bob.doctor_profile)
    mail.outbox.clear()
    for text in ("First news of the day.", "More news the same evening."):
        add(client_as(alice), question, django_capture_on_commit_callbacks, body=text)
    assert [message.to for message in mail.outbox] == [[bob.email]]
    QuestionUpdate.objects.update(created_at=timezone.now() - timedelta(days=1))
    add(client_as(alice), question, django_capture_on_commit_callbacks, body="A day later.")
    assert len(mail.outbox) == 2


def test_the_report_page_shows_the_update(client_as, alice, mallory, question):
    add(client_as(alice), question, body=TEXT, status_set="worried")
    update = QuestionUpdate.objects.get()
    page = client_as(mallory).get(reverse("moderation:report", args=["update", update.pk]))
    html = page.content.decode()
    assert TEXT in html and "Still worried" in html and question.title in html
    assert "A review of" not in html
