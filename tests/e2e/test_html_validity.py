"""The main pages, as the server sends them to each kind of member, pass the Nu HTML checker
(vnu.jar, from the npm package vnu-jar that `make test` installs into node_modules/) with no
errors.

The bytes checked are the response bodies, not what a browser makes of them (page.content()
would be the browser's repaired DOM). vnu runs once on all of them: the JVM's start-up is
most of its time.
"""

import json
import os
import re
import shutil
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import notifications
from doctors import services as doctor_services
from forum import services
from forum.models import PhotoVisibility
from moderation.services import ban
from pages.contact import PER_HOUR
from tests.consultations.conftest import processed, start
from tests.factories import (
    PASSWORD,
    DoctorFactory,
    DoctorProfileFactory,
    PatientFactory,
    QuestionFactory,
    ReviewFactory,
)
from tests.gallery.conftest import make_pair
from treatments.models import Treatment

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Messages of the checker that are wrong about these pages, each with the reason. Nothing else
# is left out: a new kind of error fails the test until it is fixed (or explained here).
FALSE_POSITIVES: dict[str, str] = {}

# Checked with the pages: its one error shows that the checker ran and read every file.
CANARY = '<!doctype html><html lang="en"><title>Canary</title><p data-x hx-post="/">Hi</p>'
CANARY_ERROR = "Attribute “hx-post” not allowed on element “p” at this point."


