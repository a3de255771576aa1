"""Background work of the forum, through django.tasks (`manage.py db_worker` in production)."""

from itertools import groupby

from django.tasks import task

from accounts import notifications
from forum.models import Question
from treatments.models import TreatmentFollow


@task
def notify_treatment_followers(*, question_id: int) -> int:
    """Email each patient who follows one of the new question's treatments, once however many
    of them they follow, and never its asker; as every notification, only to those who want
    this kind ("treatments"), with its unsubscribe link. Enqueued when the question commits, so
    a treatment with many followers never holds up the asker's page. Returns how many were
    emailed (none if the question was deleted or hidden meanwhile)."""
    question = Question.objects.visible().filter(pk=question_id).first()
    if question is None:
        return 0
    follows = (
        TreatmentFollow.objects.filter(treatment__in=question.treatments.all())
        .select_related("user", "treatment")
        .order_by("user_id", "treatment__name")
    )
    if question.author_id:
        follows = follows.exclude(user_id=question.author_id)
    sent = 0
    for _, rows in groupby(follows.iterator(chunk_size=1000), key=lambda row: row.user_id):
        rows = list(rows)
        context = {"question": question, "treatments": [row.treatment for row in rows]}
        sent += notifications.notify(rows[0].user, "treatments", "treatment-question", context)
    return sent
