import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Role, User
from forum.models import Photo, PhotoVisibility, Question
from treatments.models import Treatment


@pytest.fixture
def seeded(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    return capsys.readouterr().out


def test_seed_demo_creates_every_role(seeded):
    assert "password for all: docanswers-demo" in seeded
    assert User.objects.get(email="patient@example.com").role == Role.PATIENT
    assert User.objects.get(email="doctor@example.com").is_doctor
    assert User.objects.get(email="moderator@example.com").is_moderator
    assert User.objects.get(email="admin@example.com").is_superuser
    signing_in = [user for user in User.objects.all() if user.has_usable_password()]
    assert signing_in and all(user.has_verified_email for user in signing_in)
    assert User.objects.get(email="patient@example.com").check_password("docanswers-demo")


def test_seed_demo_has_the_sample_question(seeded):
    question = Question.objects.get(title="Facial Pain After Two Treatments of Botox in Jaw?")
    assert question.author.display_name == "Jasmine"
    assert question.body.startswith("I had 50 units of botox done in December 2012")
    assert sorted(question.treatments.names()) == ["Botox", "Jaw pain", "Masseter reduction"]
    assert question.photo_count == 1 == question.photos.count()
    assert question.photo_visibility == PhotoVisibility.EVERYONE
    assert question.display_title.endswith("(photo)")


def test_seed_demo_has_realistic_questions_across_treatments(seeded):
    assert Question.objects.count() >= 31
    assert Treatment.objects.popular().count() >= 10
    assert Question.objects.filter(photo_count__gt=0).count() >= 10
    assert Question.objects.filter(photo_count=0).count() >= 10
    assert Treatment.objects.exclude(description="").count() >= 10


def test_seed_demo_can_run_again(seeded, settings):
    questions, photos = Question.objects.count(), Photo.objects.count()
    call_command("seed_demo", "--quiet")
    assert (Question.objects.count(), Photo.objects.count()) == (questions, photos)
    assert User.objects.filter(email="patient@example.com").count() == 1


def test_seed_demo_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="published passwords"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_has_the_sample_answers_by_verified_doctors(seeded):
    from doctors.models import DoctorProfile, Status

    question = Question.objects.get(title="Facial Pain After Two Treatments of Botox in Jaw?")
    answers = {answer.headline: answer for answer in question.answers.with_doctor()}
    assert question.answer_count == 4 == len(answers)
    seattle = answers["Botox and masseter treatments"].doctor
    assert seattle.display_name.endswith(", MD, FACS")
    assert seattle.practice_line == "Seattle Facial Plastic Surgeon"
    assert answers["Botox is never permanent"].doctor.practice_line == "Las Vegas Dermatologist"
    assert answers["Will Botox cause permanent change?"].body.startswith("Jasmine, If you do not")
    lines = {answer.doctor.practice_line for answer in answers.values()}
    assert "Tampa Plastic Surgeon" in lines and "Birmingham Dermatologist" in lines
    assert all(answer.doctor.status == Status.VERIFIED for answer in answers.values())
    assert DoctorProfile.objects.filter(status=Status.PENDING).count() == 1
    assert DoctorProfile.objects.filter(status=Status.REJECTED).count() == 1
    assert DoctorProfile.objects.verified().count() >= 6
    assert Question.objects.filter(answer_count__gt=0).count() >= 6


def test_seed_demo_gives_the_sample_doctors_their_figures(seeded, client):
    from doctors.models import DoctorProfile

    expected = {
        "Tampa Plastic Surgeon": "4.4 out of 5 stars · 39 reviews",
        "Las Vegas Dermatologist": "4.6 out of 5 stars · 17 reviews",
        "Birmingham Dermatologist": "5.0 out of 5 stars · 18 reviews",
        "Seattle Facial Plastic Surgeon": "4.7 out of 5 stars · 221 reviews",
    }
    html = client.get(
        Question.objects.get(title__startswith="Facial Pain After").get_absolute_url()
    ).content.decode()
    for line, figures in expected.items():
        assert figures in html, line
    doctors = DoctorProfile.objects.filter(review_count__gt=0)
    assert all(doctor.rating_figures()["review_count"] == doctor.review_count for doctor in doctors)
    from doctors.models import Review

    assert Review.objects.exclude(reply="").count() >= 3  # a few doctor replies


def test_seed_demo_has_one_possibly_urgent_question(seeded):
    urgent = Question.objects.exclude(urgent_reasons=[])
    assert [q.title for q in urgent] == ["Part of my upper lip turned white an hour after filler"]


def test_seed_demo_has_answers_that_doctors_agree_with(seeded):
    from forum.models import AnswerAgreement

    assert AnswerAgreement.objects.values("answer").distinct().count() == 2
    assert AnswerAgreement.objects.count() == 6


README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def test_the_readme_says_what_the_demo_holds(seeded):
    """The README's demo accounts table, doctors, follow-ups and moderators' queue."""
    from doctors.models import DoctorProfile, Status
    from moderation.models import Report, ReportStatus

    table = re.findall(r"^\| (\w+) +\| (\S+@example\.com) +\| ([^|]+?) +\|$", README, re.M)
    assert len(table) == 5
    for role, email, name in table:
        assert f"  {role:<10} {email:<24} {name}" in seeded  # as seed_demo prints them
        user = User.objects.get(email=email)
        assert user.display_name == name and user.check_password("docanswers-demo")

    statuses = {
        "verified": Status.VERIFIED,
        "application pending": Status.PENDING,
        "application rejected": Status.REJECTED,
        "licence verification expired": Status.EXPIRED,
    }
    doctors = re.findall(r"`(\S+@example\.com)`\s+\(([a-z ]+?)[,):]", README)
    assert len(doctors) == 4
    for email, status in doctors:
        assert DoctorProfile.objects.get(user__email=email).status == statuses[status], email

    title, count, email = re.search(
        r'question\s+"([^"]+)" has (\w+) follow-ups from its asker\s+\(`([^`]+)`\)', README
    ).groups()
    question = Question.objects.get(title=title)
    assert question.author.email == email
    assert question.updates.count() == NUMBERS[count]

    reports, banned = re.search(
        r"The demo\s+has (\w+) open reports waiting, and one banned account \(`([^`]+)`\)",
        README,
    ).groups()
    assert Report.objects.filter(status=ReportStatus.OPEN).count() == NUMBERS[reports]
    assert f"{NUMBERS[reports]} report(s) for the moderators" in seeded
    assert [user.email for user in User.objects.all() if user.is_banned] == [banned]


PLACEHOLDER = re.compile(r"\b(demo|placeholder|lorem|ipsum|todo|tbd|example)\b", re.I)


def test_seed_demo_doctors_and_reviews_look_real(seeded, client):
    """Every demo doctor has a headshot that went through the photo pipeline; no two reviews
    read the same; nothing says "demo" or "placeholder" where patients read it."""
    from django.core.files.storage import default_storage

    from doctors.demo_reviews import RESULTS, TONE
    from doctors.models import DoctorProfile, Experience, Review

    doctors = list(DoctorProfile.objects.select_related("specialty"))
    assert len(doctors) >= 10
    for doctor in doctors:
        assert doctor.headshot_key, doctor.name
        assert (doctor.headshot_width, doctor.headshot_height) == (480, 480)
        for size in ("full", "960", "320"):
            assert default_storage.exists(doctor.headshot_file_name(size)), (doctor.name, size)
        if doctor.is_public:
            response = client.get(doctor.headshot_url())
            assert response.status_code == 200 and response["Content-Type"] == "image/webp"
        text = " ".join(
            str(getattr(doctor, field.name))
            for field in DoctorProfile._meta.get_fields()
            if field.concrete
            and field.get_internal_type() in ("CharField", "TextField")
            and field.name not in ("search_text", "status")
        )
        assert not PLACEHOLDER.search(text), (doctor.name, PLACEHOLDER.search(text))
    keys = [doctor.headshot_key for doctor in doctors]
    assert len(set(keys)) == len(keys)

    reviews = list(Review.objects.select_related("treatment"))
    assert len(reviews) == 39 + 17 + 18 + 221
    bodies = [review.body for review in reviews]
    assert len(set(bodies)) == len(bodies)
    replies = [review.reply for review in reviews if review.reply]
    assert len(replies) >= 3 and len(set(replies)) == len(replies)
    for review in reviews:
        words = f"{review.title} {review.body} {review.reply}"
        assert not PLACEHOLDER.search(words), (review.pk, words)
        assert review.treatment is not None
        if review.experience == Experience.TREATMENT:
            # Its result is one said of that treatment, at that many stars.
            results = RESULTS[review.treatment.name][TONE[review.rating]]
            starts = [result.split("{when}")[-1][:30] for result in results]
            assert any(start in review.body for start in starts), (review.rating, review.body)
    html = client.get(DoctorProfile.objects.get(name="Adrian Kessler").get_absolute_url())
    assert "Board certification" in html.content.decode()


def test_seed_demo_fills_the_patients_inbox(seeded, client):
    """Jasmine's bell shows 2: the newest two answers to her questions, the rest read."""
    patient = User.objects.get(email="patient@example.com")
    answers = Question.objects.filter(author=patient).values_list("answer_count", flat=True)
    assert patient.notifications.count() == sum(answers) >= 3
    assert patient.unread_notifications == 2 == patient.notifications.filter(read_at=None).count()
    client.force_login(patient)
    page = client.get("/").content.decode()
    assert "Notifications, 2 new" in page
    call_command("seed_demo", "--quiet")
    assert patient.notifications.count() == sum(answers)  # once only
