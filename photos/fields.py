"""The form field for several photos at once, used by every form that takes photos."""

from django import forms

import photos


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """A list of uploaded files; an empty or unreadable file is named in the message. The
    files are decoded later, by photos.process, where the form's clean method does it."""

    widget = MultipleFileInput

    def clean(self, data, initial=None) -> list:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned, errors = [], []
        for file in files:
            if getattr(file, "size", None) == 0:
                errors.append(f"“{photos.shown_name(file.name)}” is empty.")
                continue
            try:
                cleaned.append(super().clean(file, initial))
            except forms.ValidationError as error:
                name = photos.shown_name(getattr(file, "name", ""))
                errors.append(f"“{name}”: {' '.join(error.messages)}")
        if errors:
            raise forms.ValidationError(errors)
        return cleaned
