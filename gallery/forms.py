from django import forms

import photos
from accounts.fields import PlainTextField
from gallery.models import TimeAfter
from treatments.models import Treatment

CONSENT_LABEL = (
    "The patient in these photos gave me their written consent to publish them on DocAnswers, "
    "and I keep that consent on record."
)


class PairForm(forms.Form):
    """A doctor's before-and-after pair. Both photos are re-encoded while the form is cleaned,
    so a photo we can't read is a message on the form and nothing is stored."""

    treatment = forms.ModelChoiceField(
        queryset=Treatment.objects.order_by("name"), empty_label="Choose the treatment"
    )
    before = forms.FileField(
        label="Before photo", widget=forms.ClearableFileInput(attrs={"accept": photos.ACCEPT})
    )
    after = forms.FileField(
        label="After photo", widget=forms.ClearableFileInput(attrs={"accept": photos.ACCEPT})
    )
    time_after = forms.ChoiceField(label="When the after photo was taken", choices=TimeAfter)
    caption = PlainTextField(
        label="Caption",
        min_length=10,
        max_length=600,
        rows=4,
        help_text="What was done and what the photos show. Don't name the patient.",
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        error_messages={
            "required": "Confirm that the patient gave written consent: without it we can't "
            "publish their photos."
        },
    )

    def clean_before(self) -> photos.ProcessedPhoto:
        return self._processed("before")

    def clean_after(self) -> photos.ProcessedPhoto:
        return self._processed("after")

    def _processed(self, field: str) -> photos.ProcessedPhoto:
        try:
            return photos.process(self.cleaned_data[field])
        except photos.PhotoRejected as rejection:
            raise forms.ValidationError(str(rejection)) from None
