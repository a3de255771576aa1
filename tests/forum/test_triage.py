"""Urgent-symptom triage: matches, non-matches, negations, and what each person then sees."""

import pytest
from django.urls import reverse

from forum import triage
from forum.models import Question, UrgentRule

ASK = {"photo_visibility": "members"}


@pytest.mark.parametrize(
    ("text", "treatments", "rule"),
    [
        ("Since my Botox yesterday I have blurred vision in one eye", ["Botox"], "Vision"),
        ("My left eyelid is drooping two weeks after Botox", ["Botox"], "Vision"),
        ("My upper lip turned white and then dusky an hour after filler", ["Lip filler"], "Skin"),
        ("There's a mottled, lacy pattern on my cheek", ["Cheek filler"], "Skin"),
        ("My throat is closing and I have trouble breathing", ["Botox"], "Trouble breathing"),
        ("I've had a fever since yesterday and the wound is oozing", ["Tummy tuck"], "Fever"),
        ("Sudden CHEST PAIN after my liposuction", ["Liposuction"], "Chest pain"),
        ("I can’t see properly since the tear trough filler", ["Tear trough filler"], "Vision"),
    ],
)
def test_urgent_words_match(db, text, treatments, rule):
    (match,) = triage.find(text, treatments)
    assert match.name.startswith(rule) and match.advice


@pytest.mark.parametrize(
    ("text", "treatments"),
    [
        ("No vision change, but my forehead feels heavy after Botox", ["Botox"]),
        ("I don't have any trouble breathing, just swollen lips", ["Lip filler"]),
        ("Without fever, only a small bruise after the procedure", ["Tummy tuck"]),
        ("There was never any blanching or dusky skin after my filler", ["Lip filler"]),
        ("Is it normal that my smile looks uneven after masseter Botox?", ["Masseter reduction"]),
        (
            "Blurred vision after my tummy tuck anaesthesia has gone",
            ["Tummy tuck"],
        ),  # not a face injection
        ("I have a dusky complexion and want cheek filler", ["Botox"]),  # rule not for Botox
    ],
)
def test_ordinary_questions_and_negations_do_not_match(db, text, treatments):
    assert triage.find(text, treatments) == []


def test_a_negation_only_counts_in_its_own_sentence(db):
    text = "No pain at first. Now I have blurred vision after the Botox."
    assert [m.name[:6] for m in triage.find(text, ["Botox"])] == ["Vision"]


def test_an_urgent_question_shows_the_asker_what_to_do_and_is_flagged(
    client_as, alice, bob, mallory, moderator
):
    body = "An hour after lip filler part of my upper lip turned white and now looks dusky."
    response = client_as(alice).post(
        reverse("forum:question_ask"),
        ASK | {"title": "White patch on my lip", "body": body, "treatments": "Lip filler"},
    )
    question = Question.objects.get()
    assert question.urgent_reasons == ["Skin turning pale, white, blue or blotchy after filler"]
    page = client_as(alice).get(response.url).content.decode()
    assert "This may need urgent care" in page and "Call the clinic that injected you now" in page
    assert "This may need urgent care" not in client_as(mallory).get(response.url).content.decode()
    doctor_page = client_as(bob).get(response.url).content.decode()
    assert "Possibly urgent" in doctor_page
    dashboard = client_as(bob).get(reverse("forum:doctor_dashboard")).content.decode()
    assert "Questions that may need care now" in dashboard and question.title in dashboard
    admin_list = client_as(moderator).get(
        reverse("admin:forum_question_changelist") + "?urgent=yes"
    )
    assert question.title in admin_list.content.decode()


def test_an_edit_that_removes_the_words_removes_the_flag(client_as, alice):
    before = "I have chest pain since the liposuction two days ago."
    client_as(alice).post(
        reverse("forum:question_ask"),
        ASK | {"title": "Chest pain after lipo", "body": before, "treatments": "Liposuction"},
    )
    question = Question.objects.get()
    assert question.is_urgent
    after = "The bruising on my thighs is fading slowly after the liposuction."
    client_as(alice).post(
        reverse("forum:question_edit", args=[question.pk]),
        ASK | {"title": "Bruising after lipo", "body": after, "treatments": "Liposuction"},
    )
    question.refresh_from_db()
    assert not question.is_urgent


def test_the_ask_form_warns_as_the_patient_types(client, client_as, alice):
    url = reverse("forum:triage_check")
    browser = client_as(alice)
    warned = browser.post(
        url,
        {"title": "Help", "body": "I have trouble breathing after Botox", "treatments": "Botox"},
    )
    assert "This may need urgent care" in warned.content.decode()
    calm = browser.post(
        url, {"title": "Help", "body": "Is some swelling normal?", "treatments": "Botox"}
    )
    assert calm.content.decode().strip() == ""
    assert client.post(url, {"body": "chest pain"}).status_code == 302  # members only
    form = browser.get(reverse("forum:question_ask")).content.decode()
    assert f'data-hx-post="{url}"' in form and 'id="triage"' in form


def test_moderators_edit_the_rules_in_the_admin(client_as, moderator):
    rule = UrgentRule.objects.get(name__startswith="Chest pain")
    response = client_as(moderator).post(
        reverse("admin:forum_urgentrule_change", args=[rule.pk]),
        {"name": rule.name, "treatment_names": "", "phrases": "chest pain\npalpitations",
         "advice": rule.advice, "active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assert [m.phrase for m in triage.find("Sudden palpitations after Botox", ["Botox"])] == [
        "palpitations"
    ]
