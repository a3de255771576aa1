import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, AnswerFactory, ReviewFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_patient_reviews_and_the_figures_follow_everywhere(
    page: Page, live_server, alice, bob, axe_violations, screenshot
):
    doctor = bob.doctor_profile
    ReviewFactory(doctor=doctor, rating=3, title="It was fine", worth_it="not_sure")
    doctor.refresh_rating()
    answer = AnswerFactory(doctor=doctor)

    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + doctor.get_absolute_url())
    expect(page.locator(".doctor-profile__head")).to_contain_text("3.0 out of 5 stars · 1 review")
    page.get_by_role("link", name="Write a review").click()
    assert axe_violations() == []
    page.get_by_label("5 stars").check()
    page.get_by_label("Had the treatment").check()
    page.get_by_label("Title").fill("Clear, kind and honest")
    page.get_by_label("Your review").fill("The doctor explained every step; a natural result.")
    page.get_by_label("Worth it", exact=True).check()
    screenshot("review-form")
    page.get_by_role("button", name="Publish your review").click()
    expect(page.locator(".page-head")).to_contain_text("4.0 out of 5 stars · 2 reviews")
    screenshot("reviews-page")

    page.goto(live_server.url + doctor.get_absolute_url())
    expect(page.locator(".doctor-profile__head")).to_contain_text("4.0 out of 5 stars · 2 reviews")
    page.goto(live_server.url + answer.question.get_absolute_url())
    expect(page.locator("article.answer")).to_contain_text("4.0 out of 5 stars · 2 reviews")

    page.goto(live_server.url + f"/doctors/{doctor.slug}/review/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit your review")
    page.get_by_label("1 star", exact=True).check()
    page.get_by_role("button", name="Save your review").click()
    expect(page.locator(".page-head")).to_contain_text("2.0 out of 5 stars · 2 reviews")
    page.goto(live_server.url + answer.question.get_absolute_url())
    expect(page.locator("article.answer")).to_contain_text("2.0 out of 5 stars · 2 reviews")
    page.goto(live_server.url + "/doctors/")
    expect(page.locator(".doctor-card")).to_contain_text("2.0 out of 5 stars · 2 reviews")
    assert axe_violations() == []
    screenshot("directory-with-ratings")
