"""Posting a before-and-after pair: who may, and what bad input gets."""

from unittest import mock

import pytest
from django.urls import reverse
from PIL import Image

import photos
from gallery.models import Pair, PairPhoto
from tests.factories import DoctorFactory, DoctorProfileFactory
from tests.forum.conftest import media_files
from tests.forum.images import image_bytes, jpeg_with_everything, truncated_jpeg, upload

NEW = reverse("gallery:new")


def form_data(treatment, **changes) -> dict:
    data = {
        "treatment": treatment.pk,
        "before": upload(image_bytes(), "before.jpg"),
        "after": upload(image_bytes(colour=(10, 200, 30)), "after.jpg"),
        "time_after": "month_1",
        "caption": "Two syringes of filler in the cheeks, one month apart.",
        "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_verified_doctor_with_mfa_posts_a_pair(client_as, bob, botox, settings):
    response = client_as(bob).post(NEW, form_data(botox))
    pair = Pair.objects.get()
    assert response.status_code == 302
    assert response["Location"] == pair.get_absolute_url()
    assert pair.doctor == bob.doctor_profile and pair.treatment == botox
    assert pair.consent_given and pair.consent_recorded_by == bob and pair.consent_recorded_at
    assert sorted(pair.photos.values_list("side", flat=True)) == ["after", "before"]
    assert len(media_files(settings)) == 2 * len(photos.SIZES)


def test_the_form_page_shows_the_consent_box(client_as, bob, botox):
    page = client_as(bob).get(NEW).content.decode()
    assert "gave me their written consent to publish them" in page
    assert 'type="file"' in page and 'name="consent"' in page


@pytest.mark.parametrize("who", ["anonymous", "patient", "pending doctor", "doctor without mfa"])
def test_others_may_not_post(who, client, client_as, alice, carol, botox):
    if who == "doctor without mfa":
        user = DoctorFactory(mfa=False)
        DoctorProfileFactory(user=user)
        client = client_as(user)
    elif who != "anonymous":
        client = client_as({"patient": alice, "pending doctor": carol}[who])
    for response in [client.get(NEW), client.post(NEW, form_data(botox))]:
        if who == "anonymous":
            assert response.status_code == 302 and "/account/login/" in response["Location"]
        else:
            assert response.status_code == 403
    assert not Pair.objects.exists()


def test_the_consent_box_is_required(client_as, bob, botox, settings):
    response = client_as(bob).post(NEW, form_data(botox, consent=None))
    assert response.status_code == 400
    assert "Confirm that the patient gave written consent" in response.content.decode()
    assert not Pair.objects.exists() and media_files(settings) == []


@pytest.mark.parametrize(
    "bad",
    [
        lambda: upload(b"%PDF-1.4 not a photo", "scan.pdf", "application/pdf"),
        lambda: upload(truncated_jpeg(), "broken.jpg"),
    ],
)
def test_a_file_that_is_not_a_photo_gets_a_message_and_nothing_is_saved(
    bad, client_as, bob, botox, settings
):
    response = client_as(bob).post(NEW, form_data(botox, after=bad()))
    page = response.content.decode()
    assert response.status_code == 400
    assert "isn&#x27;t a photo we can read" in page or "isn't a photo we can read" in page
    assert not Pair.objects.exists() and not PairPhoto.objects.exists()
    assert media_files(settings) == []


def test_a_failing_second_photo_leaves_no_rows_and_no_files(client_as, bob, botox, settings):
    real_save = photos.default_storage.save
    saved = []

    def save_then_fail(name, content):
        saved.append(name)
        if len(saved) == len(photos.SIZES) + 2:  # the after photo's second file
            raise OSError("disk full")
        return real_save(name, content)

    with (
        mock.patch.object(photos.default_storage, "save", save_then_fail),
        pytest.raises(OSError),
    ):
        client_as(bob).post(NEW, form_data(botox))
    assert not Pair.objects.exists() and not PairPhoto.objects.exists()
    assert media_files(settings) == []


def test_the_stored_photos_carry_no_exif(client_as, bob, botox, settings):
    client_as(bob).post(NEW, form_data(botox, before=upload(jpeg_with_everything(), "b.jpg")))
    before = Pair.objects.get().before
    with Image.open(settings.MEDIA_ROOT / before.file_name("full")) as stored:
        assert not stored.getexif() and "exif" not in stored.info


def test_posting_is_limited_per_hour(client_as, bob, botox, settings):
    settings.POSTING_LIMITS = {**settings.POSTING_LIMITS, "pair": (1, 1)}
    client = client_as(bob)
    assert client.post(NEW, form_data(botox)).status_code == 302
    assert client.post(NEW, form_data(botox)).status_code == 429
    assert Pair.objects.count() == 1


def test_the_owner_deletes_a_pair_and_its_files(
    client_as, bob, botox, settings, django_capture_on_commit_callbacks
):
    from tests.gallery.conftest import make_pair

    pair = make_pair(bob.doctor_profile, botox)
    other = DoctorFactory()
    DoctorProfileFactory(user=other)
    delete = reverse("gallery:delete", args=[pair.pk])
    assert client_as(other).post(delete).status_code == 404
    owner = client_as(bob)
    assert "Delete these before-and-after photos?" in owner.get(delete).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert owner.post(delete).status_code == 302
    assert not Pair.objects.exists() and not PairPhoto.objects.exists()
    assert media_files(settings) == []


def test_a_suspended_doctor_still_deletes_their_pair(client_as, bob, botox):
    from tests.gallery.conftest import make_pair

    pair = make_pair(bob.doctor_profile, botox)
    type(bob.doctor_profile).objects.filter(pk=bob.doctor_profile.pk).update(status="suspended")
    assert client_as(bob).post(reverse("gallery:delete", args=[pair.pk])).status_code == 302
    assert not Pair.objects.exists()
