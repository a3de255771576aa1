import pytest
from django.test import Client
from django.urls import reverse

from forum.models import Photo, PhotoVisibility, Question
from tests.factories import PatientFactory
from tests.forum import images
from tests.forum.conftest import media_files

ASK = reverse("forum:question_ask")


def ask_data(**overrides) -> dict:
    data = {
        "title": "Facial pain after two treatments of Botox in jaw?",
        "body": "I had 50 units of Botox in December and 50 more in March. My jaw hurts since.",
        "treatments": "Botox, Masseter reduction, Jaw pain",
        "photo_visibility": "members",
    }
    return data | overrides


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(ASK)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert client.post(ASK, ask_data()).status_code == 302
    assert not Question.objects.exists()


def test_unverified_members_cannot_post(client_as, db):
    newcomer = PatientFactory(verified=False)
    response = client_as(newcomer).post(ASK, ask_data())
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_doctors_do_not_ask(client_as, bob):
    response = client_as(bob).post(ASK, ask_data())
    assert response.status_code == 403
    assert "Doctor accounts answer questions" in response.content.decode()
    assert not Question.objects.exists()


def test_the_form_offers_treatments_visibility_and_photos(client_as, alice, question):
    html = client_as(alice).get(ASK).content.decode()
    assert 'name="photos"' in html and "multiple" in html
    assert '<option value="Botox">' in html  # suggestions from existing treatments
    assert "Only people logged in to DocAnswers." in html
    assert 'value="members" required id="id_photo_visibility_1" checked' in html


def test_a_patient_asks_with_two_photos(client_as, alice, settings):
    data = ask_data(alt_0="Left side of my jaw", alt_1="")
    data["photos"] = [
        images.upload(images.jpeg_with_everything(), "IMG_1.jpg"),
        images.upload(images.image_bytes("PNG"), "IMG_2.png", "image/png"),
    ]
    response = client_as(alice).post(ASK, data)
    question = Question.objects.get()
    assert response.status_code == 302
    assert response.url == question.get_absolute_url()
    assert question.author == alice
    assert sorted(question.treatments.names()) == ["Botox", "Jaw pain", "Masseter reduction"]
    assert question.photo_visibility == PhotoVisibility.MEMBERS
    assert question.photo_count == 2
    first, second = question.photos.all()
    assert first.alt_text == "Left side of my jaw"
    assert second.alt_text.startswith("Photo 2 for the question")
    stored = [path.name for path in media_files(settings)]
    assert len(stored) == 6
    assert not any("IMG" in name for name in stored)  # never the uploaded names


def test_treatments_are_separated_by_commas_only(client_as, alice):
    client_as(alice).post(ASK, ask_data(treatments="Laser resurfacing, botox ,BOTOX"))
    assert sorted(Question.objects.get().treatments.names()) == ["Laser resurfacing", "botox"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Too short", "at least 10 characters"),
        ("title", "x" * 151, "at most 150 characters"),
        ("title", "          ", "This field is required"),
        ("title", "a" + " " * 20 + "b", "at least 10 characters"),
        ("title", "Botox\x00question here", "Null characters are not allowed"),
        ("body", "Short body.", "at least 30 characters"),
        ("body", "x" * 5001, "at most 5000 characters"),
        ("body", " \n \n   ", "This field is required"),
        ("body", "a" + " " * 40 + "b", "at least 30 characters"),
        ("treatments", "", "This field is required"),
        ("treatments", ", ,", "Add at least one treatment"),
        ("treatments", ", ".join(f"Treatment {n}" for n in range(50)), "at most 5 treatments"),
        ("treatments", "<script>alert(1)</script>", "isn&#x27;t a treatment name"),
        ("treatments", "_", "isn&#x27;t a treatment name"),
        ("treatments", "Botox, _ _", "isn&#x27;t a treatment name"),
        ("treatments", "x" * 400, "isn&#x27;t a treatment name"),
        ("photo_visibility", "public", "Select a valid choice"),
    ],
)
def test_bad_text_gets_a_message_and_nothing_is_saved(client_as, alice, field, value, message):
    response = client_as(alice).post(ASK, ask_data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        *images.HOSTILE.items(),
        ("cut.jpg", images.truncated_jpeg()),
        ("bomb.png", images.decompression_bomb()),
        ("huge.jpg", b"\xff\xd8" + b"\0" * (20 * 1024 * 1024)),
    ],
)
def test_a_bad_file_is_named_and_nothing_is_stored(client_as, alice, settings, name, data):
    good = images.upload(images.image_bytes("JPEG"), "good.jpg")
    response = client_as(alice).post(ASK, ask_data(photos=[good, images.upload(data, name)]))
    assert response.status_code == 400
    html = response.content.decode()
    assert f"“{name}”" in html
    assert 'value="Facial pain after two treatments of Botox in jaw?"' in html  # kept
    assert not Question.objects.exists()
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_a_seventh_photo_is_refused(client_as, alice, settings):
    uploads = [images.upload(images.image_bytes("JPEG"), f"p{n}.jpg") for n in range(7)]
    response = client_as(alice).post(ASK, ask_data(photos=uploads))
    assert response.status_code == 400
    assert "at most 6 photos; you chose 7" in response.content.decode()
    assert media_files(settings) == []


def test_nothing_is_left_behind_when_saving_fails_half_way(client_as, alice, settings, monkeypatch):
    """The question and its photos are one transaction; files written before a failure go."""
    saved = []
    original_save = Photo.save

    def fail_on_second(photo, *args, **kwargs):
        if saved:
            raise RuntimeError("disk full")
        saved.append(photo)
        original_save(photo, *args, **kwargs)

    monkeypatch.setattr(Photo, "save", fail_on_second)
    uploads = [images.upload(images.image_bytes("JPEG"), f"p{n}.jpg") for n in range(2)]
    with pytest.raises(RuntimeError):
        client_as(alice).post(ASK, ask_data(photos=uploads))
    assert not Question.objects.exists()
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_a_post_without_the_csrf_token_is_refused(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(ASK, ask_data())
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_ask_answers_only_get_and_post(client_as, alice):
    assert client_as(alice).put(ASK).status_code == 405


def test_control_characters_are_dropped_from_photo_descriptions(client_as, alice):
    data = ask_data(alt_0="Left\x00 side\x1b of jaw")
    data["photos"] = [images.upload(images.image_bytes("JPEG"), "a.jpg")]
    client_as(alice).post(ASK, data)
    assert Photo.objects.get().alt_text == "Left side of jaw"
