import pytest
from django.urls import reverse

from doctors import services as doctor_services
from doctors.models import DoctorProfile
from forum import services as forum_services
from forum.models import PhotoVisibility
from tests.factories import QuestionFactory

HIDE_REASON = "Names a clinic staff member in full."


@pytest.fixture
def question(alice):
    """Alice's question with two photos everyone may see."""
    return QuestionFactory(
        author=alice,
        title="Lumpy lip filler after three weeks?",
        treatments=["Lip filler"],
        photos=2,
        photo_visibility=PhotoVisibility.EVERYONE,
    )


@pytest.fixture
def answer(question, bob):
    answer, _ = forum_services.answer_submit(
        question=question,
        doctor=bob.doctor_profile,
        headline="Lumps at three weeks can be massaged",
        body="Small lumps at three weeks often settle with gentle massage; see your injector.",
        notify=False,
    )
    return answer


@pytest.fixture
def review(mallory, bob):
    review, _ = doctor_services.review_submit(
        doctor=bob.doctor_profile,
        author=mallory,
        fields={
            "rating": 1,
            "title": "Rude front desk and rushed",
            "body": "I waited an hour and the consultation lasted five minutes.",
            "worth_it": "no",
            "experience": "treatment",
        },
    )
    return review


@pytest.fixture
def doctor(bob) -> DoctorProfile:
    return DoctorProfile.objects.get(user=bob)


def changelist(model: str) -> str:
    return reverse(f"admin:{model}_changelist")


def admin_action(client, model: str, action: str, items, **fields):
    """Run an admin action on `items`, answering its intermediate page with `fields`."""
    data = {"action": action, "_selected_action": [item.pk for item in items]}
    if fields:
        data |= {"apply": "1", **fields}
    return client.post(changelist(model), data)
