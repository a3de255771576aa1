"""A treatment's page as a hub: what patients who had it say (worth it, what they paid, their
doctors' rating), its latest reviews, the doctors who answer most about it, its most answered
questions, and "Ask about" it."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doctors import selectors as doctor_selectors
from doctors.models import DoctorProfile
from forum import services
from moderation.services import set_hidden
from tests.factories import (
    DoctorProfileFactory,
    PatientFactory,
    QuestionFactory,
    ReviewFactory,
)
from treatments.models import Treatment

HUB = "/treatments/botox/"


@pytest.fixture
def botox(db) -> Treatment:
    return Treatment.objects.get_or_create(name="Botox")[0]


def review(treatment, *, doctor=None, **fields):
    """A published review naming the treatment; the doctor's figures recomputed."""
    made = ReviewFactory(doctor=doctor or DoctorProfileFactory(), treatment=treatment, **fields)
    made.doctor.refresh_rating()
    return made


def answered(doctor: DoctorProfile, treatments=("Botox",), **question):
    asked = QuestionFactory(treatments=list(treatments), **question)
    answer, _ = services.answer_submit(
        question=asked, doctor=doctor, headline="It wears off",
        body="Botox wears off within three to four months; nothing about it is permanent.",
        notify=False,
    )  # fmt: skip
    return asked, answer


# Figures


def test_worth_it_cost_and_rating_from_the_visible_reviews_of_the_treatment(client, botox):
    doctor = DoctorProfileFactory()
    for worth_it, cost in [("yes", "250-500")] * 6 + [("not_sure", "500-1000"), ("no", "")]:
        review(botox, doctor=None if cost else doctor, worth_it=worth_it, cost_range=cost)
    # A consultation counts in the rating, not in "worth it" or the cost.
    review(botox, experience="consultation", worth_it="no", cost_range="10000+", rating=1)
    # Not counted at all: another treatment, a hidden review, a suspended doctor's review.
    review(Treatment.objects.create(name="Lip filler"), worth_it="no", cost_range="10000+")
    hidden = review(botox, worth_it="no", cost_range="10000+")
    set_hidden(hidden, hidden=True, actor=None, reason="Spam")
    suspended = DoctorProfileFactory()
    review(botox, doctor=suspended, worth_it="no", cost_range="10000+")
    DoctorProfile.objects.filter(pk=suspended.pk).update(status="suspended")

    summary = doctor_selectors.review_summary(botox)
    assert (summary.review_count, summary.worth_it.total, summary.cost.total) == (9, 8, 7)
    assert [(s.key, s.count, s.percent) for s in summary.worth_it.shares] == [
        ("yes", 6, 75),
        ("not_sure", 1, 13),  # 12.5 each: the tie goes to the first
        ("no", 1, 12),
    ]
    assert (summary.cost.median, summary.cost.spread) == ("$250 to $500", "$250 to $500")
    assert str(summary.rating_average) == "4.56"  # (8 × 5 + 1) / 9
    html = client.get(HUB).content.decode()
    assert "<strong>75%</strong> say it's worth it" in html
    assert "13% not sure · 12% not worth it" in html
    assert "From 8 reviews by patients who had Botox." in html
    assert "<strong>$250 to $500</strong>" in html and "The median of 7 reported costs" in html
    assert "4.6 out of 5 stars · 9 reviews" in html


def test_few_reviews_give_counts_not_shares(client, botox):
    review(botox, worth_it="yes", cost_range="250-500")
    review(botox, worth_it="not_sure")
    html = client.get(HUB).content.decode()
    assert "So far: 1 worth it, 1 not sure." in html
    assert "we give a share once 5 have said" in html
    assert "say it's worth it" not in html
    assert "Only 1 patient who had Botox said what they paid so far" in html
    assert "The median of" not in html


def test_a_treatment_nobody_reviewed_says_so(client, botox):
    html = client.get(HUB).content.decode()
    assert "No patient who had Botox has reviewed it yet." in html
    assert "No patient who had Botox has said what they paid yet." in html
    assert "No reviews name Botox yet." in html


# Reviews


def test_the_latest_visible_reviews_and_a_link_to_all_of_them(client, botox):
    doctor = DoctorProfileFactory(name="Ada Quill")
    titles = [f"Review number {n}" for n in range(5)]
    for title in titles:
        review(botox, doctor=DoctorProfileFactory() if title[-1] != "4" else doctor, title=title)
    hidden = review(botox, title="A hidden review about Botox")
    set_hidden(hidden, hidden=True, actor=None, reason="Spam")
    html = client.get(HUB).content.decode()
    assert "Review number 4" in html and "Review number 2" in html
    assert "Review number 1" not in html  # the latest three only
    assert "A hidden review" not in html
    assert 'About <a href="/doctors/ada-quill/">Ada Quill, MD</a>' in html
    assert 'href="/treatments/botox/reviews/">All 5 reviews of Botox</a>' in html

    listed = client.get(reverse("forum:treatment_reviews", args=["botox"]))
    assert listed.status_code == 200
    page = listed.content.decode()
    assert all(title in page for title in titles) and "A hidden review" not in page
    assert client.get("/treatments/nope/reviews/").status_code == 404


def test_the_reviews_list_has_pages(client, botox):
    for n in range(12):
        review(botox, title=f"Review number {n:02d}")
    first = client.get("/treatments/botox/reviews/")
    assert "Page 1 of 2" in first.content.decode()
    assert "Review number 01" in client.get("/treatments/botox/reviews/?page=2").content.decode()


