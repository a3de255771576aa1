"""Django's Content-Security-Policy middleware, with the site's policies built once per
process instead of at every response: a page that used the nonce gets the built policy with
its nonce put in, one that did not gets the policy without it, exactly as Django writes them."""

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.middleware.csp import get_nonce
from django.utils.csp import CSP, build_policy

PLACEHOLDER = "\x00nonce\x00"


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    def __init__(self, get_response):
        super().__init__(get_response)
        self._built: dict[tuple[str, bool], tuple[dict, str]] = {}

    def policy(self, header: str, config: dict, nonce) -> str:
        """build_policy(config, nonce), from what was built before for the same settings."""
        used = bool(nonce)
        built = self._built.get((header, used))
        if built is None or built[0] is not config:
            built = (config, build_policy(config, PLACEHOLDER if used else None))
            self._built[(header, used)] = built
        return built[1].replace(PLACEHOLDER, str(nonce)) if used else built[1]

    def process_response(self, request, response):
        nonce = get_nonce(request)
        sentinel = object()
        for header, attribute, setting in [
            (CSP.HEADER_ENFORCE, "_csp_config", "SECURE_CSP"),
            (CSP.HEADER_REPORT_ONLY, "_csp_ro_config", "SECURE_CSP_REPORT_ONLY"),
        ]:
            config = getattr(response, attribute, sentinel)
            if config is sentinel:  # the site's policy: built once
                config = getattr(settings, setting)
                value = self.policy(str(header), config, nonce) if config else None
            else:  # a view's own policy (the csp_override decorators): as Django builds it
                value = build_policy(config, nonce) if config else None
            # A header the view set itself is kept; an empty config adds none.
            if value is not None and header not in response:
                response.headers[str(header)] = value
        return response
