"""Who may apply, answer, vote and mark helpful: every role against every action."""

import pytest
from django.urls import reverse

from doctors.models import Status
from forum.models import Answer
from tests.factories import AnswerFactory, DoctorFactory, DoctorProfileFactory, QuestionFactory

# The expected status of each action for each role: (apply, answer, vote, mark helped).
# 302 is the way to the login page for visitors, and the redirect after success for members
# (a vote, a saved answer, a suspended doctor sent from apply to the dashboard).
# fmt: off
EXPECTED = {
    "anonymous": (302, 302, 302, 302),
    "patient": (403, 403, 302, 403),
    "unverified": (200, 403, 302, 403),
    "pending": (200, 403, 302, 403),
    "rejected": (200, 403, 302, 403),
    "suspended": (302, 403, 302, 403),
    "verified": (200, 302, 302, 403),
    "moderator": (403, 403, 302, 403),
    "asker": (403, 403, 302, 302),
}
# fmt: on
ROLES = list(EXPECTED)


@pytest.fixture
def world(alice, mallory, moderator):
    question = QuestionFactory(author=alice)
    other_doctor = DoctorProfileFactory(name="Other Doctor")
    answer = AnswerFactory(question=question, doctor=other_doctor, headline="The other answer")
    users = {"anonymous": None, "patient": mallory, "moderator": moderator, "asker": alice}
    users["unverified"] = DoctorFactory(display_name="Unverified Doctor")
    for status in (Status.PENDING, Status.REJECTED, Status.SUSPENDED, Status.VERIFIED):
        user = DoctorFactory(display_name=f"{status.label} Doctor")
        DoctorProfileFactory(user=user, status=status)
        users[status.value] = user
    return question, answer, users


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, client_as, world, role):
    question, answer, users = world
    browser = client_as(users[role]) if users[role] else client
    got = (
        browser.get(reverse("doctors:apply")).status_code,
        browser.post(
            reverse("forum:answer_post", args=[question.pk]),
            {"headline": "My own answer here", "body": "A long enough answer " * 5},
        ).status_code,
        browser.post(reverse("forum:answer_vote", args=[answer.pk])).status_code,
        browser.post(reverse("forum:answer_helped", args=[answer.pk])).status_code,
    )
    assert got == EXPECTED[role]
    # Nobody edits another doctor's answer, whatever they post.
    answer.refresh_from_db()
    assert answer.headline == "The other answer"
    assert Answer.objects.filter(question=question).count() == (2 if role == "verified" else 1)
