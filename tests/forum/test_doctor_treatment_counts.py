"""Each doctor's published answers per treatment (DoctorTreatment), which a treatment's page
ranks its doctors by: kept by every change that moves them, and put right by the recount."""

from io import StringIO

import pytest
from django.core.management import call_command

from forum import services
from forum.models import DoctorTreatment
from moderation.services import set_hidden
from tests.factories import DoctorProfileFactory, QuestionFactory
from treatments.models import Treatment


@pytest.fixture
def botox(db) -> Treatment:
    return Treatment.objects.get_or_create(name="Botox")[0]


def answered(doctor, treatments=("Botox",)):
    asked = QuestionFactory(treatments=list(treatments))
    answer, _ = services.answer_submit(
        question=asked, doctor=doctor, headline="It wears off",
        body="Botox wears off within three to four months; nothing about it is permanent.",
        notify=False,
    )  # fmt: skip
    return asked, answer


def test_the_answer_counts_follow_hiding_deleting_and_editing(botox, moderator):
    doctor = DoctorProfileFactory()

    def count(treatment=botox) -> int:
        row = DoctorTreatment.objects.filter(doctor=doctor, treatment=treatment).first()
        return row.answer_count if row else 0

    first, answer = answered(doctor)
    second, _ = answered(doctor, treatments=["Botox", "Jaw pain"])
    assert count() == 2
    set_hidden(answer, hidden=True, actor=moderator, reason="Wrong")
    assert count() == 1
    set_hidden(answer, hidden=False, actor=moderator)
    assert count() == 2
    set_hidden(second, hidden=True, actor=moderator, reason="Off topic")
    assert count() == 1 and count(Treatment.objects.get(name="Jaw pain")) == 0
    services.question_delete(question=first)
    assert count() == 0
    set_hidden(second, hidden=False, actor=moderator)
    services.question_update(
        question=second, title=second.title, body=second.body, treatments=["Jaw pain"],
        photo_visibility=second.photo_visibility, new_photos=[], removed_photos=[], alt_texts={},
    )  # fmt: skip
    assert count() == 0 and count(Treatment.objects.get(name="Jaw pain")) == 1


def test_the_recount_command_puts_drifted_answer_counts_right(botox):
    doctor = DoctorProfileFactory(name="Drifted Doctor")
    answered(doctor)
    DoctorTreatment.objects.filter(doctor=doctor).update(answer_count=9)
    out = StringIO()
    call_command("recount_treatments", stdout=out)
    assert DoctorTreatment.objects.get(doctor=doctor).answer_count == 1
    assert "1 doctor's answers per treatment had drifted" in out.getvalue()


def test_a_deleted_account_takes_its_questions_answers_out_of_the_counts(botox, alice):
    from privacy.deletion import delete_account

    doctor = DoctorProfileFactory()
    asked = QuestionFactory(author=alice, treatments=["Botox"])
    services.answer_submit(
        question=asked, doctor=doctor, headline="It wears off",
        body="Botox wears off within three to four months; nothing about it is permanent.",
        notify=False,
    )  # fmt: skip
    assert DoctorTreatment.objects.get(doctor=doctor, treatment=botox).answer_count == 1
    delete_account(alice, keep_posts=False)
    assert not DoctorTreatment.objects.filter(doctor=doctor).exists()
