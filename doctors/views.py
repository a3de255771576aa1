import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

import photos
from doctors import places, services, structured
from doctors.forms import ApplicationForm, ReplyForm, ReviewForm
from doctors.models import DoctorProfile, Experience, Review, ReviewStatus, Specialty, Status
from doctors.permissions import (
    NEEDS_MFA,
    can_answer,
    can_reply_to_patients,
    doctor_account_required,
    patient_required,
)
from moderation import limits
from pagecache import cache_for_visitors
from treatments.models import Treatment
from web.seo import canonical_path, seo

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


RADII = (10, 25, 50, 100)  # miles
DEFAULT_RADIUS = 25
SORTS = {"rating": "Patient rating", "distance": "Distance"}
BY_RATING = ["-ranking_score", "-review_count", "name", "id"]


@dataclass
class Nearby:
    """What the directory's "Near" asks for: a ZIP code or "City, ST" typed, or the browser's
    location (which wins when both are sent); the radius; and what was wrong, said plainly."""

    typed: str = ""
    located: dict = field(default_factory=dict)  # {"lat": ..., "lng": ...} as sent
    place: places.Place | None = None
    radius: int = DEFAULT_RADIUS
    problems: list = field(default_factory=list)

    @classmethod
    def from_request(cls, request) -> "Nearby":
        asked = cls(typed=request.GET.get("near", "").replace("\x00", "").strip()[:80])
        lat, lng = request.GET.get("lat", ""), request.GET.get("lng", "")
        if lat or lng:
            asked.place = places.point(lat, lng)
            if asked.place is None:
                asked.problems.append("Your location could not be read. Enter a ZIP code instead.")
            else:
                asked.located, asked.typed = {"lat": lat[:20], "lng": lng[:20]}, ""
        elif asked.typed:
            asked.place = places.locate(asked.typed)
            if asked.place is None:
                asked.problems.append(
                    f"We could not find “{asked.typed}”. Enter a 5-digit US ZIP code, or a city "
                    "and state such as “Seattle, WA”."
                )
        radius = request.GET.get("radius", "")
        if radius in {str(miles) for miles in RADII}:
            asked.radius = int(radius)
        elif radius:
            asked.problems.append(
                f"Showing doctors within {DEFAULT_RADIUS} miles: choose 10, 25, 50 or 100."
            )
        return asked

    def filters(self) -> dict:
        """The query parameters that ask for this place again (pagination), if it was found."""
        if self.place is None:
            return {}
        return {"near": self.typed, **self.located, "radius": self.radius}


def distance_label(miles: float) -> str:
    return "Under 1 mile away" if miles < 1 else f"{miles:.1f} miles away"


@cache_for_visitors
@require_safe
def directory(request):
    """Everyone: verified doctors, by specialty, city or distance from a place, the best rated
    or the nearest first."""
    doctors = DoctorProfile.objects.verified().for_cards()
    specialty = None
    if slug := request.GET.get("specialty"):
        specialty = Specialty.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
        if specialty is None:
            raise Http404("No such specialty.")
        doctors = doctors.filter(specialty=specialty)
    city = request.GET.get("city", "").replace("\x00", "").strip()[:80]
    if city:
        doctors = doctors.filter(city=city)
    nearby = Nearby.from_request(request)
    sort = request.GET.get("sort", "")
    sort = sort if sort in SORTS else ("distance" if nearby.place else "rating")
    if nearby.place:
        doctors = doctors.near(nearby.place, nearby.radius)
    nearest_first = nearby.place and sort == "distance"
    doctors = doctors.order_by(*(["distance", *BY_RATING] if nearest_first else BY_RATING))
    page = Paginator(doctors, DIRECTORY_PAGE).get_page(request.GET.get("page"))
    if nearby.place:
        for doctor in page.object_list:
            doctor.distance_label = distance_label(doctor.distance)
    filters = {
        "specialty": specialty.slug if specialty else "",
        "city": city,
        **nearby.filters(),
        "sort": sort if nearby.place else "",
    }
    context = {
        "page": page,
        "specialty": specialty,
        "city": city,
        "nearby": nearby,
        "radii": RADII,
        "sort": sort,
        "sorts": SORTS,
        "specialties": Specialty.objects.all(),
        "cities": DoctorProfile.objects.verified()
        .exclude(city="")
        .order_by("city")
        .values_list("city", flat=True)
        .distinct(),
        "filter_query": urlencode({key: value for key, value in filters.items() if value}),
        "seo": seo(
            canonical_path(request, "specialty", "city", "page"),
            "Verified doctors",
            "Doctors whose licence DocAnswers has verified: specialty, city, patient rating "
            "and answers.",
        ),
    }
    return render(request, "doctors/directory.html", context)


