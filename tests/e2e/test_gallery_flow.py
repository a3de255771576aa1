"""Before-and-after photos in the browser: a verified doctor posts a pair (a bad file first
gets a message on the form), and a visitor sees it on the treatment's hub and its gallery; the
pages pass axe at phone and desktop widths."""

import pytest
from playwright.sync_api import Page, expect

from gallery.models import Pair
from tests.e2e.helpers import log_in
from tests.forum.images import image_bytes
from treatments.models import Treatment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ALT = "Before Botox, photo by Bob Stone, MD, FACS"


def photo(name: str, colour) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": image_bytes(colour=colour)}


def test_a_doctor_posts_a_pair_and_a_visitor_sees_it_on_the_hub(
    page: Page, browser, live_server, bob, axe_violations, screenshot
):
    Treatment.objects.create(name="Botox", slug="botox")
    log_in(page, live_server, bob.email)
    page.goto(live_server.url + "/gallery/new/")
    assert axe_violations() == []
    page.get_by_label("Treatment").select_option(label="Botox")
    page.get_by_label("Before photo", exact=True).set_input_files(
        files=[{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    page.get_by_label("After photo", exact=True).set_input_files(
        files=[photo("after.jpg", (40, 90, 200))]
    )
    page.get_by_label("When the after photo was taken").select_option(label="1 month after")
    page.get_by_label("Caption").fill("Frown lines, 20 units; softer at rest after a month.")
    page.get_by_label("gave me their written consent").check()
    page.get_by_role("button", name="Publish the photos").click()
    expect(page.get_by_text("“scan.pdf” isn't a photo we can read.")).to_be_visible()
    assert not Pair.objects.exists()
    assert axe_violations() == []
    page.get_by_label("Before photo", exact=True).set_input_files(
        files=[photo("before.jpg", (200, 90, 40))]
    )
    page.get_by_label("After photo", exact=True).set_input_files(
        files=[photo("after.jpg", (40, 90, 200))]
    )
    page.get_by_label("gave me their written consent").check()
    page.get_by_role("button", name="Publish the photos").click()
    expect(page.get_by_text("Your before-and-after photos are published.")).to_be_visible()
    expect(page.get_by_alt_text(ALT)).to_be_visible()

    visitor = browser.new_page()
    visitor.goto(live_server.url + "/treatments/botox/")
    strip = visitor.get_by_role("region", name="Before-and-after photos")
    expect(strip.get_by_alt_text(ALT)).to_be_visible()
    expect(strip.get_by_text("Frown lines, 20 units")).to_be_visible()
    strip.scroll_into_view_if_needed()
    visitor.wait_for_function(
        "Array.from(document.querySelectorAll('.pair img')).every(i => i.naturalWidth > 0)"
    )
    strip.get_by_role("link", name="All before-and-after photos").click()
    expect(visitor.get_by_role("heading", name="Botox: before-and-after photos")).to_be_visible()
    visitor.close()
    page.goto(live_server.url + "/treatments/botox/before-and-after/")
    page.get_by_alt_text(ALT).scroll_into_view_if_needed()
    for size in ({"width": 390, "height": 844}, {"width": 1280, "height": 900}):
        page.set_viewport_size(size)
        assert axe_violations() == []
    screenshot("gallery-treatment")
