from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("delete/", views.account_delete, name="account_delete"),
    path("data/", views.data_export, name="data_export"),
    path("data/<int:pk>/download/", views.data_download, name="data_download"),
]
