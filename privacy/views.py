from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import DataExport
from privacy import export
from privacy.deletion import delete_account
from privacy.forms import DeleteAccountForm


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    """Members who have just given their password again delete their account, choosing what
    happens to what they posted."""
    user = request.user
    # Staff accounts are removed by another administrator, so moderation never stops by accident.
    form = None if user.is_staff else DeleteAccountForm(request.POST or None)
    if form is not None and request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["posts"] == DeleteAccountForm.KEEP
        delete_account(user, keep_posts=keep)
        logout(request)
        messages.success(request, "Your account is deleted. Thank you for using DocAnswers.")
        return redirect("home")
    context = {
        "form": form,
        "question_count": user.questions.filter(deleted_at__isnull=True).count(),
        "review_count": user.reviews.count(),
    }
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "privacy/account_delete.html", context, status=status)


@login_required
@reauthentication_required(allow_get=True)
@require_http_methods(["GET", "POST"])
def data_export(request):
    """Members ask for a copy of everything they gave DocAnswers, built in the background;
    asking needs the password again, seeing whether one is ready does not."""
    if request.method == "POST":
        if export.request_export(request.user) is None:
            messages.info(request, "Your copy was prepared a few minutes ago: it is below.")
            return redirect("privacy:data_export")
        messages.success(
            request,
            "We are preparing your data. This page shows the download link when it is ready.",
        )
        return redirect("privacy:data_export")
    latest = DataExport.objects.filter(user=request.user).order_by("-created_at").first()
    context = {"export": latest, "days": export.EXPORT_DAYS}
    return render(request, "privacy/data_export.html", context)


@login_required
@reauthentication_required
@require_safe
def data_download(request, pk: int):
    """The member's own zip, while it lasts, once they have given their password again; 404 for
    anyone else's."""
    item = get_object_or_404(DataExport, pk=pk, user=request.user)
    if not item.is_downloadable:
        raise Http404("This download has expired. Prepare a new one.")
    try:
        stored = default_storage.open(item.file_name)
    except FileNotFoundError:
        raise Http404("This download is gone. Prepare a new one.") from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename="docanswers-data.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response
