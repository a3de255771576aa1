import pytest

import photos
from gallery import services
from tests.forum.images import image_bytes
from treatments.models import Treatment


@pytest.fixture
def botox(db):
    return Treatment.objects.get_or_create(slug="botox", defaults={"name": "Botox"})[0]


def processed(colour=(200, 120, 90)) -> photos.ProcessedPhoto:
    from tests.forum.images import upload

    return photos.process(upload(image_bytes(colour=colour)))


def make_pair(doctor, treatment, caption="Crow's feet, 12 units, softened lines."):
    """A pair with real (tiny) stored files, through the service the form uses."""
    return services.pair_create(
        doctor=doctor,
        treatment=treatment,
        before=processed(),
        after=processed((90, 120, 200)),
        caption=caption,
        time_after="weeks_2",
    )
