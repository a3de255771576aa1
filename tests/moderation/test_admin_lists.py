"""Every admin list page makes the same number of queries with 10 rows as with 200."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from doctors.models import DoctorProfile, Review, Specialty, Status
from forum.models import Answer, Photo, Question
from moderation.models import Action, ModerationAction, Report

CHANGELISTS = [
    "forum_question",
    "forum_photo",
    "forum_answer",
    "treatments_treatment",
    "doctors_review",
    "doctors_doctorprofile",
    "doctors_specialty",
    "moderation_report",
    "moderation_moderationaction",
    "accounts_user",
    "doctors_verificationdecision",
    "gallery_pair",
]
OWNER_ONLY = ["forum_answervote"]


def gallery_pairs(numbers, profiles) -> list:
    from gallery.models import Pair
    from treatments.models import Treatment

    botox, _ = Treatment.objects.get_or_create(slug="botox", defaults={"name": "Botox"})
    return Pair.objects.bulk_create(
        Pair(
            doctor=profile,
            treatment=botox,
            caption=f"Pair {n}",
            time_after="month_1",
            consent_given=True,
            consent_recorded_at=timezone.now(),
        )
        for n, profile in zip(numbers, profiles, strict=True)
    )


def add_rows(count: int, start: int) -> None:
    """`count` more rows of every kind the admin lists, in a few bulk inserts."""
    numbers = range(start, start + count)
    users = User.objects.bulk_create(
        User(email=f"bulk{n}@example.com", display_name=f"Bulk {n}") for n in numbers
    )
    doctors = User.objects.bulk_create(
        User(email=f"bulkdoc{n}@example.com", display_name=f"Bulk Doc {n}", role="doctor")
        for n in numbers
    )
    specialty = Specialty.objects.first()
    profiles = DoctorProfile.objects.bulk_create(
        DoctorProfile(
            user=user,
            name=f"Doctor {n}",
            slug=f"doctor-{n}",
            specialty=specialty,
            status=Status.PENDING if n % 2 else Status.VERIFIED,
            city="Tampa",
        )
        for n, user in zip(numbers, doctors, strict=True)
    )
    questions = Question.objects.bulk_create(
        Question(author=user, title=f"Question {n}", slug=f"question-{n}", body="Body " * 10)
        for n, user in zip(numbers, users, strict=True)
    )
    photos = Photo.objects.bulk_create(
        Photo(question=question, alt_text=f"Photo {n}", width=400, height=300)
        for n, question in zip(numbers, questions, strict=True)
    )
    answers = Answer.objects.bulk_create(
        Answer(question=question, doctor=profile, headline=f"Answer {n}", body="Body " * 12)
        for n, question, profile in zip(numbers, questions, profiles, strict=True)
    )
    reviews = Review.objects.bulk_create(
        Review(doctor=profile, author=user, rating=4, title=f"Review {n}", body="Good " * 10)
        for n, profile, user in zip(numbers, profiles, users, strict=True)
    )
    pairs = gallery_pairs(numbers, profiles)
    items = [*questions, *photos, *answers, *reviews, *pairs]
    Report.objects.bulk_create(
        Report(
            reporter=users[i % count],
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
            reason="spam",
        )
        for i, item in enumerate(items)
    )
    from doctors.models import VerificationDecision
    from forum.models import AnswerVote

    VerificationDecision.objects.bulk_create(
        VerificationDecision(profile=profile, status=profile.status, decided_by=user)
        for profile, user in zip(profiles, users, strict=True)
    )
    AnswerVote.objects.bulk_create(
        AnswerVote(answer=answer, user=user) for answer, user in zip(answers, users, strict=True)
    )
    ModerationAction.objects.bulk_create(
        ModerationAction(
            action=Action.HIDE,
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
            item_label=str(item),
            created_at=timezone.now(),
        )
        for item in items
    )


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("name", CHANGELISTS + OWNER_ONLY)
def test_admin_lists_do_not_make_a_query_per_row(client_as, moderator, name):
    from tests.factories import UserFactory

    owner = UserFactory(is_staff=True, is_superuser=True)
    client = client_as(owner if name in OWNER_ONLY else moderator)
    url = reverse(f"admin:{name}_changelist")
    add_rows(10, 0)
    few = queries(client, url)
    add_rows(190, 10)
    many = queries(client, url)
    # The reports page fetches the reported items once per kind on the page (at most five).
    assert many <= few <= 17


def test_the_index_counts_open_reports_and_pending_doctors(client_as, moderator):
    add_rows(6, 0)
    html = client_as(moderator).get(reverse("admin:index")).content.decode()
    assert "DocAnswers moderation" in html
    assert "Open reports</a></th>\n        <td><strong>30</strong>" in html
    assert "Doctors waiting for verification</a></th>\n        <td><strong>3</strong>" in html
