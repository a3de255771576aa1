from allauth.account import forms as allauth_forms
from django import forms
from django.db.models import Value
from django.db.models.functions import Lower

from accounts.models import Role, User
from accounts.validators import normalize_display_name, validate_display_name

ROLE_CHOICES = [
    (Role.PATIENT, "I am a patient"),
    (Role.DOCTOR, "I am a doctor"),
]


class DisplayNameField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("validators", [validate_display_name])
        kwargs.setdefault(
            "help_text",
            "Shown on everything you post. Other members never see your email address.",
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalize_display_name(super().to_python(value))


DISPLAY_NAME_TAKEN = "This display name is taken. Please choose another."


def display_name_taken(name: str, *, exclude: User | None = None) -> bool:
    # The same comparison as the unique constraint on Lower("display_name"), done by the database.
    users = User.objects.alias(lower_name=Lower("display_name")).filter(
        lower_name=Lower(Value(name))
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form (email, password twice) with a role and a display name."""

    field_order = ["role", "display_name", "email", "password1", "password2"]

    role = forms.ChoiceField(
        label="I am signing up as",
        choices=ROLE_CHOICES,
        initial=Role.PATIENT,
        widget=forms.RadioSelect,
        help_text="Doctors apply for verification after signing up; only verified doctors "
        "answer questions.",
    )
    display_name = DisplayNameField(
        label="Display name",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"]
        if display_name_taken(name):
            raise forms.ValidationError(DISPLAY_NAME_TAKEN)
        return name


class ProfileForm(forms.ModelForm):
    display_name = DisplayNameField(label="Display name")

    class Meta:
        model = User
        fields = ["display_name"]

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"]
        if display_name_taken(name, exclude=self.instance):
            raise forms.ValidationError(DISPLAY_NAME_TAKEN)
        return name


class NotificationsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "notify_answers",
            "notify_followed",
            "notify_replies",
            "notify_treatments",
            "notify_verification",
            "notify_updates",
            "notify_digest",
            "notify_consultations",
        ]
        labels = {
            "notify_answers": "A doctor answers my question",
            "notify_followed": "A doctor answers a question I follow",
            "notify_replies": "A doctor replies to my review",
            "notify_treatments": "A patient asks a question about a treatment I follow",
            "notify_verification": "A moderator decides on my doctor application",
            "notify_updates": "A patient adds an update to a question I answered",
            "notify_digest": "Once a day: new unanswered questions in the treatments I follow",
            "notify_consultations": "A new message in one of my consultations (the email says "
            "who wrote, not what)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.is_doctor:
            # What only doctors ever get is not offered to patients.
            del self.fields["notify_verification"]
            del self.fields["notify_updates"]
            del self.fields["notify_digest"]
        else:
            # Doctors follow treatments on their dashboard, for the daily digest instead.
            del self.fields["notify_treatments"]
