"""How treatments are typed: names separated by commas ("Botox, Masseter reduction").

django-taggit's default also splits on spaces when there is no comma, which would turn
"Laser resurfacing" into two treatments.
"""


def treatments_from_string(text: str) -> list[str]:
    names: dict[str, str] = {}
    for part in (text or "").split(","):
        name = " ".join(part.replace('"', "").split())
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


def treatments_to_string(tags) -> str:
    return ", ".join(sorted(tag.name for tag in tags))
