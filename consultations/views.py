from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

import photos
from accounts.permissions import verified_email_required
from consultations import services
from consultations.forms import MessageForm, RequestForm
from consultations.models import Consultation, Message, MessagePhoto
from consultations.permissions import ONLY_PATIENTS, why_no_reply, why_unavailable
from doctors.permissions import doctor_profile
from doctors.views import public_profile
from moderation import audit, limits
from moderation.models import Action

INBOX_PAGE = 20
THREAD_PAGE = 30


@never_cache
@verified_email_required
@require_http_methods(["GET", "POST"])
def consultation_request(request, slug: str):
    """A patient with a verified email writes privately to a verified doctor who takes
    requests: the thread and its first message in one go."""
    doctor = public_profile(slug)
    if not request.user.is_patient:
        raise PermissionDenied(ONLY_PATIENTS)
    if reason := why_unavailable(doctor):
        return render(
            request,
            "consultations/unavailable.html",
            {"doctor": doctor, "reason": reason},
            status=403,
        )
    if request.method == "POST" and (refused := limits.refuse(request, Consultation)):
        return refused  # before the photos are decoded
    form = RequestForm(request.POST, request.FILES) if request.method == "POST" else RequestForm()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        consultation = services.consultation_start(
            patient=request.user,
            doctor=doctor,
            subject=data["subject"],
            body=data["body"],
            treatment=data["treatment"],
            pictures=form.pictures,
        )
        messages.success(
            request,
            f"Your request is sent. {doctor.display_name} is told by email; you'll hear here "
            "and by email when they reply.",
        )
        return redirect(consultation)
    earlier = (
        Consultation.objects.filter(patient=request.user, doctor=doctor)
        .order_by("-last_message_at", "-id")
        .first()
    )
    context = {"doctor": doctor, "form": form, "earlier": earlier}
    status = 400 if form.is_bound else 200
    return render(request, "consultations/request.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def thread(request, pk: int):
    """The conversation: its two members read and write; moderators read it once it has been
    reported. Anyone else gets a 404, so a thread's existence is not given away."""
    consultation = get_object_or_404(
        Consultation.objects.visible_to(request.user).select_related(
            "patient", "doctor__user", "doctor__specialty", "treatment"
        ),
        pk=pk,
    )
    role = consultation.member_role(request.user)
    if role is None:  # a moderator, reading a reported thread: that goes in the log
        audit.viewed(request.user, consultation, Action.CONSULTATION_READ)
    refusal = why_no_reply(consultation, request.user)
    form = MessageForm()
    if request.method == "POST":
        if refusal:
            raise PermissionDenied(refusal)
        if refused := limits.refuse(request, Message):
            return refused
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message = services.message_add(
                    consultation=consultation,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    pictures=form.pictures,
                )
            except Consultation.DoesNotExist:
                raise Http404("This conversation has been deleted.") from None
            messages.success(request, "Your message is sent.")
            return redirect(f"{consultation.get_absolute_url()}#message-{message.pk}")
    thread_messages = consultation.messages.select_related("author").prefetch_related("photos")
    paginator = Paginator(thread_messages.order_by("created_at", "id"), THREAD_PAGE)
    page = paginator.get_page(request.GET.get("page") or paginator.num_pages)
    if not form.is_bound and not page.has_next():
        services.mark_read(consultation, request.user)  # they have seen the latest messages
    context = {
        "consultation": consultation,
        "role": role,
        "page": page,
        "form": form,
        "refusal": refusal,
    }
    status = 400 if form.is_bound else 200
    return render(request, "consultations/thread.html", context, status=status)


@never_cache
@login_required
@require_safe
def inbox(request):
    """The member's consultations, latest activity first, with what is new to them."""
    threads = (
        Consultation.objects.of_member(request.user)
        .select_related("patient", "doctor", "treatment")
        .order_by("-last_message_at", "-id")
    )
    page = Paginator(threads, INBOX_PAGE).get_page(request.GET.get("page"))
    for consultation in page.object_list:
        consultation.unread = consultation.unread_for(request.user)
    profile = doctor_profile(request.user)
    return render(request, "consultations/inbox.html", {"page": page, "profile": profile})


@require_safe
def photo(request, key: str, size: str):
    """A photo sent in a consultation: only to the thread's two members, and to moderators
    once it is reported; a 404 for anyone else. Never stored by a shared cache."""
    if size not in MessagePhoto.SIZES:
        raise Http404("No such photo size.")
    threads = Consultation.objects.visible_to(request.user)
    picture = get_object_or_404(
        MessagePhoto.objects.select_related("message__consultation__doctor"),
        key=key,
        message__consultation__in=threads,
    )
    consultation = picture.message.consultation
    if consultation.member_role(request.user) is None:
        audit.viewed(request.user, consultation, Action.CONSULTATION_READ)
    response = photos.file_response(
        picture.file_name(size), MessagePhoto.SIZES[size][1], public=False
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response
