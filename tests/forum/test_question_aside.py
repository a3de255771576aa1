"""The question page's side column: "Ask your own question", the doctors who answered, and
related questions; and the page's one medical disclaimer."""

from datetime import timedelta
from urllib.parse import unquote_plus

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

import photos
from doctors import services as doctor_services
from doctors.models import DoctorProfile
from forum.models import Question
from forum.selectors import RELATED_SHOWN, related_questions
from tests.factories import AnswerFactory, DoctorProfileFactory, QuestionFactory
from tests.forum import images

pytestmark = pytest.mark.django_db


def ago(days: int):
    return timezone.now() - timedelta(days=days)


def asked(title: str, treatments: list[str], days: int, **fields) -> Question:
    question = QuestionFactory(title=title, treatments=treatments)
    Question.objects.filter(pk=question.pk).update(created_at=ago(days), **fields)
    return question


@pytest.fixture
def jaw(alice):
    question = QuestionFactory(
        author=alice,
        title="Facial pain after two treatments of Botox in jaw?",
        treatments=["Botox", "Jaw pain"],
    )
    Question.objects.filter(pk=question.pk).update(created_at=ago(1))
    return Question.objects.get(pk=question.pk)


def titles(questions) -> list[str]:
    return [question.title for question in questions]


def test_related_questions_share_treatments_most_shared_first(jaw):
    both = asked("Clenching still bad a month later", ["Botox", "Jaw pain"], days=90)
    answered = asked("Numb forehead weeks later", ["Botox"], days=30, answer_count=2)
    newest = asked("Heavy brows since Tuesday", ["Botox"], days=2)
    asked("Swollen lips on day three", ["Lip filler"], days=3)  # nothing shared
    asked("Hidden by the moderators", ["Botox"], days=4, status="hidden")
    asked("Deleted by its asker", ["Botox"], days=5, deleted_at=ago(1))
    asked("Kept out of search engines", ["Botox"], days=6, noindex=True)
    related = related_questions(Question.objects.get(pk=jaw.pk))
    # Both treatments first; then answered before unanswered, whatever their age.
    assert titles(related) == [both.title, answered.title, newest.title]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL (CI runs it)"
)
def test_on_postgresql_the_closest_in_words_come_first_among_equals(jaw):
    asked("Heavy brows since Tuesday", ["Botox"], days=2, answer_count=3)
    close = asked("Jaw pain months after masseter Botox", ["Botox"], days=200)
    related = related_questions(jaw)
    assert titles(related) == [close.title, "Heavy brows since Tuesday"]


def test_related_questions_are_at_most_five_and_never_the_question_itself(jaw):
    for number in range(8):
        asked(f"Botox question number {number}", ["Botox"], days=number + 2)
    related = related_questions(jaw)
    assert len(related) == RELATED_SHOWN == 5
    assert jaw.pk not in [question.pk for question in related]
    assert titles(related) == [f"Botox question number {n}" for n in range(5)]  # newest first


def test_the_side_column_lists_them_with_their_answers(client, jaw):
    asked("Numb forehead weeks later", ["Botox"], days=30, answer_count=2)
    asked("Heavy brows since Tuesday", ["Botox"], days=2)
    html = client.get(jaw.get_absolute_url()).content.decode()
    assert '<h2 id="related-title" class="question-aside__title">Related questions</h2>' in html
    assert 'Numb forehead weeks later</a> <span class="related__meta">2 doctor answers' in html
    assert 'Heavy brows since Tuesday</a> <span class="related__meta">Not answered yet' in html
    assert '<a href="/treatments/botox/">All Botox questions</a>' in html


def test_no_related_questions_no_heading(client, jaw):
    assert "Related questions" not in client.get(jaw.get_absolute_url()).content.decode()


def test_ask_your_own_question_starts_with_the_treatments(client, client_as, jaw, bob):
    html = client.get(jaw.get_absolute_url()).content.decode()
    start = html.index("Ask your own question")
    link = html[html.rindex("href=", 0, start) : start]
    assert unquote_plus(link) == 'href="/questions/ask/?treatments=Botox, Jaw pain">'
    # Doctors answer rather than ask.
    as_doctor = client_as(bob).get(jaw.get_absolute_url()).content.decode()
    assert "Ask your own question" not in as_doctor


def test_the_login_link_keeps_the_treatments(client, db):
    response = client.get(reverse("forum:question_ask") + "?treatments=Botox")
    assert response.status_code == 302
    assert "treatments%3DBotox" in response.url


