import pytest
from django.urls import reverse

from doctors.models import DoctorProfile, Specialty, Status
from tests.factories import AnswerFactory, DoctorProfileFactory, many_verified_doctors

DIRECTORY = reverse("doctors:directory")


def test_a_verified_doctor_has_a_public_profile(client, bob):
    profile = DoctorProfile.objects.get(user=bob)
    AnswerFactory(doctor=profile, headline="Swelling settles in two weeks")
    html = client.get(reverse("doctors:profile", args=[profile.slug])).content.decode()
    assert "<h1>Bob Stone, MD, FACS</h1>" in html
    assert "Seattle Dermatologist" in html
    assert "Verified</span>" in html
    assert "No reviews yet" in html
    assert "Swelling settles in two weeks" in html


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.PENDING, Status.REJECTED, Status.SUSPENDED]
)
def test_other_doctors_have_no_public_profile(client, db, status):
    profile = DoctorProfileFactory(name="Hidden Doctor", status=Status.VERIFIED)
    # Never verified before (a doctor verified once and pending again is renewing a licence,
    # and keeps a profile that says so: tests/doctors/test_licences.py).
    DoctorProfile.objects.filter(pk=profile.pk).update(status=status, verified_at=None)
    assert client.get(reverse("doctors:profile", args=[profile.slug])).status_code == 404
    assert "Hidden Doctor" not in client.get(DIRECTORY).content.decode()


def test_the_directory_filters_by_specialty_and_city(client, db):
    DoctorProfileFactory(name="Seattle Derm", city="Seattle")
    DoctorProfileFactory(
        name="Tampa Surgeon", city="Tampa", specialty=Specialty.objects.get(slug="plastic-surgeon")
    )
    html = client.get(DIRECTORY, {"specialty": "plastic-surgeon"}).content.decode()
    assert "Tampa Surgeon" in html and "Seattle Derm" not in html
    html = client.get(DIRECTORY, {"city": "Seattle"}).content.decode()
    assert "Seattle Derm" in html and "Tampa Surgeon" not in html
    assert client.get(DIRECTORY, {"specialty": "nope"}).status_code == 404


def test_directory_cards_show_the_answer_count(client, bob):
    profile = DoctorProfile.objects.get(user=bob)
    DoctorProfile.objects.filter(pk=profile.pk).update(answer_count=3)
    assert "3 answers" in client.get(DIRECTORY).content.decode()


def test_the_directory_is_bounded_with_500_doctors(client, db, django_assert_max_num_queries):
    many_verified_doctors(500, city=lambda n: f"City {n % 20}")
    with django_assert_max_num_queries(6):
        assert client.get(DIRECTORY, {"page": 3}).status_code == 200


def test_the_profile_is_bounded_with_200_answers(client, bob, django_assert_max_num_queries):
    profile = DoctorProfile.objects.get(user=bob)
    for _ in range(200):
        AnswerFactory(doctor=profile)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("doctors:profile", args=[profile.slug]), {"page": 2})
    assert response.status_code == 200
    assert "200 answers" in response.content.decode()


def test_a_verified_doctors_headshot_is_served(client, client_as, bob):
    from tests.forum import images

    data = {
        "name": "Bob Stone",
        "credentials": "MD",
        "city": "Seattle",
        "headshot": images.upload(images.image_bytes("JPEG"), "me.jpg"),
    }
    client_as(bob).post(reverse("doctors:apply"), data)
    profile = DoctorProfile.objects.get(user=bob)
    response = client.get(profile.headshot_url("320"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert (
        response["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'; sandbox"
    )
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert client.get(reverse("doctors:headshot", args=[profile.slug, "9999"])).status_code == 404


@pytest.mark.parametrize("query", [{"specialty": "a\x00b"}, {"city": "a\x00b"}, {"page": "\x00"}])
def test_hostile_directory_filters_are_not_an_error(client, db, query):
    assert client.get(DIRECTORY, query).status_code in {200, 404}
