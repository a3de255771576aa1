"""Hiding and restoring, from the admin: counts, aggregates, the log, and what authors see."""

import pytest
from django.urls import reverse

from forum.models import Question
from moderation.models import Action, ModerationAction, Report, ReportStatus
from moderation.services import report_submit
from tests.moderation.conftest import HIDE_REASON, admin_action


def logged(item) -> list[tuple]:
    return list(
        ModerationAction.objects.filter(object_id=item.pk, item_label=str(item)).values_list(
            "actor__display_name", "action", "reason", "status_before", "status_after"
        )
    )


def test_hiding_asks_for_a_reason_first_and_hides_nothing_without_one(client_as, moderator, answer):
    client = client_as(moderator)
    page = admin_action(client, "forum_answer", "hide", [answer])
    assert page.status_code == 200
    assert "Hidden by moderators" in page.content.decode()  # the page says what authors see
    again = admin_action(client, "forum_answer", "hide", [answer], reason="   ")
    assert "This field is required." in again.content.decode()
    answer.refresh_from_db()
    assert answer.status == "published"
    assert not ModerationAction.objects.exists()


def test_hiding_an_answer_updates_the_counts_the_log_and_the_reports(
    client_as, moderator, answer, mallory, question, doctor
):
    report_submit(reporter=mallory, item=answer, reason="misinformation", details="")
    response = admin_action(
        client_as(moderator), "forum_answer", "hide", [answer], reason=HIDE_REASON
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    question.refresh_from_db()
    doctor.refresh_from_db()
    assert (answer.status, answer.hidden_reason) == ("hidden", HIDE_REASON)
    assert (question.answer_count, doctor.answer_count) == (0, 0)
    assert logged(answer) == [("Morgan Reed", "hide", HIDE_REASON, "published", "hidden")]
    report = Report.objects.get()
    assert (report.status, report.resolved_by) == (ReportStatus.ACTIONED, moderator)


def test_restoring_an_answer_puts_the_counts_back(client_as, moderator, answer, question, doctor):
    client = client_as(moderator)
    admin_action(client, "forum_answer", "hide", [answer], reason=HIDE_REASON)
    admin_action(client, "forum_answer", "restore", [answer])
    answer.refresh_from_db()
    question.refresh_from_db()
    doctor.refresh_from_db()
    assert (answer.status, answer.hidden_reason) == ("published", "")
    assert (question.answer_count, doctor.answer_count) == (1, 1)
    assert [entry[1] for entry in logged(answer)] == ["restore", "hide"]


def test_a_hidden_answer_is_gone_for_others_and_marked_for_its_doctor(
    client, client_as, moderator, answer, question, alice, bob
):
    admin_action(client_as(moderator), "forum_answer", "hide", [answer], reason=HIDE_REASON)
    url = question.get_absolute_url()
    for browser in (client, client_as(alice)):
        html = browser.get(url).content.decode()
        assert answer.headline not in html
        assert "Doctor Answers 0" in html
    own = client_as(bob).get(url).content.decode()
    assert answer.headline in own
    assert "Hidden by moderators." in own and HIDE_REASON in own
    dashboard = client_as(bob).get(reverse("forum:doctor_dashboard")).content.decode()
    assert "Hidden by moderators" in dashboard
    # Votes and "this helped me" no longer reach it.
    vote = client_as(alice).post(reverse("forum:answer_vote", args=[answer.pk]), {"helpful": "1"})
    assert vote.status_code == 404


def test_a_hidden_question_is_shown_only_to_its_asker_and_moderators(
    client, client_as, moderator, question, answer, alice, mallory, doctor
):
    admin_action(client_as(moderator), "forum_question", "hide", [question], reason=HIDE_REASON)
    doctor.refresh_from_db()
    assert doctor.answer_count == 0  # answers on hidden questions don't count
    url = question.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client_as(mallory).get(url).status_code == 404
    own = client_as(alice).get(url)
    assert own.status_code == 200
    assert HIDE_REASON in own.content.decode()
    assert client_as(moderator).get(url).status_code == 200
    photo = question.photos.first()
    assert client.get(photo.url("320")).status_code == 404
    assert client_as(alice).get(photo.url("320")).status_code == 200


def test_a_hidden_photo_leaves_the_page_and_the_count(
    client, client_as, moderator, question, alice
):
    first, second = question.photos.all()
    admin_action(client_as(moderator), "forum_photo", "hide", [first], reason=HIDE_REASON)
    question.refresh_from_db()
    assert question.photo_count == 1
    assert client.get(first.url("960")).status_code == 404
    assert client.get(second.url("960")).status_code == 200
    html = client.get(question.get_absolute_url()).content.decode()
    assert first.key not in html and second.key in html
    own = client_as(alice).get(question.get_absolute_url()).content.decode()
    assert first.key in own and HIDE_REASON in own
    assert client_as(alice).get(first.url("960")).status_code == 200
    admin_action(client_as(moderator), "forum_photo", "hide", [second], reason=HIDE_REASON)
    question.refresh_from_db()
    assert question.photo_count == 0
    assert "(photo)" not in client.get(question.get_absolute_url()).content.decode()


def test_hiding_a_review_updates_the_doctors_aggregate(
    client, client_as, moderator, review, doctor, mallory
):
    doctor.refresh_from_db()
    assert (doctor.review_count, str(doctor.rating_average)) == (1, "1.00")
    admin_action(client_as(moderator), "doctors_review", "hide", [review], reason=HIDE_REASON)
    doctor.refresh_from_db()
    assert (doctor.review_count, doctor.rating_average) == (0, None)
    reviews_url = reverse("doctors:reviews", args=[doctor.slug])
    assert review.title not in client.get(reviews_url).content.decode()
    own = client_as(mallory).get(reviews_url).content.decode()
    assert review.title in own and HIDE_REASON in own
    admin_action(client_as(moderator), "doctors_review", "restore", [review])
    doctor.refresh_from_db()
    assert doctor.review_count == 1


def test_hidden_content_is_absent_from_every_public_page_and_listing(
    client, client_as, moderator, question, answer, review, doctor, carol
):
    mod = client_as(moderator)
    admin_action(mod, "forum_question", "hide", [question], reason=HIDE_REASON)
    admin_action(mod, "doctors_review", "hide", [review], reason=HIDE_REASON)
    pages = [
        reverse("home"),
        reverse("forum:question_list"),
        reverse("forum:question_list") + "?sort=answers",
        reverse("forum:question_list") + "?sort=unanswered",
        reverse("forum:question_list") + "?treatment=lip-filler",
        reverse("forum:treatment_detail", args=["lip-filler"]),
        reverse("doctors:directory"),
        doctor.get_absolute_url(),
        reverse("doctors:reviews", args=[doctor.slug]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert question.title not in html, url
        assert answer.headline not in html, url
        assert review.title not in html, url
    other_doctor = client_as(carol).get(reverse("forum:doctor_dashboard")).content.decode()
    assert question.title not in other_doctor
    # The treatment has no visible question left, so it is not listed as popular.
    assert "Lip filler" not in client.get(reverse("home")).content.decode()
    assert question.title not in str(Question.objects.visible().values_list("title"))


def test_restoring_after_an_automatic_hide_dismisses_the_reports(
    client_as, moderator, answer, settings
):
    from tests.factories import PatientFactory

    settings.MODERATION_AUTO_HIDE_REPORTERS = 2
    for reporter in PatientFactory.create_batch(2):
        report_submit(reporter=reporter, item=answer, reason="spam", details="")
    answer.refresh_from_db()
    assert answer.status == "hidden"
    admin_action(client_as(moderator), "forum_answer", "restore", [answer])
    assert set(Report.objects.values_list("status", flat=True)) == {ReportStatus.DISMISSED}


@pytest.mark.parametrize("model", ["forum_question", "forum_photo", "forum_answer"])
def test_nobody_deletes_content_from_the_admin_moderators_hide_it(client_as, moderator, model):
    page = client_as(moderator).get(reverse(f"admin:{model}_changelist"))
    assert 'value="delete_selected"' not in page.content.decode()


def test_a_doctor_decision_is_in_the_log(client_as, moderator, carol):
    profile = carol.doctor_profile
    admin_action(client_as(moderator), "doctors_doctorprofile", "verify", [profile])
    entry = ModerationAction.objects.get()
    assert (entry.actor, entry.action, entry.status_before, entry.status_after) == (
        moderator,
        Action.VERIFY,
        "pending",
        "verified",
    )


def test_an_edit_in_the_admin_is_in_the_log(client_as, moderator):
    from treatments.models import Treatment

    treatment = Treatment.objects.create(name="Botox", slug="botox")
    client_as(moderator).post(
        reverse("admin:treatments_treatment_change", args=[treatment.pk]),
        {"name": "Botox", "slug": "botox", "description": "Relaxes chosen muscles."},
    )
    entry = ModerationAction.objects.get()
    assert (entry.actor, entry.action, entry.item_label) == (moderator, Action.EDIT, "Botox")
    assert "Description" in entry.reason


def test_the_asker_can_still_edit_or_delete_a_hidden_question(
    client_as, moderator, question, alice
):
    admin_action(client_as(moderator), "forum_question", "hide", [question], reason=HIDE_REASON)
    browser = client_as(alice)
    assert browser.get(reverse("forum:question_edit", args=[question.pk])).status_code == 200
    browser.post(reverse("forum:question_delete", args=[question.pk]))
    question.refresh_from_db()
    assert question.is_deleted and question.is_hidden
