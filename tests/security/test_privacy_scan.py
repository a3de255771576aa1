"""Display names only: no member's email address, and no IP address, appears on any public
page, feed, JSON-LD or sitemap of the demo site."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from doctors.models import DoctorProfile
from forum.models import Question
from treatments.models import Treatment

IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True  # seed_demo refuses to run on a real site
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False


def public_urls() -> list[str]:
    urls = [
        reverse("home"),
        reverse("forum:question_list"),
        reverse("forum:question_list") + "?sort=unanswered",
        reverse("forum:question_list") + "?page=2",
        reverse("doctors:directory"),
        reverse("forum:feed_rss"),
        reverse("forum:feed_atom"),
        reverse("robots_txt"),
        reverse("sitemap"),
        *(
            reverse("sitemap_section", args=[s])
            for s in ("pages", "questions", "treatments", "doctors")
        ),
        reverse("forum:search") + "?q=botox",
        reverse("forum:search") + "?q=example.com",
        reverse("pages:about"),
        reverse("pages:privacy"),
        reverse("pages:terms"),
        reverse("pages:contact"),
    ]
    urls += [question.get_absolute_url() for question in Question.objects.visible()]
    for treatment in Treatment.objects.all():
        urls += [
            treatment.get_absolute_url(),
            reverse("forum:treatment_feed_rss", args=[treatment.slug]),
        ]
    for doctor in DoctorProfile.objects.verified():
        urls += [doctor.get_absolute_url(), reverse("doctors:reviews", args=[doctor.slug])]
    return urls


def test_no_email_or_ip_address_on_any_public_page(demo):
    emails = list(User.objects.values_list("email", flat=True))
    assert len(emails) > 10
    checked = 0
    for visitor in (Client(), Client(REMOTE_ADDR="203.0.113.9")):
        for url in public_urls():
            response = visitor.get(url)
            assert response.status_code == 200, url
            text = response.content.decode()
            leaked = [email for email in emails if email in text]
            assert leaked == [], (url, leaked)
            assert IPV4.findall(text) == [], url
            checked += 1
    assert checked > 100
