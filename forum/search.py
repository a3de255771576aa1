"""Search: questions (title, treatments, body, answers) and doctors (name, specialty, city).

On PostgreSQL, full-text search over a stored, weighted search vector on a GIN index, with
websearch syntax ("botox -lip", "quoted phrases"), ranking that weighs titles over treatments
over bodies over answers, and highlighted snippets. On SQLite (`make run`), a simpler search
with the same interface: every word must appear somewhere, title matches first.
"""

import difflib
import re
from dataclasses import dataclass, field
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
from django.db.models.functions import Length
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from doctors.models import DoctorProfile
from forum.models import Answer, Question, SearchWord, TaggedQuestion
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
# The words search remembers for corrections: letters only, as long as SearchWord allows.
WORD = re.compile(r"[^\W\d_]{3,40}")
# Shorter words are not corrected: too many real words are one letter from another ("jaw").
CORRECTABLE = 4
# Words of a question in plain English that say nothing of its subject. PostgreSQL's english
# configuration drops them itself; the simple search (SQLite) drops them here.
STOP_TEXT = (
    "a about after am an and any are as at be been before but by can could did do does doing "
    "for from get got had has have having how i if in into is it its just me much my no not "
    "of on or should so than that the their them then there these they this to too very was "
    "we were what when where which who why will with would you your"
)
STOP_WORDS = frozenset(STOP_TEXT.split())

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
    query: str  # what was typed, cleaned
    questions: QuerySet  # ordered best first, each with .title_marked and .snippet_marked
    matching: QuerySet  # the same questions, plain, for counting
    doctors: list
    treatments: list
    # What was searched for instead when the query as typed found nothing: its misspelt words
    # corrected ("botx jaw" -> "botox jaw"), and/or any of its words instead of all of them.
    corrected: str = ""
    any_words: bool = False
    found: int | None = field(default=None, repr=False)  # matches, counted up to COUNT_CAP + 1

    @property
    def searched(self) -> str:
        return self.corrected or self.query

    def count(self) -> int:
        if self.found is None:
            self.found = self.matching[: COUNT_CAP + 1].count()
        return self.found


