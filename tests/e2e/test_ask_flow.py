import pytest
from playwright.sync_api import Browser, Page, expect

from forum.models import Question
from tests.factories import PASSWORD
from tests.forum import images

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def photo_files(tmp_path):
    paths = []
    for number, colour in enumerate([(200, 120, 90), (90, 140, 200), (120, 200, 90)]):
        path = tmp_path / f"jaw-{number}.jpg"
        path.write_bytes(images.image_bytes("JPEG", size=(1600, 1200), colour=colour))
        paths.append(path)
    return paths


def test_patient_asks_with_two_photos_and_strangers_see_placeholders(
    page: Page, browser: Browser, live_server, alice, photo_files, screenshot, axe_violations
):
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Ask a doctor").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a doctor")
    assert axe_violations() == []

    page.get_by_label("Title").fill("Facial pain after two treatments of Botox in jaw?")
    page.get_by_label("Details").fill(
        "I had 50 units of Botox in December and 50 more in March. Since then my jaw hurts."
    )
    page.get_by_label("Treatments").fill("Botox, Jaw pain")
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Choose photos").click()
    chooser.value.set_files([str(path) for path in photo_files])
    previews = page.locator(".photo-preview")
    expect(previews).to_have_count(3)
    page.get_by_role("button", name="Remove jaw-2.jpg").click()  # changed my mind
    expect(previews).to_have_count(2)
    page.get_by_label("Description of new photo 1").fill("Left side of my jaw")
    page.get_by_label("Verified doctors only").check()
    screenshot("ask-with-previews")

    # Slow the upload down so that the progress bars can be seen.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 60_000},
    )
    page.get_by_role("button", name="Post your question").click()
    expect(page.locator("[data-upload-progress]")).to_be_visible()
    expect(page.locator(".photo-preview progress").first).to_be_visible()
    screenshot("ask-uploading")
    page.wait_for_url("**/questions/*/facial-pain-after-two-treatments-of-botox-in-jaw/")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )

    question = Question.objects.get()
    assert question.photo_count == 2
    expect(page.get_by_role("heading", level=1)).to_contain_text("(photo)")
    thumbnails = page.locator(".photo img")
    expect(thumbnails).to_have_count(2)
    expect(page.get_by_alt_text("Left side of my jaw")).to_be_visible()
    assert page.evaluate(
        "[...document.querySelectorAll('.photo img')].every(i => i.naturalWidth > 0)"
    )
    # A slot of about 170 px on a plain screen loads the 320 px thumbnail, not the 960 px one.
    loaded = page.evaluate("[...document.querySelectorAll('.photo img')].map(i => i.currentSrc)")
    assert all(url.endswith("/320/") for url in loaded), loaded
    photo_urls = [link.get_attribute("href") for link in page.locator("a.photo").all()]
    screenshot("question-with-photos")

    stranger = browser.new_context()
    anonymous = stranger.new_page()
    anonymous.goto(live_server.url + question.get_absolute_url())
    expect(anonymous.get_by_role("heading", level=1)).to_contain_text("Facial pain")
    expect(anonymous.get_by_text("Only verified doctors can see this photo.")).to_have_count(2)
    expect(anonymous.locator(".photo img")).to_have_count(0)
    for url in photo_urls:
        assert anonymous.request.get(live_server.url + url).status in {403, 404}
    anonymous.screenshot(path=str(screenshot.folder / "question-anonymous.png"), full_page=True)
    stranger.close()


def test_the_ask_form_works_without_javascript(browser: Browser, live_server, alice, photo_files):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/questions/ask/")
    page.get_by_label("Title").fill("Bruising after lip filler: how long does it last?")
    page.get_by_label("Details").fill("I have bruises on both sides of my upper lip since Monday.")
    page.get_by_label("Treatments").fill("Lip filler")
    page.get_by_label("Choose photos").set_input_files([str(photo_files[0])])
    page.get_by_label("Description of new photo 1").fill("Upper lip, day two")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_alt_text("Upper lip, day two")).to_be_visible()
    context.close()


def test_forum_pages_pass_axe_and_fit_a_phone(
    page: Page, live_server, question_with_photos, axe_violations, screenshot
):
    question = question_with_photos
    for name, path in [
        ("home-with-questions", "/"),
        ("question-list", "/questions/"),
        ("question-list-filtered", "/questions/?treatment=botox&sort=unanswered"),
        ("question-page", question.get_absolute_url()),
        ("treatment-page", "/treatments/botox/"),
    ]:
        page.goto(live_server.url + path)
        assert axe_violations() == [], path
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        screenshot(name)


@pytest.fixture
def question_with_photos(alice):
    from forum.models import PhotoVisibility
    from tests.factories import QuestionFactory

    return QuestionFactory(
        author=alice,
        title="Facial pain after two treatments of Botox in jaw?",
        treatments=["Botox", "Jaw pain"],
        photos=2,
        photo_visibility=PhotoVisibility.EVERYONE,
    )


def test_treatment_suggestions_follow_each_comma(page: Page, live_server, question_with_photos):
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill("alice@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/questions/ask/")
    page.get_by_label("Treatments").press_sequentially("botox, J")
    options = page.eval_on_selector_all("#treatment-suggestions option", "o => o.map(x => x.value)")
    assert options == ["botox, Jaw pain"]


def test_a_form_error_keeps_the_chosen_photos_and_focuses_the_field(
    page: Page, live_server, alice, photo_files, axe_violations, screenshot
):
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/questions/ask/")
    page.get_by_label("Title").fill("Botox" + " " * 20 + "?")  # the browser counts the spaces
    page.get_by_label("Details").fill("My upper lip has been bruised since Monday after filler.")
    page.get_by_label("Treatments").fill("Lip filler")
    page.get_by_label("Choose photos").set_input_files([str(path) for path in photo_files[:2]])
    page.get_by_label("Description of new photo 2").fill("Right side")
    assert axe_violations() == []
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_text("at least 10 characters")).to_be_visible()
    expect(page.get_by_label("Title")).to_be_focused()
    expect(page.locator(".photo-preview")).to_have_count(2)
    expect(page.get_by_label("Description of new photo 2")).to_have_value("Right side")
    screenshot("ask-error-kept-photos")
    page.get_by_label("Title").fill("Bruising after lip filler: how long?")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_alt_text("Right side")).to_be_visible()
    assert Question.objects.get().photo_count == 2


def test_a_locked_photo_placeholder_passes_axe(page: Page, live_server, alice, axe_violations):
    from forum.models import PhotoVisibility
    from tests.factories import QuestionFactory

    question = QuestionFactory(author=alice, photos=1, photo_visibility=PhotoVisibility.DOCTORS)
    page.goto(live_server.url + question.get_absolute_url())
    expect(page.get_by_text("Only verified doctors can see this photo.")).to_be_visible()
    assert axe_violations() == []
