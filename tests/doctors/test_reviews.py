import pytest
from django.core.management import call_command
from django.urls import reverse

from doctors.models import DoctorProfile, Review
from moderation.services import set_hidden
from tests.factories import AnswerFactory, DoctorProfileFactory, PatientFactory, ReviewFactory

REVIEW = {
    "rating": "5",
    "title": "Clear, kind and honest",
    "body": "The doctor explained every step and the result looks natural.",
    "treatment_name": "Botox",
    "worth_it": "yes",
    "experience": "treatment",
    "cost_range": "250-500",
    "treated_in": "2026-03",
}


@pytest.fixture
def doctor(bob):
    return DoctorProfile.objects.get(user=bob)


def review_url(doctor) -> str:
    return reverse("doctors:review", args=[doctor.slug])


def test_a_patient_reviews_a_doctor_and_the_figures_follow(client_as, alice, doctor):
    response = client_as(alice).post(review_url(doctor), REVIEW)
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.rating, review.author, review.treated_in.isoformat()) == (5, alice, "2026-03-01")
    doctor.refresh_from_db()
    assert (doctor.review_count, str(doctor.rating_average), doctor.stars_5) == (1, "5.00", 1)


def test_a_second_review_edits_the_first(client_as, alice, doctor):
    browser = client_as(alice)
    browser.post(review_url(doctor), REVIEW)
    browser.post(review_url(doctor), REVIEW | {"rating": "1", "title": "Changed my mind"})
    assert Review.objects.count() == 1
    doctor.refresh_from_db()
    assert (doctor.review_count, doctor.stars_5, doctor.stars_1) == (1, 0, 1)
    assert str(doctor.rating_average) == "1.00"


@pytest.mark.parametrize("rating", ["0", "6", "4.5", "abc", ""])
def test_bad_ratings_get_a_message(client_as, alice, doctor, rating):
    response = client_as(alice).post(review_url(doctor), REVIEW | {"rating": rating})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose from 1 to 5 stars." in html or "This field is required." in html
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Ok", "at least 5 characters"),
        ("body", "Too short.", "at least 30 characters"),
        ("worth_it", "maybe", "Select a valid choice"),
        ("treated_in", "March", "Enter a valid date"),
        ("treatment_name", "_", "Use the treatment&#x27;s name"),
    ],
)
def test_bad_review_fields_get_a_message(client_as, alice, doctor, field, value, message):
    response = client_as(alice).post(review_url(doctor), REVIEW | {field: value})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_who_may_review(client, client_as, doctor, bob, carol):
    assert client.post(review_url(doctor), REVIEW).status_code == 302  # to log in
    assert client_as(bob).post(review_url(doctor), REVIEW).status_code == 403  # own profile
    assert client_as(carol).post(review_url(doctor), REVIEW).status_code == 403  # a doctor
    unverified = PatientFactory(verified=False)
    assert client_as(unverified).post(review_url(doctor), REVIEW).status_code == 403
    assert not Review.objects.exists()


def test_only_verified_doctors_can_be_reviewed(client_as, alice, carol):
    pending = DoctorProfile.objects.get(user=carol)
    pending.slug = "carol-hart"
    pending.save()
    assert client_as(alice).post(review_url(pending), REVIEW).status_code == 404


def test_a_hidden_review_does_not_count(client_as, alice, mallory, doctor):
    client_as(alice).post(review_url(doctor), REVIEW)
    client_as(mallory).post(review_url(doctor), REVIEW | {"rating": "1"})
    set_hidden(Review.objects.get(author=mallory), hidden=True, actor=None, reason="Spam")
    doctor.refresh_from_db()
    assert (doctor.review_count, str(doctor.rating_average)) == (1, "5.00")
    html = client_as(alice).get(reverse("doctors:reviews", args=[doctor.slug])).content.decode()
    assert html.count('class="review card"') == 1