class CappedPaginator(Paginator):
    """Pages over the results; counts at most COUNT_CAP + 1 of them."""

    def __init__(self, results: "Results", per_page: int):
        super().__init__(results.questions, per_page)
        self.results = results

    @cached_property
    def count(self) -> int:
        return self.results.count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @cached_property
    def num_pages(self) -> int:
        return max(1, -(-min(self.count, COUNT_CAP) // self.per_page))


def search(raw: str, *, exact: bool = False) -> Results:
    """The questions, doctors and treatments for what was typed. When the questions that have
    all its words are none, it forgives: misspelt words are corrected to the nearest words the
    site has (unless `exact`), then, for a query of several words, questions with any of them
    are shown, those with the most first ("how much does botox cost")."""
    query = clean_query(raw)
    wanted, _ = terms(query)
    if not wanted:
        none = Question.objects.none()
        return Results(query, none, none, [], [])
    results = _results(query, query)
    if not results.count():
        corrected = "" if exact else correct(query)
        if corrected:
            results = _results(query, corrected, corrected=corrected)
        if not results.count() and len(terms(corrected or query)[0]) > 1:
            results = _results(query, corrected or query, corrected=corrected, any_words=True)
    wanted, _ = terms(results.searched)
    results.doctors, results.treatments = _doctors(wanted), _treatments(wanted)
    return results


def _results(query: str, searched: str, *, corrected: str = "", any_words=False) -> Results:
    if connection.vendor == "postgresql":
        tsquery = _tsquery(searched, any_words)
        matching = Question.objects.visible().filter(search_vector=tsquery)
        questions = _questions_postgres(tsquery)
    else:
        questions = _questions_simple(searched, any_words)
        matching = questions.order_by()
    return Results(query, questions, matching, [], [], corrected=corrected, any_words=any_words)


def _tsquery(searched: str, any_words: bool) -> SearchQuery:
    if not any_words:
        return SearchQuery(searched, config=CONFIG, search_type="websearch")
    wanted, excluded = terms(searched)
    either = " or ".join(f'"{text}"' if " " in text else text for text in wanted)
    but_not = " ".join(f'-"{text}"' for text in excluded)
    return SearchQuery(f"{either} {but_not}".strip(), config=CONFIG, search_type="websearch")


def correct(query: str) -> str:
    """`query` with each word the site has never used replaced by the nearest word it has, or
    "" when no word needs or finds a correction. Phrases, excluded words, stop words and short
    words are kept as typed. One query for the known words, one for the nearest."""
    wanted, _ = terms(query)
    words = {
        text.lower()
        for text in wanted
        if WORD.fullmatch(text) and len(text) >= CORRECTABLE and text.lower() not in STOP_WORDS
    }
    if not words:
        return ""
    unknown = words - set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
    if not unknown:
        return ""
    nearest = _nearest_postgres(unknown) if connection.vendor == "postgresql" else _nearest(unknown)
    if not nearest:
        return ""

    def replace(match: re.Match) -> str:  # a plain word, not a phrase or an excluded word
        _, _, minus, word = match.groups()
        return nearest.get(word.lower(), word) if word and not minus else match.group(0)

    return TERM.sub(replace, query)


# Trigram similarity (pg_trgm's `%` operator, at its default threshold of 0.3) on SearchWord's
# trigram index; the most similar word wins, the shorter on a tie.
NEAREST_SQL = """
SELECT typed.word, (
    SELECT known.word FROM forum_searchword AS known
    WHERE known.word %% typed.word
    ORDER BY similarity(known.word, typed.word) DESC, length(known.word), known.word
    LIMIT 1
) FROM unnest(%s::text[]) AS typed(word)
"""


def _nearest_postgres(unknown: set[str]) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(NEAREST_SQL, [sorted(unknown)])
        return {typed: known for typed, known in cursor.fetchall() if known}


def _nearest(unknown: set[str], limit: int = 20_000) -> dict[str, str]:
    """SQLite's stand-in for trigrams: difflib over the known words that start with the same
    letter and are about as long (one query for all the words)."""
    near = Q()
    for word in unknown:
        near |= Q(word__startswith=word[0], letters__range=(len(word) - 2, len(word) + 2))
    known = list(
        SearchWord.objects.annotate(letters=Length("word"))
        .filter(near)
        .values_list("word", flat=True)[:limit]
    )
    found = {}
    for word in unknown:
        close = difflib.get_close_matches(word, [k for k in known if k[0] == word[0]], 1, 0.75)
        if close:
            found[word] = close[0]
    return found


def _questions_postgres(tsquery: SearchQuery) -> QuerySet:
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


def _questions_simple(query: str, any_words: bool = False) -> QuerySet:
    wanted, excluded = terms(query)
    wanted = meaningful(wanted)

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

    def count(hits) -> ExpressionWrapper:
        total = sum((Case(When(hit, then=Value(1)), default=Value(0)) for hit in hits), Value(0))
        return ExpressionWrapper(total, output_field=IntegerField())

    questions = Question.objects.for_listing()
    if any_words:
        either = Q()
        for text in wanted:
            either |= anywhere(text)
        questions = questions.filter(either).annotate(
            words_hit=count(anywhere(text) for text in wanted)
        )
    else:
        for text in wanted:
            questions = questions.filter(anywhere(text))
    for text in excluded:
        questions = questions.exclude(anywhere(text))
    order = ["-words_hit"] if any_words else []
    return (
        questions.only(*LISTING_FIELDS, "body")
        .annotate(title_hits=count(Q(title__icontains=text) for text in wanted))
        .order_by(*order, "-title_hits", "-created_at", "-id")
    )


def mark_simple(results, query: str) -> None:
    """Snippets for the simple search, made in Python for the page's rows only."""
    wanted, _ = terms(query)
    wanted = meaningful(wanted)
    pattern = re.compile("|".join(re.escape(text) for text in wanted), re.IGNORECASE)
    for question in results:
        question.title_marked = pattern.sub(lambda m: START + m.group(0) + STOP, question.title)
        body = question.body
        found = pattern.search(body)
        start = max(0, found.start() - 90) if found else 0
        excerpt = body[start : start + 240]
        excerpt = ("…" if start else "") + excerpt + ("…" if start + 240 < len(body) else "")
        question.snippet_marked = pattern.sub(lambda m: START + m.group(0) + STOP, excerpt)


def meaningful(wanted: list[str]) -> list[str]:
    """The words that say what the query is about; all of them if every one is a stop word."""
    return [text for text in wanted if text.lower() not in STOP_WORDS] or wanted


def _doctors(wanted: list[str]) -> list:
    doctors = DoctorProfile.objects.verified().for_cards()
    # Name, specialty, city or region (a trigram index on PostgreSQL).
    for text in meaningful(wanted):
        doctors = doctors.filter(search_text__contains=text.lower())
    return list(doctors.order_by("-ranking_score", "name")[:6])


def _treatments(wanted: list[str]) -> list:
    """Treatments named like a word of the query that have a question to show."""
    matching = Q()
    for text in meaningful(wanted):
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


def words_of(texts) -> set[str]:
    return {word.lower() for text in texts for word in WORD.findall(text)}


def remember_words(question_ids) -> None:
    """Add the words of these questions' titles and treatments to what corrections pick from.
    Words are only added: one no title uses any more still corrects to something real."""
    titles = Question.objects.filter(pk__in=question_ids).values_list("title", flat=True)
    names = Treatment.objects.filter(
        pk__in=TaggedQuestion.objects.filter(content_object__in=question_ids).values("tag")
    ).values_list("name", flat=True)
    words = words_of(titles) | words_of(names)
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(words)], ignore_conflicts=True, batch_size=2000
    )


def refresh(question_ids) -> None:
    """Recompute the stored search vector of these questions (PostgreSQL) and remember their
    words (both). Called by every write that changes what a question's search finds."""
    ids = [int(pk) for pk in question_ids]
    if ids:
        remember_words(ids)
    if connection.vendor != "postgresql" or not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_SQL + " WHERE q.id = ANY(%(ids)s)", {"config": CONFIG, "ids": ids})


def refresh_all(batch: int = 20_000) -> int:
    """Every question's vector and words, in batches (after a bulk load, or
    `manage.py rebuild_search`)."""
    done, last = 0, 0
    while True:
        ids = list(
            Question.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return done
        remember_words(ids)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    REFRESH_SQL + " WHERE q.id BETWEEN %(low)s AND %(high)s",
                    {"config": CONFIG, "low": ids[0], "high": ids[-1]},
                )
        done, last = done + len(ids), ids[-1]
