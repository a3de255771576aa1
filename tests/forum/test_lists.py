from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import services
from tests.factories import QuestionFactory
from treatments.models import Treatment

LIST = reverse("forum:question_list")


def titles(response) -> list[str]:
    return [question.title for question in response.context["page"].object_list]


def make(title: str, *, days_ago: int, answers: int = 0, treatments=("Botox",)):
    question = QuestionFactory(title=title, treatments=list(treatments))
    question.created_at = timezone.now() - timedelta(days=days_ago)
    question.answer_count = answers
    question.save()
    return question


@pytest.fixture
def three(db):
    make("Old question with many answers", days_ago=9, answers=5)
    make("Middle question with one answer", days_ago=5, answers=1, treatments=["Lip filler"])
    make("New question without answers", days_ago=1)


def test_sorts(client, three):
    assert titles(client.get(LIST)) == [
        "New question without answers",
        "Middle question with one answer",
        "Old question with many answers",
    ]
    assert titles(client.get(LIST, {"sort": "answers"}))[0] == "Old question with many answers"
    assert titles(client.get(LIST, {"sort": "unanswered"})) == ["New question without answers"]
    assert titles(client.get(LIST, {"sort": "nonsense"}))[0] == "New question without answers"


def test_filter_by_treatment(client, three):
    response = client.get(LIST, {"treatment": "lip-filler"})
    assert titles(response) == ["Middle question with one answer"]
    assert "Lip filler questions" in response.content.decode()
    assert client.get(LIST, {"treatment": "no-such-treatment"}).status_code == 404


def test_rows_show_photo_count_treatments_answers_and_age(client, db):
    QuestionFactory(title="A question with three photos attached", photos=3)
    html = client.get(LIST).content.decode()
    assert '3<span class="visually-hidden"> photos</span>' in html
    assert 'class="tag" href="/treatments/lip-filler/">Lip filler</a>' in html
    assert "<strong>0</strong> answers" in html
    assert "just now</time>" in html


def test_twenty_a_page(client, db):
    for number in range(25):
        make(f"Question number {number:02d} about Botox", days_ago=number)
    first = client.get(LIST)
    assert len(titles(first)) == 20
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(LIST, {"page": 2, "sort": "newest"})
    assert len(titles(second)) == 5
    assert client.get(LIST, {"page": 99}).context["page"].number == 2
    assert client.get(LIST, {"page": "x"}).context["page"].number == 1


def test_pagination_keeps_the_filters(client, db):
    for number in range(21):
        make(f"Question number {number:02d} about Botox", days_ago=number)
    html = client.get(LIST, {"treatment": "botox", "sort": "answers"}).content.decode()
    assert "?treatment=botox&amp;sort=answers&amp;page=2" in html


def test_deleted_questions_are_not_listed(client, db):
    gone = make("A question that was deleted by its asker", days_ago=1)
    services.question_delete(question=gone)
    assert titles(client.get(LIST)) == []
    assert (
        client.get(reverse("forum:treatment_detail", args=["botox"]))
        .context["page"]
        .paginator.count
        == 0
    )


def test_treatment_page(client, three):
    Treatment.objects.filter(slug="botox").update(description="Relaxes chosen muscles.")
    response = client.get(reverse("forum:treatment_detail", args=["botox"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Botox</h1>" in html
    assert "Relaxes chosen muscles." in html
    assert "Old question with many answers" in html
    assert "Middle question with one answer" not in html
    assert client.get(reverse("forum:treatment_detail", args=["nope"])).status_code == 404


@pytest.mark.parametrize("count", [1, 50])
def test_list_and_treatment_query_counts_are_bounded(
    client_as, alice, django_assert_max_num_queries, count
):
    for number in range(count):
        QuestionFactory(treatments=["Botox", f"Treatment {number % 7}"], photos=number % 2)
    browser = client_as(alice)
    # The treatment's page also shows its hub (tests/forum/test_treatment_hub.py): the reviews'
    # figures, the latest reviews, its doctors, its top questions and the follow button.
    limits = {LIST: 7, LIST + "?treatment=botox&sort=answers": 7, "/treatments/botox/": 12}
    for url, limit in limits.items():
        with django_assert_max_num_queries(limit):
            assert browser.get(url).status_code == 200


def test_long_lists_count_up_to_a_cap_and_offer_pages_up_to_it(client, db, monkeypatch):
    from web import paging

    monkeypatch.setattr(paging, "COUNT_CAP", 45)
    for _ in range(50):
        QuestionFactory(treatments=["Botox"])
    page = client.get("/questions/").content.decode()
    assert "More than 45 questions" in page
    assert "Page 1 of 3" in page
    last = client.get("/questions/?page=9")
    assert last.context["page"].number == 3
    assert "Older questions are not listed page by page" in last.content.decode()
    assert "Older questions are not listed" not in page
    # A treatment's questions are counted already: the count is exact, the pages still capped.
    treatment = client.get("/treatments/botox/")
    assert "50 questions" in treatment.content.decode()
    assert treatment.context["page"].paginator.num_pages == 3
    Treatment.objects.filter(slug="botox").update(question_count=12_345)
    assert "12,345 questions" in client.get("/treatments/botox/").content.decode()