@pytest.fixture
def vnu() -> list[str]:
    """The command that runs the checker; skips without Java or the jar, but fails in CI
    (CI is set), where a skipped check would pass without checking anything."""
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("java (Java 17 or newer) is not on PATH")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR.relative_to(ROOT)} is missing (`make test` runs npm ci)")
    if missing:
        reason = "the Nu HTML checker cannot run: " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    # The checker's schema needs a deep stack; the C1 compiler alone halves its start-up here.
    jvm = ["-Xss16m", "-XX:TieredStopAtLevel=1"]
    return [java, *jvm, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--errors-only"]


def signed_in(user, *, reauthenticated: bool = False) -> Client:
    client = Client()
    client.force_login(user)
    if reauthenticated:  # for the account pages that ask for the password again
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


@pytest.fixture
def site(alice, bob, carol, mallory, moderator):
    """A question with everything its page can show, and the members who look at it."""
    dana = DoctorFactory(email="dana@example.com", display_name="Dana Cole")
    DoctorProfileFactory(user=dana, name="Dana Cole", credentials=["MD"])
    question = QuestionFactory(
        author=alice,
        title="Swollen lips three days after filler",
        body="The swelling has not gone down after my lip filler.\n\nIs that normal?",
        treatments=["Lip filler", "Swelling"],
        photos=2,
        photo_visibility=PhotoVisibility.EVERYONE,
    )
    QuestionFactory(author=mallory, title="Bruising after Botox between the eyes")
    answer, _ = services.answer_submit(
        question=question, doctor=bob.doctor_profile, headline="Swelling for two weeks is common",
        body="Swelling after filler settles within two weeks for most people.", notify=False,
    )  # fmt: skip
    services.vote_set(answer=answer, user=mallory, helpful=True)
    services.agreement_set(answer=answer, doctor=dana.doctor_profile, agree=True)
    services.helped_set(answer=answer, helped=True)
    services.follow_set(question=question, user=mallory, follow=True)
    update = services.update_add(
        question=question, body="A week later it is softer.", status_set="", new_photos=[],
        notify=False,
    )  # fmt: skip
    lip_filler = Treatment.objects.get(slug="lip-filler")
    review, _ = doctor_services.review_submit(
        doctor=bob.doctor_profile, author=alice,
        fields={"rating": 4, "title": "Kind and careful", "body": "She explained every step.",
                "worth_it": "yes", "experience": "treatment", "treatment": lip_filler,
                "cost_range": "500-1000"},
    )  # fmt: skip
    for worth_it, cost in [
        ("yes", "250-500"),
        ("yes", "500-1000"),
        ("no", "250-500"),
        ("not_sure", ""),
    ]:
        # The treatment's page with every figure: shares, a typical cost, its reviews.
        ReviewFactory(doctor=dana.doctor_profile, treatment=lip_filler, worth_it=worth_it,
                      cost_range=cost, experience="treatment")  # fmt: skip
    ReviewFactory(doctor=dana.doctor_profile, treatment=lip_filler, cost_range="1000-3000")
    dana.doctor_profile.refresh_rating()
    services.treatment_follow_set(treatment=lip_filler, user=mallory, follow=True)
    doctor_services.review_reply(review=review, text="Thank you for your kind words.")
    bob.doctor_profile.refresh_rating()
    pair = make_pair(bob.doctor_profile, lip_filler)  # on the profile, the hub, the galleries
    consultation = start(mallory, bob, pictures=[(processed(), "Upper lip, day three")])
    banned = PatientFactory(email="banned@example.com", display_name="Banned Member")
    ban(user=banned, actor=moderator, reason="Spam", until=timezone.now() + timedelta(days=3))
    return {
        "question": question,
        "update": update,
        "doctor": bob.doctor_profile,
        "pair": pair,
        "consultation": consultation,
        "unsubscribe": notifications.unsubscribe_token(alice, "answers"),
        "members": {
            "anonymous": Client(),
            "asker": signed_in(alice, reauthenticated=True),
            "patient": signed_in(mallory),
            "doctor": signed_in(bob),
            "new-doctor": signed_in(dana),
            "pending-doctor": signed_in(carol),
            "moderator": signed_in(moderator),
            "banned": signed_in(banned),
        },
    }


def pages(site) -> dict[str, tuple[str, str, int]]:
    """name: (who, path, the status expected)."""
    question, pk = site["question"].get_absolute_url(), site["question"].pk
    doctor = site["doctor"].slug
    wanted = {
        "anonymous": [
            ("home", reverse("home")),
            ("questions", reverse("forum:question_list")),
            ("questions-by-treatment", reverse("forum:question_list") + "?treatment=lip-filler"),
            ("question", question),
            ("search", reverse("forum:search")),
            ("search-results", reverse("forum:search") + "?q=swelling+filler"),
            ("search-nothing", reverse("forum:search") + "?q=zebra"),
            ("search-corrected", reverse("forum:search") + "?q=swellng+filler"),
            ("search-any-words", reverse("forum:search") + "?q=how+much+does+filler+cost"),
            ("treatment", reverse("forum:treatment_detail", args=["lip-filler"])),
            ("treatment-reviews", reverse("forum:treatment_reviews", args=["lip-filler"])),
            ("doctors", reverse("doctors:directory")),
            ("doctors-near", reverse("doctors:directory") + "?near=98101&radius=50"),
            ("doctors-near-unknown", reverse("doctors:directory") + "?near=00000"),
            ("doctor", reverse("doctors:profile", args=[doctor])),
            ("doctor-reviews", reverse("doctors:reviews", args=[doctor])),
            ("doctor-gallery", reverse("gallery:doctor", args=[doctor])),
            ("treatment-gallery", reverse("gallery:treatment", args=["lip-filler"])),
            ("login", reverse("account_login")),
            ("signup", reverse("account_signup")),
            ("signup-doctor", reverse("account_signup") + "?role=doctor"),
            ("password-reset", reverse("account_reset_password")),
            (
                "password-reset-bad-key",
                reverse("account_reset_password_from_key", args=["zz", "not-a-real-key"]),
            ),
            ("verification-sent", reverse("account_email_verification_sent")),
            ("unsubscribe", reverse("accounts:unsubscribe", args=[site["unsubscribe"]])),
            ("about", reverse("pages:about")),
            ("privacy", reverse("pages:privacy")),
            ("terms", reverse("pages:terms")),
            ("contact", reverse("pages:contact")),
            ("not-found", "/no-such-page/", 404),
        ],
        "asker": [
            ("home", reverse("home")),
            ("question", question),
            ("ask", reverse("forum:question_ask")),
            ("ask-about", reverse("forum:question_ask") + "?treatments=Lip+filler"),
            ("edit", reverse("forum:question_edit", args=[pk])),
            ("delete", reverse("forum:question_delete", args=[pk])),
            ("deidentify", reverse("forum:question_deidentify", args=[pk])),
            ("delete-follow-up", reverse("forum:update_delete", args=[site["update"].pk])),
            ("log-out", reverse("account_logout")),
            ("profile", reverse("accounts:profile")),
            ("email", reverse("account_email")),
            ("password", reverse("account_change_password")),
            ("two-factor", reverse("mfa_index")),
            ("notifications", reverse("accounts:notifications")),
            ("notification-list", reverse("accounts:notification_list")),
            ("my-activity", reverse("forum:my_activity")),
            ("sessions", reverse("usersessions_list")),
            ("data", reverse("privacy:data_export")),
            ("delete-account", reverse("privacy:account_delete")),
            ("review", reverse("doctors:review", args=[doctor])),
            ("contact", reverse("pages:contact")),
        ],
        "patient": [
            ("question", question),
            ("doctor", reverse("doctors:profile", args=[doctor])),
            ("review", reverse("doctors:review", args=[doctor])),
            ("report", reverse("moderation:report", args=["question", pk])),
            ("treatment", reverse("forum:treatment_detail", args=["lip-filler"])),
            ("reauthenticate", reverse("account_reauthenticate")),
            ("forbidden", reverse("forum:doctor_dashboard"), 403),
            ("consult-request", reverse("consultations:request", args=[doctor])),
            ("consult-inbox", reverse("consultations:inbox")),
            ("consult-thread", site["consultation"].get_absolute_url()),
        ],
        "doctor": [
            ("question", question),
            ("dashboard", reverse("forum:doctor_dashboard")),
            ("treatment", reverse("forum:treatment_detail", args=["lip-filler"])),
            ("doctor", reverse("doctors:profile", args=[doctor])),
            ("doctor-reviews", reverse("doctors:reviews", args=[doctor])),
            ("apply", reverse("doctors:apply")),
            ("about", reverse("pages:about")),
            ("gallery-new", reverse("gallery:new")),
            ("gallery-delete", reverse("gallery:delete", args=[site["pair"].pk])),
            ("consult-inbox", reverse("consultations:inbox")),
            ("consult-thread", site["consultation"].get_absolute_url()),
        ],
        "new-doctor": [
            ("question", question),
            ("dashboard", reverse("forum:doctor_dashboard")),
        ],
        "pending-doctor": [
            ("dashboard", reverse("forum:doctor_dashboard")),
            ("apply", reverse("doctors:apply")),
        ],
        "moderator": [
            ("home", reverse("home")),
            ("question", question),
            ("contact", reverse("pages:contact")),
        ],
        "banned": [("banned", reverse("home"), 403)],
    }
    return {
        f"{who}--{entry[0]}": (who, entry[1], entry[2] if len(entry) > 2 else 200)
        for who, entries in wanted.items()
        for entry in entries
    }


def fetch_all(site, settings, folder: Path) -> dict[str, Path]:
    """Save each page's bytes as folder/NAME.html; also the data page with a copy ready, the ask,
    answer and contact forms with errors, and the 429 pages of a member over a posting limit and
    of a visitor who wrote to the team too often."""
    files, wrong = {}, []
    for name, (who, path, status) in pages(site).items():
        response = site["members"][who].get(path)
        if response.status_code != status:
            wrong.append(f"{name}: {path} answered {response.status_code}, not {status}")
        files[name] = folder / f"{name}.html"
        files[name].write_bytes(response.content)
    asker = site["members"]["asker"]
    asker.post(reverse("privacy:data_export"))  # the task runs at once in tests
    files["asker--data-ready"] = folder / "asker--data-ready.html"
    files["asker--data-ready"].write_bytes(asker.get(reverse("privacy:data_export")).content)
    ask = {
        "title": "Facial pain after Botox in my jaw?",
        "body": "I had 50 units of Botox in December and 50 more in March. My jaw hurts since.",
        "treatments": "Botox",
        "photo_visibility": "members",
    }
    answer = reverse("forum:answer_post", args=[site["question"].pk])
    ask_url = reverse("forum:question_ask")
    settings.POSTING_LIMITS = {**settings.POSTING_LIMITS, "question": (0, 0)}
    contact_url = reverse("pages:contact")
    message = {
        "name": "Jasmine",
        "email": "jasmine@example.com",
        "topic": "using",
        "message": "How do I change who can see my photos?",
    }
    for _ in range(PER_HOUR):
        site["members"]["anonymous"].post(contact_url, message)
    consult_url = reverse("consultations:request", args=[site["doctor"].slug])
    thread_url = site["consultation"].get_absolute_url()
    for name, who, path, data, status in (
        ("asker--ask-with-errors", "asker", ask_url, {**ask, "title": "Help", "body": ""}, 400),
        ("asker--too-many", "asker", ask_url, ask, 429),
        ("new-doctor--answer-with-errors", "new-doctor", answer, {"headline": "No"}, 400),
        ("patient--contact-with-errors", "patient", contact_url, {"email": "jasmine@"}, 400),
        ("doctor--gallery-with-errors", "doctor", reverse("gallery:new"), {"caption": "x"}, 400),
        ("anonymous--contact-too-many", "anonymous", contact_url, message, 429),
        ("patient--consult-with-errors", "patient", consult_url, {"subject": "Hi"}, 400),
        ("doctor--consult-reply-with-errors", "doctor", thread_url, {"body": " "}, 400),
    ):
        response = site["members"][who].post(path, data)
        if response.status_code != status:
            wrong.append(f"{name}: {path} answered {response.status_code}, not {status}")
        files[name] = folder / f"{name}.html"
        files[name].write_bytes(response.content)
    assert not wrong, "\n".join(wrong)
    return files


def check(vnu: list[str], files: dict[str, Path], folder: Path) -> list[str]:
    """The checker's errors as 'NAME.html:LINE: message [the markup]', one a line."""
    canary = folder / "zz-canary.html"
    canary.write_text(CANARY)
    run = subprocess.run(  # noqa: S603 - the machine's java on our own files
        [*vnu, *[str(path) for path in files.values()], str(canary)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(run.stdout)["messages"]
    except ValueError:
        pytest.fail(f"vnu failed (exit {run.returncode}):\n{run.stderr}{run.stdout}")
    errors = []
    for message in messages:
        text = message.get("message", "")
        if any(re.search(pattern, text) for pattern in FALSE_POSITIVES):
            continue
        name = message.get("url", "?").rsplit("/", 1)[-1]
        extract = " ".join(message.get("extract", "").split())
        errors.append(f"{name}:{message.get('lastLine', '?')}: {text} [{extract}]")
    canary_errors = [error for error in errors if error.startswith(f"{canary.name}:")]
    assert len(canary_errors) == 1 and CANARY_ERROR in canary_errors[0], (
        f"the checker missed the canary: {canary_errors}"
    )
    return [error for error in errors if error not in canary_errors]


def test_the_main_pages_pass_the_nu_html_checker(vnu, site, settings, tmp_path):
    files = fetch_all(site, settings, tmp_path)
    started = time.monotonic()
    errors = check(vnu, files, tmp_path)
    seconds = time.monotonic() - started
    print(f"vnu checked {len(files)} pages in {seconds:.1f} s")
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
