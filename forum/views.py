import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Lower
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST, require_safe

import pagecache
import photos
from accounts.permissions import verified_email_required
from doctors import selectors as doctor_selectors
from doctors import services as doctor_services
from doctors.models import Status
from doctors.permissions import (
    can_answer,
    doctor_account_required,
    is_verified_doctor,
    verified_doctor_required,
    why_cannot_answer,
)
from forum import question_page, search, selectors, services, structured, triage
from forum.forms import (
    MAX_TREATMENTS,
    TREATMENT_NAME,
    AnswerForm,
    FollowedTreatmentsForm,
    QuestionForm,
    UpdateForm,
)
from forum.models import (
    Answer,
    Photo,
    PhotoVisibility,
    Question,
    QuestionUpdate,
)
from forum.permissions import patient_required
from moderation import audit, limits
from pagecache import cache_for_visitors
from treatments.models import Treatment
from treatments.tagging import treatments_from_string
from web.paging import ListPaginator
from web.seo import canonical_path, seo

PAGE_SIZE = 20
REVIEWS_PAGE = 10
TREATMENT_SLUG = re.compile(r"[-\w]+")
SORTS = {
    "newest": ("Newest", ["-created_at", "-id"]),
    "answers": ("Most answered", ["-answer_count", "-created_at", "-id"]),
    "unanswered": ("Unanswered", ["-created_at", "-id"]),
}


