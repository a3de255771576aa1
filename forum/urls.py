from django.urls import path

from forum import views

app_name = "forum"

urlpatterns = [
    path("questions/", views.question_list, name="question_list"),
    path("questions/ask/", views.question_ask, name="question_ask"),
    path("questions/<int:pk>/", views.question_detail, name="question_detail_short"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("questions/<int:pk>/<str:slug>/", views.question_detail, name="question_detail"),
    path("treatments/<str:slug>/", views.treatment_detail, name="treatment_detail"),
    path("photos/<str:key>/<str:size>/", views.photo, name="photo"),
]
