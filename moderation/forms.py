from django import forms

from moderation.models import ReportReason


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong with it?", choices=ReportReason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label="Tell the moderators more",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed for “Something else”.",
    )

    def __init__(self, *args, privacy: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if privacy:
            self.fields["details"].help_text += f" {privacy}"

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("reason") == ReportReason.OTHER and not cleaned.get("details", "").strip():
            self.add_error("details", "Please say what is wrong, so a moderator can judge it.")
        return cleaned
