import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doctors.models import DoctorProfile
from forum.models import Answer, AnswerVote, Question
from tests.factories import (
    AnswerFactory,
    DoctorFactory,
    DoctorProfileFactory,
    PatientFactory,
    QuestionFactory,
)

ANSWER = {
    "headline": "Botox is never permanent",
    "body": "Botox wears off in three to four months; if you stop, the muscles return to normal.",
}


@pytest.fixture
def question(alice):
    return QuestionFactory(author=alice, title="Facial pain after two treatments of Botox?")


def answer_url(question) -> str:
    return reverse("forum:answer_post", args=[question.pk])


@pytest.fixture
def doctors_in_every_state(db):
    made = {}
    for status in ["draft", "pending", "rejected", "suspended"]:
        user = DoctorFactory(display_name=f"Doctor {status.title()}")
        DoctorProfileFactory(user=user, status=status, verified_at=None)
        made[status] = user
    made["no_profile"] = DoctorFactory(display_name="Doctor Without Profile")
    return made


def test_a_verified_doctor_answers_and_the_asker_is_emailed(
    client_as, bob, question, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(bob).post(answer_url(question), ANSWER)
    answer = Answer.objects.get()
    assert response.status_code == 302
    assert response.url == answer.get_absolute_url()
    assert answer.doctor.user == bob
    question.refresh_from_db()
    assert question.answer_count == 1
    assert DoctorProfile.objects.get(user=bob).answer_count == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    assert mail.outbox[0].subject == "[DocAnswers] A doctor answered your question"
    assert "Bob Stone, MD, FACS, Seattle Dermatologist" in mail.outbox[0].body
    assert answer.get_absolute_url() in mail.outbox[0].body


def test_the_answer_shows_who_the_doctor_is(client, bob, question):
    AnswerFactory(question=question, doctor=bob.doctor_profile, headline="Botox wears off")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Doctor Answers 1" in html
    assert "Botox wears off" in html
    assert "Bob Stone, MD, FACS</a>" in html
    assert "Seattle Dermatologist" in html
    assert "No reviews yet" in html


@pytest.mark.parametrize(
    "who",
    ["anonymous", "alice", "draft", "pending", "rejected", "suspended", "no_profile", "moderator"],
)
def test_only_verified_doctors_may_answer(
    request, client, client_as, question, doctors_in_every_state, moderator, who
):
    user = {**doctors_in_every_state, "moderator": moderator, "alice": question.author}.get(who)
    browser = client_as(user) if user else client
    response = browser.post(answer_url(question), ANSWER)
    assert response.status_code == (302 if who == "anonymous" else 403)
    if who == "anonymous":
        assert response.url.startswith(reverse("account_login"))
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("pending", "Your application is being reviewed"),
        ("draft", "Apply for verification first"),
        ("suspended", "Your doctor account is suspended"),
    ],
)
def test_doctors_who_cannot_answer_yet_are_told_why(
    client_as, question, doctors_in_every_state, who, shown
):
    html = client_as(doctors_in_every_state[who]).get(question.get_absolute_url()).content.decode()
    assert shown in html
    assert "Post your answer" not in html


def test_patients_and_visitors_see_no_answer_form(client, client_as, question, mallory):
    for browser in (client, client_as(mallory)):
        html = browser.get(question.get_absolute_url()).content.decode()
        assert "Post your answer" not in html


