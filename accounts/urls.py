from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("notifications/", views.notification_settings, name="notifications"),
    path("inbox/", views.notification_list, name="notification_list"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
