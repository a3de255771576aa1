import re
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.text import slugify

import photos
from accounts.fields import PlainTextField
from doctors import places
from doctors.models import DoctorProfile, Experience, Review, Specialty, Status, WorthIt
from doctors.services import editable_fields

TREATMENT_NAME = re.compile(r"^[^\W_][\w .+'/&()\-]*$")
CREDENTIAL = re.compile(r"^[A-Za-z][A-Za-z.()]{0,11}$")
PHONE = re.compile(r"\+?[\d (). -]+(?: ?(?:ext\.?|x) ?\d{1,6})?", re.IGNORECASE)


class CredentialsField(forms.CharField):
    """ "MD, FACS" as an ordered list of short credentials."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def clean(self, value) -> list[str]:
        if isinstance(value, list):  # a disabled field keeps the stored list
            return value
        text = super().clean(value) or ""
        credentials = [part.strip() for part in text.split(",") if part.strip()]
        if len(credentials) > 6:
            raise forms.ValidationError("List at most 6 credentials.")
        for credential in credentials:
            if not CREDENTIAL.match(credential):
                raise forms.ValidationError(
                    f"“{credential[:20]}” doesn't look like a credential: use letters and dots, "
                    "e.g. MD, DO, FACS, DDS."
                )
        return credentials


class ApplicationForm(forms.ModelForm):
    """The doctor's profile and licence. Fields a verified doctor may not change are disabled."""

    credentials = CredentialsField(
        required=False,
        help_text="In the order you use them, separated by commas: MD, FACS.",
    )
    specialty = forms.ModelChoiceField(
        queryset=Specialty.objects.all(),
        required=False,
        empty_label="Choose your specialty",
        help_text="Missing yours? Write to us and a moderator will add it.",
    )
    headshot = forms.FileField(
        required=False,
        label="Photo of you",
        help_text="A friendly, recent headshot. JPEG, PNG, WebP or HEIC, up to 15 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": photos.ACCEPT}),
    )

    class Meta:
        model = DoctorProfile
        fields = [
            "name",
            "credentials",
            "specialty",
            "practice_name",
            "city",
            "region",
            "country",
            "street_address",
            "postal_code",
            "phone",
            "website",
            "accepts_consultations",
            "bio",
            "headshot",
            "licence_number",
            "licence_jurisdiction",
            "licence_expires_on",
            "board_certification",
        ]
        labels = {
            "licence_jurisdiction": "Licence issued by",
            "street_address": "Practice address",
            "accepts_consultations": "Take consultation requests from patients",
        }
        help_texts = {
            "name": "As on your licence, e.g. Sam Naficy. Shown with every answer.",
            "city": "Shown under every answer: “Seattle Facial Plastic Surgeon”.",
            "street_address": "Street and suite, shown on your profile.",
            "postal_code": "Patients nearby find you by it, e.g. 98109.",
            "phone": "The number patients call to book, e.g. (206) 555-0142.",
            "accepts_consultations": "Your profile shows a “Request a consultation” button: "
            "patients write to you privately, and you reply from your consultations page.",
            "licence_number": "Only moderators see it.",
            "licence_jurisdiction": "e.g. Washington State Department of Health.",
            "licence_expires_on": "The last day your licence is valid. We remind you 30 days "
            "before; after it, you cannot answer until we have checked the renewed licence.",
        }
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            "licence_expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.processed_headshot = None
        # A draft may be saved half-filled, but these are needed before it can be sent.
        for name in DoctorProfile.REQUIRED_FOR_REVIEW:
            self.fields[name].needed_later = True
        editable = editable_fields(self.instance)
        if editable is not None:
            for name, field in self.fields.items():
                if name not in editable and name != "headshot":
                    field.disabled = True
                    field.help_text = (
                        "Being checked by a moderator; it can't change meanwhile."
                        if self.instance.status == Status.PENDING
                        else "Checked by a moderator. Write to us to change it."
                    )

    def clean_licence_expires_on(self):
        ends = self.cleaned_data.get("licence_expires_on")
        if self.fields["licence_expires_on"].disabled:
            return ends  # as a moderator checked it; not the doctor's to change now
        today = timezone.localdate()
        if ends is not None and ends < today:
            raise forms.ValidationError(
                "This date has passed. Enter the date your current licence is valid until."
            )
        if ends is not None and ends > today + timedelta(days=15 * 366):
            raise forms.ValidationError("Check the year: that is more than 15 years from now.")
        return ends

    def clean_postal_code(self) -> str:
        code = " ".join(self.cleaned_data.get("postal_code", "").split())
        if code and places.zip_point(code) is None:
            raise forms.ValidationError(
                f"We don't know the ZIP code “{code[:10]}”. Enter your practice's 5-digit US "
                "ZIP code, e.g. 98109."
            )
        return code

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data.get("phone", "").split())
        digits = re.sub(r"\D", "", phone)
        if phone and (not PHONE.fullmatch(phone) or not 10 <= len(digits) <= 15):
            raise forms.ValidationError(
                "Enter the phone number with its area code, using digits, spaces, dashes, "
                "dots or brackets, e.g. (206) 555-0142."
            )
        return phone

    def clean_headshot(self):
        upload = self.cleaned_data.get("headshot")
        if upload:
            try:
                self.processed_headshot = photos.process(upload)
            except photos.PhotoRejected as rejection:
                raise forms.ValidationError(str(rejection)) from None
        return upload

    def profile_fields(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "headshot" and not self.fields[name].disabled
        }


class MonthField(forms.DateField):
    """A month as <input type="month"> sends it ("2026-03"), stored as its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m"]

    def __init__(self, **kwargs):
        super().__init__(input_formats=self.input_formats, **kwargs)


class ReviewForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label="Your rating",
        coerce=int,
        choices=[(stars, f"{stars} star{'s' if stars > 1 else ''}") for stars in range(5, 0, -1)],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose from 1 to 5 stars."},
    )
    experience = forms.ChoiceField(
        label="Your review is based on",
        choices=Experience.choices,
        widget=forms.RadioSelect,
        help_text="Readers can choose to see only reviews from patients who had the treatment.",
        error_messages={"required": "Say whether you had the treatment or a consultation."},
    )
    title = forms.CharField(min_length=5, max_length=120, help_text="Your experience in a line.")
    body = PlainTextField(
        label="Your review",
        min_length=30,
        max_length=5000,
        rows=6,
        help_text="What was done, how the doctor explained it, and how it turned out.",
    )
    treatment_name = forms.CharField(
        label="Treatment",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"list": "treatment-suggestions", "autocomplete": "off"}),
    )
    treated_in = MonthField(label="Month of your visit", required=False)
    worth_it = forms.ChoiceField(
        label="Worth it?", choices=WorthIt.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = Review
        fields = [
            "rating",
            "experience",
            "title",
            "body",
            "treatment_name",
            "worth_it",
            "cost_range",
            "treated_in",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cost_range"].required = False
        if self.instance.pk and self.instance.treatment_id:
            self.initial["treatment_name"] = self.instance.treatment.name

    def clean_treatment_name(self) -> str:
        name = " ".join(self.cleaned_data["treatment_name"].split())
        if name and (not TREATMENT_NAME.match(name) or not slugify(name, allow_unicode=True)):
            raise forms.ValidationError("Use the treatment's name: letters, numbers and spaces.")
        return name


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label="Your public reply",
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leave it empty to remove your reply.",
    )
