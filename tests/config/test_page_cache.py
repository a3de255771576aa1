"""The page cache: visitors' pages come from the cache with no query, and every write that
changes what a page shows reaches it, however it is made."""

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction
from django.test import Client

import pagecache
import photos
from doctors.models import DoctorProfile
from forum.models import PhotoVisibility, Question
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def visit(client: Client, url: str, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response


def test_a_visitors_second_look_comes_from_the_cache_without_a_query(
    client, django_assert_num_queries
):
    QuestionFactory(title="Bruising after lip filler")
    first = visit(client, "/questions/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = visit(client, "/questions/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_a_new_question_reaches_the_cached_list(client):
    visit(client, "/questions/")
    QuestionFactory(title="Numb lip two days after filler")
    response = visit(client, "/questions/")
    assert response["X-Page-Cache"] == "miss"
    assert b"Numb lip two days after filler" in response.content


def test_a_queryset_update_reaches_the_cached_page(client):
    """Services change counts and statuses with update(), which sends no signal."""
    question = QuestionFactory(title="Heavy brow after Botox")
    assert b"Heavy brow after Botox" in visit(client, "/questions/").content
    Question.objects.filter(pk=question.pk).update(title="Brow still heavy after Botox")
    assert b"Brow still heavy after Botox" in visit(client, "/questions/").content


def test_a_doctors_changed_rating_reaches_the_directory(client, bob):
    visit(client, "/doctors/")
    DoctorProfile.objects.filter(user=bob).update(rating_average=4.4, review_count=39)
    assert b"39 reviews" in visit(client, "/doctors/").content


def test_the_generation_moves_again_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    """Between the write and the commit a visitor could cache the old page under the new
    generation: the bump after the commit throws that copy away too."""
    before = pagecache.generation()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        QuestionFactory()
        during = pagecache.generation()
    assert before < during < pagecache.generation()


def test_writes_no_page_shows_leave_the_cache_alone(alice):
    before = pagecache.generation()
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=alice.date_joined)
    alice.last_login = alice.date_joined
    alice.save(update_fields=["last_login"])
    assert pagecache.generation() == before
    alice.display_name = "Alice Renamed"
    alice.save(update_fields=["display_name"])
    assert pagecache.generation() > before


def test_members_are_never_served_a_visitors_copy_nor_stored(client, client_as, alice):
    visit(client, "/")
    member = client_as(alice)
    response = visit(member, "/")
    assert "X-Page-Cache" not in response
    assert b"Alice" in response.content
    assert b"Alice" not in visit(client, "/").content


def test_a_visitor_with_a_session_or_a_message_is_not_answered_from_the_cache(client):
    visit(client, "/")
    client.cookies["sessionid"] = "not-a-session"
    assert "X-Page-Cache" not in visit(client, "/")
    del client.cookies["sessionid"]
    client.cookies["messages"] = "something"
    assert "X-Page-Cache" not in visit(client, "/")


def test_htmx_fragments_and_full_pages_are_kept_apart(client):
    full = visit(client, "/questions/")
    fragment = visit(client, "/questions/", HX_Request="true")
    assert fragment["X-Page-Cache"] == "miss"
    assert visit(client, "/questions/")["X-Page-Cache"] == "hit"
    assert visit(client, "/questions/").content == full.content


def test_pages_that_refuse_or_fail_are_not_kept(client):
    assert client.get("/questions/999999/gone/").status_code == 404
    assert "X-Page-Cache" not in client.get("/questions/999999/gone/")
    assert "X-Page-Cache" not in client.get("/account/login/")  # not a cached view


def test_public_thumbnails_are_kept_and_a_change_of_visibility_reaches_them(client, alice):
    question = QuestionFactory(author=alice, photos=1, photo_visibility=PhotoVisibility.EVERYONE)
    url = question.photos.get().url("320")
    first = visit(client, url)
    assert first["Content-Type"] == "image/webp"
    assert visit(client, url)["X-Page-Cache"] == "hit"
    Question.objects.filter(pk=question.pk).update(photo_visibility=PhotoVisibility.MEMBERS)
    assert client.get(url).status_code == 404


def test_photos_too_large_to_keep_stream_and_are_not_kept(client, alice, monkeypatch):
    monkeypatch.setattr(photos, "CACHED_BYTES", 100)
    question = QuestionFactory(author=alice, photos=1, photo_visibility=PhotoVisibility.EVERYONE)
    url = question.photos.get().url("320")
    assert visit(client, url).streaming
    assert "X-Page-Cache" not in visit(client, url)


def test_no_page_cache_when_it_is_switched_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    visit(client, "/")
    assert "X-Page-Cache" not in visit(client, "/")


def test_members_get_the_list_rows_from_the_cache_until_a_write(client_as, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    QuestionFactory(title="Swollen lip after filler")
    member = client_as(alice)
    with CaptureQueriesContext(connection) as first:
        assert b"Swollen lip after filler" in visit(member, "/questions/").content
    with CaptureQueriesContext(connection) as second:
        assert b"Swollen lip after filler" in visit(member, "/questions/").content
    # The rows and their treatments come from the cache; the count and the member do not.
    assert len(second) == len(first) - 2
    QuestionFactory(title="Drooping eyelid after Botox")
    assert b"Drooping eyelid after Botox" in visit(member, "/questions/").content


def test_made_up_query_strings_are_rendered_but_not_kept(client):
    visit(client, "/questions/?utm_source=x")
    assert "X-Page-Cache" not in visit(client, "/questions/?utm_source=x")
    visit(client, "/questions/?sort=answers&page=1")
    assert visit(client, "/questions/?sort=answers&page=1")["X-Page-Cache"] == "hit"


def test_raw_and_indented_writes_count_as_writes():
    assert pagecache.is_write("\nUPDATE forum_question AS q SET search_vector = 1")
    assert pagecache.is_write("WITH x AS (SELECT 1) DELETE FROM forum_answer")
    assert not pagecache.is_write("  SELECT 1")
    assert not pagecache.is_write('SAVEPOINT "s1"')
    before = pagecache.generation()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("\n  UPDATE forum_treatment SET description = description")
    assert pagecache.generation() > before


def test_a_cache_that_does_not_answer_neither_fails_pages_nor_writes(client, monkeypatch, alice):
    class Down:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    monkeypatch.setattr(pagecache, "cache", lambda: Down())
    assert visit(client, "/")
    assert "X-Page-Cache" not in client.get("/")
    alice.display_name = "Alice While Redis Is Down"
    alice.save(update_fields=["display_name"])  # the write goes through
