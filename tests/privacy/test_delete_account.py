"""Deleting an account: photos erased, posts deleted or kept as "Former member", counts right."""

import pytest
from django.urls import reverse

from accounts.models import DataExport, User
from doctors import services as doctor_services
from doctors.models import DoctorProfile, Review
from forum import services
from forum.models import AnswerVote, PhotoVisibility, Question
from moderation.models import ModerationAction, Report
from moderation.services import ban, report_submit, set_hidden
from privacy.deletion import delete_account
from tests.accounts.test_signup import SIGNUP, signup_data
from tests.factories import QuestionFactory, UserFactory
from tests.forum.conftest import media_files

DELETE = reverse("privacy:account_delete")


@pytest.fixture
def alices_posts(alice, bob, mallory):
    question = QuestionFactory(
        author=alice, title="Bruising after tear trough filler", photos=2,
        photo_visibility=PhotoVisibility.EVERYONE,
    )  # fmt: skip
    answer, _ = services.answer_submit(
        question=question, doctor=bob.doctor_profile, headline="Bruising fades in a week",
        body="Bruising after tear trough filler usually fades within seven to ten days.",
        notify=False,
    )  # fmt: skip
    services.vote_set(answer=answer, user=alice, helpful=True)
    services.vote_set(answer=answer, user=mallory, helpful=True)
    review, _ = doctor_services.review_submit(
        doctor=bob.doctor_profile, author=alice,
        fields={
            "rating": 1,
            "title": "Rushed visit",
            "body": "The visit felt rushed to me.",
            "worth_it": "no",
            "experience": "treatment",
        },
    )  # fmt: skip
    return question, answer, review


def delete(client, posts: str):
    return client.post(DELETE, {"posts": posts, "confirm": "DELETE"})


def test_keeping_posts_leaves_them_as_former_member_without_photos(
    client,
    reauthenticated_as,
    alice,
    bob,
    alices_posts,
    settings,
    django_capture_on_commit_callbacks,
):
    question, answer, review = alices_posts
    assert len(media_files(settings)) == 6  # two photos, three sizes each
    with django_capture_on_commit_callbacks(execute=True):
        response = delete(reauthenticated_as(alice), "keep")
    assert response.status_code == 302
    assert not User.objects.filter(email="alice@example.com").exists()
    assert media_files(settings) == []
    question.refresh_from_db()
    assert (question.author, question.photo_count, question.photos.count()) == (None, 0, 0)
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Former member" in html and "Alice" not in html
    assert "Bruising fades in a week" in html  # the doctor's answer stays useful
    answer.refresh_from_db()
    assert answer.helpful_count == 1 == AnswerVote.objects.count()  # Alice's vote is gone
    review.refresh_from_db()
    assert review.author is None
    profile = DoctorProfile.objects.get(user=bob)
    assert (profile.review_count, profile.answer_count) == (1, 1)
    reviews = client.get(reverse("doctors:reviews", args=[profile.slug])).content.decode()
    assert "Former member" in reviews


def test_deleting_posts_takes_the_answers_and_reviews_with_them(
    client, reauthenticated_as, alice, bob, alices_posts, django_capture_on_commit_callbacks
):
    question, _, _ = alices_posts
    with django_capture_on_commit_callbacks(execute=True):
        delete(reauthenticated_as(alice), "delete")
    assert not Question.objects.filter(pk=question.pk).exists()
    assert not Review.objects.exists()
    profile = DoctorProfile.objects.get(user=bob)
    assert (profile.answer_count, profile.review_count, profile.rating_average) == (0, 0, None)
    assert client.get(question.get_absolute_url()).status_code == 404


def test_the_email_address_can_sign_up_again(client, reauthenticated_as, alice, alices_posts):
    delete(reauthenticated_as(alice), "keep")
    response = client.post(SIGNUP, signup_data(email="alice@example.com", display_name="Alice"))
    assert response.status_code == 302
    assert User.objects.filter(email="alice@example.com").exists()


def test_a_doctor_deleting_their_account_takes_their_answers_off_the_counts(
    reauthenticated_as, bob, alices_posts
):
    question, _, _ = alices_posts
    delete(reauthenticated_as(bob), "keep")
    question.refresh_from_db()
    assert question.answer_count == 0
    assert not question.answers.exists()


def test_nothing_is_deleted_without_the_confirmation(reauthenticated_as, alice, alices_posts):
    response = reauthenticated_as(alice).post(DELETE, {"posts": "delete", "confirm": "yes"})
    assert response.status_code == 400
    assert "Type DELETE" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists() and Question.objects.exists()


def test_the_page_says_what_happens(reauthenticated_as, alice, alices_posts):
    html = reauthenticated_as(alice).get(DELETE).content.decode()
    assert "You have 1 question and 1 review." in html
    assert "Former member" in html


def test_staff_cannot_delete_themselves_here(reauthenticated_as, moderator):
    reauthenticated_as(moderator).post(DELETE, {"posts": "delete", "confirm": "DELETE"})
    assert User.objects.filter(pk=moderator.pk).exists()


def test_an_admin_deletion_works_the_same_way(
    reauthenticated_as, alice, alices_posts, settings, django_capture_on_commit_callbacks
):
    owner = UserFactory(is_staff=True, is_superuser=True)
    question, _, _ = alices_posts
    with django_capture_on_commit_callbacks(execute=True):
        reauthenticated_as(owner).post(
            reverse("admin:accounts_user_delete", args=[alice.pk]), {"post": "yes"}
        )
    assert not User.objects.filter(pk=alice.pk).exists()
    question.refresh_from_db()
    assert question.author is None and media_files(settings) == []


def test_nothing_of_theirs_survives_in_downloads_reports_or_the_log(
    reauthenticated_as, alice, bob, mallory, moderator, alices_posts, settings,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    question, answer, review = alices_posts
    gone = QuestionFactory(author=alice, title="An old question she had deleted")
    services.question_delete(question=gone)
    with django_capture_on_commit_callbacks(execute=True):
        reauthenticated_as(alice).post(reverse("privacy:data_export"))
    assert DataExport.objects.get(user=alice).file_name
    report_submit(reporter=mallory, item=question, reason="privacy", details="Shows her face")
    set_hidden(question.photos.first(), hidden=True, actor=moderator, reason="A face")
    ban(user=alice, actor=moderator, reason="Spam", until=None)
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(alice, keep_posts=False)
    assert [p for p in media_files(settings) if p.suffix == ".zip"] == []
    assert not Question.objects.filter(pk=gone.pk).exists()
    report = Report.objects.get()
    assert (report.status, report.details) == ("dismissed", "")
    labels = set(ModerationAction.objects.values_list("item_label", flat=True))
    assert "Alice" not in labels and not any(question.title in label for label in labels)
    assert "Former member" in labels


def test_keeping_posts_still_deletes_questions_they_had_deleted(
    reauthenticated_as, alice, alices_posts
):
    gone = QuestionFactory(author=alice, title="Deleted before")
    services.question_delete(question=gone)
    delete(reauthenticated_as(alice), "keep")
    assert not Question.objects.filter(pk=gone.pk).exists()
    assert Question.objects.filter(pk=alices_posts[0].pk, author=None).exists()


def test_former_members_reviews_can_still_be_reported(
    client, reauthenticated_as, alice, bob, alices_posts
):
    delete(reauthenticated_as(alice), "keep")
    review = alices_posts[2]
    page = client.get(reverse("doctors:reviews", args=[bob.doctor_profile.slug])).content.decode()
    assert reverse("moderation:report", args=["review", review.pk]) in page
