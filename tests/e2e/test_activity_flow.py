import pytest
from playwright.sync_api import Page, expect

from forum import services
from moderation.services import set_hidden
from tests.e2e.helpers import log_in
from tests.factories import QuestionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_patient_hears_of_answers_in_the_site_and_finds_their_activity(
    page: Page, live_server, alice, bob, moderator, axe_violations, screenshot
):
    question = QuestionFactory(
        author=alice, title="Masseter Botox made my cheeks look hollow", treatments=["Botox"]
    )
    answered, _ = services.answer_submit(
        question=question, doctor=bob.doctor_profile, headline="It fills back in",
        body="As the muscle recovers over three to four months the contour returns for most.",
    )  # fmt: skip
    removed, _ = services.answer_submit(
        question=QuestionFactory(author=alice, title="Lip filler lumps after a week"),
        doctor=bob.doctor_profile, headline="Massage them hard", body="Massage hard twice a day.",
    )  # fmt: skip
    set_hidden(removed, hidden=True, actor=moderator, reason="Advice without an examination.")
    log_in(page, live_server, alice.email)
    bell = page.get_by_role("link", name="Notifications, 3 new")
    expect(bell).to_be_visible()
    screenshot("bell")
    bell.click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    expect(page.locator(".notification--new")).to_have_count(3)
    assert axe_violations() == []
    screenshot("notifications")
    page.get_by_role("link", name="Moderators removed an answer to your question").click()
    expect(
        page.get_by_text("An answer to this question was removed by our moderators")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    page.locator("summary.menu__toggle").click()
    page.get_by_role("link", name="My activity").click()
    expect(page.get_by_role("heading", name="Your questions")).to_be_visible()
    expect(page.get_by_role("link", name=answered.question.title)).to_be_visible()
    assert axe_violations() == []
    screenshot("my-activity")
