"""A consultation in the browser: a patient requests one from the doctor's profile (a file we
can't read first gets a message on the form), the doctor sees it as new in the inbox and
replies, and the patient reads the reply; the pages pass axe at phone and desktop widths."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from consultations.models import Consultation
from tests.e2e.helpers import log_in
from tests.forum.images import image_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SUBJECT = "Masseter Botox for jaw clenching"


def widths_pass_axe(page: Page) -> None:
    """axe finds no WCAG 2.1 A/AA or best-practice problem at phone and desktop widths."""
    for size in ({"width": 390, "height": 844}, {"width": 1280, "height": 900}):
        page.set_viewport_size(size)
        violations = Axe().run(page).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == [], page.url


def test_a_patient_requests_a_consultation_and_the_doctor_replies(
    page: Page, browser, live_server, alice, bob, screenshot
):
    log_in(page, live_server, alice.email)
    page.goto(live_server.url + bob.doctor_profile.get_absolute_url())
    page.get_by_role("link", name="Request a consultation").click()
    expect(
        page.get_by_role("heading", name="Request a consultation with Bob Stone")
    ).to_be_visible()
    widths_pass_axe(page)
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_label("Your message").fill(
        "I clench at night and wake with a sore jaw. Could we talk about a dose?"
    )
    page.get_by_label("Photos (optional)").set_input_files(
        files=[{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("“scan.pdf” isn't a photo we can read.")).to_be_visible()
    assert not Consultation.objects.exists()
    widths_pass_axe(page)
    page.get_by_label("Photos (optional)").set_input_files(
        files=[{"name": "jaw.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()}]
    )
    page.get_by_label("What the photos show").fill("Left jaw, clenched")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent.")).to_be_visible()
    expect(page.get_by_alt_text("Left jaw, clenched")).to_be_visible()

    doctor = browser.new_page()
    log_in(doctor, live_server, bob.email)
    doctor.goto(live_server.url + "/consultations/")
    expect(doctor.get_by_text("1 new", exact=True)).to_be_visible()
    widths_pass_axe(doctor)
    doctor.get_by_role("link", name=SUBJECT).click()
    expect(doctor.get_by_alt_text("Left jaw, clenched")).to_be_visible()
    doctor.get_by_label("Your message").fill("Thank you. Please call the practice to book a visit.")
    doctor.get_by_role("button", name="Send", exact=True).click()
    expect(doctor.get_by_text("Your message is sent.")).to_be_visible()
    doctor.close()

    page.goto(live_server.url + "/consultations/")
    expect(page.get_by_text("1 new", exact=True)).to_be_visible()
    page.get_by_role("link", name=SUBJECT).click()
    expect(page.get_by_text("Please call the practice to book a visit.")).to_be_visible()
    widths_pass_axe(page)
    screenshot("consultation-thread")
