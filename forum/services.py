"""Writes that touch several models: a question, its treatments and its photos together."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

import photos
from accounts.models import User
from forum.models import Photo, Question


def default_alt_text(question: Question, position: int) -> str:
    return f"Photo {position + 1} for the question “{question.title}”"[:200]


def _add_photos(
    question: Question,
    new_photos: list[tuple[photos.ProcessedPhoto, str]],
    first_position: int,
    written: list[str],
) -> None:
    for offset, (processed, alt_text) in enumerate(new_photos):
        position = first_position + offset
        photo = Photo(
            question=question,
            position=position,
            alt_text=alt_text or default_alt_text(question, position),
            width=processed.width,
            height=processed.height,
        )
        written.extend(photos.store(processed, photo.file_name))
        photo.save()


def _with_file_cleanup(write):
    """Run `write(written)` in a transaction; if it fails, remove every file it stored."""
    written: list[str] = []
    try:
        with transaction.atomic():
            result = write(written)
    except BaseException:
        photos.delete_files(written)
        raise
    return result


def question_create(
    *,
    author: User,
    title: str,
    body: str,
    treatments: list[str],
    photo_visibility: str,
    new_photos: list[tuple[photos.ProcessedPhoto, str]],
) -> Question:
    def write(written: list[str]) -> Question:
        question = Question.objects.create(
            author=author,
            title=title,
            body=body,
            photo_visibility=photo_visibility,
            photo_count=len(new_photos),
        )
        question.treatments.set(treatments)
        _add_photos(question, new_photos, 0, written)
        return question

    return _with_file_cleanup(write)


class QuestionGone(Exception):
    """The question was deleted while it was being edited."""


def question_update(
    *,
    question: Question,
    title: str,
    body: str,
    treatments: list[str],
    photo_visibility: str,
    new_photos: list[tuple[photos.ProcessedPhoto, str]],
    removed_photos: list[Photo],
    alt_texts: dict[Photo, str],
) -> Question:
    """Apply an edit to the question as it is now (locked), not as the form first saw it.

    Raises QuestionGone if it was deleted meanwhile, and ValidationError if photos added in
    another tab meanwhile would take it past the limit.
    """

    def write(written: list[str]) -> Question:
        locked = Question.objects.select_for_update().filter(pk=question.pk).first()
        if locked is None or locked.is_deleted:
            raise QuestionGone
        current = set(locked.photos.values_list("pk", flat=True))
        _remove_photos([photo for photo in removed_photos if photo.pk in current])
        for photo, alt_text in alt_texts.items():  # photos removed meanwhile are skipped
            Photo.objects.filter(pk=photo.pk, question=locked).update(
                alt_text=alt_text or default_alt_text(locked, photo.position)
            )
        kept = list(locked.photos.order_by("position", "id"))
        if len(kept) + len(new_photos) > photos.MAX_PHOTOS:
            raise ValidationError(
                f"A question can have at most {photos.MAX_PHOTOS} photos, and it already has "
                f"{len(kept)}. Remove some and send again."
            )
        for position, photo in enumerate(kept):
            if photo.position != position:
                Photo.objects.filter(pk=photo.pk).update(position=position)
        locked.title, locked.body, locked.photo_visibility = title, body, photo_visibility
        _add_photos(locked, new_photos, len(kept), written)
        locked.photo_count = len(kept) + len(new_photos)
        locked.save(
            update_fields=["title", "slug", "body", "photo_visibility", "photo_count", "updated_at"]
        )
        locked.treatments.set(treatments)
        return locked

    return _with_file_cleanup(write)


def _remove_photos(removed: list[Photo]) -> None:
    """Delete the rows now and the files once the transaction has committed."""
    names = [name for photo in removed for name in photo.file_names()]
    Photo.objects.filter(pk__in=[photo.pk for photo in removed]).delete()
    transaction.on_commit(lambda: photos.delete_files(names), robust=True)


@transaction.atomic
def question_delete(*, question: Question) -> None:
    """Soft delete: the question stays for the record, its photos are gone for good."""
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if locked.is_deleted:
        return
    Question.objects.filter(pk=locked.pk).update(
        deleted_at=timezone.now(), photo_count=0, updated_at=timezone.now()
    )
    _remove_photos(list(locked.photos.all()))
