"""Each treatment's count of questions the public sees is stored, kept by every change, and
orders the home page's treatments without counting rows."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from forum import services
from forum.models import PhotoVisibility
from moderation.services import set_hidden
from privacy.deletion import delete_account
from tests.factories import PatientFactory, QuestionFactory
from treatments.models import Treatment


def counts() -> dict[str, int]:
    return dict(Treatment.objects.values_list("name", "question_count"))


def ask(author, treatments: list[str]):
    return services.question_create(
        author=author,
        title="Swelling a week after treatment?",
        body="My face is still swollen a week after the treatment. Is that normal?",
        treatments=treatments,
        photo_visibility=PhotoVisibility.MEMBERS,
        new_photos=[],
    )


@pytest.mark.django_db
def test_asking_editing_and_deleting_keep_the_counts(client_as, alice):
    first = ask(alice, ["Botox", "Jaw pain"])
    ask(alice, ["Botox"])
    assert counts() == {"Botox": 2, "Jaw pain": 1}
    client_as(alice).post(
        reverse("forum:question_edit", args=[first.pk]),
        {
            "title": first.title,
            "body": first.body,
            "treatments": "Botox, Masseter reduction",
            "photo_visibility": first.photo_visibility,
        },
    )
    assert counts() == {"Botox": 2, "Jaw pain": 0, "Masseter reduction": 1}
    services.question_delete(question=first)
    assert counts() == {"Botox": 1, "Jaw pain": 0, "Masseter reduction": 0}


@pytest.mark.django_db
def test_hiding_and_restoring_a_question_keep_the_counts(alice, moderator):
    question = ask(alice, ["Lip filler"])
    set_hidden(question, hidden=True, actor=moderator, reason="Spam")
    assert counts()["Lip filler"] == 0
    assert list(Treatment.objects.popular()) == []
    set_hidden(question, hidden=False, actor=moderator)
    assert counts()["Lip filler"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("keep_posts", [True, False])
def test_a_deleted_account_takes_its_questions_out_of_the_counts(alice, keep_posts):
    ask(alice, ["Lip filler"])
    delete_account(alice, keep_posts=keep_posts)
    assert counts()["Lip filler"] == (1 if keep_posts else 0)


@pytest.mark.django_db
def test_popular_treatments_come_by_count_and_the_home_page_shows_them(client, alice):
    for _ in range(3):
        ask(alice, ["Botox"])
    ask(alice, ["Lip filler"])
    assert [t.name for t in Treatment.objects.popular()] == ["Botox", "Lip filler"]
    page = client.get(reverse("home")).content.decode()
    cloud = page[page.index('class="tag-cloud"') :]
    assert cloud.index("Botox") < cloud.index("Lip filler")


@pytest.mark.django_db
def test_recount_repairs_drifted_counts():
    QuestionFactory(treatments=["Botox"])
    Treatment.objects.update(question_count=7)
    services.recount_all_treatments()
    assert counts() == {"Botox": 1}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL (CI runs it)"
)
@pytest.mark.django_db(transaction=True)
def test_twelve_questions_asked_at_once_are_all_counted(reference_data):
    askers = [PatientFactory() for _ in range(12)]
    start = threading.Barrier(len(askers))
    failures = []

    def post(asker) -> None:
        try:
            start.wait()
            ask(asker, ["Botox", "Jaw pain"])
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(asker,)) for asker in askers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert counts() == {"Botox": 12, "Jaw pain": 12}


@pytest.mark.django_db
def test_the_recount_command_names_what_drifted():
    from io import StringIO

    from django.core.management import call_command

    QuestionFactory(treatments=["Botox"])
    QuestionFactory(treatments=["Lip filler"])
    Treatment.objects.filter(name="Botox").update(question_count=9)
    out = StringIO()
    call_command("recount_treatments", stdout=out)
    assert "Botox: 9 -> 1" in out.getvalue()
    assert "Lip filler" not in out.getvalue()
    assert "2 treatments; 1 had drifted" in out.getvalue()
    assert counts() == {"Botox": 1, "Lip filler": 1}
