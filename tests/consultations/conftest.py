import pytest

import photos
from consultations import services
from tests.forum.images import image_bytes, upload


def processed(colour=(200, 120, 90)) -> photos.ProcessedPhoto:
    return photos.process(upload(image_bytes(colour=colour)))


def start(patient, doctor_user, *, subject="Masseter Botox for clenching", body=None, pictures=()):
    """A consultation from `patient` to `doctor_user`'s profile, through the request's service."""
    return services.consultation_start(
        patient=patient,
        doctor=doctor_user.doctor_profile,
        subject=subject,
        body=body or "I clench at night and wake with a sore jaw. Could we talk about Botox?",
        pictures=pictures,
    )


@pytest.fixture
def consultation(alice, bob):
    """Alice's request to Dr. Bob Stone, with one photo."""
    return start(alice, bob, pictures=[(processed(), "Left jaw, at rest")])
