"""Peer agreement: verified doctors say "I agree" with a colleague's answer."""

import pytest
from django.urls import reverse

from forum import services
from forum.models import AnswerAgreement, AnswerVote
from tests.factories import DoctorProfileFactory, QuestionFactory


@pytest.fixture
def answer(alice, bob):
    question = QuestionFactory(author=alice)
    answer, _ = services.answer_submit(
        question=question, doctor=bob.doctor_profile, headline="Wait three months",
        body="Wait at least three months between Botox sessions to avoid resistance.",
        notify=False,
    )  # fmt: skip
    return answer


def agree(client, answer, value="1", **extra):
    return client.post(reverse("forum:answer_agree", args=[answer.pk]), {"agree": value}, **extra)


def test_doctors_agree_once_take_it_back_and_are_named(client, client_as, answer):
    colleagues = [DoctorProfileFactory(name=name) for name in ("Ines Vogel", "Omar Haddad")]
    for colleague in colleagues:
        agree(client_as(colleague.user), answer)
        agree(client_as(colleague.user), answer)  # twice: still once
    assert AnswerAgreement.objects.filter(answer=answer).count() == 2
    html = client.get(answer.question.get_absolute_url()).content.decode()
    assert "2 doctors agree" in html and "Ines Vogel, MD" in html and "Omar Haddad, MD" in html
    agree(client_as(colleagues[0].user), answer, "0")
    html = client.get(answer.question.get_absolute_url()).content.decode()
    assert "1 doctor agrees" in html and "Ines Vogel" not in html
    assert not AnswerVote.objects.exists()  # patients' helpful votes are separate


def test_the_button_toggles_without_a_reload(client_as, answer):
    colleague = DoctorProfileFactory(name="Ines Vogel")
    fragment = agree(client_as(colleague.user), answer, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert "<html" not in html
    assert 'aria-pressed="true"' in html and "1 doctor agrees" in html


def test_only_other_verified_doctors_with_two_factor_agree(client_as, answer, alice, bob, carol):
    from tests.factories import DoctorFactory

    no_mfa = DoctorProfileFactory(user=DoctorFactory(mfa=False))
    assert agree(client_as(bob), answer).status_code == 403  # their own answer
    for user in (alice, carol, no_mfa.user):
        assert agree(client_as(user), answer).status_code == 403
    assert not AnswerAgreement.objects.exists()
    page = client_as(bob).get(answer.question.get_absolute_url()).content.decode()
    assert "I agree" not in page
    other = DoctorProfileFactory()
    assert (
        "I agree" in client_as(other.user).get(answer.question.get_absolute_url()).content.decode()
    )
