"""Outgoing email: rendered in the request, delivered by a background task after commit."""

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from accounts.tasks import deliver_email


def send_later(message: EmailMessage) -> None:
    """Deliver `message` through django.tasks once the current transaction commits.

    A rolled-back sign-up sends nothing, and a slow mail server never holds up a page.
    """
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next((body for body, kind in message.alternatives if kind == "text/html"), "")
    kwargs = {
        "subject": message.subject,
        "body": message.body,
        "to": list(message.to),
        "from_email": message.from_email,
        "html_body": html,
        "headers": dict(message.extra_headers),
    }
    transaction.on_commit(lambda: deliver_email.enqueue(**kwargs))


def send_templated(name: str, to: str, context: dict, headers: dict | None = None) -> None:
    """Render templates/emails/<name>-subject.txt, -body.txt and, if there is one,
    -body.html (the HTML part), and send after commit."""
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    body = render_to_string(f"emails/{name}-body.txt", context).strip() + "\n"
    message = EmailMultiAlternatives(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, None, [to], headers=headers
    )
    try:
        html = render_to_string(f"emails/{name}-body.html", context)
    except TemplateDoesNotExist:
        html = ""
    if html:
        message.attach_alternative(html, "text/html")
    send_later(message)
