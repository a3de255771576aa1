"""The page cache: visitors' pages come from the cache with no query, and every write that
changes what a page shows reaches it, however it is made."""

import ast
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.test import Client
from django.urls import reverse

import pagecache
import photos
from doctors.models import DoctorProfile
from forum.models import AnswerVote, PhotoVisibility, Question, QuestionFollow
from moderation.models import Report
from tests.factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


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


def write(title: str = "Bruised after filler") -> None:
    Question.objects.filter(pk=QuestionFactory().pk).update(title=title)


@pytest.mark.django_db(transaction=True)
def test_a_transaction_moves_the_generation_once_when_it_commits():
    before = pagecache.generation()
    with transaction.atomic():
        for title in ("One", "Two", "Three"):
            write(title)  # a dozen statements, to several of the pages' tables
        assert pagecache.generation() == before  # nobody sees these rows yet
    assert pagecache.generation() == before + 1


@pytest.mark.django_db(transaction=True)
def test_a_transaction_that_rolls_back_leaves_the_generation_alone():
    before = pagecache.generation()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        write()
        1 / 0  # noqa: B018
    assert pagecache.generation() == before
    assert not Question.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_write_outside_a_transaction_moves_the_generation_once_straight_away():
    question = QuestionFactory()
    before = pagecache.generation()
    Question.objects.filter(pk=question.pk).update(title="Swollen for a week")
    assert pagecache.generation() == before + 1


@pytest.mark.django_db(transaction=True)
def test_nested_blocks_move_the_generation_once_when_the_outer_one_commits():
    before = pagecache.generation()
    with transaction.atomic():
        write()
        with transaction.atomic():
            write()
            with transaction.atomic():
                write()
        with transaction.atomic():
            write()
        assert pagecache.generation() == before
    assert pagecache.generation() == before + 1


@pytest.mark.django_db(transaction=True)
def test_a_savepoint_rolled_back_takes_only_its_own_writes_along():
    def fail_inside(writes: bool) -> None:
        with pytest.raises(ZeroDivisionError), transaction.atomic():
            if writes:
                write()
            1 / 0  # noqa: B018

    before = pagecache.generation()
    with transaction.atomic():  # the only write is undone
        fail_inside(writes=True)
    assert pagecache.generation() == before
    with transaction.atomic():  # the first write is undone, not the one after it
        fail_inside(writes=True)
        write()
    assert pagecache.generation() == before + 1
    with transaction.atomic():  # the write before the savepoint stands
        write()
        fail_inside(writes=True)
    assert pagecache.generation() == before + 2


@pytest.mark.django_db(transaction=True)
def test_a_bump_that_fails_at_the_commit_is_logged_and_the_commit_stands(monkeypatch, caplog):
    monkeypatch.setattr(pagecache, "cache", lambda: Down())
    with transaction.atomic():
        write("Committed while Redis is down")
    assert Question.objects.filter(title="Committed while Redis is down").exists()
    assert "could not be moved on" in caplog.text


def test_writes_no_page_shows_leave_the_cache_alone(alice):
    before = pagecache.generation()
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=alice.date_joined)
    alice.last_login = alice.date_joined
    alice.save(update_fields=["last_login"])
    assert pagecache.generation() == before
    alice.display_name = "Alice Renamed"
    alice.save(update_fields=["display_name"])
    assert pagecache.generation() > before


def test_follows_votes_and_reports_leave_the_cache_alone(alice, mallory):
    question = QuestionFactory(author=alice)
    answer = AnswerFactory(question=question)
    before = pagecache.generation()
    QuestionFollow.objects.create(question=question, user=mallory)
    AnswerVote.objects.create(answer=answer, user=alice)
    Report.objects.create(item=answer, reporter=mallory, reason="spam")
    assert pagecache.generation() == before


