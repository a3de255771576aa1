import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_patient_signs_up_verifies_email_and_logs_in(page: Page, live_server, screenshot):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    screenshot("signup")

    expect(page.get_by_label("I am a patient")).to_be_checked()
    page.get_by_label("Display name").fill("Jasmine R")
    page.get_by_label("Email").fill("jasmine@example.com")
    page.get_by_label("Password", exact=True).fill("a-long-unusual-passphrase")
    page.get_by_label("Password (again)").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    screenshot("verification-sent")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/account/confirm-email/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    page.goto(live_server.url + link.group(1))
    screenshot("confirm-email")
    page.get_by_role("button", name="Confirm").click()

    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill("jasmine@example.com")
    page.get_by_label("Password").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Log in").click()

    menu = page.locator("summary.menu__toggle")
    expect(menu).to_contain_text("Jasmine R")
    menu.click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    screenshot("home-signed-in")


@pytest.mark.parametrize(
    "path", ["/", "/account/signup/", "/account/login/", "/account/password/reset/"]
)
def test_public_pages_pass_axe(page: Page, live_server, axe_violations, screenshot, path):
    page.goto(live_server.url + path)
    assert axe_violations() == []
    screenshot("axe" + (path.rstrip("/").replace("/", "-") or "-home"))


def test_no_console_errors_and_no_csp_violations(page: Page, live_server):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    for path in ["/", "/account/signup/", "/account/login/"]:
        page.goto(live_server.url + path)
    assert problems == []


@pytest.mark.parametrize("path", ["/", "/account/signup/", "/account/login/", "/no-such-page/"])
def test_pages_fit_a_phone_screen(page: Page, live_server, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_account_menu_opens_and_closes_with_escape(page: Page, live_server, alice, screenshot):
    log_in(page, live_server, "alice@example.com")
    menu = page.locator("details[data-menu]")
    menu.locator("summary").click()
    expect(page.get_by_role("link", name="Profile")).to_be_visible()
    screenshot("account-menu-open")
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="Profile")).to_be_hidden()
    expect(menu.locator("summary")).to_be_focused()


def log_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("summary.menu__toggle")).to_be_visible()


def test_account_pages_pass_axe(page: Page, live_server, alice, axe_violations, screenshot):
    log_in(page, live_server, "alice@example.com")
    for path in [
        "/",
        "/account/profile/",
        "/account/email/",
        "/account/password/change/",
        "/account/2fa/",
        "/account/notifications/",
        "/account/sessions/",
        "/account/data/",
        "/account/delete/",
    ]:
        page.goto(live_server.url + path)
        assert axe_violations() == [], path
        screenshot("member" + (path.rstrip("/").replace("/", "-") or "-home"))


def test_form_errors_are_shown_and_focused(page: Page, live_server, alice, mallory, screenshot):
    log_in(page, live_server, "alice@example.com")
    page.goto(live_server.url + "/account/profile/")
    page.get_by_label("Display name").fill("Mallory")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("This display name is taken")).to_be_visible()
    expect(page.get_by_label("Display name")).to_be_focused()
    screenshot("profile-error")


def test_a_member_downloads_their_data_then_deletes_their_account(
    page: Page, live_server, alice, axe_violations, screenshot
):
    log_in(page, live_server, "alice@example.com")
    page.goto(live_server.url + "/account/data/")
    page.get_by_role("button", name="Prepare my data").click()
    # The password again, then allauth carries the request it held back through.
    expect(page.get_by_role("heading", name="Confirm it's you")).to_be_visible()
    assert axe_violations() == []
    screenshot("member-reauthenticate")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data").click()
    assert download.value.suggested_filename == "docanswers-data.zip"
    screenshot("member-data-ready")
    page.goto(live_server.url + "/account/delete/")
    assert axe_violations() == []
    page.get_by_label("Leave them up as “Former member”", exact=False).check()
    page.get_by_label("Type DELETE to confirm").fill("DELETE")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Your account is deleted")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
