"""sitemap.xml: what search engines may index. Only visible questions their askers let search
engines show, treatments that have them, and verified doctors; nothing hidden, deleted or
private."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from doctors.models import DoctorProfile
from forum.models import Question
from treatments.models import Treatment


class Pages(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "home",
            "forum:question_list",
            "doctors:directory",
            "pages:about",
            "pages:privacy",
            "pages:terms",
            "pages:contact",
        ]

    def location(self, name: str) -> str:
        return reverse(name)


class Questions(Sitemap):
    limit = 5000  # per sitemap page; the index lists the pages

    def items(self):
        # Not the questions whose askers said "Don't show in search engines".
        return (
            Question.objects.visible()
            .filter(noindex=False)
            .only("id", "slug", "updated_at")
            .order_by("-id")
        )

    def lastmod(self, question: Question):
        return question.updated_at


class Treatments(Sitemap):
    def items(self):
        return Treatment.objects.asked().only("id", "slug").order_by("name")


class Doctors(Sitemap):
    def items(self):
        return DoctorProfile.objects.verified().only("id", "slug").order_by("slug")


SITEMAPS = {"pages": Pages, "questions": Questions, "treatments": Treatments, "doctors": Doctors}
