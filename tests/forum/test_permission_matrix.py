"""Who may apply, answer, vote and mark helpful: every role against every action."""

import pytest
from django.urls import reverse

from doctors.models import Status
from forum.models import Answer
from tests.factories import AnswerFactory, DoctorFactory, DoctorProfileFactory, QuestionFactory

# What each role gets for each action: (apply, answer, vote, mark helped), as the HTTP
# status and whether the action took effect. 302 is the way to the login page for visitors,
# and the redirect after success for members (or, for a suspended doctor, from apply to the
# dashboard).
# fmt: off
EXPECTED = {
    "anonymous":  ((302, False), (302, False), (302, False), (302, False)),
    "patient":    ((403, False), (403, False), (302, True),  (403, False)),
    "unverified": ((200, False), (403, False), (302, True),  (403, False)),
    "pending":    ((200, False), (403, False), (302, True),  (403, False)),
    "rejected":   ((200, False), (403, False), (302, True),  (403, False)),
    "suspended":  ((302, False), (403, False), (302, True),  (403, False)),
    "verified":   ((200, False), (302, True),  (302, True),  (403, False)),
    "moderator":  ((403, False), (403, False), (302, True),  (403, False)),
    "asker":      ((403, False), (403, False), (302, True),  (302, True)),
    "author":     ((200, False), (302, False), (403, False), (403, False)),
}
# fmt: on
ROLES = list(EXPECTED)


@pytest.fixture
def world(alice, mallory, moderator):
    question = QuestionFactory(author=alice)
    other_doctor = DoctorProfileFactory(name="Other Doctor")
    answer = AnswerFactory(question=question, doctor=other_doctor, headline="The other answer")
    users = {"anonymous": None, "patient": mallory, "moderator": moderator, "asker": alice}
    users["author"] = other_doctor.user
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
    apply = browser.get(reverse("doctors:apply")).status_code
    answered = browser.post(
        reverse("forum:answer_post", args=[question.pk]),
        {"headline": "My own answer here", "body": "A long enough answer " * 5},
    )
    voted = browser.post(reverse("forum:answer_vote", args=[answer.pk]), {"helpful": "1"})
    marked = browser.post(reverse("forum:answer_helped", args=[answer.pk]), {"helped": "1"})
    answer.refresh_from_db()
    got = (
        (apply, False),
        (answered.status_code, Answer.objects.filter(question=question).count() == 2),
        (voted.status_code, answer.helpful_count == 1),
        (marked.status_code, answer.helped_asker),
    )
    assert got == EXPECTED[role]
    if role == "anonymous":
        assert all(r.url.startswith("/account/login/") for r in (answered, voted, marked))
    # Nobody edits another doctor's answer, whatever they post; its author edits their own.
    assert answer.headline == ("My own answer here" if role == "author" else "The other answer")
