from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from forum import services
from forum.models import PhotoVisibility
from tests.e2e.helpers import log_in
from tests.factories import QuestionFactory, ReviewFactory
from tests.forum import images

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def question(alice, bob):
    question = QuestionFactory(
        author=alice,
        title="Masseter Botox made my cheeks look hollow",
        treatments=["Botox"],
        photos=1,
        photo_visibility=PhotoVisibility.MEMBERS,
    )
    services.answer_submit(
        question=question, doctor=bob.doctor_profile, headline="It fills back in",
        body="As the muscle recovers over three to four months the contour returns for most.",
        notify=False,
    )  # fmt: skip
    return question


def test_the_asker_adds_a_follow_up_with_a_photo_then_removes_their_name(
    page: Page, live_server, alice, question, tmp_path, axe_violations, screenshot
):
    photo = tmp_path / "now.jpg"
    photo.write_bytes(images.image_bytes("JPEG", size=(1200, 900), colour=(200, 150, 120)))
    log_in(page, live_server, alice.email)
    page.goto(live_server.url + question.get_absolute_url())
    page.get_by_text("Add an update").click()
    page.get_by_label("Where things stand").select_option("seeing_doctor")
    page.get_by_label("What has happened since").fill(
        "Three weeks later, and since this morning my eyelid is drooping on the left side."
    )
    # The urgent-care box appears as she types, before she sends the update.
    box = page.locator("#triage-update").get_by_role("alert")
    expect(box).to_contain_text("This may need urgent care")
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Choose photos").click()
    chooser.value.set_files(str(photo))
    page.get_by_label("Description of new photo 1").fill("My left cheek this morning")
    assert axe_violations() == []
    page.get_by_role("button", name="Add update").click()

    expect(page.get_by_text("Your update is added.")).to_be_visible()
    update = page.locator(".update").first
    expect(update).to_contain_text("Later the same day")
    expect(update.get_by_text("Seeing my doctor")).to_be_visible()
    expect(update.get_by_role("img", name="My left cheek this morning")).to_be_visible()
    expect(page.get_by_role("heading", name="This may need urgent care").first).to_be_visible()
    assert axe_violations() == []
    screenshot("question-follow-up")

    page.get_by_role("link", name="Remove my name and photos").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Remove your name and photos")
    assert axe_violations() == []
    screenshot("question-deidentify")
    page.get_by_role("button", name="Remove my name and photos").click()
    expect(page.get_by_text("Asked by Former member")).to_be_visible()
    expect(page.locator(".photo-grid img")).to_have_count(0)
    expect(page.get_by_text("It fills back in")).to_be_visible()  # the answer stays


def test_reviews_filter_by_experience_and_a_lapsed_licence_shows(
    page: Page, live_server, bob, axe_violations, screenshot
):
    from django.utils import timezone

    from doctors.models import DoctorProfile

    profile = bob.doctor_profile
    ReviewFactory(doctor=profile, title="Treated and happy", experience="treatment")
    ReviewFactory(doctor=profile, title="Consultation, no pressure", experience="consultation")
    profile.refresh_rating()
    page.goto(live_server.url + profile.get_absolute_url())
    page.get_by_role("link", name="Consultation only (1)").click()
    expect(page.get_by_role("heading", name="Consultation, no pressure")).to_be_visible()
    expect(page.get_by_role("heading", name="Treated and happy")).to_have_count(0)
    assert axe_violations() == []
    screenshot("reviews-consultation-only")

    DoctorProfile.objects.filter(pk=profile.pk).update(
        status="expired", licence_expires_on=timezone.localdate() - timedelta(days=2)
    )
    page.goto(live_server.url + profile.get_absolute_url())
    expect(page.get_by_text("Licence verification expired")).to_be_visible()
    assert axe_violations() == []
    screenshot("doctor-licence-expired")