def test_a_second_answer_by_the_same_doctor_edits_the_first(client_as, bob, question):
    browser = client_as(bob)
    browser.post(answer_url(question), ANSWER)
    browser.post(answer_url(question), ANSWER | {"headline": "Botox is temporary"})
    assert Answer.objects.get().headline == "Botox is temporary"
    question.refresh_from_db()
    assert question.answer_count == 1
    assert "Edit your answer" in browser.get(question.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("headline", "Hi", "at least 5 characters"),
        ("headline", "x" * 121, "at most 120 characters"),
        ("body", "Too short to help anyone.", "at least 50 characters"),
        ("body", "a" + " " * 60 + "b", "at least 50 characters"),
        ("body", "x" * 5001, "at most 5000 characters"),
    ],
)
def test_bad_answers_get_a_message(client_as, bob, question, field, value, message):
    response = client_as(bob).post(answer_url(question), ANSWER | {field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Answer.objects.exists()


def test_no_answer_to_a_deleted_question(client_as, bob, question):
    Question.objects.filter(pk=question.pk).update(deleted_at=question.created_at)
    assert client_as(bob).post(answer_url(question), ANSWER).status_code == 404
    assert not Answer.objects.exists()


def test_a_forged_doctor_in_the_post_is_ignored(client_as, bob, carol, question):
    client_as(bob).post(answer_url(question), ANSWER | {"doctor": carol.doctor_profile.pk})
    assert Answer.objects.get().doctor.user == bob


def test_answering_only_takes_post(client_as, bob, question):
    assert client_as(bob).get(answer_url(question)).status_code == 405


@pytest.fixture
def answer(bob, question):
    return AnswerFactory(question=question, doctor=bob.doctor_profile)


def vote_url(answer) -> str:
    return reverse("forum:answer_vote", args=[answer.pk])


def test_members_vote_once_and_can_take_it_back(client_as, answer, mallory):
    browser = client_as(mallory)
    browser.post(vote_url(answer), {"helpful": "1"})
    browser.post(vote_url(answer), {"helpful": "1"})  # a double click or a resent form
    answer.refresh_from_db()
    assert answer.helpful_count == 1 == AnswerVote.objects.count()
    browser.post(vote_url(answer), {"helpful": "0"})
    answer.refresh_from_db()
    assert answer.helpful_count == 0
    assert not AnswerVote.objects.exists()


def test_votes_from_several_members_add_up(client_as, answer, mallory, alice, carol):
    for member in (mallory, alice, carol):
        client_as(member).post(vote_url(answer), {"helpful": "1"})
    answer.refresh_from_db()
    assert answer.helpful_count == 3 == answer.votes.count()


def test_the_htmx_vote_returns_the_button_alone(client_as, answer, mallory):
    response = client_as(mallory).post(
        vote_url(answer), {"helpful": "1"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<form class="vote" id="vote-{answer.pk}"')
    assert 'name="helpful" value="0"' in html  # the button now takes the vote back
    assert 'aria-pressed="true"' in html
    assert "1 found this helpful" in html


def test_doctors_cannot_vote_for_their_own_answer(client_as, answer, bob):
    assert client_as(bob).post(vote_url(answer), {"helpful": "1"}).status_code == 403
    answer.refresh_from_db()
    assert answer.helpful_count == 0


def test_voting_needs_a_signed_in_verified_member(client, client_as, answer):
    assert client.post(vote_url(answer), {"helpful": "1"}).status_code == 302
    unverified = PatientFactory(verified=False)
    assert client_as(unverified).post(vote_url(answer), {"helpful": "1"}).status_code == 403
    answer.refresh_from_db()
    assert answer.helpful_count == 0


def test_only_the_asker_marks_an_answer_as_having_helped(client_as, answer, mallory, bob):
    url = reverse("forum:answer_helped", args=[answer.pk])
    assert client_as(mallory).post(url, {"helped": "1"}).status_code == 403
    assert client_as(bob).post(url, {"helped": "1"}).status_code == 403
    asker = client_as(answer.question.author)
    asker.post(url, {"helped": "1"})
    asker.post(url, {"helped": "1"})  # resent: still marked
    answer.refresh_from_db()
    assert answer.helped_asker
    html = client_as(mallory).get(answer.question.get_absolute_url()).content.decode()
    assert "Helped Alice" in html


def test_answers_newest_first_or_most_helpful(client, question):
    older = AnswerFactory(question=question, headline="Older but helpful answer")
    AnswerFactory(question=question, headline="Newer answer")
    Answer.objects.filter(pk=older.pk).update(
        helpful_count=5, created_at=older.created_at.replace(year=2020)
    )
    newest = client.get(question.get_absolute_url()).content.decode()
    helpful = client.get(question.get_absolute_url() + "?answers=helpful").content.decode()
    assert newest.index("Newer answer") < newest.index("Older but helpful answer")
    assert helpful.index("Older but helpful answer") < helpful.index("Newer answer")


def test_question_page_queries_do_not_grow_with_answers(client_as, mallory, bob, question):
    browser = client_as(mallory)
    counts = []
    for total in (4, 40):
        while question.answers.count() < total:
            AnswerFactory(question=question)
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(question.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    # With the doctors' agreements in one query, the follow-ups in another, and the related
    # questions in the side column in a third.
    assert counts[0] == counts[1] <= 11
    doctor = client_as(bob)
    with CaptureQueriesContext(connection) as queries:  # and for a verified doctor
        assert doctor.get(question.get_absolute_url()).status_code == 200
    assert len(queries) <= 13  # with the check for their two-factor authentication


def test_deleting_a_question_takes_its_answers_off_the_doctors_count(client_as, bob, question):
    client_as(bob).post(answer_url(question), ANSWER)
    assert DoctorProfile.objects.get(user=bob).answer_count == 1
    client_as(question.author).post(reverse("forum:question_delete", args=[question.pk]))
    assert DoctorProfile.objects.get(user=bob).answer_count == 0


def test_a_verified_doctor_must_set_up_two_factor_authentication_to_answer(client_as, question):
    user = DoctorFactory(mfa=False)
    DoctorProfileFactory(user=user)
    browser = client_as(user)
    page = browser.get(question.get_absolute_url()).content.decode()
    assert "Set up two-factor authentication before you answer" in page
    assert reverse("mfa_activate_totp") in page
    assert 'name="headline"' not in page
    response = browser.post(answer_url(question), ANSWER)
    assert response.status_code == 403
    assert not Answer.objects.exists()
    dashboard = browser.get(reverse("forum:doctor_dashboard")).content.decode()
    assert "One step before you answer" in dashboard


def test_without_two_factor_a_verified_doctor_neither_replies_nor_sees_doctors_only_photos(
    client_as, alice
):
    user = DoctorFactory(mfa=False)
    profile = DoctorProfileFactory(user=user)
    from doctors import services as doctor_services

    review, _ = doctor_services.review_submit(
        doctor=profile, author=alice,
        fields={"rating": 4, "title": "Kind", "body": "Careful and kind.", "worth_it": "yes"},
    )  # fmt: skip
    browser = client_as(user)
    reply = browser.post(
        reverse("doctors:review_reply", args=[profile.slug, review.pk]), {"reply": "Thanks"}
    )
    assert reply.status_code == 403
    private = QuestionFactory(author=alice, photos=1, photo_visibility="doctors")
    assert browser.get(private.photos.get().url("320")).status_code == 404