@pytest.mark.parametrize(
    ("ratings", "shown"),
    [
        ([], "No reviews yet"),
        ([4], "4.0 out of 5 stars · 1 review<"),
        ([5, 5, 4, 3, 5], "4.4 out of 5 stars · 5 reviews"),
    ],
)
def test_the_summary_reads_as_on_the_sample_page(client, doctor, ratings, shown):
    for rating in ratings:
        ReviewFactory(doctor=doctor, rating=rating, title="A title", worth_it="yes")
    doctor.refresh_rating()
    answer = AnswerFactory(doctor=doctor)
    for url in [
        doctor.get_absolute_url(),
        reverse("doctors:directory"),
        answer.question.get_absolute_url(),
    ]:
        assert shown in client.get(url).content.decode(), url


def test_reviews_sort_newest_highest_lowest(client, doctor):
    for rating, title in [(3, "Middle one"), (5, "Best one"), (1, "Worst one")]:
        ReviewFactory(doctor=doctor, rating=rating, title=title, worth_it="yes")
    url = reverse("doctors:reviews", args=[doctor.slug])
    newest = client.get(url).content.decode()
    assert newest.index("Worst one") < newest.index("Best one") < newest.index("Middle one")
    highest = client.get(url, {"order": "highest"}).content.decode()
    assert highest.index("Best one") < highest.index("Middle one") < highest.index("Worst one")
    lowest = client.get(url, {"order": "lowest"}).content.decode()
    assert lowest.index("Worst one") < lowest.index("Best one")


def test_the_doctor_replies_once_and_edits_the_reply(client_as, alice, mallory, bob, doctor):
    client_as(alice).post(review_url(doctor), REVIEW)
    review = Review.objects.get()
    url = reverse("doctors:review_reply", args=[doctor.slug, review.pk])
    assert client_as(mallory).post(url, {"reply": "Not mine"}).status_code == 403
    client_as(bob).post(url, {"reply": "Thank you for your review."})
    client_as(bob).post(url, {"reply": "Thank you again."})
    review.refresh_from_db()
    assert review.reply == "Thank you again."
    html = client_as(mallory).get(reverse("doctors:reviews", args=[doctor.slug])).content.decode()
    assert "Reply from Bob Stone, MD, FACS" in html


def test_the_directory_ranks_by_the_bayesian_score(client, db):
    one_perfect = DoctorProfileFactory(name="One Perfect Review")
    many_good = DoctorProfileFactory(name="Many Good Reviews")
    ReviewFactory(doctor=one_perfect, rating=5, title="Great", worth_it="yes")
    for index in range(30):
        ReviewFactory(doctor=many_good, rating=5 if index % 10 else 3, title="Good", worth_it="yes")
    one_perfect.refresh_rating()
    many_good.refresh_rating()
    html = client.get(reverse("doctors:directory")).content.decode()
    assert html.index("Many Good Reviews") < html.index("One Perfect Review")


def test_recompute_ratings_reports_drift(doctor, capsys):
    ReviewFactory(
        doctor=doctor, rating=4, title="Good", worth_it="yes"
    )  # written around the service: the stored figures are now stale
    call_command("recompute_ratings")
    out = capsys.readouterr().out
    assert "Bob Stone, MD, FACS" in out and "review_count 0 -> 1" in out
    assert "1 had drifted" in out
    doctor.refresh_from_db()
    assert doctor.review_count == 1
    call_command("recompute_ratings")
    assert "0 had drifted" in capsys.readouterr().out


def test_review_pages_are_bounded(client, doctor, django_assert_max_num_queries):
    for _ in range(30):
        ReviewFactory(doctor=doctor, rating=5, title="Good", worth_it="yes")
    doctor.refresh_rating()
    with django_assert_max_num_queries(4):
        assert client.get(reverse("doctors:reviews", args=[doctor.slug])).status_code == 200
    # The sixth: whether the doctor has two-factor authentication, for the consultation button.
    with django_assert_max_num_queries(6):
        assert client.get(doctor.get_absolute_url()).status_code == 200


def test_a_new_treatment_named_in_a_review_is_made(client_as, alice, doctor):
    client_as(alice).post(review_url(doctor), REVIEW | {"treatment_name": "Thread lift"})
    assert Review.objects.get().treatment.slug == "thread-lift"
