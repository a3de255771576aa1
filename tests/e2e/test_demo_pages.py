"""The demo as a visitor sees it: the sample question with its side column beside the answers
on a wide screen and below them on a phone, and the doctors' illustrated headshots on the
question page, a profile and the directory."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from doctors.models import DoctorProfile
from forum.models import Question

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo refuses to run on a real site
    call_command("seed_demo", "--quiet", stdout=StringIO())
    settings.DEBUG = False


def broken_images(page: Page) -> list[str]:
    """Every image of the page loaded, lazy ones too: those that fail to."""
    page.wait_for_load_state("load")
    page.evaluate("() => { for (const image of document.images) image.loading = 'eager'; }")
    # An image switched to eager only starts loading: wait until each has finished or failed.
    page.wait_for_function("() => [...document.images].every(image => image.complete)")
    return page.evaluate(
        "() => [...document.images].filter(image => image.naturalWidth === 0)"
        ".map(image => image.src)"
    )


def test_the_demo_question_page_its_doctors_and_the_directory(
    page: Page, live_server, demo, axe_violations, screenshot
):
    question = Question.objects.get(title__startswith="Facial Pain After Two Treatments")
    page.goto(live_server.url + question.get_absolute_url())
    aside = page.get_by_role("complementary", name="More on this question")
    expect(aside.get_by_role("heading", name="The doctors who answered")).to_be_visible()
    expect(aside.locator(".aside-doctor")).to_have_count(4)
    expect(aside.locator(".aside-doctor img")).to_have_count(4)
    expect(aside).to_contain_text("Adrian Kessler, MD, FACS")
    expect(aside).to_contain_text("4.7 out of 5 stars · 221 reviews")
    expect(aside.get_by_role("heading", name="Related questions")).to_be_visible()
    ask = aside.get_by_role("link", name="Ask your own question")
    assert ask.get_attribute("href").startswith("/questions/ask/?treatments=Botox")
    expect(page.get_by_text("Medical disclaimer.")).to_have_count(1)

    answers = page.locator("section.answers").bounding_box()
    beside = aside.bounding_box()
    assert beside["x"] > answers["x"] + answers["width"]  # 1280 px: the right-hand column
    assert beside["y"] < answers["y"]
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy headshots load
    assert broken_images(page) == []
    assert axe_violations() == []
    screenshot("demo-question")
    page.set_viewport_size({"width": 390, "height": 844})
    answers, below = page.locator("section.answers").bounding_box(), aside.bounding_box()
    assert below["y"] >= answers["y"] + answers["height"]  # 390 px: under the answers
    assert below["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations() == []
    page.set_viewport_size({"width": 1280, "height": 800})

    doctor = DoctorProfile.objects.get(name="Adrian Kessler")
    aside.get_by_role("link", name="Adrian Kessler, MD, FACS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adrian Kessler, MD, FACS")
    expect(page.locator(".doctor-profile__photo")).to_have_attribute(
        "src", doctor.headshot_large_url
    )
    expect(
        page.get_by_text("American Board of Facial Plastic and Reconstructive Surgery")
    ).to_be_visible()
    assert broken_images(page) == []
    assert axe_violations() == []
    screenshot("demo-doctor-profile")

    page.goto(live_server.url + "/doctors/")
    cards = page.locator(".doctor-card")
    expect(cards).to_have_count(DoctorProfile.objects.verified().count())
    expect(page.locator(".doctor-card img.doctor-card__photo")).to_have_count(cards.count())
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert broken_images(page) == []
    assert axe_violations() == []
    screenshot("demo-directory")
