"""Search: questions (title, treatments, body, answers) and doctors (name, specialty, city).

On PostgreSQL, full-text search over a stored, weighted search vector on a GIN index, with
websearch syntax ("botox -lip", "quoted phrases"), ranking that weighs titles over treatments
over bodies over answers, and highlighted snippets. On SQLite (`make run`), a simpler search
with the same interface: every word must appear somewhere, title matches first.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from doctors.models import DoctorProfile
from forum.models import Answer, Question, TaggedQuestion
from moderation.models import PUBLISHED
from treatments.models import Treatment

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
CONFIG = "english"
# Private-use characters mark the matches in snippets until the text has been escaped.
START, STOP = "\ue000", "\ue001"
CONTROL = re.compile(r"[\x00-\x1f\x7f\ue000\ue001]")
LISTING_FIELDS = [
    "id",
    "title",
    "slug",
    "answer_count",
    "photo_count",
    "created_at",
    "author__id",
    "author__display_name",
]
TERM = re.compile(r'(-?)"([^"]+)"|(-?)([\w][\w\'.+-]*)')

__all__ = ["SearchVectorField", "Results", "search", "refresh", "refresh_all"]


def clean_query(raw: str) -> str:
    """What the visitor typed, made safe to search for: no control characters, single spaces,
    at most MAX_QUERY_LENGTH characters (a longer query is cut, not refused)."""
    return " ".join(CONTROL.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH].strip()


def terms(query: str) -> tuple[list[str], list[str]]:
    """(wanted, excluded) words and phrases, as websearch syntax reads them."""
    wanted, excluded = [], []
    for minus, phrase, minus_word, word in TERM.findall(query):
        text = (phrase or word).strip()
        if text and text.lower() != "or":
            (excluded if (minus or minus_word) else wanted).append(text)
    return wanted[:MAX_TERMS], excluded[:MAX_TERMS]


def highlighted(text: str) -> SafeString:
    """Escape `text`, then turn the START/STOP markers into <mark> elements."""
    escaped = str(escape(text))
    marked = re.sub(f"{START}(.*?){STOP}", r"<mark>\1</mark>", escaped, flags=re.S)
    return mark_safe(marked.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above


# Counting every match of a common word costs as much as finding the page; past this many,
# the page says "1,000+" (and offers 50 pages of 20, more than anyone reads).
COUNT_CAP = 1000


@dataclass
class Results:
    query: str
    questions: QuerySet  # ordered best first, each with .title_marked and .snippet_marked
    matching: QuerySet  # the same questions, plain, for counting
    doctors: list
    treatments: list


class CappedPaginator(Paginator):
    """Pages over the results; counts at most COUNT_CAP + 1 of them."""

    def __init__(self, results: "Results", per_page: int):
        super().__init__(results.questions, per_page)
        self.matching = results.matching

    @cached_property
    def count(self) -> int:
        return self.matching[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @cached_property
    def num_pages(self) -> int:
        return max(1, -(-min(self.count, COUNT_CAP) // self.per_page))


def search(raw: str) -> Results:
    query = clean_query(raw)
    wanted, _ = terms(query)
    if not wanted:
        none = Question.objects.none()
        return Results(query, none, none, [], [])
    if connection.vendor == "postgresql":
        matching = Question.objects.visible().filter(
            search_vector=SearchQuery(query, config=CONFIG, search_type="websearch")
        )
        questions = _questions_postgres(query)
    else:
        questions = _questions_simple(query)
        matching = questions.order_by()
    return Results(query, questions, matching, _doctors(wanted), _treatments(wanted))


def _questions_postgres(query: str) -> QuerySet:
    tsquery = SearchQuery(query, config=CONFIG, search_type="websearch")
    return (
        Question.objects.for_ranked_listing()
        .filter(search_vector=tsquery)
        .annotate(
            rank=SearchRank(F("search_vector"), tsquery),
            title_marked=SearchHeadline(
                "title", tsquery, config=CONFIG, start_sel=START, stop_sel=STOP, highlight_all=True
            ),
            snippet_marked=SearchHeadline(
                "body",
                tsquery,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-created_at", "-id")
    )


def _questions_simple(query: str) -> QuerySet:
    wanted, excluded = terms(query)

    def anywhere(text: str) -> Q:
        tagged = TaggedQuestion.objects.filter(
            content_object=OuterRef("pk"), tag__name__icontains=text
        )
        answered = Answer.objects.filter(PUBLISHED, question=OuterRef("pk")).filter(
            Q(headline__icontains=text) | Q(body__icontains=text)
        )
        return (
            Q(title__icontains=text)
            | Q(body__icontains=text)
            | Q(Exists(tagged))
            | Q(Exists(answered))
        )

    questions = Question.objects.for_listing()
    for text in wanted:
        questions = questions.filter(anywhere(text))
    for text in excluded:
        questions = questions.exclude(anywhere(text))
    title_hits = sum(
        (Case(When(title__icontains=text, then=Value(1)), default=Value(0)) for text in wanted),
        Value(0),
    )
    return (
        questions.only(*LISTING_FIELDS, "body")
        .annotate(title_hits=ExpressionWrapper(title_hits, output_field=IntegerField()))
        .order_by("-title_hits", "-created_at", "-id")
    )


def mark_simple(results, query: str) -> None:
    """Snippets for the simple search, made in Python for the page's rows only."""
    wanted, _ = terms(query)
    pattern = re.compile("|".join(re.escape(text) for text in wanted), re.IGNORECASE)
    for question in results:
        question.title_marked = pattern.sub(lambda m: START + m.group(0) + STOP, question.title)
        body = question.body
        found = pattern.search(body)
        start = max(0, found.start() - 90) if found else 0
        excerpt = body[start : start + 240]
        excerpt = ("…" if start else "") + excerpt + ("…" if start + 240 < len(body) else "")
        question.snippet_marked = pattern.sub(lambda m: START + m.group(0) + STOP, excerpt)


