from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

import photos
from doctors.permissions import doctor_account_required, verified_doctor_required
from doctors.views import public_profile
from gallery import services
from gallery.forms import PairForm
from gallery.models import Pair, PairPhoto
from moderation import limits
from pagecache import cache_for_visitors
from treatments.models import Treatment
from web.seo import canonical_path, seo

GALLERY_PAGE = 12


@verified_doctor_required
@require_http_methods(["GET", "POST"])
def pair_new(request):
    """Verified doctors with two-factor authentication post a before-and-after pair."""
    if request.method == "POST" and (refused := limits.refuse(request, Pair)):
        return refused  # before the photos are decoded: that is the costly part
    form = PairForm(request.POST, request.FILES) if request.method == "POST" else PairForm()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        pair = services.pair_create(
            doctor=request.user.doctor_profile,
            treatment=data["treatment"],
            before=data["before"],
            after=data["after"],
            caption=data["caption"],
            time_after=data["time_after"],
        )
        messages.success(request, "Your before-and-after photos are published.")
        return redirect(pair)
    status = 400 if form.is_bound else 200
    return render(request, "gallery/pair_form.html", {"form": form}, status=status)


@doctor_account_required
@require_http_methods(["GET", "POST"])
def pair_delete(request, pk: int):
    """The doctor who posted a pair deletes it (a confirmation page, then POST), verified still
    or not; 404 to others."""
    pair = get_object_or_404(
        Pair.objects.select_related("doctor", "treatment"), pk=pk, doctor__user=request.user
    )
    if request.method == "POST":
        back = pair.doctor.get_absolute_url()
        services.pair_delete(pair)
        messages.success(request, "Your before-and-after photos are deleted.")
        return redirect(back)
    return render(request, "gallery/pair_confirm_delete.html", {"pair": pair})


@require_safe
def photo(request, key: str, size: str):
    """A pair's photo file: everyone while the pair is published; a hidden pair's photos only
    for moderators and the doctor who posted it (404 for anyone else)."""
    if size not in PairPhoto.SIZES:
        raise Http404("No such photo size.")
    pairs = Pair.objects.visible_to(request.user)
    photo = get_object_or_404(PairPhoto.objects.select_related("pair"), key=key, pair__in=pairs)
    public = not photo.pair.is_hidden
    response = photos.file_response(photo.file_name(size), PairPhoto.SIZES[size][1], public=public)
    # As for question photos: public ones are checked each time, so hiding a pair takes them
    # off at once; a hidden pair's are never stored by any cache.
    response["Cache-Control"] = "public, no-cache" if public else "private, no-store"
    response["Content-Disposition"] = "inline"
    return response


def _gallery_page(request, pairs, *, title: str, description: str, context: dict):
    page = Paginator(pairs.for_display(), GALLERY_PAGE).get_page(request.GET.get("page"))
    context |= {
        "page": page,
        "title": title,
        "seo": seo(canonical_path(request, "page"), title, description),
    }
    return render(request, "gallery/gallery.html", context)


@cache_for_visitors
@require_safe
def doctor_gallery(request, slug: str):
    """Everyone: a verified doctor's before-and-after photos, newest first; the doctor also
    sees those moderators hid, marked as such."""
    doctor = public_profile(slug)
    return _gallery_page(
        request,
        Pair.objects.visible_to(request.user).filter(doctor=doctor)
        if request.user.is_authenticated and request.user.pk == doctor.user_id
        else doctor.gallery_pairs.published(),
        title=f"Before-and-after photos by {doctor.display_name}",
        description=f"Before-and-after photos of treatments by {doctor.display_name}, "
        "published with their patients' written consent.",
        context={"doctor": doctor, "back": doctor},
    )


@cache_for_visitors
@require_safe
def treatment_gallery(request, slug: str):
    """Everyone: doctors' before-and-after photos of one treatment, newest first."""
    treatment = get_object_or_404(Treatment, slug=slug)
    return _gallery_page(
        request,
        treatment.gallery_pairs.published(),
        title=f"{treatment.name}: before-and-after photos",
        description=f"Verified doctors' before-and-after photos of {treatment.name}, "
        "published with their patients' written consent.",
        context={"treatment": treatment, "back": treatment},
    )
