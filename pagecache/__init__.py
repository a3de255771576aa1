"""Whole pages cached for anonymous visitors, and thrown away by any write that could change them.

Views opt in with `@cache_for_visitors`. `PageCacheMiddleware`, placed before the session and
authentication middleware, answers a visitor who carries no session or messages cookie from the
cache: a hit costs one cache round trip and no database query. Everyone else (members, anyone
with a message to see) is served by the view as usual.

Invalidation is by generation: every page is kept with the generation number it was rendered
in and used only while that number is current, and a write to any table that a public page shows
bumps it, so every page is rendered afresh on its next visit. The writes are noticed below the
ORM (a database execute wrapper), which catches queryset `update()`s, admin actions, management
commands and tasks alike, on every app server that shares the cache. The tables no public page
shows (sessions, the task queue, votes, reports...) are named by app and model in the settings
(PAGE_CACHE_IGNORED_MODELS, PAGE_CACHE_IGNORED_FIELDS) and found through the app registry at
startup, so this module knows no app of the project.

A page can be kept under scopes too (`cache_for_visitors(scopes=...)`), each with a generation
of its own, read in the same round trip: a write that changes that page alone (a vote, on its
question's page) is named in PAGE_CACHE_IGNORED_FIELDS and moves only the scope on, through
`changed()`, at its commit as the site's generation does.

Members' pages are kept in parts under the same generation: template fragments (`fragments()`),
and what a view keeps itself (`kept()` and `keep()`: the question page for signed-in patients).

The generation moves on once per transaction, after its commit: the first write to a page's
table inside an atomic block registers one `on_commit` bump for the connection, and a rollback
(of the transaction, or of a savepoint around the first write) drops it with the writes. A
write in autocommit is its own transaction, so it bumps right after the statement.
Django's TestCase runs each test inside atomic blocks that never commit, and its connection is
the only reader, which sees its own writes at once: there every write bumps straight away (tests
with real transactions check the commits).

Why this cannot serve a stale page: the middleware reads the generation before the view runs
and keeps the page under that number, whatever it reads afterwards (`fragments()`, likewise, is
read before a fragment's rows). Other connections see a write only once it is committed, and
the bump comes after the commit. So a page rendered from rows older than the commit was begun
before the bump and is kept under the old number, which no one is served after the bump; a
visit that reads the new number renders after the commit, and sees the write. Between the commit
and the bump (one cache round trip) visitors get what they got a moment earlier. Bumping before
the commit would open the other window: a visit between the bump and the commit would read the
new number, render the old rows and keep them until the next write. This holds while pages read
from the primary in autocommit (no ATOMIC_REQUESTS, no replicas), and for transactions that
atomic blocks manage; under `set_autocommit(False)`, which nothing here uses, a write bumps right
after the statement, ahead of the commit.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from functools import cache as once
from functools import lru_cache, partial, wraps
from typing import NamedTuple

# Not `apps`: that name is this package's apps.py once Django has loaded it.
from django.apps import apps as registry
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Statements that write nothing; anything else (INSERT, UPDATE, DELETE, WITH, MERGE, TRUNCATE,
# COPY, raw SQL however it is indented) counts as a write.
READS = {"SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET", "SHOW", "EXPLAIN"}
READS |= {"PRAGMA", "VACUUM", "ANALYZE"}
# The query parameters some cached view reads; a URL with any other is rendered, not kept, so
# made-up query strings cannot fill the cache. A browser's location ("lat", "lng") is not one:
# a page for where a visitor stands is never kept in the shared cache.
PARAMETERS = {"page", "sort", "treatment", "q", "specialty", "city", "based", "order", "answers"}
PARAMETERS |= {"near", "radius", "exact"}


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def cache():
    """The cache pages live in: CACHES["pages"] (its own Redis, with an eviction policy, so
    that pages never push out allauth's rate limits), or the default one."""
    return caches["pages" if "pages" in settings.CACHES else "default"]


def cache_for_visitors(view: Callable | None = None, *, scopes: Callable | None = None):
    """Let the page cache keep this view's 200 responses to anonymous visitors.

    `scopes(**url_kwargs)` names the scopes whose generation the page is kept under too, beside
    the site's: writes that change only such a page (a vote, on its question's page) move its
    scope on with `changed()` and leave every other page kept."""
    if view is None:
        return lambda view: cache_for_visitors(view, scopes=scopes)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.cache_for_visitors = True
        return response

    wrapper.cache_for_visitors = True  # the middleware looks only where this is set
    wrapper.cache_scopes = scopes
    return wrapper


def generation_key(scope: str | None = None) -> str:
    return GENERATION_KEY if scope is None else f"{GENERATION_KEY}:{scope}"


def generation(scope: str | None = None) -> int:
    key = generation_key(scope)
    return cache().get(key) or new_generation(key)


def generations(keys: tuple[str, ...], key: str) -> tuple[tuple[int, ...], object | None]:
    """One round trip: the current number of each generation named, and what `key` holds."""
    found = cache().get_many([*keys, key])
    return tuple(found.get(name) or new_generation(name) for name in keys), found.get(key)


def fragments() -> dict:
    """Template context for `{% cache fragment_seconds "name" fragment_generation ... %}`:
    parts of pages that are the same for everyone (lists of questions), kept for members too
    and thrown away with the generation. Off, with the page cache, at 0 seconds."""
    off = {"fragment_seconds": 0, "fragment_generation": 0}
    if not enabled():
        return off
    try:
        return {
            "fragment_seconds": settings.PAGE_CACHE_SECONDS,
            "fragment_generation": generation(),
        }
    except Exception:
        logger.exception("The page cache did not answer")
        return off


class Kept(NamedTuple):
    # The generations read (the site's, then each scope's); None: nothing may be kept (the
    # cache is off or not answering).
    generation: tuple[int, ...] | None
    value: object | None  # what was kept under these generations, or None


def kept(key: str, scopes: tuple[str, ...] = ()) -> Kept:
    """Something a view keeps for members (rendered parts of a page, `keep()`), if it was
    kept in the current generations, the site's and its scopes': one round trip, like a whole
    page's."""
    if not enabled():
        return Kept(None, None)
    names = (GENERATION_KEY, *(generation_key(scope) for scope in scopes))
    try:
        current, stored = generations(names, kept_key(key))
    except Exception:
        logger.exception("The page cache did not answer")
        return Kept(None, None)
    if stored is not None and stored[0] == current:
        return Kept(current, stored[1])
    return Kept(current, None)


def keep(key: str, generation: tuple[int, ...] | None, value: object) -> None:
    """Keep `value` under the generation that `kept()` read before its rows were read."""
    if generation is None:
        return
    try:
        cache().set(kept_key(key), (generation, value), settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("The page cache did not keep a part of a page")


def kept_key(key: str) -> str:
    release = getattr(staticfiles_storage, "manifest_hash", "")  # as for pages
    return "pagecache:kept:" + hashlib.sha256(f"{release} {key}".encode()).hexdigest()


def new_generation(key: str = GENERATION_KEY) -> int:
    """A lost counter restarts from the clock, never from a number an old page was kept with."""
    cache().add(key, time.time_ns(), timeout=counter_seconds(key))
    return cache().get(key)


def counter_seconds(key: str) -> int | None:
    """How long a generation's counter is kept: the site's for good; a scope's a while longer
    than the pages kept under it. Any URL naming a question reads its scope, the question
    existing or not, so scopes must not pile up: one that expires restarts from the clock,
    newer than any number a page was kept with, and costs a render, never a stale page."""
    return None if key == GENERATION_KEY else 2 * settings.PAGE_CACHE_SECONDS


def bump(key: str = GENERATION_KEY) -> None:
    """A new generation. A cache that does not answer must not fail the write that asked (nor
    turn a committed one into an error page): it is logged, and its pages expire in time."""
    try:
        try:
            cache().incr(key)
        except ValueError:  # no counter yet (or evicted): a fresh start is newer than any page
            cache().set(key, time.time_ns(), timeout=counter_seconds(key))
    except Exception:
        logger.exception("The page cache's generation could not be moved on")


def changed(scope: str) -> None:
    """A write that changes only the pages of `scope`, and that the settings tell the execute
    wrapper to leave alone (PAGE_CACHE_IGNORED_FIELDS): the scope's generation moves on when
    the transaction commits, once however many such writes it makes, as the site's does."""
    key = generation_key(scope)
    if not commits_later(connection):
        bump(key)
    elif not any(getattr(func, "args", None) == (key,) for _, func, _ in connection.run_on_commit):
        connection.on_commit(partial(bump, key), robust=True)


def invalidate_on_writes(execute, sql, params, many, context):
    """Database execute wrapper: a write to a table that pages show bumps the generation, once
    its transaction commits (whether or not this process serves pages: a cron job's writes
    count too)."""
    result = execute(sql, params, many, context)
    if is_write(sql) and changes_pages(sql):
        connection = context["connection"]
        if commits_later(connection):
            bump_at_commit(connection)
        else:
            bump()
    return result


def commits_later(connection) -> bool:
    """The statement ran in a transaction that commits when its outermost atomic block ends.
    Not so in Django's TestCase, whose blocks around each test never commit: there the test's
    own connection is the only reader, sees each write at once, and so is told at once."""
    blocks = connection.atomic_blocks
    return bool(blocks) and not getattr(blocks[0], "_from_testcase", False)


def bump_at_commit(connection) -> None:
    """One bump per transaction, however many writes it makes: registered by the first. Django
    drops it with a transaction, or the savepoint it was registered in, that rolls back, and
    the next write registers it again."""
    if not any(func is bump for _, func, _ in connection.run_on_commit):
        connection.on_commit(bump, robust=True)  # robust: a commit never turns into a 500


def is_write(sql: str) -> bool:
    words = sql.lstrip()[:12].split(None, 1)
    return bool(words) and words[0].upper() not in READS


def changes_pages(sql: str) -> bool:
    """Whether the write's table (the first quoted name: Django quotes every table it writes)
    is one that pages show. Anything unrecognised counts, which costs a render, never a stale
    page."""
    start = sql.lstrip()[:100]
    table = start.split('"', 2)[1] if '"' in start else ""
    ignored = ignored_writes()
    if table in ignored.tables:
        return False
    columns = ignored.columns.get(table)
    return not (columns and sets_only(sql, columns))


def sets_only(sql: str, columns: frozenset[str]) -> bool:
    """An UPDATE that assigns nothing but these columns (the login timestamp, for instance)."""
    if sql.lstrip()[:6].upper() != "UPDATE":
        return False
    assignments = sql.partition(" SET ")[2].partition(" WHERE ")[0].split(", ")
    return {part.partition(" = ")[0].strip().strip('"') for part in assignments} <= columns


class IgnoredWrites(NamedTuple):
    tables: frozenset[str]
    columns: dict[str, frozenset[str]]


@once
def ignored_writes() -> IgnoredWrites:
    """The settings' labels turned into table and column names, through the app registry.
    PageCacheConfig.ready() calls it, so that a label naming nothing stops the site at startup
    (a model that moved to another app needs its new label)."""
    tables = set()
    for label in settings.PAGE_CACHE_IGNORED_MODELS:
        tables |= {model._meta.db_table for model in models_of(label)}
    columns: dict[str, set[str]] = {}
    for label in settings.PAGE_CACHE_IGNORED_FIELDS:
        try:
            model_label, name = label.rsplit(".", 1)
            model = registry.get_model(model_label)
            column = model._meta.get_field(name).column
        except (ValueError, LookupError, FieldDoesNotExist) as error:
            raise ImproperlyConfigured(
                f"PAGE_CACHE_IGNORED_FIELDS names {label!r}, which is no field of an installed "
                f"model (app_label.Model.field): {error}"
            ) from error
        columns.setdefault(model._meta.db_table, set()).add(column)
    return IgnoredWrites(
        frozenset(tables), {table: frozenset(names) for table, names in columns.items()}
    )


def models_of(label: str) -> list:
    """The model an "app_label.Model" label names, or every model (many-to-many tables
    included) of the app an "app_label" names."""
    try:
        if "." in label:
            return [registry.get_model(label)]
        return list(registry.get_app_config(label).get_models(include_auto_created=True))
    except (LookupError, ValueError) as error:
        raise ImproperlyConfigured(
            f"PAGE_CACHE_IGNORED_MODELS names {label!r}, which is no installed app or model: "
            f"{error}"
        ) from error


def install(connection, **kwargs) -> None:
    """connection_created receiver: every database connection gets the execute wrapper."""
    if invalidate_on_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(invalidate_on_writes)


def cache_control(response: HttpResponse) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


@lru_cache(maxsize=4096)
def cached_view(path: str, urlconf: str | None) -> tuple[str, ...] | None:
    """None, unless `path` is answered by a view marked cache_for_visitors: then the keys of
    the generations its page is kept under. Resolving costs up to a quarter of a millisecond,
    at every anonymous request; the answer only changes with the URL conf, so it is kept (for
    the most recent paths)."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    if not getattr(match.func, "cache_for_visitors", False):
        return None
    scopes = getattr(match.func, "cache_scopes", None)
    names = scopes(**match.kwargs) if scopes else ()
    return (GENERATION_KEY, *(generation_key(scope) for scope in names))


@receiver(setting_changed)
def _urls_changed(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # tests that swap the URL conf
        cached_view.cache_clear()


class PageCacheMiddleware:
    HEADER = "X-Page-Cache"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key, names = self.key(request) if enabled() else (None, ())
        if key:
            # One round trip: the current generations (the site's, and the page's scopes') and
            # the page, kept with those it was rendered in. A page of an older one is stale.
            try:
                current, stored = generations(names, key)
            except Exception:  # the cache is down: serve the page, uncached
                logger.exception("The page cache did not answer")
                return self.get_response(request)
            if stored is not None and stored[0] == current:
                return self.restore(stored)
        response = self.get_response(request)
        if key and self.storable(request, response):
            try:
                cache().set(key, self.pack(current, response), settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.exception("The page cache did not keep a page")
            else:
                response[self.HEADER] = "miss"
        return response

    @staticmethod
    def key(request: HttpRequest) -> tuple[str | None, tuple[str, ...]]:
        """The cache key of an anonymous GET of a cached view, and the generations its page is
        kept under; None for anything else."""
        nothing = None, ()
        if request.method not in ("GET", "HEAD"):
            return nothing
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
            return nothing
        names = cached_view(request.path_info, getattr(request, "urlconf", None))
        if names is None or set(request.GET) - PARAMETERS:
            return nothing
        url = request.build_absolute_uri()
        variant = "htmx" if "HTTP_HX_REQUEST" in request.META else "page"
        # A deploy with new static files (hashed names) starts afresh.
        release = getattr(staticfiles_storage, "manifest_hash", "")
        key = "pagecache:" + hashlib.sha256(f"{release} {variant} {url}".encode()).hexdigest()
        return key, names

    @staticmethod
    def storable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            getattr(response, "cache_for_visitors", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies  # a CSRF token or a session was handed out
            and not (hasattr(request, "user") and request.user.is_authenticated)
            # a page that used the CSP nonce must not hand the same nonce to everyone
            and "'nonce-" not in response.get("Content-Security-Policy", "")
            and not {"private", "no-store"} & cache_control(response)
        )

    @staticmethod
    def pack(generation: tuple[int, ...], response: HttpResponse) -> tuple:
        return (generation, response.status_code, list(response.items()), response.content)

    def restore(self, stored: tuple) -> HttpResponse:
        _generation, status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[self.HEADER] = "hit"
        return response