def test_a_vote_renders_its_question_page_afresh_and_leaves_every_other_page_kept(
    client, client_as, alice, mallory
):
    question = QuestionFactory(author=alice, title="Lumps two weeks after filler")
    other = QuestionFactory(author=alice, title="Droopy brow after Botox")
    answer = AnswerFactory(question=question)
    for url in ("/", "/questions/", question.get_absolute_url(), other.get_absolute_url()):
        visit(client, url)
    before = pagecache.generation()

    client_as(mallory).post(reverse("forum:answer_vote", args=[answer.pk]), {"helpful": "1"})

    assert pagecache.generation() == before  # the site's pages stay as they are...
    for url in ("/", "/questions/", other.get_absolute_url()):
        assert visit(client, url)["X-Page-Cache"] == "hit"
    page = visit(client, question.get_absolute_url())  # ...but the question's own
    assert page["X-Page-Cache"] == "miss"
    assert "1 found this helpful" in page.content.decode()


def test_a_scopes_counter_expires_and_a_lost_one_costs_a_render_not_a_stale_page(
    client, alice, settings
):
    scope = pagecache.generation_key("question:999999")
    assert pagecache.counter_seconds(scope) == 2 * settings.PAGE_CACHE_SECONDS
    assert pagecache.counter_seconds(pagecache.GENERATION_KEY) is None  # the site's stays
    question = QuestionFactory(author=alice)
    url = question.get_absolute_url()
    visit(client, url)
    assert visit(client, url)["X-Page-Cache"] == "hit"
    pagecache.cache().delete(pagecache.generation_key(f"question:{question.pk}"))  # evicted
    assert visit(client, url)["X-Page-Cache"] == "miss"


@pytest.mark.django_db(transaction=True)
def test_a_scope_moves_on_once_when_its_transaction_commits_and_not_if_it_rolls_back():
    before = pagecache.generation("question:7")
    with transaction.atomic():
        pagecache.changed("question:7")
        pagecache.changed("question:7")
        assert pagecache.generation("question:7") == before
    assert pagecache.generation("question:7") == before + 1
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        pagecache.changed("question:7")
        1 / 0  # noqa: B018
    assert pagecache.generation("question:7") == before + 1


def test_the_writes_that_pages_do_not_show_are_named_by_app_and_model_in_the_settings(settings):
    ignored = pagecache.ignored_writes()
    assert {"django_session", "django_tasks_database_dbtaskresult"} <= ignored.tables
    assert {"account_emailaddress", "forum_answervote", "moderation_report"} <= ignored.tables
    assert "forum_question" not in ignored.tables
    assert ignored.columns == {
        "accounts_user": {"last_login", "unread_notifications"},
        "forum_answer": {"helpful_count"},
    }
    try:
        for setting, label in [
            ("PAGE_CACHE_IGNORED_MODELS", "forum.NoSuchModel"),
            ("PAGE_CACHE_IGNORED_MODELS", "no_such_app"),
            ("PAGE_CACHE_IGNORED_FIELDS", "accounts.User.no_such_field"),
            ("PAGE_CACHE_IGNORED_FIELDS", "accounts.last_login"),
        ]:
            settings.PAGE_CACHE_IGNORED_MODELS = ["sessions"]
            settings.PAGE_CACHE_IGNORED_FIELDS = []
            setattr(settings, setting, [label])
            pagecache.ignored_writes.cache_clear()
            with pytest.raises(ImproperlyConfigured, match=rf"{setting} names '{label}'"):
                pagecache.ignored_writes()
    finally:
        pagecache.ignored_writes.cache_clear()


def test_the_page_cache_leans_on_no_app_of_the_project():
    """It sits under every app, which name their models to it in the settings."""
    local = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"config", "photos"}
    for source in (ROOT / "pagecache").glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [node.module] if isinstance(node, ast.ImportFrom) else []
                names += [alias.name for alias in getattr(node, "names", [])]
                tops = {name.split(".")[0] for name in names if name}
                assert not tops & (local - {"pagecache"}), f"{source.name} imports {tops}"


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


class Down:
    """A cache that does not answer."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache down")

        return fail


def test_a_cache_that_does_not_answer_neither_fails_pages_nor_writes(client, monkeypatch, alice):
    monkeypatch.setattr(pagecache, "cache", lambda: Down())
    assert visit(client, "/")
    assert "X-Page-Cache" not in client.get("/")
    alice.display_name = "Alice While Redis Is Down"
    alice.save(update_fields=["display_name"])  # the write goes through
