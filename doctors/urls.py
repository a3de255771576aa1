from django.urls import path

from doctors import views

app_name = "doctors"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("apply/", views.apply, name="apply"),
    path("<slug:slug>/", views.profile, name="profile"),
    path("<slug:slug>/photo/<str:size>/", views.headshot, name="headshot"),
    path("<slug:slug>/review/", views.review_write, name="review"),
    path("<slug:slug>/reviews/", views.reviews, name="reviews"),
    path("<slug:slug>/reviews/<int:pk>/reply/", views.review_reply, name="review_reply"),
]
