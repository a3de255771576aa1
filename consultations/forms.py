from django import forms

from accounts.fields import PlainTextField, SquashedCharField
from consultations.models import BODY_MAX, PHOTOS_MAX, SUBJECT_MAX
from photos import ACCEPT, PhotoRejected, ProcessedPhoto, process
from photos.fields import MultipleFileInput, PhotosField
from treatments.models import Treatment


class MessageForm(forms.Form):
    """A message with up to PHOTOS_MAX photos. The photos are re-encoded while the form is
    cleaned, so a file we can't read is a message on the form and nothing is stored."""

    body = PlainTextField(label="Your message", min_length=2, max_length=BODY_MAX, rows=5)
    photos = PhotosField(
        required=False,
        label="Photos",
        help_text=f"Up to {PHOTOS_MAX} JPEG, PNG, WebP, GIF or HEIC photos, 15 MB each. Only the "
        "two of you (and moderators, if the conversation is reported) can open them. We remove "
        "location and camera data.",
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )
    photo_description = SquashedCharField(
        label="What the photos show",
        required=False,
        max_length=150,
        help_text="Read aloud to people who use a screen reader, e.g. “Left jaw, two weeks after”.",
    )

    def clean_photos(self) -> list[tuple[ProcessedPhoto, str]]:
        uploads = self.cleaned_data["photos"]
        if len(uploads) > PHOTOS_MAX:
            raise forms.ValidationError(
                f"Send at most {PHOTOS_MAX} photos with one message; you chose {len(uploads)}."
            )
        processed, errors = [], []
        for upload in uploads:
            try:
                processed.append(process(upload))
            except PhotoRejected as rejection:
                errors.append(str(rejection))
        if errors:
            raise forms.ValidationError(errors)
        return processed

    @property
    def pictures(self) -> list[tuple[ProcessedPhoto, str]]:
        """The processed photos, each with its alt text."""
        processed = self.cleaned_data.get("photos") or []
        description = self.cleaned_data.get("photo_description", "")
        if not description:
            return [(photo, "") for photo in processed]
        if len(processed) == 1:
            return [(processed[0], description)]
        return [
            (photo, f"{description} (photo {n} of {len(processed)})")
            for n, photo in enumerate(processed, start=1)
        ]


class RequestForm(MessageForm):
    """A patient's consultation request: a subject, what it is about, the first message."""

    field_order = ["subject", "treatment", "body", "photos", "photo_description"]

    subject = SquashedCharField(
        min_length=5,
        max_length=SUBJECT_MAX,
        help_text="A few words, e.g. “Masseter Botox for jaw clenching”.",
    )
    treatment = forms.ModelChoiceField(
        label="Treatment",
        queryset=Treatment.objects.order_by("name"),
        required=False,
        empty_label="Not sure, or something else",
    )
    body = PlainTextField(
        label="Your message",
        min_length=20,
        max_length=BODY_MAX,
        rows=8,
        help_text="What you would like to have done or to ask, your history with it, and when "
        "you could come in. Only the doctor reads this.",
    )
