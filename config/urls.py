from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from forum import views as forum_views

urlpatterns = [
    path("", forum_views.home, name="home"),
    path("", include("forum.urls")),
    path("doctors/", include("doctors.urls")),
    path("", include("moderation.urls")),
    # Ours first: the sign-up page takes ?role= to preselect patient or doctor.
    path("account/signup/", account_views.signup, name="account_signup"),
    path("account/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]
