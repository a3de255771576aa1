import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from accounts import notifications
from tests.e2e.helpers import log_in
from tests.factories import DoctorProfileFactory, QuestionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_search_from_the_header_and_follow_a_question(
    page: Page, live_server, alice, mallory, axe_violations, screenshot
):
    question = QuestionFactory(
        author=alice,
        title="Swollen lips three days after filler",
        body="The swelling has not gone down after my lip filler. Is that normal?",
        treatments=["Lip filler"],
    )
    log_in(page, live_server, mallory.email)
    page.get_by_role("searchbox", name="Search questions and doctors").fill("swelling filler")
    page.get_by_role("searchbox", name="Search questions and doctors").press("Enter")
    expect(page.get_by_role("heading", name="Results for “swelling filler”")).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    assert axe_violations() == []
    screenshot("search-results")
    page.get_by_role("link", name="Swollen lips three days after filler").click()
    button = page.get_by_role("button", name="Follow this question")
    url = page.url
    button.click()
    following = page.get_by_role("button", name="Following")
    expect(following).to_have_attribute("aria-pressed", "true")
    expect(following).to_be_focused()
    expect(page.locator("#live-status")).to_have_text("We'll email you when a doctor answers.")
    assert page.url == url  # no reload
    assert question.follows.filter(user=mallory).exists()


def test_notification_pages_pass_axe(page: Page, live_server, alice, axe_violations, screenshot):
    log_in(page, live_server, alice.email)
    page.goto(live_server.url + "/account/notifications/")
    expect(page.get_by_role("heading", name="Email notifications")).to_be_visible()
    assert axe_violations() == []
    screenshot("notification-settings")
    page.get_by_label("A doctor answers a question I follow").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your email choices are saved.")).to_be_visible()
    alice.refresh_from_db()
    assert not alice.notify_followed
    link = notifications.unsubscribe_url(alice, "answers").split("/account/", 1)[1]
    context = page.context.browser.new_context()
    stranger = context.new_page()  # the link works logged out
    stranger.goto(f"{live_server.url}/account/{link}")
    expect(stranger.get_by_role("heading", name="Stop these emails?")).to_be_visible()
    stranger.get_by_role("button", name="Stop these emails").click()
    expect(stranger.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    context.close()
    alice.refresh_from_db()
    assert not alice.notify_answers


def test_the_search_page_names_its_two_search_landmarks(
    page: Page, live_server, alice, axe_violations
):
    """The header's search and the page's own are two search landmarks: each has its name."""
    QuestionFactory(author=alice, title="Swollen lips three days after filler")
    page.goto(live_server.url + "/search/?q=swollen+lips")
    expect(page.get_by_role("heading", name="Results for “swollen lips”")).to_be_visible()
    assert axe_violations() == []
    # axe's landmark-unique (a best-practice rule, run by default) looks only at forms with a
    # name, so it passed before they had one too: it must have checked both.
    result = Axe().run(page, options={"runOnly": ["landmark-unique"], "resultTypes": ["passes"]})
    passed = [node["target"] for rule in result.response["passes"] for node in rule["nodes"]]
    assert [".search-form--header"] in passed and [".search-form--page"] in passed
    expect(page.get_by_role("search")).to_have_count(2)
    expect(page.get_by_role("search", name="Site", exact=True)).to_be_visible()
    expect(page.get_by_role("search", name="Search questions", exact=True)).to_be_visible()


def test_a_misspelt_search_is_corrected_and_doctors_are_found_near_a_zip_code(
    page: Page, live_server, axe_violations, screenshot
):
    QuestionFactory(
        title="Swollen lips three days after filler",
        body="The swelling has not gone down after my lip filler.",
        treatments=["Lip filler"],
    )
    DoctorProfileFactory(name="Bela Bellevue", postal_code="98004")
    DoctorProfileFactory(name="Polly Portland", postal_code="97205")
    page.goto(live_server.url + "/search/?q=swolen+lips")
    expect(page.get_by_text("Showing results for")).to_be_visible()
    expect(page.get_by_role("link", name="Swollen lips three days after filler")).to_be_visible()
    assert axe_violations() == []
    screenshot("search-corrected")

    page.goto(live_server.url + "/doctors/")
    page.get_by_label("Near").fill("98101")
    page.get_by_label("Within").select_option("25")
    page.get_by_role("button", name="Show doctors").click()
    expect(
        page.get_by_text("1 verified doctor within 25 miles of 98101 (Seattle, WA)")
    ).to_be_visible()
    expect(page.get_by_text("miles away")).to_be_visible()
    expect(page.get_by_role("link", name="Polly Portland, MD")).to_have_count(0)
    assert axe_violations() == []
    screenshot("doctors-near")
