import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

# A mail server that fails is tried again later where the backend can wait (the database
# backend): after 1 minute, then 10, then 60. Each failed run is recorded as failed.
RETRY_AFTER = [timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1)]


@task
def deliver_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html_body: str = "",
    headers: dict[str, str] | None = None,
    attempt: int = 1,
) -> None:
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        retry = attempt <= len(RETRY_AFTER) and deliver_email.get_backend().supports_defer
        logger.warning(
            "Email %r to %s failed (attempt %d)%s",
            subject,
            ", ".join(to),
            attempt,
            "; trying again later" if retry else "; giving up",
        )
        if retry:
            deliver_email.using(run_after=timezone.now() + RETRY_AFTER[attempt - 1]).enqueue(
                subject=subject,
                body=body,
                to=to,
                from_email=from_email,
                html_body=html_body,
                headers=headers,
                attempt=attempt + 1,
            )
        raise