def with_headshot(profile: DoctorProfile) -> DoctorProfile:
    headshot = photos.process(images.upload(images.image_bytes("JPEG", size=(300, 300))))
    return doctor_services.application_save(
        profile=profile, fields={}, headshot=headshot, submit=False
    )


def test_the_doctors_who_answered_have_cards(client, jaw, bob):
    kessler = with_headshot(
        DoctorProfileFactory(
            name="Adrian Kessler",
            credentials=["MD", "FACS"],
            city="Seattle",
            region="WA",
            review_count=221,
            rating_average="4.69",
        )
    )
    AnswerFactory(question=jaw, doctor=kessler)
    AnswerFactory(question=jaw, doctor=bob.doctor_profile)
    lapsed = DoctorProfileFactory(name="Theo Lindgren", status="expired", verified_at=ago(400))
    lapsed.ensure_slug()
    lapsed.save()
    AnswerFactory(question=jaw, doctor=lapsed)
    hidden = AnswerFactory(question=jaw, doctor=DoctorProfileFactory(name="Hidden Answerer"))
    hidden.status = "hidden"
    hidden.save()

    html = client.get(jaw.get_absolute_url()).content.decode()
    aside = html[html.index('<aside class="question-aside"') : html.index("</aside>")]
    assert '<h2 id="answering-doctors-title"' in aside
    assert aside.count('<li class="aside-doctor">') == 3
    assert f'<a href="{kessler.get_absolute_url()}">Adrian Kessler, MD, FACS</a>' in aside
    assert "Seattle Dermatologist, WA" in aside
    assert "4.7 out of 5 stars · 221 reviews" in aside
    assert f'src="{kessler.headshot_url()}"' in aside
    assert aside.count('<span class="badge badge--success">Verified</span>') == 2
    assert "Licence verification expired" in aside
    assert "Bob Stone, MD, FACS" in aside and "No reviews yet" in aside
    assert "Hidden Answerer" not in aside


def test_the_page_carries_one_medical_disclaimer(client, jaw):
    html = client.get(jaw.get_absolute_url()).content.decode()
    assert html.count("Medical disclaimer.") == 1
    assert html.count("should not be relied upon as a substitute for medical advice") == 1
    assert "disclaimer-box" not in html


def queries_of_the_page(client, question, django_assert_max_num_queries, limit) -> int:
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(question.get_absolute_url()).status_code == 200
    return len(captured)


def test_the_page_stays_bounded_with_many_answers_doctors_and_related_questions(
    client, client_as, mallory, django_assert_max_num_queries
):
    def question_with(answers: int, related: int) -> Question:
        treatments = [f"Treatment {n}" for n in range(5)]
        question = QuestionFactory(title="Pain after Botox in my jaw", treatments=treatments)
        for _ in range(answers):
            AnswerFactory(question=question, doctor=with_headshot(DoctorProfileFactory()))
        for number in range(related):
            asked(f"Related question {number}", treatments[: number % 5 + 1], days=number + 2)
        return question

    small = question_with(answers=1, related=1)
    large = question_with(answers=12, related=40)
    browser = client_as(mallory)
    # A member: session, user, question, treatments, photos, follow-ups, answers, agreements,
    # votes, "following?", related questions.
    counts = [
        queries_of_the_page(browser, question, django_assert_max_num_queries, 11)
        for question in (small, large)
    ]
    assert counts[0] == counts[1]
    html = browser.get(large.get_absolute_url()).content.decode()
    assert html.count('<li class="aside-doctor">') == 12
    assert html.count('<li class="related__item">') == RELATED_SHOWN
    # A visitor: no session, no user, no votes, no follow.
    counts = [
        queries_of_the_page(client, question, django_assert_max_num_queries, 7)
        for question in (small, large)
    ]
    assert counts[0] == counts[1]


def test_the_cached_page_follows_its_related_questions(client, jaw):
    """Visitors get the page from the cache: a new, hidden or answered related question
    reaches it, since every write to questions moves the cache on."""
    first = client.get(jaw.get_absolute_url())
    assert "Related questions" not in first.content.decode()
    assert client.get(jaw.get_absolute_url())["X-Page-Cache"] == "hit"
    other = asked("Numb forehead weeks later", ["Botox"], days=3)
    response = client.get(jaw.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Numb forehead weeks later" in response.content.decode()
    AnswerFactory(question=other)
    Question.objects.filter(pk=other.pk).update(answer_count=1)
    assert "1 doctor answer<" in client.get(jaw.get_absolute_url()).content.decode()
    Question.objects.filter(pk=other.pk).update(status="hidden")
    assert "Numb forehead" not in client.get(jaw.get_absolute_url()).content.decode()