# Doctors


def test_doctors_ranked_by_answers_about_the_treatment_then_rating(client, botox):
    most = DoctorProfileFactory(name="Most Answers")
    liked = DoctorProfileFactory(name="Well Liked")
    other = DoctorProfileFactory(name="Less Liked")
    pending = DoctorProfileFactory(name="Not Verified")
    for _ in range(3):
        answered(most)
    answered(liked)
    answered(other)
    answered(pending)
    answered(other, treatments=["Lip filler"])  # another treatment: not counted here
    review(None, doctor=liked, rating=5)
    review(None, doctor=other, rating=2)
    DoctorProfile.objects.filter(pk=pending.pk).update(status="pending")

    doctors = [doctor.name for doctor in client.get(HUB).context["top_doctors"]]
    assert doctors == ["Most Answers", "Well Liked", "Less Liked"]
    html = client.get(HUB).content.decode()
    assert "3 answers about Botox" in html and "1 answer about Botox" in html
    assert "Not Verified" not in html
    assert "5.0 out of 5 stars · 1 review" in html  # the rating as everywhere


# Questions


def test_the_most_answered_questions_and_then_all_of_them(client, botox):
    doctors = [DoctorProfileFactory() for _ in range(3)]
    popular = QuestionFactory(title="The most answered Botox question", treatments=["Botox"])
    for doctor in doctors:
        services.answer_submit(
            question=popular, doctor=doctor, headline="It settles",
            body="It settles within two weeks for nearly everyone; wait before judging it.",
            notify=False,
        )  # fmt: skip
    QuestionFactory(title="A Botox question nobody answered yet", treatments=["Botox"])
    response = client.get(HUB)
    assert [q.title for q in response.context["top_questions"]] == [popular.title]
    html = response.content.decode()
    assert "3 doctor answers" in html
    assert "All 2 questions" in html and "A Botox question nobody answered yet" in html


def test_later_pages_show_the_questions_alone(client, botox):
    for _ in range(21):
        QuestionFactory(treatments=["Botox"])
    second = client.get(HUB + "?page=2")
    html = second.content.decode()
    assert second.status_code == 200
    assert "Worth it?" not in html and "Doctors who answer about" not in html
    assert "Worth it?" in client.get(HUB).content.decode()


def test_ask_about_the_treatment_fills_it_in(client, client_as, alice, botox):
    html = client_as(alice).get(HUB).content.decode()
    assert 'href="/questions/ask/?treatments=Botox">Ask about Botox</a>' in html
    form = client_as(alice).get("/questions/ask/?treatments=Botox").context["form"]
    assert form["treatments"].value() == "Botox"


@pytest.mark.parametrize(
    "given, filled",
    [
        ("botox", "Botox"),  # its own name, whatever the case
        ("Botox, Lip filler", "Botox, Lip filler"),
        ("Botox, Made-up thing", "Botox"),  # only treatments that exist
        ("Made-up thing", None),
        ("", None),
        ("\x00Botox", None),
        ("<script>alert(1)</script>", None),
        ("x" * 5000, None),
        (",,,", None),
    ],
)
def test_the_ask_form_takes_known_treatments_from_the_address(
    client_as, alice, botox, given, filled
):
    Treatment.objects.create(name="Lip filler")
    response = client_as(alice).get(reverse("forum:question_ask"), {"treatments": given})
    assert response.status_code == 200
    assert response.context["form"]["treatments"].value() == filled


# Queries


def test_the_hub_makes_the_same_queries_with_more_data(client, client_as, botox):
    patient = PatientFactory()

    def grow(number: int) -> None:
        for _ in range(number):
            doctor = DoctorProfileFactory()
            answered(doctor)
            review(botox, doctor=doctor, cost_range="250-500", worth_it="yes")
            review(botox, doctor=doctor, experience="consultation", worth_it="not_sure")

    def queries(browser) -> int:
        for cache in caches.all():
            cache.clear()  # no page or fragment kept from the visit before
        with CaptureQueriesContext(connection) as captured:
            assert browser.get(HUB).status_code == 200
        return len(captured)

    anonymous, member = client, client_as(patient)
    grow(1)
    few = (queries(anonymous), queries(member))
    grow(12)
    many = (queries(anonymous), queries(member))
    assert few == many
    # A visitor: treatment, reviews' figures, latest reviews, doctors, top questions, the page
    # of questions and their treatments, and the before-and-after pairs (their photos too, when
    # there are some). A member: the session and the account, and whether they follow it.
    assert many == (8, 11)


def test_the_reviews_shown_are_those_the_public_sees_of_every_doctor(botox):
    """treatment_reviews repeats doctors.models.PUBLIC on the review's doctor: it must keep
    choosing the same reviews as Review.objects.visible_to() does."""
    from django.contrib.auth.models import AnonymousUser

    from doctors.models import Review

    for status, verified in [
        ("verified", True), ("expired", True), ("pending", True), ("pending", False),
        ("rejected", False), ("suspended", True), ("draft", False),
    ]:  # fmt: skip
        doctor = DoctorProfileFactory()
        review(botox, doctor=doctor)
        DoctorProfile.objects.filter(pk=doctor.pk).update(
            status=status, verified_at=doctor.verified_at if verified else None
        )
    shown = set(doctor_selectors.treatment_reviews(botox).values_list("pk", flat=True))
    public = set(Review.objects.visible_to(AnonymousUser()).values_list("pk", flat=True))
    assert shown == public and len(shown) == 3  # verified, expired, renewal being checked
