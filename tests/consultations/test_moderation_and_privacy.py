"""Reports, the moderators' admin (reported threads only), closing a thread; account deletion
and the data export."""

import json

from django.urls import reverse

from consultations.models import Consultation, Message, MessagePhoto
from moderation.models import Report
from privacy.deletion import delete_account
from tests.consultations.conftest import start
from tests.forum.conftest import media_files
from tests.moderation.conftest import admin_action
from tests.support.exports import export_archive

HIDE_REASON = "Selling treatments outside the site."


def report(consultation, by) -> Report:
    return Report.objects.create(reporter=by, item=consultation, reason="harassment")


def report_url(consultation) -> str:
    return reverse("moderation:report", args=["consultation", consultation.pk])


def test_either_member_reports_the_thread_and_outsiders_cannot(
    client_as, consultation, alice, bob, mallory
):
    assert (
        f'href="{report_url(consultation)}"'
        in client_as(bob).get(consultation.get_absolute_url()).content.decode()
    )
    for member in (bob, alice):
        response = client_as(member).post(
            report_url(consultation), {"reason": "harassment", "details": ""}
        )
        assert (
            response.status_code == 302 and response["Location"] == consultation.get_absolute_url()
        )
    assert Report.objects.count() == 2
    assert client_as(mallory).get(report_url(consultation)).status_code == 404


def test_the_admin_lists_reported_threads_only(
    client_as, consultation, alice, bob, mallory, moderator
):
    quiet = start(mallory, bob, subject="A private question nobody reported")
    staff = client_as(moderator)
    changelist = reverse("admin:consultations_consultation_changelist")
    assert "A private question nobody reported" not in staff.get(changelist).content.decode()
    assert (
        staff.get(reverse("admin:consultations_consultation_change", args=[quiet.pk])).status_code
        == 302
    )
    Report.objects.create(reporter=bob, item=consultation, reason="spam")
    listed = staff.get(changelist).content.decode()
    assert consultation.subject in listed and "A private question nobody reported" not in listed
    page = staff.get(reverse("admin:consultations_consultation_change", args=[consultation.pk]))
    assert page.status_code == 200 and "I clench at night" in page.content.decode()


def test_hiding_closes_the_thread_and_tells_both_members(
    client_as, consultation, alice, bob, moderator, django_capture_on_commit_callbacks
):
    Report.objects.create(reporter=bob, item=consultation, reason="spam")
    with django_capture_on_commit_callbacks(execute=True):
        admin_action(
            client_as(moderator),
            "consultations_consultation",
            "hide",
            [consultation],
            reason=HIDE_REASON,
        )
    consultation.refresh_from_db()
    assert consultation.is_hidden and consultation.hidden_reason == HIDE_REASON
    for member in (alice, bob):
        [note] = member.notifications.filter(text__startswith="Moderators closed")
        assert HIDE_REASON in note.text and note.url == consultation.get_absolute_url()
    response = client_as(alice).post(consultation.get_absolute_url(), {"body": "Hello again?"})
    assert response.status_code == 403 and Message.objects.count() == 1


def test_deleting_either_members_account_removes_the_thread_and_its_photos(
    alice, bob, consultation, settings, django_capture_on_commit_callbacks
):
    other = start(
        bob.__class__.objects.create_user(
            email="p2@example.com", display_name="P Two", password="x"
        ),
        bob,
    )
    assert media_files(settings)
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(alice, keep_posts=True)
    assert list(Consultation.objects.all()) == [other]
    assert not MessagePhoto.objects.exists() and media_files(settings) == []
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(bob, keep_posts=False)
    assert not Consultation.objects.exists() and not Message.objects.exists()


def test_the_export_has_the_conversation_and_its_photos(
    reauthenticated_as, consultation, alice, bob, django_capture_on_commit_callbacks
):
    from consultations import services

    services.message_add(consultation=consultation, author=bob, body="Please call to book.")
    archive = export_archive(reauthenticated_as(alice), django_capture_on_commit_callbacks)
    data = json.loads(archive.read("data.json"))
    [entry] = data["consultations"]
    assert (entry["subject"], entry["doctor"], entry["patient"]) == (
        "Masseter Botox for clenching",
        "Bob Stone, MD, FACS",
        "Alice",
    )
    assert [m["from"] for m in entry["messages"]] == ["Alice", "Bob Stone"]
    [inside] = entry["messages"][0]["photos"]
    assert archive.read(inside)[:3] == b"\xff\xd8\xff"
    assert data["account"]["emails_wanted"]["consultation_messages"] is True


def test_every_look_of_a_moderator_is_in_the_log_once(client_as, consultation, alice, moderator):
    from moderation.models import ModerationAction

    report(consultation, by=alice)
    staff = client_as(moderator)
    photo = MessagePhoto.objects.get()
    for url in [
        consultation.get_absolute_url(),
        photo.url("320"),
        photo.url("full"),
        reverse("admin:consultations_consultation_change", args=[consultation.pk]),
    ]:
        assert staff.get(url).status_code == 200, url
    [entry] = ModerationAction.objects.filter(action="consultation_read")
    assert (entry.actor, entry.object_id) == (moderator, consultation.pk)
    client_as(alice).get(consultation.get_absolute_url())  # members' own reading is not logged
    assert ModerationAction.objects.filter(action="consultation_read").count() == 1


def test_the_thread_is_private_again_once_the_report_is_dismissed(
    client_as, consultation, alice, moderator
):
    from moderation.services import report_resolve

    [report_row] = [report(consultation, by=alice)]
    assert client_as(moderator).get(consultation.get_absolute_url()).status_code == 200
    report_resolve(report=report_row, actor=moderator, outcome="dismissed")
    assert client_as(moderator).get(consultation.get_absolute_url()).status_code == 404
    changelist = reverse("admin:consultations_consultation_changelist")
    assert consultation.subject not in client_as(moderator).get(changelist).content.decode()


def test_only_the_members_can_report_it(client_as, consultation, alice, moderator):
    report(consultation, by=alice)
    refused = client_as(moderator).post(report_url(consultation), {"reason": "spam", "details": ""})
    assert refused.status_code == 403 and Report.objects.count() == 1


def test_the_report_page_shows_the_conversation_and_says_who_reads_it(client_as, consultation, bob):
    html = client_as(bob).get(report_url(consultation)).content.decode()
    assert "<strong>Masseter Botox for clenching</strong>" in html
    assert "The private conversation between Alice and Bob Stone, MD, FACS" in html
    assert "A review of" not in html
    assert (
        "Moderators can read this conversation only while a report from one of you is open" in html
    )


def test_deletion_leaves_nothing_of_the_thread_with_the_other_member(
    client_as, consultation, alice, bob, moderator, django_capture_on_commit_callbacks
):
    from moderation.services import report_resolve

    reported = report(consultation, by=bob)
    Report.objects.filter(pk=reported.pk).update(details="Quotes: Masseter Botox for clenching")
    report_resolve(report=reported, actor=moderator, outcome="dismissed")
    bob.refresh_from_db()
    assert bob.notifications.count() == 1 and bob.unread_notifications == 1
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(alice, keep_posts=True)
    bob.refresh_from_db()
    assert bob.notifications.count() == 0 and bob.unread_notifications == 0
    assert Report.objects.get().details == ""


def test_a_superusers_delete_in_the_admin_removes_rows_files_and_traces(
    client_as, consultation, alice, bob, settings, django_capture_on_commit_callbacks
):
    from consultations import services

    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_delete(consultation)
    assert not Consultation.objects.exists() and media_files(settings) == []
    assert not bob.notifications.exists()
