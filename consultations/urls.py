from django.urls import path

from consultations import views

app_name = "consultations"

urlpatterns = [
    path("doctors/<slug:slug>/consultation/", views.consultation_request, name="request"),
    path("consultations/", views.inbox, name="inbox"),
    path("consultations/<int:pk>/", views.thread, name="thread"),
    path("consultations/photos/<str:key>/<str:size>/", views.photo, name="photo"),
]
