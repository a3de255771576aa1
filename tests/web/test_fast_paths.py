"""The middleware and cache pieces that save time on every request give what Django's own
would: the same Content-Security-Policy, the same cache answers, one Redis client."""

import re

from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils.csp import build_policy

from web.cache import RedisCache
from web.csp import ContentSecurityPolicyMiddleware

NONCE = re.compile(r"'nonce-([^']+)'")


def respond(*, use_nonce: bool) -> HttpResponse:
    """The site's CSP middleware around a view that uses the nonce or does not."""

    def view(request):
        if use_nonce:
            str(request._csp_nonce)  # as {{ csp_nonce }} in a template would
        return HttpResponse("ok")

    middleware = ContentSecurityPolicyMiddleware(view)
    return middleware(RequestFactory().get("/"))


def test_the_policy_is_djangos_with_or_without_a_nonce(settings):
    first, second = respond(use_nonce=True), respond(use_nonce=True)
    nonces = [NONCE.search(r["Content-Security-Policy"]).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]  # a new one for every response
    assert first["Content-Security-Policy"] == build_policy(settings.SECURE_CSP, nonces[0])
    plain = respond(use_nonce=False)["Content-Security-Policy"]
    assert plain == build_policy(settings.SECURE_CSP) and "nonce" not in plain
    assert "script-src 'self'" in plain


def test_a_changed_setting_gives_the_new_policy():
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("ok"))
    assert "default-src 'self'" in middleware(RequestFactory().get("/"))["Content-Security-Policy"]
    with override_settings(SECURE_CSP={"default-src": ["'none'"]}):
        response = middleware(RequestFactory().get("/"))
        assert response["Content-Security-Policy"] == "default-src 'none'"


def test_the_cache_keeps_one_redis_client_per_server():
    cache = RedisCache("redis://127.0.0.1:6379/9", {})
    client = cache._cache.get_client("k")
    assert cache._cache.get_client("other") is client
    assert cache._cache.get_client("k", write=True) is client  # one server: reads and writes
    assert client.connection_pool is cache._cache._pools[0]


def test_the_page_cache_knows_its_views_by_path_as_resolving_would():
    import pagecache

    site = pagecache.GENERATION_KEY
    assert pagecache.cached_view("/questions/", None) == (site,)
    # A question's page is kept under its question's generation too (votes move it on).
    assert pagecache.cached_view("/questions/12/some-title/", None) == (
        site,
        pagecache.generation_key("question:12"),
    )
    assert pagecache.cached_view("/healthz", None) is None
    assert pagecache.cached_view("/account/login/", None) is None
    assert pagecache.cached_view("/no/such/page/", None) is None
    with override_settings(ROOT_URLCONF="bench.hello"):  # a URL conf with one uncached view
        assert pagecache.cached_view("/questions/", None) is None
    assert pagecache.cached_view("/questions/", None) == (site,)
