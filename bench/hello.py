"""The benchmark's ceiling: a bare Django "hello" view, with no middleware, no database and no
template, served by gunicorn beside the site in the same run (`make bench`), so that every
page's rate is read as a share of what Django itself can serve on this machine and Python.

Run as `gunicorn bench.hello:application`; it configures its own settings.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-hello-not-secret-" + "x" * 40,
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
        USE_TZ=True,
    )


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
