from django.urls import reverse

from forum.models import Question
from tests.forum.conftest import media_files
from treatments.models import Treatment


def test_moderators_edit_treatment_descriptions(client_as, moderator, question):
    treatment = Treatment.objects.get(slug="botox")
    response = client_as(moderator).post(
        reverse("admin:treatments_treatment_change", args=[treatment.pk]),
        {"name": "Botox", "slug": "botox", "description": "Relaxes chosen muscles."},
    )
    assert response.status_code == 302
    treatment.refresh_from_db()
    assert treatment.description == "Relaxes chosen muscles."


def test_the_admin_deletes_questions_softly_and_erases_photos(
    client_as, question, settings, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        client_as(admin).post(
            reverse("admin:forum_question_changelist"),
            {"action": "soft_delete", "_selected_action": [question.pk]},
        )
    assert Question.objects.get(pk=question.pk).deleted_at is not None
    assert media_files(settings) == []
    page = client_as(admin).get(reverse("admin:forum_question_change", args=[question.pk]))
    assert page.status_code == 200
    assert 'name="deleted_at"' not in page.content.decode()
