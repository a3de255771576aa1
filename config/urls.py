from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.http import require_safe

from accounts import views as account_views
from forum import views as forum_views
from forum.sitemaps import SITEMAPS
from pagecache import cache_for_visitors

urlpatterns = [
    path("", forum_views.home, name="home"),
    path("robots.txt", forum_views.robots_txt, name="robots_txt"),
    path("healthz", forum_views.healthz, name="healthz"),
    path(
        "sitemap.xml",
        cache_for_visitors(require_safe(sitemap_views.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_for_visitors(require_safe(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("", include("forum.urls")),
    path("", include("consultations.urls")),  # before doctors: /doctors/<slug>/consultation/
    path("", include("gallery.urls")),  # before the apps whose addresses it extends
    path("doctors/", include("doctors.urls")),
    path("", include("moderation.urls")),
    path("", include("pages.urls")),
    # Ours first: the sign-up page takes ?role= to preselect patient or doctor.
    path("account/signup/", account_views.signup, name="account_signup"),
    path("account/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("account/", include("privacy.urls")),
    path("admin/", admin.site.urls),
]
