"""Writes that touch several models: a question, its treatments and its photos together."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from forum import photos
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
        written.extend(photos.store(photo, processed))
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
    def write(written: list[str]) -> Question:
        question.title, question.body = title, body
        question.photo_visibility = photo_visibility
        for photo, alt_text in alt_texts.items():
            photo.alt_text = alt_text or default_alt_text(question, photo.position)
            photo.save(update_fields=["alt_text"])
        _remove_photos(removed_photos)
        kept = list(question.photos.order_by("position", "id"))
        for position, photo in enumerate(kept):
            if photo.position != position:
                photo.position = position
                photo.save(update_fields=["position"])
        _add_photos(question, new_photos, len(kept), written)
        question.photo_count = len(kept) + len(new_photos)
        question.save()
        question.treatments.set(treatments)
        return question

    return _with_file_cleanup(write)


def _remove_photos(removed: list[Photo]) -> None:
    """Delete the rows now and the files once the transaction has committed."""
    names = [name for photo in removed for name in photo.file_names()]
    Photo.objects.filter(pk__in=[photo.pk for photo in removed]).delete()
    transaction.on_commit(lambda: photos.delete_files(names))


@transaction.atomic
def question_delete(*, question: Question) -> None:
    """Soft delete: the question stays for the record, its photos are gone for good."""
    question.deleted_at = timezone.now()
    question.photo_count = 0
    question.save(update_fields=["deleted_at", "photo_count", "updated_at"])
    _remove_photos(list(question.photos.all()))
