"""Search: the same interface on SQLite (make run) and PostgreSQL (production)."""

import pytest
from django.db import connection
from django.urls import reverse

from forum import search, services
from moderation.services import set_hidden
from tests.factories import DoctorProfileFactory, QuestionFactory

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text ranking and snippets are PostgreSQL's (CI runs them there)",
)


@pytest.fixture
def corpus(alice, bob):
    made = {
        "jaw": QuestionFactory(
            author=alice,
            title="Botox in the jaw made my smile uneven",
            body="After masseter injections my smile looks lopsided. Will it settle?",
            treatments=["Botox", "Masseter reduction"],
        ),
        "lip": QuestionFactory(
            author=alice,
            title="Lumps after lip filler",
            body="Two weeks after lip filler I can feel small lumps. I also had botox last year.",
            treatments=["Lip filler"],
        ),
        "laser": QuestionFactory(
            author=alice,
            title="Redness after laser resurfacing",
            body="My cheeks are still red ten days after fractional laser <b>treatment</b>.",
            treatments=["Laser resurfacing"],
        ),
    }
    services.answer_submit(
        question=made["laser"],
        doctor=bob.doctor_profile,
        headline="Redness can last weeks",
        body="Persistent erythema after fractional resurfacing is common; use sunscreen daily.",
        notify=False,
    )
    search.refresh_all()
    return made


def found(client, query: str, *, marks: bool = False) -> str:
    """The results page (without its <mark> highlights unless marks=True)."""
    response = client.get(reverse("forum:search"), {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    return page if marks else page.replace("<mark>", "").replace("</mark>", "")


def test_questions_are_found_by_title_body_treatment_and_answer(client, corpus):
    assert corpus["jaw"].title in found(client, "uneven smile")
    assert "Lumps after lip filler" in found(client, "lumps")
    assert "Botox in the" in found(client, "masseter")
    assert "Redness after laser" in found(client, "sunscreen")  # only in the answer
    page = found(client, "zeppelin")
    assert "No questions match" in page


def test_a_minus_excludes_a_word(client, corpus):
    page = found(client, "botox -lip")
    assert "smile uneven" in page
    assert "Lumps after" not in page


def test_doctors_and_treatments_are_suggested(client, corpus, bob):
    DoctorProfileFactory(name="Imogen Vale", city="Tampa")
    assert "Imogen Vale" in found(client, "tampa")
    page = found(client, "filler")
    assert 'href="/treatments/lip-filler/"' in page


def test_hidden_deleted_and_hidden_answers_are_not_found(client, corpus, bob):
    set_hidden(corpus["lip"], hidden=True, actor=None, reason="x")
    services.question_delete(question=corpus["jaw"])
    answer = corpus["laser"].answers.get()
    set_hidden(answer, hidden=True, actor=None, reason="x")
    assert "No questions match" in found(client, "lumps")
    assert "No questions match" in found(client, "masseter")
    assert "No questions match" in found(client, "sunscreen")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 1000,
        "!!! ??? ...",
        "'; DROP TABLE forum_question; --",
        "<script>alert(1)</script>",
        'unclosed "quote',
        "-",
        "botox -botox",
        "\x00\x1b[31m",
        "a | b & !c :* <->",
        "OR",
    ],
)
def test_any_query_gives_a_normal_page(client, corpus, query):
    page = found(client, query)
    assert "<script>alert" not in page
    assert "Search questions" in page


def test_html_in_questions_comes_back_escaped_with_the_match_marked(client, corpus):
    page = found(client, "fractional", marks=True)
    assert "<b>treatment</b>" not in page  # escaped (SQLite) or dropped by ts_headline
    assert "<mark>fractional</mark>" in page


def test_a_long_query_is_cut_and_said_so(client, corpus):
    page = found(client, "lumps " * 100)
    assert "used its first 200 characters" in page


def test_search_makes_a_bounded_number_of_queries(client, corpus, django_assert_max_num_queries):
    for n in range(25):
        QuestionFactory(title=f"Botox question {n}", body="About botox and more botox.")
    search.refresh_all()
    with django_assert_max_num_queries(6):
        page = found(client, "botox")
    assert 'rel="next"' in page


@postgres_only
def test_titles_rank_above_bodies_and_phrases_match_in_order(client, corpus):
    page = found(client, "botox")
    assert page.index("smile uneven") < page.index("Lumps after lip filler")
    assert "Lumps after" in found(client, '"lip filler"')
    assert "No questions match" in found(client, '"lumps lip"')


@postgres_only
def test_english_stemming_and_snippets(client, corpus):
    page = found(client, "injection")  # the body says "injections"
    assert "smile uneven" in page
    assert "<mark>injections</mark>" in found(client, "injection", marks=True)


