from django import forms

TOPICS = [
    ("using", "My account, or using DocAnswers"),
    ("doctors", "Doctor verification"),
    ("privacy", "Privacy or my data"),
    ("safety", "A post, or a safety concern"),
    ("other", "Something else"),
]


class ContactForm(forms.Form):
    name = forms.CharField(
        label="Your name",
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="We reply to this address, and use it for nothing else.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    topic = forms.ChoiceField(
        label="What is it about?",
        choices=[("", "Choose a topic"), *TOPICS],
        error_messages={"required": "Please choose what your message is about."},
    )
    message = forms.CharField(
        label="Your message",
        min_length=20,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Please leave out medical details and photos: the team cannot give medical "
        "advice. To ask doctors, post a question.",
        error_messages={
            "min_length": "Please tell us a little more (at least 20 characters), so that we "
            "can help.",
        },
    )

    def topic_label(self) -> str:
        return dict(TOPICS)[self.cleaned_data["topic"]]
