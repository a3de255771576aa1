"""The question page kept rendered for signed-in patients (forum/question_page.py): each gets
their own votes, follow, name and CSRF token, and every write reaches the kept page."""

import re

import pytest
from django.middleware.csrf import CSRF_TOKEN_LENGTH
from django.test import Client
from django.urls import reverse

import pagecache
from forum import question_page
from forum.models import AnswerVote, Question, QuestionFollow
from moderation.models import ModerationStatus
from tests.factories import AnswerFactory, PatientFactory, QuestionFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def answered(question, bob):
    return AnswerFactory(question=question, doctor=bob.doctor_profile, headline="Rest the jaw")


def page(client: Client, question) -> str:
    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def kept(question, order: str = "newest"):
    key = f"question {question.pk} {order} patient http://testserver"
    return pagecache.kept(key, scopes=question_page.scope(question.pk)).value


def test_a_patients_second_visit_is_the_kept_page_and_three_queries(
    client_as, mallory, answered, question, django_assert_max_num_queries
):
    browser = client_as(mallory)
    first = page(browser, question)
    assert kept(question) is not None
    # The session, the user, and the reader's votes and follow in one.
    with django_assert_max_num_queries(3):
        second = page(browser, question)
    assert TOKEN.sub("", second) == TOKEN.sub("", first)
    assert "Rest the jaw" in second
    assert "should not be relied upon as a substitute for medical advice" in second


def test_each_patient_sees_their_own_votes_follow_and_name(client_as, mallory, answered, question):
    nadia = PatientFactory(display_name="Nadia")
    mine = page(client_as(mallory), question)
    assert kept(question) is not None
    # Votes and follows are no page's rows (the count is on the answer): the page stays kept.
    AnswerVote.objects.create(answer=answered, user=nadia)
    QuestionFollow.objects.create(question=question, user=nadia)
    assert kept(question) is not None
    theirs = page(client_as(nadia), question)  # from the page Mallory's visit kept
    mine_again = page(client_as(mallory), question)

    assert 'name="helpful" value="0"' in theirs  # her button takes her vote back
    assert ">Following<" in theirs
    assert '<span class="menu__name">Nadia</span>' in theirs
    assert "Mallory" not in theirs
    for html in (mine, mine_again):
        assert 'name="helpful" value="1"' in html
        assert ">Follow this question<" in html
        assert '<span class="menu__name">Mallory</span>' in html
        assert "Nadia" not in html


def test_the_kept_page_holds_no_token_and_each_reader_posts_with_their_own(
    mallory, answered, question
):
    first = Client(enforce_csrf_checks=True)
    first.force_login(mallory)
    hers = set(TOKEN.findall(page(first, question)))
    assert question_page.TOKEN_FIELD not in kept(question).content

    nadia = PatientFactory(display_name="Nadia")
    second = Client(enforce_csrf_checks=True)
    second.force_login(nadia)
    html = page(second, question)
    vote_form = html[html.index('<form class="vote"') :]
    token = TOKEN.search(vote_form)[1]
    assert token not in hers
    assert len(token) == CSRF_TOKEN_LENGTH
    vote = reverse("forum:answer_vote", args=[answered.pk])
    response = second.post(vote, {"helpful": "1", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert AnswerVote.objects.filter(answer=answered, user=nadia).exists()
    # ...and her vote shows at once, though no page cache watches the votes table.
    assert 'name="helpful" value="0"' in page(second, question)


def test_another_members_vote_reaches_the_kept_page(client_as, mallory, answered, question):
    nadia = client_as(PatientFactory(display_name="Nadia"))  # a new account is a write too
    browser = client_as(mallory)
    assert "0 found this helpful" in page(browser, question)
    nadia.post(reverse("forum:answer_vote", args=[answered.pk]), {"helpful": "1"})
    assert "1 found this helpful" in page(browser, question)


def test_a_new_answer_and_a_hidden_question_reach_the_kept_page(client_as, mallory, question, bob):
    browser = client_as(mallory)
    assert "No doctor has answered yet." in page(browser, question)
    AnswerFactory(question=question, doctor=bob.doctor_profile, headline="Ice, then massage")
    assert "Ice, then massage" in page(browser, question)
    Question.objects.filter(pk=question.pk).update(status=ModerationStatus.HIDDEN)
    assert browser.get(question.get_absolute_url()).status_code == 404


def test_the_asker_doctors_and_moderators_are_not_given_the_patients_page(
    client_as, mallory, alice, bob, moderator, answered, question
):
    page(client_as(mallory), question)
    assert kept(question) is not None
    assert "Edit question" in page(client_as(alice), question)
    assert "Edit question" not in page(client_as(mallory), question)
    doctor = page(client_as(bob), question)
    assert "Ask your own question" not in doctor  # doctors answer rather than ask
    assert "Ask your own question" in page(client_as(mallory), question)
    assert question_page.audience(moderator) is None
    assert question_page.audience(bob) is None


def test_the_asker_is_not_kept_for_others(client_as, alice, mallory, question):
    page(client_as(alice), question)
    assert kept(question) is None
    assert "Edit question" not in page(client_as(mallory), question)


def test_hidden_questions_are_never_kept(client_as, alice, question):
    Question.objects.filter(pk=question.pk).update(status=ModerationStatus.HIDDEN)
    assert "Edit question" in page(client_as(alice), question)
    assert kept(question) is None


def test_each_order_of_answers_is_kept_apart(client_as, mallory, question, bob, carol):
    old = AnswerFactory(question=question, doctor=bob.doctor_profile, headline="Older answer")
    AnswerFactory(question=question, headline="Newer answer")
    old.helpful_count = 5
    old.save()
    browser = client_as(mallory)
    newest = page(browser, question)
    response = browser.get(question.get_absolute_url() + "?answers=helpful")
    helpful = response.content.decode()
    assert newest.index("Newer answer") < newest.index("Older answer")
    assert helpful.index("Older answer") < helpful.index("Newer answer")
    assert kept(question, "helpful") is not None


def test_a_wrong_slug_redirects_from_the_kept_page_too(client_as, mallory, question):
    browser = client_as(mallory)
    page(browser, question)
    response = browser.get(reverse("forum:question_detail", args=[question.pk, "old-title"]))
    assert response.status_code == 301
    assert response.url == question.get_absolute_url()


def test_a_slot_mark_written_by_a_patient_stays_text(client_as, mallory, alice):
    question = QuestionFactory(
        author=alice, body="Odd text: <!--slot:csrf--> and <!--slot:follow 1-->"
    )
    html = page(client_as(mallory), question)
    assert "Odd text: &lt;!--slot:csrf--&gt; and &lt;!--slot:follow 1--&gt;" in html
    assert "<!--slot:" not in html


def test_nothing_is_kept_with_the_page_cache_off(client_as, mallory, question, settings):
    settings.PAGE_CACHE_SECONDS = 0
    page(client_as(mallory), question)
    assert pagecache.kept("anything") == pagecache.Kept(None, None)
    settings.PAGE_CACHE_SECONDS = 600
    assert kept(question) is None
