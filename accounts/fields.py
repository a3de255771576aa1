"""Form fields for members' text, used alike by every app's forms."""

from django import forms


class SquashedCharField(forms.CharField):
    """One line of text: runs of spaces become one before the length is checked."""

    def to_python(self, value) -> str:
        return " ".join(super().to_python(value).split())


class PlainTextField(forms.CharField):
    """Paragraphs of plain text, kept as typed; padding with spaces or blank lines does not
    count towards the minimum length."""

    def __init__(self, *, min_length: int, rows: int = 8, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(min_length=min_length, **kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        if value and len(" ".join(value.split())) < self.min_length:
            raise forms.ValidationError(
                f"Please write at least {self.min_length} characters.", code="min_length"
            )
