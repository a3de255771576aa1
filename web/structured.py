"""schema.org pieces for the JSON-LD of question pages: the asker and the answering doctors."""


def person(name: str, url: str = "") -> dict:
    data = {"@type": "Person", "name": name}
    if url:
        data["url"] = url
    return data