@cache_for_visitors
@require_safe
def home(request):
    """Everyone: what DocAnswers is, the newest and unanswered questions, popular treatments."""
    # Built only if the page's kept part is stale: building the querysets costs a millisecond.
    context = {
        "newest": SimpleLazyObject(
            lambda: Question.objects.for_listing().order_by("-created_at", "-id")[:6]
        ),
        "unanswered": SimpleLazyObject(
            lambda: (
                Question.objects.visible()
                .unanswered()
                .only("id", "title", "slug", "created_at", "noindex")
                .order_by("-created_at")[:5]
            )
        ),
        "treatments": SimpleLazyObject(lambda: Treatment.objects.popular()[:12]),
        "seo": seo(
            reverse("home"),
            "DocAnswers: ask verified doctors about treatments",
            "Ask verified doctors about Botox, fillers, laser, surgery and dental work. Free "
            "answers from licensed specialists, rated by patients.",
        ),
        "feed_url": reverse("forum:feed_rss"),
        "feed_title": "Newest questions on DocAnswers",
        **pagecache.fragments(),
    }
    return render(request, "forum/home.html", context)


ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /account/
Disallow: /report/
Disallow: /search/
Disallow: /questions/ask/
Disallow: /doctors/dashboard/
Disallow: /doctors/apply/
Disallow: /doctors/*/consultation/
Disallow: /consultations/

Sitemap: {sitemap}
"""


@require_safe
def healthz(request):
    """Load balancers and the benchmark: "ok" through every middleware, without the database
    (the benchmark's ceiling: what Django itself serves per second on this machine)."""
    response = HttpResponse("ok", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


@cache_for_visitors
@require_safe
def robots_txt(request):
    """Search engines: where not to go (accounts, forms, search results), and the sitemap."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(ROBOTS.format(sitemap=sitemap), content_type="text/plain")


@cache_for_visitors
@require_safe
def question_list(request):
    """Everyone: all questions, 20 a page, by treatment and in three orders."""
    fragments = pagecache.fragments()  # the generation first, then the rows kept under it
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "newest"
    questions = Question.objects.for_listing().order_by(*SORTS[sort][1])
    if sort == "unanswered":
        questions = questions.unanswered()
    treatment = None
    if slug := request.GET.get("treatment"):
        if not TREATMENT_SLUG.fullmatch(slug):
            raise Http404("No such treatment.")
        treatment = get_object_or_404(Treatment, slug=slug)
        questions = questions.filter(tagged_items__tag=treatment)
    # A treatment's visible questions are counted already; other lists count up to a cap.
    known = treatment.question_count if treatment and sort != "unanswered" else None
    page = ListPaginator(questions, PAGE_SIZE, known_count=known).get_page(request.GET.get("page"))
    filters = {"treatment": treatment.slug if treatment else "", "sort": sort}
    context = {
        "page": page,
        "filter_query": urlencode({key: value for key, value in filters.items() if value}),
        "sort": sort,
        "sorts": {key: label for key, (label, _) in SORTS.items()},
        "treatment": treatment,
        "treatments": Treatment.objects.popular()[:30],
        "seo": seo(
            canonical_path(request, "treatment", "page"),
            f"{treatment.name} questions" if treatment else "Questions",
            "Patients' questions about treatments, answered by verified doctors.",
            noindex=sort != "newest",  # the other orders show the same questions again
        ),
        "feed_url": reverse("forum:feed_rss"),
        "feed_title": "Newest questions on DocAnswers",
        **fragments,
    }
    return render(request, "forum/question_list.html", context)


@cache_for_visitors
@require_safe
def treatment_detail(request, slug: str):
    """Everyone: one treatment's hub: what patients who had it say (worth it, what they paid,
    their latest reviews), the doctors who answer most about it, its most answered questions,
    then all its questions, newest first. Later pages of the list show the list alone."""
    fragments = pagecache.fragments()  # the generation first, then the rows kept under it
    treatment = get_object_or_404(Treatment, slug=slug)
    questions = (
        Question.objects.for_listing()
        .filter(tagged_items__tag=treatment)
        .order_by("-created_at", "-id")
    )
    paginator = ListPaginator(questions, PAGE_SIZE, known_count=treatment.question_count)
    page = paginator.get_page(request.GET.get("page"))
    hub = selectors.treatment_hub(request.user, treatment) if page.number == 1 else {}
    if page.number != 1:
        hub["following"] = selectors.follows_treatment(request.user, treatment)
    context = {
        **hub,
        "treatment": treatment,
        "page": page,
        "ask_url": ask_url(treatment),
        "seo": seo(
            canonical_path(request, "page"),
            f"{treatment.name}: questions and doctors' answers",
            treatment.description
            or f"Patients' questions about {treatment.name}, answered by verified doctors.",
        ),
        "feed_url": reverse("forum:treatment_feed_rss", args=[treatment.slug]),
        "feed_title": f"Newest {treatment.name} questions on DocAnswers",
        **fragments,
    }
    return render(request, "forum/treatment_detail.html", context)


def ask_url(treatment: Treatment) -> str:
    """The ask form with the treatment filled in."""
    return f"{reverse('forum:question_ask')}?{urlencode({'treatments': treatment.name})}"


@cache_for_visitors
@require_safe
def treatment_reviews(request, slug: str):
    """Everyone: the reviews the public sees that name the treatment, newest first, 10 a page,
    under the same figures as the treatment's page."""
    treatment = get_object_or_404(Treatment, slug=slug)
    summary = doctor_selectors.review_summary(treatment)
    reviews = doctor_selectors.treatment_reviews(treatment)
    page = ListPaginator(reviews, REVIEWS_PAGE, known_count=summary.review_count).get_page(
        request.GET.get("page")
    )
    page.object_list = doctor_selectors.with_treatment(page.object_list, treatment)
    context = {
        "treatment": treatment,
        "summary": summary,
        "page": page,
        "ask_url": ask_url(treatment),
        "seo": seo(
            canonical_path(request, "page"),
            f"{treatment.name} reviews",
            f"What patients who had {treatment.name} say about it and their doctors: whether "
            "it was worth it, what it cost, and how they rate their doctor.",
        ),
    }
    return render(request, "forum/treatment_reviews.html", context)


@patient_required
@require_POST
def treatment_follow(request, slug: str):
    """Signed-in patients follow a treatment, to be emailed when a question about it is
    published, or stop. (Doctors choose their treatments on their dashboard.)"""
    treatment = get_object_or_404(Treatment, slug=slug)
    following = request.POST.get("follow") == "1"
    services.treatment_follow_set(treatment=treatment, user=request.user, follow=following)
    if request.htmx:
        context = {"treatment": treatment, "following": following}
        return render(request, "forum/partials/treatment_follow.html", context)
    messages.success(
        request,
        f"You follow {treatment.name}: we'll email you when a patient asks about it."
        if following
        else f"You no longer follow {treatment.name}.",
    )
    return redirect(treatment)


@cache_for_visitors
@require_safe
def search_page(request):
    """Everyone: questions (title, treatments, body, answers), doctors and treatments."""
    exact = request.GET.get("exact") == "1"
    results = search.search(request.GET.get("q", ""), exact=exact)
    page = search.CappedPaginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    if rows and not hasattr(rows[0], "snippet_marked"):
        search.mark_simple(rows, results.searched)
    for row in rows:
        row.title_html = search.highlighted(row.title_marked)
        row.snippet_html = search.highlighted(row.snippet_marked)
    context = {
        "results": results,
        "page": page,
        "rows": rows,
        "filter_query": urlencode({"q": results.query, **({"exact": 1} if exact else {})}),
        "corrected_query": urlencode({"q": results.corrected}),
        "exact_query": urlencode({"q": results.query, "exact": 1}),
        "too_long": len(request.GET.get("q", "")) > search.MAX_QUERY_LENGTH,
    }
    return render(request, "forum/search.html", context)


ANSWER_ORDERS = {
    "newest": ("Newest", ["-created_at", "-id"]),
    "helpful": ("Most helpful", ["-helpful_count", "-created_at", "-id"]),
}


@cache_for_visitors(scopes=question_page.scope)
@require_safe
def question_detail(request, pk: int, slug: str | None = None):
    """Everyone: a question, its doctors' answers; its photos only for those the asker chose.
    Hidden by moderators, it is shown only to its asker (with the reason) and moderators.
    Signed-in patients get the page kept for them all, with their own votes (question_page)."""
    user = request.user
    key, kept = None, pagecache.Kept(None, None)
    if audience := question_page.audience(user):
        key = question_page.kept_key(request, pk, answer_order(request), audience)
        kept = pagecache.kept(key, scopes=question_page.scope(pk))
    if (page := kept.value) is not None and page.author_id != user.pk:
        if slug != page.slug:
            return redirect(page.url, permanent=True)
        voted, following = question_page.reader_state(user, page)
        return question_page.respond(request, page, voted=voted, following=following)
    question = get_object_or_404(selectors.detail_questions(user), pk=pk)
    if slug != question.slug:
        return redirect(question, permanent=True)
    context = question_context(request, question)
    answers = [answer for answer in context["answers"] if not answer.is_hidden]
    context["seo"] = seo(
        question.get_absolute_url(),
        question.display_title,
        question.body,
        kind="article",
        noindex=question.is_hidden or question.noindex,
    )
    if question.is_visible and not question.noindex:
        context["structured_data"] = structured.qa_page(
            request.build_absolute_uri, question, answers, context["photos"]
        )
    page = question_page.build(request, context)
    if key and question_page.may_keep(page, question, user):
        pagecache.keep(key, kept.generation, page)
    return question_page.response(request, context, page)


def answer_order(request) -> str:
    order = request.GET.get("answers")
    return order if order in ANSWER_ORDERS else "newest"


def question_context(
    request,
    question: Question,
    answer_form: AnswerForm | None = None,
    update_form: UpdateForm | None = None,
) -> dict:
    """The question page's context: what the reader sees (selectors.question_page), and the
    forms they may fill in."""
    order = answer_order(request)
    user = request.user
    context = selectors.question_page(user, question, ANSWER_ORDERS[order][1])
    if context["may_answer"]:
        answer_form = answer_form or AnswerForm(instance=context["own_answer"])
    return {
        **context,
        "answer_order": order,
        "answer_orders": {key: label for key, (label, _) in ANSWER_ORDERS.items()},
        # "Ask your own question" starts with this question's treatments filled in.
        "ask_query": urlencode(
            {"treatments": ", ".join(treatment.name for treatment in question.treatments.all())}
        ),
        "answer_form": answer_form,
        "update_form": (update_form or UpdateForm(question=question))
        if context["is_author"]
        else None,
        "why_cannot_answer": why_cannot_answer(user)
        if user.is_authenticated and user.is_doctor and not answer_form
        else "",
        "needs_mfa": is_verified_doctor(user) and not answer_form,
    }


@verified_doctor_required
@require_POST
def answer_post(request, pk: int):
    """Verified doctors answer, or edit their answer; anyone else gets a 403."""
    question = get_object_or_404(Question.objects.visible().select_related("author"), pk=pk)
    profile = request.user.doctor_profile
    existing = Answer.objects.filter(question=question, doctor=profile).first()
    form = AnswerForm(request.POST, instance=existing)
    if not form.is_valid():
        context = question_context(request, question, answer_form=form)
        context["seo"] = seo(question.get_absolute_url(), question.title, "", noindex=True)
        return question_page.response(request, context, status=400)
    if not existing and (refused := limits.refuse(request, Answer)):
        return refused
    try:
        answer, _ = services.answer_submit(
            question=question,
            doctor=profile,
            headline=form.cleaned_data["headline"],
            body=form.cleaned_data["body"],
        )
    except services.QuestionGone:
        raise Http404("This question has been deleted.") from None
    messages.success(request, "Your answer is posted." if not existing else "Your answer is saved.")
    return redirect(answer)


def visible_answer(pk: int) -> Answer:
    return get_object_or_404(Answer.objects.public().select_related("question", "doctor"), pk=pk)


@verified_email_required
@require_POST
def answer_vote(request, pk: int):
    """Signed-in members other than its author mark an answer helpful, or take it back."""
    answer = visible_answer(pk)
    if answer.doctor.user_id == request.user.pk:
        raise PermissionDenied("You can't vote for your own answer.")
    helpful = request.POST.get("helpful") == "1"
    answer.helpful_count = services.vote_set(answer=answer, user=request.user, helpful=helpful)
    if request.htmx:
        context = {"answer": answer, "has_voted": helpful}
        return render(request, "forum/partials/answer_vote.html", context)
    return redirect(answer)


@verified_email_required
@require_POST
def question_follow(request, pk: int):
    """Signed-in members follow a question to be emailed when a doctor answers, or stop."""
    question = get_object_or_404(Question.objects.visible(), pk=pk)
    if question.author_id == request.user.pk:
        raise PermissionDenied("You are emailed about answers to your own questions already.")
    following = request.POST.get("follow") == "1"
    services.follow_set(question=question, user=request.user, follow=following)
    if request.htmx:
        context = {"question": question, "following": following}
        return render(request, "forum/partials/follow.html", context)
    messages.success(
        request,
        "You follow this question: we'll email you when a doctor answers."
        if following
        else "You no longer follow this question.",
    )
    return redirect(question)


@verified_doctor_required
@require_POST
def answer_agree(request, pk: int):
    """Verified doctors (with two-factor) say "I agree" with a colleague's answer, or take it
    back; not with their own."""
    answer = visible_answer(pk)
    profile = request.user.doctor_profile
    if answer.doctor_id == profile.pk:
        raise PermissionDenied("You can't agree with your own answer.")
    services.agreement_set(answer=answer, doctor=profile, agree=request.POST.get("agree") == "1")
    if request.htmx:
        answer = (
            Answer.objects.filter(pk=answer.pk)
            .prefetch_related(selectors.agreements_prefetch())
            .select_related("doctor")
            .get()
        )
        context = {"answer": answer, "user_can_agree": True}
        return render(request, "forum/partials/agreement.html", context)
    return redirect(answer)


@verified_email_required
@require_POST
def answer_helped(request, pk: int):
    """The asker marks an answer "This helped me", or takes the mark back."""
    answer = visible_answer(pk)
    if answer.question.author_id != request.user.pk:
        raise PermissionDenied("Only the person who asked can mark an answer as helpful to them.")
    services.helped_set(answer=answer, helped=request.POST.get("helped") == "1")
    return redirect(answer)


def treatment_suggestions():
    """The treatments a treatment field suggests: read only if the template renders them."""
    return Treatment.objects.popular().values_list("name", flat=True)[:50]


@patient_required
@require_POST
def triage_check(request):
    """The ask form, as the patient types: the urgent-care box for what they wrote, or nothing."""
    treatments = [name for name in request.POST.get("treatments", "").split(",") if name.strip()]
    text = f"{request.POST.get('title', '')[:300]}.\n{request.POST.get('body', '')[:6000]}"
    context = {
        "urgent": triage.find(text, treatments[:10]),
        # The follow-up form's box sits on a page that may show the question's own box.
        "urgent_id": "urgent-update" if request.POST.get("box") == "update" else "urgent",
    }
    return render(request, "forum/partials/urgent.html", context)


@patient_required
@require_http_methods(["GET", "POST"])
def question_ask(request):
    """Patients with a verified email ask a question, with up to six photos."""
    if request.method == "GET":
        return render_form(request, QuestionForm(initial=ask_initial(request)))
    form = QuestionForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_form(request, form, status=400)
    if refused := limits.refuse(request, Question):
        return refused
    question = services.question_create(
        author=request.user,
        title=form.cleaned_data["title"],
        body=form.cleaned_data["body"],
        treatments=form.cleaned_data["treatments"],
        photo_visibility=form.cleaned_data["photo_visibility"],
        new_photos=form.new_photos,
        noindex=form.cleaned_data["noindex"],
    )
    return after_upload(request, question)


def ask_initial(request) -> dict:
    """The ask form's treatments from ?treatments=Botox ("Ask about Botox" on a treatment's
    page): the names given that are treatments already (matched regardless of case, shown
    under their own names); anything else is ignored."""
    given = treatments_from_string(request.GET.get("treatments", "")[:300])[:MAX_TREATMENTS]
    wanted = {name.lower() for name in given if len(name) <= 50 and TREATMENT_NAME.match(name)}
    if not wanted:
        return {}
    names = sorted(
        Treatment.objects.alias(lower_name=Lower("name"))
        .filter(lower_name__in=wanted)
        .values_list("name", flat=True)
    )
    return {"treatments": ", ".join(names)} if names else {}


def render_form(request, form: QuestionForm, *, status: int = 200) -> HttpResponse:
    context = {"form": form, "suggestions": treatment_suggestions(), "max_photos": 6}
    return render(request, "forum/question_form.html", context, status=status)


def own_question(request, pk: int) -> Question:
    """The signed-in member's own question, even hidden by moderators; 404 for anyone else's.
    (An edit leaves a hidden question hidden: a moderator decides whether to restore it.)"""
    return get_object_or_404(
        Question.objects.filter(deleted_at__isnull=True), pk=pk, author=request.user
    )


@patient_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk: int):
    """The asker edits the question, removes or adds photos, and changes who sees them."""
    question = own_question(request, pk)
    if request.method == "GET":
        return render_form(request, QuestionForm(instance=question))
    form = QuestionForm(request.POST, request.FILES, instance=question)
    if not form.is_valid():
        return render_form(request, form, status=400)
    try:
        question = services.question_update(
            question=question,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            treatments=form.cleaned_data["treatments"],
            photo_visibility=form.cleaned_data["photo_visibility"],
            new_photos=form.new_photos,
            removed_photos=form.removed_photos,
            alt_texts=form.alt_texts,
            noindex=form.cleaned_data["noindex"],
        )
    except services.QuestionGone:
        raise Http404("This question has been deleted.") from None
    except ValidationError as error:
        form.add_error("photos", error)
        return render_form(request, form, status=400)
    return after_upload(request, question)


@patient_required
@require_http_methods(["GET", "POST"])
def question_delete(request, pk: int):
    """The asker deletes the question (kept for the record) and its photos (gone for good)."""
    question = own_question(request, pk)
    if request.method == "POST":
        services.question_delete(question=question)
        return redirect("forum:question_list")
    return render(request, "forum/question_confirm_delete.html", {"question": question})


@patient_required
@require_POST
def update_add(request, pk: int):
    """The asker adds a dated follow-up: text, photos and where things stand."""
    question = own_question(request, pk)
    form = UpdateForm(request.POST, request.FILES, question=question)
    if not form.is_valid():
        question = get_object_or_404(selectors.detail_questions(request.user), pk=pk)
        context = question_context(request, question, update_form=form)
        context["seo"] = seo(question.get_absolute_url(), question.title, "", noindex=True)
        return question_page.response(request, context, status=400)
    if refused := limits.refuse(request, QuestionUpdate):
        return refused
    try:
        update = services.update_add(
            question=question,
            body=form.cleaned_data["body"],
            status_set=form.cleaned_data["status_set"],
            new_photos=form.new_photos,
        )
    except services.QuestionGone:
        raise Http404("This question has been deleted.") from None
    messages.success(
        request,
        "Your update is added. The doctors who answered will get an email."
        if question.answer_count
        else "Your update is added.",
    )
    return after_upload(request, update)


def after_upload(request, to) -> HttpResponse:
    """Where to go after a form with photos. With JavaScript the form is sent by
    photo-upload.js, whose request would follow a redirect itself (using up the page's one-time
    messages and losing the #fragment), so it is told where to go instead."""
    url = resolve_url(to)
    if request.headers.get("X-Photo-Upload") == "1":
        response = HttpResponse(status=204)
        response["X-Location"] = url
        return response
    return redirect(url)


@patient_required
@require_http_methods(["GET", "POST"])
def update_delete(request, pk: int):
    """The asker removes one of their follow-ups, and its photos."""
    update = get_object_or_404(
        QuestionUpdate.objects.select_related("question"),
        pk=pk,
        question__author=request.user,
        question__deleted_at__isnull=True,
    )
    if request.method == "POST":
        services.update_delete(update=update)
        messages.success(request, "Your update is removed.")
        return redirect(update.question)
    return render(request, "forum/update_confirm_delete.html", {"update": update})


@patient_required
@require_http_methods(["GET", "POST"])
def question_deidentify(request, pk: int):
    """The asker removes their name and photos from the question; the answers stay."""
    question = own_question(request, pk)
    if request.method == "POST":
        try:
            services.question_deidentify(question=question)
        except services.QuestionGone:
            raise Http404("This question is no longer yours.") from None
        messages.success(
            request,
            "Your name and photos are removed from the question. It is no longer linked to "
            "your account.",
        )
        return redirect(question)
    return render(request, "forum/question_deidentify.html", {"question": question})


def moderates_only(user, question: Question) -> bool:
    """A moderator who sees restricted photos only because they moderate (so it is logged)."""
    return (
        user.is_authenticated
        and user.pk != question.author_id
        and user.is_moderator
        and not is_verified_doctor(user)
    )


@cache_for_visitors
@require_safe
def photo(request, key: str, size: str):
    """A photo file, for those allowed to see it: 404 for anyone else, as for a missing one."""
    if size not in Photo.SIZES:
        raise Http404("No such photo size.")
    user = request.user
    photo = get_object_or_404(
        Photo.objects.visible_to(user).select_related("question", "update"), key=key
    )
    question = photo.question
    hidden = photo.is_hidden or question.is_hidden or (photo.update and photo.update.is_hidden)
    if (hidden and user.pk != question.author_id) or (
        question.photo_visibility == PhotoVisibility.DOCTORS and moderates_only(user, question)
    ):
        audit.photo_viewed(user, photo)  # seen only because they moderate
    public = question.photo_visibility == PhotoVisibility.EVERYONE and not hidden
    response = photos.file_response(photo.file_name(size), Photo.SIZES[size][1], public=public)
    # Nothing is kept where a later change of visibility, or a deletion, could not reach it:
    # restricted photos are never stored by any cache, public ones are checked each time
    # (the page cache's copy goes with the next write to the photo or its question).
    response["Cache-Control"] = "public, no-cache" if public else "private, no-store"
    response["Content-Disposition"] = "inline"
    return response


@login_required
@require_safe
def my_activity(request):
    """Signed-in members: their questions, follow-ups, reviews and followed questions."""
    return render(request, "forum/my_activity.html", selectors.my_activity(request.user))


@doctor_account_required
@require_safe
def doctor_dashboard(request):
    """Doctor accounts: where verification stands, questions to answer, their answers."""
    # The generation before any row: a write after it is never kept under it (pagecache).
    fragments = pagecache.fragments()
    profile = doctor_services.profile_for(request.user)
    context = selectors.doctor_dashboard(profile)
    context |= {
        "profile": profile,
        "missing": profile.missing_for_review() if profile.status == Status.DRAFT else [],
        "needs_mfa": profile.status == Status.VERIFIED
        and not profile.licence_lapsed
        and not can_answer(request.user),
        "follow_form": FollowedTreatmentsForm(
            initial={"treatments": ", ".join(t.name for t in context["followed"])}
        ),
        "suggestions": treatment_suggestions(),
        **fragments,
    }
    return render(request, "forum/doctor_dashboard.html", context)


@doctor_account_required
@require_POST
def doctor_follow(request):
    """Doctor accounts choose the treatments whose questions they want to see first."""
    form = FollowedTreatmentsForm(request.POST)
    if form.is_valid():
        services.followed_treatments_set(
            profile=doctor_services.profile_for(request.user),
            text=form.cleaned_data["treatments"],
        )
        messages.success(request, "Your treatments are saved.")
    return redirect("forum:doctor_dashboard")
