"""What search engines read: schema.org JSON-LD for question pages.

Only what every visitor sees goes in: published answers, and photos only when the asker let
everyone see them.
"""

from forum.models import PhotoVisibility, Question
from web.structured import person


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
            "author": person(
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
        "author": person(question.author_name),
        "suggestedAnswer": suggested,
    }
    images = [absolute(photo.thumb_url) for photo in public_photos(question, photos)]
    if images:
        entity["image"] = images
    return {"@context": "https://schema.org", "@type": "QAPage", "mainEntity": entity}
