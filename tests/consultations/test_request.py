"""Requesting a consultation from a doctor's profile: who may, what the form refuses, and what
the doctor hears."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Notification
from consultations.models import Consultation, Message, MessagePhoto
from consultations.permissions import ONLY_PATIENTS
from doctors.models import DoctorProfile, Status
from tests.factories import PatientFactory
from tests.forum.conftest import media_files
from tests.forum.images import image_bytes, upload

SUBJECT = "Masseter Botox for clenching"
BODY = "I clench at night and my dentist sees wear. Could we talk about Botox for the jaw?"


def url(doctor_user) -> str:
    return reverse("consultations:request", args=[doctor_user.doctor_profile.slug])


def request_data(**overrides) -> dict:
    return {"subject": SUBJECT, "treatment": "", "body": BODY, "photo_description": ""} | overrides


def test_the_profile_offers_the_request_and_the_page_says_it_is_private(
    client, client_as, alice, bob
):
    profile = client.get(bob.doctor_profile.get_absolute_url()).content.decode()
    assert f'href="{url(bob)}">Request a consultation</a>' in profile
    page = client_as(alice).get(url(bob))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Request a consultation with Bob Stone, MD, FACS" in html
    assert "Only Bob Stone, MD, FACS reads your request" in html
    assert "No reviews yet" in html  # the doctor's rating, as wherever a doctor is shown
    assert 'name="subject"' in html and 'name="photos"' in html


def test_a_patient_sends_a_request_and_the_doctor_is_told_without_the_text(
    client_as, alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(alice).post(url(bob), request_data())
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == consultation.get_absolute_url()
    assert (consultation.patient, consultation.doctor.user, consultation.subject) == (
        alice,
        bob,
        SUBJECT,
    )
    assert consultation.doctor_unread == 1 and consultation.patient_unread == 0
    assert Message.objects.get().body == BODY
    note = Notification.objects.get(user=bob)
    assert note.text == f"Alice sent you a consultation request: “{SUBJECT}”"
    assert note.url == consultation.get_absolute_url()
    email = mail.outbox[-1]
    assert email.to == [bob.email] and "New consultation request from Alice" in email.subject
    assert consultation.get_absolute_url() in email.body
    # What the patient wrote stays on the site: neither the subject nor the message is mailed.
    for part in [email.body, email.alternatives[0][0]]:
        assert "dentist" not in part and "Masseter" not in part
    assert "List-Unsubscribe" in email.extra_headers


def test_a_doctor_who_switched_the_emails_off_is_still_told_in_the_site(
    client_as, alice, bob, django_capture_on_commit_callbacks
):
    bob.notify_consultations = False
    bob.save(update_fields=["notify_consultations"])
    with django_capture_on_commit_callbacks(execute=True):
        client_as(alice).post(url(bob), request_data())
    assert mail.outbox == []
    assert Notification.objects.filter(user=bob).count() == 1


def test_photos_are_re_encoded_and_described(client_as, alice, bob, settings):
    data = request_data(
        photos=[upload(image_bytes(), "jaw.jpg"), upload(image_bytes(colour=(9, 9, 9)), "b.jpg")],
        photo_description="Jaw from the left",
    )
    assert client_as(alice).post(url(bob), data).status_code == 302
    pictures = list(MessagePhoto.objects.order_by("position"))
    assert [p.alt_text for p in pictures] == [
        "Jaw from the left (photo 1 of 2)",
        "Jaw from the left (photo 2 of 2)",
    ]
    stored = media_files(settings)
    assert len(stored) == 2 * len(MessagePhoto.SIZES)
    assert all("/consultations/" in str(path) for path in stored)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"subject": "Hi"}, "Ensure this value has at least 5 characters"),
        ({"body": "Help?"}, "Please write at least 20 characters."),
        ({"treatment": "999999"}, "Select a valid choice."),
        (
            {"photos": [upload(b"%PDF-1.4", "scan.pdf", "application/pdf")]},
            "“scan.pdf” isn't a photo we can read.",
        ),
        (
            {"photos": [upload(image_bytes(), f"{n}.jpg") for n in range(4)]},
            "Send at most 3 photos with one message; you chose 4.",
        ),
    ],
)
def test_bad_input_gets_a_message_and_nothing_is_saved(
    client_as, alice, bob, settings, overrides, message
):
    response = client_as(alice).post(url(bob), request_data(**overrides))
    assert response.status_code == 400
    assert escape(message) in response.content.decode()
    assert not Consultation.objects.exists() and not Message.objects.exists()
    assert media_files(settings) == []


def test_an_empty_post_is_a_400(client_as, alice, bob):
    assert client_as(alice).post(url(bob), {}).status_code == 400


def test_a_failing_photo_store_leaves_no_row_and_no_file(
    client_as, alice, bob, settings, monkeypatch
):
    import photos

    real_store, calls = photos.store, []

    def store_then_fail(processed, name_for):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_store(processed, name_for)

    monkeypatch.setattr(photos, "store", store_then_fail)
    data = request_data(photos=[upload(image_bytes(), "a.jpg"), upload(image_bytes(), "b.jpg")])
    with pytest.raises(OSError):
        client_as(alice).post(url(bob), data)
    assert not Consultation.objects.exists() and not MessagePhoto.objects.exists()
    assert media_files(settings) == []


def test_visitors_log_in_and_doctors_are_refused(client, client_as, bob):
    response = client.get(url(bob))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    refused = client_as(bob).get(url(bob))
    assert refused.status_code == 403 and escape(ONLY_PATIENTS) in refused.content.decode()


def test_a_patient_without_a_verified_email_is_asked_to_verify(client_as, bob):
    unverified = PatientFactory(verified=False)
    response = client_as(unverified).post(url(bob), request_data())
    assert response.status_code == 403 and not Consultation.objects.exists()


def test_a_doctor_who_turned_requests_off_gets_none(client, client_as, alice, bob):
    DoctorProfile.objects.filter(user=bob).update(accepts_consultations=False, phone="2065550142")
    profile = client.get(bob.doctor_profile.get_absolute_url() + "?v=off").content.decode()
    assert "Request a consultation" not in profile
    assert "doesn't take consultation requests on DocAnswers: call the practice" in profile
    for response in [
        client_as(alice).get(url(bob)),
        client_as(alice).post(url(bob), request_data()),
    ]:
        assert response.status_code == 403
        assert (
            escape("doesn't take consultation requests on DocAnswers") in response.content.decode()
        )
    assert not Consultation.objects.exists()


def test_a_doctor_whose_licence_lapsed_takes_no_requests(client_as, alice, bob):
    DoctorProfile.objects.filter(user=bob).update(status=Status.EXPIRED)
    response = client_as(alice).post(url(bob), request_data())
    assert (
        response.status_code == 403
        and "licence verification has expired" in response.content.decode()
    )
    assert not Consultation.objects.exists()


def test_doctors_not_yet_verified_have_no_request_page(client_as, alice, carol):
    carol.doctor_profile.slug = carol.doctor_profile.slug or "carol-hart"
    carol.doctor_profile.save(update_fields=["slug"])
    assert client_as(alice).get(url(carol)).status_code == 404


def test_new_accounts_send_two_requests_an_hour(client_as, bob):
    newcomer = PatientFactory()
    browser = client_as(newcomer)
    for n in range(2):
        assert (
            browser.post(url(bob), request_data(subject=f"Question {n} about it")).status_code
            == 302
        )
    refused = browser.post(url(bob), request_data())
    assert refused.status_code == 429 and "Retry-After" in refused
    assert Consultation.objects.count() == 2


def test_the_doctor_switches_requests_off_on_the_profile_form(client, client_as, bob):
    from tests.doctors.test_apply import APPLY, application

    data = application(save="")
    data.pop("accepts_consultations", None)  # an unticked box is not sent
    response = client_as(bob).post(APPLY, data)
    assert response.status_code == 302, response.context["form"].errors
    assert DoctorProfile.objects.get(user=bob).accepts_consultations is False
    assert (
        client_as(bob).post(APPLY, application(save="", accepts_consultations="on")).status_code
        == 302
    )
    assert DoctorProfile.objects.get(user=bob).accepts_consultations is True


def test_a_second_request_to_the_same_doctor_points_to_the_first(client_as, alice, bob):
    browser = client_as(alice)
    browser.post(url(bob), request_data())
    first = Consultation.objects.get()
    html = browser.get(url(bob)).content.decode()
    assert (
        f'You have written to Bob Stone, MD, FACS before: <a href="{first.get_absolute_url()}">'
        in html
    )
