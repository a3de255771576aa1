"""The private thread and the inbox: only the two members read and write; moderators read a
thread only once it is reported; unread markers; bounded queries."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Notification
from consultations import services
from consultations.models import Consultation, Message, MessagePhoto
from moderation.models import ModerationStatus, Report
from tests.consultations.conftest import start
from tests.factories import DoctorFactory, DoctorProfileFactory, PatientFactory

INBOX = reverse("consultations:inbox")


def reply(browser, consultation, body="Thank you. Could you come in on Tuesday morning?"):
    return browser.post(consultation.get_absolute_url(), {"body": body, "photo_description": ""})


def report(consultation, by):
    Report.objects.create(reporter=by, item=consultation, reason="harassment")


def test_the_two_members_read_it_and_no_one_else_even_learns_it_exists(
    client, client_as, consultation, alice, bob, mallory, moderator
):
    path = consultation.get_absolute_url()
    for member in (alice, bob):
        page = client_as(member).get(path)
        assert page.status_code == 200 and "I clench at night" in page.content.decode()
        assert page["Cache-Control"].startswith("max-age=0") and "private" in page["Cache-Control"]
    other_doctor = DoctorFactory()
    DoctorProfileFactory(user=other_doctor)
    for outsider in (mallory, other_doctor, moderator):
        assert client_as(outsider).get(path).status_code == 404
        assert reply(client_as(outsider), consultation).status_code == 404
    assert client.get(path).status_code == 302  # to the login page
    assert Message.objects.count() == 1


def test_its_photos_open_for_the_members_only(
    client, client_as, consultation, alice, bob, mallory, moderator
):
    photo = MessagePhoto.objects.get()
    for member in (alice, bob):
        response = client_as(member).get(photo.url("320"))
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    for outsider in (client, client_as(mallory), client_as(moderator)):
        assert outsider.get(photo.url("320")).status_code == 404
    assert client_as(alice).get(photo.url("huge")).status_code == 404
    html = client_as(bob).get(consultation.get_absolute_url()).content.decode()
    assert 'alt="Left jaw, at rest"' in html


def test_a_moderator_reads_a_reported_thread_but_cannot_write(
    client_as, consultation, alice, moderator
):
    report(consultation, by=alice)
    page = client_as(moderator).get(consultation.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "because a member reported it" in html and 'name="body"' not in html
    assert reply(client_as(moderator), consultation).status_code == 403
    photo = MessagePhoto.objects.get()
    assert client_as(moderator).get(photo.url("full")).status_code == 200
    assert Consultation.objects.get().doctor_unread == 1  # reading it marks nothing read


def test_a_reply_reaches_the_other_member_as_new(
    client_as, consultation, alice, bob, django_capture_on_commit_callbacks
):
    doctor = client_as(bob)
    doctor.get(consultation.get_absolute_url())
    assert Consultation.objects.get().doctor_unread == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = reply(doctor, consultation)
    message = Message.objects.latest("id")
    assert response["Location"] == f"{consultation.get_absolute_url()}#message-{message.pk}"
    assert message.author == bob
    fresh = Consultation.objects.get()
    assert (fresh.patient_unread, fresh.doctor_unread) == (1, 0)
    assert fresh.last_message_at == message.created_at
    assert Notification.objects.filter(user=alice, text__contains="Bob Stone").exists()
    assert mail.outbox[-1].to == [alice.email]
    assert "Tuesday" not in mail.outbox[-1].body
    inbox = client_as(alice).get(INBOX).content.decode()
    assert 'badge--success">1 new<' in inbox
    assert alice.notifications.filter(read_at=None).count() == 1
    client_as(alice).get(consultation.get_absolute_url())
    assert 'badge--success">1 new<' not in client_as(alice).get(INBOX).content.decode()
    alice.refresh_from_db()
    assert alice.unread_notifications == 0  # the bell's note of it is read too


def test_a_doctor_without_two_factor_authentication_reads_but_cannot_reply(client_as, alice):
    doctor = DoctorFactory(mfa=False)
    DoctorProfileFactory(user=doctor)
    consultation = start(alice, doctor)
    browser = client_as(doctor)
    html = browser.get(consultation.get_absolute_url()).content.decode()
    assert "two-factor authentication" in html and 'name="body"' not in html
    assert reply(browser, consultation).status_code == 403
    assert Message.objects.count() == 1


def test_a_closed_thread_takes_no_more_messages(client_as, consultation, alice):
    Consultation.objects.filter(pk=consultation.pk).update(
        status=ModerationStatus.HIDDEN, hidden_reason="Advertising."
    )
    browser = client_as(alice)
    html = browser.get(consultation.get_absolute_url()).content.decode()
    assert "Closed by moderators:" in html and "Advertising." in html
    assert reply(browser, consultation).status_code == 403
    assert "Closed by moderators" in browser.get(INBOX).content.decode()


def test_text_is_escaped(client_as, consultation, alice, bob):
    reply(client_as(alice), consultation, body="<script>alert('x')</script> and <b>bold</b>")
    html = client_as(bob).get(consultation.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_a_bad_reply_gets_a_message_and_nothing_is_saved(client_as, consultation, alice):
    response = client_as(alice).post(consultation.get_absolute_url(), {"body": " "})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    assert Message.objects.count() == 1


def test_the_latest_messages_come_first_and_earlier_ones_are_a_page_back(
    client_as, consultation, alice
):
    for n in range(35):
        services.message_add(consultation=consultation, author=alice, body=f"Message number {n}.")
    html = client_as(alice).get(consultation.get_absolute_url()).content.decode()
    assert "Message number 34." in html and "Earlier messages" in html
    assert "I clench at night" not in html
    earlier = client_as(alice).get(consultation.get_absolute_url() + "?page=1").content.decode()
    assert "I clench at night" in earlier


def test_the_inbox_lists_each_members_threads_with_the_doctors_rating(
    client_as, alice, bob, mallory
):
    mine = start(alice, bob, subject="Jaw Botox dose")
    start(mallory, bob, subject="Lip filler lumps")
    patient_inbox = client_as(alice).get(INBOX).content.decode()
    assert "Jaw Botox dose" in patient_inbox and "Lip filler lumps" not in patient_inbox
    assert "With Bob Stone, MD, FACS" in patient_inbox and "No reviews yet" in patient_inbox
    doctor_inbox = client_as(bob).get(INBOX).content.decode()
    assert "Jaw Botox dose" in doctor_inbox and "Lip filler lumps" in doctor_inbox
    assert doctor_inbox.count('badge--success">1 new<') == 2 and "From Alice" in doctor_inbox
    assert "Turn requests off" in doctor_inbox
    assert mine.get_absolute_url() in doctor_inbox


def test_the_menu_links_to_the_inbox(client_as, alice):
    assert f'href="{INBOX}">Consultations</a>' in client_as(alice).get("/").content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_thread_needs_the_same_queries_for_3_or_30_messages_with_photos(
    count, client_as, alice, bob, django_assert_max_num_queries
):
    consultation = start(alice, bob)
    for n in range(count):
        message = Message.objects.create(consultation=consultation, author=alice, body=f"M {n}")
        MessagePhoto.objects.create(message=message, width=800, height=600)
    browser = client_as(bob)
    browser.get(consultation.get_absolute_url())
    with django_assert_max_num_queries(14):
        assert browser.get(consultation.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_inbox_needs_the_same_queries_for_3_or_30_threads(
    count, client_as, bob, django_assert_max_num_queries
):
    for _ in range(count):
        start(PatientFactory(), bob)
    browser = client_as(bob)
    browser.get(INBOX)
    with django_assert_max_num_queries(10):
        assert browser.get(INBOX).status_code == 200


def test_the_demo_has_a_consultation_with_one_message_new_to_the_doctor(db, client_as):
    from django.core.management import call_command

    from accounts.models import User

    call_command("seed_demo", "--quiet", "--force")
    nora = User.objects.get(email="doctor@example.com")
    [consultation] = Consultation.objects.all()
    assert consultation.patient.email == "patient@example.com"
    assert (consultation.doctor_unread, consultation.patient_unread) == (1, 0)
    assert consultation.messages.count() == 3
    nora.refresh_from_db()
    unread = list(nora.notifications.filter(read_at=None).values_list("text", flat=True))
    assert unread == ["Jasmine wrote in your consultation “Masseter Botox for jaw clenching”"]
    inbox = client_as(nora).get(INBOX).content.decode()
    assert 'badge--success">1 new<' in inbox and "From Jasmine" in inbox
    call_command("seed_demo", "--quiet", "--force")
    assert Consultation.objects.count() == 1  # once only


def test_a_doctor_without_two_factor_authentication_takes_no_requests(client, client_as, alice):
    doctor = DoctorFactory(mfa=False)
    DoctorProfileFactory(user=doctor)
    profile = client.get(doctor.doctor_profile.get_absolute_url()).content.decode()
    assert "Request a consultation" not in profile
    assert "take consultation requests on DocAnswers at the moment" in profile
    url = reverse("consultations:request", args=[doctor.doctor_profile.slug])
    response = client_as(alice).post(url, {"subject": "Jaw Botox", "body": "x" * 30})
    assert response.status_code == 403
    assert "take consultation requests on DocAnswers at the moment" in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_patient_cannot_write_to_a_doctor_who_can_no_longer_reply(
    client_as, consultation, alice, bob
):
    from doctors.models import DoctorProfile

    DoctorProfile.objects.filter(user=bob).update(status="suspended")
    browser = client_as(alice)
    html = browser.get(consultation.get_absolute_url()).content.decode()
    assert "can&#x27;t reply on DocAnswers at the moment" in html and 'name="body"' not in html
    assert "Report this conversation" in html  # reporting stays open to both
    assert reply(browser, consultation).status_code == 403


def test_a_thread_closed_while_a_reply_was_on_its_way_refuses_it(consultation, alice):
    from django.core.exceptions import PermissionDenied

    Consultation.objects.filter(pk=consultation.pk).update(status=ModerationStatus.HIDDEN)
    with pytest.raises(PermissionDenied):
        services.message_add(consultation=consultation, author=alice, body="Still there?")
    assert Message.objects.count() == 1


def test_one_email_for_what_is_new_since_the_member_last_looked(
    client_as, consultation, alice, bob, django_capture_on_commit_callbacks
):
    client_as(bob).get(consultation.get_absolute_url())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            services.message_add(consultation=consultation, author=alice, body=f"And {n}.")
    assert len(mail.outbox) == 1
    assert bob.notifications.filter(read_at=None).count() == 3
    client_as(bob).get(consultation.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        services.message_add(consultation=consultation, author=alice, body="One more.")
    assert len(mail.outbox) == 2


def test_an_earlier_page_marks_nothing_read(client_as, consultation, alice, bob):
    for n in range(35):
        services.message_add(consultation=consultation, author=alice, body=f"Message {n}.")
    browser = client_as(bob)
    browser.get(consultation.get_absolute_url() + "?page=1")
    assert Consultation.objects.get().doctor_unread == 36
    browser.get(consultation.get_absolute_url())
    assert Consultation.objects.get().doctor_unread == 0


def test_search_engines_are_kept_out(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /consultations/" in robots and "Disallow: /doctors/*/consultation/" in robots


def test_private_threads_leave_the_visitors_page_cache_alone(alice, bob):
    import pagecache

    before = pagecache.generation()
    consultation = start(alice, bob)
    services.message_add(consultation=consultation, author=bob, body="Please call to book.")
    services.mark_read(consultation, alice)
    assert pagecache.generation() == before
