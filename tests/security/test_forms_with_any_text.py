"""Every form, fed arbitrary text (control characters, very long strings, HTML and script):
never a 500, and whatever comes back is escaped."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doctors import services as doctor_services
from tests.factories import QuestionFactory

SCRIPT = "<script>alert(1)</script>"
text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=50),
    st.text(min_size=6000, max_size=7000, alphabet="ab <>&\"'\n"),
    st.builds(lambda a, b: a + SCRIPT + b, st.text(max_size=40), st.text(max_size=40)),
    st.sampled_from(
        ["", " ", "\x00", "\u202e", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "' OR 1=1 --", '"><img src=x onerror=alert(1)>']
    ),
)
EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check(response) -> None:
    assert response.status_code < 500
    body = response.content.decode(errors="replace")
    assert SCRIPT not in body
    assert "<img src=x onerror" not in body


@pytest.fixture(autouse=True)
def roomy_limits(settings):
    settings.POSTING_LIMITS = dict.fromkeys(
        ("question", "answer", "review", "report"), (10000, 10000)
    )


@EXAMPLES
@given(title=text, body=text, treatments=text)
def test_ask(client_as, alice, title, body, treatments):
    check(
        client_as(alice).post(
            reverse("forum:question_ask"),
            {"title": title, "body": body, "treatments": treatments, "photo_visibility": "members"},
        )
    )


@EXAMPLES
@given(headline=text, body=text)
def test_answer(client_as, bob, headline, body):
    question = QuestionFactory()
    check(
        client_as(bob).post(
            reverse("forum:answer_post", args=[question.pk]), {"headline": headline, "body": body}
        )
    )


@EXAMPLES
@given(title=text, body=text, treatment=text, rating=text, treated_in=text)
def test_review(client_as, alice, bob, title, body, treatment, rating, treated_in):
    check(
        client_as(alice).post(
            reverse("doctors:review", args=[bob.doctor_profile.slug]),
            {
                "rating": rating,
                "title": title,
                "body": body,
                "treatment_name": treatment,
                "worth_it": "yes",
                "experience": "treatment",
                "treated_in": treated_in,
            },
        )  # fmt: skip
    )


@EXAMPLES
@given(reply=text)
def test_review_reply(client_as, alice, bob, reply):
    review, _ = doctor_services.review_submit(
        doctor=bob.doctor_profile, author=alice,
        fields={"rating": 4, "title": "Kind", "body": "Careful and kind.", "worth_it": "yes"},
    )  # fmt: skip
    url = reverse("doctors:review_reply", args=[bob.doctor_profile.slug, review.pk])
    check(client_as(bob).post(url, {"reply": reply}, follow=True))


@EXAMPLES
@given(reason=text, details=text)
def test_report(client_as, mallory, reason, details):
    question = QuestionFactory()
    url = reverse("moderation:report", args=["question", question.pk])
    check(client_as(mallory).post(url, {"reason": reason, "details": details}))
    check(client_as(mallory).post(url, {"reason": "other", "details": details}))


@EXAMPLES
@given(name=text, credentials=text, city=text, bio=text, website=text, licence=text)
def test_doctor_application(client_as, carol, name, credentials, city, bio, website, licence):
    from tests.factories import DoctorFactory

    check(
        client_as(DoctorFactory()).post(
            reverse("doctors:apply"),
            {
                "name": name,
                "credentials": credentials,
                "city": city,
                "bio": bio,
                "website": website,
                "licence_number": licence,
                "submit": "",
            },
        )  # fmt: skip
    )


@EXAMPLES
@given(display_name=text)
def test_profile(client_as, alice, display_name):
    check(client_as(alice).post(reverse("accounts:profile"), {"display_name": display_name}))


@EXAMPLES
@given(email=text, display_name=text, password=text)
def test_signup(client, db, email, display_name, password):
    check(
        client.post(
            reverse("account_signup"),
            {
                "email": email,
                "display_name": display_name,
                "role": "patient",
                "password1": password,
                "password2": password,
            },
        )  # fmt: skip
    )


@EXAMPLES
@given(query=text, page=text)
def test_search_and_lists(client, db, query, page):
    check(client.get(reverse("forum:search"), {"q": query, "page": page}))
    check(
        client.get(
            reverse("forum:question_list"), {"treatment": query, "sort": query, "page": page}
        )
    )
    check(
        client.get(reverse("doctors:directory"), {"city": query, "specialty": query, "page": page})
    )


@EXAMPLES
@given(treatments=text, confirm=text, posts=text)
def test_dashboard_treatments_and_account_forms(
    client_as, bob, mallory, treatments, confirm, posts
):
    check(
        client_as(bob).post(reverse("forum:doctor_follow"), {"treatments": treatments}, follow=True)
    )
    check(
        client_as(mallory).post(
            reverse("privacy:account_delete"), {"posts": posts, "confirm": confirm}
        )
    )


@EXAMPLES
@given(name=text, email=text, topic=text, message=text)
def test_contact(client, db, django_capture_on_commit_callbacks, name, email, topic, message):
    cache.clear()  # the contact limit, which would answer 429 after a few examples
    url = reverse("pages:contact")
    check(client.post(url, {"name": name, "email": email, "topic": topic, "message": message}))
    # A valid address and topic, so that odd names and messages reach the email itself.
    with django_capture_on_commit_callbacks(execute=True):
        data = {"name": name, "email": "a@example.com", "topic": "other", "message": message}
        check(client.post(url, data))
