"""Where pairs show: the doctor's profile, the treatment's hub and the two gallery pages, in a
bounded number of queries; hidden pairs leave them all, and their files 404."""

import pytest
from django.urls import reverse

from gallery.models import Pair, PairPhoto, Side
from moderation.models import ModerationStatus
from tests.factories import DoctorFactory, DoctorProfileFactory
from tests.gallery.conftest import make_pair


def pages(doctor, treatment) -> list[str]:
    return [
        doctor.get_absolute_url(),
        treatment.get_absolute_url(),
        reverse("gallery:doctor", args=[doctor.slug]),
        reverse("gallery:treatment", args=[treatment.slug]),
    ]


def test_every_page_shows_the_pair_with_labels_alt_text_and_the_rating(client, bob, botox):
    doctor = bob.doctor_profile
    make_pair(doctor, botox, caption="Frown lines, 20 units.")
    for url in pages(doctor, botox):
        page = client.get(url).content.decode()
        assert "Frown lines, 20 units." in page, url
        assert 'alt="Before Botox, photo by Bob Stone, MD, FACS"' in page, url
        assert 'alt="After Botox, photo by Bob Stone, MD, FACS"' in page, url
        assert "No reviews yet" in page, url  # the doctor's rating, as everywhere
    assert "All before-and-after photos" in client.get(doctor.get_absolute_url()).content.decode()
    gallery = client.get(pages(doctor, botox)[2]).content.decode()
    assert "Medical disclaimer." in gallery


def test_the_photos_are_public_files(client, bob, botox):
    photo = make_pair(bob.doctor_profile, botox).before
    response = client.get(photo.url("320"))
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, no-cache"
    assert client.get(photo.url("huge")).status_code == 404


def test_hidden_pairs_leave_every_page_and_their_files_404(
    client, client_as, bob, botox, moderator
):
    doctor = bob.doctor_profile
    pair = make_pair(doctor, botox, caption="Lip filler, 1 ml.")
    Pair.objects.filter(pk=pair.pk).update(status=ModerationStatus.HIDDEN)
    photo = pair.before
    for url in pages(doctor, botox):
        assert "Lip filler, 1 ml." not in client.get(url).content.decode(), url
    assert client.get(photo.url("full")).status_code == 404
    assert client_as(DoctorFactory()).get(photo.url("full")).status_code == 404
    seen = client_as(moderator).get(photo.url("full"))
    assert seen.status_code == 200 and seen["Cache-Control"] == "private, no-store"


def bulk_pairs(treatment, count: int, by=None) -> None:
    """`count` pairs, by `by` or one per new doctor, without files (the pages only link to
    them)."""
    for n in range(count):
        doctor = by or DoctorProfileFactory()
        pair = Pair.objects.create(
            doctor=doctor,
            treatment=treatment,
            caption=f"Pair {n}",
            time_after="month_1",
            consent_given=True,
            consent_recorded_by=doctor.user,
            consent_recorded_at=doctor.verified_at,
        )
        PairPhoto.objects.bulk_create(
            PairPhoto(pair=pair, side=side, width=800, height=600) for side in Side
        )


@pytest.mark.parametrize("count", [3, 30])
def test_the_treatment_pages_need_the_same_queries_for_3_or_30_pairs(
    count, client, botox, django_assert_max_num_queries
):
    bulk_pairs(botox, count)
    for url in [botox.get_absolute_url(), reverse("gallery:treatment", args=[botox.slug])]:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_doctor_pages_need_the_same_queries_for_3_or_30_pairs(
    count, client, bob, botox, django_assert_max_num_queries
):
    doctor = bob.doctor_profile
    bulk_pairs(botox, count, doctor)
    for url in [doctor.get_absolute_url(), reverse("gallery:doctor", args=[doctor.slug])]:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_gallery_pages_show_12_pairs_a_page(client, botox):
    bulk_pairs(botox, 13)
    url = reverse("gallery:treatment", args=[botox.slug])
    assert client.get(url).content.decode().count('class="pair card"') == 12
    assert client.get(url + "?page=2").content.decode().count('class="pair card"') == 1


def test_a_gallery_of_an_unknown_doctor_or_treatment_is_404(client, carol, db):
    assert client.get(reverse("gallery:treatment", args=["no-such"])).status_code == 404
    assert client.get(reverse("gallery:doctor", args=["no-such"])).status_code == 404


def test_a_suspended_doctors_pairs_leave_the_hub_and_their_files_404(
    client, client_as, alice, bob, botox
):
    pair = make_pair(bob.doctor_profile, botox, caption="Cheek filler, 1 ml each side.")
    type(bob.doctor_profile).objects.filter(pk=bob.doctor_profile.pk).update(status="suspended")
    for url in [botox.get_absolute_url(), reverse("gallery:treatment", args=[botox.slug])]:
        assert "Cheek filler" not in client.get(url + "?v=1").content.decode()
    assert client.get(pair.before.url("320")).status_code == 404
    assert client_as(alice).get(pair.before.url("320")).status_code == 404
