"""RSS and Atom feeds of the newest questions, overall and per treatment."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaks
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from forum.models import Question
from treatments.models import Treatment

ITEMS = 30


def newest(questions):
    """The newest visible questions, but not those whose askers keep them from search engines
    (feeds are read by aggregators that republish them)."""
    return (
        questions.filter(noindex=False)
        .only(
            "id",
            "title",
            "slug",
            "body",
            "created_at",
            "updated_at",
            "photo_count",
            "author__id",
            "author__display_name",
        )
        .order_by("-created_at", "-id")[:ITEMS]
    )


class NewestQuestions(Feed):
    title = "Newest questions on DocAnswers"
    description = "Patients' newest questions about treatments, answered by verified doctors."

    def link(self) -> str:
        return reverse("forum:question_list")

    def items(self):
        return newest(Question.objects.for_listing())

    def item_title(self, question: Question) -> str:
        return question.display_title

    def item_description(self, question: Question) -> str:
        # Members' text, escaped: feed readers show descriptions as HTML.
        return linebreaks(escape(Truncator(question.body).chars(600)))

    def item_author_name(self, question: Question) -> str:
        return question.author_name

    def item_pubdate(self, question: Question):
        return question.created_at

    def item_updateddate(self, question: Question):
        return question.updated_at

    def item_categories(self, question: Question) -> list[str]:
        return [treatment.name for treatment in question.treatments.all()]


class NewestQuestionsAtom(NewestQuestions):
    feed_type = Atom1Feed
    subtitle = NewestQuestions.description


class TreatmentQuestions(NewestQuestions):
    def get_object(self, request, slug: str) -> Treatment:
        return get_object_or_404(Treatment, slug=slug)

    def title(self, treatment: Treatment) -> str:
        return f"Newest {treatment.name} questions on DocAnswers"

    def description(self, treatment: Treatment) -> str:
        return f"Patients' newest questions about {treatment.name}, answered by verified doctors."

    def link(self, treatment: Treatment) -> str:
        return treatment.get_absolute_url()

    def items(self, treatment: Treatment):
        return newest(Question.objects.for_listing().filter(tagged_items__tag=treatment))


class TreatmentQuestionsAtom(TreatmentQuestions):
    feed_type = Atom1Feed

    def subtitle(self, treatment: Treatment) -> str:
        return self.description(treatment)
