from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from doctors.models import DoctorProfile, Specialty, Status, VerificationDecision
from tests.factories import DoctorFactory, DoctorProfileFactory
from tests.forum import images
from tests.forum.conftest import media_files

APPLY = reverse("doctors:apply")


@pytest.fixture
def newcomer(db):
    return DoctorFactory(email="new.doctor@example.com", display_name="New Doctor Person")


def application(**overrides) -> dict:
    data = {
        "name": "Sam Naficy",
        "credentials": "MD, FACS",
        "specialty": Specialty.objects.get(slug="facial-plastic-surgeon").pk,
        "practice_name": "Seattle Facial Plastics",
        "city": "Seattle",
        "region": "WA",
        "country": "United States",
        "website": "https://example.com",
        "bio": "I have practised facial plastic surgery in Seattle for twenty years.",
        "licence_number": "MD00012345",
        "licence_jurisdiction": "Washington State Department of Health",
        "licence_expires_on": (timezone.localdate() + timedelta(days=400)).isoformat(),
        "board_certification": "American Board of Facial Plastic Surgery",
        "submit": "",
    }
    return data | overrides


def test_only_doctor_accounts_apply(client, client_as, alice):
    assert client.get(APPLY).status_code == 302
    assert client_as(alice).get(APPLY).status_code == 403


def test_a_doctor_sends_a_complete_application(client_as, newcomer):
    response = client_as(newcomer).post(APPLY, application())
    assert response.status_code == 302
    profile = DoctorProfile.objects.get(user=newcomer)
    assert profile.status == Status.PENDING
    assert profile.credentials == ["MD", "FACS"]
    assert profile.display_name == "Sam Naficy, MD, FACS"
    assert profile.practice_line == "Seattle Facial Plastic Surgeon"
    assert profile.submitted_at is not None
    assert VerificationDecision.objects.get(profile=profile).status == Status.PENDING


def test_a_draft_can_be_saved_incomplete(client_as, newcomer):
    data = application(licence_number="", city="")
    del data["submit"]
    response = client_as(newcomer).post(APPLY, data | {"save": ""})
    assert response.status_code == 302
    assert DoctorProfile.objects.get(user=newcomer).status == Status.DRAFT


