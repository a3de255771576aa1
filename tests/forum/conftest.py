import pytest

from forum.models import PhotoVisibility
from tests.factories import QuestionFactory


@pytest.fixture
def question(alice):
    """Alice's question about Botox with two photos that signed-in members may see."""
    return QuestionFactory(
        author=alice,
        title="Facial pain after two treatments of Botox in jaw?",
        body="I had 50 units of Botox in December and 50 in March; my jaw hurts since then.",
        treatments=["Botox", "Jaw pain"],
        photos=2,
        photo_visibility=PhotoVisibility.MEMBERS,
    )


def media_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []
