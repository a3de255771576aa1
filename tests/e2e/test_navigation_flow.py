"""The header on a phone (390 px): one menu, a <details> disclosure, reaches every place the
wide header links to and, for members, every account page, with the keyboard or the mouse,
with JavaScript and without. Wide screens keep a row of links. The footer links to the site's
own pages."""

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Link text in the menu: the path it opens (after any redirect) and the page's heading.
VISITOR = {
    "Questions": ("/questions/", "Questions"),
    "Doctors": ("/doctors/", "Verified doctors"),
    "Log in": ("/account/login/", "Log in"),
    "Sign up": ("/account/signup/", "Create your account"),
}
MEMBER = {
    "Questions": ("/questions/", "Questions"),
    "Doctors": ("/doctors/", "Verified doctors"),
    "Profile": ("/account/profile/", "Profile"),
    "Email notifications": ("/account/notifications/", "Email notifications"),
    "Email address": ("/account/email/", "Email address"),
    "Password": ("/account/password/change/", "Change Password"),
    "Two-factor authentication": ("/account/2fa/", "Two-Factor Authentication"),
    "Where you're logged in": ("/account/sessions/", "Where you're logged in"),
    "Your data": ("/account/data/", "Your data"),
    # Deleting asks for the password again first.
    "Delete account": ("/account/reauthenticate/?next=%2Faccount%2Fdelete%2F", "Confirm it's you"),
}


def menu(page: Page):
    return page.locator("header details[data-menu]")


def tab_to(page: Page, target, *, presses: int = 40) -> None:
    """Press Tab until `target` has the keyboard focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {target}")


def open_by_keyboard(page: Page) -> None:
    summary = menu(page).locator("summary")
    tab_to(page, summary)
    page.keyboard.press("Enter")
    expect(menu(page)).to_have_attribute("open", "")


def follow_by_keyboard(page: Page, base: str, name: str, path: str, heading: str) -> None:
    page.goto(base + "/")
    open_by_keyboard(page)
    link = menu(page).get_by_role("link", name=name, exact=True)
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(base + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def follow_by_click(page: Page, base: str, name: str, path: str, heading: str) -> None:
    page.goto(base + "/")
    menu(page).locator("summary").click()
    menu(page).get_by_role("link", name=name, exact=True).click()
    expect(page).to_have_url(base + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


@pytest.fixture
def no_script(browser: Browser):
    """A phone's browser with JavaScript switched off."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


def nav_names(page: Page) -> list[str]:
    return [nav.get_attribute("aria-label") for nav in page.get_by_role("navigation").all()]


def test_a_visitors_phone_header_without_javascript_reaches_every_place(no_script, live_server):
    base = live_server.url
    no_script.goto(base + "/")
    wide = no_script.locator(".site-nav").get_by_role("link", name="Questions")
    expect(wide).to_be_hidden()  # no room in the row: the menu has it
    for name, (path, heading) in VISITOR.items():
        follow_by_keyboard(no_script, base, name, path, heading)
        follow_by_click(no_script, base, name, path, heading)
    no_script.goto(base + "/")
    no_script.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Ask a doctor"
    ).click()  # a button in the header's row
    expect(no_script).to_have_url(base + "/account/login/?next=/questions/ask/")
    # Without JavaScript the summary closes it again.
    no_script.goto(base + "/")
    summary = menu(no_script).locator("summary")
    summary.click()
    expect(menu(no_script).get_by_role("link", name="Sign up")).to_be_visible()
    summary.click()
    expect(menu(no_script).get_by_role("link", name="Sign up")).to_be_hidden()


def test_a_members_phone_menu_without_javascript_reaches_every_account_page(
    no_script, live_server, alice
):
    base = live_server.url
    log_in(no_script, live_server, "alice@example.com")
    for name, (path, heading) in MEMBER.items():
        follow_by_keyboard(no_script, base, name, path, heading)
    no_script.goto(base + "/")
    no_script.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Ask a doctor"
    ).click()
    expect(no_script.get_by_role("heading", level=1)).to_have_text("Ask a doctor")
    no_script.goto(base + "/")
    open_by_keyboard(no_script)
    tab_to(no_script, no_script.get_by_role("button", name="Log out"))
    no_script.keyboard.press("Enter")
    expect(no_script.locator("summary.menu__toggle")).to_have_count(0)
    no_script.locator("header summary").click()
    expect(no_script.get_by_role("link", name="Log in")).to_be_visible()


def test_a_members_phone_menu_with_javascript(page: Page, live_server, alice, screenshot):
    base = live_server.url
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "alice@example.com")
    for name, (path, heading) in MEMBER.items():
        follow_by_click(page, base, name, path, heading)
    page.goto(base + "/")
    summary = menu(page).locator("summary")
    expect(summary).to_have_accessible_name("Menu for Alice")
    # One row: the logo, "Ask", the bell and the menu side by side (the search box below).
    logo = page.locator("header .logo").bounding_box()
    for item in (summary, page.locator("header .bell"), page.locator(".site-nav .button")):
        box = item.bounding_box()
        assert abs((box["y"] + box["height"] / 2) - (logo["y"] + logo["height"] / 2)) < 8
    summary.click()
    expect(menu(page).get_by_text("Signed in as Alice")).to_be_visible()
    screenshot("header-member-menu-open")
    page.set_viewport_size(PHONE)
    page.keyboard.press("Escape")  # site.js: Escape closes it and gives the focus back
    expect(menu(page)).not_to_have_attribute("open", "")
    expect(summary).to_be_focused()
    summary.click()
    page.locator(".disclaimer").click()  # a click elsewhere closes it
    expect(menu(page)).not_to_have_attribute("open", "")
    open_by_keyboard(page)
    tab_to(page, page.get_by_role("button", name="Log out"))
    page.keyboard.press("Tab")  # the keyboard leaves the menu: it closes
    expect(menu(page)).not_to_have_attribute("open", "")


def test_a_visitors_phone_menu_with_javascript(page: Page, live_server, db, screenshot):
    base = live_server.url
    page.set_viewport_size(PHONE)
    for name, (path, heading) in VISITOR.items():
        follow_by_click(page, base, name, path, heading)
    page.goto(base + "/")
    screenshot("header-visitor")
    page.set_viewport_size(PHONE)
    summary = menu(page).locator("summary")
    expect(summary).to_have_accessible_name("Menu")
    summary.click()
    page.screenshot(path=screenshot.folder / "header-visitor-menu-open-phone.png")
    page.keyboard.press("Escape")
    expect(summary).to_be_focused()
    expect(menu(page)).not_to_have_attribute("open", "")


def test_doctors_and_moderators_find_their_work_in_the_menu(
    no_script, live_server, bob, moderator, browser
):
    base = live_server.url
    log_in(no_script, live_server, "bob@example.com")
    follow_by_keyboard(no_script, base, "Doctor dashboard", "/doctors/dashboard/", "Your dashboard")
    staff = browser.new_context(viewport=PHONE).new_page()
    log_in(staff, live_server, "mod@example.com")
    staff.locator("header summary").click()
    staff.get_by_role("link", name="Moderation").click()
    expect(staff.get_by_role("heading", name="Waiting for a moderator")).to_be_visible()
    staff.context.close()


def outline(element) -> list[str]:
    return element.evaluate(
        "el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]"
    )


def test_the_keyboard_focus_is_visible_in_the_menu(page: Page, live_server, db):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    open_by_keyboard(page)
    assert outline(menu(page).locator("summary")) == ["solid", "3px"]
    link = menu(page).get_by_role("link", name="Questions")
    tab_to(page, link)
    assert outline(link) == ["solid", "3px"]


def test_landmarks_have_distinct_names_at_every_width(page: Page, live_server, alice):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    assert nav_names(page) == ["Main", "Menu", "Footer"]
    page.set_viewport_size(DESKTOP)
    assert nav_names(page) == ["Main", "Footer"]  # the visitor's menu is for phones only
    log_in(page, live_server, "alice@example.com")
    page.goto(live_server.url + "/account/profile/")
    assert nav_names(page) == ["Main", "Menu", "Account settings", "Footer"]
    page.set_viewport_size(PHONE)
    assert nav_names(page) == ["Main", "Menu", "Account settings", "Footer"]


def test_wide_screens_keep_a_row_of_links(page: Page, live_server, alice, screenshot):
    page.goto(live_server.url + "/")
    main = page.get_by_role("navigation", name="Main")
    for name in ("Questions", "Doctors", "Ask a doctor", "Log in", "Sign up"):
        expect(main.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(menu(page)).to_be_hidden()
    tops = {
        round(box["y"]) for box in (link.bounding_box() for link in main.get_by_role("link").all())
    }
    assert max(tops) - min(tops) <= 8, tops  # one row
    log_in(page, live_server, "alice@example.com")
    expect(main.get_by_role("link", name="Questions")).to_be_visible()
    summary = menu(page).locator("summary")
    expect(summary).to_contain_text("Alice")
    summary.click()
    expect(menu(page).get_by_role("link", name="Questions")).to_be_hidden()  # in the row
    expect(menu(page).get_by_role("link", name="Where you're logged in")).to_be_visible()


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_the_phone_header_passes_axe_closed_and_open(
    page: Page, live_server, alice, axe_violations, signed_in
):
    page.set_viewport_size(PHONE)
    if signed_in:
        log_in(page, live_server, "alice@example.com")
    page.goto(live_server.url + "/")
    assert axe_violations() == []
    menu(page).locator("summary").click()
    assert axe_violations() == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize(
    ("link", "path", "heading"),
    [
        ("About", "/about/", "About DocAnswers"),
        ("Privacy", "/privacy/", "Privacy policy"),
        ("Terms", "/terms/", "Terms of use"),
        ("Contact", "/contact/", "Contact the DocAnswers team"),
    ],
)
def test_the_footer_pages(
    page: Page, live_server, db, axe_violations, screenshot, link, path, heading
):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Footer").get_by_role("link", name=link, exact=True).click()
    expect(page).to_have_url(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert axe_violations() == []
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    screenshot("page" + path.rstrip("/").replace("/", "-"))


def test_the_contact_form_shows_its_errors_then_sends(
    page: Page, live_server, db, axe_violations, screenshot
):
    page.goto(live_server.url + "/contact/")
    page.get_by_label("Your name").fill("Jasmine")
    page.get_by_label("Your email address").fill("jasmine@example")  # the browser lets it by
    page.get_by_label("What is it about?").select_option(label="Privacy or my data")
    page.get_by_label("Your message").fill("                          ")  # spaces only
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_text("Your message was not sent.")).to_be_visible()
    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()
    expect(page.get_by_label("Your email address")).to_be_focused()  # site.js: the first to fix
    assert axe_violations() == []
    screenshot("contact-with-errors")
    assert mail.outbox == []
    page.get_by_label("Your email address").fill("jasmine@example.com")
    page.get_by_label("Your message").fill("How long do you keep the photos of a deleted question?")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_text("Thank you: your message is on its way")).to_be_visible()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].message()["Reply-To"] == "jasmine@example.com"
    screenshot("contact-sent")
