from django.urls import path, register_converter
from django.views.decorators.http import require_safe

from forum import feeds, views
from pagecache import cache_for_visitors


class TreatmentSlug:
    """Slugs as django-taggit makes them: letters of any alphabet, digits, - and _."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class PhotoKey(TreatmentSlug):
    regex = r"[-\w]{1,32}"


register_converter(TreatmentSlug, "treatment")
register_converter(PhotoKey, "photokey")

app_name = "forum"

urlpatterns = [
    path("questions/", views.question_list, name="question_list"),
    path("search/", views.search_page, name="search"),
    path("questions/ask/", views.question_ask, name="question_ask"),
    path("questions/ask/check/", views.triage_check, name="triage_check"),
    path("questions/<int:pk>/", views.question_detail, name="question_detail_short"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("questions/<int:pk>/answer/", views.answer_post, name="answer_post"),
    path("questions/<int:pk>/follow/", views.question_follow, name="question_follow"),
    path("questions/<int:pk>/updates/", views.update_add, name="update_add"),
    path("questions/<int:pk>/deidentify/", views.question_deidentify, name="question_deidentify"),
    path("updates/<int:pk>/delete/", views.update_delete, name="update_delete"),
    path("questions/<int:pk>/<str:slug>/", views.question_detail, name="question_detail"),
    path("answers/<int:pk>/helpful/", views.answer_vote, name="answer_vote"),
    path("answers/<int:pk>/helped/", views.answer_helped, name="answer_helped"),
    path("answers/<int:pk>/agree/", views.answer_agree, name="answer_agree"),
    path("treatments/<treatment:slug>/", views.treatment_detail, name="treatment_detail"),
    path("treatments/<treatment:slug>/reviews/", views.treatment_reviews, name="treatment_reviews"),
    path("treatments/<treatment:slug>/follow/", views.treatment_follow, name="treatment_follow"),
    path(
        "feeds/questions/",
        cache_for_visitors(require_safe(feeds.NewestQuestions())),
        name="feed_rss",
    ),
    path(
        "feeds/questions/atom/",
        cache_for_visitors(require_safe(feeds.NewestQuestionsAtom())),
        name="feed_atom",
    ),
    path(
        "treatments/<treatment:slug>/feed/",
        cache_for_visitors(require_safe(feeds.TreatmentQuestions())),
        name="treatment_feed_rss",
    ),
    path(
        "treatments/<treatment:slug>/feed/atom/",
        cache_for_visitors(require_safe(feeds.TreatmentQuestionsAtom())),
        name="treatment_feed_atom",
    ),
    path("photos/<photokey:key>/<str:size>/", views.photo, name="photo"),
    # The doctor's working page shows the forum, so it lives here, at a doctor's address.
    path("doctors/dashboard/", views.doctor_dashboard, name="doctor_dashboard"),
    path("activity/", views.my_activity, name="my_activity"),
    path("doctors/dashboard/treatments/", views.doctor_follow, name="doctor_follow"),
]
