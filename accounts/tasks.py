import email.policy
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
# The longest line a message may carry without a transfer encoding, in octets (RFC 5322).
LINE_LIMIT = 998
# Headers that hold links, which mail programs read as they are (RFC 2369): never folded.
LINK_HEADERS = ["List-Unsubscribe"]


class AsWritten(str):
    """A header value written on one line as it is: the email package would otherwise turn a
    link longer than a 78-character line into RFC 2047 encoded words, which no mail program
    reads as a link."""

    def __new__(cls, name: str, value: str):
        header = super().__new__(cls, value)
        header.name = name
        return header

    def fold(self, *, policy) -> str:
        return f"{self.name}: {self}{policy.linesep}"


class Email(EmailMultiAlternatives):
    """An email whose text parts go out as written, 7bit (ASCII) or 8bit (UTF-8), whenever
    their lines fit in LINE_LIMIT.

    Python's email package makes a part quoted-printable as soon as one line is longer than 78
    characters, which cuts lines every 76 with a soft "=": the console backend (`make run`)
    printed sign-up confirmation links in two pieces, and so does any reader of the raw
    message. Longer lines than the limit are still encoded, as they must be.
    """

    def message(self, *, policy=email.policy.default):
        msg = super().message(policy=policy)
        for part in msg.walk():
            if part.get_content_maintype() != "text" or part.get_content_disposition():
                continue  # containers, and attachments (the site sends none)
            if part["Content-Transfer-Encoding"] not in ("quoted-printable", "base64"):
                continue
            text = part.get_content()
            charset = part.get_content_charset() or "utf-8"
            if any(len(line) > LINE_LIMIT for line in text.encode(charset).splitlines()):
                continue
            cte = "7bit" if text.isascii() else "8bit"
            if cte == "8bit" and msg.policy.cte_type != "8bit":
                continue
            part.set_content(text, subtype=part.get_content_subtype(), charset=charset, cte=cte)
        for name in LINK_HEADERS:
            value = self.extra_headers.get(name)
            if value and value.isascii() and len(name) + 2 + len(value) <= LINE_LIMIT:
                msg.replace_header(name, AsWritten(name, value))
        return msg


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
    message = Email(subject, body, from_email, to, headers=headers)
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
