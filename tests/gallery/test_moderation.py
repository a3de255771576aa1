"""Pairs are reported like other content, and moderators hide and restore them in the admin."""

from django.urls import reverse

from moderation.models import Report
from tests.gallery.conftest import make_pair
from tests.moderation.conftest import HIDE_REASON, admin_action


def test_a_member_reports_a_pair(client_as, alice, bob, botox):
    pair = make_pair(bob.doctor_profile, botox)
    url = reverse("moderation:report", args=["pair", pair.pk])
    client = client_as(alice)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "privacy", "details": "That is my neighbour."})
    assert response.status_code == 302 and response["Location"] == pair.get_absolute_url()
    report = Report.objects.get()
    assert (report.item, report.reporter, report.reason) == (pair, alice, "privacy")


def test_the_doctor_cannot_report_their_own_pair(client_as, bob, botox):
    pair = make_pair(bob.doctor_profile, botox)
    url = reverse("moderation:report", args=["pair", pair.pk])
    assert client_as(bob).get(url).status_code == 403


def test_a_report_link_shows_under_each_pair_for_others(client, bob, botox):
    pair = make_pair(bob.doctor_profile, botox)
    page = client.get(reverse("gallery:treatment", args=[botox.slug])).content.decode()
    assert reverse("moderation:report", args=["pair", pair.pk]) in page


def test_moderators_hide_and_restore_a_pair_in_the_admin(client, client_as, moderator, bob, botox):
    pair = make_pair(bob.doctor_profile, botox, caption="Tear trough filler, 0.5 ml each side.")
    staff = client_as(moderator)
    assert staff.get(reverse("admin:gallery_pair_changelist")).status_code == 200
    assert staff.get(reverse("admin:gallery_pair_change", args=[pair.pk])).status_code == 200
    gallery = reverse("gallery:treatment", args=[botox.slug])

    admin_action(staff, "gallery_pair", "hide", [pair], reason=HIDE_REASON)
    pair.refresh_from_db()
    assert (pair.status, pair.hidden_reason) == ("hidden", HIDE_REASON)
    assert "Tear trough filler" not in client.get(gallery + "?v=1").content.decode()
    assert client.get(pair.before.url("320")).status_code == 404

    admin_action(staff, "gallery_pair", "restore", [pair])
    pair.refresh_from_db()
    assert pair.status == "published"
    assert "Tear trough filler" in client.get(gallery + "?v=2").content.decode()


def test_the_doctor_sees_their_hidden_pair_marked_and_is_told_why(
    client, client_as, moderator, bob, botox, django_capture_on_commit_callbacks
):
    pair = make_pair(bob.doctor_profile, botox, caption="Chin filler, 1 ml.")
    with django_capture_on_commit_callbacks(execute=True):
        admin_action(client_as(moderator), "gallery_pair", "hide", [pair], reason=HIDE_REASON)
    gallery = reverse("gallery:doctor", args=[bob.doctor_profile.slug])
    own = client_as(bob).get(gallery).content.decode()
    assert "Chin filler, 1 ml." in own and "Hidden by moderators." in own and HIDE_REASON in own
    assert "Chin filler, 1 ml." not in client.get(gallery).content.decode()
    [note] = bob.notifications.all()
    assert note.text == f"Moderators hid your before-and-after photos of Botox: {HIDE_REASON}"
    assert note.url == pair.get_absolute_url()
