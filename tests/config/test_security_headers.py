import re

from django.urls import reverse
from django.utils.csp import CSP


def assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert CSP.UNSAFE_INLINE not in csp
    assert CSP.UNSAFE_EVAL not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_security_headers_on_a_page(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert_security_headers(response)


def test_security_headers_on_an_error_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_security_headers(response)


def test_security_headers_on_a_signed_in_page(client_as, alice):
    response = client_as(alice).get(reverse("accounts:profile"))
    assert response.status_code == 200
    assert_security_headers(response)


def test_https_redirect_and_hsts_when_https_is_on(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    assert client.get(reverse("home")).status_code == 301
    response = client.get(reverse("home"), secure=True)
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"  # inline script
    r"|<style[^>]*>"  # style element
    r"|\sstyle=|\son[a-z]+=",  # style and event-handler attributes
    re.IGNORECASE,
)
PUBLIC_PAGES = ["home", "account_login", "account_signup", "account_reset_password"]
MEMBER_PAGES = [
    "accounts:profile",
    "account_email",
    "account_change_password",
    "mfa_index",
    "account_logout",
]


def test_no_inline_script_or_style_in_pages(client, client_as, alice):
    """The CSP forbids inline code, so no page may depend on any."""
    member = client_as(alice)
    for name in PUBLIC_PAGES + MEMBER_PAGES:
        response = (client if name in PUBLIC_PAGES else member).get(reverse(name))
        assert response.status_code == 200, name
        assert not INLINE_CODE.findall(response.content.decode()), name


def test_the_inline_code_check_can_fail():
    assert INLINE_CODE.search('<p onclick="x()">')
    assert INLINE_CODE.search("<script>alert(1)</script>")
    assert INLINE_CODE.search('<div style="display:none">')
    assert not INLINE_CODE.search('<script src="/static/js/site.js" type="module"></script>')
