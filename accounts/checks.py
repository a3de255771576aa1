from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def shared_cache_in_production(app_configs, **kwargs):
    """allauth's rate limits and TOTP replay protection only hold if web workers share a cache."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            checks.Warning(
                "The cache is private to each process, so allauth's rate limits and used-code "
                "records are not shared between web workers.",
                hint="Set REDIS_URL (redis://host:6379/0) to share one cache.",
                id="accounts.W001",
            )
        ]
    return []
