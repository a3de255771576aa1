"""schema.org pieces shared by the JSON-LD of several pages (questions, doctor profiles)."""


def person(name: str, url: str = "") -> dict:
    data = {"@type": "Person", "name": name}
    if url:
        data["url"] = url
    return data