def _doctors(wanted: list[str]) -> list:
    doctors = DoctorProfile.objects.verified().for_cards()
    for text in wanted:  # name, specialty, city or region (a trigram index on PostgreSQL)
        doctors = doctors.filter(search_text__contains=text.lower())
    return list(doctors.order_by("-ranking_score", "name")[:6])


def _treatments(wanted: list[str]) -> list:
    """Treatments named like a word of the query that have a question to show."""
    matching = Q()
    for text in wanted:
        matching |= Q(name__icontains=text)
    return list(Treatment.objects.asked().filter(matching).order_by("name")[:6])


REFRESH_SQL = """
UPDATE forum_question AS q SET search_vector =
    setweight(to_tsvector(%(config)s, q.title), 'A')
    || setweight(to_tsvector(%(config)s, coalesce((
        SELECT string_agg(t.name, ' ') FROM forum_taggedquestion tq
        JOIN forum_treatment t ON t.id = tq.tag_id WHERE tq.content_object_id = q.id
    ), '')), 'B')
    || setweight(to_tsvector(%(config)s, q.body), 'C')
    || setweight(to_tsvector(%(config)s, coalesce((
        SELECT string_agg(a.headline || ' ' || a.body, ' ') FROM forum_answer a
        WHERE a.question_id = q.id AND a.status = 'published'
    ), '')), 'D')
"""


def refresh(question_ids) -> None:
    """Recompute the stored search vector of these questions (PostgreSQL; else nothing).
    Called by every write that changes what a question's search finds."""
    ids = [int(pk) for pk in question_ids]
    if connection.vendor != "postgresql" or not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_SQL + " WHERE q.id = ANY(%(ids)s)", {"config": CONFIG, "ids": ids})


def refresh_all(batch: int = 20_000) -> int:
    """Every question's vector, in batches (after a bulk load, or `manage.py rebuild_search`)."""
    if connection.vendor != "postgresql":
        return 0
    done, last = 0, 0
    while True:
        ids = list(
            Question.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return done
        with connection.cursor() as cursor:
            cursor.execute(
                REFRESH_SQL + " WHERE q.id BETWEEN %(low)s AND %(high)s",
                {"config": CONFIG, "low": ids[0], "high": ids[-1]},
            )
        done, last = done + len(ids), ids[-1]
