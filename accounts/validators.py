import re
import unicodedata

from django.core.exceptions import ValidationError

# Letters of any alphabet, digits, spaces and . _ ' - ; nothing that looks like an email.
DISPLAY_NAME_CHARS = re.compile(r"^[^\W_](?:[\w .'\-]*[^\W_.\-'])?$")
# Names that would pass a member off as staff or a doctor: doctors are shown by their
# verified profile, never by a display name.
IMPERSONATING = re.compile(
    r"^(dr|doc|doctor|prof|professor)\b"
    r"|\b(m\.?d|d\.?d\.?s|d\.?m\.?d|ph\.?d|facs|np|rn)\b\.?$"
    r"|moderator|docanswers|\badmin",
    re.IGNORECASE,
)
# Alphabets whose letters look alike: "Dг" (Cyrillic ge) passes for "Dr".
LOOKALIKE_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK"}


def normalize_display_name(value: str) -> str:
    """NFKC folds fullwidth and compatibility letters ("Ｄｒ", "K" Kelvin) into plain ones."""
    return " ".join(unicodedata.normalize("NFKC", value).split())


def scripts_of(name: str) -> set[str]:
    return {unicodedata.name(char, "?").split()[0] for char in name if char.isalpha()}


def validate_display_name(value: str) -> None:
    name = normalize_display_name(value)
    if len(name) < 2:
        raise ValidationError("Use at least 2 characters.", code="too_short")
    if not DISPLAY_NAME_CHARS.match(name):
        raise ValidationError(
            "Use letters, numbers, spaces and . _ ' - only, starting and ending with a letter "
            "or number.",
            code="invalid_characters",
        )
    if len(scripts_of(name) & LOOKALIKE_SCRIPTS) > 1:
        raise ValidationError(
            "Use one alphabet: Latin, Cyrillic and Greek letters can't be mixed.",
            code="mixed_scripts",
        )
    if IMPERSONATING.search(name):
        raise ValidationError(
            "Display names can't suggest a title, a credential or a staff role (Dr, MD, "
            "Moderator, Admin, DocAnswers).",
            code="impersonating",
        )
