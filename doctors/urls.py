from django.urls import path

from doctors import views

app_name = "doctors"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("apply/", views.apply, name="apply"),
    path("<slug:slug>/", views.profile, name="profile"),
    path("<slug:slug>/photo/<str:size>/", views.headshot, name="headshot"),
]
