"""Compressed HTML, JSON and feeds, without opening the site to BREACH.

BREACH guesses a secret in a compressed page, byte by byte, from the size of responses that
also reflect the attacker's text (a search query). Three things stop it here:
- No page with a secret worth guessing is compressed: everything under /account/ (two-factor
  secrets and recovery codes, password reset and email confirmation keys) goes as it is.
- The one secret on other pages, the CSRF token, is masked afresh on every response by Django.
- Django's GZipMiddleware pads each response with up to 100 random bytes (Heal the Breach),
  so sizes no longer tell one guess from another.
Images and zips are compressed already and are left alone.
"""

from django.middleware.gzip import GZipMiddleware

UNCOMPRESSED_PATHS = ("/account/",)
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/ld+json", "application/xml")
COMPRESSIBLE_TYPES += ("application/rss+xml", "application/atom+xml", "image/svg+xml")


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if request.path.startswith(UNCOMPRESSED_PATHS) or not content_type.startswith(
            COMPRESSIBLE_TYPES
        ):
            return response
        return super().process_response(request, response)