def public_profile(slug: str) -> DoctorProfile:
    """A verified doctor, or one whose licence verification has expired since (the page says
    so); anyone else's profile is a 404."""
    return get_object_or_404(
        DoctorProfile.objects.public().select_related("specialty", "user"), slug=slug
    )


@cache_for_visitors
@require_safe
def profile(request, slug: str):
    """Everyone: a verified doctor's public profile and answers. Others are 404."""
    doctor = public_profile(slug)
    answers = doctor.answers.public().select_related("question").order_by("-created_at", "-id")
    page = Paginator(answers, PROFILE_ANSWERS_PAGE).get_page(request.GET.get("page"))
    latest_reviews = (
        doctor.reviews.filter(status=ReviewStatus.PUBLISHED)
        .select_related("author", "treatment")
        .order_by("-created_at", "-id")[:3]
    )
    context = {
        "doctor": doctor,
        "page": page,
        "latest_reviews": latest_reviews,
        "experiences": experience_counts(doctor) if doctor.review_count else [],
        # The "Request a consultation" button: only for a doctor whose account can reply.
        "takes_requests": doctor.takes_consultations and can_reply_to_patients(doctor),
        "seo": seo(
            canonical_path(request, "page"),
            f"{doctor.display_name}, {doctor.practice_line}",
            f"{doctor.display_name} is a {'verified ' if doctor.is_verified else ''}"
            f"{doctor.specialty} in {doctor.city}. "
            "Read their answers to patients' questions and patients' reviews.",
            image=doctor.headshot_large_url,
            kind="profile",
        ),
        "structured_data": structured.physician(request.build_absolute_uri, doctor),
    }
    return render(request, "doctors/profile.html", context)


