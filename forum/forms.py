import re
import unicodedata

from django import forms
from django.urls import reverse
from django.utils.text import slugify
from taggit.forms import TagField, TagWidget

import photos
from accounts.fields import PlainTextField, SquashedCharField
from forum.models import (
    VISIBILITY_EXPLAINED,
    Answer,
    PatientStatus,
    Photo,
    PhotoVisibility,
    Question,
)
from photos.fields import MultipleFileInput, PhotosField

MAX_TREATMENTS = 5
# Starts with a letter or digit, so that every treatment has a non-empty slug for its page.
TREATMENT_NAME = re.compile(r"^[^\W_][\w .+'/&()\-]*$")


def valid_treatment(name: str) -> bool:
    return (
        len(name) <= 50
        and TREATMENT_NAME.match(name) is not None
        and bool(slugify(name, allow_unicode=True))
    )


class TreatmentsField(TagField):
    """Comma-separated treatment names: 1 to 5, each a short plain name."""

    def clean(self, value) -> list[str]:
        names = super().clean(value)
        if not names:
            raise forms.ValidationError("Add at least one treatment, such as Botox.")
        if len(names) > MAX_TREATMENTS:
            raise forms.ValidationError(
                f"Choose at most {MAX_TREATMENTS} treatments; you gave {len(names)}."
            )
        for name in names:
            if not valid_treatment(name):
                raise forms.ValidationError(
                    f"“{name[:50]}” isn't a treatment name we can use: up to 50 letters, "
                    "numbers and spaces."
                )
        return names


class VisibilitySelect(forms.RadioSelect):
    option_template_name = "forum/partials/visibility_option.html"

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["explanation"] = VISIBILITY_EXPLAINED.get(option["value"], "")
        return option


def triage_attrs(target: str, include: str) -> dict:
    """With JavaScript, the text is checked for urgent symptoms as the patient types, so the
    "This may need urgent care" box appears before they post (forum.triage)."""
    return {
        "data-hx-post": reverse("forum:triage_check"),
        "data-hx-trigger": "input changed delay:800ms",
        "data-hx-target": target,
        "data-hx-swap": "innerHTML",
        "data-hx-include": include,
    }


class PhotoUploadsMixin:
    """Photos decoded and re-encoded during validation, so a bad file is reported on the form
    (naming the file) before anything is saved. `new_photos` holds (processed photo, alt
    text); `existing_photos` are the ones already kept, which the form may remove."""

    existing_photos: list[Photo] = []

    def setup_photos(self, existing: list[Photo]) -> None:
        self.existing_photos = existing
        self.new_photos: list[tuple[photos.ProcessedPhoto, str]] = []
        self.removed_photos: list[Photo] = []
        self.alt_texts: dict[Photo, str] = {}

    @property
    def alt_values(self) -> list[str]:
        """The descriptions typed for new photos, kept when the form comes back with errors."""
        return [self.alt_text_from_data(f"alt_{index}") for index in range(photos.MAX_PHOTOS)]

    def alt_text_from_data(self, key: str) -> str:
        text = self.data.get(key, "") if self.data else ""
        printable = "".join(char for char in str(text) if unicodedata.category(char)[0] != "C")
        return " ".join(printable.split())[:200]

    def clean_photos(self) -> list:
        uploads = self.cleaned_data["photos"]
        removed_ids = set(self.data.getlist("remove_photo")) if self.data else set()
        self.removed_photos = [p for p in self.existing_photos if str(p.pk) in removed_ids]
        kept = len(self.existing_photos) - len(self.removed_photos)
        if kept + len(uploads) > photos.MAX_PHOTOS:
            raise forms.ValidationError(
                f"{self.photo_limit_noun} can have at most {photos.MAX_PHOTOS} photos; you chose "
                f"{kept + len(uploads)}. Remove some and send again."
            )
        errors = []
        for index, upload in enumerate(uploads):
            try:
                processed = photos.process(upload)
            except photos.PhotoRejected as rejection:
                errors.append(str(rejection))
                continue
            self.new_photos.append((processed, self.alt_text_from_data(f"alt_{index}")))
        if errors:
            self.new_photos = []
            raise forms.ValidationError(errors)
        for photo in self.existing_photos:
            if photo not in self.removed_photos and f"alt_existing_{photo.pk}" in self.data:
                self.alt_texts[photo] = self.alt_text_from_data(f"alt_existing_{photo.pk}")
        return uploads


