"""One `visible_to(user)` per moderated model: the querysets agree with the page's own rules,
for every role, every photo choice and every state a question or photo can be in."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from forum.models import Answer, Photo, PhotoVisibility, Question, sees_hidden
from forum.permissions import can_view_photos
from moderation.models import ModerationStatus
from tests.factories import AnswerFactory, QuestionFactory

ROLES = ["anonymous", "alice", "mallory", "bob", "carol", "moderator"]
STATES = ["shown", "photo hidden", "question hidden", "question deleted"]


def viewer(request, role: str):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


def make_question(alice, visibility: str, state: str) -> Question:
    question = QuestionFactory(author=alice, photos=1, photo_visibility=visibility)
    photo = question.photos.get()
    match state:
        case "photo hidden":
            Photo.objects.filter(pk=photo.pk).update(status=ModerationStatus.HIDDEN)
        case "question hidden":
            Question.objects.filter(pk=question.pk).update(status=ModerationStatus.HIDDEN)
        case "question deleted":
            Question.objects.filter(pk=question.pk).update(deleted_at=timezone.now())
    return Question.objects.get(pk=question.pk)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("visibility", list(PhotoVisibility))
@pytest.mark.parametrize("role", ROLES)
def test_photos_visible_to_match_the_photo_rules(request, alice, role, visibility, state):
    question = make_question(alice, visibility, state)
    user = viewer(request, role)
    photo = question.photos.get()
    hidden = photo.is_hidden or question.is_hidden
    expected = can_view_photos(user, question) and (
        not hidden or sees_hidden(user, question.author_id)
    )
    assert Photo.objects.visible_to(user).filter(pk=photo.pk).exists() is expected


@pytest.mark.parametrize("role", ROLES)
def test_hidden_questions_are_visible_to_their_asker_and_moderators_only(request, alice, role):
    question = make_question(alice, PhotoVisibility.EVERYONE, "question hidden")
    user = viewer(request, role)
    expected = role in ("alice", "moderator")
    assert Question.objects.visible_to(user).filter(pk=question.pk).exists() is expected
    deleted = make_question(alice, PhotoVisibility.EVERYONE, "question deleted")
    assert not Question.objects.visible_to(user).filter(pk=deleted.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_a_hidden_answer_is_visible_to_its_doctor_only(request, alice, bob, role):
    question = QuestionFactory(author=alice)
    answer = AnswerFactory(question=question, doctor=bob.doctor_profile)
    Answer.objects.filter(pk=answer.pk).update(status=ModerationStatus.HIDDEN)
    user = viewer(request, role)
    assert Answer.objects.visible_to(user).filter(pk=answer.pk).exists() is (role == "bob")
