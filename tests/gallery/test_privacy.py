"""A doctor's account deletion takes their pairs and files; their data export includes them."""

import json

from gallery.models import Pair, PairPhoto
from moderation.models import Report
from moderation.services import report_submit
from privacy.deletion import delete_account
from tests.forum.conftest import media_files
from tests.gallery.conftest import make_pair
from tests.support.exports import export_archive


def test_deleting_the_doctors_account_removes_their_pairs_and_files(
    bob, alice, botox, settings, django_capture_on_commit_callbacks
):
    pair = make_pair(bob.doctor_profile, botox, caption="Jawline filler, 2 ml.")
    report_submit(reporter=alice, item=pair, reason="other", details="Jawline filler, 2 ml.")
    assert media_files(settings)
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(bob, keep_posts=False)
    assert not Pair.objects.exists() and not PairPhoto.objects.exists()
    assert media_files(settings) == []
    assert Report.objects.get().details == ""  # the report keeps nothing of what went


def test_the_doctors_export_has_their_pairs_and_photos(
    reauthenticated_as, bob, botox, django_capture_on_commit_callbacks
):
    make_pair(bob.doctor_profile, botox, caption="Forehead lines, 10 units.")
    archive = export_archive(reauthenticated_as(bob), django_capture_on_commit_callbacks)
    data = json.loads(archive.read("data.json"))
    [entry] = data["before_and_after_photos"]
    assert (entry["treatment"], entry["caption"]) == ("Botox", "Forehead lines, 10 units.")
    assert entry["patient_consent_recorded_at"]
    assert sorted(entry["photos"]) == ["after", "before"]
    for inside in entry["photos"].values():
        assert archive.read(inside)[:3] == b"\xff\xd8\xff"
