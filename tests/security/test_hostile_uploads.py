"""Every hostile file through the ask form and the doctor's headshot form: rejected with a
message, or accepted as a clean re-encoded copy. Never stored as uploaded, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doctors.models import DoctorProfile
from forum.models import Question
from tests.doctors.test_apply import application
from tests.forum.conftest import media_files
from tests.security.hostile_files import PAYLOADS, corpus

CORPUS = corpus()
JPEG, RIFF = b"\xff\xd8\xff", b"RIFF"


def upload(name: str) -> SimpleUploadedFile:
    data, content_type, _ = CORPUS[name]
    return SimpleUploadedFile(name, data, content_type=content_type)


def assert_stored_clean(settings, name: str) -> None:
    stored = media_files(settings)
    assert stored, name
    for path in stored:
        data = path.read_bytes()
        assert data[:3] == JPEG or data[:4] == RIFF, (name, path)  # only our re-encodings
        assert data != CORPUS[name][0]
        for payload in PAYLOADS:
            assert payload not in data, (name, payload, path)
        assert ".." not in str(path.relative_to(settings.MEDIA_ROOT))


@pytest.mark.parametrize("name", list(CORPUS))
def test_hostile_files_through_the_ask_form(client_as, alice, settings, name):
    response = client_as(alice).post(
        reverse("forum:question_ask"),
        {
            "title": "Is this swelling normal after filler?",
            "body": "I had lip filler a week ago and one side is still swollen and firm.",
            "treatments": "Lip filler",
            "photo_visibility": "members",
            "photos": [upload(name)],
        },
    )
    expected = CORPUS[name][2]
    if expected == "reject":
        assert response.status_code == 400, name
        assert (
            'class="errorlist' in response.content.decode() or "error" in response.content.decode()
        )
        assert not Question.objects.exists()
        assert media_files(settings) == []
    else:
        assert response.status_code == 302, (name, response.content[:300])
        assert Question.objects.get().photos.count() == 1
        assert_stored_clean(settings, name)


@pytest.mark.parametrize("name", list(CORPUS))
def test_hostile_files_through_the_headshot_form(client_as, settings, name):
    from tests.factories import DoctorFactory

    doctor = DoctorFactory()
    response = client_as(doctor).post(reverse("doctors:apply"), application(headshot=upload(name)))
    profile = DoctorProfile.objects.filter(user=doctor).first()
    if CORPUS[name][2] == "reject":
        assert response.status_code == 400, name
        assert profile is None or not profile.headshot_key
        assert media_files(settings) == []
    else:
        assert response.status_code == 302, name
        assert profile.headshot_key
        assert_stored_clean(settings, name)
