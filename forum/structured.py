"""What search engines read: schema.org JSON-LD for question pages and doctor profiles.

Only what every visitor sees goes in: published answers, and photos only when the asker let
everyone see them.
"""

from forum.models import PhotoVisibility, Question


def _person(name: str, url: str = "") -> dict:
    person = {"@type": "Person", "name": name}
    if url:
        person["url"] = url
    return person


def public_photos(question: Question, photos) -> list:
    if question.photo_visibility != PhotoVisibility.EVERYONE or not question.is_visible:
        return []
    return [photo for photo in photos if not photo.is_hidden]


def qa_page(absolute, question: Question, answers, photos) -> dict:
    """`absolute(path)` makes a full URL; `answers` are the published ones, in page order."""
    suggested = [
        {
            "@type": "Answer",
            "text": f"{answer.headline}\n\n{answer.body}",
            "dateCreated": answer.created_at.isoformat(),
            "upvoteCount": answer.helpful_count,
            "url": absolute(answer.get_absolute_url()),
            "author": _person(
                answer.doctor.display_name,
                absolute(answer.doctor.get_absolute_url()) if answer.doctor.is_verified else "",
            ),
        }
        for answer in answers
    ]
    entity = {
        "@type": "Question",
        "name": question.title,
        "text": question.body,
        "answerCount": len(suggested),
        "dateCreated": question.created_at.isoformat(),
        "author": _person(question.author_name),
        "suggestedAnswer": suggested,
    }
    images = [absolute(photo.thumb_url) for photo in public_photos(question, photos)]
    if images:
        entity["image"] = images
    return {"@context": "https://schema.org", "@type": "QAPage", "mainEntity": entity}


def physician(absolute, doctor) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Physician",
        "name": doctor.display_name,
        "url": absolute(doctor.get_absolute_url()),
        "description": doctor.practice_line,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": doctor.city,
            "addressRegion": doctor.region,
            "addressCountry": doctor.country,
        },
    }
    if doctor.specialty_id:
        data["medicalSpecialty"] = doctor.specialty.name
    if doctor.headshot_key:
        data["image"] = absolute(doctor.headshot_large_url)
    if doctor.review_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(doctor.rating_average),
            "reviewCount": doctor.review_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return data
