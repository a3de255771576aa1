from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.permissions import verified_email_required
from moderation import limits, services
from moderation.forms import ReportForm
from moderation.models import Report, moderated_kinds


@verified_email_required
@require_http_methods(["GET", "POST"])
def report(request, kind: str, pk: int):
    """Signed-in members report a question, answer, photo, follow-up or review they can see,
    unless they wrote it."""
    model = moderated_kinds().get(kind)
    if model is None:
        raise Http404("Nothing of that kind can be reported.")
    item = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    if not item.is_shown():  # hidden already: its author and moderators still see it
        raise Http404(f"This {model.noun} is not shown, so there is nothing to report.")
    if item.author_id_for_moderation() == request.user.pk:
        raise PermissionDenied(f"This {model.noun} is yours, so you can't report it.")
    if not item.can_be_reported_by(request.user):
        raise PermissionDenied(f"Only its members can report this {model.noun}.")
    form = ReportForm(request.POST or None, privacy=model.report_privacy)
    if request.method == "POST" and form.is_valid():
        if refused := limits.refuse(request, Report):
            return refused
        _, created = services.report_submit(
            reporter=request.user,
            item=item,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
        )
        messages.success(
            request,
            f"Thank you for your report. A moderator will review it. {model.report_privacy}"
            if created
            else f"You have already reported this {model.noun}; a moderator will review it.",
        )
        return redirect(item.moderation_url())
    context = {
        "form": form,
        "item": item,
        "noun": model.noun,
        "back_url": item.moderation_url(),
    }
    return render(request, "moderation/report.html", context, status=400 if form.is_bound else 200)