def photos_field() -> PhotosField:
    return PhotosField(
        required=False,
        label="Photos",
        help_text="Up to 6 JPEG, PNG, WebP, GIF or HEIC photos, 15 MB each. We remove location "
        "and camera data before anyone sees them.",
        widget=MultipleFileInput(attrs={"accept": photos.ACCEPT}),
    )


class QuestionForm(PhotoUploadsMixin, forms.ModelForm):
    """Ask or edit a question: text, treatments, photos and who may see the photos, and
    whether search engines may show it."""

    photo_limit_noun = "A question"

    title = SquashedCharField(
        min_length=10,
        max_length=150,
        help_text="A specific question, e.g. “Facial pain after two treatments of Botox in jaw?”",
    )
    body = PlainTextField(
        label="Details",
        min_length=30,
        max_length=5000,
        help_text="What was done and when, what you see or feel now, and what you want to know. "
        "Plain text; links are shown but not followed by search engines.",
    )
    treatments = TreatmentsField(
        help_text="Up to 5, separated by commas, e.g. Botox, Masseter reduction.",
        widget=TagWidget(attrs={"list": "treatment-suggestions", "autocomplete": "off"}),
    )
    photos = photos_field()
    photo_visibility = forms.ChoiceField(
        label="Who can see the photos",
        choices=PhotoVisibility.choices,
        initial=PhotoVisibility.MEMBERS,
        widget=VisibilitySelect,
    )
    noindex = forms.BooleanField(
        required=False,
        label="Don't show this question in search engines",
        help_text="It stays on DocAnswers for everyone to read, but we ask Google and others "
        "not to list it, and leave it out of our sitemap and feeds.",
    )

    class Meta:
        model = Question
        fields = ["title", "body", "treatments", "photos", "photo_visibility", "noindex"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "body"):
            self.fields[name].widget.attrs.update(
                triage_attrs("#triage", "[name=title], [name=body], [name=treatments]")
            )
        self.setup_photos(
            list(self.instance.photos.filter(update__isnull=True)) if self.instance.pk else []
        )


STATUS_UNCHANGED = ""


class UpdateForm(PhotoUploadsMixin, forms.Form):
    """The asker's follow-up: what has happened since, photos, and where things stand."""

    photo_limit_noun = "An update"

    status_set = forms.ChoiceField(
        label="Where things stand",
        required=False,
        choices=[(STATUS_UNCHANGED, "No change"), *PatientStatus.choices],
        help_text="Shown next to your question's title, so doctors see it at a glance.",
    )
    body = PlainTextField(
        label="What has happened since",
        required=False,
        min_length=10,
        max_length=3000,
        rows=5,
        help_text="For example how it looks or feels now, what your own doctor said, what you "
        "tried. Plain text.",
    )
    photos = photos_field()

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields["body"].widget.attrs.update(triage_attrs("#triage-update", "closest form"))
        self.setup_photos([])

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status_set")
        changed = status and status != self.question.patient_status
        if not self.errors and not (cleaned.get("body") or changed or self.new_photos):
            raise forms.ValidationError(
                "Write what has happened, add a photo, or choose a new status."
            )
        return cleaned


class AnswerForm(forms.ModelForm):
    headline = SquashedCharField(
        min_length=5,
        max_length=120,
        help_text="Your answer in one line, e.g. “Botox is never permanent”.",
    )
    body = PlainTextField(
        label="Your answer",
        min_length=50,
        max_length=5000,
        help_text="Plain text. Speak to the patient; avoid a diagnosis you could not make "
        "without an examination.",
    )

    class Meta:
        model = Answer
        fields = ["headline", "body"]


class FollowedTreatmentsForm(forms.Form):
    treatments = forms.CharField(
        required=False,
        label="Treatments you follow",
        help_text="Separated by commas. Unanswered questions about them come first on your "
        "dashboard.",
        widget=forms.TextInput(attrs={"list": "treatment-suggestions", "autocomplete": "off"}),
    )
