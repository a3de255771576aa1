"""Deletions the services do not see (cascades from a deleted treatment, member or doctor)
and renamed treatments (the treatments app cannot call the forum) still update the search
vector of the questions they touched."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from forum import search
from forum.models import Answer, TaggedQuestion
from treatments import signals as treatments_signals


@receiver(post_delete, sender=Answer)
@receiver(post_delete, sender=TaggedQuestion)
def refresh_search_after_delete(sender, instance, **kwargs) -> None:
    question_id = instance.question_id if sender is Answer else instance.content_object_id
    transaction.on_commit(lambda: search.refresh([question_id]), robust=True)


@receiver(treatments_signals.renamed)
def refresh_search_after_rename(sender, treatment, **kwargs) -> None:
    search.refresh(treatment.tagged_questions.values_list("content_object_id", flat=True))
