"""Posting limits per account per hour, stricter in an account's first day."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from doctors.models import Review
from forum.models import Answer, Question
from moderation.models import Report
from tests.factories import DoctorProfileFactory, QuestionFactory

ASK = {
    "body": "I had Botox two weeks ago and want more. Is that safe, and how long should I wait?",
    "treatments": "Botox",
    "photo_visibility": "members",
}


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.POSTING_LIMITS = {
        "question": (3, 2),
        "answer": (3, 2),
        "review": (3, 2),
        "report": (3, 2),
    }


def make_old(user) -> None:
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=3))
    user.refresh_from_db()


def ask(browser, n: int):
    return browser.post(reverse("forum:question_ask"), ASK | {"title": f"Question number {n}?"})


def test_a_new_account_gets_the_stricter_limit_and_a_clear_429(client_as, alice):
    browser = client_as(alice)
    assert [ask(browser, n).status_code for n in range(2)] == [302, 302]
    response = ask(browser, 3)
    assert response.status_code == 429
    html = response.content.decode()
    assert "New accounts can post 2 questions an hour" in html
    assert "You can post again in about 60 minutes" in html
    assert 3500 <= int(response["Retry-After"]) <= 3600
    assert Question.objects.count() == 2


def test_an_established_account_gets_the_normal_limit(client_as, alice):
    make_old(alice)
    browser = client_as(alice)
    assert [ask(browser, n).status_code for n in range(4)] == [302, 302, 302, 429]
    assert "Each account can post 3 questions an hour" in ask(browser, 5).content.decode()


def test_posts_older_than_an_hour_do_not_count(client_as, alice):
    browser = client_as(alice)
    ask(browser, 1)
    ask(browser, 2)
    Question.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    assert ask(browser, 3).status_code == 302


def test_answers_are_limited_but_editing_an_answer_is_not(client_as, bob):
    make_old(bob)
    browser = client_as(bob)
    questions = QuestionFactory.create_batch(4)
    answer = {
        "headline": "Wait three months",
        "body": "Wait at least three months between sessions to avoid resistance.",
    }
    codes = [
        browser.post(reverse("forum:answer_post", args=[q.pk]), answer).status_code
        for q in questions
    ]
    assert codes == [302, 302, 302, 429]
    edit = browser.post(reverse("forum:answer_post", args=[questions[0].pk]), answer)
    assert edit.status_code == 302
    assert Answer.objects.count() == 3


def test_reviews_are_limited(client_as, alice):
    browser = client_as(alice)
    review = {
        "rating": "4",
        "title": "Careful and kind",
        "body": "Explained every step and the result looks natural.",
        "worth_it": "yes",
        "experience": "treatment",
    }
    codes = [
        browser.post(reverse("doctors:review", args=[p.slug]), review).status_code
        for p in DoctorProfileFactory.create_batch(3)
    ]
    assert codes == [302, 302, 429]
    assert Review.objects.count() == 2


def test_reports_are_limited(client_as, mallory):
    browser = client_as(mallory)
    codes = [
        browser.post(
            reverse("moderation:report", args=["question", q.pk]), {"reason": "spam"}
        ).status_code
        for q in QuestionFactory.create_batch(3)
    ]
    assert codes == [302, 302, 429]
    assert Report.objects.count() == 2


def test_moderators_are_not_limited(client_as, moderator):
    browser = client_as(moderator)
    assert [ask(browser, n).status_code for n in range(4)] == [302] * 4
