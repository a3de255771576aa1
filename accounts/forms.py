from allauth.account import forms as allauth_forms
from django import forms

from accounts.models import Role, User
from accounts.validators import validate_display_name

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

    def clean(self, value):
        return " ".join(super().clean(value).split())


def display_name_taken(name: str, *, exclude: User | None = None) -> bool:
    users = User.objects.filter(display_name__iexact=name)
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
            raise forms.ValidationError("This display name is taken. Please choose another.")
        return name


class ProfileForm(forms.ModelForm):
    display_name = DisplayNameField(label="Display name")

    class Meta:
        model = User
        fields = ["display_name"]

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"]
        if display_name_taken(name, exclude=self.instance):
            raise forms.ValidationError("This display name is taken. Please choose another.")
        return name
