import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from forum import services
from tests.e2e.helpers import log_in, log_in_to_admin
from tests.factories import QuestionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REASON = "Recommends a prescription drug dose without an examination."


def test_a_moderator_verifies_a_doctor_and_hides_a_reported_answer(
    page: Page,
    browser: Browser,
    live_server,
    alice,
    bob,
    carol,
    mallory,
    moderator,
    screenshot,
    axe_violations,
):
    question = QuestionFactory(author=alice, title="Can I double my Botox dose next time?")
    answer, _ = services.answer_submit(
        question=question,
        doctor=bob.doctor_profile,
        headline="Take twice the dose for lasting results",
        body="Ask your injector for a double dose; it lasts twice as long and has no risks at all.",
        notify=False,
    )

    # A member reports the answer and is thanked; the report page passes axe.
    log_in(page, live_server, mallory.email)
    page.goto(live_server.url + question.get_absolute_url())
    page.locator(f"#answer-{answer.pk}").get_by_role("link", name="Report this answer").click()
    expect(page.get_by_role("heading", name="Report this answer")).to_be_visible()
    assert axe_violations() == []
    screenshot("report-answer")
    page.get_by_label("Medical misinformation").check()
    page.get_by_label("Tell the moderators more").fill("Doubling the dose is not safe.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Thank you for your report")).to_be_visible()

    # The moderator logs in with password and authenticator code; the index counts the work.
    context = browser.new_context()
    admin = context.new_page()
    log_in_to_admin(admin, live_server, moderator.email)
    queue = admin.locator("#moderation-queue")
    expect(queue.get_by_role("row", name="Open reports")).to_contain_text("1")
    expect(queue.get_by_role("row", name="Doctors waiting for verification")).to_contain_text("1")
    screenshot_page(admin, screenshot, "admin-index")

    # Verify the pending doctor.
    queue.get_by_role("link", name="Doctors waiting for verification").click()
    admin.get_by_role("checkbox", name="Select this object for an action").first.check()
    admin.locator("select[name=action]").select_option("verify")
    admin.get_by_role("button", name="Run").click()
    expect(admin.get_by_text("each was emailed")).to_be_visible()
    assert any("You are verified" in message.subject for message in mail.outbox)

    # Hide the reported answer from the reports list, with a reason.
    admin.goto(live_server.url + "/admin/")
    admin.locator("#moderation-queue").get_by_role("link", name="Open reports").click()
    expect(admin.get_by_text("Take twice the dose")).to_be_visible()
    screenshot_page(admin, screenshot, "admin-reports")
    admin.get_by_role("checkbox", name="Select this object for an action").first.check()
    admin.locator("select[name=action]").select_option("hide_items")
    admin.get_by_role("button", name="Run").click()
    admin.get_by_label("Reason").fill(REASON)
    screenshot_page(admin, screenshot, "admin-hide-reason")
    admin.get_by_role("button", name="Hide the reported items").click()
    expect(admin.get_by_text("Hid 1 item(s)")).to_be_visible()
    context.close()

    # The answer is gone from the question page; its doctor still sees it, with the reason.
    page.goto(live_server.url + question.get_absolute_url())
    expect(page.get_by_role("heading", name="Doctor Answers 0")).to_be_visible()
    expect(page.get_by_text("Take twice the dose")).to_have_count(0)
    doctor_context = browser.new_context()
    doctor = doctor_context.new_page()
    log_in(doctor, live_server, bob.email)
    doctor.goto(live_server.url + question.get_absolute_url())
    expect(doctor.get_by_text("Hidden by moderators.")).to_be_visible()
    expect(doctor.get_by_text(REASON)).to_be_visible()
    doctor.locator(f"#answer-{answer.pk}").scroll_into_view_if_needed()
    screenshot_page(doctor, screenshot, "answer-hidden-for-its-doctor")
    doctor_context.close()


def screenshot_page(page: Page, screenshot, name: str) -> None:
    """The screenshot fixture shoots the test's main page; this shoots another context's."""
    for label, size in (
        ("phone", {"width": 390, "height": 844}),
        ("desktop", {"width": 1280, "height": 800}),
    ):
        page.set_viewport_size(size)
        page.screenshot(path=screenshot.folder / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_moderation_pages_for_members_pass_axe(
    page: Page, live_server, alice, mallory, moderator, axe_violations, screenshot, settings
):
    from moderation.services import ban

    settings.POSTING_LIMITS = {**settings.POSTING_LIMITS, "report": (1, 1)}
    # The report page for a photo, then the limit's 429 page.
    question = QuestionFactory(author=alice, photos=1, photo_visibility="everyone")
    log_in(page, live_server, mallory.email)
    page.goto(live_server.url + f"/report/photo/{question.photos.get().pk}/")
    assert axe_violations() == []
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send report").click()
    page.goto(live_server.url + f"/report/question/{question.pk}/")
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send report").click()
    expect(
        page.get_by_role("heading", name="Please wait a little before posting again")
    ).to_be_visible()
    assert axe_violations() == []
    screenshot("posting-limit")
    # The banned page, at the next request after the ban.
    ban(user=mallory, actor=moderator, reason="Harassing other members in answers.")
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Your account can't be used right now")).to_be_visible()
    assert axe_violations() == []
    screenshot("banned")


def test_a_moderator_looks_a_member_up_without_their_email(
    page: Page, live_server, alice, moderator, screenshot
):
    log_in_to_admin(page, live_server, moderator.email)
    page.goto(live_server.url + "/admin/accounts/user/?q=Alice")
    expect(page.get_by_role("link", name="Alice", exact=True)).to_be_visible()
    assert "@example.com" not in page.content()
    screenshot("admin-members")
    page.get_by_role("link", name="Alice", exact=True).click()
    expect(page.get_by_role("heading", name="Public profile")).to_be_visible()
    assert "@example.com" not in page.content()
    screenshot("admin-member")
