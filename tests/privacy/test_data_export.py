"""A member downloads all their data as a zip, built in the background, for a limited time."""

import io
import json
import zipfile
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts import notifications
from accounts.models import DataExport
from doctors import services as doctor_services
from forum import services
from moderation.services import report_submit
from tests.factories import QuestionFactory
from tests.forum.conftest import media_files

DATA = reverse("privacy:data_export")


def prepare(client, capture):
    with capture(execute=True):
        assert client.post(DATA).status_code == 302
    return DataExport.objects.get()


def test_a_member_downloads_their_data_and_photos(
    reauthenticated_as, alice, bob, mallory, django_capture_on_commit_callbacks
):
    question = QuestionFactory(author=alice, title="Filler migration above the lip?", photos=2)
    answer, _ = services.answer_submit(
        question=QuestionFactory(author=mallory), doctor=bob.doctor_profile,
        headline="Give it time", body="Most swelling settles within two weeks after filler.",
        notify=False,
    )  # fmt: skip
    services.vote_set(answer=answer, user=alice, helpful=True)
    doctor_services.review_submit(
        doctor=bob.doctor_profile, author=alice,
        fields={
            "rating": 5,
            "title": "Very kind",
            "body": "Explained all the risks.",
            "worth_it": "yes",
            "experience": "treatment",
        },
    )  # fmt: skip
    report_submit(reporter=alice, item=answer, reason="spam", details="Looks copied.")
    notifications.record(alice, "Bob Stone answered your question", "/questions/1/")
    services.treatment_follow_set(treatment=question.treatments.get(), user=alice, follow=True)
    browser = reauthenticated_as(alice)
    export = prepare(browser, django_capture_on_commit_callbacks)
    assert export.status == "ready" and export.is_downloadable
    page = browser.get(DATA).content.decode()
    download = reverse("privacy:data_download", args=[export.pk])
    assert download in page
    response = browser.get(download)
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == "alice@example.com"
    assert [q["title"] for q in data["questions"]] == [question.title]
    assert data["reviews"][0]["title"] == "Very kind"
    assert data["helpful_votes"][0]["answer"] == "Give it time"
    assert data["reports"][0]["details"] == "Looks copied."
    assert data["notifications"][0]["text"] == "Bob Stone answered your question"
    assert data["followed_treatments"] == ["Lip filler"]
    assert data["account"]["emails_wanted"]["questions_about_treatments_i_follow"] is True
    photo_files = [name for name in archive.namelist() if name.startswith("photos/")]
    assert len(photo_files) == 2
    assert archive.read(photo_files[0])[:3] == b"\xff\xd8\xff"  # the re-encoded JPEG


def test_nobody_else_downloads_it(
    client, reauthenticated_as, alice, mallory, django_capture_on_commit_callbacks
):
    export = prepare(reauthenticated_as(alice), django_capture_on_commit_callbacks)
    url = reverse("privacy:data_download", args=[export.pk])
    assert reauthenticated_as(mallory).get(url).status_code == 404
    response = client.get(url)
    assert response.status_code == 302 and "/account/login/" in response.url


def test_an_expired_download_is_gone_and_purged(
    reauthenticated_as, alice, settings, django_capture_on_commit_callbacks
):
    QuestionFactory(author=alice, photos=1)
    export = prepare(reauthenticated_as(alice), django_capture_on_commit_callbacks)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    url = reverse("privacy:data_download", args=[export.pk])
    assert reauthenticated_as(alice).get(url).status_code == 404
    zips = [path for path in media_files(settings) if path.suffix == ".zip"]
    assert len(zips) == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_exports", stdout=StringIO())
    assert not DataExport.objects.exists()
    assert [path for path in media_files(settings) if path.suffix == ".zip"] == []


def test_a_new_copy_replaces_the_old_one(
    reauthenticated_as, alice, settings, django_capture_on_commit_callbacks
):
    browser = reauthenticated_as(alice)
    prepare(browser, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(DATA)
    assert DataExport.objects.count() == 1
    assert len([path for path in media_files(settings) if path.suffix == ".zip"]) == 1


def test_a_new_copy_at_most_every_ten_minutes(
    reauthenticated_as, alice, django_capture_on_commit_callbacks
):
    browser = reauthenticated_as(alice)
    first = prepare(browser, django_capture_on_commit_callbacks)
    response = browser.post(DATA, follow=True)
    assert "prepared a few minutes ago" in response.content.decode()
    assert list(DataExport.objects.values_list("pk", flat=True)) == [first.pk]


def test_a_download_whose_file_is_gone_is_a_404(
    reauthenticated_as, alice, settings, django_capture_on_commit_callbacks
):
    export = prepare(reauthenticated_as(alice), django_capture_on_commit_callbacks)
    for path in media_files(settings):
        path.unlink()
    url = reverse("privacy:data_download", args=[export.pk])
    assert reauthenticated_as(alice).get(url).status_code == 404
