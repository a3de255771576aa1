"""Patients follow a treatment from its page, with or without JavaScript, and are emailed when a
question about it is published, as for the questions they follow."""

import pytest
from django.test import Client

from treatments.models import Treatment, TreatmentFollow

URL = "/treatments/botox/follow/"


@pytest.fixture
def botox(db) -> Treatment:
    return Treatment.objects.get_or_create(name="Botox")[0]


def follows(user, treatment) -> bool:
    return TreatmentFollow.objects.filter(user=user, treatment=treatment).exists()


def test_following_and_unfollowing_without_javascript(client_as, mallory, botox):
    browser = client_as(mallory)
    response = browser.post(URL, {"follow": "1"}, follow=True)
    assert response.redirect_chain == [("/treatments/botox/", 302)]
    html = response.content.decode()
    assert "You follow Botox: we&#x27;ll email you when a patient asks about it." in html
    assert 'aria-pressed="true"' in html and "Following Botox" in html
    assert follows(mallory, botox)
    browser.post(URL, {"follow": "1"})  # a resent form changes nothing
    assert TreatmentFollow.objects.count() == 1
    html = browser.post(URL, {"follow": "0"}, follow=True).content.decode()
    assert "You no longer follow Botox." in html and 'aria-pressed="false"' in html
    assert not follows(mallory, botox)


def test_following_with_htmx_swaps_the_button(client_as, mallory, botox):
    browser = client_as(mallory)
    fragment = browser.post(URL, {"follow": "1"}, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert fragment.status_code == 200 and html.startswith('<form class="follow follow--treatment"')
    assert 'aria-pressed="true"' in html and 'data-hx-post="/treatments/botox/follow/"' in html
    assert 'name="follow" value="0"' in html
    assert follows(mallory, botox)
    html = browser.post(URL, {"follow": "0"}, headers={"HX-Request": "true"}).content.decode()
    assert 'aria-pressed="false"' in html and not follows(mallory, botox)


def test_visitors_are_sent_to_log_in_and_doctors_may_not(client, client_as, bob, botox):
    page = client.get("/treatments/botox/").content.decode()
    assert 'href="/account/login/?next=/treatments/botox/">Follow Botox</a>' in page
    response = client.post(URL, {"follow": "1"})
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    assert client_as(bob).post(URL, {"follow": "1"}).status_code == 403
    assert "Doctors follow treatments on their dashboard" in (
        client_as(bob).get("/treatments/botox/").content.decode()
    )
    assert not TreatmentFollow.objects.exists()


def test_the_follow_address_wants_a_post_with_its_token_and_a_real_treatment(
    client_as, mallory, botox
):
    browser = client_as(mallory)
    assert browser.get(URL).status_code == 405
    assert browser.post("/treatments/no-such-thing/follow/", {"follow": "1"}).status_code == 404
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(mallory)
    assert strict.post(URL, {"follow": "1"}).status_code == 403
    assert not TreatmentFollow.objects.exists()
