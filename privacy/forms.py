from django import forms


class DeleteAccountForm(forms.Form):
    KEEP, DELETE = "keep", "delete"
    posts = forms.ChoiceField(
        label="What should happen to your questions and reviews?",
        widget=forms.RadioSelect,
        choices=[
            (
                KEEP,
                "Leave them up as “Former member”: doctors' answers stay useful to others. "
                "Your name and your photos are removed.",
            ),
            (DELETE, "Delete them, with the doctors' answers to your questions."),
        ],
    )
    confirm = forms.CharField(
        label="Type DELETE to confirm",
        help_text="This can't be undone.",
        max_length=10,
    )

    def clean_confirm(self) -> str:
        if self.cleaned_data["confirm"].strip().upper() != "DELETE":
            raise forms.ValidationError("Type DELETE, in capitals, to confirm.")
        return self.cleaned_data["confirm"]