@cache_for_visitors
@require_safe
def headshot(request, slug: str, size: str):
    """Everyone: a verified doctor's photo."""
    doctor = public_profile(slug)
    if size not in photos.SIZES or not doctor.headshot_key:
        raise Http404("No such photo.")
    response = photos.file_response(
        doctor.headshot_file_name(size), photos.SIZES[size][1], public=True
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


REVIEW_ORDERS = {
    "newest": ("Newest", ["-created_at", "-id"]),
    "highest": ("Highest rated", ["-rating", "-created_at", "-id"]),
    "lowest": ("Lowest rated", ["rating", "-created_at", "-id"]),
}
REVIEWS_PAGE = 10


def treatment_by_name(name: str) -> Treatment | None:
    """The treatment of that name, made if it is new, as when a patient asks a question."""
    if not name:
        return None
    return Treatment.objects.filter(name__iexact=name).first() or Treatment.objects.create(
        name=name
    )


@patient_required
@require_http_methods(["GET", "POST"])
def review_write(request, slug: str):
    """Patients with a verified email review a verified doctor, or edit their review."""
    doctor = public_profile(slug)
    existing = Review.objects.filter(doctor=doctor, author=request.user).first()
    form = ReviewForm(request.POST or None, instance=existing)
    if request.method == "POST":
        if form.is_valid() and not existing and (refused := limits.refuse(request, Review)):
            return refused
        if form.is_valid():
            fields = {
                name: form.cleaned_data[name]
                for name in (
                    "rating",
                    "experience",
                    "title",
                    "body",
                    "worth_it",
                    "cost_range",
                    "treated_in",
                )
            }
            fields["treatment"] = treatment_by_name(form.cleaned_data["treatment_name"])
            services.review_submit(doctor=doctor, author=request.user, fields=fields)
            messages.success(
                request,
                "Your review is saved." if existing else "Thank you: your review is published.",
            )
            return redirect("doctors:reviews", slug=doctor.slug)
        status = 400
    else:
        status = 200
    context = {
        "doctor": doctor,
        "form": form,
        "existing": existing,
        "suggestions": list(Treatment.objects.values_list("name", flat=True)[:50]),
    }
    return render(request, "doctors/review_form.html", context, status=status)


def experience_counts(doctor: DoctorProfile) -> list[tuple[str, str, int]]:
    """(key, label, published reviews) for each kind of experience, in one query."""
    counts = dict(
        doctor.reviews.filter(status=ReviewStatus.PUBLISHED)
        .exclude(experience="")
        .values_list("experience")
        .annotate(total=Count("pk"))
    )
    return [(key, label, counts.get(key, 0)) for key, label in Experience.choices]


@cache_for_visitors
@require_safe
def reviews(request, slug: str):
    """Everyone: a verified doctor's published reviews, newest, highest or lowest first, all
    of them or only those of patients who had the treatment (or only a consultation)."""
    doctor = public_profile(slug)
    order = request.GET.get("order") if request.GET.get("order") in REVIEW_ORDERS else "newest"
    based = request.GET.get("based") if request.GET.get("based") in Experience.values else ""
    shown = Q(status=ReviewStatus.PUBLISHED)
    if request.user.is_authenticated:
        shown |= Q(author=request.user)  # its author still sees a hidden review, marked
    published = (
        doctor.reviews.filter(shown)
        .select_related("author", "treatment")
        .order_by(*REVIEW_ORDERS[order][1])
    )
    if based:
        published = published.filter(experience=based)
    page = Paginator(published, REVIEWS_PAGE).get_page(request.GET.get("page"))
    filters = {"based": based, "order": order if order != "newest" else ""}
    context = {
        "doctor": doctor,
        "page": page,
        "order": order,
        "orders": {key: label for key, (label, _) in REVIEW_ORDERS.items()},
        "based": based,
        "experiences": experience_counts(doctor) if doctor.review_count else [],
        "filter_query": urlencode({key: value for key, value in filters.items() if value}),
        "is_doctor": request.user.is_authenticated and request.user.pk == doctor.user_id,
        "seo": seo(
            canonical_path(request, "page"),
            f"Reviews of {doctor.display_name}",
            f"What patients say about {doctor.display_name}, {doctor.practice_line}.",
            noindex=order != "newest" or bool(based),
        ),
    }
    return render(request, "doctors/reviews.html", context)


@doctor_account_required
@require_POST
def review_reply(request, slug: str, pk: int):
    """The reviewed doctor replies to a review, or edits the reply."""
    doctor = public_profile(slug)
    if doctor.user_id != request.user.pk:
        raise PermissionDenied("Only the doctor who was reviewed can reply.")
    if not can_answer(request.user):
        raise PermissionDenied(NEEDS_MFA)
    review = get_object_or_404(Review, pk=pk, doctor=doctor, status=ReviewStatus.PUBLISHED)
    form = ReplyForm(request.POST)
    if form.is_valid():
        services.review_reply(review=review, text=form.cleaned_data["reply"].strip())
        messages.success(request, "Your reply is saved.")
    else:
        messages.error(request, " ".join(form.errors["reply"]))
    return redirect(f"{doctor.get_absolute_url()}reviews/#review-{review.pk}")
