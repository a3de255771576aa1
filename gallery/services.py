"""Posting and removing before-and-after pairs: rows and files together, or neither."""

from django.db import transaction
from django.utils import timezone

import photos
from gallery.models import Pair, PairPhoto, Side


def pair_create(
    *,
    doctor,
    treatment,
    before: photos.ProcessedPhoto,
    after: photos.ProcessedPhoto,
    caption: str,
    time_after: str,
) -> Pair:
    """Store both photos and the pair with its consent record; if anything fails (the second
    photo's files, a row), no row stays and every file written is removed."""
    with photos.removed_unless_done() as written, transaction.atomic():
        now = timezone.now()
        pair = Pair.objects.create(
            doctor=doctor,
            treatment=treatment,
            caption=caption,
            time_after=time_after,
            consent_given=True,
            consent_recorded_by=doctor.user,
            consent_recorded_at=now,
            created_at=now,
        )
        for side, processed in [(Side.BEFORE, before), (Side.AFTER, after)]:
            photo = PairPhoto(pair=pair, side=side, width=processed.width, height=processed.height)
            written.extend(photos.store(processed, photo.file_name))
            photo.save()
    return pair


@transaction.atomic
def pair_delete(pair: Pair) -> None:
    """Delete the pair's rows now and its files once the transaction has committed."""
    names = pair.file_names()
    pair.delete()
    transaction.on_commit(lambda: photos.delete_files(names), robust=True)
