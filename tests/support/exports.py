"""The member's data export, asked for and downloaded as they would."""

import io
import zipfile

from django.urls import reverse

from accounts.models import DataExport


def export_archive(browser, capture_on_commit) -> zipfile.ZipFile:
    """Ask for a copy (the task runs once the request commits), download it, open the zip.
    `browser` is a reauthenticated client; `capture_on_commit` the pytest-django fixture."""
    with capture_on_commit(execute=True):
        assert browser.post(reverse("privacy:data_export")).status_code == 302
    export = DataExport.objects.get()
    response = browser.get(reverse("privacy:data_download", args=[export.pk]))
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
