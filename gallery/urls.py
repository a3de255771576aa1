from django.urls import path

from gallery import views

app_name = "gallery"

urlpatterns = [
    path("gallery/new/", views.pair_new, name="new"),
    path("gallery/<int:pk>/delete/", views.pair_delete, name="delete"),
    path("gallery/photos/<str:key>/<str:size>/", views.photo, name="photo"),
    path("doctors/<slug:slug>/before-and-after/", views.doctor_gallery, name="doctor"),
    path("treatments/<str:slug>/before-and-after/", views.treatment_gallery, name="treatment"),
]