def test_sending_an_incomplete_application_says_what_is_missing(client_as, newcomer):
    response = client_as(newcomer).post(APPLY, application(licence_number="", city=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Before sending, please add the city you practise in, your licence number." in html
    assert DoctorProfile.objects.get(user=newcomer).status == Status.DRAFT


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("credentials", "MD, <script>", "doesn&#x27;t look like a credential"),
        ("credentials", "MD, DO, A, B, C, D, E", "at most 6 credentials"),
        ("website", "javascript:alert(1)", "Enter a valid URL"),
        ("specialty", "99999", "Select a valid choice"),
        ("postal_code", "00000", "We don&#x27;t know the ZIP code “00000”"),
        ("postal_code", "Seattle", "We don&#x27;t know the ZIP code “Seattle”"),
        ("phone", "555-0142", "Enter the phone number with its area code"),
        ("phone", "call (206) 555-0142", "Enter the phone number with its area code"),
        ("phone", "+1 206 555 0142 0000 0000", "Enter the phone number with its area code"),
    ],
)
def test_bad_application_fields_get_a_message(client_as, newcomer, field, value, message):
    response = client_as(newcomer).post(APPLY, application(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_practice_address_and_phone_reach_the_profile_and_the_map(client, client_as, newcomer):
    DoctorProfileFactory(user=newcomer, status=Status.VERIFIED, postal_code="", phone="")
    data = application(
        street_address="1101 Madison St, Suite 400",
        postal_code=" 98104 ",
        phone="(206) 555-0142 ext. 12",
        save="",
    )
    response = client_as(newcomer).post(APPLY, data)
    assert response.status_code == 302, response.context["form"].errors
    profile = DoctorProfile.objects.get(user=newcomer)
    assert profile.postal_code == "98104"
    assert profile.latitude == pytest.approx(47.61, abs=0.05)
    html = client.get(profile.get_absolute_url()).content.decode()
    assert "1101 Madison St, Suite 400<br>Seattle, WA 98104" in html
    assert '<a href="tel:+12065550142">(206) 555-0142 ext. 12</a>' in html


def test_a_headshot_goes_through_the_photo_pipeline(client_as, newcomer, settings):
    data = application(headshot=images.upload(images.jpeg_with_everything(), "me.jpg"))
    client_as(newcomer).post(APPLY, data)
    profile = DoctorProfile.objects.get(user=newcomer)
    assert profile.headshot_key
    stored = media_files(settings)
    assert len(stored) == 3
    assert all(b"SERIAL-12345" not in path.read_bytes() for path in stored)


def test_a_bad_headshot_is_named_and_nothing_is_stored(client_as, newcomer, settings):
    data = application(headshot=images.upload(b"<?php echo 1; ?>", "me.jpg"))
    response = client_as(newcomer).post(APPLY, data)
    assert response.status_code == 400
    assert "“me.jpg” isn&#x27;t a photo we can read" in response.content.decode()
    assert media_files(settings) == []


def test_a_rejected_doctor_corrects_and_sends_again(client_as, newcomer):
    DoctorProfileFactory(user=newcomer, status=Status.REJECTED, status_reason="Wrong number")
    response = client_as(newcomer).post(APPLY, application(licence_number="MD99"))
    assert response.status_code == 302
    profile = DoctorProfile.objects.get(user=newcomer)
    assert profile.status == Status.PENDING
    assert profile.licence_number == "MD99"


@pytest.mark.parametrize("status", [Status.VERIFIED, Status.PENDING])
def test_once_sent_only_a_moderator_changes_who_the_doctor_is(client_as, newcomer, status):
    DoctorProfileFactory(user=newcomer, name="Real Name", status=status)
    response = client_as(newcomer).post(
        APPLY,
        application(
            name="Famous Surgeon",
            credentials="MD, PhD",
            licence_number="FORGED",
            city="Elsewhere",
            practice_name="New Clinic",
            save="",
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    profile = DoctorProfile.objects.get(user=newcomer)
    assert (profile.name, profile.credentials, profile.city) == ("Real Name", ["MD"], "Seattle")
    assert profile.licence_number != "FORGED"
    assert profile.practice_name == "New Clinic"
    assert profile.status == status


def test_a_suspended_doctor_cannot_change_the_profile(client_as, newcomer):
    DoctorProfileFactory(user=newcomer, status=Status.SUSPENDED, status_reason="Complaints")
    response = client_as(newcomer).post(APPLY, application(city="Elsewhere"))
    assert response.status_code == 302
    assert DoctorProfile.objects.get(user=newcomer).city != "Elsewhere"


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (None, "Apply for verification"),
        (Status.PENDING, "Waiting for a moderator"),
        (Status.VERIFIED, "Verified"),
        (Status.REJECTED, "The moderator's reason:</strong> Licence expired"),
        (Status.SUSPENDED, "Your doctor account is suspended"),
    ],
)
def test_the_dashboard_says_where_verification_stands(client_as, newcomer, status, shown):
    if status:
        DoctorProfileFactory(user=newcomer, status=status, status_reason="Licence expired")
    response = client_as(newcomer).get(reverse("forum:doctor_dashboard"))
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_the_dashboard_lists_what_a_draft_is_missing(client_as, newcomer):
    html = client_as(newcomer).get(reverse("forum:doctor_dashboard")).content.decode()
    assert "Still missing: your full name, your credentials" in html


def test_patients_have_no_doctor_dashboard(client_as, alice):
    assert client_as(alice).get(reverse("forum:doctor_dashboard")).status_code == 403
