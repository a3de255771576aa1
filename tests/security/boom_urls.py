"""The site's URLs plus one view that fails, to see the 500 page as visitors would."""

from django.urls import path

from config.urls import urlpatterns as site


def boom(request):
    raise RuntimeError("SECRET_KEY=leaked? /work/main/forum/views.py line 1")


urlpatterns = [*site, path("boom/", boom)]
