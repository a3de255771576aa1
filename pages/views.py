from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from pagecache import cache_for_visitors
from pages import contact as contact_messages
from pages.forms import ContactForm
from web.seo import seo


def page(request, name: str, title: str, description: str):
    context = {
        "seo": seo(reverse(f"pages:{name}"), title, description),
        "address": settings.CONTACT_EMAIL,
    }
    return render(request, f"pages/{name}.html", context)


@cache_for_visitors
@require_safe
def about(request):
    """Everyone: what DocAnswers is, how doctors are verified, what an answer is and is not."""
    return page(
        request,
        "about",
        "About DocAnswers",
        "DocAnswers is a community where patients ask verified doctors about treatments. How "
        "doctors are verified, and why answers are education, not medical care.",
    )


@cache_for_visitors
@require_safe
def privacy(request):
    """Everyone: what DocAnswers collects, who sees it, how long it is kept."""
    return page(
        request,
        "privacy",
        "Privacy policy",
        "What DocAnswers collects, who sees your questions and photos, how photos are cleaned, "
        "the cookies we use, and how to download or delete your data.",
    )


@cache_for_visitors
@require_safe
def terms(request):
    """Everyone: the terms of use."""
    return page(
        request,
        "terms",
        "Terms of use",
        "The rules of DocAnswers: who may use it, what an answer is and is not, what may be "
        "posted, how moderation works, and what doctors promise.",
    )


@require_http_methods(["GET", "POST"])
def contact(request):
    """Everyone, signed in or not: a message to the DocAnswers team, answered by email. A few
    an hour per sender; over that, the form comes back with the text kept (429)."""
    user = request.user
    initial = {"name": user.display_name, "email": user.email} if user.is_authenticated else {}
    form = ContactForm(request.POST if request.method == "POST" else None, initial=initial)
    context = {"form": form, "address": settings.CONTACT_EMAIL}
    if not form.is_bound:
        return render(request, "pages/contact.html", context)
    if not form.is_valid():
        return render(request, "pages/contact.html", context, status=400)
    if wait := contact_messages.count_message(request, form.cleaned_data["email"]):
        context["wait_minutes"] = wait
        response = render(request, "pages/contact.html", context, status=429)
        response["Retry-After"] = str(wait * 60)
        return response
    contact_messages.send(
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        topic=form.topic_label(),
        message=form.cleaned_data["message"],
        user=user,
    )
    messages.success(
        request,
        "Thank you: your message is on its way to the DocAnswers team. We reply by email, "
        "usually within two working days.",
    )
    return redirect("pages:contact")
