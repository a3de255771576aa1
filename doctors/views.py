import re
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

import photos
from doctors import services
from doctors.forms import ApplicationForm
from doctors.models import DoctorProfile, Specialty, Status
from doctors.permissions import doctor_account_required

DIRECTORY_PAGE = 24
SLUG = re.compile(r"[-\w]+")
PROFILE_ANSWERS_PAGE = 10


@doctor_account_required
@require_http_methods(["GET", "POST"])
def apply(request):
    """Doctor accounts fill in their profile and licence, and send it for verification."""
    profile = services.profile_for(request.user)
    if profile.status == Status.SUSPENDED:
        messages.error(request, "Your profile is suspended and cannot be changed.")
        return redirect("forum:doctor_dashboard")
    if request.method == "GET":
        return render(request, "doctors/apply.html", {"form": ApplicationForm(instance=profile)})
    form = ApplicationForm(request.POST, request.FILES, instance=profile)
    if form.is_valid():
        try:
            services.application_save(
                profile=profile,
                fields=form.profile_fields(),
                headshot=form.processed_headshot,
                submit="submit" in request.POST,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            profile.refresh_from_db()
            messages.success(
                request,
                "Your application is sent. A moderator will check your licence."
                if profile.status == Status.PENDING and "submit" in request.POST
                else "Your profile is saved.",
            )
            return redirect("forum:doctor_dashboard")
    profile.refresh_from_db()
    return render(request, "doctors/apply.html", {"form": form}, status=400)


@require_safe
def directory(request):
    """Everyone: verified doctors, by specialty and city."""
    doctors = DoctorProfile.objects.verified().for_cards().order_by("name", "id")
    specialty = None
    if slug := request.GET.get("specialty"):
        specialty = Specialty.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
        if specialty is None:
            raise Http404("No such specialty.")
        doctors = doctors.filter(specialty=specialty)
    city = request.GET.get("city", "").replace("\x00", "").strip()[:80]
    if city:
        doctors = doctors.filter(city=city)
    page = Paginator(doctors, DIRECTORY_PAGE).get_page(request.GET.get("page"))
    filters = {"specialty": specialty.slug if specialty else "", "city": city}
    context = {
        "page": page,
        "specialty": specialty,
        "city": city,
        "specialties": Specialty.objects.all(),
        "cities": DoctorProfile.objects.verified()
        .exclude(city="")
        .order_by("city")
        .values_list("city", flat=True)
        .distinct(),
        "filter_query": urlencode({key: value for key, value in filters.items() if value}),
    }
    return render(request, "doctors/directory.html", context)


def public_profile(slug: str) -> DoctorProfile:
    return get_object_or_404(
        DoctorProfile.objects.verified().select_related("specialty"), slug=slug
    )


@require_safe
def profile(request, slug: str):
    """Everyone: a verified doctor's public profile and answers. Others are 404."""
    doctor = public_profile(slug)
    answers = (
        doctor.answers.published()
        .filter(question__deleted_at__isnull=True)
        .select_related("question")
        .order_by("-created_at", "-id")
    )
    page = Paginator(answers, PROFILE_ANSWERS_PAGE).get_page(request.GET.get("page"))
    return render(request, "doctors/profile.html", {"doctor": doctor, "page": page})


@require_safe
def headshot(request, slug: str, size: str):
    """Everyone: a verified doctor's photo."""
    doctor = public_profile(slug)
    if size not in photos.SIZES or not doctor.headshot_key:
        raise Http404("No such photo.")
    try:
        response = FileResponse(
            default_storage.open(doctor.headshot_file_name(size)),
            content_type=photos.SIZES[size][1],
        )
    except FileNotFoundError:
        raise Http404("No such photo.") from None
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
