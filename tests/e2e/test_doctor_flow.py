import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import log_in, log_in_to_admin
from tests.factories import QuestionFactory, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_doctor_applies_is_verified_and_answers(
    page: Page, browser: Browser, live_server, alice, moderator, screenshot, axe_violations
):
    question = QuestionFactory(author=alice, title="Facial pain after two treatments of Botox?")

    # A doctor signs up and confirms the email address.
    page.goto(live_server.url + "/account/signup/?role=doctor")
    expect(page.get_by_label("I am a doctor")).to_be_checked()
    page.get_by_label("Display name").fill("Adrian K")
    page.get_by_label("Email").fill("adrian@example.com")
    page.get_by_label("Password", exact=True).fill("a-long-unusual-passphrase")
    page.get_by_label("Password (again)").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Create account").click()
    link = re.search(r"https?://[^/\s]+(/account/confirm-email/\S+/)", mail.outbox[-1].body)
    page.goto(live_server.url + link.group(1))
    page.get_by_role("button", name="Confirm").click()
    log_in(page, live_server, "adrian@example.com", "a-long-unusual-passphrase")

    # The doctor applies.
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_text("Not sent yet")).to_be_visible()
    page.get_by_role("link", name="Apply for verification").click()
    assert axe_violations() == []
    page.get_by_label("Full name").fill("Adrian Kessler")
    page.get_by_label("Credentials").fill("MD, FACS")
    page.get_by_label("Specialty").select_option(label="Facial Plastic Surgeon")
    page.get_by_label("City").fill("Seattle")
    page.get_by_label("Country").fill("United States")
    page.get_by_label("Licence number").fill("MD60012345")
    page.get_by_label("Licence issued by").fill("Washington State Department of Health")
    page.get_by_label("Licence valid until").fill(
        (timezone.localdate() + timedelta(days=700)).isoformat()
    )
    screenshot("doctor-apply")
    page.get_by_role("button", name="Send for verification").click()
    expect(page.get_by_text("Waiting for a moderator")).to_be_visible()
    screenshot("doctor-dashboard-pending")

    # A moderator verifies the doctor in the admin.
    admin_context = browser.new_context()
    admin = admin_context.new_page()
    log_in_to_admin(admin, live_server, moderator.email)
    admin.goto(live_server.url + "/admin/doctors/doctorprofile/?status__exact=pending")
    admin.get_by_role("checkbox", name="Select this object for an action").first.check()
    admin.locator("select[name=action]").select_option("verify")
    admin.get_by_role("button", name="Run").click()
    expect(admin.get_by_text("each was emailed")).to_be_visible()
    admin_context.close()
    assert any("You are verified" in message.subject for message in mail.outbox)

    # The verified doctor sets up two-factor authentication, then answers in the browser.
    page.goto(live_server.url + question.get_absolute_url())
    page.get_by_role("link", name="Set up an authenticator app").click()
    if page.get_by_label("Password").count():  # allauth asks for the password again first
        page.get_by_label("Password").fill("a-long-unusual-passphrase")
        page.get_by_role("button", name="Confirm").click()
    secret = page.locator("#authenticator_secret").input_value()
    assert axe_violations() == []
    screenshot("doctor-mfa-setup")
    page.locator("input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.goto(live_server.url + question.get_absolute_url())
    page.get_by_label("Headline").fill("Botox is never permanent")
    page.get_by_label("Your answer").fill(
        "Botox wears off in three to four months. If you stop, the muscles return to normal."
    )
    page.get_by_role("button", name="Post your answer").click()
    expect(page.get_by_role("heading", name="Edit your answer")).to_be_visible()

    # The asker sees the answer with the doctor's line, and got the email.
    asker_context = browser.new_context()
    asker = asker_context.new_page()
    log_in(asker, live_server, alice.email)
    asker.goto(live_server.url + question.get_absolute_url())
    answer = asker.locator("article.answer")
    expect(answer).to_contain_text("Botox is never permanent")
    expect(answer).to_contain_text("Adrian Kessler, MD, FACS")
    expect(answer).to_contain_text("Seattle Facial Plastic Surgeon")
    expect(answer).to_contain_text("No reviews yet")
    asker.get_by_role("button", name="This helped me").click()
    expect(asker.locator("article.answer")).to_contain_text("Helped Alice")
    asker_context.close()
    to_alice = [message for message in mail.outbox if message.to == [alice.email]]
    assert to_alice and to_alice[-1].subject.endswith("A doctor answered your question")
    screenshot("question-answered")


def test_helpful_votes_toggle_without_a_reload(
    page: Page, live_server, alice, mallory, bob, screenshot
):
    from tests.factories import AnswerFactory

    answer = AnswerFactory(question=QuestionFactory(author=alice), doctor=bob.doctor_profile)
    log_in(page, live_server, mallory.email)
    page.goto(live_server.url + answer.question.get_absolute_url())
    button = page.get_by_role("button", name="Helpful")
    button.click()
    expect(page.locator("[data-vote-count]")).to_have_text("1 found this helpful")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_be_focused()  # htmx gives the focus back to the new button
    expect(page.locator("#live-status")).to_have_text("1 found this helpful")
    url = page.url
    button.click()
    expect(page.locator("[data-vote-count]")).to_have_text("0 found this helpful")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.url == url  # no reload


def test_doctor_pages_pass_axe(page: Page, live_server, bob, axe_violations, screenshot):
    from tests.factories import AnswerFactory

    AnswerFactory(doctor=bob.doctor_profile)
    profile = bob.doctor_profile
    for name, path in [("directory", "/doctors/"), ("doctor-profile", profile.get_absolute_url())]:
        page.goto(live_server.url + path)
        assert axe_violations() == [], path
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        screenshot(name)
    log_in(page, live_server, bob.email)
    for name, path in [
        ("doctor-dashboard", "/doctors/dashboard/"),
        ("doctor-edit", "/doctors/apply/"),
    ]:
        page.goto(live_server.url + path)
        assert axe_violations() == [], path
        screenshot(name)
