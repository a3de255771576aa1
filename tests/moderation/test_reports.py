"""Members report what breaks the rules; enough different members hide it until reviewed."""

import pytest
from django.urls import reverse

from moderation.models import Action, ModerationAction, Report, ReportStatus
from tests.factories import PatientFactory
from tests.moderation.conftest import admin_action

REPORT = {"reason": "misinformation", "details": "Says filler lumps never need a doctor."}


def report_url(kind: str, item) -> str:
    return reverse("moderation:report", args=[kind, item.pk])


@pytest.fixture
def items(question, answer, review):
    return {
        "question": question,
        "answer": answer,
        "photo": question.photos.first(),
        "review": review,
    }


@pytest.mark.parametrize("kind", ["question", "answer", "photo", "review"])
def test_a_member_reports_any_kind_of_item_and_is_thanked(client_as, carol, items, kind):
    browser = client_as(carol)
    form = browser.get(report_url(kind, items[kind]))
    assert form.status_code == 200
    assert "What is wrong with it?" in form.content.decode()
    response = browser.post(report_url(kind, items[kind]), REPORT, follow=True)
    assert "Thank you for your report" in response.content.decode()
    report = Report.objects.get()
    assert (report.item, report.reporter, report.reason) == (items[kind], carol, "misinformation")
    assert report.status == ReportStatus.OPEN


def test_one_open_report_per_member_per_item(client_as, carol, answer):
    browser = client_as(carol)
    browser.post(report_url("answer", answer), REPORT)
    again = browser.post(report_url("answer", answer), REPORT | {"reason": "spam"}, follow=True)
    assert "You have already reported this answer" in again.content.decode()
    assert Report.objects.count() == 1


def test_a_member_may_report_again_once_the_first_report_is_closed(
    client_as, carol, moderator, answer
):
    client_as(carol).post(report_url("answer", answer), REPORT)
    admin_action(
        client_as(moderator), "moderation_report", "dismiss", Report.objects.all(), reason=""
    )
    client_as(carol).post(report_url("answer", answer), REPORT)
    assert list(Report.objects.order_by("pk").values_list("status", flat=True)) == [
        "dismissed",
        "open",
    ]


def test_nobody_reports_their_own_post(client_as, alice, bob, question, answer):
    assert client_as(alice).post(report_url("question", question), REPORT).status_code == 403
    assert client_as(bob).post(report_url("answer", answer), REPORT).status_code == 403
    assert not Report.objects.exists()


def test_reporting_needs_an_account_and_a_visible_item(client, client_as, carol, question):
    response = client.post(report_url("question", question), REPORT)
    assert response.status_code == 302 and "/account/login/" in response.url
    assert client_as(carol).get(reverse("moderation:report", args=["user", 1])).status_code == 404
    assert (
        client_as(carol).get(reverse("moderation:report", args=["answer", 999])).status_code == 404
    )
    question.status = "hidden"
    question.save()
    assert client_as(carol).post(report_url("question", question), REPORT).status_code == 404
    assert not Report.objects.exists()


@pytest.mark.parametrize("kind", ["question", "answer", "photo", "review"])
def test_what_is_hidden_already_cannot_be_reported_even_by_those_who_still_see_it(
    client_as, moderator, alice, items, kind
):
    """Moderators (and an asker, for the answers on their hidden question) still see hidden
    content, but a report of it would only add to the moderators' queue."""
    item = items[kind]
    hidden = item if kind in ("question", "review") else item.question
    type(hidden).objects.filter(pk=hidden.pk).update(status="hidden")
    assert client_as(moderator).post(report_url(kind, item), REPORT).status_code == 404
    if kind == "answer":
        assert client_as(alice).post(report_url(kind, item), REPORT).status_code == 404
    assert not Report.objects.exists()


def test_something_else_needs_a_few_words(client_as, carol, question):
    response = client_as(carol).post(report_url("question", question), {"reason": "other"})
    assert response.status_code == 400
    assert "Please say what is wrong" in response.content.decode()
    bad = client_as(carol).post(report_url("question", question), {"reason": "nonsense"})
    assert bad.status_code == 400
    assert not Report.objects.exists()


def test_enough_different_reporters_hide_the_item_until_a_moderator_looks(
    client, client_as, answer, question, settings
):
    settings.MODERATION_AUTO_HIDE_REPORTERS = 3
    reporters = PatientFactory.create_batch(3)
    for reporter in reporters[:2]:
        client_as(reporter).post(report_url("answer", answer), REPORT)
        client_as(reporter).post(report_url("answer", answer), REPORT)  # counted once
    answer.refresh_from_db()
    assert answer.status == "published"
    client_as(reporters[2]).post(report_url("answer", answer), REPORT)
    answer.refresh_from_db()
    question.refresh_from_db()
    assert answer.status == "hidden" and question.answer_count == 0
    assert answer.headline not in client.get(question.get_absolute_url()).content.decode()
    entry = ModerationAction.objects.get()
    assert (entry.actor, entry.action) == (None, Action.AUTO_HIDE)
    # The reports wait for a moderator; the author is not told who reported.
    assert set(Report.objects.values_list("status", flat=True)) == {"open"}
    own = client_as(answer.doctor.user).get(question.get_absolute_url()).content.decode()
    assert "Hidden after 3 members reported it" in own
    for reporter in reporters:
        assert reporter.display_name not in own


def test_a_moderator_resolves_reports_and_it_is_logged(client_as, moderator, carol, answer):
    client_as(carol).post(report_url("answer", answer), REPORT)
    report = Report.objects.get()
    client = client_as(moderator)
    page = admin_action(client, "moderation_report", "resolve_actioned", [report])
    assert page.status_code == 200  # asks for an optional note first
    admin_action(client, "moderation_report", "resolve_actioned", [report], reason="Warned")
    report.refresh_from_db()
    assert (report.status, report.resolved_by, report.resolution) == (
        "actioned",
        moderator,
        "Warned",
    )
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.status_before, entry.status_after) == (
        "resolve",
        "open",
        "actioned",
    )


def test_a_moderator_hides_the_reported_item_from_the_reports_list(
    client_as, moderator, carol, answer
):
    client_as(carol).post(report_url("answer", answer), REPORT)
    admin_action(
        client_as(moderator),
        "moderation_report",
        "hide_items",
        Report.objects.all(),
        reason="Unsafe advice.",
    )
    answer.refresh_from_db()
    assert (answer.status, answer.hidden_reason) == ("hidden", "Unsafe advice.")
    assert Report.objects.get().status == "actioned"


def test_report_links_show_on_what_others_posted(client_as, carol, question, answer, review):
    html = client_as(carol).get(question.get_absolute_url()).content.decode()
    assert report_url("question", question) in html
    assert report_url("answer", answer) in html
    assert report_url("photo", question.photos.first()) in html
    own = client_as(question.author).get(question.get_absolute_url()).content.decode()
    assert report_url("question", question) not in own
    reviews = client_as(carol).get(reverse("doctors:reviews", args=[review.doctor.slug]))
    assert report_url("review", review) in reviews.content.decode()
