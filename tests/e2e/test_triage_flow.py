import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_urgent_care_box_appears_as_the_patient_types_and_after_posting(
    page: Page, live_server, alice, axe_violations, screenshot
):
    log_in(page, live_server, alice.email)
    page.goto(live_server.url + "/questions/ask/")
    page.get_by_label("Title").fill("White patch on my lip after filler")
    page.get_by_label("Treatments").fill("Lip filler")
    page.get_by_label("Details").fill(
        "An hour after lip filler part of my upper lip turned white and now looks dusky."
    )
    box = page.get_by_role("alert").filter(has_text="This may need urgent care")
    expect(box).to_be_visible()
    expect(box).to_contain_text("Call the clinic that injected you now")
    assert axe_violations() == []
    screenshot("ask-urgent")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", name="This may need urgent care")).to_be_visible()
    assert axe_violations() == []
    screenshot("question-urgent")