@postgres_only
def test_the_vector_follows_edits(client, corpus, alice):
    question = corpus["lip"]
    services.question_update(
        question=question,
        title="Lumps after cheek filler",
        body="Small bumps in my cheeks two weeks after filler.",
        treatments=["Cheek filler"],
        photo_visibility=question.photo_visibility,
        new_photos=[],
        removed_photos=[],
        alt_texts={},
    )
    assert "No questions match" in found(client, "lip")
    assert "cheek filler" in found(client, "cheeks")


@postgres_only
def test_renaming_or_deleting_a_treatment_updates_what_finds_its_questions(
    client_as, corpus, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory
    from treatments.models import Treatment

    owner = client_as(UserFactory(is_staff=True, is_superuser=True))
    treatment = Treatment.objects.get(name="Laser resurfacing")
    owner.post(
        reverse("admin:treatments_treatment_change", args=[treatment.pk]),
        {"name": "Erbium peel", "slug": "erbium-peel", "description": ""},
    )
    assert "Redness after laser" in found(client_as(corpus["laser"].author), "erbium")
    visitor = client_as(corpus["jaw"].author)
    assert "smile uneven" in found(visitor, "reduction")  # only in the treatment's name
    with django_capture_on_commit_callbacks(execute=True):
        Treatment.objects.get(name="Masseter reduction").delete()
    assert "No questions match" in found(visitor, "reduction")


def test_doctors_are_found_by_name_specialty_city_and_region_and_a_renamed_specialty(client, db):
    from doctors.models import Specialty
    from tests.factories import DoctorFactory, DoctorProfileFactory

    specialty = Specialty.objects.create(name="Periorbital Specialist", slug="periorbital")
    user = DoctorFactory(email="iris@example.com", display_name="Iris Vale")
    DoctorProfileFactory(
        user=user, name="Iris Vale", specialty=specialty, city="Tacoma", region="Washington"
    )

    def found(query: str) -> list[str]:
        response = client.get("/search/", {"q": query})
        return [doctor.name for doctor in response.context["results"].doctors]

    for query in ["iris", "VALE", "periorbital", "tacoma", "washington", "vale tacoma"]:
        assert found(query) == ["Iris Vale"], query
    assert found("vale boston") == []
    specialty.name = "Eyelid Surgeon"
    specialty.save()
    assert found("eyelid") == ["Iris Vale"]
    assert found("periorbital") == []


def test_a_misspelt_word_is_corrected_and_the_typed_search_offered(client, corpus):
    page = found(client, "botx jaw")
    assert "Showing results for" in page and "botox jaw" in page
    assert "smile uneven" in page
    assert "exact=1" in page  # "Search instead for botx jaw"
    exact = client.get(reverse("forum:search"), {"q": "botx jaw", "exact": "1"}).content.decode()
    assert "Showing results for" not in exact
    assert "No question has all of the words of “botx jaw”" in exact  # "jaw" alone, as typed


def test_a_query_that_finds_questions_as_typed_is_not_corrected(client, corpus):
    page = found(client, "lumps")
    assert "Showing results for" not in page and "Lumps after lip filler" in page


def test_a_natural_question_falls_back_to_any_of_its_words(client, corpus):
    page = found(client, "how much does botox cost")
    assert "No question has all of the words" in page
    assert "smile uneven" in page and "Lumps after lip filler" in page
    assert "Redness after laser" not in page


def test_any_words_puts_the_questions_with_the_most_words_first(client, corpus):
    QuestionFactory(title="Filler migrating", body="My filler moved.", treatments=["Lip filler"])
    search.refresh_all()
    page = found(client, "lumps filler tattoo")
    assert page.index("Lumps after lip filler") < page.index("Filler migrating")


def test_unknown_words_with_no_near_word_find_nothing_and_say_so(client, corpus):
    page = found(client, "zzzqqq wwwxxx")
    assert "No questions match" in page
    assert "Showing results for" not in page


def test_new_titles_teach_search_their_words(client, corpus):
    assert "Showing results for" not in found(client, "rhinoplsty")
    QuestionFactory(title="Swelling after rhinoplasty", body="Three weeks on, still swollen.")
    page = found(client, "rhinoplsty")
    assert "Showing results for" in page and "Swelling after rhinoplasty" in page


def test_stop_words_short_words_phrases_and_exclusions_are_not_corrected(corpus):
    assert search.correct("how does botx work") == "how does botox work"
    assert search.correct('"botx jaw"') == ""
    assert search.correct("jaw -botx") == ""
    assert search.correct("lup") == ""  # too short to guess
    assert search.correct("Botox JAW") == ""  # known words, any case


def test_a_forgiving_search_makes_a_bounded_number_of_queries(
    client, corpus, django_assert_max_num_queries
):
    for n in range(25):
        QuestionFactory(title=f"Botox question {n}", body="About botox and more botox.")
    search.refresh_all()
    with django_assert_max_num_queries(10):
        page = found(client, "how much botx costs")
    assert "Showing results for" in page and "No question has all of the words" in page
    assert 'rel="next"' in page
