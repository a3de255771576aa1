"""The question page, kept rendered for signed-in patients.

Patients are most of the members who read questions, and every patient who is not the asker
sees the same page but for a few parts: the CSRF token, their own vote on each answer and
whether they follow the question. The page's main part is rendered with a `{% slot %}` mark
in each of those places (templates/forum/partials/question_content.html) and kept, with its
title and search-engine facts, in the page cache's current generation, which any write to what
the page shows moves on (pagecache). A patient's visit is then: the kept part, their votes and
follow (two indexed queries), and the header.

Everyone else is rendered in full, through the same template and the same fillers, so both
ways give the same page: the asker (their own controls), doctors (they answer and agree),
moderators and staff (they see what moderators hid), and anonymous visitors, whose whole page
the page cache keeps. Hidden questions are never kept.
"""

from dataclasses import dataclass
from functools import cache as once

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.utils.html import format_html
from django.utils.text import Truncator

from forum.models import AnswerVote, Question, QuestionFollow, page_scope
from web import slots

# Kept parts never carry someone's CSRF token: forms in them write {% slot "csrf" %}.
TOKEN_FIELD = "csrfmiddlewaretoken"  # noqa: S105 (a field name, not a secret)


@dataclass(frozen=True)
class Page:
    """The rendered page, but for its slots."""

    pk: int
    slug: str
    url: str
    author_id: int | None
    answer_ids: tuple[int, ...]
    title: str
    description: str
    seo: dict
    structured_data: dict | None
    content: str  # HTML with slot marks


def scope(pk: int, **url_kwargs) -> list[str]:
    """The scopes a question's page is kept under, besides the site's (from the URL's)."""
    return [page_scope(pk)]


def audience(user) -> str | None:
    """Whose page is the same for all: signed-in patients who neither moderate nor work on the
    site. None for everyone else."""
    if user.is_authenticated and user.is_patient and not (user.is_staff or user.is_superuser):
        return "patient"
    return None


def kept_key(request: HttpRequest, pk: int, order: str, audience: str) -> str:
    # The host is in it: the structured data carries absolute addresses.
    return f"question {pk} {order} {audience} {request.scheme}://{request.get_host()}"


def build(request: HttpRequest, context: dict) -> Page:
    question: Question = context["question"]
    return Page(
        pk=question.pk,
        slug=question.slug,
        url=question.get_absolute_url(),
        author_id=question.author_id,
        answer_ids=tuple(answer.pk for answer in context["answers"]),
        title=question.display_title,
        description=Truncator(question.body).chars(155),
        seo=context["seo"],
        structured_data=context.get("structured_data"),
        content=render_to_string("forum/partials/question_content.html", context, request),
    )


def may_keep(page: Page, question: Question, user) -> bool:
    return (
        audience(user) is not None
        and user.pk != question.author_id
        and question.is_visible
        and TOKEN_FIELD not in page.content
    )


def reader_state(user, page: Page) -> tuple[set[int], bool]:
    """The reader's votes on the page's answers, and whether they follow the question: one
    query, through the two unique constraints' indexes. (As two ORM queries it cost 2 ms, a
    fifth of the whole kept page; this is 0.4 ms.) A follow comes back as the id 0, which no
    answer has."""
    # Only the models' own table and column names go into the text; values are parameters.
    votes, follows = AnswerVote._meta, QuestionFollow._meta
    quote = connection.ops.quote_name
    follow_table, vote_table = quote(follows.db_table), quote(votes.db_table)
    follow_user, follow_question = (
        quote(column(follows, "user")),
        quote(column(follows, "question")),
    )
    vote_user, vote_answer = quote(column(votes, "user")), quote(column(votes, "answer"))
    sql = f"SELECT 0 FROM {follow_table} WHERE {follow_user} = %s AND {follow_question} = %s"  # noqa: S608
    params = [user.pk, page.pk]
    if page.answer_ids:
        placeholders = ", ".join(["%s"] * len(page.answer_ids))
        sql += (
            f" UNION ALL SELECT {vote_answer} FROM {vote_table} "  # noqa: S608
            f"WHERE {vote_user} = %s AND {vote_answer} IN ({placeholders})"
        )
        params += [user.pk, *page.answer_ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = {row[0] for row in cursor.fetchall()}
    return ids - {0}, 0 in ids


def column(meta, field: str) -> str:
    return meta.get_field(field).column


@once
def partial(name: str):
    return get_template(name)


def response(
    request: HttpRequest, context: dict, page: Page | None = None, *, status: int = 200
) -> HttpResponse:
    """The page rendered in full from question_context() (and built from it, unless given)."""
    page = page or build(request, context)
    return respond(
        request,
        page,
        voted=context["voted"],
        following=context["following"],
        status=status,
        extra={"update_form": context["update_form"]},
    )


def respond(
    request: HttpRequest,
    page: Page,
    *,
    voted: set[int],
    following: bool,
    status: int = 200,
    extra: dict | None = None,
) -> HttpResponse:
    """The page, its slots filled for this reader."""
    token = None

    def csrf_token() -> str:
        nonlocal token
        token = token or get_token(request)
        return token

    def vote(pk: int, count: int) -> str:
        context = {"answer": {"pk": pk, "helpful_count": count}, "has_voted": pk in voted}
        return partial("forum/partials/answer_vote.html").render(
            {**context, "csrf_token": csrf_token()}
        )

    def follow(pk: int) -> str:
        context = {"question": {"pk": pk}, "following": following, "csrf_token": csrf_token()}
        return partial("forum/partials/follow.html").render(context)

    def csrf() -> str:
        return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, csrf_token())

    content = slots.fill(page.content, {"vote": vote, "follow": follow, "csrf": csrf})
    context = {"page": page, "content": content, "seo": page.seo, **(extra or {})}
    return render(request, "forum/question_detail.html", context, status=status)
