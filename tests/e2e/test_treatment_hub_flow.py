"""A treatment's page as a hub, in the browser: its figures, reviews and doctors pass axe at
phone and desktop widths; a patient follows it (with and without JavaScript) and asks about it
with the treatment filled in."""

import pytest
from playwright.sync_api import Page, expect

from forum import services
from tests.e2e.helpers import log_in
from tests.factories import DoctorProfileFactory, QuestionFactory, ReviewFactory
from treatments.models import Treatment, TreatmentFollow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COSTS = ["250-500", "250-500", "250-500", "0-250", "500-1000", "500-1000", "1000-3000", ""]


@pytest.fixture
def botox(alice, bob):
    treatment = Treatment.objects.create(
        name="Botox",
        description="Botulinum toxin injections relax chosen muscles for three to four months.",
    )
    doctors = [bob.doctor_profile] + [
        DoctorProfileFactory(name=name, city=city)
        for name, city in [("Ines Alvarez", "Tampa"), ("Kofi Mensah", "Boston")]
    ]
    for number, doctor in enumerate(doctors):
        for index in range(3 - number):
            question = QuestionFactory(
                author=alice, title=f"Botox question {number}-{index}: is this swelling normal?",
                treatments=["Botox"],
            )  # fmt: skip
            services.answer_submit(
                question=question, doctor=doctor, headline="It settles within two weeks",
                body="Swelling after Botox settles within two weeks; cold packs help early on.",
                notify=False,
            )  # fmt: skip
    for index, cost in enumerate(COSTS):
        ReviewFactory(
            doctor=doctors[index % 3],
            treatment=treatment,
            rating=[5, 5, 4, 5, 3, 5, 4, 5][index],
            worth_it=["yes", "yes", "yes", "not_sure", "yes", "yes", "no", "yes"][index],
            experience="treatment",
            cost_range=cost,
            title=f"Natural result number {index}",
            body="The doctor explained every step and the result looks natural to my friends.",
        )
    for doctor in doctors:
        doctor.refresh_rating()
    return treatment


def test_visitors_read_the_hub(page: Page, live_server, botox, axe_violations, screenshot):
    page.goto(live_server.url + "/treatments/botox/")
    expect(page.get_by_role("heading", name="Botox", level=1)).to_be_visible()
    expect(page.get_by_text("say it's worth it")).to_be_visible()
    expect(page.get_by_role("heading", name="What patients paid")).to_be_visible()
    expect(page.get_by_text("The median of 7 reported costs.")).to_be_visible()
    doctors = page.get_by_role("region", name="Doctors who answer about Botox")
    expect(doctors.get_by_role("heading", level=3)).to_have_count(3)
    expect(doctors.get_by_role("heading", level=3).first).to_have_text("Bob Stone, MD, FACS")
    expect(page.get_by_role("link", name="All 8 reviews of Botox")).to_be_visible()
    follow = page.get_by_role("link", name="Follow Botox")
    assert "/account/login/?next=/treatments/botox/" in follow.get_attribute("href")
    assert axe_violations() == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert axe_violations() == []
    screenshot("treatment-hub")
    page.get_by_role("link", name="All 8 reviews of Botox").click()
    expect(page.get_by_role("heading", name="Botox", level=1)).to_be_visible()
    expect(page.locator("article.review")).to_have_count(8)
    assert axe_violations() == []
    screenshot("treatment-reviews")


def test_a_patient_follows_the_treatment_and_asks_about_it(
    page: Page, live_server, mallory, botox, axe_violations, screenshot
):
    log_in(page, live_server, mallory.email)
    page.goto(live_server.url + "/treatments/botox/")
    url = page.url
    page.get_by_role("button", name="Follow Botox").click()
    following = page.get_by_role("button", name="Following Botox")
    expect(following).to_have_attribute("aria-pressed", "true")
    expect(following).to_be_focused()
    expect(page.locator("#live-status")).to_have_text(
        "We'll email you when a patient asks about Botox."
    )
    assert page.url == url  # no reload
    assert TreatmentFollow.objects.filter(user=mallory, treatment=botox).exists()
    assert axe_violations() == []
    screenshot("treatment-hub-following")
    following.click()
    expect(page.get_by_role("button", name="Follow Botox")).to_have_attribute(
        "aria-pressed", "false"
    )
    assert not TreatmentFollow.objects.filter(user=mallory).exists()
    page.get_by_role("link", name="Ask about Botox").click()
    expect(page.get_by_label("Treatments")).to_have_value("Botox")


def test_following_works_without_javascript(browser, live_server, mallory, botox):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server, mallory.email)
    page.goto(live_server.url + "/treatments/botox/")
    page.get_by_role("button", name="Follow Botox").click()
    expect(
        page.get_by_text("You follow Botox: we'll email you when a patient asks")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Following Botox")).to_be_visible()
    assert TreatmentFollow.objects.filter(user=mallory, treatment=botox).exists()
    context.close()
