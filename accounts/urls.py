from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("notifications/", views.notification_settings, name="notifications"),
    path("delete/", views.account_delete, name="delete"),
    path("data/", views.data_export, name="data"),
    path("data/<int:pk>/download/", views.data_download, name="data_download"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
