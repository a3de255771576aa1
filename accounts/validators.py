import re

from django.core.exceptions import ValidationError

# Letters of any alphabet, digits, spaces and . _ ' - ; nothing that looks like an email.
DISPLAY_NAME_CHARS = re.compile(r"^[^\W_](?:[\w .'\-]*[^\W_.\-'])?$")
# Names that would pass a member off as staff or a doctor: doctors are shown by their
# verified profile, never by a display name.
IMPERSONATING = re.compile(r"^(dr\b|doctor\b)|moderator|docanswers|\badmin", re.IGNORECASE)


def validate_display_name(value: str) -> None:
    name = " ".join(value.split())
    if len(name) < 3:
        raise ValidationError("Use at least 3 characters.", code="too_short")
    if not DISPLAY_NAME_CHARS.match(name):
        raise ValidationError(
            "Use letters, numbers, spaces and . _ ' - only, starting and ending with a letter "
            "or number.",
            code="invalid_characters",
        )
    if IMPERSONATING.search(name):
        raise ValidationError(
            "Display names can't suggest a title or a staff role (Dr, Doctor, Moderator, "
            "Admin, DocAnswers).",
            code="impersonating",
        )
