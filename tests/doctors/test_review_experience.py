"""Reviews say whether the reviewer had the treatment or only a consultation; the profile
filters by it; the doctor reviewed can reply or report, never get a review removed."""

import pytest
from django.urls import reverse

from doctors.models import DoctorProfile, Review
from moderation.models import Report
from tests.doctors.test_reviews import REVIEW
from tests.factories import PatientFactory, ReviewFactory


@pytest.fixture
def doctor(bob) -> DoctorProfile:
    profile = bob.doctor_profile
    for index in range(3):
        ReviewFactory(doctor=profile, title=f"Treated well {index}", experience="treatment")
    ReviewFactory(doctor=profile, title="Only a consultation", experience="consultation")
    ReviewFactory(doctor=profile, title="Written before we asked", experience="")
    profile.refresh_rating()
    return profile


def reviews_url(doctor, **query) -> str:
    url = reverse("doctors:reviews", args=[doctor.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_a_review_must_say_what_it_is_based_on(client_as, alice, doctor):
    url = reverse("doctors:review", args=[doctor.slug])
    response = client_as(alice).post(url, REVIEW | {"experience": ""})
    assert response.status_code == 400
    assert "Say whether you had the treatment or a consultation." in response.content.decode()
    response = client_as(alice).post(url, REVIEW | {"experience": "hearsay"})
    assert response.status_code == 400
    assert not Review.objects.filter(author=alice).exists()
    assert client_as(alice).post(url, REVIEW | {"experience": "consultation"}).status_code == 302
    assert Review.objects.get(author=alice).experience == "consultation"


def test_the_reviews_page_filters_by_experience(client, doctor):
    everything = client.get(reviews_url(doctor)).content.decode()
    assert "Had the treatment (3)" in everything and "Consultation only (1)" in everything
    assert "Written before we asked" in everything
    treated = client.get(reviews_url(doctor, based="treatment")).content.decode()
    assert treated.count('class="review card"') == 3 and "Only a consultation" not in treated
    assert '<meta name="robots" content="noindex">' in treated  # a subset of the same page
    consulted = client.get(reviews_url(doctor, based="consultation", order="lowest")).content
    assert consulted.decode().count('class="review card"') == 1
    unknown = client.get(reviews_url(doctor, based="<script>")).content.decode()
    assert unknown.count('class="review card"') == 5 and "<script>" not in unknown
    profile = client.get(doctor.get_absolute_url()).content.decode()
    assert f'{reviews_url(doctor)}?based=treatment">Had the treatment (3)' in profile


def test_the_filtered_pages_queries_are_bounded(client, doctor, django_assert_max_num_queries):
    for _ in range(20):
        ReviewFactory(doctor=doctor, experience="treatment", author=PatientFactory())
    with django_assert_max_num_queries(5):
        assert client.get(reviews_url(doctor, based="treatment")).status_code == 200


def test_the_doctor_can_reply_or_report_but_not_remove_a_review(client_as, bob, doctor, settings):
    settings.MODERATION_AUTO_HIDE_REPORTERS = 2
    review = Review.objects.get(title="Only a consultation")
    browser = client_as(bob)
    page = browser.get(reviews_url(doctor)).content.decode()
    assert "Reviews are not removed at a doctor's request" in page
    report = reverse("moderation:report", args=["review", review.pk])
    assert report in page
    assert browser.post(report, {"reason": "misinformation", "details": ""}).status_code == 302
    # One other member's report makes two reporters, but the doctor's own does not count.
    client_as(PatientFactory()).post(report, {"reason": "spam", "details": ""})
    review.refresh_from_db()
    assert not review.is_hidden and Report.objects.count() == 2
    client_as(PatientFactory()).post(report, {"reason": "spam", "details": ""})
    review.refresh_from_db()
    assert review.is_hidden  # two members other than the doctor: hidden until a moderator looks
    # No way to delete it: the admin is closed to doctors.
    delete = reverse("admin:doctors_review_delete", args=[review.pk])
    assert browser.post(delete, {"post": "yes"}).status_code == 302  # to the admin login
    assert Review.objects.filter(pk=review.pk).exists()
