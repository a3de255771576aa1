"""Messages from the contact form: sent to the team's inbox (settings.CONTACT_EMAIL) with the
sender as Reply-To, and limited per sender, so that the form cannot flood the inbox.

Nothing is stored in the database: the message lives in the team's mailbox only. The limit
counts in the cache that allauth's rate limits use (shared by every web worker with
REDIS_URL), per IP address (allauth's reading of it, so behind a proxy it is the visitor's)
and per email address, in fixed windows of an hour: at most PER_HOUR messages each, and twice
that across the turn of an hour.
"""

import hashlib
import math
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from accounts.mail import send_templated

PER_HOUR = 5
WINDOW = 3600  # seconds


def _keys(request: HttpRequest, email: str) -> list[str]:
    window = int(time.time() // WINDOW)
    senders = [("ip", get_adapter().get_client_ip(request)), ("email", email.lower())]
    return [
        f"contact:{kind}:{hashlib.sha256(value.encode()).hexdigest()}:{window}"
        for kind, value in senders
    ]


def count_message(request: HttpRequest, email: str) -> int:
    """Count one message from this sender: 0 if it may be sent, or else the minutes until the
    current hour's window ends and the sender may write again."""
    over = False
    for key in _keys(request, email):
        cache.add(key, 0, timeout=WINDOW)
        try:
            sent = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=WINDOW)
            sent = 1
        over = over or sent > PER_HOUR
    if not over:
        return 0
    return max(1, math.ceil((WINDOW - time.time() % WINDOW) / 60))


def send(*, name: str, email: str, topic: str, message: str, user) -> None:
    """Email the team (after the request's transaction commits); a reply goes to `email`."""
    context = {
        "name": name,
        "email": email,
        "topic": topic,
        "message": message,
        "member": user if user.is_authenticated else None,
    }
    send_templated("contact", settings.CONTACT_EMAIL, context, headers={"Reply-To": email})
